"""Settings files that build a synthetic corpus three ways: ours, ours cached, bare Pelican."""

from pathlib import Path

from pelican.settings import read_settings

from implant_guide.clinic import read_clinic
from implant_guide.sources import MarkdownSource

ROOT = Path(__file__).resolve().parents[1]
"""The project these benchmarks belong to."""

OURS = '''"""The site's own settings, reading a synthetic corpus."""
import sys

sys.path.insert(0, {root!r})
from pelicanconf import *  # noqa: F403

PATH = {content!r}
THEME = {theme!r}
ILLUSTRATIONS_DIR = {figures!r}
CACHE_CONTENT = LOAD_CONTENT_CACHE = False  # a full build; CACHED turns the cache on
KEPT_RESULTS_PATH = {kept!r}  # emptied before each full build
'''

CACHED = '''"""The site's own settings with Pelican's content cache on."""
import sys

sys.path.insert(0, {here!r})
from ours import *  # noqa: F403

CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = {cache!r}
'''

BARE = '''"""Bare Pelican: its defaults and the simple theme, no plugins, no extensions of ours."""
PATH = {content!r}
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
SITENAME = "Bare Pelican"
TIMEZONE = "America/New_York"
FEED_DOMAIN = "https://www.example.org"  # Pelican warns about feeds without it
THEME_TEMPLATES_OVERRIDES = [{overrides!r}]
'''


def page_templates(content: Path) -> set[str]:
    """The templates of ours that pages name (`Template: contact`): bare Pelican gets its
    own page template under each of these names instead."""
    return {
        f"{MarkdownSource(path).field('template').value}.html"
        for path in (content / "pages").glob("*.md")
        if MarkdownSource(path).field("template")
    }


def kept_results_folder(folder: Path) -> Path:
    """Where builds with the settings in `folder` keep results worked out from their inputs
    (KEPT_RESULTS_PATH)."""
    return folder / "kept"


def write_settings(folder: Path, content: Path, project: Path) -> dict[str, Path]:
    """Write the three settings files into `folder`, ours taken from `project`; return
    their paths by name."""
    overrides = folder / "bare-templates"
    overrides.mkdir()
    for name in page_templates(content):
        (overrides / name).write_text('{% extends "page.html" %}\n', encoding="utf-8")
    texts = {
        "ours": OURS.format(
            root=str(project),
            content=str(content),
            theme=str(project / "theme"),
            figures=str(content / "illustrations"),
            kept=str(kept_results_folder(folder)),
        ),
        "cached": CACHED.format(here=str(folder), cache=str(folder / "cache")),
        "bare": BARE.format(content=str(content), overrides=str(overrides)),
    }
    paths = {}
    for name, text in texts.items():
        paths[name] = folder / f"{name}.py"
        paths[name].write_text(text, encoding="utf-8")
    return paths


def first_reviewer(project: Path) -> str:
    """A valid reviewer key of the clinic file the project's settings name."""
    clinic, _ = read_clinic(read_settings(str(project / "pelicanconf.py"))["CLINIC_FILE"])
    return next(iter(clinic["reviewers"]))
