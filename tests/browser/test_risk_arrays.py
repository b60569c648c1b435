"""Icon arrays as people see them: in each view, at 320 px and on paper.

Colors (axe, the contrast of the marks) are checked in every view, the layout at each
width, the accessible names once.

The dural tear page has a real array. The demo below adds what no page has yet (a
comparison of 100 people, a comparison of 1,000, a lone 1,000, a good and a neutral
outcome) to that page, from the same Markdown extension the build uses, so every shape and
meaning of array is checked in the real theme.
"""

import pytest

from implant_guide.markdown.risk_arrays import parse_risk_line, risks_html
from implant_guide.policy import MIN_GRAPHICS_CONTRAST

from .dom import COLORS, elements_wider_than, horizontal_overflow
from .test_accessibility import axe_problems, rules_for, violation_report

PAGE = "/dural-tear/"
DEMO_LINES = [
    "{{ risks: 3 in 100 | with the implant had wound problems"
    " || 8 in 100 | with fusion had wound problems }}",
    "{{ risks: 37 in 1,000 | with the implant had it || 120 in 1,000 | with fusion had it }}",
    "{{ risk: 6 in 1,000 | had a blood clot }}",
    "{{ risk good: 50 in 100 | with the implant met all 4 goals }}",
    "{{ risk neutral: 57 in 100 | chose surgery later }}",
]
DEMO = "".join(risks_html(parse_risk_line(line), 100 + n) for n, line in enumerate(DEMO_LINES))
ADD_DEMO = """(html) => document.querySelector(".article__body")
  .insertAdjacentHTML("beforeend", html)"""
TEXT_COLUMN_WIDTH = """() => {
  const paragraph = document.querySelector(".article__body > p");
  return paragraph.getBoundingClientRect().width;
}"""

# For each array: its accessible name's source text, its caption, and the contrast of
# each kind of mark with the background it is drawn on.
ARRAYS = f"""() => {{
  {COLORS}
  return [...document.querySelectorAll("figure.risk-array")].map((figure) => {{
    const svg = figure.querySelector("svg");
    const marks = [...svg.querySelectorAll("g")].map((g) => [
      g.getAttribute("class"), contrast(getComputedStyle(g).color, shownBackground(figure)),
    ]);
    const box = svg.getBoundingClientRect();
    return {{
      role: svg.getAttribute("role"),
      name: document.getElementById(svg.getAttribute("aria-labelledby")).textContent,
      caption: figure.querySelector("figcaption").innerText,
      marks, left: box.left, top: box.top, width: box.width, bottom: box.bottom,
    }};
  }});
}}"""


def with_demo(view):
    """The page in `view`, with the demo arrays added."""
    page = view.open(PAGE)
    page.evaluate(ADD_DEMO, DEMO)
    return page


@pytest.fixture
def demo_page(view):
    """The demo in every view: for colors."""
    return with_demo(view)


@pytest.fixture
def demo_page_at_each_width(width_view):
    """The demo at each width: for the layout."""
    return with_demo(width_view)


@pytest.fixture
def demo_page_in_one_view(one_view):
    """The demo in one view: for what depends on neither width nor colors."""
    return with_demo(one_view)


def test_arrays_pass_axe(view, demo_page):
    violations = axe_problems(demo_page, rules_for(view), within="figure.risk-array")
    assert not violations, f"[{view.name}]\n{violation_report(PAGE, violations)}"


def test_each_picture_is_named_by_its_visible_sentence(one_view, demo_page_in_one_view):
    view, demo_page = one_view, demo_page_in_one_view
    arrays = demo_page.evaluate(ARRAYS)
    assert len(arrays) == 1 + 2 + 2 + 1 + 1 + 1
    for array in arrays:
        assert array["role"] == "img"
        assert array["name"] == array["caption"] and array["caption"].startswith("About ")
        image = demo_page.get_by_role("img", name=array["caption"], exact=True)
        assert image.count() == 1, f"[{view.name}] no image named {array['caption']!r}"


def test_marks_have_graphics_contrast(view, demo_page):
    for array in demo_page.evaluate(ARRAYS):
        for kind, ratio in array["marks"]:
            assert ratio >= MIN_GRAPHICS_CONTRAST, f"[{view.name}] {kind}: {ratio:.2f}"


def test_compared_arrays_share_a_scale_side_by_side_or_stacked(width_view, demo_page_at_each_width):
    view, demo_page = width_view, demo_page_at_each_width
    arrays = demo_page.evaluate(ARRAYS)
    for first, second in (arrays[1:3], arrays[3:5]):
        assert first["width"] == pytest.approx(second["width"], abs=0.5), view.name
        if view.name.startswith("phone"):
            assert second["top"] >= first["bottom"], f"[{view.name}] not stacked"
        else:
            assert first["top"] == pytest.approx(second["top"], abs=0.5), view.name
            assert second["left"] > first["left"] + first["width"], view.name


def test_arrays_fill_the_text_column_of_a_320_px_phone(tab):
    """Stacked, each array is as wide as the text: the widest it can be on that screen."""
    with tab(viewport={"width": 320, "height": 640}) as page:
        page.goto(PAGE)
        page.evaluate(ADD_DEMO, DEMO)
        assert horizontal_overflow(page) == 0, "\n".join(elements_wider_than(page, 320))
        column = page.evaluate(TEXT_COLUMN_WIDTH)
        widths = [array["width"] for array in page.evaluate(ARRAYS)]
        assert all(width == pytest.approx(column, abs=1) for width in widths), (column, widths)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_arrays_print_in_black_and_gray(tab, scheme):
    with tab(viewport={"width": 718, "height": 1000}, color_scheme=scheme) as page:
        page.emulate_media(media="print")
        page.goto(PAGE)
        page.evaluate(ADD_DEMO, DEMO)
        for array in page.evaluate(ARRAYS):
            for kind, ratio in array["marks"]:
                assert ratio >= MIN_GRAPHICS_CONTRAST, f"[print {scheme}] {kind}: {ratio:.2f}"
        colors = page.locator("figure.risk-array g").evaluate_all(
            "(groups) => groups.map((g) => getComputedStyle(g).color)"
        )
        assert set(colors) <= {"rgb(0, 0, 0)", "rgb(89, 89, 89)"}, colors
