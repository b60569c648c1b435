"""Reviews signed off with one command, and pages that changed since.

`invoke sign-off PAGE --reviewer KEY` records a review in the page's header: for an English
article its `Last_reviewed:` (today), `Next_review:` (the longest interval the policy
allows), `Reviewer:` and `Reviewed_text:`; for a translation its `Translation_reviewed:`,
`Translation_reviewer:` and `Translation_reviewed_text:`, with the English page's own
review dates copied beside them. The `..._text` field is a fingerprint of the text that was
approved, `sha256:` and the SHA-256 of the file without the review fields and `Modified:`.

A page is signed off while its text still has that fingerprint. The rule needs nothing but
the file, so it holds in a clean clone and in a copied folder alike; git, where there is
one, only shows what changed since the review (`changes_since_review`).
"""

import hashlib
import re
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from implant_guide.content_model import latest_next_review
from implant_guide.languages import DEFAULT_LANGUAGE, source_language
from implant_guide.sources import HEADER_LINE, MarkdownSource

FINGERPRINT_PREFIX = "sha256:"
SIGNED = "signed off"
CHANGED = "changed since review"
UNSIGNED = "not signed off"


@dataclass(frozen=True)
class ReviewFields:
    """The header fields that record one kind of review."""

    what: str
    reviewed: str
    reviewer: str
    fingerprint: str
    next_review: str = ""
    """The field of the next review's date, for a review that has one."""

    def names(self) -> tuple[str, ...]:
        return tuple(
            filter(None, (self.reviewed, self.next_review, self.reviewer, self.fingerprint))
        )


CLINICAL = ReviewFields("review", "Last_reviewed", "Reviewer", "Reviewed_text", "Next_review")
TRANSLATION = ReviewFields(
    "translation review",
    "Translation_reviewed",
    "Translation_reviewer",
    "Translation_reviewed_text",
)
NOT_REVIEWED_TEXT = ("Modified", *CLINICAL.names(), *TRANSLATION.names())
"""Header fields left out of a page's fingerprint: what a sign-off writes, and the date of
the last change."""
_LEFT_OUT = {name.lower() for name in NOT_REVIEWED_TEXT}


def review_fields(source: MarkdownSource) -> ReviewFields | None:
    """The review a page records: a translation's own, an English article's clinical one,
    or None for a page that is not reviewed (about, privacy...)."""
    if source_language(source) != DEFAULT_LANGUAGE:
        return TRANSLATION
    return CLINICAL if source.field("reviewer") or source.field("last_reviewed") else None


def fingerprint(lines: list[str]) -> str:
    """The fingerprint of a page's text: its lines but the header fields of
    NOT_REVIEWED_TEXT, without trailing spaces or blank lines at the end."""
    kept, in_header = [], True
    for line in lines:
        field = in_header and HEADER_LINE.match(line)
        in_header = bool(field)
        if field and field.group(1).strip().lower() in _LEFT_OUT:
            continue
        kept.append(line.rstrip())
    text = "\n".join(kept).rstrip("\n") + "\n"
    return FINGERPRINT_PREFIX + hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class SignOff:
    """Whether a page's text is the text its reviewer signed off."""

    fields: ReviewFields
    status: str
    """SIGNED, CHANGED or UNSIGNED."""
    reviewed_on: str
    reviewer: str
    recorded: str
    """The fingerprint in the header, if any."""
    line: int
    """The header line to report: the fingerprint's, else the review date's, else 1."""


def sign_off_state(source: MarkdownSource) -> SignOff | None:
    """The sign-off of a page that is reviewed; None for one that is not."""
    fields = review_fields(source)
    if fields is None:
        return None

    def value(name):
        field = source.field(name)
        return field.value if field else ""

    recorded = value(fields.fingerprint)
    if not recorded:
        status = UNSIGNED
    else:
        status = SIGNED if recorded == fingerprint(source.lines) else CHANGED
    marker = source.field(fields.fingerprint) or source.field(fields.reviewed)
    return SignOff(
        fields,
        status,
        value(fields.reviewed),
        value(fields.reviewer),
        recorded,
        marker.line if marker else 1,
    )


class SignOffError(Exception):
    """A sign-off that cannot be done: its message says why and how to fix it, on one line."""


def find_page(page: str, files: list[Path], root: Path) -> Path:
    """The content file `page` names: its path (from `root` or the current folder) or
    its slug."""
    for candidate in (Path(page), root / page):
        if candidate.suffix == ".md" and candidate.is_file():
            resolved = candidate.resolve()
            if resolved in {path.resolve() for path in files}:
                return resolved
            raise SignOffError(f"{page} is not an article or page of {root / 'content'}.")
    slugs = {}
    for path in files:
        slug = MarkdownSource(path).field("slug")
        if slug:
            slugs[slug.value] = path
    if page in slugs:
        return slugs[page]
    raise SignOffError(
        f"No page '{page}'. Give its file (content/articles/dural-tear.md) or its slug "
        "(dural-tear, desgarro-dural)."
    )


def _set_fields(lines: list[str], values: dict[str, str]) -> list[str]:
    """`lines` with each header field of `values` set: in its place if it is there, else
    after the last of them that is, or at the end of the header."""
    header_end = next(
        (n for n, line in enumerate(lines) if not HEADER_LINE.match(line)), len(lines)
    )
    lines = list(lines)
    where = {}
    for number in range(header_end):
        key = HEADER_LINE.match(lines[number]).group(1).strip().lower()
        where[key] = number
    insert_at = header_end
    for name, value in values.items():
        number = where.get(name.lower())
        if number is not None:
            lines[number] = f"{name}: {value}"
            insert_at = number + 1
    for name, value in values.items():
        if name.lower() not in where:
            lines.insert(insert_at, f"{name}: {value}")
            insert_at += 1
    return lines


