"""A Markdown reader that lets a file with bad metadata through to the content checks.

Pelican stops at the first unparsable date or missing title. This reader puts a
stand-in value there instead (a missing date is covered by the DEFAULT_DATE setting),
so that the content checks, which read the source file itself, can report every problem
of every file at once.
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
        content, metadata = super().read(source_path)
        return content, {"title": STAND_INS["title"], **metadata}


def use_tolerant_reader(readers):
    """Signal handler: read every Markdown extension with the tolerant reader."""
    for extension in TolerantMarkdownReader.file_extensions:
        readers.reader_classes[extension] = TolerantMarkdownReader
