"""The tests' own clinic details, and copies of the project to build and publish with them."""

import re
import shutil
from datetime import date
from pathlib import Path

from dateutil.relativedelta import relativedelta

from implant_guide.sources import TomlSource
from support.sign_off import sign_off_every_page

ROOT = Path(__file__).resolve().parents[2]

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


def reviewed_today(content: Path) -> None:
    """Mark every page under `content` reviewed today, next due in 6 months. Publishing
    checks review dates against the calendar's today (nothing can move it), so a test that
    publishes sets the dates around it, to pass on any date."""
    today = date.today()
    for path in content.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"(?m)^Last_reviewed: .*$", f"Last_reviewed: {today}", text)
        text = re.sub(
            r"(?m)^Next_review: .*$", f"Next_review: {today + relativedelta(months=6)}", text
        )
        path.write_text(text, encoding="utf-8")


def copy_project(
    folder: Path, clinic_toml: str | None = None, with_code: bool = False, signed_off: bool = True
) -> Path:
    """A copy of the project's content, settings and tasks in `folder`, with `clinic_toml`
    (if given) as its clinic's details and, if `signed_off`, every reviewed page signed off
    as the clinic's reviewers sign them off before publishing (the project's own pages
    await its clinician's sign-off); `with_code` adds its code, to run `invoke` in another
    process."""
    shutil.copytree(ROOT / "content", folder / "content")
    (folder / "theme").symlink_to(ROOT / "theme")
    for name in ("pelicanconf.py", "publishconf.py", "tasks.py", "Makefile"):
        shutil.copy(ROOT / name, folder / name)
    if clinic_toml is not None:
        (folder / CLINIC_FILE).write_text(clinic_toml, encoding="utf-8")
    if with_code:
        for package in ("implant_guide", "benchmarks"):  # the tests' web server is a benchmark's
            shutil.copytree(ROOT / package, folder / package)
    if signed_off:
        sign_off_every_page(folder)
    return folder
