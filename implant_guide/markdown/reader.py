"""The guide's Markdown reader: Pelican's, for every Markdown file of the build.

- It adds the project's Markdown extensions to MARKDOWN, their options taken from the
  settings (`implant_guide.markdown.extension_configs`), and gives the care cards and
  worksheets the build's Jinja environment (where `translations` installs the catalogs).
- It converts every file of a generator with one Markdown instance, reset between files,
  instead of building a new one (and every extension) per file; and the formatted fields
  of the header (the summary: a sentence or two) with another, which has Python-Markdown's
  extensions and the placeholders only.
- It keeps each page's `##` sections, from Markdown's own table of contents, its
  outline (care cards, links, images, unsafe markup: `implant_guide/markdown/outline.py`)
  and the words patients use for the glossary terms it uses (`search_words.py`) in its
  metadata (`sections`, `outline`, `search_words`): Pelican's content cache keeps them
  with the page; the content checks read the first two, the templates the last.
- It can read files ahead, in several forked processes at once (`read_ahead`): `read` then
  returns each file's result, and Pelican does the rest as for any file. A file whose
  reading logged a warning or failed is read again in the build's own process, so what
  the build prints and where it stops do not change.
- Pelican stops at the first unparsable date, missing title or translation key, or file
  that is not UTF-8 text. This reader puts a stand-in there instead (a missing date is
  covered by the DEFAULT_DATE setting; a file that is not UTF-8 is read as empty), so that
  the content checks, which read the source file itself, can report every problem of
  every file at once.
"""

import html
import logging
import multiprocessing
import pickle

from markdown import Markdown
from markdown.extensions.meta import MetaPreprocessor
from pelican.log import FatalLogger
from pelican.readers import BaseReader, MarkdownReader
from pelican.utils import SafeDatetime, pelican_open

from implant_guide.content_model import REFERENCES_HEADING, Section, heading_in
from implant_guide.glossary import read_glossaries
from implant_guide.languages import document_language
from implant_guide.markdown import extension_configs
from implant_guide.markdown.search_words import search_words
from implant_guide.theme_text import Catalogs, catalogs_folder

logger = logging.getLogger(__name__)

STAND_INS = {"title": "Untitled", "date": SafeDatetime(1970, 1, 1)}
FIELDS_EXTENSION = "implant_guide.markdown.blocks"
"""The project's extension the formatted fields are converted with: the placeholders."""
COMPONENTS = ("implant_guide.markdown.care_cards", "implant_guide.markdown.worksheets")
"""The extensions that render a theme component, with the build's Jinja environment."""
META_PRIORITY = 27
"""Where Python-Markdown's meta extension reads the header: first of all."""


