"""The labels of the illustrations are readable in every view.

axe cannot tell what is behind text inside an SVG picture (it leaves such text "to
review"), so the labels' contrast is measured here: each label's fill against every shape
of the picture its box overlaps (fill and stroke, in case the label crosses either) and
against the background of the picture itself (`COLORS` in dom.py).
"""

import pytest

from implant_guide.policy import MIN_TEXT_CONTRAST

from .dom import COLORS, DESCRIBE

LABELS = "figure.illustration svg text"
# Each label's contrast with what is behind it: [label, what is behind, contrast].
LABEL_CONTRAST = f"""(labels) => {{
  {DESCRIBE}
  {COLORS}
  const SHAPES = new Set(["rect", "circle", "ellipse", "path", "polygon", "polyline", "line"]);
  const paints = (shape, base) => {{
    const style = getComputedStyle(shape);
    return [[style.fill, style.fillOpacity], [style.stroke, style.strokeOpacity]]
      .filter(([paint]) => paint.startsWith("rgb"))
      .map(([paint, opacity]) => {{
        const [r, g, b, alpha] = channels(paint);
        return over([r, g, b, alpha * Number(opacity)], base);
      }});
  }};
  return labels.flatMap((label) => {{
    label.scrollIntoView({{ block: "center" }});
    const svg = label.closest("svg");
    const base = shownBackground(svg);
    const ink = over(channels(getComputedStyle(label).fill), base);
    const behind = new Map([["the picture's background", [base]]]);
    const box = label.getBoundingClientRect();
    for (let i = 0; i < 5; i++) {{
      for (let j = 0; j < 3; j++) {{
        const x = box.left + (box.width * (i + 0.5)) / 5;
        const y = box.top + (box.height * (j + 0.5)) / 3;
        const shape = document.elementsFromPoint(x, y)
          .find((el) => el !== label && svg.contains(el) && SHAPES.has(el.localName));
        if (shape) behind.set(describe(shape), paints(shape, base));
      }}
    }}
    return [...behind].flatMap(([what, colors]) =>
      colors.map((color) => [describe(label), what, contrast(ink, color)]));
  }});
}}"""


@pytest.fixture(scope="module")
def illustrated_pages(site) -> list[str]:
    """The address of every page with a labeled illustration (the exercise and movement
    drawings hold no words: their text alternative is written in the article)."""
    return [
        "/" + site.name(file).removesuffix("index.html")
        for file in site.html_files()
        if site.soup(file).select_one(LABELS)
    ]


def test_some_pages_have_illustrations_with_labels(illustrated_pages):
    assert "/interlaminar-implant/" in illustrated_pages
    assert "/es/recuperacion/" in illustrated_pages


def test_illustration_labels_have_text_contrast(view, illustrated_pages):
    problems = []
    for path in illustrated_pages:
        page = view.open(path)
        labels = page.locator(LABELS)
        assert labels.count() > 0, f"{path}: an illustration without labels"
        problems += [
            f"{path}: {label} on {what}: {ratio:.2f}:1"
            for label, what, ratio in labels.evaluate_all(LABEL_CONTRAST)
            if ratio < MIN_TEXT_CONTRAST
        ]
    assert not problems, f"[{view.name}]\n" + "\n".join(problems)


def test_the_measure_sees_the_shapes_behind_a_label(one_view):
    """A label moved onto the disc is measured against the disc's fill as well."""
    page = one_view.open("/interlaminar-implant/")
    label = page.locator(LABELS).filter(has_text="Disc")
    label.evaluate("(text) => text.setAttribute('x', '70')")
    behind = [what for _, what, _ in label.evaluate_all(LABEL_CONTRAST)]
    assert behind == ["the picture's background", '<rect.illustration__disc> ""']
