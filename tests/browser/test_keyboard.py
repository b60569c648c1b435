"""Keyboard use: a skip link, a visible focus on every control, and focus in reading order.

Where focus goes depends on the layout, so the skip link (from the base template: one page
of each template) and the Tab walk (the pages that show every template and component, which
hold the controls) are checked at each width in the light scheme. Every page shares the
header and footer but the search page, whose header has no search box: the walk goes
through the whole page on the home and search pages (`chrome_paths`), through the main
content on the others. How focus
looks is made of the color scheme's colors, so the walk's stops are also focused again
from script in the dark scheme, which shows focus as the keyboard does (each must match
:focus-visible). That every page has the skip link's target is checked without a browser
(tests/test_site_structure.py).
"""

from dataclasses import dataclass
from itertools import pairwise

from playwright.sync_api import expect

from .site_pages import chrome_paths

# Elements that can be in the tab sequence: how many bounds the presses a Tab walk needs.
FOCUSABLE = (
    "a[href], area[href], button, input, select, textarea, summary, iframe, "
    "[contenteditable=''], [contenteditable='true'], [tabindex]:not([tabindex='-1'])"
)
# What a focus indicator can change, read from the computed style of `el`.
FOCUS_LOOK = """
const focusLook = (el) => {
  const style = getComputedStyle(el);
  const outlineShows = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0
    && !/rgba\\(.*, 0\\)$|transparent/.test(style.outlineColor);
  return {
    outline: outlineShows ? `${style.outlineWidth} ${style.outlineColor}` : "none",
    boxShadow: style.boxShadow,
    background: style.backgroundColor,
  };
};
const indexes = new Map([...document.getElementsByTagName("*")].map((el, i) => [el, i]));
const positionOf = (el) => indexes.get(el);
"""
UNFOCUSED_LOOKS = f"""() => {{
  {FOCUS_LOOK}
  return [...document.body.querySelectorAll("*")].map((el) => [positionOf(el), focusLook(el)]);
}}"""
# Records every element that receives focus from now on, with its look while focused and
# whether it lies in the element `scope` selects.
RECORD_FOCUS = f"""(scope) => {{
  {FOCUS_LOOK}
  window.focusStops = [];
  document.addEventListener("focusin", (event) => window.focusStops.push({{
    position: positionOf(event.target),
    description: event.target.outerHTML.slice(0, 120),
    look: focusLook(event.target),
    inside: event.target.closest(scope) !== null,
  }}));
}}"""
# Focuses the elements at `positions` one by one: whether focus shows as a keyboard user's
# would, and the look while focused.
FOCUS_EACH = f"""(positions) => {{
  {FOCUS_LOOK}
  const all = [...document.getElementsByTagName("*")];
  return positions.map((position) => {{
    const el = all[position];
    el.focus();
    return [document.activeElement === el && el.matches(":focus-visible"), focusLook(el)];
  }});
}}"""


@dataclass(frozen=True)
class Stop:
    """One element the Tab key reached: where it is in the DOM and how it looked."""

    position: int
    description: str
    unfocused: dict
    focused: dict


def tab_through(page, scope: str = "html") -> list[Stop]:
    """The elements Tab focuses, in order, in the element `scope` selects: from the top of a
    fresh page until focus wraps around ("html"), or from the start of the element (which
    can take focus) until focus leaves it.

    Presses Tab once per control and twice more: once to leave, once to come back.
    """
    unfocused = dict(page.evaluate(UNFOCUSED_LOOKS))
    if scope != "html":
        page.locator(scope).focus()
    presses = page.locator(scope).locator(FOCUSABLE).count() + 2
    page.evaluate(RECORD_FOCUS, scope)
    for _ in range(presses):
        page.keyboard.press("Tab")
    stops = []
    for focused in page.evaluate("() => window.focusStops"):
        position = focused["position"]
        if not focused["inside"] or position in {stop.position for stop in stops}:
            return stops
        stops.append(Stop(position, focused["description"], unfocused[position], focused["look"]))
    raise AssertionError(f"focus did not leave {scope} after {presses} presses of Tab")


def refocused(page, stops: list[Stop]) -> list[Stop]:
    """`stops` of a Tab walk, focused again one by one on a fresh `page` after one press of
    Tab, which makes focus show as it does for keyboard users."""
    unfocused = dict(page.evaluate(UNFOCUSED_LOOKS))
    page.keyboard.press("Tab")
    looks = page.evaluate(FOCUS_EACH, [stop.position for stop in stops])
    pairs = list(zip(stops, looks, strict=True))
    not_shown = [stop.description for stop, (shown, _) in pairs if not shown]
    assert not not_shown, "focused from script without :focus-visible:\n" + "\n".join(not_shown)
    return [
        Stop(stop.position, stop.description, unfocused[stop.position], look)
        for stop, (_, look) in pairs
    ]


def test_skip_link_moves_focus_to_main_content(width_view, template_path):
    page = width_view.open(template_path)
    page.keyboard.press("Tab")
    skip_link = page.locator(".skip-link")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("#maincontent")).to_be_focused()


def out_of_order(stops: list[Stop]) -> list[str]:
    return [
        f"{later.description} comes after {earlier.description}"
        for earlier, later in pairwise(stops)
        if later.position < earlier.position
    ]


def without_focus(stops: list[Stop], scheme: str) -> list[str]:
    return [
        f"no visible focus ({scheme}): {s.description}" for s in stops if s.focused == s.unfocused
    ]


def walk_problems(width_view, dark_view, path: str, scope: str) -> list[str]:
    """What is wrong with the Tab walk of `scope` in `path`: the stops out of reading order,
    and those without a visible focus in the light scheme and in the dark one."""
    page = width_view.open(path)
    stops = tab_through(page, scope)
    if not stops:
        return (
            ["Tab reached none of its controls"]
            if page.locator(scope).locator(FOCUSABLE).count()
            else []
        )
    dark = refocused(dark_view.open(path), stops)
    return out_of_order(stops) + without_focus(stops, "light") + without_focus(dark, "dark")


def test_tab_follows_reading_order_and_shows_focus(width_view, views, representative_pages):
    dark_view = views(width_view.viewport, "dark")
    problems = [
        f"{path}: {problem}"
        for path in representative_pages
        for problem in walk_problems(
            width_view, dark_view, path, "html" if path in chrome_paths() else "#maincontent"
        )
    ]
    assert not problems, f"[{width_view.viewport}]\n" + "\n".join(problems)
