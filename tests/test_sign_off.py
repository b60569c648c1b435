"""Reviews are signed off with one command, `invoke sign-off PAGE --reviewer KEY`, which
records the review and a fingerprint of the text approved; a page whose text changed since
is "changed since review": the development build warns and publishing refuses it, naming
the page and its reviewer. A translation is signed off by its reviewer the same way."""

import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from conftest import changed_file, tree_digest
from support.content_check import check_content

from implant_guide.content_model import latest_next_review
from implant_guide.release.build import build
from implant_guide.sign_off import CHANGED, SIGNED, UNSIGNED, fingerprint, sign_off_state
from implant_guide.sources import MarkdownSource
from implant_guide.today import TODAY_VARIABLE

ARTICLE = "content/articles/dural-tear.md"
SPANISH_ARTICLE = "content/articles/es/desgarro-dural.md"
SIGN_OFF_DAY = "2027-02-03"


def invoke(project: Path, *arguments: str) -> subprocess.CompletedProcess:
    """`invoke ARGUMENTS` in `project` on SIGN_OFF_DAY, as an editor runs it."""
    return subprocess.run(
        [sys.executable, "-m", "invoke", *arguments],
        cwd=project,
        env={**os.environ, TODAY_VARIABLE: SIGN_OFF_DAY},
        capture_output=True,
        text=True,
    )


def header(project: Path, path: str) -> dict[str, str]:
    return {k: f.value for k, f in MarkdownSource(project / path).fields.items()}


# The fingerprint.


def test_the_fingerprint_is_the_text_without_the_review_fields():
    page = ["Title: A", "Modified: 2026-01-01", "Last_reviewed: 2026-01-01", "", "Text.", ""]
    same = ["Title: A", "Reviewer: x", "Reviewed_text: sha256:00", "", "Text.  "]
    assert fingerprint(page) == fingerprint(same)
    assert fingerprint(page).startswith("sha256:") and len(fingerprint(page)) == 7 + 64
    assert fingerprint(page) != fingerprint(["Title: B", "", "Text."])
    assert fingerprint(page) != fingerprint(["Title: A", "", "Text!"])
    # a line that looks like a field, below the header, is text
    assert fingerprint(["Title: A", "", "Modified: 1"]) != fingerprint(["Title: A", "", "Note: 1"])


# The command.


@pytest.mark.parametrize("page", [ARTICLE, "dural-tear"], ids=["path", "slug"])
def test_sign_off_records_the_review_and_the_text(in_project, page):
    path = in_project / ARTICLE
    with changed_file(path, path.read_text(encoding="utf-8")):
        done = invoke(in_project, "sign-off", page, "--reviewer", "spine-surgeon")
        assert done.returncode == 0, done.stdout + done.stderr
        fields = header(in_project, ARTICLE)
        source = MarkdownSource(path)
    day = date.fromisoformat(SIGN_OFF_DAY)
    assert fields["last_reviewed"] == SIGN_OFF_DAY
    assert fields["next_review"] == latest_next_review(day).isoformat()
    assert fields["reviewer"] == "spine-surgeon"
    assert fields["reviewed_text"] == fingerprint(source.lines)
    assert sign_off_state(source).status == SIGNED
    assert done.stdout.startswith(f"Signed off {ARTICLE} by Dr. Maria Alvarez: Last_reviewed: ")


