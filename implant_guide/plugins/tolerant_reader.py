"""A Markdown reader that lets a bad file through to the content checks.

Pelican stops at the first unparsable date, missing title or translation key, or file
that is not UTF-8 text. This reader puts a stand-in there instead (a missing date is
covered by the DEFAULT_DATE setting; a file that is not UTF-8 is read as empty), so that
the content checks, which read the source file itself, can report every problem of every
file at once.
"""

from pelican.readers import MarkdownReader
from pelican.utils import SafeDatetime

STAND_INS = {"title": "Untitled", "date": SafeDatetime(1970, 1, 1)}


class TolerantMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader, with stand-ins for missing or unparsable metadata."""

    def process_metadata(self, name, value):
        try:
            return super().process_metadata(name, value)
        except ValueError:
            return STAND_INS.get(name, value)

    def read(self, source_path):
        try:
            content, metadata = super().read(source_path)
        except UnicodeDecodeError:
            content, metadata = "", {}
        # A translation key of its own: Pelican pairs translations by it and stops at a
        # file without one.
        stand_ins = {"title": STAND_INS["title"], "translation_key": str(source_path)}
        return content, {**stand_ins, **metadata}


def use_tolerant_reader(readers):
    """Signal handler: read every Markdown extension with the tolerant reader."""
    for extension in TolerantMarkdownReader.file_extensions:
        readers.reader_classes[extension] = TolerantMarkdownReader
