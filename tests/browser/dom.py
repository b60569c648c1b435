"""Questions about the rendered page, answered by scripts run in it."""

from playwright.sync_api import Page

STORED_ITEMS = "() => localStorage.length + sessionStorage.length"
"""How many items the page has stored in the browser (none, for a site that stores nothing)."""

# Names an element for a failure message: tag, id, classes and the start of its text.
DESCRIBE = """
const describe = (el) => {
  const id = el.id ? `#${el.id}` : "";
  const classes = [...el.classList].map((c) => `.${c}`).join("");
  const text = (el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 50);
  return `<${el.localName}${id}${classes}> "${text}"`;
};
"""

# Colors as WCAG measures them. `contrast(a, b)` of two CSS colors (rgb() or rgba(), as
# getComputedStyle gives them); `shownBackground(el)`: the opaque color an element's text is
# drawn on, its own background and its ancestors' composited over one another down to the
# first opaque one (the browser's white canvas if none is); `shownColor(el)`: its text color
# composited over that background. Background images and boxes that overlap from elsewhere
# in the page are not seen: the theme draws text on neither.
COLORS = """
const channels = (color) => {
  const [r, g, b, alpha = 1] = color.match(/[\\d.]+/g).map(Number);
  return [r, g, b, alpha];
};
const over = ([r, g, b, alpha], below) =>
  [r, g, b].map((c, i) => alpha * c + (1 - alpha) * below[i]).concat(1);
const luminance = (color) => {
  const linear = (c) => (c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  const [r, g, b] = (typeof color === "string" ? channels(color) : color).map(linear);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrast = (a, b) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};
const shownBackground = (el) => {
  const layers = [];
  for (let node = el; node; node = node.parentElement) {
    const layer = channels(getComputedStyle(node).backgroundColor);
    if (layer[3] > 0) layers.push(layer);
    if (layer[3] === 1) break;
  }
  return layers.reduceRight((below, layer) => over(layer, below), [255, 255, 255, 1]);
};
const shownColor = (el) => over(channels(getComputedStyle(el).color), shownBackground(el));
"""

WIDER_THAN = f"""(width) => {{
  {DESCRIBE}
  return [...document.body.querySelectorAll("*")]
    .filter((el) => {{
      const box = el.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && (box.left < -0.5 || box.right > width + 0.5);
    }})
    .map((el) => `${{describe(el)}} spans ${{Math.round(el.getBoundingClientRect().left)}}`
      + `..${{Math.round(el.getBoundingClientRect().right)}}px`);
}}"""

CLIPPED_TEXT = f"""() => {{
  {DESCRIBE}
  const clips = (value) => value === "hidden" || value === "clip";
  return [...document.body.querySelectorAll("*")]
    .filter((el) => {{
      const style = getComputedStyle(el);
      if (!clips(style.overflowX) && !clips(style.overflowY)) return false;
      const box = el.getBoundingClientRect();
      if (box.width <= 1 && box.height <= 1) return false;  // hidden on purpose
      return el.textContent.trim() !== ""
        && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1);
    }})
    .map(describe);
}}"""


def horizontal_overflow(page: Page) -> int:
    """How many CSS pixels the page scrolls sideways (0 when it fits its viewport)."""
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def elements_wider_than(page: Page, width: float) -> list[str]:
    """Visible elements that reach left of 0 or right of `width` CSS pixels."""
    return page.evaluate(WIDER_THAN, width)


def clipped_text(page: Page) -> list[str]:
    """Elements that cut off some of their text (overflow hidden or clip, content larger)."""
    return page.evaluate(CLIPPED_TEXT)


# Words the browser broke across lines: in each text node under `selector`, each run of
# letters between spaces, hyphens, dashes and slashes (where a line may end) must lie on
# one line. A word on two lines gives its range two boxes at different heights.
BROKEN_WORDS = f"""(selector) => {{
  {DESCRIBE}
  const broken = [];
  for (const root of document.querySelectorAll(selector)) {{
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {{
      for (const word of node.textContent.matchAll(/[^\\s\\/\\u002d\\u2010-\\u2014]+/g)) {{
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const lines = new Set([...range.getClientRects()].map((box) => Math.round(box.bottom)));
        if (lines.size > 1) broken.push(`"${{word[0]}}" in ${{describe(node.parentElement)}}`);
      }}
    }}
  }}
  return broken;
}}"""


def broken_words(page: Page, selector: str) -> list[str]:
    """Words under `selector` that are split across two lines or more."""
    return page.evaluate(BROKEN_WORDS, selector)
