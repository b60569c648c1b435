"""Pelican plugin: read every Markdown file with the guide's Markdown reader
(`implant_guide/markdown/reader.py`): the project's extensions, one Markdown instance per
generator, sections in the metadata, and stand-ins for bad metadata so that the content
checks can report every problem. Care cards are rendered with the generator's Jinja
environment, where the `translations` plugin installs the catalogs.

Pelican reads one file after another. As the articles' and the pages' generators read
their first file, this plugin has the reader read ahead the Markdown files the content
cache lacks, in up to READING_PROCESSES processes at once (default: one a CPU; 1 reads
one file after another), when there are at least READ_AHEAD_MIN_FILES of them (default:
MIN_FILES_TO_READ_AHEAD in `implant_guide/policy.py`).
"""

import os
import weakref

from pelican import signals
from pelican.utils import file_suffix

from implant_guide.markdown.reader import GuideMarkdownReader
from implant_guide.policy import MIN_FILES_TO_READ_AHEAD

CONTENT_FOLDERS = {
    signals.article_generator_preread: ("ARTICLE_PATHS", "ARTICLE_EXCLUDES"),
    signals.page_generator_preread: ("PAGE_PATHS", "PAGE_EXCLUDES"),
}
"""The settings that say which files a generator reads, by the signal it sends before
reading each one."""

_read_ahead_for = weakref.WeakSet()
"""The generators whose files were read ahead."""


def usable_cpus() -> int:
    """The CPUs this process may run on (fewer than the machine's in a limited container)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def use_guide_reader(readers):
    """Signal handler: read every Markdown file with the guide's reader."""
    for extension in GuideMarkdownReader.file_extensions:
        readers.reader_classes[extension] = GuideMarkdownReader


def give_reader_the_templates(generator):
    """Signal handler: the generator's reader renders care cards with its templates."""
    for reader in generator.readers.readers.values():
        if isinstance(reader, GuideMarkdownReader):
            reader.environment = generator.env


def _uncached_files(generator, folders: str, excludes: str) -> dict:
    """The absolute paths of the files `generator` reads with the guide's reader that its
    content cache does not hold as they are now, by the reader that reads them (one a
    file extension)."""
    settings, readers = generator.settings, generator.readers
    by_reader = {}
    for file in generator.get_files(settings[folders], exclude=settings[excludes]):
        path = os.path.abspath(os.path.join(generator.path, file))
        reader = readers.readers.get(file_suffix(path))
        uncached = readers.get_cached_data(path, (None, None))[0] is None
        if isinstance(reader, GuideMarkdownReader) and uncached:
            by_reader.setdefault(reader, []).append(path)
    return by_reader


def read_ahead(generator, folders: str, excludes: str):
    """Signal handler, before a generator reads each file: the first time, have the reader
    read the uncached files ahead, in several processes, if there are enough of them."""
    if generator in _read_ahead_for:
        return
    _read_ahead_for.add(generator)
    settings = generator.settings
    processes = settings.get("READING_PROCESSES") or usable_cpus()
    least = settings.get("READ_AHEAD_MIN_FILES", MIN_FILES_TO_READ_AHEAD)
    for reader, paths in _uncached_files(generator, folders, excludes).items():
        if len(paths) >= least:
            reader.read_ahead(paths, processes)


def register():
    """Connect to Pelican."""
    signals.readers_init.connect(use_guide_reader)
    signals.generator_init.connect(give_reader_the_templates)
    for signal, (folders, excludes) in CONTENT_FOLDERS.items():
        signal.connect(
            lambda generator, f=folders, e=excludes: read_ahead(generator, f, e), weak=False
        )
