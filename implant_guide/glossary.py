"""The glossary: each medical term defined once, in `content/data/glossary.toml`.

`read_glossaries` reads the file: the glossary in each language, and what is wrong with
the file, line by line. The Markdown
extension `implant_guide/markdown/glossary_links.py` links each term's first use on a
page, the plugin `implant_guide/plugins/glossary.py` gives the glossary page its terms,
and `implant_guide/checks/glossary_checks.py` reports the file's problems.
"""

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from implant_guide.collation import initial, sort_keys
from implant_guide.languages import DEFAULT_LANGUAGE, LANGUAGES, localized, suffix
from implant_guide.problems import Problem
from implant_guide.sources import TomlSource, read_once_per_version

ENGLISH_KEYS = ("term", "also_called", "forms", "not_in", "definition")
TERM_KEYS = tuple(name for key in ENGLISH_KEYS for name in localized(key))
"""What a [[terms]] table may hold, in English and with `_es` in Spanish; the glossary
file's opening comment says what each is. Once one term has `term_es`, every term needs
`term_es` and `definition_es`."""
LISTS = ("also_called", "forms", "not_in")


def match_key(words: str) -> str:
    """How uses of a term compare: case and spacing aside."""
    return " ".join(words.casefold().split())


@dataclass(frozen=True)
class Term:
    """One glossary entry."""

    name: str
    definition: str
    also_called: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    not_in: tuple[str, ...] = ()
    """Phrases in which its words mean something else, so they do not link there: "puntos"
    is stitches, but not in "19 puntos de 100"."""

    @property
    def anchor(self) -> str:
        """The id of its definition on the glossary page."""
        return "term-" + re.sub(r"[^a-z0-9]+", "-", self.name.casefold()).strip("-")

    @property
    def words(self) -> tuple[str, ...]:
        """Everything that links to it."""
        return (self.name, *self.also_called, *self.forms)

    def is_in(self, phrase: str) -> bool:
        """Whether `phrase` holds one of its words, as whole words, case and spacing aside."""
        patterns = (r"\s+".join(map(re.escape, words.split())) for words in self.words)
        return any(re.search(rf"(?<![\w-]){p}(?![\w-])", phrase, re.I) for p in patterns)


@dataclass(frozen=True)
class SeeTerm:
    """Another name of a term, in its own place in the glossary: "DVT: see ..."."""

    name: str
    term: Term


@dataclass(eq=False)
class Glossary:
    """The terms of a glossary file in one language. Each glossary read is its own object
    (equal only to itself), so it can key caches."""

    source: TomlSource
    terms: list[Term]
    definition_lines: dict[str, int] = field(default_factory=dict)
    """The line of each term's definition, by the term's anchor."""

    @cached_property
    def term_of(self) -> dict[str, Term]:
        """Each word that links, by `match_key`, to its term."""
        return {match_key(words): term for term in self.terms for words in term.words}

    def by_letter(self, lang: str = DEFAULT_LANGUAGE) -> list[tuple[str, list]]:
        """The terms, and their other names as cross-references, in alphabetical order
        and grouped by first letter, as a reader of `lang` expects them."""
        entries = [*self.terms, *(SeeTerm(n, t) for t in self.terms for n in t.also_called)]
        keys = sort_keys([entry.name for entry in entries], lang)
        letters: dict[str, list] = {}
        for entry in sorted(entries, key=lambda entry: keys[entry.name]):
            letters.setdefault(initial(entry.name, lang), []).append(entry)
        return list(letters.items())


@read_once_per_version
def read_glossaries(path: Path) -> tuple[dict[str, Glossary], list[Problem]]:
    """The glossary in `path` in each language, and the problems of the file; read once
    per version of the file."""
    source = TomlSource(path)
    problem = (
        source.missing_problem("Create it with a [[terms]] table for each term")
        if not source.exists
        else source.syntax_problem(
            "Check the quotes, brackets and commas on that line (the file is TOML)"
        )
    )
    if problem:
        return {lang: Glossary(source, []) for lang in LANGUAGES}, [problem]
    readers = {lang: _TermReader(source, lang) for lang in LANGUAGES}
    glossaries = {
        lang: Glossary(source, reader.terms, reader.definition_lines)
        for lang, reader in readers.items()
    }
    return glossaries, [problem for reader in readers.values() for problem in reader.problems]