def sign_off(path: Path, reviewer: str, today: date, english: MarkdownSource | None = None) -> str:
    """Record `reviewer`'s review of the page at `path` on `today`; for a translation, copy
    its English page's review dates. Returns what was recorded, for the editor."""
    source = MarkdownSource(path)
    fields = review_fields(source)
    if fields is None:
        raise SignOffError(
            f"{source.display_path} has no review to sign off: only articles and "
            "translations are reviewed (an article has Reviewer: in its header)."
        )
    values = {fields.reviewed: today.isoformat()}
    if fields.next_review:
        values[fields.next_review] = latest_next_review(today).isoformat()
    values[fields.reviewer] = reviewer
    values[fields.fingerprint] = fingerprint(source.lines)
    copied = {}
    if fields is TRANSLATION and english is not None:
        for name in (CLINICAL.reviewed, CLINICAL.next_review, CLINICAL.reviewer):
            if english.field(name):
                copied[name] = english.field(name).value
    lines = _set_fields(_set_fields(source.lines, values), copied)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    values |= copied
    return ", ".join(
        f"{name}: {value}" for name, value in values.items() if name != fields.fingerprint
    )


def english_page(source: MarkdownSource, files: list[Path]) -> MarkdownSource | None:
    """The English page a translation translates (by `Translation_key:`), if any."""
    key = source.field("translation_key")
    for path in files:
        other = MarkdownSource(path)
        other_key = other.field("translation_key")
        same_key = key and other_key and other_key.value == key.value
        if same_key and source_language(other) == DEFAULT_LANGUAGE:
            return other
    return None


def sign_off_page(
    page: str,
    reviewer: str,
    files: list[Path],
    reviewers: dict,
    clinic: Path,
    root: Path,
    today: date,
) -> str:
    """`invoke sign-off PAGE --reviewer KEY`: check both (the reviewer among the clinic's
    `reviewers`, from the file `clinic`), record the review, and say what was recorded."""
    if reviewer not in reviewers:
        raise SignOffError(
            f"Unknown reviewer '{reviewer}'. Use a [reviewers.KEY] of "
            f"{clinic.relative_to(root) if clinic.is_relative_to(root) else clinic}: "
            + ", ".join(reviewers)
        )
    path = find_page(page, files, root)
    source = MarkdownSource(path)
    english = english_page(source, files) if review_fields(source) is TRANSLATION else None
    recorded = sign_off(path, reviewer, today, english)
    return f"Signed off {path.relative_to(root)} by {reviewers[reviewer]['name']}: {recorded}."


GIT_TIMEOUT = 20
"""Seconds a git command may take before the calendar gives up showing what changed."""


def _git(folder: Path, *arguments: str, stdin: bytes | None = None) -> bytes | None:
    """A git command's output, or None where git or a repository is missing."""
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), *arguments],
            input=stdin,
            capture_output=True,
            timeout=GIT_TIMEOUT,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def _blobs(folder: Path, names: list[str]) -> list[bytes | None]:
    """The contents of `REVISION:PATH` names, read by one `git cat-file --batch`."""
    output = _git(folder, "cat-file", "--batch", stdin="".join(f"{n}\n" for n in names).encode())
    contents, at = [], 0
    while output is not None and at < len(output) and len(contents) < len(names):
        end = output.index(b"\n", at)
        header = output[at:end].split()
        if len(header) < 3:
            contents.append(None)
            at = end + 1
            continue
        size = int(header[2])
        contents.append(output[end + 1 : end + 1 + size])
        at = end + 1 + size + 1
    return contents + [None] * (len(names) - len(contents))


def changes_since_review(path: Path, state: SignOff) -> str:
    """What changed in the page since its review, as git tells it: the lines added and
    removed since the commit that holds the text signed off (or, for a page never signed
    off, the last commit on or before its review date), and the command that shows them.
    Empty where git cannot tell."""
    path = path.resolve()
    top = _git(path.parent, "rev-parse", "--show-toplevel")
    if top is None:
        return ""
    root = Path(top.decode().strip())
    relative = path.relative_to(root).as_posix()
    log = _git(root, "log", "--format=%H %cs", "--", relative)
    commits = [line.split() for line in (log or b"").decode().splitlines() if line.strip()]
    since = None
    if state.recorded:
        texts = _blobs(root, [f"{commit}:{relative}" for commit, _ in commits])
        since = next(
            (
                (commit, day)
                for (commit, day), text in zip(commits, texts, strict=True)
                if text is not None
                and fingerprint(text.decode("utf-8", "replace").splitlines()) == state.recorded
            ),
            None,
        )
    elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", state.reviewed_on) and commits:
        # Never signed off: from the last commit before the review's day (the day's own
        # commits may have come after the review), or from the page's first version.
        since = next(((c, d) for c, d in commits if d < state.reviewed_on), commits[-1])
    if since is None:
        return ""
    commit, day = since
    numbers = (_git(root, "diff", "--numstat", commit, "--", relative) or b"").decode().split()
    if len(numbers) < 2:
        return f"no change in git since commit {commit[:7]} ({day})"
    added, removed = numbers[0], numbers[1]
    return (
        f"{added} line{'s' * (added != '1')} added, {removed} removed since commit "
        f"{commit[:7]} ({day}); see them: git diff {commit[:7]} -- {relative}"
    )
