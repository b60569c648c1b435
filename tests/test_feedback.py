"""'Was this page useful? Tell us what was missing': on every health page (the articles and
the glossary, in each language), a plain link that opens an email to the clinic, its
subject the page's title; no form, no script, no other site."""

from urllib.parse import parse_qs, unquote, urlsplit

import pytest

WORDING = {
    "en": ("Was this page useful?", "Tell us what was missing", "Feedback on the page: {}"),
    "es": ("¿Le fue útil esta página?", "Díganos qué le faltó", "Comentarios sobre la página: {}"),
}


def health_pages(site):
    """Each built article and glossary page, with its soup and language."""
    for file in site.html_files():
        soup = site.soup(file)
        if soup.select_one("article.article:not(.article--page)") or soup.select_one(".glossary"):
            yield file, soup, soup.html["lang"]


def test_every_health_page_in_each_language_asks_for_feedback(site):
    pages = list(health_pages(site))
    assert {lang for _, _, lang in pages} == set(WORDING)
    assert len(pages) >= 2 * 15
    email = site.clinic["email"]
    for file, soup, lang in pages:
        heading, text, subject = WORDING[lang]
        feedback = soup.select("aside.feedback")
        assert len(feedback) == 1, site.name(file)
        assert feedback[0].h2.get_text() == heading
        link = feedback[0].select_one("a.feedback__link")
        assert link.get_text() == text
        href = urlsplit(link["href"])
        assert (href.scheme, href.path) == ("mailto", email), site.name(file)
        title = soup.h1.get_text()
        assert parse_qs(href.query)["subject"] == [subject.format(title)], site.name(file)
        assert " " not in link["href"] and unquote(href.query) != href.query  # URL-encoded
        assert not link.has_attr("target")
        assert not feedback[0].select("form, script, input, button"), site.name(file)


def test_the_other_pages_do_not_ask(site):
    for path in ("index.html", "about/index.html", "search/index.html", "es/contacto/index.html"):
        assert not site.soup(site.root / path).select(".feedback"), path


@pytest.mark.parametrize("path", ["dural-tear/index.html", "es/desgarro-dural/index.html"])
def test_the_published_email_names_the_page_address(published_site, path):
    link = published_site.soup(published_site.root / path).select_one("a.feedback__link")
    body = parse_qs(urlsplit(link["href"]).query)["body"][0]
    address = f"{published_site.settings['SITEURL']}/{path.removesuffix('index.html')}"
    assert body.splitlines()[0].endswith(f": {address}")


def test_feedback_is_not_indexed_for_search(site):
    soup = site.soup(site.page_for_slug("dural-tear"))
    assert not soup.select("[data-pagefind-body] .feedback")
