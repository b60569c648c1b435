"""Review dates are checked against one day, TODAY (IMPLANT_GUIDE_TODAY pins it): before
the next review all is well; after it, development builds warn, publish builds refuse and
`invoke reviews` fails. `invoke reviews` lists every page's review, soonest due first."""

import os
import re
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import article_sources, assert_refused_cleanly, tree_digest
from support.content_check import check_content

from implant_guide.policy import REVIEW_DUE_SOON_DAYS
from implant_guide.release.build import build
from implant_guide.review_calendar import (
    Untranslated,
    print_calendar,
    review_calendar,
    untranslated,
)
from implant_guide.sign_off import sign_off
from implant_guide.sources import MarkdownSource
from implant_guide.today import TODAY_VARIABLE, today

REVIEWERS = {"spine-surgeon": {"name": "Dr. Maria Alvarez"}}


def first_due() -> tuple[str, date, int]:
    """The article whose review is due first: its path, its next review and that line."""
    source = min(article_sources(), key=lambda s: s.field("next_review").value)
    field = source.field("next_review")
    return source.display_path, date.fromisoformat(field.value), field.line


def build_on(project: Path, day: date, settings: str, monkeypatch) -> int:
    monkeypatch.setenv(TODAY_VARIABLE, day.isoformat())
    return build(str(project / settings), project / "output")


def check_on(project: Path, day: date, monkeypatch, settings: str = "pelicanconf.py") -> int:
    """The content checks of a build with `settings` on `day`, run in this process (a
    whole publish build is refused once, below)."""
    monkeypatch.setenv(TODAY_VARIABLE, day.isoformat())
    return check_content(str(project / settings))


def test_on_the_day_of_the_next_review_the_site_publishes(project, monkeypatch):
    _, due, _ = first_due()
    assert check_on(project, due, monkeypatch, "publishconf.py") == 0


def test_past_the_next_review_publishing_is_refused(project, monkeypatch, capfd):
    path, due, line = first_due()
    before = tree_digest(project / "output")
    assert build_on(project, due + timedelta(days=1), "publishconf.py", monkeypatch) != 0
    report = capfd.readouterr().err
    assert f"{path}:{line}: the review was due on {due}." in report
    assert_refused_cleanly(report, str(path))
    assert tree_digest(project / "output") == before


def test_past_the_next_review_a_development_build_warns(project, monkeypatch, capfd):
    path, due, line = first_due()
    assert check_on(project, due + timedelta(days=1), monkeypatch) == 0
    assert f"{path}:{line}: warning: the review was due on {due}." in capfd.readouterr().err


def test_a_review_after_today_is_refused(project, monkeypatch, capfd):
    source = max(article_sources(), key=lambda s: s.field("last_reviewed").value)
    reviewed = source.field("last_reviewed")
    day = date.fromisoformat(reviewed.value) - timedelta(days=1)
    assert check_on(project, day, monkeypatch) != 0
    expected = f"{source.display_path}:{reviewed.line}: 'Last_reviewed' ({reviewed.value}) is in"
    assert expected in capfd.readouterr().err


def test_today_is_the_pinned_day_or_refuses_a_wrong_one(monkeypatch):
    monkeypatch.setenv(TODAY_VARIABLE, "2031-02-03")
    assert today() == date(2031, 2, 3)
    monkeypatch.setenv(TODAY_VARIABLE, "next week")
    with pytest.raises(SystemExit, match=r"is not a date\. Write it as YYYY-MM-DD"):
        today()


# The review calendar.


def page(folder: Path, name: str, last: str, text: str = "Some text.") -> Path:
    """A page reviewed and signed off on `last`: its next review is due a year later."""
    path = folder / f"{name}.md"
    path.write_text(
        f"Title: {name}\nKind: complication\nTranslation_key: {name}\nReviewer: spine-surgeon\n"
        f"\n{text}\n"
    )
    sign_off(path, "spine-surgeon", date.fromisoformat(last))
    return path


