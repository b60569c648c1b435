"""Markdown syntax for editors: callout blocks, clinic placeholders and illustrations.

Callouts (inset text, warning callouts, checklists, exercises; care cards are in
`care_cards.py`)::

    !!! warning "Important"
        Do not lift anything heavy.

Placeholders such as ``{{ emergency_number }}`` are filled from the clinic settings, and a
line ``{{ figure: implant-position }}`` inlines ``content/illustrations/implant-position.svg``.
A text after a bar, ``{{ figure: knee-rolls | Lying on your back, knees rolled to one side }}``,
is the drawing's text alternative in the page's language: the SVG is named by it. A figure
line may be indented, inside a callout. Unknown names are left as they are; the content
checks report them with their line.
"""

import re
from html import escape
from pathlib import Path
from xml.etree import ElementTree

from markdown import Extension
from markdown.blockprocessors import BlockProcessor
from markdown.preprocessors import Preprocessor

from implant_guide.content_model import CALLOUT_TYPES, CARE_CARD_LEVELS, WORKSHEET
from implant_guide.languages import DEFAULT_LANGUAGE, document_language

PLACEHOLDER_RE = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
FIGURE_RE = re.compile(r"^(\s*)\{\{\s*figure:\s*([a-z0-9-]+)\s*(?:\|\s*([^}]*?)\s*)?\}\}\s*$")
"""A figure line: its indentation, the illustration's name and its optional text alternative."""
SVG_START = re.compile(r"<svg\b([^>]*)>")
NAMING_ATTRIBUTES = re.compile(r'\s(?:role|aria-label|aria-labelledby)="[^"]*"')
CALLOUT_RE = re.compile(r'^!!! *([a-z-]+)(?: +"([^"\n]*)")? *(?:\n|$)')

BLOCK_TYPES = tuple(kind for kind in CALLOUT_TYPES if kind not in (*CARE_CARD_LEVELS, WORKSHEET))
"""The callouts drawn here; care cards and worksheets have extensions of their own."""
INSET_LABEL = "Information: "


def fill_placeholders(text, placeholders, lang=DEFAULT_LANGUAGE):
    """`text` with each known `{{ name }}` replaced by its value: in `lang` for a value
    given in each language (a dict by language code)."""

    def value(match):
        found = placeholders.get(match.group(1), match.group(0))
        return str(found.get(lang, found[DEFAULT_LANGUAGE]) if isinstance(found, dict) else found)

    return PLACEHOLDER_RE.sub(value, text)


def indented_body(first: str, blocks: list[str]) -> str:
    """A block's body, unindented: `first` (the rest of its opening chunk) and the indented
    chunks that follow it, which are taken from `blocks`."""
    body = [first]
    while blocks and blocks[0].startswith("    "):
        body.append(blocks.pop(0))
    return re.sub(r"^ {1,4}", "", "\n\n".join(body), flags=re.MULTILINE)


def named_svg(svg: str, text: str) -> str:
    """`svg` as an image named by `text`, in place of any name the file gives it."""

    def opening_tag(match):
        attributes = NAMING_ATTRIBUTES.sub("", match.group(1))
        return f'<svg{attributes} role="img" aria-label="{escape(text)}">'

    return SVG_START.sub(opening_tag, svg, count=1)


def _hidden(text):
    span = ElementTree.Element("span", {"class": "visually-hidden"})
    span.text = text
    return span


class PlaceholderPreprocessor(Preprocessor):
    """Fills ``{{ name }}`` from settings and inlines ``{{ figure: name }}`` SVG files."""

    def __init__(self, md, placeholders, figures_dir):
        super().__init__(md)
        self.placeholders = placeholders
        self.figures_dir = Path(figures_dir)

    def run(self, lines):
        return [self._fill(line) for line in lines]

    def _fill(self, line):
        figure = FIGURE_RE.match(line)
        if figure:
            indent, name, text = figure.groups()
            path = self.figures_dir / f"{name}.svg"
            if path.is_file():
                svg = path.read_text(encoding="utf-8").strip()
                if text:
                    svg = named_svg(svg, text)
                html = f'<figure class="illustration">{svg}</figure>'
                return indent + self.md.htmlStash.store(html)
            return line
        return fill_placeholders(line, self.placeholders, document_language(self.md))


class CalloutProcessor(BlockProcessor):
    """Turns ``!!! type "Heading"`` and its indented body into a themed block."""

    def test(self, parent, block):
        match = CALLOUT_RE.match(block)
        return bool(match) and match.group(1) in BLOCK_TYPES

    def run(self, parent, blocks):
        first = blocks.pop(0)
        match = CALLOUT_RE.match(first)
        kind, heading = match.group(1), match.group(2)
        text = indented_body(first[match.end() :], blocks)
        container = self._build(parent, kind, heading)
        self.parser.parseChunk(container, text)

    def _build(self, parent, kind, heading):
        """Create the block's element tree; return the element its body goes into."""
        block = ElementTree.SubElement(parent, "div", {"class": self._block_class(kind)})
        if kind == "inset":
            block.append(_hidden(INSET_LABEL))
        if kind == "warning" or heading:
            h3 = ElementTree.SubElement(block, "h3", {"class": f"{self._block_class(kind)}__label"})
            h3.text = heading or "Important"
        return block

    @staticmethod
    def _block_class(kind):
        return {"inset": "inset-text", "warning": "warning-callout"}.get(kind, kind)


class GuideBlocksExtension(Extension):
    """Registers the placeholder preprocessor and the callout block processor."""

    def __init__(self, **kwargs):
        self.config = {
            "placeholders": [{}, "Names and values for {{ name }} placeholders"],
            "figures_dir": ["content/illustrations", "Folder of SVG illustrations"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md):  # noqa: N802 - the name Python-Markdown calls
        md.preprocessors.register(
            PlaceholderPreprocessor(
                md, self.getConfig("placeholders"), self.getConfig("figures_dir")
            ),
            "guide_placeholders",
            27,
        )
        md.parser.blockprocessors.register(CalloutProcessor(md.parser), "guide_callouts", 105)


def makeExtension(**kwargs):  # noqa: N802 - the name Python-Markdown looks for
    """Entry point used when the extension is named in settings."""
    return GuideBlocksExtension(**kwargs)
