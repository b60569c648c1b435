"""The glossary: each medical term defined once, in `content/data/glossary.toml`, and
linked from its first use on every article and page.

- A Markdown extension (its entry in `MARKDOWN["extension_configs"]` names the file) links
  terms as each article and page is read; `GlossaryLinks` holds the rules.
- A Pelican plugin gives the glossary page's template its terms, by letter.
- `check_glossary` reports the file's problems with the other content checks.
"""

import hashlib
import re
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from xml.etree.ElementTree import Element

from markdown import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString
from pelican import signals

from implant_guide.content_model import REFERENCES_HEADING, heading_in
from implant_guide.data_file import DataFile
from implant_guide.languages import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    TRANSLATED,
    document_language,
    suffix,
)

EXTENSION = "implant_guide.plugins.glossary"
"""This module's key in MARKDOWN["extension_configs"], whose `path` is the glossary file."""
PAGE_SOURCES = {"en": "pages/glossary.md", "es": "pages/es/glosario.md"}
"""The glossary page of each language, relative to the content folder; terms link to it."""
PAGE_TEMPLATE = "glossary"
"""The template that shows the glossary; a page rendered with it links no terms."""

ENGLISH_KEYS = ("term", "also_called", "forms", "definition")
TERM_KEYS = (*ENGLISH_KEYS, *(key + suffix(lang) for lang in TRANSLATED for key in ENGLISH_KEYS))
"""What a [[terms]] table may hold, in English and with `_es` in Spanish; the glossary
file's opening comment says what each is. Once one term has `term_es`, every term needs
`term_es` and `definition_es`."""
LISTS = ("also_called", "forms")
SKIPPED_TAGS = frozenset(
    {"a", "abbr", "code", "dfn", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "kbd", "pre", "th"}
)
SKIPPED_CLASSES = frozenset({"care-card--emergency", "visually-hidden"})
LINK_CLASS = "glossary-link"


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

    @property
    def anchor(self) -> str:
        """The id of its definition on the glossary page."""
        return "term-" + re.sub(r"[^a-z0-9]+", "-", self.name.casefold()).strip("-")

    @property
    def words(self) -> tuple[str, ...]:
        """Everything that links to it."""
        return (self.name, *self.also_called, *self.forms)


@dataclass(frozen=True)
class SeeTerm:
    """Another name of a term, in its own place in the glossary: "DVT: see ..."."""

    name: str
    term: Term


def _pieces(words: str) -> list[str]:
    """`words` as a regular expression, piece by piece: letters in any case (in capitals
    only if `words` is written in capitals, as DVT is), any space between words."""
    capitals = words.isupper()
    return [
        r"\s+" if char == " " else f"(?-i:{char})" if capitals else re.escape(char.lower())
        for char in " ".join(words.split())
    ]


def _tree_pattern(tree: dict) -> str:
    """A regular expression for the words of a prefix tree: at each point the longest
    ending is tried first, and only the branches that can still match are tried."""
    branches = [piece + _tree_pattern(child) for piece, child in tree.items() if piece]
    if not branches:
        return ""
    pattern = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{pattern})?" if "" in tree else pattern


@dataclass
class Glossary:
    """The terms of a glossary file, and what is wrong with it as (line, problem, fix)."""

    source: DataFile
    terms: list[Term]
    problems: list[tuple[int, str, str]]
    definition_lines: dict[str, int] = field(default_factory=dict)
    """The line of each term's definition, by the term's anchor."""

    @cached_property
    def term_of(self) -> dict[str, Term]:
        """Each word that links, by `match_key`, to its term."""
        return {match_key(words): term for term in self.terms for words in term.words}

    @cached_property
    def pattern(self) -> re.Pattern | None:
        """One expression for every word that links: whole words, longest first. It is
        built as a prefix tree, which matches several times faster than a list of words."""
        if not self.terms:
            return None
        tree: dict = {}
        for words in {w for term in self.terms for w in term.words}:
            node = tree
            for piece in _pieces(words):
                node = node.setdefault(piece, {})
            node[""] = {}
        return re.compile(rf"(?<![\w-])(?:{_tree_pattern(tree)})(?![\w-])", re.IGNORECASE)

    def by_letter(self) -> list[tuple[str, list]]:
        """The terms, and their other names as cross-references, in alphabetical order
        and grouped by first letter."""
        entries = [*self.terms, *(SeeTerm(n, t) for t in self.terms for n in t.also_called)]
        letters: dict[str, list] = {}
        for entry in sorted(entries, key=lambda e: re.sub(r"\W", "", e.name.casefold())):
            letters.setdefault(entry.name[0].upper(), []).append(entry)
        return list(letters.items())


