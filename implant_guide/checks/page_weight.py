"""What each page of a built site loads, counted from the output files.

A page loads its HTML, then what the HTML refers to (stylesheets, icons, images, scripts,
preloads), then what those stylesheets refer to (`@import`, `url()`: images, fonts).
Each file counts once per page, as one request, by its size and by its size gzipped at
level 9. References must lead to files of the site: anything else raises `ValueError`.

Run ``python -m implant_guide.checks.page_weight output`` for a table.
"""

import gzip
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from implant_guide.policy import MAX_PAGE_GZIP_BYTES, MAX_PAGE_REQUESTS, WEIGHT_EXEMPT_PAGES

DATA_BLOCK_TYPE = "application/ld+json"  # structured data: a <script> that never runs

FONT_SUFFIXES = {".woff", ".woff2", ".ttf", ".otf", ".eot"}
LINKED_RELS = {"stylesheet", "icon", "preload", "modulepreload"}
SITE_BASE = "https://site.invalid/"  # stands in for a site's address when it has none

CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)""", re.DOTALL)
CSS_IMPORT = re.compile(r"""@import\s+(['"])(.*?)\1""")
FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}", re.DOTALL)


@dataclass(frozen=True)
class PageWeight:
    """Everything one page loads: files (relative to the site), requests and bytes."""

    page: str
    files: tuple[str, ...]
    raw_bytes: int
    gzip_bytes: int
    fonts: tuple[str, ...]
    scripts: tuple[str, ...]

    @property
    def requests(self) -> int:
        return len(self.files)

    @property
    def within_budget(self) -> bool:
        return self.gzip_bytes <= MAX_PAGE_GZIP_BYTES and self.requests <= MAX_PAGE_REQUESTS


def gzip_size(data: bytes) -> int:
    """Bytes of `data` gzipped at level 9."""
    return len(gzip.compress(data, compresslevel=9, mtime=0))


class PageLoad:
    """The files one page loads, collected in the order a browser finds them."""

    def __init__(self, root: Path, page: str, site_url: str = ""):
        self.root = root
        self.page = page
        self.base = f"{site_url.rstrip('/')}/" if site_url else SITE_BASE
        self.files = [page]
        self.fonts: list[str] = []
        self.scripts: list[str] = []

    def load_html(self):
        """Count what the page's HTML refers to: links, images, scripts and style blocks."""
        soup = BeautifulSoup((self.root / self.page).read_bytes(), "html.parser")
        for link in soup.find_all("link", href=True):
            if LINKED_RELS & {rel.lower() for rel in link.get("rel", [])}:
                self.add(link["href"], self.page)
        for image in soup.find_all("img", src=True):
            self.add(image["src"], self.page)
        for script in executable_scripts(soup):
            if script.get("src"):
                self.scripts.append(self.add(script["src"], self.page))
            else:
                self.scripts.append(f"inline script in {self.page}")
        for style in soup.find_all("style"):
            self.load_css(style.get_text(), self.page)

    def load_css(self, css: str, base: str):
        """Count what a stylesheet written in file `base` imports or points to with url()."""
        css = CSS_COMMENT.sub("", css)
        for font_face in FONT_FACE.findall(css):
            for _, url in CSS_URL.findall(font_face):
                embedded = url.startswith("data:")
                self.fonts.append(f"data: URL in {base}" if embedded else self.add(url, base))
        for _, url in [*CSS_IMPORT.findall(css), *CSS_URL.findall(css)]:
            if url and not url.startswith(("data:", "#")):
                self.add(url, base)

    def add(self, url: str, base: str) -> str:
        """Count the file `url` (written in file `base`) once; returns its path in the site."""
        target, site = urlsplit(urljoin(self.base + base, url)), urlsplit(self.base)
        path = unquote(target.path).removeprefix(site.path)
        file = self.root / path
        if target.netloc != site.netloc or not file.is_file():
            raise ValueError(f"{self.page}: {url} (in {base}) is not a file of the site")
        if path not in self.files:
            self.files.append(path)
            if file.suffix.lower() in FONT_SUFFIXES:
                self.fonts.append(path)
            if file.suffix.lower() == ".css":
                self.load_css(file.read_text(encoding="utf-8"), path)
        return path


def executable_scripts(soup: BeautifulSoup) -> list[Tag]:
    """The page's <script> elements but JSON-LD data blocks, which browsers never run."""
    return [
        script
        for script in soup.find_all("script")
        if script.get("type", "").strip().lower() != DATA_BLOCK_TYPE
    ]


def page_weight(root: Path, page: str, site_url: str = "") -> PageWeight:
    """What the page at `page` (a path relative to the site's folder `root`) loads; the
    site's own absolute addresses start with `site_url` (a build's SITEURL)."""
    load = PageLoad(Path(root), page, site_url)
    load.load_html()
    contents = [(load.root / file).read_bytes() for file in load.files]
    return PageWeight(
        page=page,
        files=tuple(load.files),
        raw_bytes=sum(len(data) for data in contents),
        gzip_bytes=sum(gzip_size(data) for data in contents),
        fonts=tuple(dict.fromkeys(load.fonts)),
        scripts=tuple(load.scripts),
    )


def site_weights(root: Path, site_url: str = "") -> list[PageWeight]:
    """The weight of every HTML page under `root` (the site at `site_url`), in path order."""
    root = Path(root)
    pages = sorted(path.relative_to(root).as_posix() for path in root.rglob("*.html"))
    return [page_weight(root, page, site_url) for page in pages]


def print_weight_table(root: Path, site_url: str = ""):
    """Print each page's requests, raw bytes and gzip bytes, marking pages over budget."""
    weights = site_weights(root, site_url)
    width = max(len(weight.page) for weight in weights)
    print(f"{'page':<{width}}  requests  raw bytes  gzip bytes")
    for weight in weights:
        over = "" if weight.within_budget or weight.page in WEIGHT_EXEMPT_PAGES else "  over budget"
        print(
            f"{weight.page:<{width}}  {weight.requests:>8}  {weight.raw_bytes:>9}"
            f"  {weight.gzip_bytes:>10}{over}"
        )
    print(
        f"Budget: at most {MAX_PAGE_REQUESTS} requests and {MAX_PAGE_GZIP_BYTES} gzip bytes a page."
    )


if __name__ == "__main__":
    print_weight_table(Path(sys.argv[1] if len(sys.argv) > 1 else "output"))
