"""Markdown decision worksheets: `!!! worksheet` and its lists, drawn by the theme's
worksheet component (see `implant_guide/worksheet.py` for the syntax).

The worksheet is rendered with the build's Jinja environment, where the catalogs give its
text in the page's language, beside the clinic's statement of its own interests in that
language (`interests`, `interests_es` of the clinic's details). It is kept aside as raw
HTML (Python-Markdown's stash), so that no later step changes it: no glossary link or
table label lands in a form label. A block that cannot be drawn is left out; the content
checks report it with its line.
"""

from xml.etree import ElementTree

from markdown import Extension
from markdown.blockprocessors import BlockProcessor

from implant_guide.clinic import read_clinic
from implant_guide.content_model import WORKSHEET
from implant_guide.languages import document_language, in_language
from implant_guide.markdown.blocks import (
    CALLOUT_RE,
    component_environment,
    component_options,
    indented_body,
)
from implant_guide.worksheet import WorksheetError, parse_worksheet, render_worksheet


class WorksheetProcessor(BlockProcessor):
    """Replaces `!!! worksheet` and its indented lists with the worksheet component."""

    def __init__(self, parser, config: dict):
        super().__init__(parser)
        self.config = config
        self.count = 0

    def test(self, parent, block):
        match = CALLOUT_RE.match(block)
        return bool(match) and match.group(1) == WORKSHEET

    def run(self, parent, blocks):
        first = blocks.pop(0)
        body = indented_body(first[CALLOUT_RE.match(first).end() :], blocks)
        try:
            sheet = parse_worksheet(body.splitlines())
        except WorksheetError:
            return  # the content checks report it
        self.count += 1
        lang = document_language(self.parser.md)
        clinic, _ = read_clinic(self.config["clinic_file"])  # its problems are reported apart
        interests = in_language(clinic, "interests", lang, "")
        env = component_environment(self.config)
        html = render_worksheet(sheet, self.count, interests, env, lang)
        paragraph = ElementTree.SubElement(parent, "p")
        paragraph.text = self.parser.md.htmlStash.store(html)


class WorksheetExtension(Extension):
    """Registers the worksheet block processor."""

    def __init__(self, **kwargs):
        self.config = component_options()
        super().__init__(**kwargs)

    def extendMarkdown(self, md):  # noqa: N802 - the name Python-Markdown calls
        # Priority 107: before the care cards (106) and the other callouts (105), which
        # share the `!!!` opening.
        processor = WorksheetProcessor(md.parser, self.getConfigs())
        md.parser.blockprocessors.register(processor, "guide_worksheets", 107)
        md.registerExtension(self)
        self.processor = processor

    def reset(self):
        """Each document numbers its worksheets from 1."""
        self.processor.count = 0


def makeExtension(**kwargs):  # noqa: N802 - the name Python-Markdown looks for
    """Entry point used when the extension is named in settings."""
    return WorksheetExtension(**kwargs)