@pytest.fixture
def pages(tmp_path) -> list[Path]:
    """Two pages signed off, due 2031-01-01 and 2031-03-01, and one not reviewed."""
    without = tmp_path / "no-review.md"
    without.write_text("Title: Privacy\n")
    return [page(tmp_path, "later", "2030-03-01"), page(tmp_path, "sooner", "2030-01-01"), without]


def test_the_calendar_lists_reviews_soonest_first(pages, capsys):
    calendar = review_calendar(pages, REVIEWERS, date(2030, 6, 1))
    assert [(Path(r.path).stem, r.days_left, r.status) for r in calendar] == [
        ("sooner", 214, ""),
        ("later", 273, ""),
    ]
    assert print_calendar(calendar, date(2030, 6, 1)) == 0
    printed = capsys.readouterr().out.splitlines()
    assert re.split(r"\s{2,}", printed[1]) == [
        "next review",
        "days left",
        "status",
        "last review",
        "reviewer",
        "lang",
        "translation review",
        "page",
    ]
    assert printed[2].split()[:4] == ["2031-01-01", "214", "2030-01-01", "Dr."]
    assert printed[-1] == (
        "2 pages: 0 overdue, 0 due soon, 0 changed since review, 0 not signed off, "
        "0 stale translations, 0 without a translation."
    )


def spanish(english: Path, reviewed: str | None = None) -> Path:
    """A translation of `english`, signed off by its reviewer on `reviewed` (if given)."""
    path = english.with_name("mas-tarde.md")
    path.write_text(
        "Title: Más tarde\nLang: es\nTranslation_key: later\nLast_reviewed: 2030-03-01\n"
        "Next_review: 2031-03-01\nReviewer: spine-surgeon\n\nAlgo de texto.\n"
    )
    if reviewed:
        sign_off(path, "spine-surgeon", date.fromisoformat(reviewed), MarkdownSource(english))
    return path


def test_the_calendar_shows_each_translation_review_and_marks_a_stale_one(pages, capsys):
    pages[0].write_text(pages[0].read_text().replace("Title:", "Modified: 2030-05-01\nTitle:"))
    calendar = review_calendar(
        [*pages, spanish(pages[0], "2030-04-01")], REVIEWERS, date(2030, 6, 1)
    )
    by_page = {Path(r.path).stem: r for r in calendar}
    assert (by_page["later"].lang, by_page["later"].translation) == ("en", "")
    assert by_page["mas-tarde"].lang == "es"
    assert by_page["mas-tarde"].translation == (
        "2030-04-01 Dr. Maria Alvarez STALE (English modified 2030-05-01)"
    )
    assert print_calendar(calendar, date(2030, 6, 1)) == 1
    assert "1 stale translations" in capsys.readouterr().out


def test_a_translation_not_signed_off_is_listed_and_fails(pages, capsys):
    calendar = review_calendar([*pages, spanish(pages[0])], REVIEWERS, date(2030, 6, 1))
    translation = next(r for r in calendar if r.lang == "es")
    assert translation.status == "translation not signed off"
    assert (translation.next_review, translation.translation) == (date(2031, 3, 1), "- -")
    assert print_calendar(calendar, date(2030, 6, 1)) == 1
    printed = capsys.readouterr().out
    assert "1 not signed off" in printed
    assert f"then: invoke sign-off {translation.path} --reviewer KEY" in printed
    assert "the site cannot be published" in printed


def test_a_page_changed_since_its_sign_off_is_marked_and_fails(pages, capsys):
    pages[1].write_text(pages[1].read_text().replace("Some text.", "Some new text."))
    calendar = review_calendar(pages, REVIEWERS, date(2030, 6, 1))
    assert [r.status for r in calendar] == ["changed since review", ""]
    assert calendar[0].changes == ""  # not in git: the state is known, what changed is not
    assert print_calendar(calendar, date(2030, 6, 1)) == 1
    printed = capsys.readouterr().out
    assert "1 changed since review" in printed
    assert f"then: invoke sign-off {calendar[0].path} --reviewer spine-surgeon" in printed


