"""The header and footer as people see them: every link and button readable in every view,
at rest, under the pointer and with keyboard focus, and a language switch that stands out.

Contrast is measured from the computed styles: the text color of each link and button (and
of each element inside it that holds text) against the background it is drawn on
(`COLORS` in dom.py). The header and footer are the same on every page, in every language
(only their words change, not their colors), but for the search page, whose header has no
search box: one page of each kind is measured.
The browser hides which links were visited (getComputedStyle gives the unvisited color),
so visited colors are checked by the stylesheet's own tests, not here.
"""

import re

import pytest
from playwright.sync_api import expect

from implant_guide.policy import MIN_TEXT_CONTRAST

from .dom import COLORS, DESCRIBE
from .site_pages import chrome_paths

PAGES = chrome_paths()
CONTROLS = "header a, header button, footer a, footer button"
SWITCH = ".language-switcher__link"
MIN_TARGET_PX = 24  # WCAG 2.2 SC 2.5.8, target size (minimum)

# Each control's text, as [description, contrast, color, background]: the control itself and
# every element in it that holds text of its own.
TEXT_CONTRAST = f"""(controls) => {{
  {DESCRIBE}
  {COLORS}
  const ownText = (el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
  const rgb = (color) => `rgb(${{color.slice(0, 3).map(Math.round).join(", ")}})`;
  return controls.flatMap((control) => [control, ...control.querySelectorAll("*")])
    .filter((el) => ownText(el) && el.getClientRects().length > 0)
    .map((el) => {{
      const color = shownColor(el), background = shownBackground(el);
      return [describe(el), contrast(color, background), rgb(color), rgb(background)];
    }});
}}"""
HELPER = f"""([text, background]) => {{ {COLORS} return contrast(text, background); }}"""
SHOWN = f"""(el) => {{ {COLORS} return [shownColor(el), shownBackground(el)]; }}"""


def faint(page, controls) -> list[str]:
    """Text in `controls` (a locator) below MIN_TEXT_CONTRAST against its background."""
    measured = controls.evaluate_all(TEXT_CONTRAST)
    return [
        f"{description}: {ratio:.2f}:1 ({color} on {background})"
        for description, ratio, color, background in measured
        if ratio < MIN_TEXT_CONTRAST
    ]


@pytest.mark.parametrize("path", PAGES)
def test_links_and_buttons_have_text_contrast_at_rest_hovered_and_focused(view, path):
    page = view.open(path)
    controls = page.locator(CONTROLS)
    assert controls.count() > 5, "the header and footer have no links"
    problems = [f"at rest: {line}" for line in faint(page, controls)]
    for control in controls.all():
        control.hover()
        problems += [f"hovered: {line}" for line in faint(page, control)]
    page.mouse.move(0, 0)
    page.keyboard.press("Tab")  # from now on, focus from script shows as the keyboard's does
    for control in controls.all():
        control.focus()
        problems += [f"focused: {line}" for line in faint(page, control)]
    assert not problems, f"[{view.name}] {path}\n" + "\n".join(problems)


@pytest.mark.parametrize(
    ("path", "other", "name"), [("/", "es", "Español"), ("/es/", "en", "English")]
)
def test_the_language_switch_is_seen_first_and_easy_to_hit(view, path, other, name):
    page = view.open(path)
    switch = page.locator(SWITCH)
    expect(switch).to_have_count(1)
    expect(switch).to_have_text(name)
    expect(switch).to_have_attribute("lang", other)
    expect(switch).to_have_attribute("hreflang", other)
    expect(switch).to_be_in_viewport(ratio=1)  # on the first screen, without scrolling
    box = switch.bounding_box()
    assert box["width"] >= MIN_TARGET_PX and box["height"] >= MIN_TARGET_PX, box
    header = page.locator("header").bounding_box()
    assert box["y"] < header["y"] + header["height"] / 2, "not in the header's first row"
    marker = switch.evaluate("(a) => getComputedStyle(a.closest('li')).listStyleType")
    assert marker == "none", f"[{view.name}] the switch has a list bullet ({marker})"
    border = switch.evaluate("(a) => getComputedStyle(a).borderTopStyle")
    assert border == "solid", f"[{view.name}] the switch is not drawn as a button-like pill"


def test_the_language_switch_leads_to_the_same_page_in_the_other_language(one_view):
    page = one_view.open("/dural-tear/")
    page.locator(SWITCH).click()
    expect(page).to_have_url(re.compile(r"/es/desgarro-dural/$"))
    expect(page.locator("html")).to_have_attribute("lang", "es")
    page.locator(SWITCH).click()
    expect(page).to_have_url(re.compile(r"/dural-tear/$"))


def test_the_measure_works_out_wcag_contrast(one_view):
    page = one_view.open("/")
    assert page.evaluate(HELPER, ["rgb(255, 255, 255)", "rgb(0, 0, 0)"]) == pytest.approx(21)
    assert page.evaluate(HELPER, ["rgb(0, 94, 184)", "rgb(0, 94, 184)"]) == pytest.approx(1)
    # #767676 on white: 4.54 to 1, the palest gray that passes for text
    assert page.evaluate(HELPER, ["rgb(118, 118, 118)", "rgb(255, 255, 255)"]) == pytest.approx(
        4.54, abs=0.005
    )
    # Half-transparent black text on a white page is drawn mid-gray.
    page.set_content('<p style="color: rgba(0, 0, 0, 0.5)">text</p>')
    color, background = page.locator("p").evaluate(SHOWN)
    assert background == [255, 255, 255, 1]
    assert color == pytest.approx([127.5, 127.5, 127.5, 1])


def test_the_measure_catches_the_switch_drawn_as_before(views):
    """Until the switch had a style of its own it was a plain link, in the site's link blue
    on the header's blue: 1 to 1 in the light scheme. The test above would have failed."""
    page = views("desktop", "light").open("/")
    page.add_style_tag(content=f"{SWITCH}, {SWITCH}:visited {{ color: var(--color-link); }}")
    problems = faint(page, page.locator(CONTROLS))
    assert problems == [
        '<a.language-switcher__link> "Español": 1.00:1 (rgb(0, 94, 184) on rgb(0, 94, 184))'
    ]
