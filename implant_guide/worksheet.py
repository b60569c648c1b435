"""The decision worksheet component: what one worksheet asks, read from its Markdown block,
and its HTML, rendered by `theme/templates/components/worksheet.html`.

A worksheet helps a reader weigh a decision and bring it to a visit, as the Ottawa
Personal Decision Guide and the International Patient Decision Aid Standards ask: how
much each thing matters to them, which option they lean to, whether they are ready to
decide (the four questions of the SURE test) and their own questions. The article gives
what is particular to its decision, in its own language::

    !!! worksheet
        matters:
        - Relief from the pain in my legs
        options:
        - Decompression with the implant

The component adds the rest (the rating scale, "I am not sure yet", the SURE questions,
lines for questions, the clinic's own interests) in the page's language, from the theme's
gettext catalogs; like the care card, it is rendered with the build's Jinja environment.
Nothing in it is a form: there is nothing to send, and what a reader ticks or types stays
in the page (see the component).
"""

import re
from dataclasses import dataclass

from jinja2 import Environment

WORKSHEET_TEMPLATE = "components/worksheet.html"
"""The worksheet component, in the theme's templates folder."""

LISTS = ("matters", "options")
"""The lists a worksheet block gives, each opened by its name and a colon: what may
matter to the reader, and the options of the decision."""
MIN_ITEMS = {"matters": 2, "options": 2}
EXAMPLE = "matters:\n    - Relief from the pain in my legs\n    options:\n    - Decompression alone"

LIST_NAME = re.compile(r"^([a-z-]+):\s*$")
ITEM = re.compile(r"^[-*]\s+(\S.*)$")


@dataclass(frozen=True)
class Worksheet:
    """What one worksheet asks about its decision."""

    matters: tuple[str, ...]
    options: tuple[str, ...]


class WorksheetError(ValueError):
    """A worksheet block that cannot be drawn: the line (counted from the block's first
    body line), what is wrong, and how to fix it."""

    def __init__(self, offset: int, problem: str, fix: str):
        super().__init__(problem)
        self.offset, self.problem, self.fix = offset, problem, fix


def parse_worksheet(lines: list[str]) -> Worksheet:
    """The worksheet the unindented body lines of a block ask for. Raises WorksheetError."""
    lists: dict[str, list[str]] = {}
    current = None
    for offset, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        name, item = LIST_NAME.match(line), ITEM.match(line)
        if name and name.group(1) in LISTS:
            current = name.group(1)
            if current in lists:
                raise WorksheetError(offset, f"'{current}:' is given twice", "Give each list once")
            lists[current] = []
        elif name:
            raise WorksheetError(
                offset,
                f"unknown list '{name.group(1)}:' in a worksheet",
                f"Use {' and '.join(f'{n}:' for n in LISTS)}",
            )
        elif item and current:
            lists[current].append(item.group(1).strip())
        else:
            raise WorksheetError(
                offset,
                f"a worksheet line must open a list or be one of its items: '{line}'",
                f"Write each item as '- text' under its list's name, as in: {EXAMPLE}",
            )
    for name in LISTS:
        if len(lists.get(name, [])) < MIN_ITEMS[name]:
            raise WorksheetError(
                len(lines),
                f"a worksheet needs at least {MIN_ITEMS[name]} items under '{name}:'",
                f"List them, one '- item' a line, as in: {EXAMPLE}",
            )
    return Worksheet(tuple(lists["matters"]), tuple(lists["options"]))


def block_lines(lines: list[str], opening: int) -> list[str]:
    """The body lines of the block opened at index `opening` of a file's `lines`, unindented:
    the indented (and blank) lines after it, up to the first line that is not."""
    body = []
    for line in lines[opening + 1 :]:
        if line.strip() and not line.startswith("    "):
            break
        body.append(line[4:])
    while body and not body[-1].strip():
        body.pop()
    return body


def render_worksheet(
    sheet: Worksheet, number: int, interests: str, env: Environment, lang: str
) -> str:
    """The worksheet component's HTML, rendered with `env` (the theme's templates with the
    catalogs) on a page in `lang`; `number` makes its ids unique on the page, `interests`
    is the clinic's statement of its own interests."""
    module = env.get_template(WORKSHEET_TEMPLATE).make_module({"page_lang": lang})
    return str(module.worksheet(sheet, number, interests)).strip()
