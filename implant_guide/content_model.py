"""The content model: the kinds of article, their parts of the guide and their sections.

This module is the single declaration read by the build's content checks, by the
`invoke new` article template, by the structured data for search engines and by the
tests. Change a rule here and every one of them follows. The limits articles must keep
(words, reading grade, summary length, references, review interval) are in `policy.py`.
"""

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import NamedTuple

from dateutil.relativedelta import relativedelta

from implant_guide.languages import N_, NP_
from implant_guide.policy import MAX_REVIEW_INTERVAL_MONTHS

CARE_CARD_LEVELS = ("non-urgent", "urgent", "emergency")
"""Care card levels, from least to most serious. A kind lists its required cards from the
most serious down, the order they take under "When to get help"."""

LINK_FREE_CARD_LEVEL = "emergency"
"""A care card of this level never links away: it must not send people in an emergency
to another page. The build refuses such a link; the glossary links no term in it."""
LINK_FREE_REASON = f"An {LINK_FREE_CARD_LEVEL} card must not send people away"
"""Why, as the content checks say it."""

WORKSHEET = "worksheet"
"""The block of a decision worksheet (implant_guide/worksheet.py)."""

CALLOUT_TYPES = (*CARE_CARD_LEVELS, "inset", "warning", "checklist", "exercise", WORKSHEET)
"""Every block an editor can open with `!!! type "Heading"` in Markdown. An exercise is
kept whole on one printed page: its heading, drawing and steps."""

REFERENCES_HEADING = NP_("section", "References")
HELP_SECTION = NP_("section", "When to get help")
"""The section that holds an article's care cards."""

PROCEDURE = "MedicalProcedure"
"""An article about the operation itself, named PROCEDURE_NAME in structured data."""
CONDITION = "MedicalCondition"
"""An article about one complication, named by the article's title in structured data."""
PROCEDURE_NAME = N_("Interlaminar implant surgery")


class Section(NamedTuple):
    """A `##` section of an article or page, as Markdown's table of contents finds it."""

    id: str
    title: str
    """Its heading as text."""
    html: str
    """Its heading as HTML."""


@dataclass(frozen=True)
class Part:
    """One part of the guide, shown as a group on the home page."""

    name: str
    title: str
    description: str

    def in_language(self, text) -> "Part":
        """The part with its title and description in the language of `text` (the
        interface text of one language: `theme_text.translations`)."""
        return replace(
            self, title=text.gettext(self.title), description=text.gettext(self.description)
        )


@dataclass(frozen=True)
class Kind:
    """A kind of article: where it sits in the guide and what it must contain."""

    name: str
    part: str
    sections: tuple[str, ...]
    care_cards: tuple[str, ...]
    """The care card levels its "When to get help" needs, most serious first: the order in
    which a new article shows them (the emergency card first)."""
    about: str
    """What its pages are about, as a schema.org type: PROCEDURE or CONDITION."""

    def sections_in(self, text) -> tuple[str, ...]:
        """Its section headings in the language of `text`."""
        return tuple(heading_in(section, text) for section in self.sections)


PARTS = (
    Part("before", N_("Before surgery"), N_("What the implant is and who it can help.")),
    Part("operation", N_("The operation"), N_("What happens on the day, step by step.")),
    Part("risks", N_("Risks and complications"), N_("What can go wrong, and how likely it is.")),
    Part("recovery", N_("Recovery"), N_("Getting back to normal, week by week.")),
    Part("help", N_("Getting help"), N_("Symptoms that need a doctor quickly.")),
)

