"""Markdown syntax for icon arrays: a risk shown as marked people out of 100 or 1,000.

An editor writes one line, on its own, next to the figure it shows::

    {{ risk: 6 in 100 | had a dural tear }}
    {{ risks: 3 in 100 | with the implant had it || 8 in 100 | with fusion had it }}
    {{ risks good: 50 in 100 | with the implant met all 4 goals || 44 in 100 | ... }}

A word before the colon says what the marked people stand for (MEANINGS): a harm, the
default, drawn in the alarm color; a good outcome; or a neutral one, such as a choice
people made. The build turns it into inline SVG (100 people in a 10 x 10 grid, or 1,000 marks in 25
rows of 40), the first COUNT of them marked by shape and color, with the sentence
"About 6 in 100 people had a dural tear. 94 did not." under it as its text alternative.
Picture and sentence come from the same numbers. `risks:` puts two arrays with the same
denominator side by side. A line that does not parse is left as it is; the content checks
report it with `risk_line_problem`, which the same parser answers.
"""

import re
from dataclasses import dataclass, replace
from html import escape

from markdown import Extension
from markdown.preprocessors import Preprocessor

from implant_guide.languages import AS_WRITTEN, N_, document_language
from implant_guide.policy import RISK_DENOMINATORS
from implant_guide.problems import Problem
from implant_guide.theme_text import Catalogs

SENTENCE = N_("About {count} in {denominator} people {label}. {rest} did not.")
"""The words under every array (translated in the catalogs): the one place to change them."""


def number_words(number: int) -> str:
    """A number as the sentence writes it: 1,000."""
    return f"{number:,}"


@dataclass(frozen=True)
class Grid:
    """How one denominator is drawn: columns x rows of cells, each cell's mark as the
    rest of a path that starts at `start` in the cell, and the SVG attributes that give
    marked and unmarked marks different shapes. Their color is the CSS `color`."""

    columns: int
    rows: int
    cell_width: int
    cell_height: int
    start: tuple[int, int]
    mark: str
    marked: str
    unmarked: str

    @property
    def view_box(self) -> str:
        return f"0 0 {self.columns * self.cell_width} {self.rows * self.cell_height}"


PEOPLE = Grid(  # people: a head and shoulders, filled or outlined
    columns=10,
    rows=10,
    cell_width=24,
    cell_height=30,
    start=(16, 6),
    mark="a4 4 0 1 1-8 0a4 4 0 1 1 8 0zm-11 22v-8.5a6.5 6.5 0 0 1 6.5-6.5h1"
    "a6.5 6.5 0 0 1 6.5 6.5v8.5z",
    marked='fill="currentcolor" stroke="currentcolor" stroke-width="1.5"',
    unmarked='fill="none" stroke="currentcolor" stroke-width="1.5"',
)
DOTS = Grid(  # a line 0.01 long, drawn by its cap: a square, or a smaller circle
    columns=40,
    rows=25,
    cell_width=10,
    cell_height=10,
    start=(5, 5),
    mark="h.01",
    marked='fill="none" stroke="currentcolor" stroke-width="7" stroke-linecap="square"',
    unmarked='fill="none" stroke="currentcolor" stroke-width="5" stroke-linecap="round"',
)
GRIDS = {
    denominator: next(g for g in (PEOPLE, DOTS) if g.columns * g.rows == denominator)
    for denominator in RISK_DENOMINATORS
}
"""The grid of each denominator the policy allows: the one with that many cells. Every
mark starts with the path's one absolute move, M: a path holds as many marks as it has Ms."""

MEANINGS = ("harm", "good", "neutral")
"""What the marked people of an array stand for, written after `risk` or `risks`; the first
is the default. Each is a class of the figure, `risk-array--good`, that colors its marks
(theme/static/css/main.css: a harm in the alarm color, a good outcome in green, a neutral
one in blue)."""
DEFAULT_MEANING = MEANINGS[0]

