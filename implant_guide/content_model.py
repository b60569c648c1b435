"""The content model: the kinds of article, their parts of the guide and their sections.

This module is the single declaration read by the build's content checks, by the
`invoke new` article template, by the structured data for search engines and by the
tests. Change a rule here and every one of them follows. The limits articles must keep
(words, reading grade, summary length, references, review interval) are in `policy.py`.
"""

import calendar
from dataclasses import dataclass
from datetime import date

CARE_CARD_LEVELS = ("non-urgent", "urgent", "emergency")
"""Care card levels, from least to most serious."""

LINK_FREE_CARD_LEVEL = "emergency"
"""A care card of this level never links away: it must not send people in an emergency
to another page. The build refuses such a link; the glossary links no term in it."""
LINK_FREE_REASON = f"An {LINK_FREE_CARD_LEVEL} card must not send people away"
"""Why, as the content checks say it."""

CALLOUT_TYPES = (*CARE_CARD_LEVELS, "inset", "warning", "checklist")
"""Every block an editor can open with `!!! type "Heading"` in Markdown."""

REFERENCES_HEADING = "References"
HELP_SECTION = "When to get help"
"""The section that holds an article's care cards."""

PROCEDURE = "MedicalProcedure"
"""An article about the operation itself, named PROCEDURE_NAME in structured data."""
CONDITION = "MedicalCondition"
"""An article about one complication, named by the article's title in structured data."""
PROCEDURE_NAME = "Interlaminar implant surgery"


@dataclass(frozen=True)
class Part:
    """One part of the guide, shown as a group on the home page."""

    name: str
    title: str
    description: str


@dataclass(frozen=True)
class Kind:
    """A kind of article: where it sits in the guide and what it must contain."""

    name: str
    part: str
    sections: tuple[str, ...]
    care_cards: tuple[str, ...]
    about: str
    """What its pages are about, as a schema.org type: PROCEDURE or CONDITION."""


PARTS = (
    Part("before", "Before surgery", "What the implant is and who it can help."),
    Part("operation", "The operation", "What happens on the day, step by step."),
    Part("risks", "Risks and complications", "What can go wrong, and how likely it is."),
    Part("recovery", "Recovery", "Getting back to normal, week by week."),
    Part("help", "Getting help", "Symptoms that need a doctor quickly."),
)

KINDS = {
    kind.name: kind
    for kind in (
        Kind(
            "overview",
            "before",
            (
                "What spinal stenosis is",
                "How the implant works",
                "Who it can help",
                "Who it is not for",
                "How it differs from other operations",
                HELP_SECTION,
                REFERENCES_HEADING,
            ),
            ("non-urgent",),
            about=PROCEDURE,
        ),
        Kind(
            "options",
            "before",
            (
                "Living with stenosis without surgery",
                "Decompression alone",
                "Decompression with the implant",
                "Decompression with fusion",
                "Comparing the options",
                "What the numbers do not tell you",
                HELP_SECTION,
                REFERENCES_HEADING,
            ),
            ("urgent", "emergency"),
            about=PROCEDURE,
        ),
        Kind(
            "questions",
            "before",
            (
                "How to use this list",
                "Questions about your options",
                "Questions about the operation",
                "Questions about risks",
                "Questions about recovery",
                HELP_SECTION,
                REFERENCES_HEADING,
            ),
            ("non-urgent",),
            about=PROCEDURE,
        ),
        Kind(
            "preparation",
            "operation",
            (
                "Your pre-operative assessment",
                "Medicines",
                "Smoking",
                "Eating and drinking",
                "What to bring",
                "Help at home",
                HELP_SECTION,
                REFERENCES_HEADING,
            ),
            ("non-urgent", "urgent"),
            about=PROCEDURE,
        ),
        Kind(
            "procedure",
            "operation",
            (
                "Before the operation",
                "During the operation",
                "How long it takes",
                "Waking up",
                "Going home",
                HELP_SECTION,
                REFERENCES_HEADING,
            ),
            ("urgent", "emergency"),
            about=PROCEDURE,
        ),
        Kind(
            "risks",
            "risks",
            (
                "How common problems are",
                "The main complications",
                "Lowering your risk",
                HELP_SECTION,
                REFERENCES_HEADING,
            ),
            ("urgent", "emergency"),
            about=PROCEDURE,
        ),
        Kind(
            "complication",
            "risks",
            (
                "What it is",
                "How common it is",
                "Signs to look out for",
                "How it is treated",
                "How to lower your risk",
                HELP_SECTION,
                REFERENCES_HEADING,
            ),
            ("urgent", "emergency"),
            about=CONDITION,
        ),
        Kind(
            "recovery",
            "recovery",
            (
                "The first day",
                "Going home",
                "The first 2 weeks",
                "Physical therapy and exercises",
                "Back to your normal routine",
                "Recovery checklist",
                HELP_SECTION,
                REFERENCES_HEADING,
            ),
            ("urgent", "emergency"),
            about=PROCEDURE,
        ),
        Kind(
            "timeline",
            "recovery",
            (
                "Week 1",
                "Weeks 2 to 6",
                "Weeks 6 to 12",
                "After 3 months",
                "Everyday questions",
                HELP_SECTION,
                REFERENCES_HEADING,
            ),
            ("urgent", "emergency"),
            about=PROCEDURE,
        ),
        Kind(
            "living-with-implant",
            "recovery",
            (
                "Your implant card",
                "MRI scans and other tests",
                "Airport security",
                "Long-term results",
                "If your symptoms come back",
                HELP_SECTION,
                REFERENCES_HEADING,
            ),
            ("non-urgent", "urgent"),
            about=PROCEDURE,
        ),
        Kind(
            "urgent-help",
            "help",
            (
                "Get emergency help",
                "Get urgent advice",
                "Questions that can wait",
                REFERENCES_HEADING,
            ),
            CARE_CARD_LEVELS,
            about=PROCEDURE,
        ),
    )
}

ARTICLE_METADATA = (
    "title",
    "slug",
    "summary",
    "kind",
    "order",
    "date",
    "modified",
    "last_reviewed",
    "next_review",
    "reviewer",
)
"""Metadata every article must have, in the order the article template writes it."""

PAGE_METADATA = ("title", "slug", "summary", "modified")
"""Metadata every page (about, contact, privacy...) must have."""

OPTIONAL_METADATA = ("status", "save_as", "url", "template", "topics")
"""Metadata an article or page may have; any other key is reported as misspelled.
`Topics:` names the warning-sign topics a page is about; it must show their emergency signs."""

DATE_METADATA = ("date", "modified", "last_reviewed", "next_review")
DATE_FORMAT = "YYYY-MM-DD"


def part_index(part_name: str) -> int:
    """Position of a part in the guide."""
    return [part.name for part in PARTS].index(part_name)


def add_months(day: date, months: int) -> date:
    """The same day of the month, some months later (clamped to the month's end)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )
