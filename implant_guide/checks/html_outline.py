"""One pass over an article's HTML that collects what the content checks need from it: its
care cards, links, images and unsafe markup. (Its sections come from Markdown's table of
contents, in the page's metadata.)"""

import hashlib
import pickle
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

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


class _OutlineParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.outline = Outline()
        self._link_free_depth = None
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self._check_unsafe(tag, attributes)
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

    def _check_unsafe(self, tag, attributes):
        if tag in FORBIDDEN_TAGS:
            self.outline.unsafe.append(f"<{tag}>")
        for name, value in attributes.items():
            if name.startswith("on"):
                self.outline.unsafe.append(f"{name}= attribute")
            if name in URL_ATTRIBUTES and (value or "").strip().lower().startswith("javascript:"):
                self.outline.unsafe.append("javascript: URL")
            if name == "style":
                self.outline.unsafe.append("style= attribute")


def outline(html: str) -> Outline:
    """Parse an HTML fragment into its outline."""
    parser = _OutlineParser()
    parser.feed(html or "")
    parser.close()
    return parser.outline


class OutlineCache:
    """Outlines of HTML parsed by earlier builds, kept in Pelican's cache folder when its
    content cache is on (CACHE_CONTENT), so that a rebuild parses only what changed.

    An outline depends on nothing but its HTML and this module, which the keys hash.
    """

    FILE_NAME = "implant_guide_outlines.pickle"
    CODE = Path(__file__).read_bytes()

    def __init__(self, settings: dict):
        self.path = None
        self.stored, self.used = {}, {}
        if settings.get("CACHE_CONTENT"):
            self.path = Path(settings["CACHE_PATH"]) / self.FILE_NAME
            if settings.get("LOAD_CONTENT_CACHE"):
                self.stored = self._load(self.path)

    @staticmethod
    def _load(path: Path) -> dict:
        try:
            return pickle.loads(path.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
            return {}  # no cache yet, or one this code cannot read: parse everything

    def outline(self, html: str) -> Outline:
        """The outline of `html`, from the cache when an earlier build parsed it."""
        key = hashlib.blake2b(self.CODE + (html or "").encode(), digest_size=16).digest()
        found = self.stored.get(key) or outline(html)
        self.used[key] = found
        return found

    def save(self):
        """Keep this build's outlines (only these) for the next build."""
        if self.path:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_bytes(pickle.dumps(self.used))
