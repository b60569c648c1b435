"""The pages of the site: one of each template (known from the content before the build
runs), and those that show every component of the theme (known from the build).

What a page shows in a browser is decided by its template (the home page, the search page,
an article, a page, the contact, awards and glossary pages, the 404 page) and by the
components its content uses (a table, a risk array, an illustration, the worksheet...).
The browser checks run on every page where its words decide the result (reflow, text at
200%), on one page of each template (`template_paths`) where the template alone does (the
skip link, what a page loads), and on the pages that show every template and component
(`representative_paths`) where both do (axe, the keyboard); tests that read the HTML check
every page.
"""

import re
from dataclasses import dataclass

from conftest import CONTENT, THEME_STATIC

from implant_guide.languages import DEFAULT_LANGUAGE, LANGUAGE_PAGES, LANGUAGES
from implant_guide.sources import MarkdownSource

HOME = "index"
NOT_FOUND = "404"
STYLE_SHEET = THEME_STATIC / "css" / "main.css"


@dataclass(frozen=True)
class SitePage:
    """A page of the site: where it is served, its template and its language."""

    path: str
    template: str
    lang: str


def _content_page(source: MarkdownSource, lang: str, template: str) -> SitePage:
    save_as = source.field("save_as")
    path = save_as.value if save_as else f"{LANGUAGES[lang].prefix}{source.field('slug').value}/"
    if source.field("status") is not None:
        template = NOT_FOUND  # the hidden page the web server shows for a missing one
    elif source.field("template"):
        template = source.field("template").value
    return SitePage(f"/{path}", template, lang)


def site_pages() -> list[SitePage]:
    """Every page: in each language, its home and search pages, then each article and page
    at its slug (or at its Save_as file)."""
    pages = []
    for lang in LANGUAGES:
        pages += [SitePage(f"/{urls[lang]}", name, lang) for name, urls in LANGUAGE_PAGES.items()]
        folder = "" if lang == DEFAULT_LANGUAGE else lang
        for kind, template in (("articles", "article"), ("pages", "page")):
            for path in sorted((CONTENT / kind / folder).glob("*.md")):
                pages.append(_content_page(MarkdownSource(path), lang, template))
    return pages


def template_paths() -> list[str]:
    """The first page of each template, and the home page of each other language (its
    header and footer, its language switch)."""
    chosen = {}
    for page in site_pages():
        if page.lang == DEFAULT_LANGUAGE or page.template == HOME:
            chosen.setdefault((page.template, page.lang), page.path)
    return list(chosen.values())


def chrome_paths() -> list[str]:
    """The pages that show each form of the header and footer, which every page shares: the
    home page, and the search page, whose header has no search box."""
    return [f"/{urls[DEFAULT_LANGUAGE]}" for urls in LANGUAGE_PAGES.values()]


def styled_classes() -> set[str]:
    """The class names the theme's style sheet gives a look to."""
    css = re.sub(r"/\*.*?\*/", "", STYLE_SHEET.read_text(encoding="utf-8"), flags=re.S)
    return set(re.findall(r"\.([A-Za-z][\w-]*)", css))


def _in_other_language(site, file) -> bool:
    return any(
        site.name(file).startswith(lang.prefix) for lang in LANGUAGES.values() if lang.prefix
    )


def representative_paths(site) -> list[str]:
    """`template_paths`, then, one at a time, the page of the built `site` that shows the
    most styled classes (the theme's components) not shown so far, the default language's
    first among equals, until every one is shown."""
    styled = styled_classes()
    shown_on = {}
    for file in sorted(site.html_files(), key=lambda file: _in_other_language(site, file)):
        tags = site.soup(file).body.find_all(True)
        classes = {name for tag in tags for name in tag.get("class", [])}
        shown_on[f"/{site.name(file).removesuffix('index.html')}"] = classes & styled
    chosen = template_paths()
    shown = set().union(*(shown_on[path] for path in chosen))
    while True:
        best = max(shown_on, key=lambda path: len(shown_on[path] - shown))
        if not shown_on[best] - shown:
            return chosen
        chosen.append(best)
        shown |= shown_on[best]
