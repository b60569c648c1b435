"""Keyboard use: a skip link, a visible focus on every control, and focus in reading order.

Where focus goes depends on the layout, so the skip link and the Tab walk are checked at
each width (in the light scheme). How focus looks is made of the color scheme's colors, so
it is checked in every view: in the dark scheme each stop of the walk is focused again
from script, which shows focus as the keyboard does (each must match :focus-visible).
"""

from dataclasses import dataclass
from itertools import pairwise

import pytest
from playwright.sync_api import expect

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
const positionOf = (el) => [...document.getElementsByTagName("*")].indexOf(el);
"""
UNFOCUSED_LOOKS = f"""() => {{
  {FOCUS_LOOK}
  return [...document.body.querySelectorAll("*")].map((el) => [positionOf(el), focusLook(el)]);
}}"""
# Records every element that receives focus from now on, with its look while focused.
RECORD_FOCUS = f"""() => {{
  {FOCUS_LOOK}
  window.focusStops = [];
  document.addEventListener("focusin", (event) => window.focusStops.push({{
    position: positionOf(event.target),
    description: event.target.outerHTML.slice(0, 120),
    look: focusLook(event.target),
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


def tab_through(page) -> list[Stop]:
    """The elements Tab focuses, in order, from the top of a fresh page until it wraps around.

    Presses Tab once per control and twice more: once to leave the page, once to come back.
    """
    unfocused = dict(page.evaluate(UNFOCUSED_LOOKS))
    presses = page.locator(FOCUSABLE).count() + 2
    page.evaluate(RECORD_FOCUS)
    for _ in range(presses):
        page.keyboard.press("Tab")
    stops = []
    for focused in page.evaluate("() => window.focusStops"):
        position = focused["position"]
        if position in {stop.position for stop in stops}:
            return stops
        stops.append(Stop(position, focused["description"], unfocused[position], focused["look"]))
    raise AssertionError(f"focus did not come back to the top after {presses} presses of Tab")


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


@pytest.fixture(scope="module")
def tab_stops():
    """The Tab walk of each page in each view, made once and shared by the tests below."""
    walks = {}

    def walk(view, path):
        if (view.name, path) not in walks:
            walks[view.name, path] = tab_through(view.open(path))
        return walks[view.name, path]

    return walk


def test_skip_link_moves_focus_to_main_content(width_view, page_path):
    page = width_view.open(page_path)
    page.keyboard.press("Tab")
    skip_link = page.locator(".skip-link")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("#maincontent")).to_be_focused()


def test_every_control_shows_focus(view, views, page_path, tab_stops):
    stops = tab_stops(views(view.viewport, "light"), page_path)
    if view.scheme != "light":
        stops = refocused(view.open(page_path), stops)
    assert stops, "Tab reached nothing"
    unchanged = [stop.description for stop in stops if stop.focused == stop.unfocused]
    assert not unchanged, "no visible focus on:\n" + "\n".join(unchanged)


def test_tab_order_follows_reading_order(width_view, page_path, tab_stops):
    stops = tab_stops(width_view, page_path)
    out_of_order = [
        f"{later.description} comes after {earlier.description}"
        for earlier, later in pairwise(stops)
        if later.position < earlier.position
    ]
    assert not out_of_order, "\n".join(out_of_order)
