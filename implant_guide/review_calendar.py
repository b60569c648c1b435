"""The review calendar for editors: every reviewed page, soonest due first, in every
language, with each translation's own review, whether it is stale, whether each page is
still the text its reviewer signed off (and what changed since, where git can tell), and
the English pages that have no translation yet."""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from implant_guide.content_model import is_stale, parse_date
from implant_guide.languages import DEFAULT_LANGUAGE, LANGUAGES, TRANSLATED, source_language
from implant_guide.policy import REVIEW_DUE_SOON_DAYS
from implant_guide.sign_off import CHANGED, SIGNED, UNSIGNED, changes_since_review, sign_off_state
from implant_guide.sources import MarkdownSource

OVERDUE, DUE_SOON = "OVERDUE", "due soon"


@dataclass(frozen=True)
class Review:
    """One page's review: who reviewed it, when, when the next review is due, and whether
    the page is still the text that was signed off."""

    path: str
    reviewer: str
    last_reviewed: date | None
    next_review: date | None
    days_left: int | None
    lang: str = DEFAULT_LANGUAGE
    translation: str = ""
    """A translation's own review, "DATE REVIEWER", marked STALE when the English page
    changed after it; empty for an English page."""
    sign_off: str = SIGNED
    """SIGNED, or why the page (a translation: its translation) is not: CHANGED, UNSIGNED."""
    reviewer_key: str = ""
    """Who signs it off: the `[reviewers.KEY]` of its review (a translation's: its own)."""
    changes: str = ""
    """What changed since the review, as git tells it; empty where it cannot."""

    @property
    def status(self) -> str:
        flags = []
        if self.days_left is not None and self.days_left < 0:
            flags.append(OVERDUE)
        elif self.days_left is not None and self.days_left <= REVIEW_DUE_SOON_DAYS:
            flags.append(DUE_SOON)
        if self.sign_off != SIGNED:
            flags.append(
                self.sign_off if self.lang == DEFAULT_LANGUAGE else f"translation {self.sign_off}"
            )
        return ", ".join(flags)

    @property
    def stale(self) -> bool:
        return "STALE" in self.translation

    @property
    def blocks_publishing(self) -> bool:
        """Whether publishing refuses the page as it is."""
        return OVERDUE in self.status or self.sign_off != SIGNED or self.stale


def content_files(settings: dict) -> list[Path]:
    """The Markdown files of the articles and pages the settings name."""
    content = Path(settings["PATH"])
    folders = [*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"]]
    return sorted(path for folder in folders for path in (content / folder).rglob("*.md"))


def _date(source: MarkdownSource, name: str) -> date | None:
    field = source.field(name)
    return parse_date(field.value) if field else None


def _value(source: MarkdownSource, name: str) -> str:
    field = source.field(name)
    return field.value if field else ""


def _reviewer(key: str, reviewers: dict) -> str:
    if not key:
        return "-"
    reviewer = reviewers.get(key)
    known = isinstance(reviewer, dict) and isinstance(reviewer.get("name"), str)
    return reviewer["name"] if known else f"unknown reviewer '{key}'"


def _translation_review(source: MarkdownSource, changed: dict, reviewers: dict) -> str:
    """A translation's review as the calendar shows it; empty for an English page."""
    if source_language(source) == DEFAULT_LANGUAGE:
        return ""
    reviewed_on = _date(source, "translation_reviewed")
    changed_on = changed.get(_value(source, "translation_key"))
    review = f"{reviewed_on or '-'} {_reviewer(_value(source, 'translation_reviewer'), reviewers)}"
    if is_stale(reviewed_on, changed_on):
        review += f" STALE (English modified {changed_on})"
    return review


def review_calendar(files: list[Path], reviewers: dict, today: date) -> list[Review]:
    """The reviews of `files` (English articles and every translation), soonest due first;
    pages without a next review date last."""
    sources = [MarkdownSource(path) for path in files]
    changed = {
        _value(source, "translation_key"): _date(source, "modified")
        for source in sources
        if source_language(source) == DEFAULT_LANGUAGE and source.field("translation_key")
    }
    reviews = []
    for source in sources:
        state = sign_off_state(source)
        if state is None:
            continue
        due = _date(source, "next_review")
        reviews.append(
            Review(
                path=source.display_path,
                reviewer=_reviewer(_value(source, "reviewer"), reviewers),
                last_reviewed=_date(source, "last_reviewed"),
                next_review=due,
                days_left=(due - today).days if due else None,
                lang=source_language(source),
                translation=_translation_review(source, changed, reviewers),
                sign_off=state.status,
                reviewer_key=state.reviewer,
                changes="" if state.status == SIGNED else changes_since_review(source.path, state),
            )
        )
    return sorted(reviews, key=lambda r: (r.next_review is None, r.next_review or today, r.path))


@dataclass(frozen=True)
class Untranslated:
    """An English page without a translation into `lang`."""

    path: str
    slug: str
    lang: str
    article: bool

    @property
    def how_to_start(self) -> str:
        if self.article:
            return f"invoke new --lang {self.lang} --from {self.slug}"
        return f"translate it into content/pages/{self.lang}/"


def untranslated(files: list[Path]) -> list[Untranslated]:
    """The English pages without a translation in some language."""
    sources = [MarkdownSource(path) for path in files]
    translated = {
        (source_language(source), _value(source, "translation_key"))
        for source in sources
        if source_language(source) != DEFAULT_LANGUAGE
    }
    return [
        Untranslated(
            source.display_path,
            _value(source, "slug") or _value(source, "translation_key"),
            lang,
            bool(source.field("kind")),
        )
        for source in sources
        if source_language(source) == DEFAULT_LANGUAGE and source.field("translation_key")
        for lang in TRANSLATED
        if (lang, _value(source, "translation_key")) not in translated
    ]


def _table(reviews: list[Review]) -> list[str]:
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
            str(review.next_review or "-"),
            "-" if review.days_left is None else str(review.days_left),
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
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    ]


def print_calendar(reviews: list[Review], today: date, missing: list[Untranslated] = ()) -> int:
    """Print the calendar, the pages to sign off and the translations to start; return 1
    if publishing would refuse any of them, else 0."""
    print(f"Review calendar on {today} (due soon: within {REVIEW_DUE_SOON_DAYS} days)")
    print("\n".join(_table(reviews)))
    count = {
        flag: sum(flag in review.status for review in reviews)
        for flag in (OVERDUE, DUE_SOON, CHANGED, UNSIGNED)
    }
    stale = sum(review.stale for review in reviews)
    print(
        f"{len(reviews)} pages: "
        + ", ".join(f"{number} {flag.lower()}" for flag, number in count.items())
        + f", {stale} stale translations, {len(missing)} without a translation."
    )
    to_sign = [review for review in reviews if review.sign_off != SIGNED]
    if to_sign:
        print("\nTo review and sign off (publishing refuses them until then):")
    for review in to_sign:
        print(
            f"  {review.path}: {review.sign_off}"
            + (f"; {review.changes}" if review.changes else "")
        )
        print(f"    then: invoke sign-off {review.path} --reviewer {review.reviewer_key or 'KEY'}")
    if missing:
        print("\nEnglish pages without a translation (publishing refuses them until then):")
    for page in missing:
        name = LANGUAGES[page.lang].english_name
        print(f"  {page.path}: no {name} translation; start it: {page.how_to_start}")
    blocked = any(review.blocks_publishing for review in reviews) or bool(missing)
    if blocked:
        print(
            "\nUntil every page above is reviewed, signed off and translated, and no review "
            "is overdue, the site cannot be published."
        )
    return 1 if blocked else 0
