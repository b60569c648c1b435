"""The decision worksheet in a browser: one printed page on A4 and on US Letter once
anything is ticked, a page of its own within the printed article otherwise; nothing
stored or sent however much is ticked or typed; usable in every view."""

import re

import pytest
from playwright.sync_api import expect

from .test_accessibility import axe_problems, rules_for, violation_report

PAGES = {"en": "/your-options/", "es": "/es/sus-opciones/"}
PAPER = ["A4", "Letter"]
STORAGE = """async () => ({
  cookies: document.cookie,
  local: localStorage.length,
  session: sessionStorage.length,
  databases: (await indexedDB.databases()).length,
})"""
ICON = "() => document.querySelector('link[rel=icon]').href"
PRINTED_BESIDE_THE_WORKSHEET = """() => [...document.querySelectorAll(".main *")]
  .filter((el) => !el.closest(".worksheet") && !el.querySelector(".worksheet"))
  .filter((el) => el.getClientRects().length > 0)
  .map((el) => el.localName + "." + el.className)"""


def pdf_pages(pdf: bytes) -> int:
    """The pages of a PDF that Chromium wrote: its page objects."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def fill_in(page):
    """Tick an answer in each part and write a question, as a reader would."""
    sheet = page.locator(".worksheet")
    for row in sheet.locator("fieldset.worksheet__row").all():
        row.get_by_role("radio").first.check()
    sheet.locator(".worksheet__options").get_by_role("radio").last.check()
    sheet.get_by_role("textbox").last.fill("Will I be able to play golf again, and when?")


@pytest.mark.parametrize("lang", PAGES)
@pytest.mark.parametrize("paper", PAPER)
def test_a_filled_in_worksheet_prints_as_one_page(tab, lang, paper):
    with tab() as page:
        page.goto(PAGES[lang])
        fill_in(page)
        assert pdf_pages(page.pdf(format=paper)) == 1
        page.emulate_media(media="print")
        assert page.evaluate(PRINTED_BESIDE_THE_WORKSHEET) == []


@pytest.mark.parametrize("paper", PAPER)
def test_a_blank_worksheet_prints_alone_when_asked(tab, paper):
    with tab() as page:
        page.goto(PAGES["en"])
        whole = pdf_pages(page.pdf(format=paper))
        page.get_by_role("checkbox", name=re.compile("Print only this worksheet")).check()
        assert pdf_pages(page.pdf(format=paper)) == 1
    assert whole > 2, "the article itself prints too when nothing is ticked"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_in_the_printed_article_the_worksheet_has_a_page_of_its_own(tab, scheme):
    with tab(color_scheme=scheme) as page:
        page.goto(PAGES["en"])
        page.emulate_media(media="print")
        sheet = page.locator(".worksheet")
        expect(sheet).to_have_css("break-before", "page")
        expect(sheet).to_have_css("break-inside", "avoid")
        expect(page.locator(".worksheet__screen-only")).to_be_hidden()
        # Tick boxes drawn for white paper: a dark scheme's filled boxes would read as ticked.
        expect(sheet.get_by_role("radio").first).to_have_css("color-scheme", "light")
        assert page.evaluate(PRINTED_BESIDE_THE_WORKSHEET), "the article prints as well"


def test_ticking_and_typing_send_and_store_nothing(one_view):
    page = one_view.open(PAGES["en"], wait_until="networkidle")
    one_view.events.clear()
    fill_in(page)
    page.get_by_role("checkbox").check()
    page.wait_for_timeout(500)
    # The browser may fetch the page's icon late, whatever the reader does.
    sent = [r.url for r in one_view.events.requests if r.url != page.evaluate(ICON)]
    assert sent == []
    assert page.context.cookies() == []
    assert page.evaluate(STORAGE) == {"cookies": "", "local": 0, "session": 0, "databases": 0}
    assert page.locator("form").count() == 1  # the header's search box, outside the sheet
    assert page.locator(".worksheet form, .worksheet [action], .worksheet script").count() == 0
    page.reload()
    expect(page.locator(".worksheet :checked")).to_have_count(0)
    expect(page.locator(".worksheet").get_by_role("textbox").last).to_have_value("")


def test_each_answer_is_named_and_grouped_for_screen_readers(one_view):
    page = one_view.open(PAGES["en"])
    sheet = page.get_by_role("region", name="My decision: a worksheet for my visit")
    leaning = sheet.get_by_role("group", name="2. Which way I am leaning")
    expect(leaning.get_by_role("radio")).to_have_count(5)
    expect(leaning.get_by_role("radio", name="I am not sure yet")).to_have_count(1)
    legs = sheet.get_by_role("group", name="Relief from the pain in my legs")
    for name in ("A lot", "A little", "Not at all"):
        expect(legs.get_by_role("radio", name=name, exact=True)).to_have_count(1)
    sure = sheet.get_by_role("group", name="Do I feel sure about the best choice for me?")
    expect(sure.get_by_role("radio", name="Yes")).to_have_count(1)
    expect(sheet.get_by_role("textbox", name="Question 1.")).to_have_count(1)


def test_a_keyboard_ticks_an_answer(one_view):
    page = one_view.open(PAGES["en"])
    first = page.locator(".worksheet").get_by_role("radio").first
    first.focus()
    page.keyboard.press("Space")
    expect(first).to_be_checked()
    page.keyboard.press("ArrowRight")
    expect(first).not_to_be_checked()


def test_a_filled_in_worksheet_passes_axe(view):
    """The same component in each language: checked in one."""
    page = view.open(PAGES["en"])
    fill_in(page)
    problems = axe_problems(page, rules_for(view), within=".worksheet")
    assert not problems, f"[{view.name}]\n{violation_report(PAGES['en'], problems)}"