ALLOWED = " or ".join(number_words(d) for d in GRIDS)
EXAMPLE = "{{ risk: 6 in 100 | had a dural tear }}"
RISK_MARK = re.compile(r"\{\{\s*risks?\b[^:{}]*:")
RISK_LINE = re.compile(r"^\{\{\s*(risks?)\b\s*([^:{}]*?)\s*:(.*)\}\}\s*$")
FIGURE = re.compile(r"^(\S+)\s+in\s+(\S+)$")
NUMBER = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")


@dataclass(frozen=True)
class Risk:
    """COUNT in DENOMINATOR people LABEL."""

    count: int
    denominator: int
    label: str
    meaning: str = DEFAULT_MEANING

    @property
    def sentence(self) -> str:
        """The sentence in English."""
        return self.sentence_in(AS_WRITTEN)

    def sentence_in(self, text) -> str:
        """The sentence under the array, in the language of `text` (the interface text
        of one language: `theme_text.translations`)."""
        return text.gettext(SENTENCE).format(
            count=number_words(self.count),
            denominator=number_words(self.denominator),
            label=self.label,
            rest=number_words(self.denominator - self.count),
        )


def read_risk_line(line: str) -> tuple[list[Risk] | None, Problem | None]:
    """The risks a line asks for, or what is wrong with it; (None, None) if it is no risk
    line."""
    if not RISK_MARK.search(line):
        return None, None
    match = RISK_LINE.match(line)
    if not match:
        return None, Problem(
            "a risk line must stand alone at the start of its line",
            f"Put it on a line of its own, not indented: {EXAMPLE}",
        )
    keyword, meaning, items = match.group(1), match.group(2), match.group(3).split("||")
    meaning = meaning or DEFAULT_MEANING
    if meaning not in MEANINGS:
        return None, Problem(
            f"unknown meaning '{meaning}' after '{keyword}'",
            f"Write {keyword} alone for a harm, or {keyword} good or {keyword} neutral: "
            "{{ risk good: 50 in 100 | met all 4 goals }}",
        )
    if keyword == "risk" and len(items) != 1:
        return None, Problem(
            "'risk:' shows one figure",
            "To compare two, write {{ risks: 3 in 100 | LABEL || 8 in 100 | LABEL }}",
        )
    if keyword == "risks" and len(items) != 2:
        return None, Problem(
            f"'risks:' compares two figures, not {len(items)}",
            "Separate the two with ||, or use {{ risk: ... }} for one",
        )
    risks = [_read_item(item.strip()) for item in items]
    if problem := next((risk for risk in risks if isinstance(risk, Problem)), None):
        return None, problem
    risks = [replace(risk, meaning=meaning) for risk in risks]
    if len({risk.denominator for risk in risks}) > 1:
        return None, Problem(
            "the figures compared have different denominators",
            "Give both the same denominator so the pictures share a scale: "
            "write 3 in 100 as 30 in 1,000",
        )
    return risks, None


def _read_item(item: str) -> Risk | Problem:
    figure, _, label = (part.strip() for part in item.partition("|"))
    words = FIGURE.match(figure)
    if not words:
        return Problem(f"'{figure}' is not a figure like '6 in 100'", f"Write {EXAMPLE}")
    count, denominator = words.groups()
    if denominator.replace(",", "") not in {str(d) for d in GRIDS}:
        return Problem(f"unknown denominator '{denominator}'", f"Use {ALLOWED}")
    denominator = int(denominator.replace(",", ""))
    if not NUMBER.match(count):
        return Problem(f"the count '{count}' is not a number", f"Write it in digits: {EXAMPLE}")
    value = float(count.replace(",", ""))
    if value != int(value):
        return Problem(
            f"the count {count} is not a whole number",
            "Round it, or count in 1,000: 6.5 in 100 is 65 in 1,000",
        )
    if not 0 <= value <= denominator:
        return Problem(
            f"the count {count} is not between 0 and {number_words(denominator)}",
            "Check the figure against its source",
        )
    if not label.rstrip("."):
        return Problem(
            f"'{figure}' has no label", f"Say what happened to them after a '|': {EXAMPLE}"
        )
    return Risk(int(value), denominator, label.rstrip("."))


