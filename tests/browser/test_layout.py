"""Pages reflow at 320 CSS pixels and lose nothing when text is resized to 200%.

WCAG 1.4.10 (reflow): at 320 CSS pixels wide nothing scrolls sideways.
WCAG 1.4.4 (resize text) is checked both ways a reader can enlarge text by 200%:
- page zoom: a 1280 x 720 window zoomed to 200% lays the page out 640 CSS pixels wide at
  two device pixels per CSS pixel, which is what the "page-zoom" tab emulates;
- text size: the browser's default font size set to 32px instead of 16px (Chromium's
  font-size setting, through the DevTools protocol), on a 1280 pixel wide window.
Either way no part of the page may scroll sideways and no box may cut off its text.
"""

import pytest

from .dom import clipped_text, elements_wider_than, horizontal_overflow

DEFAULT_FONT_SIZES = {"standard": 16, "fixed": 13}  # Chromium's, in CSS pixels
REFLOW_WIDTH = 320
RESIZE_VIEWS = {
    "page-zoom": {"viewport": {"width": 640, "height": 360}, "device_scale_factor": 2},
    "text-size": {"viewport": {"width": 1280, "height": 720}},
}


def double_default_font_size(page):
    """Set the tab's default font size to 200%, as a reader can in the browser's settings."""
    font_sizes = {kind: 2 * size for kind, size in DEFAULT_FONT_SIZES.items()}
    page.context.new_cdp_session(page).send("Page.setFontSizes", {"fontSizes": font_sizes})


@pytest.fixture(scope="module")
def narrow_page(tab):
    with tab(viewport={"width": REFLOW_WIDTH, "height": 640}) as page:
        yield page


@pytest.fixture(scope="module", params=list(RESIZE_VIEWS))
def resized_page(request, tab):
    """A tab with text at 200%: by page zoom, or by the browser's default font size."""
    with tab(**RESIZE_VIEWS[request.param]) as page:
        if request.param == "text-size":
            double_default_font_size(page)
        yield page


def overflow_report(page) -> str:
    width = page.viewport_size["width"]
    return "\n".join(elements_wider_than(page, width)) or "(no single element found)"


def layout_problems(page) -> list[str]:
    """What is wrong with the page shown: how it scrolls sideways, and text cut off."""
    problems = [f"scrolls sideways:\n{overflow_report(page)}"] if horizontal_overflow(page) else []
    return problems + [f"text cut off by {element}" for element in clipped_text(page)]


def test_no_horizontal_scrolling_at_320px(narrow_page, every_page):
    too_wide = []
    for path in every_page:
        narrow_page.goto(path)
        if horizontal_overflow(narrow_page):
            too_wide.append(f"{path}:\n{overflow_report(narrow_page)}")
    assert not too_wide, "\n".join(too_wide)


def test_text_at_200_percent_loses_nothing(resized_page, every_page):
    problems = []
    for path in every_page:
        resized_page.goto(path)
        problems += [f"{path}: {problem}" for problem in layout_problems(resized_page)]
    assert not problems, "\n".join(problems)
