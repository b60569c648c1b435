"""The warning signs, each declared once in `content/data/warning-signs.toml`: its wording
for patients, its level and its topics, with each level's care card heading, note and
instructions, and the topics whose cards list every sign of a level.

This module reads the declaration and says what is wrong with it. The care card component
(`implant_guide/care_card.py`), the Markdown care cards (`implant_guide/markdown/care_cards.py`)
and the content checks (`implant_guide/checks/care_card_checks.py`) all read it from here,
so a sign reads the same and has the same level everywhere.
"""

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from implant_guide.content_model import CARE_CARD_LEVELS
from implant_guide.languages import DEFAULT_LANGUAGE, LANGUAGES, TRANSLATED, localized, suffix
from implant_guide.problems import Problem
from implant_guide.sources import TomlSource, read_once_per_version

ALL_TOPICS = "all"
"""Written instead of topics, stands for every topic."""

SIGN_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
PHRASE_KEYS = tuple(localized("phrases"))
"""The phrases of a sign in each language: phrases, phrases_es."""
SIGN_KEYS = ("id", "level", "topics", *localized("wording"), *PHRASE_KEYS)
INSTRUCTION_KEYS = tuple(localized("instructions"))
"""What a level tells patients to do, in each language: instructions, instructions_es."""
LEVEL_KEYS = (*localized("heading"), *localized("note"), *INSTRUCTION_KEYS)
EVERY_SIGN_TABLE = "lists_every_sign"
"""The table of topics whose cards list every sign of some levels: `operation = ["emergency"]`."""


@dataclass(frozen=True)
class Sign:
    """One warning sign."""

    id: str
    level: str
    topics: tuple[str, ...]
    wording: str
    phrases: tuple[tuple[str, str], ...] = ()
    """(key, phrase) pairs, in every language: ("phrases", "chest pain"), ("phrases_es", ...)."""
    translations: tuple[tuple[str, str], ...] = ()
    """(language, wording) pairs: `wording_es` of the declaration."""

    def wording_in(self, lang: str) -> str:
        """Its wording in `lang`; English until a translation is declared."""
        return dict(self.translations).get(lang, self.wording)


@dataclass(frozen=True)
class Level:
    """A care card level: its heading and a note shown under the signs, in each language
    (the hidden label screen readers say before the heading is interface text, in the
    catalogs: `implant_guide/care_card.py`)."""

    name: str
    fields: tuple[tuple[str, str], ...] = ()
    """(key, text) pairs of the declaration: heading, note, heading_es..."""
    instructions: tuple[tuple[str, str], ...] = ()
    """(language, instruction) pairs: what this level tells patients to do ("call 911")."""

    def text(self, key: str, lang: str) -> str:
        """Its `key` (heading or note) in `lang`."""
        return dict(self.fields).get(key + suffix(lang), "")

    def instructions_in(self, lang: str) -> tuple[str, ...]:
        """Its instructions in `lang`, in the order they are declared."""
        return tuple(text for code, text in self.instructions if code == lang)


NOT_A_WORD = re.compile(r"[^a-z0-9]+")


def normalized(text: str) -> str:
    """Lowercase words without accents or punctuation, between spaces: " coagulo "."""
    letters = text.lower()
    if not letters.isascii():
        letters = unicodedata.normalize("NFKD", letters).encode("ascii", "ignore").decode()
    return " " + NOT_A_WORD.sub(" ", letters).strip() + " "


