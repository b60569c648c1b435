"""Checks of a content file's header: required fields, spelling, dates and reviews."""

import difflib
from pathlib import Path

from implant_guide.content_model import (
    DATE_FORMAT,
    DATE_METADATA,
    KINDS,
    OPTIONAL_METADATA,
    latest_next_review,
    parse_date,
)
from implant_guide.policy import MAX_REVIEW_INTERVAL_MONTHS, MAX_SUMMARY_LENGTH
from implant_guide.problems import ERROR, WARNING


def report_missing_fields(report, source, names, where: str) -> None:
    """Report each header field of `names` that `source` lacks, to be added to `where`."""
    for name in names:
        if source.field(name) is None:
            report(
                source,
                1,
                f"missing metadata '{name.capitalize()}'",
                f"Add a line '{name.capitalize()}: ...' to {where}",
            )


class MetadataChecks:
    """Checks header fields against the content model and the clinic settings."""

    def __init__(self, log, settings, reviewers: dict | None, today):
        self.report = log.report
        self.settings = settings
        self.reviewers = reviewers
        """The clinic's reviewers by key; None if they cannot be read (reported apart)."""
        self.today = today

    def check_header(self, source, required):
        allowed = {name.lower() for name in (*required, *OPTIONAL_METADATA)}
        for key, field in source.fields.items():
            if key not in allowed:
                guess = difflib.get_close_matches(key.replace(" ", "_"), allowed, n=1)
                hint = f"Did you mean '{guess[0].capitalize()}'?" if guess else ""
                self.report(
                    source,
                    field.line,
                    f"unknown metadata '{field.key}'",
                    f"{hint} Allowed: {', '.join(n.capitalize() for n in required)}".strip(),
                )
            elif not field.value:
                self.report(source, field.line, f"'{field.key}' is empty", "Give it a value")
        for field in source.repeated_fields:
            first = source.field(field.key).line
            self.report(
                source,
                field.line,
                f"'{field.key}' is given twice (first on line {first})",
                f"Keep one '{field.key}:' line",
            )
        report_missing_fields(self.report, source, required, "the header at the top of the file")
        self._check_template(source)
        summary = source.field("summary")
        if summary and len(summary.value) > MAX_SUMMARY_LENGTH:
            self.report(
                source,
                summary.line,
                f"the summary is {len(summary.value)} characters long",
                f"Keep it to one or two sentences, at most {MAX_SUMMARY_LENGTH} characters",
            )

    def _check_template(self, source):
        """A `Template:` must name one of the theme's templates."""
        template = source.field("template")
        folder = Path(self.settings["THEME"]) / "templates"
        if template and template.value and not (folder / f"{template.value}.html").is_file():
            self.report(
                source,
                template.line,
                f"the theme has no template '{template.value}'",
                f"Name a template of the theme ({folder.name}/, without '.html'), or "
                "remove the line for the usual one",
            )

    def article_dates(self, source):
        """Check date fields; return the ones that parse."""
        dates = {}
        for name in DATE_METADATA:
            field = source.field(name)
            if field is None or not field.value:
                continue
            parsed = parse_date(field.value)
            if parsed is None:
                self.report(
                    source,
                    field.line,
                    f"'{field.key}' is not a valid date: '{field.value}'",
                    f"Write it as {DATE_FORMAT}, for example {self.today.isoformat()}",
                )
            else:
                dates[name] = parsed
        return dates

    def check_article_metadata(self, source):
        kind_field = source.field("kind")
        kind = KINDS.get(kind_field.value) if kind_field else None
        if kind_field and kind_field.value and kind is None:
            self.report(
                source,
                kind_field.line,
                f"unknown kind '{kind_field.value}'",
                f"Use one of: {', '.join(KINDS)}",
            )
        order = source.field("order")
        if order and order.value and not order.value.isdigit():
            self.report(
                source,
                order.line,
                f"'Order' must be a whole number, not '{order.value}'",
                "Write a number such as 10, 20, 30 (its place within its part of the guide)",
            )
        reviewer = source.field("reviewer")
        reviewers = self.reviewers
        if (
            reviewer
            and reviewer.value
            and reviewers is not None
            and reviewer.value not in reviewers
        ):
            self.report(
                source,
                reviewer.line,
                f"unknown reviewer '{reviewer.value}'",
                f"Use the name of a [reviewers.NAME] block in content/data/clinic.toml: "
                f"{', '.join(reviewers)}",
            )
        self.check_review_dates(source, self.article_dates(source))
        return kind

    def check_review_dates(self, source, dates):
        line = source.field("next_review").line if "next_review" in dates else 1
        reviewed, due = dates.get("last_reviewed"), dates.get("next_review")
        if "date" in dates and "modified" in dates and dates["modified"] < dates["date"]:
            self.report(
                source,
                source.field("modified").line,
                "'Modified' is before 'Date'",
                "Set Modified to the day of the latest change",
            )
        if reviewed and reviewed > self.today:
            self.report(
                source,
                source.field("last_reviewed").line,
                f"'Last_reviewed' ({reviewed}) is in the future",
                "Set it to the day the reviewer approved the page",
            )
        if not (reviewed and due):
            return
        latest = latest_next_review(reviewed)
        if due <= reviewed or due > latest:
            self.report(
                source,
                line,
                f"'Next_review' ({due}) must fall after 'Last_reviewed' and at most "
                f"{MAX_REVIEW_INTERVAL_MONTHS} months later",
                f"Set it to {latest.isoformat()} or earlier",
            )
        if due < self.today:
            self.report(
                source,
                line,
                f"the review was due on {due}",
                "Have the page reviewed, then sign it off: invoke sign-off "
                f"{source.display_path} --reviewer KEY",
                severity=ERROR if self.settings.get("OVERDUE_REVIEW_IS_ERROR", True) else WARNING,
            )
