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
- Pelican stops at the first unparsable date, missing title or translation key, or file
  that is not UTF-8 text. This reader puts a stand-in there instead (a missing date is
  covered by the DEFAULT_DATE setting; a file that is not UTF-8 is read as empty), so that
  the content checks, which read the source file itself, can report every problem of
  every file at once.
"""

import html

from markdown import Markdown
from markdown.extensions.meta import MetaPreprocessor
from pelican.readers import BaseReader, MarkdownReader
from pelican.utils import SafeDatetime, pelican_open

from implant_guide.content_model import REFERENCES_HEADING, Section, heading_in
from implant_guide.glossary import read_glossaries
from implant_guide.languages import document_language
from implant_guide.markdown import extension_configs
from implant_guide.markdown.search_words import search_words
from implant_guide.theme_text import Catalogs, catalogs_folder

STAND_INS = {"title": "Untitled", "date": SafeDatetime(1970, 1, 1)}
FIELDS_EXTENSION = "implant_guide.markdown.blocks"
"""The project's extension the formatted fields are converted with: the placeholders."""
COMPONENTS = ("implant_guide.markdown.care_cards", "implant_guide.markdown.worksheets")
"""The extensions that render a theme component, with the build's Jinja environment."""
META_PRIORITY = 27
"""Where Python-Markdown's meta extension reads the header: first of all."""


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
        metadata = self._parse_metadata(header) if header else {}
        # A translation key of its own: Pelican pairs translations by it and stops at a
        # file without one.
        stand_ins = {"title": STAND_INS["title"], "translation_key": str(source_path)}
        metadata = {**stand_ins, **metadata, "sections": found, "outline": outline}
        words = self._search_words(content, str(metadata["title"]), lang)
        return content, {**metadata, "search_words": words}
