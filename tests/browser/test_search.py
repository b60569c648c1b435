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
from .dom import STORED_ITEMS
from .test_accessibility import axe_problems, rules_for, violation_report

SEARCH_PAGE = "/search/"
SEARCH_LABEL = "What would you like to find?"
SPANISH_SEARCH_PAGE = "/es/buscar/"
SPANISH_SEARCH_LABEL = "¿Qué quiere encontrar?"


def search_for(page, words: str, search_page=SEARCH_PAGE, label=SEARCH_LABEL) -> list[str]:
    """Type `words` into the search page's box (opening the page unless `page` shows it);
    the titles of the results, best first."""
    if urlsplit(page.url).path != search_page:
        page.goto(search_page)
    page.get_by_role("searchbox", name=label).fill(words)
    quoted = re.compile(f"“{re.escape(words)}”")  # the same quotes in English and Spanish
    expect(page.get_by_role("status")).to_contain_text(quoted)
    return page.locator(".search-result__link").all_inner_texts()


@pytest.fixture(scope="module")
def search_page(tab):
    """One tab for the searches that only read their results: each types new words into the
    same search page, as a reader searching again does."""
    with tab() as page:
        yield page


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
def test_search_ranks_the_page_about_it_first(search_page, words, first):
    titles = search_for(search_page, words)
    assert titles and titles[0] == first, titles


@pytest.mark.parametrize(
    ("words", "wanted"),
    [
        ("desgarro dural", {"Desgarro dural"}),
        ("coágulo", {"Coágulos de sangre (TVP y EP)"}),
        ("puntos", {"Recuperación después de la cirugía", "Su recuperación semana a semana"}),
    ],
)
def test_spanish_search_finds_the_spanish_page_about_it_first(search_page, words, wanted):
    titles = search_for(search_page, words, SPANISH_SEARCH_PAGE, SPANISH_SEARCH_LABEL)
    hrefs = search_page.locator(".search-result__link").evaluate_all(
        "(links) => links.map((a) => a.getAttribute('href'))"
    )
    assert titles and titles[0] in wanted, titles
    assert all("/es/" in href for href in hrefs), hrefs


# Questions as patients type them, and the pages that answer them: the first result must
# be one of these. Their words are patients' words (pain pills, faja), in the glossary as
# other names of its terms ("also called"), which the index holds for every page using them.
RECOVERY = {"Your recovery week by week", "Recovery after surgery"}
RECUPERACION = {"Su recuperación semana a semana", "Recuperación después de la cirugía"}
PAIN = {"Pain medicine after surgery"}
DOLOR = {"Medicamentos para el dolor después de la cirugía"}
BRACE = {"Moving and daily life after surgery", "Your options"}
FAJA = {"Moverse y la vida diaria después de la cirugía", "Sus opciones"}
NORMAL = {"Is this normal after surgery?", *RECOVERY}
ES_NORMAL = {"¿Es normal lo que siento después de la cirugía?", *RECUPERACION}
PATIENT_QUESTIONS = [
    ("can I drive after surgery", RECOVERY),
    ("pain pills", PAIN),
    ("painkillers", PAIN),
    ("back brace", BRACE),
    ("when can I shower", RECOVERY),
    ("is it normal to have leg pain after surgery", NORMAL),
    ("how long until I can go back to work", RECOVERY),
    ("when do the stitches come out", RECOVERY),
    ("blood thinner", {"Getting ready for surgery", "Blood clots (DVT and PE)"}),
    ("wound is red and hot", {"Wound infection"}),
    ("spinal fluid leak", {"Dural tear"}),
    ("can I have an MRI with the implant", {"Living with your implant"}),
]
PREGUNTAS = [
    ("¿cuándo puedo manejar?", RECUPERACION),
    ("calmantes", DOLOR),
    ("pastillas para el dolor", DOLOR),
    ("faja", FAJA),
    ("corsé", {*FAJA, "Glosario"}),
    ("¿es normal el dolor de pierna?", ES_NORMAL),
    ("volver al trabajo", RECUPERACION),
    ("¿cuándo me quitan los puntos?", RECUPERACION),
    ("anticoagulante", {"Prepararse para la cirugía", "Coágulos de sangre (TVP y EP)"}),
    ("la herida está roja", {"Infección de la herida"}),
    ("fuga de líquido", {"Desgarro dural"}),
    ("¿puedo hacerme una resonancia?", {"Vivir con su implante"}),
]
SEARCH_PAGES = {
    "en": (SEARCH_PAGE, SEARCH_LABEL),
    "es": (SPANISH_SEARCH_PAGE, SPANISH_SEARCH_LABEL),
}
SOME_WORDS = {
    "en": "No page has all of your words, “{}”. These pages have some of them:",
    "es": "Ninguna página tiene todas sus palabras, “{}”. Estas páginas tienen algunas:",
}
MISSING = {"en": "Does not mention: {}", "es": "No menciona: {}"}


