"""Pelican plugin: put the articles in guide order and give templates what they show.

Each article gets a `guide` attribute (its kind, part, reviewer, review dates and its
neighbours in the guide), and the template context gets `guide_parts`: the parts of
the guide, each with its articles in reading order.
"""

import re
from dataclasses import dataclass, field

from pelican import signals
from pelican.generators import ArticlesGenerator

from implant_guide.content_model import KINDS, PARTS, Kind, Part, part_index
from implant_guide.metadata_checks import parse_date


@dataclass
class GuideEntry:
    """Where an article sits in the guide, and who reviewed it when."""

    kind: Kind
    part: Part
    reviewer: dict
    last_reviewed: object
    next_review: object
    sections: list = field(default_factory=list)
    previous: object = None
    next: object = None


SECTION_HEADING = re.compile(r'<h2 id="([^"]+)">(.*?)</h2>', re.DOTALL)


def _sort_key(article):
    return part_index(KINDS[article.kind].part), int(article.order)


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
            sections=SECTION_HEADING.findall(article._content),
        )
    for previous, following in zip(articles.articles, articles.articles[1:], strict=False):
        previous.guide.next, following.guide.previous = following, previous
    articles.context["guide_parts"] = [
        (part, [a for a in articles.articles if a.guide.part is part])
        for part in PARTS
        if any(a.guide.part is part for a in articles.articles)
    ]


def register():
    """Connect to Pelican; runs after the content checks have passed."""
    signals.all_generators_finalized.connect(arrange_guide)
