"""Pelican plugin: refuse bad content before any page is written.

Every article and page is checked against the content model; all problems are printed
together as ``path:line: problem. How to fix.`` and the build stops with a non-zero exit.
"""

import difflib
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath

from pelican import signals

from implant_guide.content_model import (
    ARTICLE_METADATA,
    CALLOUT_TYPES,
    DATE_FORMAT,
    DATE_METADATA,
    KINDS,
    MAX_REVIEW_INTERVAL_MONTHS,
    MIN_REFERENCES,
    OPTIONAL_METADATA,
    PAGE_METADATA,
    REFERENCES_HEADING,
    add_months,
)
from implant_guide.html_outline import outline
from implant_guide.source_file import SourceFile
from implant_guide.tolerant_reader import use_tolerant_reader

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
INTRASITE_LINK = re.compile(r"""(?:href|src)\s*=\s*(["'])\{(filename|static)\}([^"']*)\1""")
LEFTOVER_PLACEHOLDER = re.compile(r"\{\{[^}]*\}\}")
CALLOUT_LINE = re.compile(r"^!!!\s*([A-Za-z-]*)")
TODO_MARK = re.compile(r"\bTODO\b")
MAX_SUMMARY_LENGTH = 200


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a content file, and how to fix it."""

    path: str
    line: int
    message: str
    fix: str
    warning: bool = False

    def __str__(self):
        label = "warning: " if self.warning else ""
        return f"{self.path}:{self.line}: {label}{self.message}. {self.fix}"


class ContentError(SystemExit):
    """Raised when the content has errors: ends the build with its message and status 1."""


def parse_date(value: str) -> date | None:
    """A `YYYY-MM-DD` date, or None if the text is not one."""
    if not ISO_DATE.match(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


class ContentChecker:
    """Checks all content of one build against the content model and the settings."""

    def __init__(self, settings, content_root, known_sources, today=None):
        self.settings = settings
        self.content_root = Path(content_root)
        self.known_sources = known_sources
        self.today = today or date.today()
        self.problems: list[Problem] = []

    def report(self, source, line, message, fix, warning=False):
        self.problems.append(Problem(source.display_path, line, message, fix, warning))

    # -- metadata -------------------------------------------------------------
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
        for name in required:
            if source.field(name) is None:
                self.report(
                    source,
                    1,
                    f"missing metadata '{name.capitalize()}'",
                    f"Add a line '{name.capitalize()}: ...' to the header at the top of the file",
                )
        summary = source.field("summary")
        if summary and len(summary.value) > MAX_SUMMARY_LENGTH:
            self.report(
                source,
                summary.line,
                f"the summary is {len(summary.value)} characters long",
                f"Keep it to one or two sentences, at most {MAX_SUMMARY_LENGTH} characters",
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
        reviewers = self.settings["CLINIC"]["reviewers"]
        if reviewer and reviewer.value and reviewer.value not in reviewers:
            self.report(
                source,
                reviewer.line,
                f"unknown reviewer '{reviewer.value}'",
                f"Use a key of CLINIC['reviewers'] in pelicanconf.py: {', '.join(reviewers)}",
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
        latest = add_months(reviewed, MAX_REVIEW_INTERVAL_MONTHS)
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
                "Have the page reviewed, then update Last_reviewed and Next_review",
                warning=not self.settings.get("OVERDUE_REVIEW_IS_ERROR", True),
            )

    # -- body -----------------------------------------------------------------
    def check_sections(self, source, kind, body):
        titles = [section.title for section in body.sections]
        position = -1
        for required in kind.sections:
            if required not in titles:
                after = kind.sections[kind.sections.index(required) - 1]
                where = f"after '## {after}'" if required != kind.sections[0] else "first"
                self.report(
                    source,
                    source.body_start,
                    f"missing required section '## {required}' for kind '{kind.name}'",
                    f"Add the heading '## {required}' {where}, with text under it",
                )
                continue
            index = titles.index(required)
            section = body.sections[index]
            line = source.line_of(f"## {required}")
            if index < position:
                self.report(
                    source,
                    line,
                    f"section '## {required}' is out of order",
                    f"Kind '{kind.name}' needs its sections in this order: "
                    + ", ".join(kind.sections),
                )
            position = max(position, index)
            if not section.has_content:
                self.report(source, line, f"section '## {required}' is empty", "Write under it")
        for level in kind.care_cards:
            if level not in body.care_cards:
                self.report(
                    source,
                    source.line_of("## When to get help", source.body_start),
                    f"kind '{kind.name}' needs a {level} care card",
                    f'Add a block starting with: !!! {level} "Heading:"',
                )
        count = body.list_items_after.get(REFERENCES_HEADING, 0)
        if REFERENCES_HEADING in titles and count < MIN_REFERENCES:
            self.report(
                source,
                source.line_of(f"## {REFERENCES_HEADING}"),
                f"References lists {count} source(s)",
                f"List at least {MIN_REFERENCES} published sources as a numbered list",
            )

    def check_body(self, source, html):
        body = outline(html)
        for what in body.unsafe:
            needle = what.split("=")[0].strip("<>").rstrip(":")
            self.report(
                source,
                source.line_of(needle, source.body_start),
                f"unsafe HTML: {what}",
                "Remove it; pages may not run scripts, embed other sites or carry inline styles",
            )
        for href in body.emergency_links:
            self.report(
                source,
                source.line_of(href, source.body_start),
                f"the emergency care card links to '{href}'",
                "An emergency card must not send people away: remove the link",
            )
        for src, alt in body.images:
            if not (alt or "").strip():
                self.report(
                    source,
                    source.line_of(src.rsplit("/", 1)[-1], source.body_start),
                    f"image '{src}' has no alt text",
                    "Describe the image in the brackets: ![what it shows](file)",
                )
        for href in body.links:
            self.check_plain_link(source, href)
        for _, what, target in INTRASITE_LINK.findall(html or ""):
            self.check_intrasite_link(source, what, target)
        self.check_source_text(source)
        return body

    def check_plain_link(self, source, href):
        if href.startswith(("{", "#", "https://", "mailto:", "tel:")):
            if href.startswith("#") and len(href) == 1:
                self.report(source, source.line_of("(#)"), "empty link '#'", "Link to a real page")
            return
        if href.startswith("http://"):
            fix = "Use the https:// address"
        elif not href.strip():
            fix = "Give the link a target"
        else:
            fix = "Link to another page with its file name: [text]({filename}other-page.md)"
        self.report(source, source.line_of(href, source.body_start), f"link '{href}'", fix)

    def check_intrasite_link(self, source, what, target):
        path = target.split("#")[0].split("?")[0]
        base = PurePosixPath("") if path.startswith("/") else self._relative_dir(source)
        resolved = str((base / path.lstrip("/")).as_posix())
        resolved = str(PurePosixPath(*_normalize(PurePosixPath(resolved).parts)))
        if resolved not in self.known_sources:
            self.report(
                source,
                source.line_of(target, source.body_start),
                f"link to '{target}', which does not exist",
                "Check the file name against content/; "
                f"{{{what}}} paths are relative to this file's folder",
            )

    def _relative_dir(self, source):
        return PurePosixPath(source.path.parent.relative_to(self.content_root).as_posix())

    def check_source_text(self, source):
        for number, line in enumerate(source.lines, start=1):
            if TODO_MARK.search(line):
                self.report(
                    source, number, "unfinished text (TODO)", "Write the text, then remove TODO"
                )
            callout = CALLOUT_LINE.match(line)
            if callout and callout.group(1) not in CALLOUT_TYPES:
                self.report(
                    source,
                    number,
                    f"unknown block '!!! {callout.group(1)}'",
                    f"Use one of: {', '.join(CALLOUT_TYPES)}",
                )
            for placeholder in LEFTOVER_PLACEHOLDER.findall(line):
                name = placeholder.strip("{} ").removeprefix("figure:").strip()
                known = (
                    placeholder.strip("{} ").startswith("figure:")
                    and (self.content_root / "illustrations" / f"{name}.svg").is_file()
                )
                if not known and name not in self.settings["PLACEHOLDERS"]:
                    self.report(
                        source,
                        number,
                        f"unknown placeholder '{placeholder}'",
                        "Use one of: "
                        + ", ".join(f"{{{{ {n} }}}}" for n in self.settings["PLACEHOLDERS"])
                        + ", or {{ figure: NAME }} for content/illustrations/NAME.svg",
                    )

    # -- whole site -----------------------------------------------------------
    def check_unique(self, contents):
        for attribute in ("slug", "title"):
            seen = {}
            for content in contents:
                value = getattr(content, attribute, None)
                if value in seen:
                    source = SourceFile(content.source_path)
                    self.report(
                        source,
                        source.line_of(f"{attribute.capitalize()}:"),
                        f"duplicate {attribute} '{value}', also used by {seen[value]}",
                        f"Give each article and page its own {attribute}",
                    )
                else:
                    seen[value] = SourceFile(content.source_path).display_path

    def check_article(self, article):
        source = SourceFile(article.source_path)
        self.check_header(source, ARTICLE_METADATA)
        kind = self.check_article_metadata(source)
        body = self.check_body(source, article._content)
        if kind:
            self.check_sections(source, kind, body)

    def check_page(self, page):
        source = SourceFile(page.source_path)
        self.check_header(source, PAGE_METADATA)
        self.check_body(source, page._content)


def _normalize(parts):
    stack = []
    for part in parts:
        if part == "..":
            if stack:
                stack.pop()
        elif part not in (".", ""):
            stack.append(part)
    return stack or [""]


def check_all(pages_generator):
    """Signal handler, once articles and pages are read and before static files are:
    check every article and page, print the problems, stop on errors."""
    context = pages_generator.context
    root = Path(pages_generator.path)
    known = {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}
    checker = ContentChecker(pages_generator.settings, root, known)
    all_articles = [*context["articles"], *context["drafts"]]
    all_pages = [*context["pages"], *context["hidden_pages"], *context["draft_pages"]]
    for article in all_articles:
        checker.check_article(article)
    for page in all_pages:
        checker.check_page(page)
    checker.check_unique([*all_articles, *all_pages])
    publish(checker.problems)


def publish(problems):
    """Print problems, errors last; raise if any is an error."""
    if not problems:
        return
    ordered = sorted(problems, key=lambda p: (not p.warning, p.path, p.line))
    print("\n".join(str(problem) for problem in ordered), file=sys.stderr)
    errors = sum(not problem.warning for problem in problems)
    if errors:
        raise ContentError(
            f"{errors} content error(s) found; nothing was published. Fix them and build again."
        )


def register():
    """Connect the checks to Pelican."""
    signals.readers_init.connect(use_tolerant_reader)
    signals.page_generator_finalized.connect(check_all)