class WarningSeen(logging.Handler):
    """Notes that a warning or an error was logged; prints nothing."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.seen = False

    def emit(self, record):
        self.seen = True


_reading_ahead = None
"""In a process that reads ahead: the reader it reads with, and what it notes of warnings."""


def _start_reading_ahead(reader: "GuideMarkdownReader") -> None:
    """In a forked process, before its first file: read with `reader`, and only note the
    warnings (the build's process logs them when it reads that file itself)."""
    global _reading_ahead
    warnings = WarningSeen()
    logging.getLogger().handlers = [warnings]
    FatalLogger.fatal_lvl = logging.CRITICAL + 1
    _reading_ahead = (reader, warnings)


def _read_ahead(path: str) -> tuple[str, bytes | None]:
    """In a forked process: `path` and its reading, pickled; None if reading it logged a
    warning or failed."""
    reader, warnings = _reading_ahead
    warnings.seen = False
    try:
        result = pickle.dumps(reader.read(path))
    except Exception:
        return path, None
    return path, None if warnings.seen else result


def sections(toc_tokens: list[dict]) -> tuple[Section, ...]:
    """The `##` headings of a table of contents (Markdown's `toc_tokens`), in order."""
    found = []
    for token in toc_tokens:
        if token["level"] == 2:
            found.append(Section(token["id"], html.unescape(token["name"]), token["html"]))
        found.extend(sections(token["children"]))
    return tuple(found)


class GuideMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader with the project's extensions, one Markdown instance,
    sections in the metadata and stand-ins for missing or unparsable metadata."""

    environment = None
    """The Jinja environment care cards are rendered with: the generator's."""

    def __init__(self, settings):
        # Pelican's MarkdownReader would add the extensions' names to the settings' own
        # MARKDOWN; this reader leaves the settings as they are.
        BaseReader.__init__(self, settings)
        self._source_path = None
        self._text = Catalogs(catalogs_folder(settings))
        self._read = {}
        """What `read_ahead` read, by path, until `read` returns it."""

    def read_ahead(self, paths: list[str], processes: int) -> None:
        """Read `paths` for `read` to return: the first in this process, which sets up
        what every file's reading shares (the Markdown instance, its extensions, what
        they read) before the others are shared among up to `processes` forked processes.
        Reads nothing ahead unless at least two processes would share the others."""
        processes = min(processes, len(paths) - 1)
        if processes < 2:
            return
        first, *others = paths
        self._read = {first: self.read(first)}
        chunk = max(1, len(others) // (processes * 4))
        fork = multiprocessing.get_context("fork")
        with fork.Pool(processes, _start_reading_ahead, (self,)) as pool:
            for path, result in pool.imap_unordered(_read_ahead, others, chunk):
                if result is not None:
                    self._read[path] = pickle.loads(result)
        logger.info(
            "Read %d of %d files ahead, in %d processes", len(self._read), len(paths), processes
        )

    def _search_words(self, html: str, title: str, lang: str) -> list:
        """The words patients use for the glossary terms the page uses (`search_words`)."""
        glossaries, _ = read_glossaries(self.settings["GLOSSARY_FILE"])  # problems: checks
        references = heading_in(REFERENCES_HEADING, self._text[lang])
        return search_words(glossaries[lang], html, title, references) if glossaries else []

    def _markdown(self, name: str, extensions: list[str]) -> Markdown:
        """This reader's Markdown instance `name` with the settings' MARKDOWN and the
        project's `extensions`, made once, ready for a new text."""
        md = self.__dict__.get(name)
        if md is None:
            configs = dict(self.settings["MARKDOWN"].get("extension_configs", {}))
            ours = extension_configs(self.settings)
            for component in COMPONENTS:
                ours[component]["environment"] = self.environment
            configs.update({extension: ours[extension] for extension in extensions})
            options = {k: v for k, v in self.settings["MARKDOWN"].items() if k != "extensions"}
            md = Markdown(**{**options, "extensions": list(configs), "extension_configs": configs})
            self.__dict__[name] = md
        md.reset()
        if "meta" not in md.preprocessors:  # Pelican takes it out to read the summary
            md.preprocessors.register(MetaPreprocessor(md), "meta", META_PRIORITY)
        return md

    def process_metadata(self, name, value):
        try:
            return super().process_metadata(name, value)
        except ValueError:
            return STAND_INS.get(name, value)

    def read(self, source_path):
        if source_path in self._read:
            return self._read.pop(source_path)
        self._source_path = source_path
        md = self._markdown("_document_md", list(extension_configs(self.settings)))
        try:
            with pelican_open(source_path) as text:
                content = md.convert(text)
        except UnicodeDecodeError:  # the content checks say where the file is not UTF-8
            content = md.convert("")
        found, header, outline = sections(md.toc_tokens), md.Meta, md.outline
        lang = document_language(md)
        # Pelican's _parse_metadata converts the formatted fields with self._md.
        self._md = self._markdown("_fields_md", [FIELDS_EXTENSION])
        # One value a field: the content checks report a field given twice.
        metadata = self._parse_metadata({k: v[:1] for k, v in header.items()}) if header else {}
        # A translation key of its own: Pelican pairs translations by it and stops at a
        # file without one.
        stand_ins = {"title": STAND_INS["title"], "translation_key": str(source_path)}
        metadata = {**stand_ins, **metadata, "sections": found, "outline": outline}
        words = self._search_words(content, str(metadata["title"]), lang)
        return content, {**metadata, "search_words": words}
