"""Triage at one level everywhere: the checks that keep what a page tells patients to do
in step with the warning signs declaration (`content/data/warning-signs.toml`).

- In any section, the emergency care card comes before the urgent and non-urgent cards.
- Outside the care cards, a sentence (or a list item, with the lead-in sentence it hangs
  from: "Call your team the same day if:") that names a declared sign by one of its
  phrases together with an instruction of another level ("call 911", "the same day", "at
  your next visit"...: the `instructions` of each level) is refused. A sentence may still
  describe a sign without telling patients what to do.

Signs and instructions are found as the care card checks find a hand-written sign: lowercase
words without accents or punctuation (`normalized`). Their patterns are compiled once per
version of the declaration, one pair per language.
"""

import re
from dataclasses import dataclass
from functools import cache

from implant_guide.languages import LANGUAGES, source_language, suffix
from implant_guide.markdown.care_cards import card_line
from implant_guide.warning_signs import Sign, WarningSigns, normalized

FIRST_LEVEL = "emergency"
"""The care card that comes first in a section: before any card of another level."""

HEADING = re.compile(r"^(#{1,6}) +(.*?)#*\s*$")
LIST_ITEM = re.compile(r"^( *)(?:[-*+]|\d+[.)]) +(.*)$")
CALLOUT = re.compile(r'^!!! *[a-z-]+(?: +"([^"\n]*)")? *$')
WHOLE_LINE_PLACEHOLDER = re.compile(r"^\{\{.*\}\}$")
SENTENCE_END = re.compile(r"(?<=[.!?:;])[\"')\]]*\s+(?=[^a-z\s])")
"""Where one sentence ends and the next begins: after . ! ? : or ; and before a word that
does not start in lowercase."""
MARKUP = re.compile(r"\[@[^\]]*\]|\]\([^)]*\)|<[^>]+>")
"""What is not prose: citations, link targets, HTML tags."""


@dataclass(frozen=True)
class Found:
    """A declared phrase found in a text: what it names (a sign, or a level for an
    instruction) and the words as declared."""

    names: object
    phrase: str


class Matcher:
    """Finds many declared phrases in normalized text, overlapping ones too, the longest
    first at each word. The phrases are indexed by their first word, so a text is read
    once whatever their number."""

    def __init__(self, phrases: dict[str, tuple[object, str]]):
        self.by_first_word: dict[str, list[tuple[str, Found]]] = {}
        """first word -> (normalized phrase, what it names), longest first"""
        for key in sorted(phrases, key=len, reverse=True):
            words = key.split()
            if words:
                found = Found(*phrases[key])
                self.by_first_word.setdefault(words[0], []).append((key, found))

    def find(self, text: str) -> list[Found]:
        """Each declared phrase in `text` (already normalized), in order."""
        found, at = [], 0
        for word in text.split():
            at = text.index(f" {word} ", at)
            for key, what in self.by_first_word.get(word, ()):
                if text.startswith(key, at):
                    found.append(what)
                    break
            at += len(word) + 1
        return found


class TriageRules:
    """The declaration's signs and instructions in one language, as compiled patterns."""

    def __init__(self, signs: WarningSigns, lang: str):
        self.lang = lang
        phrases = [
            (sign, phrase)
            for sign in signs.signs
            for key, phrase in sign.phrases
            if key == f"phrases{suffix(lang)}"
        ]
        self.signs = Matcher({normalized(phrase): (sign, phrase) for sign, phrase in phrases})
        self.instructions = Matcher(
            {
                normalized(text): (level.name, text)
                for level in signs.levels.values()
                for text in level.instructions_in(lang)
            }
        )
        self.levels = signs.levels

    def instruction_of(self, level: str) -> str:
        """The first instruction declared for `level`, as the fix suggests it."""
        declared = self.levels[level].instructions_in(self.lang) if level in self.levels else ()
        return declared[0] if declared else level


@cache
def triage_rules(signs: WarningSigns, lang: str) -> TriageRules:
    """The compiled rules of one version of the declaration in one language."""
    return TriageRules(signs, lang)


@dataclass(frozen=True)
class Unit:
    """A sentence, a heading or a list item of a page's prose, with the lead-in sentence
    a list item hangs from."""

    line: int
    text: str
    lead_in: "Unit | None" = None
    kind: str = "sentence"
    """What it is, as a report names it: sentence, heading or list item."""


def _clean(text: str) -> str:
    return normalized(MARKUP.sub(" ", text))


def _sentences(line: int, text: str) -> list[Unit]:
    """The sentences of a paragraph that starts at `line` (its lines joined with "\\n")."""
    units, start = [], 0
    for match in [*SENTENCE_END.finditer(text), None]:
        end = match.start() if match else len(text)
        sentence = text[start:end].strip()
        if sentence:
            units.append(Unit(line + text.count("\n", 0, start), sentence))
        start = match.end() if match else end
    return units