def test_a_translation_is_signed_off_by_its_reviewer_with_the_same_command(in_project):
    path = in_project / SPANISH_ARTICLE
    with changed_file(path, path.read_text(encoding="utf-8")):
        done = invoke(in_project, "sign-off", "desgarro-dural", "--reviewer", "spanish-reviewer")
        assert done.returncode == 0, done.stdout + done.stderr
        fields = header(in_project, SPANISH_ARTICLE)
        state = sign_off_state(MarkdownSource(path))
    english = header(in_project, ARTICLE)
    assert fields["translation_reviewed"] == SIGN_OFF_DAY
    assert fields["translation_reviewer"] == "spanish-reviewer"
    assert (state.fields.fingerprint, state.status) == ("Translation_reviewed_text", SIGNED)
    for name in ("last_reviewed", "next_review", "reviewer"):
        assert fields[name] == english[name], name  # the clinical review it carries


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ("no-such-page", "--reviewer", "spine-surgeon"),
            "No page 'no-such-page'. Give its file (content/articles/dural-tear.md) or its slug",
        ),
        (
            (ARTICLE, "--reviewer", "dr-nobody"),
            "Unknown reviewer 'dr-nobody'. Use a [reviewers.KEY] of content/data/clinic.toml: "
            "spine-surgeon, spanish-reviewer",
        ),
        (
            ("content/pages/about.md", "--reviewer", "spine-surgeon"),
            "content/pages/about.md has no review to sign off: only articles and translations",
        ),
        (
            ("content/data/clinic.toml", "--reviewer", "spine-surgeon"),
            "No page 'content/data/clinic.toml'.",
        ),
    ],
    ids=["unknown page", "unknown reviewer", "page without a review", "not a page"],
)
def test_sign_off_refuses_a_bad_page_or_reviewer_in_one_line(in_project, arguments, message):
    before = tree_digest(in_project / "content")
    done = invoke(in_project, "sign-off", *arguments)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.startswith(message), done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert tree_digest(in_project / "content") == before


# The build.


def changed_article(project: Path) -> str:
    return (
        (project / ARTICLE)
        .read_text(encoding="utf-8")
        .replace("Most people", "Most people who have this operation", 1)
    )


def test_a_page_changed_since_its_review_is_a_warning_in_development(in_project, capfd):
    text = changed_article(in_project)
    with changed_file(in_project / ARTICLE, text):
        assert sign_off_state(MarkdownSource(in_project / ARTICLE)).status == CHANGED
        assert check_content(str(in_project / "pelicanconf.py")) == 0
    line = next(n for n, t in enumerate(text.splitlines(), 1) if t.startswith("Reviewed_text:"))
    reviewed = header(in_project, ARTICLE)["last_reviewed"]
    assert (
        f"{ARTICLE}:{line}: warning: changed since its review on {reviewed} by Dr. Maria "
        "Alvarez: the text is not the text signed off (Reviewed_text). Have Dr. Maria Alvarez "
        f"review it, then sign it off: invoke sign-off {ARTICLE} --reviewer spine-surgeon"
    ) in capfd.readouterr().err


def test_publishing_refuses_a_changed_page_until_its_reviewer_signs_it_off(
    in_project, capfd, tmp_path, monkeypatch
):
    published = tmp_path / "published"
    with changed_file(in_project / ARTICLE, changed_article(in_project)):
        assert build(str(in_project / "publishconf.py"), published) != 0
        report = capfd.readouterr().err
        assert re.search(
            rf"^{re.escape(ARTICLE)}:\d+: changed since its review on [-\d]+ by Dr. Maria "
            r"Alvarez: .* invoke sign-off .* --reviewer spine-surgeon$",
            report,
            flags=re.MULTILINE,
        ), report
        assert "Traceback" not in report
        assert not published.exists()
        signed = invoke(in_project, "sign-off", ARTICLE, "--reviewer", "spine-surgeon")
        assert signed.returncode == 0, signed.stderr
        monkeypatch.setenv(TODAY_VARIABLE, SIGN_OFF_DAY)
        status = check_content(str(in_project / "publishconf.py"))  # a publish build's checks
        assert status == 0, capfd.readouterr()


def test_a_translation_not_signed_off_is_refused_by_publishing(in_project, capfd):
    path = in_project / SPANISH_ARTICLE
    text = re.sub(r"(?m)^Translation_reviewed_text: .*\n", "", path.read_text(encoding="utf-8"))
    with changed_file(path, text):
        assert sign_off_state(MarkdownSource(path)).status == UNSIGNED
        assert check_content(str(in_project / "publishconf.py")) != 0
    line = next(
        n for n, t in enumerate(text.splitlines(), 1) if t.startswith("Translation_reviewed:")
    )
    assert (
        f"{SPANISH_ARTICLE}:{line}: this translation is not signed off by Dr. Sam Okafor: it has "
        f"no Translation_reviewed_text. Have Dr. Sam Okafor review it, then sign it off: invoke "
        f"sign-off {SPANISH_ARTICLE} --reviewer spanish-reviewer"
    ) in capfd.readouterr().err
