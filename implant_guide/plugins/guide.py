"""Pelican plugin: put the articles in guide order and give templates what they show.

Each article gets a `guide` attribute (its kind, part, reviewer, review dates, its place
and neighbours in the guide, and the pages of its part its contents list shows), and the
template context gets `guide_parts`: the parts of the guide, each with its articles in
reading order, `guide_size`: how many articles the guide has, and `page_links`: the
title and address of each listed page (about, get in touch...), which every page's footer
shows.
"""

import re
from dataclasses import dataclass, field

from pelican import signals
from pelican.generators import ArticlesGenerator
from pelican.urlwrappers import Category

from implant_guide.checks.metadata_checks import parse_date
from implant_guide.content_model import KINDS, PARTS, Kind, Part, part_index


@dataclass
class GuideEntry:
    """Where an article sits in the guide, and who reviewed it when."""

    kind: Kind
    part: Part
    reviewer: dict
    last_reviewed: object
    next_review: object
    url: str
    """The article's `url`, worked out once: Pelican works it out anew on every use, and
    pages show many (the home page, the search page, each contents list)."""
    sections: list = field(default_factory=list)
    position: int = 0
    """Its place in the whole guide, from 1."""
    part_pages: list = field(default_factory=list)
    """The articles of its part that its contents list shows, itself among them."""
    previous: object = None
    next: object = None


CONTENTS_LIST_PAGES = 11
"""At most this many articles of the reader's part in a contents list, so that every page
stays small however large the guide grows."""


SECTION_HEADING = re.compile(r'<h2 id="([^"]+)">(.*?)</h2>', re.DOTALL)


def _sort_key(article):
    return part_index(KINDS[article.kind].part), int(article.order)


def nearby(pages: list, index: int, size: int = CONTENTS_LIST_PAGES) -> list:
    """At most `size` of `pages`, in order, around `pages[index]`."""
    start = min(max(0, index - size // 2), max(0, len(pages) - size))
    return pages[start : start + size]


def arrange_guide(generators):
    """Signal handler: order articles, link neighbours and group them into parts."""
    articles = next(g for g in generators if isinstance(g, ArticlesGenerator))
    parts = {part.name: part for part in PARTS}
    reviewers = articles.settings["CLINIC"]["reviewers"]
    articles.articles.sort(key=_sort_key)
    for article in [*articles.articles, *articles.drafts]:
        kind = KINDS[article.kind]
        article.guide = GuideEntry(
            kind=kind,
            part=parts[kind.part],
            reviewer=reviewers[article.reviewer],
            last_reviewed=parse_date(article.last_reviewed),
            next_review=parse_date(article.next_review),
            url=article.url,
            sections=SECTION_HEADING.findall(article._content),
        )
    for draft in articles.drafts:
        # Pelican writes each draft with its category, which articles get only on sites
        # with category pages; this site has none, so drafts get the default one.
        if not hasattr(draft, "category"):
            draft.category = Category(articles.settings["DEFAULT_CATEGORY"], articles.settings)
    for position, article in enumerate(articles.articles, start=1):
        article.guide.position = position
    for previous, following in zip(articles.articles, articles.articles[1:], strict=False):
        previous.guide.next, following.guide.previous = following, previous
    guide_parts = [
        (part, [a for a in articles.articles if a.guide.part is part])
        for part in PARTS
        if any(a.guide.part is part for a in articles.articles)
    ]
    for _, part_articles in guide_parts:
        for index, article in enumerate(part_articles):
            article.guide.part_pages = nearby(part_articles, index)
    articles.context["guide_parts"] = guide_parts
    articles.context["guide_size"] = len(articles.articles)
    # Worked out once here: Pelican works out a page's `url` anew on every use.
    articles.context["page_links"] = [(page.title, page.url) for page in articles.context["pages"]]


def register():
    """Connect to Pelican; runs after the content checks have passed."""
    signals.all_generators_finalized.connect(arrange_guide)
