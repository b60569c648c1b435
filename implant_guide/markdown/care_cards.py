"""Markdown care cards ("When to get help"), composed from the declared warning signs.

One line gives a card: its level and its topics. It shows the level's declared heading and
the declared signs of those topics at that level (`all` stands for every topic)::

    !!! emergency nerve-injury
    !!! urgent operation wound-infection
        - a hand-written extra item, never a declared sign

A non-urgent card may have a heading and items of its own::

    !!! non-urgent "Talk to your surgical team at your next visit if:"
        - you want to know if the implant is right for you

The card is rendered by the care card component of the theme, the same one the templates
use, so its markup is written once.
"""

import re
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from markdown import Extension
from markdown.blockprocessors import BlockProcessor
from markdown.util import AtomicString

from implant_guide.care_card import CARD_CLASS, card_content, render_card
from implant_guide.content_model import CARE_CARD_LEVELS
from implant_guide.languages import document_language
from implant_guide.markdown.blocks import indented_body
from implant_guide.warning_signs import warning_signs

PROJECT = Path(__file__).resolve().parents[2]
CARD_LINE = re.compile(
    rf'^!!! *({"|".join(CARE_CARD_LEVELS)})((?: +[^\s"]+)*)(?: +"([^"\n]*)")? *$', re.MULTILINE
)


@dataclass(frozen=True)
class CardLine:
    """What the first line of a care card says."""

    level: str
    topics: tuple[str, ...]
    heading: str


def card_line(line: str) -> CardLine | None:
    """The care card a line opens, or None if it opens none."""
    match = CARD_LINE.match(line)
    if not match:
        return None
    return CardLine(match.group(1), tuple(match.group(2).split()), match.group(3) or "")


def _freeze(element):
    """Keep Markdown from reading the rendered HTML's text as Markdown again."""
    for node in element.iter():
        node.text = AtomicString(node.text) if node.text else node.text
        node.tail = AtomicString(node.tail) if node.tail else node.tail


class CareCardProcessor(BlockProcessor):
    """Turns `!!! LEVEL TOPIC...` and its indented hand-written items into a care card."""

    def __init__(self, parser, signs_file, placeholders, templates_dir):
        super().__init__(parser)
        self.signs_file = signs_file
        self.placeholders = placeholders
        self.templates_dir = str(templates_dir)

    def test(self, parent, block):
        return card_line(block.split("\n", 1)[0]) is not None

    def run(self, parent, blocks):
        first, _, rest = blocks.pop(0).partition("\n")
        line = card_line(first)
        text = indented_body(rest, blocks)
        content = card_content(
            warning_signs(self.signs_file),
            line.level,
            line.topics,
            self.placeholders,
            line.heading,
            document_language(self.parser.md),
        )
        card = ElementTree.fromstring(render_card(content, self.templates_dir))
        _freeze(card)
        parent.append(card)
        hand_written = ElementTree.Element("div")
        self.parser.parseChunk(hand_written, text)
        self._merge(card, hand_written)

    @staticmethod
    def _merge(card, hand_written):
        """Add hand-written list items after the declared ones and other text before the
        note; drop the list if it stays empty."""
        box = card.find(f"./div[@class='{CARD_CLASS}__content']")
        signs = box.find("ul")
        note = box.find(f"p[@class='{CARD_CLASS}__note']")
        for child in list(hand_written):
            if child.tag == "ul" and signs is not None:
                signs.extend(child)
                continue
            box.insert(list(box).index(note) if note is not None else len(box), child)
        if signs is not None and not len(signs):
            box.remove(signs)


class CareCardsExtension(Extension):
    """Registers the care card block processor."""

    def __init__(self, **kwargs):
        self.config = {
            "signs_file": [
                str(PROJECT / "content" / "data" / "warning-signs.toml"),
                "The warning signs declaration (TOML)",
            ],
            "placeholders": [{}, "Names and values for {{ name }} placeholders"],
            "templates_dir": [
                str(PROJECT / "theme" / "templates"),
                "The theme's templates, with the care card component",
            ],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md):  # noqa: N802 - the name Python-Markdown calls
        md.parser.blockprocessors.register(
            CareCardProcessor(
                md.parser,
                self.getConfig("signs_file"),
                self.getConfig("placeholders"),
                self.getConfig("templates_dir"),
            ),
            "guide_care_cards",
            106,
        )


def makeExtension(**kwargs):  # noqa: N802 - the name Python-Markdown looks for
    """Entry point used when the extension is named in settings."""
    return CareCardsExtension(**kwargs)
