"""An editor starts an article and its translation with the real commands, as the README
says: `invoke new`, then `make build`, which refuses every TODO (and nothing else, never
with a traceback) until the text is written, then builds; then `invoke new --lang es
--from SLUG`, refused and built the same way."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import content_reviewed_on
from support.clinic_data import ROOT

from implant_guide.today import TODAY_VARIABLE

ENGLISH = "content/articles/pressure-sores.md"
SPANISH = "content/articles/es/ulceras-por-presion.md"
DAY = content_reviewed_on()
"""The editor's today: the day the content was last reviewed, when every review date of the
guide's own pages holds."""


@pytest.fixture(scope="module")
def editors_project(project) -> Path:
    """The project copy, built, as an editor builds it with `make`, using the project's
    installed virtual environment (never reinstalled: `make -o` leaves its stamp alone)."""
    for name in ("pyproject.toml", "requirements.lock"):
        shutil.copy2(ROOT / name, project / name)
    (project / ".venv").symlink_to(ROOT / ".venv")
    return project


def run(project: Path, *command: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, TODAY_VARIABLE: DAY, "COLUMNS": "500"}
    return subprocess.run(command, cwd=project, env=environment, capture_output=True, text=True)


def invoke(project: Path, *arguments: str) -> subprocess.CompletedProcess:
    done = run(project, sys.executable, "-m", "invoke", *arguments)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def make_build(project: Path) -> subprocess.CompletedProcess:
    return run(project, "make", "--no-print-directory", "-o", ".venv/.installed", "build")


def refused_for_todos_only(project: Path, path: str) -> None:
    """`make build` fails, and every error it reports is a TODO line of `path`."""
    output = project / "output"
    before = sorted(output.rglob("*")) if output.exists() else None
    done = make_build(project)
    report = done.stdout + done.stderr
    assert done.returncode != 0, report
    assert "Traceback" not in report and "Error:" not in report, report
    errors = [line for line in report.splitlines() if re.match(r"^\S+:\d+: (?!warning:)", line)]
    todo_lines = [
        n for n, text in enumerate((project / path).read_text().splitlines(), 1) if "TODO" in text
    ]
    assert errors == [
        f"{path}:{n}: unfinished text (TODO). Write the text, then remove TODO" for n in todo_lines
    ], report
    assert (sorted(output.rglob("*")) if output.exists() else None) == before


def written(text: str, todo: str, sentence: str) -> str:
    """`text` with every line to write replaced by `sentence`, citing two sources in turn."""
    sources = iter(["fu2010", "desai2015"] * 50)
    return re.sub(
        rf"^(\s*(?:- )?){re.escape(todo)}.*$",
        lambda m: f"{m.group(1)}{sentence} [@{next(sources)}].",
        text,
        flags=re.MULTILINE,
    )


def test_an_editor_starts_an_article_and_its_translation(editors_project):
    project = editors_project
    invoke(
        project,
        "new",
        "--kind",
        "complication",
        "--title",
        "Pressure sores",
        "--slug",
        "pressure-sores",
    )
    refused_for_todos_only(project, ENGLISH)

    text = (project / ENGLISH).read_text(encoding="utf-8")
    text = text.replace("TODO-TOPIC", "wound-infection")
    text = re.sub(r"(?m)^Summary: TODO.*$", "Summary: Sore skin from lying still.", text)
    (project / ENGLISH).write_text(written(text, "TODO", "Skin can get sore"), encoding="utf-8")
    done = make_build(project)
    assert done.returncode == 0, done.stdout + done.stderr
    key_line = text.splitlines().index("Translation_key: pressure-sores") + 1
    missing = f"{ENGLISH}:{key_line}: warning: no Spanish translation of this page"
    assert missing in done.stderr
    assert "invoke new --lang es --from pressure-sores" in done.stderr

    invoke(
        project, "new", "--lang", "es", "--from", "pressure-sores", "--slug", "ulceras-por-presion"
    )
    refused_for_todos_only(project, SPANISH)

    text = (project / SPANISH).read_text(encoding="utf-8")
    text = re.sub(r"(?m)^Title: TODO.*$", "Title: Úlceras por presión", text)
    text = re.sub(r"(?m)^Summary: TODO.*$", "Summary: La piel se lastima al estar quieto.", text)
    (project / SPANISH).write_text(written(text, "TODO (es):", "La piel se lastima"), "utf-8")
    done = make_build(project)
    assert done.returncode == 0, done.stdout + done.stderr
    assert missing not in done.stderr
    page = (project / "output" / "es" / "ulceras-por-presion" / "index.html").read_text()
    assert "Úlceras por presión" in page and "Cuándo pedir ayuda" in page


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("--lang", "fr", "--from", "dural-tear"), "Unknown language 'fr'. Use one of: es"),
        (("--lang", "es", "--from", "no-such-page"), "No English article has the slug"),
        (("--lang", "es", "--from", "about"), "No English article has the slug 'about'"),
        (
            ("--lang", "es", "--from", "dural-tear"),
            "content/articles/es/desgarro-dural.md already translates "
            "content/articles/dural-tear.md.",
        ),
        (("--lang", "es"), "Give both the language and the English article"),
        (("--kind", "complications"), "Unknown kind 'complications'. Use one of: overview"),
    ],
    ids=["language", "unknown article", "a page", "translated already", "no --from", "kind"],
)
def test_invoke_new_refuses_bad_arguments_in_one_line(arguments, message):
    before = sorted((ROOT / "content").rglob("*"))
    done = run(ROOT, sys.executable, "-m", "invoke", "new", *arguments)
    assert done.returncode == 1
    assert done.stderr.startswith(message) and len(done.stderr.splitlines()) == 1, done.stderr
    assert sorted((ROOT / "content").rglob("*")) == before
