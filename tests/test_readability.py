"""Every article body reads at grade 8 or below (Flesch-Kincaid, without References)."""

import pytest
from conftest import article_sources

from implant_guide.checks.readability import body_text, measure
from implant_guide.policy import MAX_GRADE, MIN_WORDS


@pytest.mark.parametrize("source", article_sources(), ids=lambda s: s.path.stem)
def test_article_reading_grade(site, source):
    body = site.soup(site.page_for_slug(source.field("slug").value)).find(class_="article__body")
    result = measure(str(body))
    assert result.words >= MIN_WORDS, f"{source.display_path} is too short to be useful"
    assert result.grade <= MAX_GRADE, f"{source.display_path}: grade {result.grade}"


def test_body_text_leaves_out_references_and_counts_list_items_as_sentences():
    html = (
        "<h2>Signs</h2><ul><li>a fever</li><li>a red wound</li></ul>"
        "<h2>References</h2><ol><li>Very long citation words here</li></ol>"
    )
    assert body_text(html) == "Signs. a fever. a red wound."
