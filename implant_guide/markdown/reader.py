"""The guide's Markdown reader: Pelican's, for every Markdown file of the build.

- It adds the project's Markdown extensions to MARKDOWN, their options taken from the
  settings (`implant_guide.markdown.extension_configs`), and gives the care cards the
  build's Jinja environment (where `translations` installs the catalogs).
- It converts every file of a generator with one Markdown instance, reset between files,
  instead of building a new one (and every extension) per file.
- It keeps each page's `##` sections, from Markdown's own table of contents, in its
  metadata (`sections`): Pelican's content cache keeps them with the page.
- Pelican stops at the first unparsable date or missing title. This reader puts a
  stand-in value there instead (a missing date is covered by the DEFAULT_DATE setting),
  so that the content checks, which read the source file itself, can report every problem
  of every file at once.
"""

import html

from markdown import Markdown
from markdown.extensions.meta import MetaPreprocessor
from pelican.readers import BaseReader, MarkdownReader
from pelican.utils import SafeDatetime, pelican_open

from implant_guide.content_model import Section
from implant_guide.markdown import extension_configs

STAND_INS = {"title": "Untitled", "date": SafeDatetime(1970, 1, 1)}
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

    def _markdown(self) -> Markdown:
        """The Markdown instance of this reader, ready for a new file."""
        if not hasattr(self, "_guide_md"):
            configs = dict(self.settings["MARKDOWN"].get("extension_configs", {}))
            configs.update(extension_configs(self.settings))
            configs["implant_guide.markdown.care_cards"]["environment"] = self.environment
            options = {k: v for k, v in self.settings["MARKDOWN"].items() if k != "extensions"}
            self._guide_md = Markdown(
                **{**options, "extensions": list(configs), "extension_configs": configs}
            )
        md = self._guide_md.reset()
        if "meta" not in md.preprocessors:  # taken out to read the summary (_parse_metadata)
            md.preprocessors.register(MetaPreprocessor(md), "meta", META_PRIORITY)
        return md

    def process_metadata(self, name, value):
        try:
            return super().process_metadata(name, value)
        except ValueError:
            return STAND_INS.get(name, value)

    def read(self, source_path):
        self._source_path = source_path
        self._md = self._markdown()
        with pelican_open(source_path) as text:
            content = self._md.convert(text)
        found = sections(self._md.toc_tokens)
        metadata = self._parse_metadata(self._md.Meta) if getattr(self._md, "Meta", None) else {}
        return content, {"title": STAND_INS["title"], **metadata, "sections": found}
