"""Icon arrays: the picture and the sentence show the same numbers, in every color scheme
and on paper; lines that cannot be drawn are refused with what to fix."""

import re

import markdown
import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, article_sources

from implant_guide.markdown.risk_arrays import (
    GRIDS,
    MEANINGS,
    RISK_MARK,
    RiskArrayExtension,
    parse_risk_line,
    risk_line_problem,
)
from implant_guide.policy import MIN_GRAPHICS_CONTRAST

CSS = (ROOT / "theme" / "static" / "css" / "main.css").read_text(encoding="utf-8")
MEANING_COLORS = {meaning: f"--color-risk-{meaning}" for meaning in MEANINGS}
MARK_COLORS = (*MEANING_COLORS.values(), "--color-risk-unmarked")
BACKGROUNDS = ("--color-surface", "--color-page")  # the article, and the page around it


def render(text: str) -> BeautifulSoup:
    html = markdown.markdown(text, extensions=["extra", "toc", RiskArrayExtension()])
    return BeautifulSoup(html, "html.parser")


def marks(figure, kind: str) -> int:
    """How many marks of a kind a figure draws: each starts with the path's one M."""
    group = figure.select_one(f"g.risk-array__{kind}")
    return sum(path["d"].count("M") for path in group.find_all("path")) if group else 0


def text_alternative(soup: BeautifulSoup, figure) -> str:
    svg = figure.select_one("svg.risk-array__picture")
    assert svg["role"] == "img"
    return " ".join(soup.find(id=svg["aria-labelledby"]).get_text().split())


@pytest.mark.parametrize(
    ("line", "sentence", "marked", "unmarked"),
    [
        (
            "{{ risk: 6 in 100 | had a dural tear }}",
            "About 6 in 100 people had a dural tear. 94 did not.",
            6,
            94,
        ),
        (
            "{{ risk: 6 in 1,000 | had a dural tear }}",
            "About 6 in 1,000 people had a dural tear. 994 did not.",
            6,
            994,
        ),
        (
            "{{risk:37 in 1000|had a blood clot.}}",
            "About 37 in 1,000 people had a blood clot.",
            37,
            963,
        ),
        ("{{ risk: 0 in 100 | had it }}", "About 0 in 100 people had it. 100 did not.", 0, 100),
        ("{{ risk: 1,000 in 1,000 | had it }}", "About 1,000 in 1,000 people had it.", 1000, 0),
    ],
)
def test_picture_and_sentence_show_the_same_numbers(line, sentence, marked, unmarked):
    soup = render(f"Some text.\n\n{line}\n\nMore text.")
    figure = soup.select_one("figure.risk-array")
    caption = figure.select_one("figcaption.risk-array__sentence").get_text()
    assert caption.startswith(sentence)
    assert text_alternative(soup, figure) == caption
    assert (marks(figure, "marked"), marks(figure, "unmarked")) == (marked, unmarked)
    assert [p.get_text() for p in soup.find_all("p")] == ["Some text.", "More text."]


def test_a_line_right_under_a_paragraph_is_a_block_of_its_own():
    soup = render("The rate was 9 in 100.\n{{ risk: 9 in 100 | had a dural tear }}\n## Next")
    assert soup.p.get_text() == "The rate was 9 in 100."
    assert soup.p.find_next_sibling().name == "figure"
    assert not soup.select("p figure, p svg")


def test_the_grid_has_one_cell_for_each_person():
    soup = render("{{ risk: 5 in 100 | x }}\n\n{{ risk: 5 in 1,000 | x }}")
    for figure, denominator in zip(soup.select("figure.risk-array"), GRIDS, strict=True):
        grid = GRIDS[denominator]
        assert grid.columns * grid.rows == denominator
        width, height = map(int, figure.svg["viewbox"].split()[2:])
        assert (width / grid.cell_width, height / grid.cell_height) == (grid.columns, grid.rows)


def test_a_comparison_shows_two_arrays_on_the_same_scale():
    soup = render(
        "{{ risks: 3 in 100 | with the implant had wound problems"
        " || 8 in 100 | with fusion had wound problems }}"
    )
    figures = soup.select(".risk-comparison > figure.risk-array")
    assert [text_alternative(soup, figure) for figure in figures] == [
        "About 3 in 100 people with the implant had wound problems. 97 did not.",
        "About 8 in 100 people with fusion had wound problems. 92 did not.",
    ]
    assert [marks(figure, "marked") for figure in figures] == [3, 8]
    assert figures[0].svg["viewbox"] == figures[1].svg["viewbox"]