def prose(lines: list[str], first: int) -> list[Unit]:
    """Every sentence, heading and list item of the lines from number `first` on, outside
    the care cards, with each list item's lead-in (the sentence ending in ":" of the
    paragraph right before its list)."""
    units: list[Unit] = []
    paragraph: list[tuple[int, str]] = []
    lead_in, in_card, in_list = None, False, False

    def end_paragraph():
        nonlocal paragraph, lead_in
        if paragraph:
            sentences = _sentences(paragraph[0][0], "\n".join(text for _, text in paragraph))
            units.extend(sentences)
            last = sentences[-1] if sentences else None
            lead_in = last if last and last.text.endswith(":") else None
        paragraph = []

    for number, raw in enumerate(lines[first - 1 :], start=first):
        if in_card and (not raw.strip() or raw.startswith("    ")):
            continue
        in_card = False
        text = raw[4:] if raw.startswith("    ") else raw
        stripped = text.strip()
        if card_line(stripped):
            end_paragraph()
            in_card, lead_in = True, None
            continue
        if not stripped:
            end_paragraph()
            continue
        heading, item = HEADING.match(stripped), LIST_ITEM.match(text)
        callout = CALLOUT.match(stripped)
        if heading or callout or WHOLE_LINE_PLACEHOLDER.match(stripped):
            end_paragraph()
            lead_in, in_list = None, False
            title = heading.group(2) if heading else callout.group(1) if callout else ""
            if title:
                units.append(Unit(number, title, kind="heading"))
        elif item:
            if not in_list:
                end_paragraph()
            in_list = True
            units.append(Unit(number, item.group(2), lead_in, "list item"))
        elif in_list and raw.startswith(" ") and units:
            last = units[-1]
            units[-1] = Unit(last.line, f"{last.text} {stripped}", last.lead_in, last.kind)
        else:
            if in_list:
                lead_in, in_list = None, False
            paragraph.append((number, stripped))
    end_paragraph()
    return units


@dataclass(frozen=True)
class Violation:
    """A sign named with an instruction of another level."""

    unit: Unit
    sign: Sign
    phrase: str
    instruction: str
    instruction_level: str
    from_lead_in: bool
    also_right: bool
    """Whether the sentence also gives the sign's own level's instruction."""


def violations(units: list[Unit], rules: TriageRules) -> list[Violation]:
    """Each unit's signs named together with an instruction of another level."""
    found = []
    for unit in units:
        text = _clean(unit.text)
        signs = rules.signs.find(text)
        if not signs:
            continue
        given = [(f, False) for f in rules.instructions.find(text)]
        if unit.lead_in:
            given += [(f, True) for f in rules.instructions.find(_clean(unit.lead_in.text))]
        reported = set()
        for match in signs:
            sign = match.names
            wrong = [(f, lead) for f, lead in given if f.names != sign.level]
            if not wrong or sign.id in reported:
                continue
            reported.add(sign.id)
            instruction, lead = wrong[0]
            found.append(
                Violation(
                    unit,
                    sign,
                    match.phrase,
                    instruction.phrase,
                    instruction.names,
                    lead,
                    any(f.names == sign.level for f, _ in given),
                )
            )
    return found


class TriageChecks:
    """Reports cards out of order and signs with instructions of another level."""

    def __init__(self, log, signs: WarningSigns):
        self.log = log
        self.report = log.report
        self.signs = signs

    def check_declaration(self):
        """Each level's heading gives no instruction of another level."""
        source = self.signs.source
        for lang in LANGUAGES:
            rules = triage_rules(self.signs, lang)
            for level in self.signs.levels.values():
                for found in rules.instructions.find(normalized(level.text("heading", lang))):
                    if found.names != level.name:
                        self.report(
                            source,
                            source.line_of_key("levels", level.name, f"heading{suffix(lang)}"),
                            f"the {level.name} heading gives the {found.names} instruction "
                            f"'{found.phrase}'",
                            f"Tell patients what to do at the {level.name} level: "
                            f"'{rules.instruction_of(level.name)}'",
                        )

    def check_source(self, source) -> bool:
        """Check one article or page: its cards' order and its prose; whether it passed."""
        found = len(self.log.problems)
        self.check_card_order(source)
        rules = triage_rules(self.signs, source_language(source))
        for violation in violations(prose(source.lines, source.body_start), rules):
            self._report_violation(source, violation, rules)
        return len(self.log.problems) == found

    def check_card_order(self, source):
        """In each section, no card of another level before the emergency card."""
        section: list[tuple[int, str]] = []
        for number, line in [*enumerate(source.lines, start=1), (0, "## ")]:
            if line.startswith("## "):
                levels = [level for _, level in section]
                if FIRST_LEVEL in levels:
                    first = levels.index(FIRST_LEVEL)
                    for card_number, level in section[:first]:
                        self.report(
                            source,
                            card_number,
                            f"the {level} care card comes before the {FIRST_LEVEL} card "
                            f"(line {section[first][0]})",
                            f"Put the {FIRST_LEVEL} card first in its section: move "
                            f"'{source.lines[section[first][0] - 1].strip()}' above this card",
                        )
                section = []
                continue
            card = card_line(line)
            if card:
                section.append((number, card.level))

    def _report_violation(self, source, violation: Violation, rules: TriageRules):
        sign, unit = violation.sign, violation.unit
        where = (
            f" of its lead-in (line {unit.lead_in.line}: '{unit.lead_in.text}')"
            if violation.from_lead_in
            else ""
        )
        level = "an emergency" if sign.level == FIRST_LEVEL else sign.level
        split = ", give each level a sentence of its own," if violation.also_right else ""
        self.report(
            source,
            unit.line,
            f"this {unit.kind} names the {sign.level} sign '{sign.id}' ('{violation.phrase}') "
            f"with the {violation.instruction_level} instruction '{violation.instruction}'"
            f"{where}",
            f"This sign is {level}: say '{rules.instruction_of(sign.level)}'{split} or "
            "describe it without an instruction",
        )
