"""The care card component ("When to get help"): what one card shows, and the classes
by which its markup is found.

Its markup is written once, in `theme/templates/components/care_card.html`, which renders
a `CardContent` in the page's language (its hidden label comes from the catalogs). The
Markdown care cards (`implant_guide/markdown/care_cards.py`) and the templates (through
the Jinja global `care_card_content`) both fill it from the warning signs declaration
(`implant_guide/warning_signs.py`), and both render it with the theme's Jinja
environment.
"""

from dataclasses import dataclass
from functools import lru_cache

import markdown
from jinja2 import Environment, pass_context
from markupsafe import Markup

from implant_guide.clinic import fill_placeholders
from implant_guide.content_model import CARE_CARD_LEVELS
from implant_guide.languages import DEFAULT_LANGUAGE, N_
from implant_guide.warning_signs import Level, WarningSigns

CARD_TEMPLATE = "components/care_card.html"
"""The care card component, in the theme's templates folder."""

CARD_CLASS = "care-card"
"""The care card component's class (theme/templates/components/care_card.html); a card also
has the class of its level, `level_class(level)`, by which checks and tests find it."""

LEVEL_LABELS = {
    "emergency": N_("Immediate action required:"),
    "urgent": N_("Urgent advice:"),
    "non-urgent": N_("Non-urgent advice:"),
}
"""What screen readers say before a card's heading, by level (translated in the catalogs)."""


@dataclass(frozen=True)
class CardContent:
    """What one care card shows, as HTML: the data the care card component renders."""

    level: str
    heading: Markup
    items: tuple[Markup, ...]
    note: Markup
    signs: tuple[str, ...]
    """The ids of the declared signs among `items`."""

    @property
    def classes(self) -> str:
        """The card's classes: the component's and its level's."""
        return f"{CARD_CLASS} {level_class(self.level)}"

    @property
    def label(self) -> str:
        """The hidden label of its level, in English; the component translates it."""
        return LEVEL_LABELS[self.level]


def level_class(level: str) -> str:
    """The class that marks a care card of `level`: care-card--emergency."""
    return f"{CARD_CLASS}--{level}"


def card_level(css_class: str) -> str | None:
    """The care card level a class marks, or None if it marks none."""
    level = css_class.removeprefix(f"{CARD_CLASS}--")
    return level if level != css_class and level in CARE_CARD_LEVELS else None


def inline_html(text: str, placeholders: dict) -> Markup:
    """One line of Markdown, its `{{ name }}` placeholders filled, as HTML."""
    return _inline_html(fill_placeholders(text, placeholders))


_INLINE = markdown.Markdown(output_format="html5")
"""Converts the lines of care cards; its state is reset before each line."""


@lru_cache(maxsize=4096)
def _inline_html(text: str) -> Markup:
    """One line of Markdown as HTML, converted once: cards repeat the same few lines."""
    html = _INLINE.reset().convert(text).strip()
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
        heading=inline_html(heading or declared.text("heading", lang), placeholders),
        items=tuple(inline_html(sign.wording_in(lang), placeholders) for sign in shown),
        note=inline_html(note, placeholders) if note else Markup(""),
        signs=tuple(sign.id for sign in shown),
    )


def render_card(content: CardContent, env: Environment, lang: str) -> str:
    """The care card component's HTML for a card's content, on a page in `lang`."""
    module = env.get_template(CARD_TEMPLATE).make_module({"page_lang": lang})
    return str(module.care_card(content))


def care_card_content(signs: WarningSigns, placeholders: dict, language):
    """The Jinja global templates call for a care card's content in the page's language
    (`language(context)`): `care_card_content("emergency", "all")`."""

    @pass_context
    def content(context, level: str, *topics: str) -> CardContent:
        return card_content(signs, level, topics, placeholders, lang=language(context))

    return content
