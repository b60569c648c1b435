"""Review dates are checked against one day, TODAY (IMPLANT_GUIDE_TODAY pins it): before
the next review all is well; after it, development builds warn, publish builds refuse and
`invoke reviews` fails. `invoke reviews` lists every page's review, soonest due first."""

import os
import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import ROOT, article_sources, assert_refused_cleanly, tree_digest
from support.clinic_data import copy_project, filled_in_clinic_toml
from support.content_check import check_content

from implant_guide.policy import REVIEW_DUE_SOON_DAYS
from implant_guide.release.build import build
from implant_guide.review_calendar import print_calendar, review_calendar
from implant_guide.today import TODAY_VARIABLE, today

REVIEWERS = {"spine-surgeon": {"name": "Dr. Maria Alvarez"}}


def first_due() -> tuple[str, date, int]:
    """The article whose review is due first: its path, its next review and that line."""
    source = min(article_sources(), key=lambda s: s.field("next_review").value)
    field = source.field("next_review")
    return source.display_path, date.fromisoformat(field.value), field.line


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the project with a good build in output/."""
    folder = copy_project(tmp_path_factory.mktemp("reviews"), filled_in_clinic_toml())
    assert build(str(folder / "pelicanconf.py"), folder / "output") == 0
    return folder


def build_on(project: Path, day: date, settings: str, monkeypatch) -> int:
    monkeypatch.setenv(TODAY_VARIABLE, day.isoformat())
    return build(str(project / settings), project / "output")


def check_on(project: Path, day: date, monkeypatch) -> int:
    """The development build's content checks on `day`, run in this process (publishing
    on and before a review date is checked by whole builds above)."""
    monkeypatch.setenv(TODAY_VARIABLE, day.isoformat())
    return check_content(str(project / "pelicanconf.py"))


def test_on_the_day_of_the_next_review_the_site_publishes(project, monkeypatch, tmp_path):
    _, due, _ = first_due()
    monkeypatch.setenv(TODAY_VARIABLE, due.isoformat())
    assert build(str(project / "publishconf.py"), tmp_path / "published") == 0


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


def page(folder: Path, name: str, last: str, due: str) -> Path:
    path = folder / f"{name}.md"
    path.write_text(
        f"Title: {name}\nLast_reviewed: {last}\nNext_review: {due}\nReviewer: spine-surgeon\n"
    )
    return path


@pytest.fixture
def pages(tmp_path) -> list[Path]:
    """Two pages with review dates, due 2031-01-01 and 2031-03-01, and one without."""
    without = tmp_path / "no-review.md"
    without.write_text("Title: Privacy\n")
    return [
        page(tmp_path, "later", "2030-03-01", "2031-03-01"),
        page(tmp_path, "sooner", "2030-01-01", "2031-01-01"),
        without,
    ]


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
    assert printed[-1] == "2 pages: 0 overdue, 0 due soon, 0 stale translations."


def test_the_calendar_shows_each_translation_review_and_marks_a_stale_one(pages, capsys):
    english = pages[0].read_text() + "Translation_key: later\nModified: 2030-05-01\n"
    pages[0].write_text(english)
    spanish = pages[0].with_name("mas-tarde.md")
    spanish.write_text(
        "Title: Más tarde\nLang: es\nTranslation_key: later\nLast_reviewed: 2030-03-01\n"
        "Next_review: 2031-03-01\nReviewer: spine-surgeon\n"
        "Translation_reviewed: 2030-04-01\nTranslation_reviewer: spine-surgeon\n"
    )
    calendar = review_calendar([*pages, spanish], REVIEWERS, date(2030, 6, 1))
    by_page = {Path(r.path).stem: r for r in calendar}
    assert (by_page["later"].lang, by_page["later"].translation) == ("en", "")
    assert by_page["mas-tarde"].lang == "es"
    assert by_page["mas-tarde"].translation == (
        "2030-04-01 Dr. Maria Alvarez STALE (English modified 2030-05-01)"
    )
    print_calendar(calendar, date(2030, 6, 1))
    assert capsys.readouterr().out.splitlines()[-1].endswith("1 stale translations.")


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
def test_invoke_reviews_fails_once_a_review_is_overdue(days_after_due, status):
    path, due, _ = first_due()
    day = due + timedelta(days=days_after_due)
    done = subprocess.run(
        [sys.executable, "-m", "invoke", "reviews"],
        cwd=ROOT,
        env={**os.environ, TODAY_VARIABLE: day.isoformat()},
        capture_output=True,
        text=True,
    )
    assert done.returncode == status, done.stdout + done.stderr
    assert f"Review calendar on {day}" in done.stdout
    assert path in done.stdout
    assert ("OVERDUE" in done.stdout) == bool(status)
