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
use, with the build's Jinja environment, so its markup is written once. A card depends
only on its line and the page's language: each is rendered once per build.
"""

import re
from dataclasses import dataclass
from xml.etree import ElementTree

from markdown import Extension
from markdown.blockprocessors import BlockProcessor
from markdown.util import AtomicString

from implant_guide.care_card import CARD_CLASS, card_content, render_card
from implant_guide.clinic import placeholders
from implant_guide.content_model import CARE_CARD_LEVELS
from implant_guide.languages import document_language
from implant_guide.markdown.blocks import component_environment, component_options, indented_body
from implant_guide.warning_signs import read_warning_signs

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

    def __init__(self, parser, config: dict):
        super().__init__(parser)
        self.config = config
        self.rendered: dict[tuple[CardLine, str], str] = {}
        """Each card's HTML by its line and language, rendered once per build."""

    def test(self, parent, block):
        return card_line(block.split("\n", 1)[0]) is not None

    def run(self, parent, blocks):
        first, _, rest = blocks.pop(0).partition("\n")
        line = card_line(first)
        text = indented_body(rest, blocks)
        card = ElementTree.fromstring(self._card(line, document_language(self.parser.md)))
        _freeze(card)
        parent.append(card)
        hand_written = ElementTree.Element("div")
        self.parser.parseChunk(hand_written, text)
        self._merge(card, hand_written)

    def _card(self, line: CardLine, lang: str) -> str:
        """The card's HTML, from the declaration, in `lang`."""
        if (line, lang) not in self.rendered:
            config = self.config
            signs, _ = read_warning_signs(config["signs_file"])
            values = placeholders(config["clinic_file"], lang)
            content = card_content(signs, line.level, line.topics, values, line.heading, lang)
            env = component_environment(config)
            self.rendered[(line, lang)] = render_card(content, env, lang)
        return self.rendered[(line, lang)]

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
            "signs_file": ["content/data/warning-signs.toml", "The warning signs (TOML)"],
            **component_options(),
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md):  # noqa: N802 - the name Python-Markdown calls
        # Priority 106: before the callouts (105), whose `!!! ` lines look alike, and so
        # before every block processor of Python-Markdown.
        md.parser.blockprocessors.register(
            CareCardProcessor(md.parser, self.getConfigs()), "guide_care_cards", 106
        )


def makeExtension(**kwargs):  # noqa: N802 - the name Python-Markdown looks for
    """Entry point used when the extension is named in settings."""
    return CareCardsExtension(**kwargs)