@pytest.mark.parametrize(
    ("line", "meaning"),
    [
        ("{{ risk: 9 in 100 | had a dural tear }}", "harm"),
        ("{{ risk harm: 9 in 100 | had a dural tear }}", "harm"),
        ("{{ risks good: 50 in 100 | met all 4 goals || 44 in 100 | met all 4 goals }}", "good"),
        ("{{risk neutral:57 in 100|chose surgery later}}", "neutral"),
    ],
)
def test_the_word_before_the_colon_says_what_the_marks_stand_for(line, meaning):
    figures = render(line).select("figure.risk-array")
    assert figures and all(f"risk-array--{meaning}" in f["class"] for f in figures)
    assert {risk.meaning for risk in parse_risk_line(line)} == {meaning}
    assert meaning in MEANINGS


def test_ids_are_unique_when_a_page_has_several_arrays():
    soup = render("{{ risk: 1 in 100 | a }}\n\n{{ risks: 2 in 100 | b || 3 in 100 | c }}")
    ids = [element["id"] for element in soup.find_all(id=True)]
    assert len(ids) == 3 == len(set(ids))


def test_the_label_is_text_not_markup():
    soup = render("{{ risk: 2 in 100 | had <b>bold</b> & more }}")
    assert not soup.find("b")
    assert "had <b>bold</b> & more." in soup.figcaption.get_text()


def test_marked_and_unmarked_differ_in_shape_not_only_color():
    """What tells them apart without color (on paper, for people who see no color): fill
    or outline, or a square or round line cap of another width."""
    for grid in GRIDS.values():
        shape = [
            re.sub(r'\bstroke="currentcolor"', "", a).split() for a in (grid.marked, grid.unmarked)
        ]
        assert shape[0] != shape[1]
        assert "currentcolor" not in grid.mark
    assert 'fill="none"' in GRIDS[100].unmarked and 'fill="none"' not in GRIDS[100].marked
    assert "square" in GRIDS[1000].marked and "round" in GRIDS[1000].unmarked


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("{{ risk: 6.5 in 100 | had it }}", "the count 6.5 is not a whole number"),
        ("{{ risk: 120 in 100 | had it }}", "the count 120 is not between 0 and 100"),
        ("{{ risk: -3 in 100 | had it }}", "the count -3 is not between 0 and 100"),
        ("{{ risk: six in 100 | had it }}", "the count 'six' is not a number"),
        ("{{ risk: 6 in 50 | had it }}", "unknown denominator '50'"),
        ("{{ risk: 6 in 100 }}", "'6 in 100' has no label"),
        ("{{ risk: 6 in 100 | }}", "'6 in 100' has no label"),
        ("{{ risk: 6 of 100 | had it }}", "'6 of 100' is not a figure like '6 in 100'"),
        ("{{ risk: 6 in 100 | had it", "must stand alone"),
        ("It was {{ risk: 6 in 100 | had it }} in all.", "must stand alone"),
        ("    {{ risk: 6 in 100 | had it }}", "must stand alone"),
        ("{{ risk: 6 in 100 | a || 8 in 100 | b }}", "'risk:' shows one figure"),
        ("{{ risks: 6 in 100 | had it }}", "'risks:' compares two figures, not 1"),
        ("{{ risks: 3 in 100 | a || 8 in 1,000 | b }}", "different denominators"),
        ("{{ risk goood: 6 in 100 | had it }}", "unknown meaning 'goood' after 'risk'"),
        ("{{ risks bad: 3 in 100 | a || 8 in 100 | b }}", "unknown meaning 'bad' after 'risks'"),
    ],
)
def test_bad_lines_are_refused_and_left_as_written(line, problem):
    found = risk_line_problem(line)
    assert found and problem in found.message, found
    assert found.fix and not found.fix.endswith("."), "the report adds the full stop"
    assert not render(line).select("figure, svg")


@pytest.mark.parametrize("line", ["{{ clinic_phone }}", "{{ figure: implant-position }}"])
def test_other_placeholders_are_no_risk_lines(line):
    assert not RISK_MARK.search(line) and parse_risk_line(line) is None


