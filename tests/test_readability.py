"""Every article body reads easily enough (References aside): English at Flesch-Kincaid
grade 8 or below, Spanish at INFLESZ (Szigriszt-Pazos) 65 or above."""

import pytest
from conftest import CATALOGS, CONTENT, article_sources

from implant_guide.checks.readability import body_text, measure
from implant_guide.policy import MAX_GRADE, MIN_INFLESZ, MIN_WORDS
from implant_guide.sources import MarkdownSource
from implant_guide.theme_text import translations

SPANISH_ARTICLES = [MarkdownSource(p) for p in sorted((CONTENT / "articles" / "es").glob("*.md"))]
SPANISH = translations("es", CATALOGS)


@pytest.mark.parametrize("source", article_sources(), ids=lambda s: s.path.stem)
def test_article_reading_grade(site, source):
    body = site.soup(site.page_for_slug(source.field("slug").value)).find(class_="article__body")
    result = measure(str(body))
    assert result.words >= MIN_WORDS, f"{source.display_path} is too short to be useful"
    assert result.score <= MAX_GRADE, f"{source.display_path}: grade {result.score}"


@pytest.mark.parametrize("source", SPANISH_ARTICLES, ids=lambda s: s.path.stem)
def test_spanish_article_reading_score(site, source):
    page = site.page_for_slug(f"es/{source.field('slug').value}")
    result = measure(str(site.soup(page).find(class_="article__body")), "es", SPANISH)
    assert result.words >= MIN_WORDS, f"{source.display_path} is too short to be useful"
    assert result.score >= MIN_INFLESZ, f"{source.display_path}: INFLESZ {result.score}"


def test_spanish_score_falls_with_long_words_and_sentences():
    easy = "<p>Usted puede caminar. Vaya despacio. Beba agua.</p>"
    hard = (
        "<p>La rehabilitación postoperatoria individualizada requiere consideraciones "
        "multidisciplinarias extraordinariamente complejas y prolongadas.</p>"
    )
    assert measure(hard, "es").score < MIN_INFLESZ < measure(easy, "es").score


def test_body_text_leaves_out_references_and_counts_list_items_as_sentences():
    html = (
        "<h2>Signs</h2><ul><li>a fever</li><li>a red wound</li></ul>"
        "<h2>References</h2><ol><li>Very long citation words here</li></ol>"
    )
    assert body_text(html) == "Signs. a fever. a red wound."
    spanish = html.replace("References", "Referencias")
    assert body_text(spanish, SPANISH) == "Signs. a fever. a red wound."
