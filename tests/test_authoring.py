"""What editors write with: the new-article template and the Markdown blocks."""

from datetime import date

import markdown
import pytest
from bs4 import BeautifulSoup
from conftest import CATALOGS, CONTENT, ROOT

from implant_guide.article_template import TODO, article_skeleton
from implant_guide.care_card import LEVEL_LABELS
from implant_guide.clinic import read_clinic
from implant_guide.content_model import (
    ARTICLE_METADATA,
    HELP_SECTION,
    KINDS,
    latest_next_review,
)
from implant_guide.markdown.blocks import GuideBlocksExtension
from implant_guide.markdown.care_cards import CareCardsExtension
from implant_guide.markdown.outline import outline

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
    assert header == list(ARTICLE_METADATA)
    body = render(text)
    assert [h.get_text() for h in body.find_all("h2")] == list(KINDS[kind].sections)
    if HELP_SECTION in KINDS[kind].sections:
        assert outline(str(body)).care_cards == list(KINDS[kind].care_cards)
    assert TODO in text
    assert "Next_review: 2027-01-31" in text


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