def read_glossary(path: str | Path, lang: str = DEFAULT_LANGUAGE) -> Glossary:
    """The glossary in `path`, in `lang`, read once per version of the file."""
    stat = Path(path).stat()
    return _read(Path(path).resolve(), stat.st_mtime_ns, stat.st_size, lang)


@cache
def _read(path: Path, _mtime: int, _size: int, lang: str) -> Glossary:
    source = DataFile(path)
    if source.syntax_error:
        line, message = source.syntax_error
        fix = "Check the quotes, brackets and commas on that line (the file is TOML)"
        problems = [(line, f"the glossary is not valid TOML: {message}", fix)]
        return Glossary(source, [], problems if lang == DEFAULT_LANGUAGE else [])
    reader = _TermReader(source, lang)
    return Glossary(source, reader.terms, reader.problems, reader.definition_lines)


class _TermReader:
    """Reads and checks each [[terms]] table of a glossary file."""

    def __init__(self, source: DataFile, lang: str):
        self.source = source
        self.suffix = suffix(lang)
        self.terms: list[Term] = []
        self.problems: list[tuple[int, str, str]] = []
        self.definition_lines: dict[str, int] = {}
        self.first_use: dict[str, tuple[str, int]] = {}
        entries = source.data.get("terms")
        if lang != DEFAULT_LANGUAGE:
            # Not yet translated: no terms in this language, and nothing to report.
            translated = isinstance(entries, list) and any(
                isinstance(e, dict) and f"term{self.suffix}" in e for e in entries
            )
            entries = entries if translated else []
            if not translated:
                return
        for key in source.data.keys() - {"terms"}:
            fix = "Put each term in a [[terms]] table"
            self.problems.append((source.line_of_key(key), f"unknown key '{key}'", fix))
        if not isinstance(entries, list) or not entries:
            fix = 'Add a [[terms]] table for each term, with term = "..." and definition = "..."'
            self.problems.append((1, "the glossary has no terms", fix))
            return
        for index, entry in enumerate(entries):
            term = self._read(index, entry)
            if term:
                self.terms.append(term)

    def _report(self, index, key, message, fix):
        self.problems.append((self.source.line_of_key("terms", index, key), message, fix))

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
        term = Term(name.strip(), definition.strip(), lists["also_called"], lists["forms"])
        self.definition_lines[term.anchor] = self.source.line_of_key("terms", index, definition_key)
        for key, words in (("term", [term.name]), *lists.items()):
            for word in words:
                self._claim(index, key, word, term)
        return term

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


class GlossaryLinks(Treeprocessor):
    """Links the first use of each term on an article or page to its definition.

    Uses are whole words, in any case (a word written in capitals, only in capitals),
    longest first. Only body text counts: not headings, table headings, links, code,
    illustrations, text for screen readers only, or an emergency care card (which must
    not send people away); nothing from the References heading on; nothing on the glossary
    page itself, nor in a Summary (Pelican converts it with the same Markdown, without
    metadata).
    """

    def __init__(self, md, path: str):
        super().__init__(md)
        self.path = path

    def run(self, root):
        metadata = getattr(self.md, "Meta", None)
        template = "".join(metadata.get("template", [])).strip() if metadata else ""
        lang = document_language(self.md)
        self.glossary = read_glossary(self.path, lang)
        self.page_source = PAGE_SOURCES[lang]
        if not metadata or not self.glossary.pattern or template == PAGE_TEMPLATE:
            return
        linked: set[str] = set()
        references = heading_in(REFERENCES_HEADING, lang)
        for element in root:
            if element.tag == "h2" and "".join(element.itertext()).strip() == references:
                break
            self._link_within(element, linked)

    def _link_within(self, element, linked: set[str]):
        if element.tag in SKIPPED_TAGS or not SKIPPED_CLASSES.isdisjoint(
            (element.get("class") or "").split()
        ):
            return
        children = list(element)
        inserted = 0
        if element.text and not isinstance(element.text, AtomicString):
            element.text, links = self._link_text(element.text, linked)
            for inserted, link in enumerate(links, start=1):
                element.insert(inserted - 1, link)
        for index, child in enumerate(children):
            self._link_within(child, linked)
            if child.tail and not isinstance(child.tail, AtomicString):
                child.tail, links = self._link_text(child.tail, linked)
                for link in links:
                    inserted += 1
                    element.insert(index + inserted, link)

    def _link_text(self, text: str, linked: set[str]) -> tuple[str, list[Element]]:
        """`text` up to its first new term, and a link for each new term (its tail the
        text after it)."""
        if len(linked) == len(self.glossary.terms):
            return text, []
        links: list[Element] = []
        head, start = text, 0
        for found in self.glossary.pattern.finditer(text):
            term = self.glossary.term_of[match_key(found.group())]
            if term.anchor in linked:
                continue
            linked.add(term.anchor)
            href = f"{{filename}}/{self.page_source}#{term.anchor}"
            link = Element("a", {"class": LINK_CLASS, "href": href})
            link.text = AtomicString(found.group())
            if links:
                links[-1].tail = text[start : found.start()]
            else:
                head = text[: found.start()]
            links.append(link)
            start = found.end()
        if links:
            links[-1].tail = text[start:]
        return head, links


