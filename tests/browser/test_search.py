"""Site search: results as you type from the site's own index, and every topic without it.

The search page is also one of the pages every other browser test checks (keyboard,
privacy, layout, axe); these tests check what it does once someone searches.
"""

import re
from urllib.parse import unquote, urlsplit

import pytest
from conftest import article_sources, listed_page_sources
from playwright.sync_api import expect

from implant_guide.checks.page_weight import gzip_size
from implant_guide.content_model import PARTS
from implant_guide.policy import MAX_SEARCH_GZIP_BYTES

from .conftest import PageEvents
from .test_accessibility import axe_problems, violation_report

SEARCH_PAGE = "/search/"
SEARCH_LABEL = "What would you like to find?"
SPANISH_SEARCH_PAGE = "/es/buscar/"
SPANISH_SEARCH_LABEL = "¿Qué quiere encontrar?"
STORED_ITEMS = "() => localStorage.length + sessionStorage.length"


def search_for(page, words: str, search_page=SEARCH_PAGE, label=SEARCH_LABEL) -> list[str]:
    """Type `words` into the search page's box; the titles of the results, best first."""
    page.goto(search_page)
    page.get_by_role("searchbox", name=label).fill(words)
    quoted = re.compile(f"[“«]{re.escape(words)}[”»]")  # English and Spanish quotes
    expect(page.get_by_role("status")).to_contain_text(quoted)
    return page.locator(".search-result__link").all_inner_texts()


def site_file(site, url: str):
    """The file of the site that served `url`."""
    path = unquote(urlsplit(url).path).lstrip("/")
    return site.root / (path + "index.html" if path == "" or path.endswith("/") else path)


@pytest.mark.parametrize(
    ("words", "first"),
    [
        ("dural tear", "Dural tear"),
        ("blood clot", "Blood clots (DVT and PE)"),
        ("driving", "Your recovery week by week"),
        ("lifting", "Your recovery week by week"),
    ],
)
def test_search_ranks_the_page_about_it_first(tab, words, first):
    with tab() as page:
        titles = search_for(page, words)
    assert titles and titles[0] == first, titles


@pytest.mark.parametrize(
    ("words", "wanted"),
    [
        ("desgarro dural", {"Desgarro dural"}),
        ("coágulo", {"Coágulos de sangre (TVP y EP)"}),
        ("puntos", {"Recuperación después de la cirugía", "Su recuperación semana a semana"}),
    ],
)
def test_spanish_search_finds_the_spanish_page_about_it_first(tab, words, wanted):
    with tab() as page:
        titles = search_for(page, words, SPANISH_SEARCH_PAGE, SPANISH_SEARCH_LABEL)
        hrefs = page.locator(".search-result__link").evaluate_all(
            "(links) => links.map((a) => a.getAttribute('href'))"
        )
    assert titles and titles[0] in wanted, titles
    assert all("/es/" in href for href in hrefs), hrefs


def test_a_result_links_to_its_page_with_an_excerpt_marking_the_words(tab):
    with tab() as page:
        search_for(page, "dural tear")
        result = page.locator(".search-result").first
        excerpt = result.locator(".search-result__excerpt")
        elements = excerpt.evaluate("(p) => [...p.querySelectorAll('*')].map((e) => e.localName)")
        assert elements and set(elements) == {"mark"}
        expect(excerpt.locator("mark").first).to_have_text(re.compile("dural", re.IGNORECASE))
        result.get_by_role("link").click()
        expect(page).to_have_url(re.compile(r"/dural-tear/$"))


def test_a_word_nothing_matches_gets_help_to_find_another_way(tab):
    with tab() as page:
        assert search_for(page, "qzxvbnw") == []
        status = page.get_by_role("status")
        expect(status).to_have_text("No pages match “qzxvbnw”.")
        expect(status).to_have_attribute("aria-live", "polite")
        help_text = page.locator(".search-results__none")
        expect(help_text).to_be_visible()
        expect(help_text).to_contain_text("Try other words")
        topics = help_text.get_by_role("link", name="Choose from all topics")
        expect(topics).to_have_attribute("href", "#topics")
        expect(help_text.get_by_role("link", name="When to get urgent help")).to_be_visible()
        page.get_by_role("searchbox", name=SEARCH_LABEL).fill("wound")
        expect(status).to_contain_text("“wound”")
        expect(help_text).to_be_hidden()


def test_words_in_the_address_are_searched_for(tab):
    with tab() as page:
        page.goto(f"{SEARCH_PAGE}?q=wound")
        expect(page.get_by_role("searchbox", name=SEARCH_LABEL)).to_have_value("wound")
        expect(page.locator(".search-result__link").first).to_have_text("Wound infection")


def test_the_header_search_box_opens_the_results_without_loading_search_code(tab):
    with tab() as page:
        events = PageEvents()
        events.watch(page)
        page.goto("/dural-tear/", wait_until="networkidle")
        loaded = [urlsplit(request.url).path for request in events.requests]
        assert not [path for path in loaded if path.endswith(".js") or "/pagefind/" in path]
        page.get_by_role("search").get_by_role("searchbox", name="Search this guide").fill(
            "blood clot"
        )
        page.keyboard.press("Enter")
        expect(page).to_have_url(re.compile(r"/search/\?q=blood\+clot$"))
        expect(page.locator(".search-result__link").first).to_have_text("Blood clots (DVT and PE)")


def test_a_search_loads_only_the_sites_own_files_and_stores_nothing(tab, site, site_host):
    with tab() as page:
        events = PageEvents()
        events.watch(page)
        search_for(page, "dural tear")
        page.wait_for_load_state("networkidle")
        urls = [request.url for request in events.requests]
        elsewhere = [url for url in urls if urlsplit(url).netloc != site_host]
        assert not elsewhere, "requests to other hosts:\n" + "\n".join(elsewhere)
        assert not events.failures, "\n".join(events.failures)
        assert not events.console_errors, "\n".join(events.console_errors)
        assert page.context.cookies() == []
        assert page.evaluate(STORED_ITEMS) == 0
    files = {site_file(site, url) for url in urls}
    assert any("pagefind" in file.parts for file in files), "the index was not loaded"
    loaded = sum(gzip_size(file.read_bytes()) for file in files)
    assert loaded <= MAX_SEARCH_GZIP_BYTES, f"one search loads {loaded} gzip bytes"


def test_results_and_the_no_results_help_pass_axe(view):
    page = view.open(f"{SEARCH_PAGE}?q=dural+tear")
    expect(page.locator(".search-result").first).to_be_visible()
    violations = axe_problems(page)
    assert not violations, f"[{view.name}]\n{violation_report(page.url, violations)}"
    page.get_by_role("searchbox", name=SEARCH_LABEL).fill("qzxvbnw")
    expect(page.locator(".search-results__none")).to_be_visible()
    violations = axe_problems(page)
    assert not violations, f"[{view.name}]\n{violation_report(page.url, violations)}"


def test_without_javascript_the_page_says_what_to_do_and_lists_every_topic(tab):
    with tab(java_script_enabled=False) as page:
        page.goto(SEARCH_PAGE)
        advice = page.locator(".search__no-script")  # in <noscript>, which get_by_text skips
        expect(advice).to_be_visible()
        expect(advice).to_contain_text("choose your topic from the list below", ignore_case=True)
        parts = page.locator("#topics h3").all_inner_texts()
        topics = page.locator("#topics li a").all_inner_texts()
    assert parts == [*(part.title for part in PARTS), "About this site"]
    sources = [*article_sources(), *listed_page_sources()]
    assert sorted(topics) == sorted(source.field("title").value for source in sources)
