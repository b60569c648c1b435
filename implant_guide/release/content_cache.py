"""Where development builds keep Pelican's content cache.

Pelican reads a content file again only when the file's date changes. What a file reads as
also depends on the settings, on the data files under `content/data` (the clinic's details
fill its placeholders, the warning signs fill its care cards, the bibliography numbers its
citations, the glossary links its terms), on the care card and worksheet components and
the theme's catalogs (a worksheet's text), on this package (our Markdown extensions and
reader), on the illustrations articles embed, and on the installed Pelican and Markdown.
The cache folder is named by a hash of all of these, so a change to any of them starts an
empty cache and every file is read again.
"""

import hashlib
from importlib.metadata import version
from pathlib import Path

from implant_guide.care_card import CARD_TEMPLATE
from implant_guide.worksheet import WORKSHEET_TEMPLATE

PACKAGE = Path(__file__).resolve().parents[1]
LIBRARIES = ("pelican", "markdown")
TEMPLATES = (CARD_TEMPLATE, WORKSHEET_TEMPLATE)
"""The theme's components that Markdown extensions render into the content."""


def cache_inputs(settings_file: Path, content: Path) -> list[Path]:
    """The files besides the content that shape how content files read."""
    return [
        settings_file,
        *sorted(PACKAGE.rglob("*.py")),
        *sorted((content / "data").glob("*")),
        *sorted((content / "illustrations").glob("*")),
        *(settings_file.parent / "theme" / "templates" / t for t in TEMPLATES),
        *sorted((settings_file.parent / "theme" / "translations").rglob("*.po")),
    ]


def content_cache_path(settings_file: Path, content: Path) -> str:
    """The cache folder, in `cache/` beside `settings_file`, for the current inputs."""
    digest = hashlib.sha256()
    for library in LIBRARIES:
        digest.update(f"{library}=={version(library)}\n".encode())
    for path in cache_inputs(settings_file, content):
        digest.update(f"{path.name}\n".encode() + path.read_bytes())
    return str(settings_file.parent / "cache" / digest.hexdigest()[:16])
