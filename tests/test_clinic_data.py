"""The clinic's details come from content/data/clinic.toml: the pages show them (the suite
builds with the tests' own details, tests/support/data/clinic.toml, not the examples),
and a mistake in the file stops the build with `path:line: problem. How to fix.` and no
change."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, assert_refused_cleanly, changed_file, tree_digest
from pelican.settings import read_settings
from support.clinic_data import CLINIC_FILE, copy_project, filled_in_clinic_toml
from support.content_check import check_content

from implant_guide.clinic import example_values, reviewer_names
from implant_guide.release.build import build
from implant_guide.today import TODAY_VARIABLE


def page(site, slug: str) -> BeautifulSoup:
    return site.soup(site.page_for_slug(slug) if slug else site.root / "index.html")


def test_the_pages_show_the_clinics_details(development_site):
    site = development_site
    contact = page(site, "contact")
    assert contact.find("a", href="tel:+1-614-000-0100").get_text() == "614-000-0100"
    assert contact.find("a", href="tel:+1-614-000-0199").get_text() == "614-000-0199"
    assert contact.find("a", href="mailto:appointments@riverside-spine.test")
    hours = [row.get_text(" ", strip=True) for row in contact.select("#opening-hours + dl div")]
    assert hours == ["Monday to Thursday 7:30 a.m. to 6:00 p.m.", "Friday 7:30 a.m. to 1:00 p.m."]
    topics = [a.get_text() for a in contact.select("a.action-link")]
    assert topics == [
        "Interested in: a first appointment",
        "Interested in: a question after my operation",
    ]
    assert contact.find("address").get_text("\n").splitlines() == [
        "18 Mill Race Lane",
        "Building B",
        "Columbus, OH 43215",
    ]
    awards = page(site, "awards").select(".award-list__item")
    assert [award.get_text(" ", strip=True) for award in awards] == [
        "Patient Safety Award Awarded by Ohio Valley Quality Council, 2025"
    ]
    article = page(site, "blood-clots").find(class_="article__body")
    assert article.find("a", href="tel:+1-614-000-0100"), "{{ clinic_phone }} in the Markdown"
    assert "Riverside Spine Center" in page(site, "").find("header").get_text()


@pytest.mark.parametrize(
    ("slug", "heading", "key"),
    [
        ("moving-and-daily-life", "A back brace", "brace"),
        ("es/moverse-y-vida-diaria", "Una faja", "brace_es"),
    ],
)
def test_the_brace_section_says_what_the_clinics_surgeons_do(development_site, slug, heading, key):
    clinic = tomllib.loads(filled_in_clinic_toml())
    section = (
        page(development_site, slug)
        .find("h2", string=re.compile(heading))
        .find_next("p")
        .find_next("p")
    )
    assert section.get_text(" ", strip=True).endswith(clinic[key])
    assert section.find("strong").get_text().startswith(("At Riverside", "En Riverside"))


def test_publishing_refuses_the_example_statements_of_interests_and_brace():
    refused = example_values(read_settings(str(ROOT / "pelicanconf.py")))
    keys = {
        re.match(r"[^:]+:\d+: (\S+) = ", line).group(1)
        for line in refused
        if "clinic.toml:" in line
    }
    assert {"interests", "interests_es", "brace", "brace_es"} <= keys


def test_the_about_page_names_the_reviewers_with_their_credentials(development_site):
    about = page(development_site, "about").find(class_="article__body").get_text(" ")
    assert "checked before it goes online by a member of our medical team: " in about
    assert "Dr. Maria Alvarez, MD, FAAOS (orthopedic spine surgeon)" in about


def test_reviewers_are_named_as_a_sentence_names_them():
    def clinic(*names):
        return {"reviewers": {n: {"name": n, "credentials": "MD", "role": "r"} for n in names}}

    assert reviewer_names(clinic("A")) == "A, MD (r)"
    assert reviewer_names(clinic("A", "B")) == "A, MD (r) and B, MD (r)"
    assert reviewer_names(clinic("A", "B", "C")) == "A, MD (r), B, MD (r) and C, MD (r)"


def _line(text: str, start: str) -> int:
    """The number of the line of `text` that starts with `start`."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith(start))


CASES = {
    "missing field": (
        lambda t: re.sub(r"(?m)^email = .*\n", "", t),
        lambda t: 1,
        "missing 'email'. Add a line email = \"name@domain\" above the first [table]",
    ),
    "phone without digits": (
        lambda t: re.sub(r'(?m)^phone = ".*"$', 'phone = "call us"', t),
        lambda t: _line(t, "phone ="),
        "'phone' has no digits: 'call us'. Write the number as patients dial it",
    ),
    "phone link not in international form": (
        lambda t: re.sub(r'(?m)^phone_tel = ".*"$', 'phone_tel = "614 000 0100"', t),
        lambda t: _line(t, "phone_tel ="),
        "'phone_tel' is not in international form: '614 000 0100'. Write a +, the country code",
    ),
    "unknown key": (
        lambda t: t.replace("postal_code =", "postcode ="),
        lambda t: _line(t, "postcode ="),
        "unknown key 'postcode'. Did you mean 'postal_code'? Keys allowed here: street, ",
    ),
    "broken TOML line": (
        lambda t: re.sub(r'(?m)^locality = "(.*)"$', r"locality = \1", t),
        lambda t: _line(t, "locality ="),
        "this line is not valid TOML (Invalid value). Check its quotes, commas and brackets",
    ),
    "wrong type": (
        lambda t: re.sub(r"(?m)^year = (\d+)$", r'year = "\1"', t),
        lambda t: _line(t, "year ="),
        "'awards[0].year' should be a whole number, not text. Write it as year = 2026",
    ),
    "interests not a statement": (
        lambda t: re.sub(r'(?m)^interests = ".*"$', 'interests = "none"', t),
        lambda t: _line(t, "interests ="),
        "'interests' is not a statement: 'none'. Write in plain words what the clinic and its",
    ),
    "brace not a statement": (
        lambda t: re.sub(r'(?m)^brace_es = ".*"$', 'brace_es = "no"', t),
        lambda t: _line(t, "brace_es ="),
        "'brace_es' is not a statement: 'no'. Write in plain words whether the clinic's",
    ),
    "table written as text": (
        lambda t: t.replace("[address]", 'address = "18 Mill Race Lane"\n[old-address]', 1),
        lambda t: _line(t, "address ="),
        "'address' should be a table, not text",
    ),
}