class WarningSigns:
    """The declaration, read from its TOML file, with what is wrong with it."""

    def __init__(self, path):
        self.source = TomlSource(path)
        self.problems: list[Problem] = []
        self._instruction_levels: dict[str, str] = {}
        """Each instruction (normalized) and the level that declares it."""
        if not self.source.exists:
            self.problems.append(self.source.missing_problem("Declare the warning signs in it"))
        elif problem := self.source.syntax_problem("Correct the syntax"):
            self.problems.append(problem)
        data = self.source.data
        self.topics: dict[str, str] = self._topics(data.get("topics"))
        self.levels: dict[str, Level] = self._levels(data.get("levels"))
        self.every_sign: dict[str, tuple[str, ...]] = self._every_sign(data.get(EVERY_SIGN_TABLE))
        """Topic -> the levels at which its cards list every sign, whatever their topics."""
        self.signs: list[Sign] = self._signs(data.get("signs"))

    def _problem(self, path: tuple, message: str, fix: str):
        self.problems.append(self.source.problem(self.source.line_of_key(*path), message, fix))

    def _topics(self, table) -> dict[str, str]:
        if not isinstance(table, dict) or not table:
            self._problem(("topics",), "no [topics] table", "Declare each topic once: name = ...")
            return {}
        return {str(name): str(about) for name, about in table.items()}

    def _levels(self, table) -> dict[str, Level]:
        table = table if isinstance(table, dict) else {}
        levels = {}
        for name, fields in table.items():
            if name not in CARE_CARD_LEVELS:
                self._problem(
                    ("levels", name),
                    f"unknown level '{name}'",
                    f"Use one of: {', '.join(CARE_CARD_LEVELS)}",
                )
                continue
            fields = fields if isinstance(fields, dict) else {}
            self._unknown_keys(("levels", name), fields, LEVEL_KEYS)
            required = [
                key + suffix(lang)
                for lang in (DEFAULT_LANGUAGE, *TRANSLATED)
                for key in ("heading", *(["note"] if "note" in fields else []))
            ]
            missing = [key for key in required if not fields.get(key)]
            if missing:
                self._problem(
                    ("levels", name),
                    f"level '{name}' needs {', '.join(missing)}",
                    " and ".join(f'{key} = "..."' for key in missing) + f" under [levels.{name}]",
                )
                continue
            instructions = self._instructions(name, fields)
            texts = tuple((k, str(v)) for k, v in fields.items() if k not in INSTRUCTION_KEYS)
            levels[name] = Level(name, texts, instructions)
        for name in CARE_CARD_LEVELS:
            if name not in table:
                self._problem(
                    ("levels",),
                    f"level '{name}' is not declared",
                    f"Add [levels.{name}] with its heading",
                )
        return levels

    def _instructions(self, level: str, fields: dict) -> tuple[tuple[str, str], ...]:
        """The instructions of a level in every language, each declared at one level."""
        found = []
        for lang in LANGUAGES:
            key = f"instructions{suffix(lang)}"
            listed = fields.get(key)
            if not isinstance(listed, list) or not listed:
                self._problem(
                    ("levels", level, key) if key in fields else ("levels", level),
                    f"level '{level}' has no {key} (a list of texts)",
                    f'Write {key} = ["...", "..."] under [levels.{level}]: what this level '
                    "tells patients to do",
                )
                continue
            for text in listed:
                if not isinstance(text, str) or not normalized(text).strip():
                    self._problem(
                        ("levels", level, key),
                        f"level '{level}' has an instruction that is not a text: {text!r}",
                        f'Write {key} = ["...", "..."]',
                    )
                    continue
                other = self._instruction_levels.setdefault(normalized(text), level)
                if other != level:
                    self._problem(
                        ("levels", level, key),
                        f"instruction '{text}' is declared for level '{other}' and '{level}'",
                        "Give each level instructions that only it gives",
                    )
                    continue
                found.append((lang, text))
        return tuple(found)

    def _every_sign(self, table) -> dict[str, tuple[str, ...]]:
        """Check and read the topics whose cards list every sign of some levels."""
        if table is None:
            return {}
        fix = f'Write [{EVERY_SIGN_TABLE}] with lines such as operation = ["emergency"]'
        if not isinstance(table, dict):
            self._problem((EVERY_SIGN_TABLE,), f"{EVERY_SIGN_TABLE} is not a table", fix)
            return {}
        rules = {}
        for topic, levels in table.items():
            where = (EVERY_SIGN_TABLE, topic)
            if topic not in self.topics:
                self._problem(
                    where,
                    f"{EVERY_SIGN_TABLE} names unknown topic '{topic}'",
                    f"Use topics declared under [topics]: {', '.join(self.topics)}",
                )
                continue
            if not isinstance(levels, list) or not levels:
                self._problem(where, f"{EVERY_SIGN_TABLE}.{topic} is not a list of levels", fix)
                continue
            unknown = [str(level) for level in levels if level not in CARE_CARD_LEVELS]
            if unknown:
                self._problem(
                    where,
                    f"{EVERY_SIGN_TABLE}.{topic} has unknown level '{unknown[0]}'",
                    f"Use one of: {', '.join(CARE_CARD_LEVELS)}",
                )
                continue
            rules[topic] = tuple(levels)
        return rules

    def _signs(self, entries) -> list[Sign]:
        signs, seen_ids, seen_wordings, seen_phrases = [], {}, {}, {}
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            sign = self._sign(index, entry if isinstance(entry, dict) else {})
            if sign is None:
                continue
            if sign.id in seen_ids:
                self._problem(
                    ("signs", index, "id"),
                    f"sign '{sign.id}' is declared twice",
                    "Declare each sign once; give a different sign its own id",
                )
                continue
            wording = normalized(sign.wording)
            if wording in seen_wordings:
                other = seen_wordings[wording]
                self._problem(
                    ("signs", index, "wording"),
                    f"sign '{sign.id}' ({sign.level}) has the wording of sign '{other.id}' "
                    f"({other.level})",
                    "A sign has one level everywhere: declare it once, with all its topics",
                )
                continue
            for field, phrase in sign.phrases:
                key = normalized(phrase)
                if seen_phrases.get(key, sign.id) != sign.id:
                    self._problem(
                        ("signs", index, field),
                        f"phrase '{phrase}' of sign '{sign.id}' also names sign "
                        f"'{seen_phrases[key]}'",
                        "Give each sign phrases that only it matches",
                    )
                seen_phrases[key] = sign.id
            seen_ids[sign.id] = sign
            seen_wordings[wording] = sign
            signs.append(sign)
        self._check_translated(entries if isinstance(entries, list) else [], signs)
        return signs

    def _check_translated(self, entries: list, signs: list[Sign]):
        """Once one sign is translated into a language, every sign must be, and once one
        sign has phrases in that language, every sign with English phrases must have."""
        for lang in TRANSLATED:
            key, phrases = f"wording{suffix(lang)}", f"phrases{suffix(lang)}"
            worded = any(dict(sign.translations).get(lang) for sign in signs)
            phrased = any(field == phrases for sign in signs for field, _ in sign.phrases)
            for index, entry in enumerate(e for e in entries if isinstance(e, dict)):
                name = f"sign '{entry.get('id', index + 1)}'"
                if worded and not str(entry.get(key, "")).strip():
                    self._problem(
                        ("signs", index),
                        f"{name} has no {key}",
                        f'Other signs are translated: write {key} = "..." under it',
                    )
                if phrased and entry.get("phrases") and not entry.get(phrases):
                    self._problem(
                        ("signs", index, "phrases"),
                        f"{name} has no {phrases}",
                        f'Other signs have them: write {phrases} = ["...", "..."] under it',
                    )

    def _sign(self, index: int, entry: dict) -> Sign | None:
        where = ("signs", index)
        self._unknown_keys(where, entry, SIGN_KEYS)
        sign_id, level = str(entry.get("id", "")), entry.get("level")
        wording, topics = entry.get("wording"), entry.get("topics")
        name = f"sign '{sign_id}'" if sign_id else f"sign number {index + 1}"
        problems = len(self.problems)
        if not SIGN_ID.match(sign_id):
            self._problem((*where, "id"), f"{name} has no valid id", 'Write id = "short-name"')
        if level not in CARE_CARD_LEVELS:
            self._problem(
                (*where, "level"),
                f"{name} has unknown level '{level}'",
                f"Use one of: {', '.join(CARE_CARD_LEVELS)}",
            )
        if not isinstance(wording, str) or not wording.strip():
            self._problem(
                (*where, "wording"),
                f"{name} has no wording",
                'Write what patients read: wording = "you ..."',
            )
        if not isinstance(topics, list) or not topics:
            self._problem(
                (*where, "topics"),
                f"{name} belongs to no topic",
                f"List its topics: topics = [...]; one of: {', '.join(self.topics)}",
            )
            topics = []
        for topic in self.unknown_topics(topics):
            self._problem(
                (*where, "topics"),
                f"{name} has unknown topic '{topic}'",
                f"Use topics declared under [topics]: {', '.join(self.topics)}",
            )
        phrases = []
        for key in PHRASE_KEYS:
            listed = entry.get(key, [])
            if not isinstance(listed, list) or not all(isinstance(p, str) for p in listed):
                self._problem(
                    (*where, key),
                    f"{name} has {key} that are not a list of texts",
                    f'Write {key} = ["...", "..."]',
                )
                continue
            phrases.extend((key, phrase) for phrase in listed)
        if len(self.problems) > problems:
            return None
        translations = tuple(
            (lang, str(entry[f"wording{suffix(lang)}"]).strip())
            for lang in TRANSLATED
            if str(entry.get(f"wording{suffix(lang)}", "")).strip()
        )
        return Sign(sign_id, level, tuple(topics), wording.strip(), tuple(phrases), translations)

    def _unknown_keys(self, where: tuple, fields: dict, known: tuple):
        for key in fields:
            if key not in known:
                self._problem(
                    (*where, key), f"unknown key '{key}'", f"Use only: {', '.join(known)}"
                )

    def unknown_topics(self, topics) -> list[str]:
        """The names in `topics` that are neither a declared topic nor `all`."""
        return [t for t in topics if t != ALL_TOPICS and t not in self.topics]

    def lists_every_sign(self, level: str, topics) -> bool:
        """Whether a card of `level` and `topics` lists every sign of its level: for `all`,
        or for a topic declared under [lists_every_sign] at that level."""
        return ALL_TOPICS in topics or any(level in self.every_sign.get(t, ()) for t in topics)

    def signs_for(self, level: str, topics) -> list[Sign]:
        """The declared signs of a level that belong to any of `topics` (or to any topic,
        see `lists_every_sign`), in the order they are declared."""
        wanted = set(self.topics if self.lists_every_sign(level, topics) else topics)
        return [s for s in self.signs if s.level == level and wanted & set(s.topics)]

    def stated_by(self, text: str) -> Sign | None:
        """The declared sign that a hand-written text states: its wording, or the sign
        whose phrase in the text is longest."""
        written = normalized(text)
        best, length = None, 0
        for sign in self.signs:
            if written in {normalized(sign.wording_in(lang)) for lang in LANGUAGES}:
                return sign
            for _, phrase in sign.phrases:
                key = normalized(phrase)
                if key in written and len(key) > length:
                    best, length = sign, len(key)
        return best


@read_once_per_version
def read_warning_signs(path: Path) -> tuple[WarningSigns, list[Problem]]:
    """The declaration in `path` and its problems, read again only when the file changes."""
    signs = WarningSigns(path)
    return signs, signs.problems