COMMIT_DAY = "2030-03-02"


def git(folder: Path, *arguments: str) -> str:
    """Run git in `folder` as an editor on COMMIT_DAY."""
    environment = {}
    for role in ("AUTHOR", "COMMITTER"):
        environment[f"GIT_{role}_NAME"] = "Editor"
        environment[f"GIT_{role}_EMAIL"] = "editor@clinic.test"
        environment[f"GIT_{role}_DATE"] = f"{COMMIT_DAY}T12:00:00+0000"
    done = subprocess.run(
        ["git", "-C", str(folder), *arguments],
        env={**os.environ, **environment},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


@pytest.mark.skipif(
    shutil.which("git") is None, reason="git is not installed (apt-get install git)"
)
def test_in_git_the_calendar_says_what_changed_since_the_sign_off(pages, capsys):
    folder = pages[0].parent
    git(folder, "init", "-q")
    git(folder, "add", ".")
    git(folder, "commit", "-q", "-m", "Signed off")
    signed = git(folder, "rev-parse", "--short=7", "HEAD")
    text = pages[1].read_text().replace("Some text.", "Some new text.\n\nAnd more.")
    pages[1].write_text(text)
    git(folder, "commit", "-q", "-am", "Changed after the review")
    pages[1].write_text(text + "\nNot committed yet.\n")
    calendar = review_calendar(pages, REVIEWERS, date(2030, 6, 1))
    changed = next(r for r in calendar if r.sign_off != "signed off")
    assert changed.changes == (
        f"5 lines added, 1 removed since commit {signed} ({COMMIT_DAY}); "
        f"see them: git diff {signed} -- sooner.md"
    )
    print_calendar(calendar, date(2030, 6, 1))
    assert f"{changed.path}: changed since review; 5 lines added" in capsys.readouterr().out


def test_the_calendar_lists_english_pages_without_a_translation(pages, capsys):
    files = [*pages, spanish(pages[0], "2030-04-01")]
    assert untranslated(files) == [Untranslated(str(pages[1]), "sooner", "es", article=True)]
    calendar = review_calendar(files, REVIEWERS, date(2030, 6, 1))
    assert print_calendar(calendar, date(2030, 6, 1), untranslated(files)) == 1
    printed = capsys.readouterr().out
    assert "1 without a translation" in printed
    assert f"{pages[1]}: no Spanish translation; start it: invoke new --lang es --from sooner" in (
        printed
    )


def test_reviews_due_within_the_notice_are_marked(pages, capsys):
    day = date(2031, 1, 1) - timedelta(days=REVIEW_DUE_SOON_DAYS)
    calendar = review_calendar(pages, REVIEWERS, day)
    assert [r.status for r in calendar] == ["due soon", ""]
    assert print_calendar(calendar, day) == 0
    assert "due soon" in capsys.readouterr().out


def test_an_overdue_review_is_marked_and_fails(pages, capsys):
    calendar = review_calendar(pages, REVIEWERS, date(2031, 1, 2))
    assert [(r.days_left, r.status) for r in calendar] == [(-1, "OVERDUE"), (58, "due soon")]
    assert print_calendar(calendar, date(2031, 1, 2)) == 1
    assert "1 overdue, 1 due soon" in capsys.readouterr().out


@pytest.mark.parametrize(("days_after_due", "status"), [(-1, 0), (1, 1)])
def test_invoke_reviews_fails_once_a_review_is_overdue(project, days_after_due, status):
    path, due, _ = first_due()
    day = due + timedelta(days=days_after_due)
    done = subprocess.run(
        [sys.executable, "-m", "invoke", "reviews"],
        cwd=project,
        env={**os.environ, TODAY_VARIABLE: day.isoformat()},
        capture_output=True,
        text=True,
    )
    assert done.returncode == status, done.stdout + done.stderr
    assert f"Review calendar on {day}" in done.stdout
    assert path in done.stdout
    assert ("OVERDUE" in done.stdout) == bool(status)
