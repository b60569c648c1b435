"""What editors write with: the new-article template and the Markdown blocks."""

import re
from datetime import date

import markdown
import pytest
from bs4 import BeautifulSoup
from conftest import CATALOGS, CONTENT, ROOT

from implant_guide.article_template import TODO, article_skeleton, translation_skeleton
from implant_guide.care_card import LEVEL_LABELS
from implant_guide.clinic import read_clinic
from implant_guide.content_model import (
    ARTICLE_METADATA,
    CARE_CARD_LEVELS,
    HELP_SECTION,
    KINDS,
    heading_in,
    latest_next_review,
)
from implant_guide.markdown.blocks import GuideBlocksExtension
from implant_guide.markdown.care_cards import CareCardsExtension
from implant_guide.markdown.outline import outline
from implant_guide.sources import MarkdownSource
from implant_guide.theme_text import translations

CLINIC_FILE = CONTENT / "data" / "clinic.toml"
CLINIC, _ = read_clinic(CLINIC_FILE)


def render(text, tmp_path=None):
    figures = str(tmp_path) if tmp_path else "."
    blocks = GuideBlocksExtension(clinic_file=CLINIC_FILE, figures_dir=figures)
    cards = CareCardsExtension(
        signs_file=CONTENT / "data" / "warning-signs.toml",
        clinic_file=CLINIC_FILE,
        templates_dir=ROOT / "theme" / "templates",
        catalogs=CATALOGS,
    )
    html = markdown.markdown(text, extensions=["extra", "toc", "meta", blocks, cards])
    return BeautifulSoup(html, "html.parser")


@pytest.mark.parametrize("kind", KINDS)
def test_new_article_has_every_field_and_section_of_its_kind(kind):
    text = article_skeleton(kind, "A title", "a-title", "spine-surgeon", date(2026, 1, 31))
    header = [line.split(":")[0].lower() for line in text.split("\n\n")[0].splitlines()]
    assert header == ["title", "slug", "translation_key", *ARTICLE_METADATA[2:]]
    assert "Translation_key: a-title" in text
    body = render(text)
    assert [h.get_text() for h in body.find_all("h2")] == list(KINDS[kind].sections)
    if HELP_SECTION in KINDS[kind].sections:
        assert outline(str(body)).care_cards == list(KINDS[kind].care_cards)
    assert TODO in text
    assert "Next_review: 2027-01-31" in text


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_lists_its_care_cards_emergency_first(kind):
    cards = KINDS[kind].care_cards
    assert list(cards) == sorted(cards, key=CARE_CARD_LEVELS.index, reverse=True)


ENGLISH = MarkdownSource(CONTENT / "articles" / "recovery.md")
PAIRS = {"urgent-help.md": "ayuda-urgente.md"}


def test_a_translation_starts_from_the_english_article():
    text = translation_skeleton(ENGLISH, "es", "recuperacion", date(2027, 1, 2), PAIRS, CATALOGS)
    lines = text.splitlines()
    header = dict(line.split(": ", 1) for line in lines[: lines.index("")])
    assert header["Title"] == "TODO (es): Recovery after surgery"
    assert (header["Slug"], header["Lang"], header["Translation_key"]) == (
        "recuperacion",
        "es",
        "recovery",
    )
    for name in ("Kind", "Order", "Topics", "Last_reviewed", "Next_review", "Reviewer"):
        assert header[name] == ENGLISH.field(name).value, name
    assert header["Date"] == header["Modified"] == "2027-01-02"
    assert "Translation_reviewed" not in header  # written when its reviewer signs it off
    english_sections = [line for line in ENGLISH.lines if line.startswith("## ")]
    spanish = translations("es", CATALOGS)
    assert [line for line in lines if line.startswith("## ")] == [
        f"## {heading_in(h.removeprefix('## '), spanish)}" for h in english_sections
    ]
    assert "## Cuándo pedir ayuda" in lines  # from the catalogs, not left in English
    body = lines[lines.index("") :]
    assert "!!! emergency operation" in body and "!!! checklist" in body
    assert "{{ figure: recovery-timeline }}" in body
    assert "- TODO (es): how to care for your wound" in body
    assert "    - TODO (es): Arrange a ride home from the hospital" in body
    assert "### TODO (es): Protect your back" in body
    links = re.findall(r"\{filename\}[^)]*", text)
    assert "{filename}ayuda-urgente.md" in links  # to the translation, where there is one
    assert "{filename}../blood-clots.md" in links  # else to the English page
    english_text = [
        line for line in ENGLISH.lines[ENGLISH.body_start :] if line.strip() and line[0].isalpha()
    ]
    assert len([line for line in body if line.startswith("TODO (es): ")]) == len(english_text)


