"""Markdown syntax for citations: `[@key]` or `[@key1; @key2]` in the text.

Each citation becomes superscript numbers linking to the page's reference list. Sources
are numbered in the order the page first cites them; citing a source again reuses its
number. The `## References` heading gets the numbered list of the sources cited, in AMA
style from the bibliography (`implant_guide.bibliography`), each with a link back to where
it is first cited, in the page's language (the words of the citations, "Accessed" and
the like, come from the catalogs). Unknown keys are left as written; the content checks
report them.
"""

import re
import xml.etree.ElementTree as ElementTree

from markdown import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from implant_guide.bibliography import entries_in, read_bibliography
from implant_guide.content_model import REFERENCES_HEADING, heading_in
from implant_guide.languages import N_, document_language
from implant_guide.theme_text import Catalogs

CITATION_LABEL = N_("Reference {number}")
"""What screen readers say for a citation number."""
BACK_LABEL = N_("Back to the first citation of reference {number}")
"""What screen readers say for the link from a reference back to where it is cited."""

KEY = r"[A-Za-z0-9][A-Za-z0-9_.:-]*"
CITATION = re.compile(rf"\[@({KEY}(?:\s*;\s*@{KEY})*)\]")
KEYS_ATTRIBUTE = "data-cite"


def cited_keys(citation: str) -> list[str]:
    """The keys of one citation's text between the brackets: `@a; @b` gives a, b."""
    return [part.strip().lstrip("@") for part in citation.split(";")]


def citations_in(line: str) -> list[str]:
    """Every key cited in a line of Markdown, in order."""
    return [key for match in CITATION.finditer(line) for key in cited_keys(match.group(1))]


def reference_id(number: int) -> str:
    return f"ref-{number}"


def citation_id(number: int, occurrence: int) -> str:
    return f"cite-{number}-{occurrence}"


class CitationInlineProcessor(InlineProcessor):
    """Marks `[@key; ...]` for numbering, once the whole page is parsed; the space before
    it goes, so the number sits against the figure it supports."""

    def handleMatch(self, match, data):  # noqa: N802 - the name Python-Markdown calls
        marker = ElementTree.Element("sup", {"class": "citation"})
        marker.set(KEYS_ATTRIBUTE, " ".join(cited_keys(match.group(1))))
        marker.text = match.group(0)
        return marker, match.start(0), match.end(0)


class CitationTreeprocessor(Treeprocessor):
    """Numbers the citations in page order and lists the sources under References."""

    def __init__(self, md, bibliography_file, catalogs):
        super().__init__(md)
        self.bibliography_file = bibliography_file
        self.catalogs = Catalogs(catalogs)
        self.entries: dict[str, dict[str, str]] = {}
        """Each source's citation as HTML, by language: read once."""

    def run(self, root):
        lang = document_language(self.md)
        self.text = self.catalogs[lang]
        if lang not in self.entries:
            bibliography, _ = read_bibliography(self.bibliography_file)
            self.entries[lang] = entries_in(bibliography, lang, self.text)
        entries = self.entries[lang]
        numbers: dict[str, int] = {}
        occurrences: dict[int, int] = {}
        for marker in list(root.iter("sup")):
            keys = marker.attrib.pop(KEYS_ATTRIBUTE, None)
            if keys is None:
                continue
            if not all(key in entries for key in keys.split()):
                marker.tag, marker.attrib = "span", {}
                continue
            marker.text = None
            for index, key in enumerate(keys.split()):
                number = numbers.setdefault(key, len(numbers) + 1)
                occurrences[number] = occurrences.get(number, 0) + 1
                link = ElementTree.SubElement(marker, "a", self._link(number, occurrences))
                link.text = str(number)
                if index:
                    marker[index - 1].tail = ","
        self._list_sources(root, numbers, entries)

    def _link(self, number, occurrences):
        return {
            "href": f"#{reference_id(number)}",
            "id": citation_id(number, occurrences[number]),
            "role": "doc-biblioref",
            "aria-label": self.text.gettext(CITATION_LABEL).format(number=number),
        }

    def _list_sources(self, root, numbers, entries):
        children = list(root)
        references = heading_in(REFERENCES_HEADING, self.text)
        heading = next(
            (
                child
                for child in children
                if child.tag == "h2" and "".join(child.itertext()).strip() == references
            ),
            None,
        )
        if heading is None or not numbers:
            return
        sources = ElementTree.Element("ol", {"class": "references"})
        for key, number in numbers.items():
            item = ElementTree.SubElement(sources, "li", {"id": reference_id(number)})
            item.text = self.md.htmlStash.store(entries[key]) + " "
            back = ElementTree.SubElement(
                item,
                "a",
                {
                    "class": "references__back",
                    "href": f"#{citation_id(number, 1)}",
                    "aria-label": self.text.gettext(BACK_LABEL).format(number=number),
                },
            )
            back.text = "\u21a9\ufe0e"
        root.insert(children.index(heading) + 1, sources)


class CitationsExtension(Extension):
    """Registers the citation syntax and the reference list."""

    def __init__(self, **kwargs):
        self.config = {
            "bibliography": ["content/data/references.json", "The CSL-JSON bibliography"],
            "catalogs": ["", "The interface text's catalogs (theme/translations); none: English"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md):  # noqa: N802 - the name Python-Markdown calls
        # Priority 175: after code ("backtick", 190) and escapes (180), before links
        # ("reference", 170), so that `[@key]` is never read as a link.
        md.inlinePatterns.register(
            CitationInlineProcessor(r"[ \t]*" + CITATION.pattern, md), "guide_citations", 175
        )
        # Priority 7: once inline Markdown is parsed ("inline", 20) and attribute lists are
        # applied (8); before the glossary links (6), which stop at the References
        # heading, and the table of contents (5).
        md.treeprocessors.register(
            CitationTreeprocessor(
                md, self.getConfig("bibliography"), self.getConfig("catalogs") or None
            ),
            "guide_citations",
            7,
        )


def makeExtension(**kwargs):  # noqa: N802 - the name Python-Markdown looks for
    """Entry point used when the extension is named in settings."""
    return CitationsExtension(**kwargs)
