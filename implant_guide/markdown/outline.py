"""What the content checks need from a page's HTML: its care cards, links, images and unsafe
markup (its sections come from Markdown's table of contents).

The Markdown extension collects it once, as Markdown writes the page, from the element
tree and the raw HTML editors wrote; the guide's Markdown reader keeps it in the page's
metadata (`outline`), where Pelican's content cache keeps it too. `outline(html)` reads the
same from HTML (a built page, or a raw HTML block).
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser

from markdown import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE, STX

from implant_guide.care_card import card_level
from implant_guide.content_model import LINK_FREE_CARD_LEVEL

FORBIDDEN_TAGS = ("script", "iframe", "style", "object", "embed", "frame", "frameset")
VOID_TAGS = ("br", "img", "hr", "input", "meta", "link", "source", "wbr")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href")


@dataclass
class Outline:
    """What an HTML fragment holds: care cards, links, images, unsafe markup."""

    care_cards: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    images: list[tuple[str, str | None]] = field(default_factory=list)
    unsafe: list[str] = field(default_factory=list)
    link_free_card_links: list[str] = field(default_factory=list)
    """Links inside a care card of LINK_FREE_CARD_LEVEL, which the checks refuse."""

    def add(self, other: "Outline", link_free: bool = False) -> None:
        """Add what `other` holds (inside a link-free care card if `link_free`)."""
        self.care_cards += other.care_cards
        self.links += other.links
        self.images += other.images
        self.unsafe += other.unsafe
        self.link_free_card_links += other.links if link_free else other.link_free_card_links


class _OutlineParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.outline = Outline()
        self._link_free_depth = None
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        _check_unsafe(self.outline, tag, attributes)
        if tag not in VOID_TAGS:
            self._depth += 1
        for level in filter(None, map(card_level, (attributes.get("class") or "").split())):
            self.outline.care_cards.append(level)
            if level == LINK_FREE_CARD_LEVEL:
                self._link_free_depth = self._depth
        if tag == "a" and "href" in attributes:
            self.outline.links.append(attributes["href"])
            if self._link_free_depth is not None:
                self.outline.link_free_card_links.append(attributes["href"])
        elif tag == "img":
            self.outline.images.append((attributes.get("src", ""), attributes.get("alt")))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS:
            self._depth -= 1

    def handle_endtag(self, tag):
        if self._link_free_depth == self._depth:
            self._link_free_depth = None
        self._depth -= 1


def _check_unsafe(outline: Outline, tag: str, attributes: dict) -> None:
    if tag in FORBIDDEN_TAGS:
        outline.unsafe.append(f"<{tag}>")
    for name, value in attributes.items():
        if name.startswith("on"):
            outline.unsafe.append(f"{name}= attribute")
        if name in URL_ATTRIBUTES and (value or "").strip().lower().startswith("javascript:"):
            outline.unsafe.append("javascript: URL")
        if name == "style":
            outline.unsafe.append("style= attribute")


def outline(html: str) -> Outline:
    """Parse an HTML fragment into its outline."""
    parser = _OutlineParser()
    parser.feed(html or "")
    parser.close()
    return parser.outline


class OutlineTreeprocessor(Treeprocessor):
    """Collects the outline of a page from its element tree, once Markdown has built it,
    and from the raw HTML blocks it holds; leaves it in `md.outline`."""

    def run(self, root):
        found = Outline()
        for element in root.iter():
            if not isinstance(element.tag, str):
                continue  # a comment
            _check_unsafe(found, element.tag, element.attrib)
            found.care_cards += filter(None, map(card_level, element.get("class", "").split()))
            if element.tag == "a" and element.get("href") is not None:
                found.links.append(element.get("href"))
            elif element.tag == "img":
                found.images.append((element.get("src", ""), element.get("alt")))
            for block in self._raw_html(element.text, element.tail):
                found.add(outline(block))
        for card in root.iter():
            if LINK_FREE_CARD_LEVEL in map(card_level, card.get("class", "").split()):
                found.link_free_card_links += self._links_inside(card)
        self.md.outline = found

    def _links_inside(self, card) -> list[str]:
        """The links inside a care card, in its elements and in the raw HTML it holds."""
        links = []
        for element in card.iter():
            if element.tag == "a" and element.get("href") is not None:
                links.append(element.get("href"))
            tail = element.tail if element is not card else None
            links += [
                link
                for block in self._raw_html(element.text, tail)
                for link in outline(block).links
            ]
        return links

    def _raw_html(self, *texts) -> list[str]:
        """The raw HTML blocks whose places `texts` hold."""
        return [
            block
            for text in texts
            if text and STX in text
            for match in HTML_PLACEHOLDER_RE.finditer(text)
            if isinstance(block := self.md.htmlStash.rawHtmlBlocks[int(match.group(1))], str)
        ]


class OutlineExtension(Extension):
    """Registers the outline collector."""

    def extendMarkdown(self, md):  # noqa: N802 - the name Python-Markdown calls
        # Priority 1: after every processor that changes the tree (the table of contents
        # and the responsive tables, 5, are the last of them); before escaped characters
        # are restored (0).
        md.treeprocessors.register(OutlineTreeprocessor(md), "guide_outline", 1)
        md.registerExtension(self)
        self.md = md
        self.reset()

    def reset(self):
        """A new document has an empty outline until its tree is read (an empty document's
        never is: Markdown returns at once)."""
        self.md.outline = Outline()


def makeExtension(**kwargs):  # noqa: N802 - the name Python-Markdown looks for
    """Entry point used when the extension is named in settings."""
    return OutlineExtension(**kwargs)
