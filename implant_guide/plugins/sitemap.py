"""Pelican plugin: sitemap.xml, the pages search engines should find, each with its last
change and its address in every language it is written in.

It lists the home page of each language and every published article and page with its
translations; so not drafts, hidden pages (the 404 pages), the search pages (which ask
search engines not to index them) or robots.txt. A page written in more than one language
names each, and x-default (the page in the default language), as `xhtml:link`
alternates. A home page's last change is the latest change among the articles it lists.
The plugin is a generator of its own, run once every page is read; it reads nothing other
plugins leave.
"""

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from pelican import signals

from implant_guide.languages import DEFAULT_LANGUAGE, LANGUAGE_PAGES, LANGUAGES, content_language
from implant_guide.plugins.translations import written_in

FILE = "sitemap.xml"
START = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    ' xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)
END = "</urlset>\n"


@dataclass(frozen=True)
class Entry:
    """One page of the sitemap: its address, last change and addresses by language."""

    url: str
    modified: datetime
    languages: dict[str, str]


def last_change(content) -> datetime:
    return getattr(content, "modified", None) or content.date


def entries(articles: list, pages: list) -> list[Entry]:
    """The sitemap's entries for the published `articles` and `pages` (Pelican's, each
    with its translations) and for the home page of each language, by address."""
    guide = _with_translations(articles)
    found = [
        Entry(c.url, last_change(c), written_in(c)) for c in [*guide, *_with_translations(pages)]
    ]
    homes = LANGUAGE_PAGES["index"]
    for lang, url in homes.items():
        changes = [last_change(c) for c in guide if content_language(c) == lang]
        if changes:
            found.append(Entry(url, max(changes), homes))
    return sorted(found, key=lambda entry: entry.url)


def _with_translations(contents: list) -> list:
    """`contents` and their translations, each once."""
    found = {id(c): c for content in contents for c in (content, *content.translations)}
    return list(found.values())


def entry_xml(entry: Entry, siteurl: str) -> str:
    """One `<url>` of the sitemap."""
    lines = [f"<loc>{escape(f'{siteurl}/{entry.url}')}</loc>"]
    lines.append(f"<lastmod>{entry.modified.isoformat()}</lastmod>")
    if len(entry.languages) > 1:
        alternates = {lang: entry.languages[lang] for lang in LANGUAGES if lang in entry.languages}
        if DEFAULT_LANGUAGE in alternates:
            alternates["x-default"] = alternates[DEFAULT_LANGUAGE]
        lines += [
            f'<xhtml:link rel="alternate" hreflang="{lang}" href={quoteattr(f"{siteurl}/{url}")}/>'
            for lang, url in alternates.items()
        ]
    return "<url>\n" + "\n".join(lines) + "\n</url>\n"


class SitemapGenerator:
    """Writes sitemap.xml once Pelican has read every article and page."""

    def __init__(self, context, settings, path, theme, output_path, **_):
        self.context = context
        self.settings = settings
        self.output_path = output_path

    def generate_output(self, writer):
        siteurl = self.settings["SITEURL"]
        listed = entries(self.context["articles"], self.context["pages"])
        text = START + "".join(entry_xml(entry, siteurl) for entry in listed) + END
        Path(self.output_path, FILE).write_text(text, encoding="utf-8")


def sitemap_generator(pelican):
    """Signal handler: the sitemap is written by a generator of its own."""
    return SitemapGenerator


def register():
    """Connect to Pelican."""
    signals.get_generators.connect(sitemap_generator)
