"""The care card component ("When to get help"): what one card shows, and the classes
by which its markup is found.

Its markup is written once, in `theme/templates/components/care_card.html`, which renders
a `CardContent`. The Markdown care cards (`implant_guide/markdown/care_cards.py`) and the
templates (through the Jinja global `care_card_content`) both fill it from the warning
signs declaration (`implant_guide/warning_signs.py`).
"""

from dataclasses import dataclass
from functools import cache

import markdown
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from implant_guide.content_model import CARE_CARD_LEVELS
from implant_guide.languages import DEFAULT_LANGUAGE
from implant_guide.markdown.blocks import fill_placeholders
from implant_guide.warning_signs import Level, WarningSigns, warning_signs

CARD_TEMPLATE = "components/care_card.html"
"""The care card component, in the theme's templates folder."""

CARD_CLASS = "care-card"
"""The care card component's class (theme/templates/components/care_card.html); a card also
has the class of its level, `level_class(level)`, by which checks and tests find it."""


@dataclass(frozen=True)
class CardContent:
    """What one care card shows, as HTML: the data the care card component renders."""

    level: str
    label: str
    heading: Markup
    items: tuple[Markup, ...]
    note: Markup
    signs: tuple[str, ...]
    """The ids of the declared signs among `items`."""

    @property
    def classes(self) -> str:
        """The card's classes: the component's and its level's."""
        return f"{CARD_CLASS} {level_class(self.level)}"


def level_class(level: str) -> str:
    """The class that marks a care card of `level`: care-card--emergency."""
    return f"{CARD_CLASS}--{level}"


def card_level(css_class: str) -> str | None:
    """The care card level a class marks, or None if it marks none."""
    level = css_class.removeprefix(f"{CARD_CLASS}--")
    return level if level != css_class and level in CARE_CARD_LEVELS else None


def inline_html(text: str, placeholders: dict) -> Markup:
    """One line of Markdown, its `{{ name }}` placeholders filled, as HTML."""
    html = markdown.markdown(fill_placeholders(text, placeholders), output_format="html5")
    html = html.strip()
    return Markup(html.removeprefix("<p>").removesuffix("</p>"))


def card_content(
    signs: WarningSigns,
    level: str,
    topics,
    placeholders: dict,
    heading: str = "",
    lang: str = DEFAULT_LANGUAGE,
) -> CardContent:
    """A care card of `level` in `lang` listing the declared signs of `topics`;
    `heading` replaces the declared heading (hand-written non-urgent cards)."""
    declared = signs.levels.get(level, Level(level))
    shown = signs.signs_for(level, topics)
    note = declared.text("note", lang)
    return CardContent(
        level=level,
        label=declared.text("label", lang),
        heading=inline_html(heading or declared.text("heading", lang), placeholders),
        items=tuple(inline_html(sign.wording_in(lang), placeholders) for sign in shown),
        note=inline_html(note, placeholders) if note else Markup(""),
        signs=tuple(sign.id for sign in shown),
    )


@cache
def _templates(templates_dir: str) -> Environment:
    return Environment(
        loader=FileSystemLoader(templates_dir),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_card(content: CardContent, templates_dir: str) -> str:
    """The care card component's HTML for a card's content."""
    return str(_templates(templates_dir).get_template(CARD_TEMPLATE).module.care_card(content))


class CareCardContent:
    """Templates call this (a Jinja global) for a care card's content:
    `care_card_content("emergency", "all")` or `care_card_content("urgent", "operation",
    lang="es")`."""

    def __init__(self, path, placeholders: dict):
        self.path = path
        self.placeholders = placeholders

    def __call__(self, level: str, *topics: str, lang: str = DEFAULT_LANGUAGE) -> CardContent:
        return card_content(warning_signs(self.path), level, topics, self.placeholders, lang=lang)
