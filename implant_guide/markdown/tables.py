"""Markdown extension: tables that read on a phone.

Editors write ordinary Markdown tables, whose first column names what each row is about
(an option, a week). On a wide screen they show as tables. On a narrow one the theme
(`.responsive-table` in theme/static/css/main.css) shows each row as a block: its first
cell as the block's heading, then each other cell under its column's heading. So no
column is squeezed until its words break. For that the build:

- makes the first cell of each body row a row heading (`<th scope="row">`) and gives the
  column headings `scope="col"`;
- writes the column's heading at the start of each other cell, shown only on a narrow
  screen and hidden from screen readers and the search index (which read the table's own
  headings).

The table's elements keep their own roles (the HTML standard forbids writing them out on
a table's rows and cells); Chromium and Firefox keep them when the stylesheet shows the
rows as blocks.
"""

from xml.etree.ElementTree import Element

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

TABLE_CLASS = "responsive-table"


def _text(element: Element) -> str:
    return " ".join("".join(element.itertext()).split())


class ResponsiveTables(Treeprocessor):
    """Turns every table of a page into a responsive table (see the module's docstring)."""

    def run(self, root):
        for table in root.iter("table"):
            self._make_responsive(table)

    def _make_responsive(self, table: Element):
        classes = (table.get("class") or "").split()
        table.set("class", " ".join([*classes, TABLE_CLASS]))
        headings = [_text(th) for th in table.iterfind("thead/tr/th")]
        for th in table.iterfind("thead/tr/th"):
            th.set("scope", "col")
        for row in table.iterfind("tbody/tr"):
            for index, cell in enumerate(row):
                if index == 0:
                    cell.tag = "th"
                    cell.set("scope", "row")
                    cell.set("class", f"{TABLE_CLASS}__row-heading")
                elif index < len(headings):
                    self._label(cell, headings[index])

    @staticmethod
    def _label(cell: Element, heading: str):
        """Put the column's heading before the cell's content, for narrow screens only."""
        label = Element(
            "span",
            {"class": f"{TABLE_CLASS}__label", "aria-hidden": "true", "data-pagefind-ignore": ""},
        )
        label.text = heading
        label.tail, cell.text = cell.text, None
        cell.insert(0, label)


class ResponsiveTablesExtension(Extension):
    """Registers the table processor at priority 5: after the inline patterns (20), which
    fill the cells, and the glossary links (6), so that the labels it adds link no terms."""

    def extendMarkdown(self, md):  # noqa: N802 - the name Python-Markdown calls
        md.treeprocessors.register(ResponsiveTables(md), "responsive_tables", 5)


def makeExtension(**kwargs):  # noqa: N802 - the name Python-Markdown looks for
    """Entry point used when the extension is named in settings."""
    return ResponsiveTablesExtension(**kwargs)
