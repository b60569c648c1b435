"""The review calendar for editors: every page with review dates, soonest due first, in
every language, with each translation's own review and whether it is stale."""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from implant_guide.content_model import is_stale, parse_date
from implant_guide.languages import DEFAULT_LANGUAGE, source_language
from implant_guide.policy import REVIEW_DUE_SOON_DAYS
from implant_guide.sources import MarkdownSource


@dataclass(frozen=True)
class Review:
    """One page's review: who reviewed it, when, and when the next review is due."""

    path: str
    reviewer: str
    last_reviewed: date | None
    next_review: date
    days_left: int
    lang: str = DEFAULT_LANGUAGE
    translation: str = ""
    """A translation's own review, "DATE REVIEWER", marked STALE when the English page
    changed after it; empty for an English page."""

    @property
    def status(self) -> str:
        if self.days_left < 0:
            return "OVERDUE"
        return "due soon" if self.days_left <= REVIEW_DUE_SOON_DAYS else ""


def content_files(settings: dict) -> list[Path]:
    """The Markdown files of the articles and pages the settings name."""
    content = Path(settings["PATH"])
    folders = [*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"]]
    return sorted(path for folder in folders for path in (content / folder).rglob("*.md"))


def _date(source: MarkdownSource, name: str) -> date | None:
    field = source.field(name)
    return parse_date(field.value) if field else None


def _reviewer(source: MarkdownSource, name: str, reviewers: dict) -> str:
    key = source.field(name).value if source.field(name) else ""
    reviewer = reviewers.get(key)
    known = isinstance(reviewer, dict) and isinstance(reviewer.get("name"), str)
    return reviewer["name"] if known else f"unknown reviewer '{key}'"


def _translation_review(source: MarkdownSource, changed: dict, reviewers: dict) -> str:
    """A translation's review as the calendar shows it; empty for an English page."""
    if source_language(source) == DEFAULT_LANGUAGE:
        return ""
    reviewed_on = _date(source, "translation_reviewed")
    key = source.field("translation_key")
    changed_on = changed.get(key.value if key else None)
    review = f"{reviewed_on or '-'} {_reviewer(source, 'translation_reviewer', reviewers)}"
    if is_stale(reviewed_on, changed_on):
        review += f" STALE (English modified {changed_on})"
    return review


def review_calendar(files: list[Path], reviewers: dict, today: date) -> list[Review]:
    """The reviews of `files` that have a next review date, soonest due first."""
    sources = [MarkdownSource(path) for path in files]
    changed = {
        source.field("translation_key").value: _date(source, "modified")
        for source in sources
        if source_language(source) == DEFAULT_LANGUAGE and source.field("translation_key")
    }
    reviews = []
    for source in sources:
        due = source.field("next_review")
        due = parse_date(due.value) if due else None
        if due is None:
            continue
        reviews.append(
            Review(
                path=source.display_path,
                reviewer=_reviewer(source, "reviewer", reviewers),
                last_reviewed=_date(source, "last_reviewed"),
                next_review=due,
                days_left=(due - today).days,
                lang=source_language(source),
                translation=_translation_review(source, changed, reviewers),
            )
        )
    return sorted(reviews, key=lambda review: (review.next_review, review.path))


def print_calendar(reviews: list[Review], today: date) -> int:
    """Print the calendar as a table; return 1 if any review is overdue, else 0."""
    print(f"Review calendar on {today} (due soon: within {REVIEW_DUE_SOON_DAYS} days)")
    header = (
        "next review",
        "days left",
        "status",
        "last review",
        "reviewer",
        "lang",
        "translation review",
        "page",
    )
    rows = [
        (
            str(review.next_review),
            str(review.days_left),
            review.status,
            str(review.last_reviewed or "-"),
            review.reviewer,
            review.lang,
            review.translation or "-",
            review.path,
        )
        for review in reviews
    ]
    widths = [max(len(row[column]) for row in [header, *rows]) for column in range(len(header))]
    for row in [header, *rows]:
        cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        print("  ".join(cells).rstrip())
    overdue = sum(review.status == "OVERDUE" for review in reviews)
    soon = sum(review.status == "due soon" for review in reviews)
    stale = sum("STALE" in review.translation for review in reviews)
    print(f"{len(reviews)} pages: {overdue} overdue, {soon} due soon, {stale} stale translations.")
    if overdue:
        print(
            "Have the overdue pages reviewed, then update their Last_reviewed and "
            "Next_review: until then the site cannot be published."
        )
    return 1 if overdue else 0
