"""Checks of care cards against the warning signs declaration: what the declaration's
cards would show (its own problems are reported by its reader), each card's line and
hand-written items, and the emergency signs a topic page must show."""

import re

from implant_guide.care_card import card_content
from implant_guide.checks.body_checks import TODO_MARK
from implant_guide.clinic import PLACEHOLDER, PLACEHOLDER_NAMES
from implant_guide.content_model import (
    CARE_CARD_LEVELS,
    HELP_SECTION,
    LINK_FREE_CARD_LEVEL,
    LINK_FREE_REASON,
)
from implant_guide.languages import LANGUAGES
from implant_guide.markdown.care_cards import card_line
from implant_guide.warning_signs import ALL_TOPICS, WarningSigns

CARD_START = re.compile(rf"^!!! *(?:{'|'.join(CARE_CARD_LEVELS)})\b")
HAND_ITEM = re.compile(r"^ {4}[-*+] +(.*)$")


class CareCardChecks:
    """Reports problems with the declaration and with the care cards of each source."""

    def __init__(self, log, signs: WarningSigns, placeholders: dict):
        self.report = log.report
        self.signs = signs
        self.placeholders = placeholders
        """The clinic's placeholders, with their values (none if its file has errors)."""

    def check_declaration(self):
        source = self.signs.source
        for level in self.signs.levels.values():
            for key, text in level.fields:
                for name in PLACEHOLDER.findall(text):
                    if name not in PLACEHOLDER_NAMES:
                        self.report(
                            source,
                            source.line_of_key("levels", level.name, key),
                            f"unknown placeholder '{{{{ {name} }}}}'",
                            f"Use one of: {', '.join(PLACEHOLDER_NAMES)}",
                        )
        for lang in LANGUAGES:
            card = card_content(
                self.signs, LINK_FREE_CARD_LEVEL, [ALL_TOPICS], self.placeholders, lang=lang
            )
            if "<a " in "".join([card.heading, card.note, *card.items]):
                self.report(
                    source,
                    source.line_of_key("levels", LINK_FREE_CARD_LEVEL),
                    f"the {LINK_FREE_CARD_LEVEL} card would contain a link",
                    f"{LINK_FREE_REASON}: no links or phone placeholders",
                )

    def check_source(self, source):
        """Check the care cards of one article or page, and its `Topics:`."""
        shown = set()
        for number, card, items in self._cards(source):
            self._check_card(source, number, card)
            for item_line, text in items:
                self._check_item(source, item_line, text, card)
            if card.level == "emergency":
                shown |= {s.id for s in self.signs.signs_for(card.level, card.topics)}
        self._check_topics(source, shown)

    def _cards(self, source):
        """Each care card of the source: its line number, what its line says and its
        hand-written items as (line number, text)."""
        lines = source.lines
        for number, line in enumerate(lines, start=1):
            if not CARD_START.match(line):
                continue
            card = card_line(line)
            if card is None:
                self.report(
                    source,
                    number,
                    f"'{line.strip()}' is not a care card line",
                    "Write '!!! LEVEL TOPIC [TOPIC...]' or '!!! non-urgent \"Heading:\"'",
                )
                continue
            items = []
            for offset, body in enumerate(lines[number:], start=number + 1):
                if body.strip() and not body.startswith("    "):
                    break
                item = HAND_ITEM.match(body)
                if item:
                    items.append((offset, item.group(1)))
            yield number, card, items

    def _check_card(self, source, number, card):
        level, topics = card.level, card.topics
        if any(TODO_MARK.search(topic) for topic in topics):
            return  # a card still to write: reported as unfinished text
        one_line = f"!!! {level} {' '.join(topics) or 'TOPIC'}"
        if card.heading and level != "non-urgent":
            self.report(
                source,
                number,
                f"the {level} card has a hand-written heading",
                f"Its heading is declared once: write the one line '{one_line}'",
            )
        if not topics and not card.heading:
            self.report(
                source,
                number,
                f"the {level} card names no topic",
                f"Write '!!! {level} TOPIC' with topics from: {self._topic_names()}",
            )
        unknown = self.signs.unknown_topics(topics)
        for topic in unknown:
            self.report(
                source,
                number,
                f"unknown warning-sign topic '{topic}'",
                f"Use one or more of: {self._topic_names()}",
            )
        if topics and not unknown and not self.signs.signs_for(level, topics):
            self.report(
                source,
                number,
                f"no {level} signs are declared for {', '.join(topics)}",
                f"Declare them in {self.signs.source.display_path}, or use another topic",
            )

    def _check_item(self, source, number, text, card):
        sign = self.signs.stated_by(text)
        if sign is None:
            return
        topics = " ".join(sign.topics)
        self.report(
            source,
            number,
            f"this care card item states the declared {sign.level} sign '{sign.id}' by hand",
            f"Remove the item and use the one-line card '!!! {sign.level} TOPIC' "
            f"(its topics: {topics}), which lists it",
        )

    def _check_topics(self, source, shown):
        field = source.field("topics")
        if field is None:
            return
        topics = field.value.split()
        for topic in self.signs.unknown_topics(topics):
            self.report(
                source,
                field.line,
                f"unknown warning-sign topic '{topic}'",
                f"Use one or more of: {self._topic_names()}",
            )
        missing = [s.id for s in self.signs.signs_for("emergency", topics) if s.id not in shown]
        if missing:
            self.report(
                source,
                source.line_of(f"## {HELP_SECTION}", field.line),
                f"the page is about {field.value} but does not show the emergency "
                f"sign(s) {', '.join(missing)}",
                f"Add the one-line card '!!! emergency {field.value}'",
            )

    def _topic_names(self):
        return ", ".join([*self.signs.topics, ALL_TOPICS])
