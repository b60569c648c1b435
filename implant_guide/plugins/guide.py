"""Pelican plugin: put the articles in guide order and give templates what they show.

Each language has its own guide: its articles, in the same order. Each article gets a
`guide` attribute (its kind, part, reviewer, review dates, its place and neighbours in
its language's guide, and the pages of its part its contents list shows), and the
template context gets `guides`: each language's Guide, `guide_parts`: the parts of the
English guide, each with its articles in reading order, `guide_size`: how many articles
it has, and `language_page_links`: for each language, the title and address of each
listed page (about, get in touch...), which every page's footer shows. Pelican writes the
English home and search pages (DIRECT_TEMPLATES); this plugin writes those of the other
languages (/es/, /es/buscar/) with their guide, and their feeds. It reads nothing other
plugins leave.
"""

from dataclasses import dataclass, field
from itertools import pairwise

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.urlwrappers import Category

from implant_guide.content_model import KINDS, PARTS, Kind, Part, parse_date, part_index
from implant_guide.data_files import read_data_files
from implant_guide.languages import (
    DEFAULT_LANGUAGE,
    LANGUAGE_PAGES,
    LANGUAGES,
    TRANSLATED,
    content_language,
    in_language,
)
from implant_guide.theme_text import catalogs_folder, translations


@dataclass
class Guide:
    """The guide in one language: its parts, each with its articles, in reading order."""

    parts: list
    articles: list


@dataclass
class GuideEntry:
    """Where an article sits in the guide, and who reviewed it when."""

    kind: Kind
    part: Part
    """Its part of the guide, in its language."""
    reviewer: dict
    """Its reviewer: name, credentials and role (in the article's language)."""
    last_reviewed: object
    next_review: object
    url: str
    """The article's `url`, worked out once: Pelican works it out anew on every use, and
    pages show many (the home page, the search page, each contents list)."""
    sections: tuple = ()
    """Its `##` sections (`content_model.Section`), as its metadata has them."""
    translation_reviewer: dict | None = None
    """For a translation, the reviewer of the translation (role in its language)."""
    translation_reviewed: object = None
    position: int = 0
    """Its place in the whole guide, from 1."""
    part_pages: list = field(default_factory=list)
    """The articles of its part that its contents list shows, itself among them."""
    previous: object = None
    next: object = None
    whole: Guide = None
    """The guide of its language."""


FEED = "{prefix}feeds/all.atom.xml"
"""Each language's feed, in the publish build (FEED_ATOM names the English one)."""

CONTENTS_LIST_PAGES = 11
"""At most this many articles of the reader's part in a contents list, so that every page
stays small however large the guide grows."""


def _sort_key(article):
    return part_index(KINDS[article.kind].part), int(article.order)


def nearby(pages: list, index: int, size: int = CONTENTS_LIST_PAGES) -> list:
    """At most `size` of `pages`, in order, around `pages[index]`."""
    start = min(max(0, index - size // 2), max(0, len(pages) - size))
    return pages[start : start + size]


def arrange_guide(generators):
    """Signal handler: order articles, link neighbours and group them into parts, in
    each language."""
    articles = next(g for g in generators if isinstance(g, ArticlesGenerator))
    pages = next(g for g in generators if isinstance(g, PagesGenerator))
    reviewers = read_data_files(articles.settings).reviewers
    every = [*articles.articles, *articles.translations]
    folder = catalogs_folder(articles.settings)
    parts = {
        lang: {part.name: part.in_language(translations(lang, folder)) for part in PARTS}
        for lang in LANGUAGES
    }
    for article in [*every, *articles.drafts, *articles.drafts_translations]:
        kind, lang = KINDS[article.kind], content_language(article)
        translator = reviewers.get(getattr(article, "translation_reviewer", None))
        article.guide = GuideEntry(
            kind=kind,
            part=parts[lang][kind.part],
            reviewer=_in_language(reviewers[article.reviewer], lang),
            last_reviewed=parse_date(article.last_reviewed),
            next_review=parse_date(article.next_review),
            url=article.url,
            sections=getattr(article, "sections", ()),
            translation_reviewer=translator and _in_language(translator, lang),
            translation_reviewed=parse_date(getattr(article, "translation_reviewed", "")),
        )
    for draft in [*articles.drafts, *articles.drafts_translations]:
        # Pelican writes each draft with its category, which articles get only on sites
        # with category pages; this site has none, so drafts get the default one.
        if not hasattr(draft, "category"):
            draft.category = Category(articles.settings["DEFAULT_CATEGORY"], articles.settings)
    guides = {
        lang: arrange_language(
            [a for a in every if content_language(a) == lang],
            [
                a
                for a in [*articles.drafts, *articles.drafts_translations]
                if content_language(a) == lang
            ],
            parts[lang],
        )
        for lang in LANGUAGES
    }
    articles.articles.sort(key=_sort_key)
    english = guides[DEFAULT_LANGUAGE]
    articles.context["guides"] = guides
    articles.context["guide_parts"] = english.parts
    articles.context["guide_size"] = len(english.articles)
    # Worked out once here: Pelican works out a page's `url` anew on every use.
    articles.context["language_page_links"] = {
        lang: [
            (page.title, page.url)
            for page in [*pages.pages, *pages.translations]
            if content_language(page) == lang
        ]
        for lang in LANGUAGES
    }
    articles.context["page_links"] = articles.context["language_page_links"][DEFAULT_LANGUAGE]


def _in_language(reviewer: dict, lang: str) -> dict:
    """A reviewer from the clinic's details, with the role in `lang`."""
    return {**reviewer, "role": in_language(reviewer, "role", lang)}


def arrange_language(language_articles: list, drafts: list, parts: dict) -> Guide:
    """The guide of one language: its articles ordered, linked and grouped into `parts`."""
    language_articles.sort(key=_sort_key)
    for position, article in enumerate(language_articles, start=1):
        article.guide.position = position
    for previous, following in pairwise(language_articles):
        previous.guide.next, following.guide.previous = following, previous
    guide_parts = [
        (part, [a for a in language_articles if a.guide.part is part])
        for part in parts.values()
        if any(a.guide.part is part for a in language_articles)
    ]
    for _, part_articles in guide_parts:
        for index, article in enumerate(part_articles):
            article.guide.part_pages = nearby(part_articles, index)
    guide = Guide(guide_parts, language_articles)
    for article in [*language_articles, *drafts]:
        article.guide.whole = guide
    return guide


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


def register():
    """Connect to Pelican; runs after the content checks have passed (they run when the
    pages are read, before every generator is finalized)."""
    signals.all_generators_finalized.connect(arrange_guide)
    signals.article_writer_finalized.connect(write_language_pages)