END_TO_END = "broken TOML line"
"""The case a whole build is refused for; the others run the build's checks, in a small
guide (a changed data file makes the checks read every article again)."""


@pytest.mark.parametrize("case", [case for case in CASES if case != END_TO_END])
def test_a_mistake_in_the_clinic_file_is_reported_at_its_line(small_project, capfd, case):
    change, line, expected = CASES[case]
    path = small_project / CLINIC_FILE
    text = change(path.read_text(encoding="utf-8"))
    with changed_file(path, text):
        assert check_content(str(small_project / "pelicanconf.py")) != 0
    report = capfd.readouterr().err
    assert f"{path}:{line(text)}: {expected}" in report, report
    assert_refused_cleanly(report, str(path))


def test_a_mistake_in_the_clinic_file_stops_the_build_and_changes_nothing(project, capfd):
    change, line, expected = CASES[END_TO_END]
    path = project / CLINIC_FILE
    text = change(path.read_text(encoding="utf-8"))
    before = tree_digest(project / "output")
    with changed_file(path, text):
        assert build(str(project / "pelicanconf.py"), project / "output") != 0
    report = capfd.readouterr().err
    assert f"{path}:{line(text)}: {expected}" in report, report
    assert_refused_cleanly(report, str(path))
    assert tree_digest(project / "output") == before


# Settings name the data files and read none of them: commands that do not build work
# whatever the files hold, and the build reports a mistake at its line.

SETTINGS_IMPORT = """
import sys

opened = []
sys.addaudithook(lambda event, args: event == "open" and opened.append(str(args[0])))
from pelican.settings import read_settings

settings = read_settings("pelicanconf.py")
assert settings["CLINIC_FILE"].name == "clinic.toml"
print("\\n".join(path for path in opened if "/content/" in path or "/theme/" in path))
"""


@pytest.fixture
def broken_clinic_project(tmp_path) -> tuple[Path, int]:
    """A project copy, code and tasks included, whose clinic.toml has a phone number
    without digits; and the line it is on."""
    text = re.sub(r'(?m)^phone = ".*"$', 'phone = "call us"', filled_in_clinic_toml())
    project = copy_project(tmp_path / "project", text, with_code=True, signed_off=False)
    return project, _line(text, "phone =")


def test_reading_the_settings_opens_no_content_file_nor_reads_the_date(broken_clinic_project):
    project, _ = broken_clinic_project
    (project / "content" / "data" / "glossary.toml").unlink()
    done = subprocess.run(
        [sys.executable, "-c", SETTINGS_IMPORT],
        cwd=project,
        env={**os.environ, TODAY_VARIABLE: "not a date"},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "", f"files read on import: {done.stdout}"


def invoke(project: Path, *arguments: str) -> subprocess.CompletedProcess:
    """Run `invoke ARGUMENTS` in `project`, as an editor would."""
    return subprocess.run(
        [sys.executable, "-m", "invoke", *arguments],
        cwd=project,
        capture_output=True,
        text=True,
    )


@pytest.mark.slow
def test_invoke_commands_work_with_a_mistake_in_the_clinic_file(broken_clinic_project):
    project, line = broken_clinic_project
    built = invoke(project, "build")
    assert built.returncode != 0
    assert f"content/data/clinic.toml:{line}: 'phone' has no digits: 'call us'" in built.stderr
    assert "Traceback" not in built.stderr
    assert not (project / "output").exists()

    new = invoke(project, "new", "--kind", "complication", "--title", "Hiccups", "--slug", "hic")
    assert new.returncode == 0, new.stderr
    assert (project / "content" / "articles" / "hic.md").is_file()

    reviews = invoke(project, "reviews")
    assert "Traceback" not in reviews.stderr
    assert f"content/data/clinic.toml:{line}: 'phone' has no digits" in reviews.stderr
    # The calendar is shown; it fails only because publishing would refuse the pages their
    # reviewers have not signed off yet, the new article among them.
    assert "content/articles/hic.md: not signed off" in reviews.stdout
    assert reviews.returncode == 1, reviews.stderr

    (project / "output").mkdir()
    (project / "output" / "index.html").write_text("the site built before", encoding="utf-8")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "invoke", "serve", "--port", str(port)],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        assert _served(f"http://127.0.0.1:{port}/") == "the site built before"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)

    (project / "cache").mkdir(exist_ok=True)
    cleaned = invoke(project, "clean")
    assert cleaned.returncode == 0, cleaned.stderr
    assert not (project / "output").exists() and not (project / "cache").exists()


def _served(url: str, seconds: float = 20) -> str:
    """The body of `url`, once the server answers (it may take a moment to start)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
