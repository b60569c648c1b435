"""Pelican plugin: every page in the language it is written in, and its way to the others.

Pelican pairs an article or page with its translations by `Translation_key:` (the English
slug; ARTICLE_TRANSLATION_ID and PAGE_TRANSLATION_ID in pelicanconf.py) and writes them at
their language's addresses (ARTICLE_LANG_URL...). This plugin adds what Pelican leaves out:

- every template's interface text in the page's language (the catalogs, through
  `implant_guide/theme_text.py`), `page_alternates()` and `address(key)`;
- `content.alternates`: the address of the page in every language, for the language
  switcher and `<link rel="alternate" hreflang>`; a page not yet translated points to the
  other language's home page.

The home and search pages of each language come from the guide plugin, the sitemap from
the sitemap plugin.
"""

from itertools import chain

from jinja2 import pass_context
from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

from implant_guide import theme_text
from implant_guide.languages import DEFAULT_LANGUAGE, LANGUAGE_PAGES, content_language


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


def written_in(content) -> dict[str, str]:
    """The address of an article or page in each language it is written in."""
    found = {content_language(content): content.url}
    for translation in content.translations:
        found.setdefault(content_language(translation), translation.url)
    return found


def link_alternates(generators):
    """Signal handler: give each article and page the addresses of its translations, and
    the templates `addresses`: each page's address in each language, by its key."""
    addresses = {
        (name, lang): url for name, urls in LANGUAGE_PAGES.items() for lang, url in urls.items()
    }
    for content in every_content(generators):
        content.alternates = {**LANGUAGE_PAGES["index"], **written_in(content)}
        key = getattr(content, "translation_key", content.slug)
        addresses[(key, content_language(content))] = content.url
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


def register():
    """Connect to Pelican."""
    signals.generator_init.connect(install_theme_text)
    signals.all_generators_finalized.connect(link_alternates)