def test_the_next_review_is_due_at_most_a_year_later_clamped_to_the_months_end():
    assert latest_next_review(date(2026, 11, 24)) == date(2027, 11, 24)
    assert latest_next_review(date(2028, 2, 29)) == date(2029, 2, 28)


def test_care_card_markup_follows_the_component():
    soup = render("!!! urgent dural-tear\n    - your wound looks odd")
    card = soup.select_one(".care-card.care-card--urgent")
    heading = card.select_one(".care-card__heading-container h3.care-card__heading")
    assert heading.select_one(".visually-hidden").get_text() == LEVEL_LABELS["urgent"] + " "
    assert heading.find("a", href=f"tel:{CLINIC['phone_tel']}")
    items = [li.get_text() for li in card.select(".care-card__content li")]
    assert items[-1] == "your wound looks odd"
    assert len(card.select("ul")) == 1
    assert card.select_one(".care-card__note").find(
        "a", href=f"tel:{CLINIC['after_hours_phone_tel']}"
    )


def test_a_non_urgent_card_may_be_written_by_hand():
    soup = render('!!! non-urgent "Ask us at your visit if:"\n    - you have questions')
    card = soup.select_one(".care-card--non-urgent")
    heading = card.select_one(".care-card__heading").get_text()
    assert heading == LEVEL_LABELS["non-urgent"] + " Ask us at your visit if:"
    assert [li.get_text() for li in card.select("li")] == ["you have questions"]


def test_block_body_can_span_paragraphs_and_ends_at_unindented_text():
    soup = render("!!! warning\n    First.\n\n    Second.\n\nAfter.")
    callout = soup.select_one(".warning-callout")
    assert callout.h3.get_text() == "Important"
    assert [p.get_text() for p in callout.find_all("p")] == ["First.", "Second."]
    assert soup.find_all("p")[-1].get_text() == "After."


def test_inset_and_checklist_blocks():
    soup = render("!!! inset\n    Most people do well.\n\n!!! checklist\n    - Ride home")
    assert "Most people do well." in soup.select_one(".inset-text").get_text()
    assert soup.select_one(".checklist li").get_text() == "Ride home"


def test_unknown_placeholders_and_blocks_are_left_for_the_checks():
    soup = render('{{ nothing }}\n\n!!! danger "x"\n    - y')
    assert "{{ nothing }}" in soup.get_text()
    assert "!!! danger" in soup.get_text()


def test_figure_placeholder_inlines_the_svg(tmp_path):
    (tmp_path / "spine.svg").write_text('<svg role="img"><title>Spine</title></svg>')
    soup = render("Intro.\n\n{{ figure: spine }}\n\nAfter.", tmp_path)
    assert soup.select_one("figure.illustration svg title").get_text() == "Spine"
    assert "{{ figure: missing }}" in render("{{ figure: missing }}", tmp_path).get_text()


def test_figure_is_named_by_the_text_after_the_bar(tmp_path):
    svg = '<svg viewBox="0 0 9 9" role="img" aria-labelledby="t"><title id="t">Old</title></svg>'
    (tmp_path / "knees.svg").write_text(svg)
    soup = render('{{ figure: knees | Knees rolled to the "left" & down }}', tmp_path)
    drawing = soup.select_one("figure.illustration svg")
    assert drawing["role"] == "img"
    assert drawing["aria-label"] == 'Knees rolled to the "left" & down'
    assert not drawing.has_attr("aria-labelledby")


def test_exercise_block_holds_its_heading_drawing_steps_and_write_in_line(tmp_path):
    (tmp_path / "knees.svg").write_text('<svg viewBox="0 0 9 9"></svg>')
    text = (
        '!!! exercise "Knee rolls"\n'
        "    {{ figure: knees | Knees to one side }}\n\n"
        "    1. Lie down.\n    2. Roll your knees.\n\n"
        "    How many times:\n    {: .exercise__write-in }\n\n"
        "After."
    )
    soup = render(text, tmp_path)
    block = soup.select_one("div.exercise")
    assert block.h3.get_text() == "Knee rolls"
    assert block.h3["class"] == ["exercise__label"]
    assert block.select_one("figure.illustration svg")["aria-label"] == "Knees to one side"
    assert [li.get_text() for li in block.select("ol li")] == ["Lie down.", "Roll your knees."]
    assert block.select_one("p.exercise__write-in").get_text() == "How many times:"
    assert soup.find_all("p")[-1].get_text() == "After."
