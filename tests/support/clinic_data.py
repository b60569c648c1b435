"""The tests' own clinic details, and copies of the project to build and publish with them."""

import shutil
from pathlib import Path

from conftest import ROOT

from implant_guide.sources import TomlSource

CLINIC_FILE = Path("content") / "data" / "clinic.toml"
TEST_CLINIC = Path(__file__).resolve().parent / "data" / "clinic.toml"
TEST_SITEURL = "https://www.riverside-spine.test"


def filled_in_clinic_toml() -> str:
    """The tests' clinic.toml, with a reviewer for every reviewer the content names (the
    project's clinic.toml declares them)."""
    text = TEST_CLINIC.read_text(encoding="utf-8")
    ours = TomlSource(TEST_CLINIC).data["reviewers"]
    for key in TomlSource(ROOT / CLINIC_FILE).data["reviewers"]:
        if key not in ours:
            text += (
                f'\n[reviewers.{key}]\nname = "Dr. Sam Okafor"\ncredentials = "MD"\n'
                'role = "spine surgeon"\nrole_es = "cirujano de columna"\n'
            )
    return text


def copy_project(folder: Path, clinic_toml: str, with_code: bool = False) -> Path:
    """A copy of the project's content and settings in `folder`, with `clinic_toml` as its
    clinic's details; `with_code` adds its tasks and code, to run `invoke` in."""
    shutil.copytree(ROOT / "content", folder / "content")
    (folder / "theme").symlink_to(ROOT / "theme")
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(ROOT / name, folder / name)
    (folder / CLINIC_FILE).write_text(clinic_toml, encoding="utf-8")
    if with_code:
        shutil.copytree(ROOT / "implant_guide", folder / "implant_guide")
        shutil.copy(ROOT / "tasks.py", folder / "tasks.py")
    return folder