KINDS = {
    kind.name: kind
    for kind in (
        Kind(
            "overview",
            "before",
            (
                NP_("section", "What spinal stenosis is"),
                NP_("section", "How the implant works"),
                NP_("section", "Who it can help"),
                NP_("section", "Who it is not for"),
                NP_("section", "How it differs from other operations"),
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
                NP_("section", "Living with stenosis without surgery"),
                NP_("section", "Decompression alone"),
                NP_("section", "Decompression with the implant"),
                NP_("section", "Decompression with fusion"),
                NP_("section", "Comparing the options"),
                NP_("section", "What the numbers do not tell you"),
                HELP_SECTION,
                REFERENCES_HEADING,
            ),
            ("emergency", "urgent"),
            about=PROCEDURE,
        ),
        Kind(
            "questions",
            "before",
            (
                NP_("section", "How to use this list"),
                NP_("section", "Questions about your options"),
                NP_("section", "Questions about the operation"),
                NP_("section", "Questions about risks"),
                NP_("section", "Questions about recovery"),
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
                NP_("section", "Your pre-operative assessment"),
                NP_("section", "Medicines"),
                NP_("section", "Smoking"),
                NP_("section", "Eating and drinking"),
                NP_("section", "What to bring"),
                NP_("section", "Help at home"),
                HELP_SECTION,
                REFERENCES_HEADING,
            ),
            ("emergency", "urgent", "non-urgent"),
            about=PROCEDURE,
        ),
        Kind(
            "procedure",
            "operation",
            (
                NP_("section", "Before the operation"),
                NP_("section", "During the operation"),
                NP_("section", "How long it takes"),
                NP_("section", "Waking up"),
                NP_("section", "Going home"),
                HELP_SECTION,
                REFERENCES_HEADING,
            ),
            ("emergency", "urgent"),
            about=PROCEDURE,
        ),
        Kind(
            "risks",
            "risks",
            (
                NP_("section", "How common problems are"),
                NP_("section", "The main complications"),
                NP_("section", "Lowering your risk"),
                HELP_SECTION,
                REFERENCES_HEADING,
            ),
            ("emergency", "urgent"),
            about=PROCEDURE,
        ),
        Kind(
            "complication",
            "risks",
            (
                NP_("section", "What it is"),
                NP_("section", "How common it is"),
                NP_("section", "Signs to look out for"),
                NP_("section", "How it is treated"),
                NP_("section", "How to lower your risk"),
                HELP_SECTION,
                REFERENCES_HEADING,
            ),
            ("emergency", "urgent"),
            about=CONDITION,
        ),
        Kind(
            "recovery",
            "recovery",
            (
                NP_("section", "The first day"),
                NP_("section", "Going home"),
                NP_("section", "The first 2 weeks"),
                NP_("section", "Physical therapy and exercises"),
                NP_("section", "Back to your normal routine"),
                NP_("section", "Recovery checklist"),
                HELP_SECTION,
                REFERENCES_HEADING,
            ),
            ("emergency", "urgent"),
            about=PROCEDURE,
        ),
        Kind(
            "timeline",
            "recovery",
            (
                NP_("section", "Week 1"),
                NP_("section", "Weeks 2 to 6"),
                NP_("section", "Weeks 6 to 12"),
                NP_("section", "After 3 months"),
                NP_("section", "Everyday questions"),
                HELP_SECTION,
                REFERENCES_HEADING,
            ),
            ("emergency", "urgent"),
            about=PROCEDURE,
        ),
        Kind(
            "symptoms",
            "recovery",
            (
                NP_("section", "How to use this page"),
                NP_("section", "The first days"),
                NP_("section", "Weeks 1 to 2"),
                NP_("section", "Weeks 2 to 6"),
                NP_("section", "Weeks 6 to 12"),
                NP_("section", "After 3 months"),
                NP_("section", "If you have done too much"),
                HELP_SECTION,
                REFERENCES_HEADING,
            ),
            ("emergency", "urgent"),
            about=PROCEDURE,
        ),
        Kind(
            "daily-life",
            "recovery",
            (
                NP_("section", "Walking"),
                NP_("section", "Stairs"),
                NP_("section", "Getting in and out of bed"),
                NP_("section", "Bending, reaching and dressing"),
                NP_("section", "Sitting"),
                NP_("section", "A back brace"),
                NP_("section", "Housework and gardening"),
                NP_("section", "Hobbies and sport"),
                NP_("section", "The bone around your implant"),
                HELP_SECTION,
                REFERENCES_HEADING,
            ),
            ("emergency", "urgent"),
            about=PROCEDURE,
        ),
        Kind(
            "exercises",
            "recovery",
            (
                NP_("section", "Before you start"),
                NP_("section", "Your exercises"),
                NP_("section", "How to build up"),
                HELP_SECTION,
                REFERENCES_HEADING,
            ),
            ("emergency", "urgent"),
            about=PROCEDURE,
        ),
        Kind(
            "feelings",
            "recovery",
            (
                NP_("section", "How you may feel"),
                NP_("section", "What can help"),
                NP_("section", "When to tell your team"),
                HELP_SECTION,
                REFERENCES_HEADING,
            ),
            ("emergency", "non-urgent"),
            about=PROCEDURE,
        ),
        Kind(
            "living-with-implant",
            "recovery",
            (
                NP_("section", "Your implant card"),
                NP_("section", "MRI scans and other tests"),
                NP_("section", "Airport security"),
                NP_("section", "Long-term results"),
                NP_("section", "If your symptoms come back"),
                NP_("section", "Everyday questions"),
                HELP_SECTION,
                REFERENCES_HEADING,
            ),
            ("emergency", "urgent", "non-urgent"),
            about=PROCEDURE,
        ),
        Kind(
            "medicines",
            "recovery",
            (
                NP_("section", "What you may take"),
                NP_("section", "Taking opioids safely"),
                NP_("section", "Cutting down"),
                NP_("section", "Naloxone"),
                NP_("section", "Storing and getting rid of medicines"),
                HELP_SECTION,
                REFERENCES_HEADING,
            ),
            ("emergency", "urgent"),
            about=PROCEDURE,
        ),
        Kind(
            "urgent-help",
            "help",
            (
                NP_("section", "Get emergency help"),
                NP_("section", "Get urgent advice"),
                NP_("section", "Questions that can wait"),
                REFERENCES_HEADING,
            ),
            tuple(reversed(CARE_CARD_LEVELS)),
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

OPTIONAL_METADATA = (
    "status",
    "save_as",
    "url",
    "template",
    "topics",
    "lang",
    "translation_key",
    "translation_reviewed",
    "translation_reviewer",
    "reviewed_text",
    "translation_reviewed_text",
)
"""Metadata an article or page may have; any other key is reported as misspelled.
`Topics:` names the warning-sign topics a page is about; it must show their emergency signs.
`Lang:`, `Translation_key:` (the English slug that pairs translations) and the translation's
review (`Translation_reviewed:`, `Translation_reviewer:`) are checked by the translation
checks (implant_guide/checks/translation_checks.py). `Reviewed_text:` and
`Translation_reviewed_text:` record the text a reviewer signed off (implant_guide/sign_off.py)."""

DATE_METADATA = ("date", "modified", "last_reviewed", "next_review")
DATE_FORMAT = "YYYY-MM-DD"


def heading_in(heading: str, text) -> str:
    """A section heading of the content model in the language of `text` (the interface
    text of one language), from the catalogs, where headings have the context "section"."""
    return text.pgettext("section", heading)


def part_index(part_name: str) -> int:
    """Position of a part in the guide."""
    return [part.name for part in PARTS].index(part_name)


ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(value: str) -> date | None:
    """A `YYYY-MM-DD` date, or None if the text is not one."""
    if not ISO_DATE.match(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def latest_next_review(last_reviewed: date) -> date:
    """The latest day a page's next review may be due: MAX_REVIEW_INTERVAL_MONTHS after its
    last review (the last day of the month, where that month is shorter)."""
    return last_reviewed + relativedelta(months=MAX_REVIEW_INTERVAL_MONTHS)


def is_stale(reviewed_on: date | None, changed_on: date | None) -> bool:
    """The staleness rule of translations: the English page changed after its
    translation's review."""
    return bool(reviewed_on and changed_on and changed_on > reviewed_on)
