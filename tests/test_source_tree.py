"""The source tree is whole in git and in the linter: no ignore pattern hides a source
file, tracked or new, and ruff checks every Python file."""

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT


def git(*arguments: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", *arguments], cwd=ROOT, input=stdin, capture_output=True, text=True
    )


@pytest.fixture(scope="module")
def tracked() -> list[str]:
    """Every file git tracks in the project (skips outside a git checkout)."""
    if shutil.which("git") is None or git("rev-parse", "--show-toplevel").returncode:
        pytest.skip("not a git checkout")
    return git("ls-files").stdout.splitlines()


def test_no_tracked_file_matches_an_ignore_pattern(tracked):
    assert git("ls-files", "--cached", "--ignored", "--exclude-standard").stdout == ""


def test_a_new_file_in_any_source_folder_is_not_ignored(tracked):
    folders = sorted({str(Path(path).parent) for path in tracked})
    new_files = "".join(f"{folder}/new_module.py\n" for folder in folders)
    ignored = git("check-ignore", "--no-index", "--verbose", "--stdin", stdin=new_files)
    assert ignored.stdout == "", ignored.stdout


def test_ruff_checks_every_tracked_python_file(tracked):
    shown = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "ruff"), "check", "--show-files", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    checked = {Path(line).relative_to(ROOT).as_posix() for line in shown.stdout.splitlines()}
    python = {path for path in tracked if path.endswith(".py") and (ROOT / path).exists()}
    assert python - checked == set()
