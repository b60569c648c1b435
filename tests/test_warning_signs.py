"""The warning signs declaration drives every care card: each card in the built site lists
exactly the declared signs of its level and topics, read here from the TOML itself."""

import tomllib

import pytest
from conftest import CONTENT, article_sources, page_sources, translated_sources

from implant_guide.care_card import CARD_CLASS, LEVEL_LABELS, level_class
from implant_guide.content_model import CARE_CARD_LEVELS
from implant_guide.markdown.care_cards import card_line

DECLARATION = tomllib.loads((CONTENT / "data" / "warning-signs.toml").read_text("utf-8"))
SIGNS = DECLARATION["signs"]


EVERY_SIGN = DECLARATION.get("lists_every_sign", {})
"""Topic -> the levels at which its cards list every sign, whatever the sign's topics."""


def lists_every_sign(level, topics):
    return "all" in topics or any(level in EVERY_SIGN.get(topic, []) for topic in topics)


def declared(level, topics, wording="wording"):
    """The wordings of the declared signs of a level and topics, in declared order."""
    wanted = set(DECLARATION["topics"]) if lists_every_sign(level, topics) else set(topics)
    return [s[wording] for s in SIGNS if s["level"] == level and wanted & set(s["topics"])]


def items(card):
    return [" ".join(li.get_text().split()) for li in card.select(f".{CARD_CLASS}__content li")]


def sources_with_cards():
    return [s for s in (*article_sources(), *page_sources()) if any(map(card_line, s.lines))]


@pytest.mark.parametrize("source", sources_with_cards(), ids=lambda s: s.path.stem)
def test_each_card_lists_the_declared_signs_of_its_level_and_topics(site, source):
    lines = [line for line in map(card_line, source.lines) if line]
    slug = source.field("slug").value
    cards = site.soup(site.page_for_slug(slug)).select(f"main .{CARD_CLASS}")
    assert len(cards) == len(lines), source.display_path
    for line, card in zip(lines, cards, strict=True):
        assert level_class(line.level) in card["class"], source.display_path
        if line.heading:
            continue  # a hand-written non-urgent card
        expected = declared(line.level, line.topics)
        assert expected, f"{source.display_path}: a card with no declared signs"
        assert items(card)[: len(expected)] == expected, source.display_path


AFTER_SURGERY = ("the-operation", "recovery", "recovery-week-by-week", "urgent-help")
"""The pages about the time after surgery, in English; their Spanish pairs are found by key."""


def after_surgery_pages(site):
    """The built English and Spanish pages of AFTER_SURGERY."""
    sources = [*article_sources(), *translated_sources("es")]
    keys = {s.field("slug").value: s.field("translation_key").value for s in sources}
    slugs = [slug for slug, key in keys.items() if key in AFTER_SURGERY]
    assert len(slugs) == 2 * len(AFTER_SURGERY), slugs
    return [site.page_for_slug(slug if slug in AFTER_SURGERY else f"es/{slug}") for slug in slugs]


def test_the_operation_topic_lists_every_emergency_sign():
    assert "emergency" in EVERY_SIGN["operation"]
    assert declared("emergency", ["operation"]) == declared("emergency", ["all"])


@pytest.mark.parametrize("lang", ["en", "es"])
def test_after_surgery_pages_show_every_emergency_sign(site, lang):
    every = [
        " ".join(wording.split())
        for wording in declared("emergency", ["all"], "wording" if lang == "en" else "wording_es")
    ]
    assert len(every) == sum(s["level"] == "emergency" for s in SIGNS)
    pages = [
        p for p in after_surgery_pages(site) if (p.parent.parent.name == "es") == (lang == "es")
    ]
    for page in pages:
        soup = site.soup(page)
        cards = soup.select(f"main .{level_class('emergency')}")
        assert cards, site.name(page)
        shown = {item for card in cards for item in items(card)}
        missing = [wording for wording in every if wording not in shown]
        assert not missing, f"{site.name(page)} does not show: {missing}"


def test_urgent_help_lists_every_sign_grouped_by_level(site):
    soup = site.soup(site.page_for_slug("urgent-help"))
    for level in CARE_CARD_LEVELS:
        cards = soup.select(f"main .{level_class(level)}")
        assert [items(card) for card in cards] == [declared(level, ["all"])]
    listed = [item for card in soup.select(f"main .{CARD_CLASS}") for item in items(card)]
    assert sorted(listed) == sorted(s["wording"] for s in SIGNS)


@pytest.mark.parametrize("slug", ["index", "contact"])
def test_home_banner_and_contact_card_show_every_emergency_sign(site, slug):
    path = site.root / "index.html" if slug == "index" else site.page_for_slug(slug)
    card = site.soup(path).select_one(f".{level_class('emergency')}")
    assert items(card) == declared("emergency", ["all"])
    heading = card.select_one(f".{CARD_CLASS}__heading").get_text()
    assert heading.startswith(LEVEL_LABELS["emergency"] + " Call 911")


def test_urgent_cards_carry_the_after_hours_line(site):
    soup = site.soup(site.page_for_slug("recovery"))
    note = soup.select_one(f"main .{level_class('urgent')} .{CARD_CLASS}__note")
    assert note.get_text().startswith("If the clinic is closed, call")
    assert "If the clinic is closed" not in soup.select_one("main").get_text().replace(
        note.get_text(), "", 1
    )
