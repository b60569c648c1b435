"""Every reference in a generated site, and checks that each one leads somewhere that works.

`SiteLinks` parses each HTML, CSS and XML file of an output folder once. The check
functions return failure messages naming the file, the element, the target and the reason.
"""

import re
import xml.etree.ElementTree as ElementTree
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from implant_guide.languages import LANGUAGES

HOME = "index.html"
UNLINKED_PAGES = {f"{language.prefix}404.html" for language in LANGUAGES.values()}
"""The 404 page of each language: the web server shows it on errors; no link leads there."""
LOCAL_SITE = "https://site.invalid/"  # stands in for SITEURL when a build has none
URL_ATTRIBUTES = ("href", "xlink:href", "src", "action")
SRCSET_ATTRIBUTES = ("srcset", "imagesrcset")
# Where a reader can go from a page: links, and forms (by sending them).
HYPERLINKS = {("a", "href"), ("area", "href"), ("form", "action")}
SOCIAL_META = ("og:image", "og:url", "twitter:image")

CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)""", re.DOTALL)
SRCSET_URL = re.compile(r"[\s,]*(\S+)")
EMAIL = r"[\w.!#$%&'*+/=^`{|}~-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+"
MAILTO_FIELD = r"[a-z][a-z0-9-]*=(?:[^%&#\s]|%[0-9a-f]{2})*"
MAILTO = re.compile(
    rf"mailto:{EMAIL}(?:,{EMAIL})*(?:\?{MAILTO_FIELD}(?:&{MAILTO_FIELD})*)?", re.IGNORECASE
)
TEL = re.compile(r"tel:\+\d+(?:-\d+)*", re.IGNORECASE)


@dataclass(frozen=True)
class Reference:
    """One URL written in a generated file."""

    page: str  # the file it is written in, relative to the output folder
    element: str  # where in that file, e.g. '<a href="../x/">' or '<link rel="icon">'
    target: str  # the URL exactly as written
    hyperlink: bool = False  # a reader can follow it: <a href>, <area href>, <form action>


@dataclass(frozen=True)
class Target:
    """Where a reference into the site leads."""

    path: str  # percent-decoded, relative to the output folder ("" is the home folder)
    fragment: str


class SiteLinks:
    """The files of a generated site, the references they make and the ids of its pages."""

    def __init__(self, root: Path, site_url: str = ""):
        """Parse the site in `root`, published at `site_url` ("" for relative URLs)."""
        self.root = root
        self.base = f"{site_url.rstrip('/')}/" if site_url else LOCAL_SITE
        self.files = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
        self.references: list[Reference] = []
        self.ids: dict[str, set[str]] = {}
        for name in sorted(self.files):
            if name.endswith(".html"):
                self._read_html(name)
            elif name.endswith(".css"):
                self._add_css(name, "url()", (root / name).read_text(encoding="utf-8"))
            elif name.endswith(".xml"):
                self._read_xml(name)

    @property
    def pages(self) -> list[str]:
        return sorted(self.ids)

    def target(self, reference: Reference) -> Target | None:
        """Where `reference` leads inside the site, or None if it leads elsewhere."""
        url = urlsplit(urljoin(self.base + quote(reference.page), reference.target.strip()))
        base = urlsplit(self.base)
        if url.scheme not in ("http", "https") or url.netloc.lower() != base.netloc.lower():
            return None
        return Target(unquote(url.path).removeprefix(base.path), unquote(url.fragment))

    def served_file(self, path: str) -> str | None:
        """The file a web server sends for `path` (a folder's index.html), or None."""
        if path in self.files:
            return path
        folder = path if path == "" or path.endswith("/") else f"{path}/"
        return f"{folder}index.html" if f"{folder}index.html" in self.files else None

    def is_folder_without_slash(self, path: str) -> bool:
        if not path or path.endswith("/") or path in self.files:
            return False
        return self.served_file(path) is not None

    def _read_html(self, page: str) -> None:
        soup = BeautifulSoup((self.root / page).read_text(encoding="utf-8"), "html.parser")
        ids = set()
        for element in soup.find_all(True):
            if element.get("id"):
                ids.add(element["id"])
            if element.name == "a" and element.get("name"):
                ids.add(element["name"])
            self.references.extend(_html_references(page, element))
            if element.get("style"):
                self._add_css(page, f"<{element.name} style>", element["style"])
            if element.name == "style":
                self._add_css(page, "<style>", element.get_text())
        self.ids[page] = ids

    def _add_css(self, page: str, element: str, css: str) -> None:
        for match in CSS_URL.finditer(CSS_COMMENT.sub("", css)):
            self.references.append(Reference(page, element, match.group(2)))

    def _read_xml(self, page: str) -> None:
        for element in ElementTree.parse(self.root / page).iter():
            name = element.tag.rpartition("}")[2]
            text = (element.text or "").strip()
            if name == "loc" and text:
                self.references.append(Reference(page, "<loc>", text))
            elif name == "link" and "href" in element.attrib:
                rel = element.get("rel", "alternate")
                self.references.append(Reference(page, f'<link rel="{rel}">', element.get("href")))
            elif name == "link" and text:
                self.references.append(Reference(page, "<link>", text))
            elif name == "id" and text.startswith(self.base):
                self.references.append(Reference(page, "<id>", text))


def srcset_urls(srcset: str) -> list[str]:
    """The URLs of a srcset attribute, split as the HTML standard does."""
    urls = []
    position = 0
    while match := SRCSET_URL.match(srcset, position):
        url = match.group(1)
        position = match.end()
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            comma = srcset.find(",", position)
            position = len(srcset) if comma == -1 else comma
        urls.append(url)
    return urls


def _html_references(page: str, element: Tag) -> Iterator[Reference]:
    tag = element.name
    for attribute in URL_ATTRIBUTES:
        if (url := element.get(attribute)) is not None:
            if tag == "link":
                description = f'<link rel="{" ".join(element.get("rel", []))}">'
            else:
                description = f'<{tag} {attribute}="{url}">'
            hyperlink = (tag, attribute) in HYPERLINKS
            yield Reference(page, description, url, hyperlink)
    for attribute in SRCSET_ATTRIBUTES:
        for url in srcset_urls(element.get(attribute, "")):
            yield Reference(page, f"<{tag} {attribute}>", url)
    if tag == "meta" and element.get("content") is not None:
        for key in ("property", "name"):
            if element.get(key) in SOCIAL_META:
                yield Reference(page, f'<meta {key}="{element[key]}">', element["content"])


def _failure(reference: Reference, reason: str) -> str:
    return f"{reference.page}: {reference.element} -> {reference.target!r}: {reason}"


def unresolved_references(site: SiteLinks) -> list[str]:
    """References into the site that lead to no file in the output."""
    failures = []
    for reference in site.references:
        target = site.target(reference)
        if target and site.served_file(target.path) is None:
            wanted = target.path
            if wanted == "" or wanted.endswith("/"):
                wanted += "index.html"
            failures.append(_failure(reference, f"{wanted} is not in the output"))
    return failures


def _fragment_links(site: SiteLinks) -> Iterator[tuple[Reference, str, str]]:
    """Each reference with a #fragment into an existing page: (reference, page, fragment)."""
    for reference in site.references:
        target = site.target(reference)
        if target and target.fragment:
            page = site.served_file(target.path)
            if page in site.ids:
                yield reference, page, target.fragment


def missing_fragments(site: SiteLinks) -> list[str]:
    """References whose #fragment names no element of the page they lead to."""
    return [
        _failure(reference, f'{page} has no element with id "{fragment}"')
        for reference, page, fragment in _fragment_links(site)
        if fragment not in site.ids[page]
    ]


def _malformation(site: SiteLinks, reference: Reference) -> str | None:
    url = reference.target.strip()
    if not url:
        return "the target is empty"
    if url == "#":
        return '"#" leads nowhere'
    scheme = urlsplit(url).scheme.lower()
    if scheme == "javascript":
        return "javascript: URLs are not allowed"
    if scheme == "mailto":
        return None if MAILTO.fullmatch(url) else "not a well-formed email address"
    if scheme == "tel":
        return None if TEL.fullmatch(url) else "tel: must be followed by + and digits and dashes"
    if scheme == "data":
        return None
    target = site.target(reference)
    if target is None:
        return None if scheme == "https" else "external links must use https://"
    if scheme == "http":
        return "links to our own site must not use http://"
    if site.is_folder_without_slash(target.path):
        return f"{target.path} is a folder: end the link with a slash"
    return None


def malformed_targets(site: SiteLinks) -> list[str]:
    """Empty, "#", javascript:, bad mailto: or tel:, http:// and slash-less folder targets."""
    return [
        _failure(reference, problem)
        for reference in site.references
        if (problem := _malformation(site, reference))
    ]


def orphan_pages(site: SiteLinks) -> list[str]:
    """Pages that no chain of links from the home page reaches (404 pages are exempt)."""
    if HOME not in site.ids:
        return [f"{HOME}: the home page is missing"]
    linked = defaultdict(set)
    for reference in site.references:
        target = site.target(reference) if reference.hyperlink else None
        if target and (page := site.served_file(target.path)) in site.ids:
            linked[reference.page].add(page)
    reached = {HOME}
    waiting = [HOME]
    while waiting:
        new = linked[waiting.pop()] - reached
        reached |= new
        waiting.extend(new)
    return [
        f"{page}: no chain of links leads here from {HOME}"
        for page in site.pages
        if page not in reached and page not in UNLINKED_PAGES
    ]


def counts(site: SiteLinks) -> dict[str, int]:
    """How much was checked: pages, references, references into the site, fragments."""
    return {
        "pages": len(site.pages),
        "references": len(site.references),
        "internal links": sum(1 for reference in site.references if site.target(reference)),
        "fragments checked": sum(1 for _ in _fragment_links(site)),
    }
