"""Markdown extension: link the first use of each glossary term on a page to its definition.

Its option `glossary_file` (the setting GLOSSARY_FILE) names the glossary file, which
`implant_guide/glossary.py` reads; `GlossaryLinks` holds the rules of what is linked.
Terms link to the glossary page of the page's language (`implant_guide/languages.py`).
"""

import re
from functools import cache
from xml.etree.ElementTree import Element

from markdown import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from implant_guide.care_card import level_class
from implant_guide.content_model import LINK_FREE_CARD_LEVEL, REFERENCES_HEADING, heading_in
from implant_guide.glossary import Glossary, Term, match_key, read_glossaries
from implant_guide.languages import LANGUAGES, document_language
from implant_guide.theme_text import Catalogs

PAGE_TEMPLATE = "glossary"
"""The template that shows the glossary; a page rendered with it links no terms."""

SKIPPED_TAGS = frozenset(
    {"a", "abbr", "code", "dfn", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "kbd", "pre", "th"}
)
SKIPPED_CLASSES = frozenset({level_class(LINK_FREE_CARD_LEVEL), "visually-hidden"})
LINK_CLASS = "glossary-link"


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


@cache
def term_pattern(glossary: Glossary) -> re.Pattern | None:
    """One expression for every word that links: whole words, longest first. It is built
    as a prefix tree, which matches several times faster than a list of words. The words
    go in longest first, so that where two branches can both match ("MRI" in capitals,
    "MRI scan" in any case) the one with the longer words is tried first, on every run."""
    if not glossary.terms:
        return None
    tree: dict = {}
    every_word = {w for term in glossary.terms for w in term.words}
    for words in sorted(every_word, key=lambda w: (-len(w), w)):
        node = tree
        for piece in _pieces(words):
            node = node.setdefault(piece, {})
        node[""] = {}
    return re.compile(rf"(?<![\w-])(?:{_tree_pattern(tree)})(?![\w-])", re.IGNORECASE)


@cache
def _elsewhere_pattern(term: Term) -> re.Pattern | None:
    """One expression for the phrases in which the term's words mean something else."""
    if not term.not_in:
        return None
    phrases = sorted(("".join(_pieces(phrase)) for phrase in term.not_in), key=len, reverse=True)
    return re.compile(rf"(?<![\w-])(?:{'|'.join(phrases)})(?![\w-])", re.IGNORECASE)


def means_the_term(term: Term, text: str, use: re.Match) -> bool:
    """Whether a `use` of the term's words in `text` means the term: it is inside none of
    the term's `not_in` phrases ("puntos" in "19 puntos de 100" is not stitches)."""
    pattern = _elsewhere_pattern(term)
    return not pattern or not any(
        phrase.start() <= use.start() and use.end() <= phrase.end()
        for phrase in pattern.finditer(text)
    )


class GlossaryLinks(Treeprocessor):
    """Links the first use of each term on an article or page to its definition.

    Uses are whole words, in any case (a word written in capitals, only in capitals),
    longest first, and not inside one of the term's `not_in` phrases (within one run of
    text). Only body text counts: not headings, table headings, links, code,
    illustrations, text for screen readers only, or an emergency care card (which must
    not send people away: LINK_FREE_CARD_LEVEL); nothing from the References heading on;
    nothing on the glossary page itself, nor in a Summary (Pelican converts it with the
    same Markdown, without metadata).
    """

    def __init__(self, md, path: str, catalogs):
        super().__init__(md)
        self.path = path
        self.text = Catalogs(catalogs)
        self.glossaries = None
        """The glossary in each language: read once."""

    def run(self, root):
        metadata = getattr(self.md, "Meta", None)
        if not metadata:
            return  # a summary, converted without its header
        template = "".join(metadata.get("template", [])).strip()
        lang = document_language(self.md)
        if self.glossaries is None:
            self.glossaries, _ = read_glossaries(self.path)
        self.glossary = self.glossaries[lang]
        self.pattern = term_pattern(self.glossary)
        self.page_source = LANGUAGES[lang].glossary_source
        if not self.pattern or template == PAGE_TEMPLATE:
            return
        linked: set[str] = set()
        references = heading_in(REFERENCES_HEADING, self.text[lang])
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
        for found in self.pattern.finditer(text):
            term = self.glossary.term_of[match_key(found.group())]
            if term.anchor in linked or not means_the_term(term, text, found):
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
        self.config = {
            "glossary_file": ["content/data/glossary.toml", "The glossary file"],
            "catalogs": ["", "The interface text's catalogs (theme/translations); none: English"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md):  # noqa: N802 - the name Python-Markdown calls
        # Priority 6: once inline Markdown is parsed ("inline", 20) and the citations are
        # numbered (7); before the table of contents (5) reads the headings.
        md.treeprocessors.register(
            GlossaryLinks(md, self.getConfig("glossary_file"), self.getConfig("catalogs") or None),
            "glossary_links",
            6,
        )


def makeExtension(**kwargs):  # noqa: N802 - the name Python-Markdown looks for
    """Entry point used when the extension is named in settings."""
    return GlossaryExtension(**kwargs)
