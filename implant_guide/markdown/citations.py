"""Markdown syntax for citations: `[@key]` or `[@key1; @key2]` in the text.

Each citation becomes superscript numbers linking to the page's reference list. Sources
are numbered in the order the page first cites them; citing a source again reuses its
number. The `## References` heading gets the numbered list of the sources cited, in AMA
style from the bibliography (`implant_guide.bibliography`), each with a link back to where
it is first cited. Unknown keys are left as written; the content checks report them.
"""

import re
import xml.etree.ElementTree as ElementTree

from markdown import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from implant_guide.bibliography import read_bibliography
from implant_guide.content_model import REFERENCES_HEADING, heading_in
from implant_guide.languages import document_language

LABELS = {
    "en": ("Reference {number}", "Back to the first citation of reference {number}"),
    "es": ("Referencia {number}", "Volver a la primera cita de la referencia {number}"),
}
"""The hidden labels of a citation number and of its way back, in each language."""

EXTENSION = "implant_guide.markdown.citations"
KEY = r"[A-Za-z0-9][A-Za-z0-9_.:-]*"
CITATION = re.compile(rf"\[@({KEY}(?:\s*;\s*@{KEY})*)\]")
KEYS_ATTRIBUTE = "data-cite"


def cited_keys(citation: str) -> list[str]:
    """The keys of one citation's text between the brackets: `@a; @b` gives a, b."""
    return [part.strip().lstrip("@") for part in citation.split(";")]


def citations_in(line: str) -> list[str]:
    """Every key cited in a line of Markdown, in order."""
    return [key for match in CITATION.finditer(line) for key in cited_keys(match.group(1))]


def bibliography_path(settings: dict) -> str:
    """Where the settings keep the bibliography (the extension's `bibliography` option)."""
    return settings["MARKDOWN"]["extension_configs"][EXTENSION]["bibliography"]


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

    def __init__(self, md, bibliography_file):
        super().__init__(md)
        self.bibliography_file = bibliography_file

    def run(self, root):
        bibliography = read_bibliography(self.bibliography_file)
        entries = bibliography.entries if bibliography.readable else {}
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

    def _labels(self):
        return LABELS[document_language(self.md)]

    def _link(self, number, occurrences):
        return {
            "href": f"#{reference_id(number)}",
            "id": citation_id(number, occurrences[number]),
            "role": "doc-biblioref",
            "aria-label": self._labels()[0].format(number=number),
        }

    def _list_sources(self, root, numbers, entries):
        children = list(root)
        heading = next(
            (
                child
                for child in children
                if child.tag == "h2"
                and "".join(child.itertext()).strip()
                == heading_in(REFERENCES_HEADING, document_language(self.md))
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
                    "aria-label": self._labels()[1].format(number=number),
                },
            )
            back.text = "\u21a9\ufe0e"
        root.insert(children.index(heading) + 1, sources)


class CitationsExtension(Extension):
    """Registers the citation syntax and the reference list."""

    def __init__(self, **kwargs):
        self.config = {
            "bibliography": ["content/data/references.json", "The CSL-JSON bibliography"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md):  # noqa: N802 - the name Python-Markdown calls
        md.inlinePatterns.register(
            CitationInlineProcessor(r"[ \t]*" + CITATION.pattern, md), "guide_citations", 175
        )
        md.treeprocessors.register(
            CitationTreeprocessor(md, self.getConfig("bibliography")), "guide_citations", 6
        )


def makeExtension(**kwargs):  # noqa: N802 - the name Python-Markdown looks for
    """Entry point used when the extension is named in settings."""
    return CitationsExtension(**kwargs)
