"""Pelican plugin: where development builds keep Pelican's content cache.

Pelican reads a content file again only when the file's date changes. What a file reads as
also depends on the settings, on the data files they name (the clinic's details fill its
placeholders, the warning signs fill its care cards, the bibliography numbers its
citations, the glossary links its terms), on the illustrations it embeds, on the theme's
care card and worksheet components and its catalogs (their text), on this package (our
Markdown extensions and reader), and on the installed Pelican and Markdown. When the build
starts, this plugin names the cache folder (under CACHE_PATH) by a hash of all of these,
so a change to any of them starts an empty cache and every file is read again.
"""

import hashlib
import json
from importlib.metadata import version
from pathlib import Path

from pelican import signals

from implant_guide.care_card import CARD_TEMPLATE
from implant_guide.data_files import FILE_SETTINGS
from implant_guide.theme_text import catalogs_folder
from implant_guide.worksheet import WORKSHEET_TEMPLATE

PACKAGE = Path(__file__).resolve().parents[1]
LIBRARIES = ("pelican", "markdown")
VOLATILE_SETTINGS = ("CACHE_PATH", "OUTPUT_PATH", "DEBUG", "CHECKS_BESIDE_WRITING")
"""Settings that say where files go, how much is logged or when the checks run, not how
content reads."""
TEMPLATES = (CARD_TEMPLATE, WORKSHEET_TEMPLATE)
"""The theme's components that Markdown extensions render into the content."""


def cache_inputs(settings: dict) -> list[Path]:
    """The files besides the content that shape how content files read."""
    theme = Path(settings["THEME"])
    return [
        *sorted(PACKAGE.rglob("*.py")),
        *(Path(settings[name]) for name in FILE_SETTINGS),
        *sorted(Path(settings["ILLUSTRATIONS_DIR"]).glob("*")),
        *(theme / "templates" / template for template in TEMPLATES),
        *sorted(catalogs_folder(settings).rglob("*.po")),
    ]


def _written(value):
    """A setting's value as the hash reads it: text for paths, the type for code."""
    return str(value) if isinstance(value, Path) else type(value).__qualname__


def content_cache_path(settings: dict) -> str:
    """The cache folder, under the settings' CACHE_PATH, for the current inputs."""
    digest = hashlib.sha256()
    for library in LIBRARIES:
        digest.update(f"{library}=={version(library)}\n".encode())
    shaping = {k: v for k, v in settings.items() if k not in VOLATILE_SETTINGS}
    digest.update(json.dumps(shaping, sort_keys=True, default=_written).encode())
    for path in cache_inputs(settings):
        digest.update(f"{path.name}\n".encode() + (path.read_bytes() if path.is_file() else b""))
    return str(Path(settings["CACHE_PATH"]) / digest.hexdigest()[:16])


def name_cache_folder(pelican) -> None:
    """Signal handler, as the build starts: the content cache of development builds goes
    to the folder of its inputs."""
    settings = pelican.settings
    if settings.get("CACHE_CONTENT"):
        settings["CACHE_PATH"] = content_cache_path(settings)


def register():
    """Connect to Pelican."""
    signals.initialized.connect(name_cache_folder)
