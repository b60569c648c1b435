"""The review calendar for editors: every page with review dates, soonest due first."""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from implant_guide.checks.metadata_checks import parse_date
from implant_guide.checks.source_file import SourceFile
from implant_guide.policy import REVIEW_DUE_SOON_DAYS


@dataclass(frozen=True)
class Review:
    """One page's review: who reviewed it, when, and when the next review is due."""

    path: str
    reviewer: str
    last_reviewed: date | None
    next_review: date
    days_left: int

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


def review_calendar(files: list[Path], reviewers: dict, today: date) -> list[Review]:
    """The reviews of `files` that have a next review date, soonest due first."""
    reviews = []
    for path in files:
        source = SourceFile(path)
        due = source.field("next_review")
        due = parse_date(due.value) if due else None
        if due is None:
            continue
        last = source.field("last_reviewed")
        key = source.field("reviewer").value if source.field("reviewer") else ""
        reviewer = reviewers.get(key, {}).get("name", f"unknown reviewer '{key}'")
        reviews.append(
            Review(
                path=source.display_path,
                reviewer=reviewer,
                last_reviewed=parse_date(last.value) if last else None,
                next_review=due,
                days_left=(due - today).days,
            )
        )
    return sorted(reviews, key=lambda review: (review.next_review, review.path))


def print_calendar(reviews: list[Review], today: date) -> int:
    """Print the calendar as a table; return 1 if any review is overdue, else 0."""
    print(f"Review calendar on {today} (due soon: within {REVIEW_DUE_SOON_DAYS} days)")
    header = ("next review", "days left", "status", "last review", "reviewer", "page")
    rows = [
        (
            str(review.next_review),
            str(review.days_left),
            review.status,
            str(review.last_reviewed or "-"),
            review.reviewer,
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
    print(f"{len(reviews)} pages: {overdue} overdue, {soon} due soon.")
    if overdue:
        print(
            "Have the overdue pages reviewed, then update their Last_reviewed and "
            "Next_review: until then the site cannot be published."
        )
    return 1 if overdue else 0
