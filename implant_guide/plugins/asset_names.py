"""Pelican plugin: content-hashed names for the theme's files, so browsers may keep them.

Templates write ``{{ asset("css/main.css") }}`` for a file under the theme's static folder.
It gives the file's address in the site with a short hash of its content in the name
(``theme/css/main.3f2a9c1b7e40.css``), and once the build has written everything the
theme's files in the output are renamed to match. A file that changes gets a new name, so
the web server can tell browsers to keep every theme file for a year.
"""

import hashlib
from functools import cache
from pathlib import Path

from pelican import signals

HASH_LENGTH = 12


@cache
def hashed_name(path: Path) -> str:
    """`path`'s file name with a hash of its content before the suffix."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:HASH_LENGTH]
    return f"{path.stem}.{digest}{path.suffix}"


def _static_folder(settings) -> Path:
    return Path(settings["THEME"]) / settings["THEME_STATIC_PATHS"][0]


def add_asset_function(generator):
    """Signal handler: give every template `asset(path)`."""
    settings = generator.settings
    source = _static_folder(settings)

    def asset(path: str) -> str:
        """The address, relative to the site root, of the theme file `path` (as in
        theme/static/), under its hashed name."""
        folder, _, _ = path.rpartition("/")
        hashed = hashed_name(source / path)
        return "/".join(part for part in (settings["THEME_STATIC_DIR"], folder, hashed) if part)

    generator.env.globals["asset"] = asset


def rename_assets(pelican):
    """Signal handler, after everything is written: give each theme file its hashed name."""
    source = _static_folder(pelican.settings)
    output = Path(pelican.output_path) / pelican.settings["THEME_STATIC_DIR"]
    for path in source.rglob("*"):
        written = output / path.relative_to(source)
        if path.is_file() and written.is_file():
            written.rename(written.with_name(hashed_name(path)))


def register():
    """Connect to Pelican."""
    signals.generator_init.connect(add_asset_function)
    signals.finalized.connect(rename_assets)