class _TermReader:
    """Reads and checks each [[terms]] table of a glossary file, in one language."""

    def __init__(self, source: TomlSource, lang: str):
        self.source = source
        self.suffix = suffix(lang)
        self.terms: list[Term] = []
        self.problems: list[Problem] = []
        self.definition_lines: dict[str, int] = {}
        self.first_use: dict[str, tuple[str, int]] = {}
        entries = source.data.get("terms")
        if lang != DEFAULT_LANGUAGE:
            # Not yet translated: no terms in this language, and nothing to report.
            if not (
                isinstance(entries, list)
                and any(isinstance(e, dict) and f"term{self.suffix}" in e for e in entries)
            ):
                return
        else:
            for key in source.data.keys() - {"terms"}:
                fix = "Put each term in a [[terms]] table"
                line = source.line_of_key(key)
                self.problems.append(source.problem(line, f"unknown key '{key}'", fix))
        if not isinstance(entries, list) or not entries:
            fix = 'Add a [[terms]] table for each term, with term = "..." and definition = "..."'
            self.problems.append(source.problem(1, "the glossary has no terms", fix))
            return
        for index, entry in enumerate(entries):
            term = self._read(index, entry)
            if term:
                self.terms.append(term)

    def _report(self, index, key, message, fix):
        line = self.source.line_of_key("terms", index, key)
        self.problems.append(self.source.problem(line, message, fix))

    def _read(self, index: int, entry: dict) -> Term | None:
        keys = ", ".join(TERM_KEYS)
        if not self.suffix:
            for key in entry.keys() - set(TERM_KEYS):
                self._report(index, key, f"unknown key '{key}' in a term", f"Use only: {keys}")
        term_key, definition_key = f"term{self.suffix}", f"definition{self.suffix}"
        name = entry.get(term_key)
        if not isinstance(name, str) or not name.strip():
            self._report(
                index,
                "term",
                f"a [[terms]] table has no {term_key}",
                f'Add {term_key} = "the word"',
            )
            return None
        definition = entry.get(definition_key)
        if not isinstance(definition, str) or not definition.strip():
            self._report(
                index,
                "term",
                f"'{name}' has no {definition_key}",
                f'Add {definition_key} = "plain words"',
            )
            definition = ""
        lists = {
            key: self._words(index, key + self.suffix, entry.get(key + self.suffix, []))
            for key in LISTS
        }
        term = Term(name.strip(), definition.strip(), *lists.values())
        self.definition_lines[term.anchor] = self.source.line_of_key("terms", index, definition_key)
        linking = {key: lists[key] for key in ("also_called", "forms")}
        for key, words in (("term", [term.name]), *linking.items()):
            for word in words:
                self._claim(index, key, word, term)
        self._check_not_in(index, term)
        return term

    def _check_not_in(self, index: int, term: Term):
        """Report a `not_in` phrase that holds none of the term's words, or only one."""
        key = f"not_in{self.suffix}"
        for phrase in term.not_in:
            if not term.is_in(phrase):
                message = f"'{phrase}' in {key} holds none of the words of '{term.name}'"
                fix = "Write the words around one of its words (term, also_called or forms)"
                self._report(index, key, message, fix)
            elif match_key(phrase) in map(match_key, term.words):
                message = f"'{phrase}' in {key} is one of the words of '{term.name}'"
                fix = "Remove it from the forms instead, or add the words around it"
                self._report(index, key, message, fix)

    def _words(self, index: int, key: str, value) -> tuple[str, ...]:
        if isinstance(value, list) and all(isinstance(w, str) and w.strip() for w in value):
            return tuple(w.strip() for w in value)
        self._report(index, key, f"{key} is not a list of words", f'Write {key} = ["word", "word"]')
        return ()

    def _claim(self, index: int, key: str, word: str, term: Term):
        """Report a word that already links to a term; the id of each term is claimed too."""
        for claim in (match_key(word), *((term.anchor,) if key == "term" else ())):
            if claim in self.first_use:
                owner, line = self.first_use[claim]
                self._report(
                    index,
                    key,
                    f"'{word}' is already in the glossary, for '{owner}' (line {line})",
                    "Give each word one term: remove it here or there",
                )
                return
        line = self.source.line_of_key("terms", index, key)
        self.first_use[match_key(word)] = (term.name, line)
        if key == "term":
            self.first_use[term.anchor] = (term.name, line)
