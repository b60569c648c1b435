"""Markdown syntax for editors: callout blocks, clinic placeholders and illustrations.

Callouts (inset text, warning callouts, checklists, exercises; care cards are in
`care_cards.py`)::

    !!! warning "Important"
        Do not lift anything heavy.

Placeholders such as ``{{ emergency_number }}`` are filled from the clinic's details
(`implant_guide/clinic.py`), in the page's language, and a line
``{{ figure: implant-position }}`` inlines ``content/illustrations/implant-position.svg``
with its text in the page's language (`implant_guide/illustrations.py`). A text after a
bar, ``{{ figure: knee-rolls | Lying on your back, knees rolled to one side }}``, is the
drawing's text alternative in the page's language: the SVG is named by it. A figure line
may be indented, inside a callout. Unknown names are left as they are; the content checks
report them with their line.
"""

import re
from html import escape
from pathlib import Path
from xml.etree import ElementTree

from markdown import Extension
from markdown.blockprocessors import BlockProcessor
from markdown.preprocessors import Preprocessor

from implant_guide.clinic import fill_placeholders, placeholders
from implant_guide.content_model import CALLOUT_TYPES, CARE_CARD_LEVELS, WORKSHEET
from implant_guide.illustrations import translated_svg
from implant_guide.languages import N_, document_language
from implant_guide.theme_text import Catalogs, theme_environment

FIGURE_RE = re.compile(r"^(\s*)\{\{\s*figure:\s*([a-z0-9-]+)\s*(?:\|\s*([^}]*?)\s*)?\}\}\s*$")
"""A figure line: its indentation, the illustration's name and its optional text alternative."""
SVG_START = re.compile(r"<svg\b([^>]*)>")
NAMING_ATTRIBUTES = re.compile(r'\s(?:role|aria-label|aria-labelledby)="[^"]*"')
CALLOUT_RE = re.compile(r'^!!! *([a-z-]+)(?: +"([^"\n]*)")? *(?:\n|$)')

BLOCK_TYPES = tuple(kind for kind in CALLOUT_TYPES if kind not in (*CARE_CARD_LEVELS, WORKSHEET))
"""The callouts drawn here; care cards and worksheets have extensions of their own."""
INSET_LABEL = N_("Information:")
"""Said by screen readers before inset text, which has no heading."""
WARNING_HEADING = N_("Important")
"""The heading of a warning callout written without one."""


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
    span.text = f"{text} "
    return span


class PlaceholderPreprocessor(Preprocessor):
    """Fills ``{{ name }}`` from the clinic's details and inlines ``{{ figure: name }}``
    SVG files, in the page's language."""

    def __init__(self, md, clinic_file, figures_dir, catalogs):
        super().__init__(md)
        self.clinic_file = clinic_file
        self.figures_dir = Path(figures_dir)
        self.text = Catalogs(catalogs)
        self.values: dict[str, dict] = {}
        """The placeholders' values in each language: read once."""

    def run(self, lines):
        lang = document_language(self.md)
        text = self.text[lang]
        if lang not in self.values:
            self.values[lang] = placeholders(self.clinic_file, lang, text)
        return [self._fill(line, self.values[lang], text) for line in lines]

    def _fill(self, line, values, text):
        figure = FIGURE_RE.match(line)
        if figure:
            indent, name, alternative = figure.groups()
            path = self.figures_dir / f"{name}.svg"
            if path.is_file():
                svg = translated_svg(path, text)
                if alternative:
                    svg = named_svg(svg, alternative)
                html = f'<figure class="illustration">{svg}</figure>'
                return indent + self.md.htmlStash.store(html)
            return line
        return fill_placeholders(line, values) if "{{" in line else line


class CalloutProcessor(BlockProcessor):
    """Turns ``!!! type "Heading"`` and its indented body into a themed block."""

    def __init__(self, parser, catalogs):
        super().__init__(parser)
        self.text = Catalogs(catalogs)

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
        text = self.text[document_language(self.parser.md)]
        block = ElementTree.SubElement(parent, "div", {"class": self._block_class(kind)})
        if kind == "inset":
            block.append(_hidden(text.gettext(INSET_LABEL)))
        if kind == "warning" or heading:
            h3 = ElementTree.SubElement(block, "h3", {"class": f"{self._block_class(kind)}__label"})
            h3.text = heading or text.gettext(WARNING_HEADING)
        return block

    @staticmethod
    def _block_class(kind):
        return {"inset": "inset-text", "warning": "warning-callout"}.get(kind, kind)


def component_options() -> dict:
    """The options of an extension that renders a theme component (care cards, worksheets)
    with the clinic's details: new lists on each call, as Python-Markdown keeps an
    option's value in its list."""
    return {
        "clinic_file": ["content/data/clinic.toml", "The clinic's details (TOML)"],
        "templates_dir": ["theme/templates", "The theme's templates, with the component"],
        "catalogs": ["", "The interface text's catalogs (theme/translations); none: English"],
        "environment": ["", "The build's Jinja environment; none: one over templates_dir"],
    }


def component_environment(config: dict):
    """The Jinja environment a component renders in: the build's (`environment`), or,
    outside a build, one over the theme's templates and catalogs."""
    return config["environment"] or theme_environment(
        config["templates_dir"], config["catalogs"] or None
    )


class GuideBlocksExtension(Extension):
    """Registers the placeholder preprocessor and the callout block processor."""

    def __init__(self, **kwargs):
        self.config = {
            "clinic_file": ["content/data/clinic.toml", "The clinic's details (TOML)"],
            "figures_dir": ["content/illustrations", "Folder of SVG illustrations"],
            "catalogs": ["", "The interface text's catalogs (theme/translations); none: English"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md):  # noqa: N802 - the name Python-Markdown calls
        # Priority 24: after the header is read ("meta", 27), so the page's language is
        # known, after risk lines are drawn (26) and fenced code is set aside (25), so
        # that code shows placeholders as written; before raw HTML is stashed (20).
        md.preprocessors.register(
            PlaceholderPreprocessor(
                md,
                self.getConfig("clinic_file"),
                self.getConfig("figures_dir"),
                self.getConfig("catalogs") or None,
            ),
            "guide_placeholders",
            24,
        )
        # Priority 105: before every block processor of Python-Markdown (the highest,
        # "empty", is 100), so that a callout is never read as a paragraph or code.
        md.parser.blockprocessors.register(
            CalloutProcessor(md.parser, self.getConfig("catalogs") or None), "guide_callouts", 105
        )


def makeExtension(**kwargs):  # noqa: N802 - the name Python-Markdown looks for
    """Entry point used when the extension is named in settings."""
    return GuideBlocksExtension(**kwargs)