def parse_risk_line(line: str) -> list[Risk] | None:
    """The risks a line asks for; None if it is no risk line or cannot be drawn."""
    return read_risk_line(line)[0]


def risk_line_problem(line: str) -> Problem | None:
    """What is wrong with a risk line, not yet placed in its file; None if it is fine or
    no risk line."""
    return read_risk_line(line)[1]


def array_html(risk: Risk, name: str, text=AS_WRITTEN) -> str:
    """One figure: the SVG array and its sentence; `name` makes its id unique on the page."""
    grid = GRIDS[risk.denominator]
    cells = [(row, column) for row in range(grid.rows) for column in range(grid.columns)]
    return (
        f'<figure class="risk-array risk-array--{risk.denominator} risk-array--{risk.meaning}">'
        f'<svg class="risk-array__picture" viewBox="{grid.view_box}" role="img"'
        f' aria-labelledby="{name}">'
        f"{_marks(grid, 'marked', grid.marked, cells[: risk.count])}"
        f"{_marks(grid, 'unmarked', grid.unmarked, cells[risk.count :])}</svg>"
        f'<figcaption class="risk-array__sentence" id="{name}">'
        f"{escape(risk.sentence_in(text))}</figcaption></figure>"
    )


def _marks(grid: Grid, kind: str, attributes: str, cells: list[tuple[int, int]]) -> str:
    """The marks of one kind: a group of one path per row (rows alike compress well)."""
    rows = {}
    for row, column in cells:
        x, y = grid.start[0] + column * grid.cell_width, grid.start[1]
        rows.setdefault(row, []).append(f"M{x} {y}{grid.mark}")
    paths = "".join(
        f'<path transform="translate(0 {row * grid.cell_height})" d="{"".join(marks)}"/>'
        for row, marks in rows.items()
    )
    return f'<g class="risk-array__{kind}" {attributes}>{paths}</g>' if paths else ""


def risks_html(risks: list[Risk], number: int, text=AS_WRITTEN) -> str:
    """The HTML for the `number`th risk line of a page: one array, or two side by side,
    its sentences in the language of `text`."""
    arrays = [
        array_html(risk, f"risk-{number}-{index}-sentence", text)
        for index, risk in enumerate(risks, 1)
    ]
    if len(arrays) == 1:
        return arrays[0]
    return f'<div class="risk-comparison">{"".join(arrays)}</div>'


class RiskArrayPreprocessor(Preprocessor):
    """Replaces each valid risk line with its figure, as a block of its own."""

    def __init__(self, md, catalogs):
        super().__init__(md)
        self.text = Catalogs(catalogs)

    def run(self, lines):
        text = self.text[document_language(self.md)]
        result, number = [], 0
        for line in lines:
            risks = parse_risk_line(line)  # a line that cannot be drawn is left as written
            if risks is None:
                result.append(line)
                continue
            number += 1
            result.extend(
                [
                    "",
                    self.md.htmlStash.store(risks_html(risks, number, text)),
                    "",
                ]
            )
        return result


class RiskArrayExtension(Extension):
    """Registers the risk line preprocessor."""

    def __init__(self, **kwargs):
        self.config = {
            "catalogs": ["", "The interface text's catalogs (theme/translations); none: English"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md):  # noqa: N802 - the name Python-Markdown calls
        # Priority 26: after the header is read ("meta", 27), so the page's language is
        # known; before raw HTML is stashed (20), as the figure is stashed HTML itself.
        md.preprocessors.register(
            RiskArrayPreprocessor(md, self.getConfig("catalogs") or None), "risk_arrays", 26
        )


def makeExtension(**kwargs):  # noqa: N802 - the name Python-Markdown looks for
    """Entry point used when the extension is named in settings."""
    return RiskArrayExtension(**kwargs)
