"""Each article has the sections, care cards, references and review dates its kind requires."""

from datetime import date

import pytest
from conftest import article_sources

from implant_guide.care_card import CARD_CLASS, level_class
from implant_guide.content_model import KINDS, REFERENCES_HEADING, latest_next_review
from implant_guide.languages import LANGUAGES
from implant_guide.policy import MIN_REFERENCES
from implant_guide.today import today as today_of_the_build

ARTICLES = article_sources()


def _article(site, source):
    return site.soup(site.page_for_slug(source.field("slug").value)).find(class_="article__body")


@pytest.mark.parametrize("source", ARTICLES, ids=lambda s: s.path.stem)
def test_required_sections_in_order_with_ids_and_content(site, source):
    body = _article(site, source)
    headings = body.find_all("h2", recursive=False)
    titles = [h.get_text(strip=True) for h in headings]
    kind = KINDS[source.field("kind").value]
    positions = []
    for required in kind.sections:
        assert required in titles, f"{source.display_path}: missing section {required!r}"
        heading = headings[titles.index(required)]
        assert heading.get("id"), f"{source.display_path}: {required!r} has no id"
        following = heading.find_next_sibling()
        assert following is not None and following.name != "h2", (
            f"{source.display_path}: nothing under {required!r}"
        )
        positions.append(titles.index(required))
    assert positions == sorted(positions), f"{source.display_path}: sections out of order"


@pytest.mark.parametrize("source", ARTICLES, ids=lambda s: s.path.stem)
def test_required_care_cards_and_references(site, source):
    body = _article(site, source)
    kind = KINDS[source.field("kind").value]
    for level in kind.care_cards:
        assert body.select(f".{level_class(level)} .{CARD_CLASS}__heading"), (
            f"{source.display_path}: no {level} care card"
        )
    references = body.find("h2", string=REFERENCES_HEADING).find_next_sibling(["ol", "ul"])
    assert len(references.find_all("li")) >= MIN_REFERENCES


@pytest.mark.parametrize("source", ARTICLES, ids=lambda s: s.path.stem)
def test_review_dates_are_shown_and_current(site, source):
    soup = site.soup(site.page_for_slug(source.field("slug").value))
    shown = soup.select(".review-date time")
    reviewed, due = (date.fromisoformat(t["datetime"]) for t in shown)
    assert (reviewed.isoformat(), due.isoformat()) == (
        source.field("last_reviewed").value,
        source.field("next_review").value,
    )
    review = soup.find(class_="review-date").get_text(" ", strip=True)
    reviewer = site.clinic["reviewers"][source.field("reviewer").value]
    assert f"Reviewed by {reviewer['name']}" in review
    assert "Page last reviewed:" in review and "Next review due:" in review
    today = today_of_the_build()
    assert due >= today, f"{source.display_path}: review overdue on {today} since {due}"
    assert reviewed < due <= latest_next_review(reviewed)


def test_every_page_has_one_h1_and_its_language(site):
    """Titles and descriptions, one of each per page: tests/test_search_engines.py."""
    for path in site.html_files():
        soup, name = site.soup(path), site.name(path)
        assert len(soup.find_all("h1")) == 1, f"{name} has {len(soup.find_all('h1'))} h1"
        expected = "es" if name.startswith(LANGUAGES["es"].prefix) else "en"
        assert soup.html.get("lang") == expected, name