class GlossaryExtension(Extension):
    """Registers the glossary links, after inline Markdown and before the contents list."""

    def __init__(self, **kwargs):
        self.config = {"path": ["content/data/glossary.toml", "The glossary file"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):  # noqa: N802 - the name Python-Markdown calls
        md.treeprocessors.register(GlossaryLinks(md, self.getConfig("path")), "glossary_links", 6)


def makeExtension(**kwargs):  # noqa: N802 - the name Python-Markdown looks for
    """Entry point used when the extension is named in settings."""
    return GlossaryExtension(**kwargs)


def glossary_of(settings: dict, lang: str = DEFAULT_LANGUAGE) -> Glossary:
    """The glossary in `lang` the settings' Markdown extension links to."""
    return read_glossary(settings["MARKDOWN"]["extension_configs"][EXTENSION]["path"], lang)


def check_glossary(log, settings: dict):
    """Report each problem of the glossary file, its reading grades included."""
    glossary = glossary_of(settings)
    problems = glossary.problems
    for lang in TRANSLATED:
        problems = [*problems, *glossary_of(settings, lang).problems]
    passed = _grades_passed(glossary, settings)
    if not (passed and passed.exists()):
        grades = _grade_problems(glossary)
        problems = [*problems, *grades]
        if passed and not grades:
            passed.parent.mkdir(parents=True, exist_ok=True)
            passed.touch()
    for line, message, fix in problems:
        log.report(glossary.source, line, message, fix)


def _grade_problems(glossary: Glossary) -> list[tuple[int, str, str]]:
    """Each definition that reads above the site's grade limit."""
    # Imported here: grading loads a pronouncing dictionary, about a second's work.
    from implant_guide.checks.readability import MAX_GRADE, grade

    problems = []
    for term in glossary.terms:
        if term.definition and (level := grade(term.definition)) > MAX_GRADE:
            problems.append(
                (
                    glossary.definition_lines[term.anchor],
                    f"the definition of '{term.name}' reads at grade {level}, above {MAX_GRADE}",
                    "Use shorter sentences and shorter, everyday words",
                )
            )
    return problems


def _grades_passed(glossary: Glossary, settings: dict) -> Path | None:
    """A mark, in the content cache of development builds, that this very glossary's
    definitions passed the grade check, so that rebuilds need not grade them again."""
    if not (settings.get("CACHE_CONTENT") and settings.get("LOAD_CONTENT_CACHE")):
        return None
    digest = hashlib.blake2b("\n".join(glossary.source.lines).encode(), digest_size=8)
    return Path(settings["CACHE_PATH"]) / f"implant_guide_glossary_grades_{digest.hexdigest()}"


def add_to_context(generator):
    """Signal handler: templates get `glossary_letters`, the terms by first letter, in
    each language."""
    generator.context["glossary_letters"] = {
        lang: glossary_of(generator.settings, lang).by_letter() for lang in LANGUAGES
    }


def register():
    """Connect to Pelican."""
    signals.page_generator_finalized.connect(add_to_context)
