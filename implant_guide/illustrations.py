"""Illustrations (content/illustrations/*.svg) with their text in each language.

An illustration is one SVG file, written in English. Its words (the `<title>` and `<desc>`
screen readers read, and each `<text>` label) are interface text: `pybabel extract` collects
them into the catalogs with `extract_svg` (babel.cfg), and `translated_svg` writes the
SVG with each of them in the page's language. So a picture and its words in every
language come from one drawing.
"""

import html
import re
from functools import lru_cache
from pathlib import Path

SVG_TEXT = re.compile(r"(<(title|desc|text)\b[^>]*>)([^<]+)(</\2>)")
"""An element whose words are read or shown: its start tag, its text and its end tag."""


def svg_texts(svg: str) -> list[tuple[int, str]]:
    """The words of an SVG, each with the number of its line."""
    return [
        (svg.count("\n", 0, match.start(3)) + 1, " ".join(html.unescape(match.group(3)).split()))
        for match in SVG_TEXT.finditer(svg)
    ]


@lru_cache(maxsize=64)
def _read(path: Path, modified: int) -> str:
    return path.read_text(encoding="utf-8").strip()


def translated_svg(path: Path, text) -> str:
    """The SVG at `path` with its words in the language of `text` (the interface text
    of one language: `theme_text.translations`)."""
    svg = _read(path, path.stat().st_mtime_ns)

    def translate(match: re.Match) -> str:
        words = " ".join(html.unescape(match.group(3)).split())
        return f"{match.group(1)}{html.escape(text.gettext(words), quote=False)}{match.group(4)}"

    return SVG_TEXT.sub(translate, svg)


def extract_svg(fileobj, keywords, comment_tags, options):
    """Babel's extraction method for illustrations: each text of the SVG, at its line."""
    svg = fileobj.read().decode("utf-8")
    for line, words in svg_texts(svg):
        yield line, None, words, []
