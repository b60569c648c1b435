"""Pelican plugin: the Spanish guide beside the English one.

Pelican pairs an article or page with its translations by `Translation_key:` (the English
slug; ARTICLE_TRANSLATION_ID and PAGE_TRANSLATION_ID in pelicanconf.py) and writes them at
their language's addresses (ARTICLE_LANG_URL...). This plugin adds what Pelican leaves out:

- each template's text in the page's language (gettext catalogs, implant_guide/theme_text.py);
- `content.alternates`: the address of the page in every language, for the language
  switcher and `<link rel="alternate" hreflang>`; a page not yet translated points to the
  other language's home page;
- the home and search pages of each translated language (/es/, /es/buscar/) and its feed;
- in sitemap.xml, the address of each paired page in every language and x-default.
"""

import re
from itertools import chain
from pathlib import Path

from jinja2 import pass_context
from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.plugins import sitemap

from implant_guide import theme_text
from implant_guide.languages import (
    DEFAULT_LANGUAGE,
    LANGUAGE_PAGES,
    LANGUAGES,
    TRANSLATED,
    content_language,
)

FEED = "{prefix}feeds/all.atom.xml"
"""Each language's feed, in the publish build (FEED_ATOM names the English one)."""
SITEMAP_ENTRY = re.compile(r"<url>\s*<loc>([^<]*)</loc>.*?</url>", re.S)
SITEMAP_LINK = re.compile(r'\s*<xhtml:link rel="alternate" hreflang="([^"]+)" h?ref="([^"]+)"/>')
"""pelican-sitemap's links to a page's translations (it writes `ref` for `href`)."""


def every_content(generators):
    """Every article and page of every language, drafts and hidden pages among them."""
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            yield from chain(
                generator.articles,
                generator.translations,
                generator.drafts,
                generator.drafts_translations,
            )
        elif isinstance(generator, PagesGenerator):
            yield from chain(
                generator.pages,
                generator.translations,
                generator.hidden_pages,
                generator.hidden_translations,
                generator.draft_pages,
                generator.draft_translations,
            )


def link_alternates(generators):
    """Signal handler: give each article and page the addresses of its translations, and
    the templates `addresses`: each page's address in each language, by its key."""
    addresses = {
        (name, lang): url for name, urls in LANGUAGE_PAGES.items() for lang, url in urls.items()
    }
    for content in every_content(generators):
        lang = content_language(content)
        alternates = dict(LANGUAGE_PAGES["index"])
        alternates[lang] = content.url
        for translation in content.translations:
            alternates[content_language(translation)] = translation.url
        content.alternates = alternates
        key = getattr(content, "translation_key", content.slug)
        addresses[(key, lang)] = content.url
    generators[0].context["addresses"] = addresses


@pass_context
def page_alternates(context) -> dict:
    """Templates: the page's address in each language (or the other language's home page
    where it is not translated), {"en": ..., "es": ...}."""
    for name in ("article", "page"):
        content = context.get(name)
        if content is not None and hasattr(content, "alternates"):
            return content.alternates
    written = context.get("output_file", "")
    for urls in LANGUAGE_PAGES.values():
        if written in {f"{url}index.html" for url in urls.values()}:
            return urls
    return LANGUAGE_PAGES["index"]


@pass_context
def address(context, key: str) -> str:
    """Templates: `address("urgent-help")`, the address of a page (by its English slug) or
    of the home or search page in the page's language, else in English."""
    addresses = context["addresses"]
    lang = theme_text.context_language(context)
    return addresses.get((key, lang), addresses.get((key, DEFAULT_LANGUAGE), ""))


def install_theme_text(generator):
    """Signal handler: every generator's templates get the catalogs and the addresses."""
    theme_text.install(generator.env, theme_text.catalogs_folder(generator.settings))
    generator.env.globals.update(page_alternates=page_alternates, address=address)


def write_language_pages(generator, writer):
    """Signal handler: the home and search pages and the feed of each translated language."""
    settings = generator.settings
    guides = generator.context["guides"]
    for lang in TRANSLATED:
        for template, urls in LANGUAGE_PAGES.items():
            url = urls[lang]
            writer.write_file(
                f"{url}index.html",
                generator.get_template(template),
                generator.context,
                relative_urls=settings["RELATIVE_URLS"],
                page_lang=lang,
                url=url,
                page_name=f"{url}index",
                template_name=template,
                guide_parts=guides[lang].parts,
                guide_size=len(guides[lang].articles),
            )
        if settings.get("FEED_ATOM"):
            prefix = LANGUAGES[lang].prefix
            writer.write_feed(
                guides[lang].articles,
                generator.context,
                FEED.format(prefix=prefix),
                feed_title=None,
            )


def url_language(url: str, siteurl: str) -> str:
    """The language of a page of the site by its full address: /es/... is Spanish."""
    path = url.removeprefix(siteurl).lstrip("/")
    for lang in TRANSLATED:
        if path.startswith(LANGUAGES[lang].prefix):
            return lang
    return DEFAULT_LANGUAGE


def sitemap_alternates(entry: re.Match, siteurl: str) -> str:
    """A sitemap entry whose links to its translations become links to the page in every
    language (itself too) and x-default, the English page; unpaired entries stay as they are."""
    text = entry.group()
    links = SITEMAP_LINK.findall(text)
    if not links:
        return text
    urls = {url_language(entry.group(1), siteurl): entry.group(1), **dict(links)}
    alternates = [(lang, urls[lang]) for lang in LANGUAGES if lang in urls]
    if DEFAULT_LANGUAGE in urls:
        alternates.append(("x-default", urls[DEFAULT_LANGUAGE]))
    written = "".join(
        f'\n<xhtml:link rel="alternate" hreflang="{lang}" href="{url}"/>'
        for lang, url in alternates
    )
    return SITEMAP_LINK.sub("", text).replace("</url>", f"{written}\n</url>")


def add_sitemap_alternates(pelican):
    """Signal handler: rewrite each paired page's alternates in sitemap.xml. The sitemap
    is written first if pelican-sitemap has not yet written it (it then writes no more)."""
    sitemap.generator.finalize(pelican)
    path = Path(pelican.output_path) / "sitemap.xml"
    if not path.exists():
        return
    siteurl = pelican.settings["SITEURL"]
    text = path.read_text(encoding="utf-8")
    path.write_text(
        SITEMAP_ENTRY.sub(lambda entry: sitemap_alternates(entry, siteurl), text),
        encoding="utf-8",
    )


def register():
    """Connect to Pelican."""
    signals.generator_init.connect(install_theme_text)
    signals.all_generators_finalized.connect(link_alternates)
    signals.article_writer_finalized.connect(write_language_pages)
    signals.finalized.connect(add_sitemap_alternates)