def test_the_dural_tear_page_shows_its_rate_as_an_array(site):
    soup = site.soup(site.page_for_slug("dural-tear"))
    figures = soup.select("figure.risk-array")
    assert len(figures) == 1
    sentence = "About 9 in 100 people had a dural tear. 91 did not."
    assert text_alternative(soup, figures[0]) == sentence
    assert (marks(figures[0], "marked"), marks(figures[0], "unmarked")) == (9, 91)
    caption = figures[0].figcaption
    assert "visually-hidden" not in (caption.get("class") or []) and not caption.get("hidden")


def test_every_risk_line_of_the_site_is_drawn(site):
    for source in article_sources():
        lines = [line for line in source.lines if RISK_MARK.search(line)]
        page = site.soup(site.page_for_slug(source.field("slug").value))
        drawn = [text_alternative(page, f) for f in page.select("figure.risk-array")]
        wanted = [risk.sentence for line in lines for risk in parse_risk_line(line)]
        assert drawn == wanted, source.display_path


# ---- Colors: from the stylesheet itself -------------------------------------------------


def custom_properties(block: str) -> dict[str, str]:
    return dict(re.findall(r"(--[\w-]+):\s*([^;]+);", block))


def root_block(css: str, media: str | None = None) -> dict[str, str]:
    """The custom properties of `:root`, at the top level or inside `@media (media)`."""
    if media is None:
        found = re.search(r"^:root \{(.*?)^\}", css, re.M | re.S)
    else:
        found = re.search(rf"@media {re.escape(media)} \{{\s*:root \{{(.*?)\}}", css, re.S)
    assert found, f"no :root block for {media or 'the light scheme'}"
    return custom_properties(found.group(1))


def channels(color: str) -> list[int]:
    """A #rgb or #rrggbb color's red, green and blue, 0 to 255."""
    digits = color.strip().lstrip("#")
    digits = "".join(d * 2 for d in digits) if len(digits) == 3 else digits
    return [int(digits[i : i + 2], 16) for i in (0, 2, 4)]


def luminance(color: str) -> float:
    fractions = [channel / 255 for channel in channels(color)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in fractions]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


LIGHT = root_block(CSS)
SCHEMES = {
    "light": LIGHT,
    "dark": {**LIGHT, **root_block(CSS, "(prefers-color-scheme: dark)")},
}


def test_marks_are_colored_by_the_scheme_tokens_of_their_meaning():
    marked = r"\.risk-array--(\w+) \.risk-array__marked \{\s*color: var\((--[\w-]+)\);"
    assert dict(re.findall(marked, CSS)) == MEANING_COLORS
    unmarked = re.findall(r"\.risk-array__unmarked \{\s*color: var\((--[\w-]+)\);", CSS)
    assert unmarked == ["--color-risk-unmarked"]


def test_a_good_outcome_is_not_drawn_in_the_color_of_harm():
    for scheme, tokens in SCHEMES.items():
        colors = [tokens[MEANING_COLORS[meaning]] for meaning in MEANINGS]
        assert len(set(colors)) == len(MEANINGS), f"{scheme}: meanings share a color: {colors}"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_marks_have_graphics_contrast_in_each_color_scheme(scheme):
    tokens = SCHEMES[scheme]
    for mark in MARK_COLORS:
        for background in BACKGROUNDS:
            ratio = contrast(tokens[mark], tokens[background])
            assert ratio >= MIN_GRAPHICS_CONTRAST, f"{scheme}: {mark} on {background}: {ratio:.2f}"


def test_dark_scheme_has_its_own_mark_colors():
    dark = root_block(CSS, "(prefers-color-scheme: dark)")
    assert all(dark[mark] != LIGHT[mark] for mark in MARK_COLORS)


def test_marks_print_in_black_and_gray_on_white_paper():
    printed = root_block(CSS, "print")
    for mark in MARK_COLORS:
        red, green, blue = channels(printed[mark])
        assert red == green == blue, f"{mark} prints in color: {printed[mark]}"
        assert contrast(printed[mark], "#ffffff") >= MIN_GRAPHICS_CONTRAST
    print_rules = CSS[CSS.index("@media print") :]
    assert re.search(r"\.risk-array[,\s][^{]*\{\s*break-inside: avoid;", print_rules)