@pytest.mark.parametrize(
    ("lang", "question", "first"),
    [("en", *q) for q in PATIENT_QUESTIONS] + [("es", *q) for q in PREGUNTAS],
    ids=[q for q, _ in PATIENT_QUESTIONS + PREGUNTAS],
)
def test_patients_questions_find_the_page_that_answers_them(search_page, lang, question, first):
    titles = search_for(search_page, question, *SEARCH_PAGES[lang])
    assert titles and titles[0] in first, titles


def test_a_patients_word_finds_pages_that_use_the_glossary_term_for_it(tab, site):
    with tab() as page:
        search_for(page, "pain pills")
        links = page.locator(".search-result__link").evaluate_all(
            "(links) => links.map((a) => a.href)"
        )
    texts = [
        site.soup(site_file(site, url)).select_one(".article__body").get_text() for url in links
    ]
    assert any("pain pills" not in text.lower() for text in texts), "only pages with the words"


@pytest.mark.parametrize(
    ("lang", "question", "missing"),
    [
        ("en", "can I lift my grandchild", "grandchild"),
        ("es", "¿puedo levantar a mi nieto?", "nieto"),
    ],
)
def test_when_no_page_has_every_word_the_pages_with_most_of_them_say_so(
    tab, lang, question, missing
):
    with tab() as page:
        titles = search_for(page, question, *SEARCH_PAGES[lang])
        expect(page.get_by_role("status")).to_have_text(SOME_WORDS[lang].format(question))
        notes = page.locator(".search-result__missing").all_inner_texts()
        expect(page.locator(".search-results__none")).to_be_hidden()
    assert titles and titles[0] in (RECOVERY | RECUPERACION), titles
    assert len(notes) == len(titles) and set(notes[:3]) == {MISSING[lang].format(missing)}


@pytest.mark.parametrize(("lang", "word"), [("en", "implantology"), ("es", "implantología")])
def test_a_word_the_guide_lacks_does_not_match_the_shorter_word_it_starts_with(tab, lang, word):
    """Pagefind finds a word it does not know by the longest word it knows that the typed
    word starts with ("implant" for "implantology"): a page with "implant" does not hold
    "implantology", so nothing is shown as a match."""
    with tab() as page:
        assert search_for(page, word, *SEARCH_PAGES[lang]) == []
        expect(page.locator(".search-results__none")).to_be_visible()


def test_a_word_being_typed_finds_the_words_it_begins(search_page):
    titles = search_for(search_page, "dri")
    assert titles and titles[0] in RECOVERY, titles


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
    violations = axe_problems(page, rules_for(view), within=".search-results")
    assert not violations, f"[{view.name}]\n{violation_report(page.url, violations)}"
    page.get_by_role("searchbox", name=SEARCH_LABEL).fill("can I lift my grandchild")
    expect(page.locator(".search-result__missing").first).to_be_visible()
    violations = axe_problems(page, rules_for(view), within=".search-results")
    assert not violations, f"[{view.name}]\n{violation_report(page.url, violations)}"
    page.get_by_role("searchbox", name=SEARCH_LABEL).fill("qzxvbnw")
    expect(page.locator(".search-results__none")).to_be_visible()
    violations = axe_problems(page, rules_for(view), within=".search-results")
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
