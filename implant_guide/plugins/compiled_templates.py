"""Pelican plugin: the theme's templates are compiled once, not on every build.

Jinja turns each template into Python code before it renders it: for the theme's templates
and macros, about 0.4 s of every build. Each generator's templates are kept compiled
(Jinja's own bytecode cache) in the `templates` folder under KEPT_RESULTS_PATH. Jinja
compiles a template again when its text changes, and its bytecode names the Jinja and
Python versions it was made by. A folder that cannot be written only costs the time saved.
It reads nothing other plugins leave.
"""

from contextlib import suppress
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from pelican import signals


class KeptTemplates(FileSystemBytecodeCache):
    """Jinja's bytecode cache in a folder; a template it cannot write is compiled again by
    the next build."""

    def dump_bytecode(self, bucket):
        with suppress(OSError):
            super().dump_bytecode(bucket)


def keep_compiled_templates(generator):
    """Signal handler, as each generator starts: its templates are kept compiled."""
    folder = generator.settings.get("KEPT_RESULTS_PATH")
    if not folder:
        return
    templates = Path(folder) / "templates"
    try:
        templates.mkdir(parents=True, exist_ok=True)
    except OSError:
        return
    generator.env.bytecode_cache = KeptTemplates(str(templates))


def register():
    """Connect to Pelican."""
    signals.generator_init.connect(keep_compiled_templates)
