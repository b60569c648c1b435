"""Questions about the rendered page, answered by scripts run in it."""

from playwright.sync_api import Page

# Names an element for a failure message: tag, id, classes and the start of its text.
DESCRIBE = """
const describe = (el) => {
  const id = el.id ? `#${el.id}` : "";
  const classes = [...el.classList].map((c) => `.${c}`).join("");
  const text = (el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 50);
  return `<${el.localName}${id}${classes}> "${text}"`;
};
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
