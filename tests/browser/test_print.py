"""Printed pages: just the content, within the paper's width, with link targets written out.

The printable width is that of A4 paper (210 mm, narrower than US Letter) less Chromium's
default margins of 10 mm a side: 190 mm, or 718 CSS pixels. Browsers leave out backgrounds
when they print, so text must be dark enough on white paper (4.5:1, as WCAG asks on screen).
"""

from contextlib import ExitStack

import pytest

from implant_guide.policy import MIN_TEXT_CONTRAST

from .dom import COLORS, DESCRIBE, elements_wider_than, horizontal_overflow

PRINTABLE_WIDTH = int(190 / 25.4 * 96)
EXERCISE_SHEETS = ["/home-exercises/", "/es/ejercicios-en-casa/"]
PRINTED_PAGES = ["/recovery/", "/urgent-help/", *EXERCISE_SHEETS]
CHROME = [".skip-link", ".header", "nav", ".breadcrumb", ".contents-list", ".pagination", ".footer"]
RENDERED = "(elements) => elements.filter((el) => el.getClientRects().length > 0).length"
FAINT_ON_WHITE = f"""(minimum) => {{
  {DESCRIBE}
  {COLORS}
  const white = [255, 255, 255, 1];
  const contrastOnWhite = (color) => contrast(over(channels(color), white), white);
  const hasText = (el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
  return [...document.body.querySelectorAll("*")]
    .filter((el) => el.getClientRects().length > 0 && hasText(el))
    .filter((el) => contrastOnWhite(getComputedStyle(el).color) < minimum)
    .map((el) => `${{describe(el)}} in ${{getComputedStyle(el).color}}`);
}}"""
EXERCISES_ON_PAPER = """(exercises) => exercises.map((exercise) => ({
  breakInside: getComputedStyle(exercise).breakInside,
  drawn: [...exercise.querySelectorAll(".illustration__person, .illustration__motion")]
    .map((mark) => getComputedStyle(mark).stroke),
}))"""
LINK_TARGETS = """(links) => links.map((a) => [
  a.getAttribute("href"), getComputedStyle(a, "::after").content,
])"""


@pytest.fixture(scope="module")
def print_tabs(tab):
    """`print_tabs(scheme)`: a tab as wide as the printable area, showing print styles."""
    opened = {}
    with ExitStack() as tabs:

        def print_tab(scheme):
            if scheme not in opened:
                viewport = {"width": PRINTABLE_WIDTH, "height": 1000}
                opened[scheme] = tabs.enter_context(tab(viewport=viewport, color_scheme=scheme))
                opened[scheme].emulate_media(media="print")
            return opened[scheme]

        yield print_tab


@pytest.fixture
def print_page(print_tabs):
    """The print tab in the light scheme: for what does not depend on colors."""
    return print_tabs("light")


@pytest.fixture(params=["light", "dark"])
def print_page_in_each_scheme(request, print_tabs):
    """The print tab in each color scheme: for the colors of the printed text."""
    return print_tabs(request.param)


@pytest.mark.parametrize("path", PRINTED_PAGES)
def test_print_leaves_out_navigation_and_chrome(print_page, path):
    print_page.goto(path)
    shown = [s for s in CHROME if print_page.locator(s).evaluate_all(RENDERED)]
    assert not shown, f"printed although they should not be: {', '.join(shown)}"


@pytest.mark.parametrize("path", PRINTED_PAGES)
def test_print_fits_the_page_width(print_page, path):
    print_page.goto(path)
    too_wide = elements_wider_than(print_page, PRINTABLE_WIDTH)
    assert horizontal_overflow(print_page) == 0, "\n".join(too_wide)
    assert not too_wide, "\n".join(too_wide)


@pytest.mark.parametrize("path", PRINTED_PAGES)
def test_print_writes_out_link_targets(print_page, path):
    print_page.goto(path)
    # Glossary links lead to a definition on this site; their address would only clutter
    # the printed text.
    links = print_page.locator(
        ".article a[href]:not([href^='#']):not(.glossary-link)"
    ).evaluate_all(LINK_TARGETS)
    assert links, "no links to check"
    missing = [href for href, after in links if after != f'" ({href})"']
    assert not missing, f"printed without their address: {', '.join(missing)}"


def test_print_shows_checklist_boxes(print_page):
    print_page.goto("/recovery/")
    boxes = print_page.locator(".checklist li").evaluate_all(
        "(items) => items.map((li) => getComputedStyle(li, '::before').borderTopStyle)"
    )
    assert boxes, "no checklist on the recovery page"
    assert set(boxes) == {"solid"}, "some checklist items print without a tick box"


@pytest.mark.parametrize("path", PRINTED_PAGES)
def test_printed_text_is_dark_enough_on_white_paper(print_page_in_each_scheme, path):
    print_page = print_page_in_each_scheme
    print_page.goto(path)
    faint = print_page.evaluate(FAINT_ON_WHITE, MIN_TEXT_CONTRAST)
    assert not faint, "too faint on paper:\n" + "\n".join(faint)


@pytest.mark.parametrize("path", EXERCISE_SHEETS)
def test_exercise_sheet_prints_each_exercise_whole_in_black(print_page_in_each_scheme, path):
    print_page = print_page_in_each_scheme
    print_page.goto(path)
    exercises = print_page.locator(".exercise").evaluate_all(EXERCISES_ON_PAPER)
    assert len(exercises) >= 5, "no exercises on the sheet"
    assert {e["breakInside"] for e in exercises} == {"avoid"}, "an exercise may split across pages"
    strokes = {stroke for e in exercises for stroke in e["drawn"]}
    assert strokes == {"rgb(0, 0, 0)"}, f"drawings print in {strokes}, not black"
