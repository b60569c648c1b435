"""Responsive tables: the build gives every table row headings, scopes and the labels a
phone shows (implant_guide/markdown/tables.py)."""

import markdown
from bs4 import BeautifulSoup

from implant_guide.markdown.tables import ResponsiveTablesExtension

TABLE = """
| Option | Time in the hospital | Time to recover |
| --- | --- | --- |
| Decompression alone | About **4** days | 4 to 6 weeks |
| With fusion | About 7 days | Not known |
"""


def render(text: str) -> BeautifulSoup:
    html = markdown.markdown(text, extensions=["extra", ResponsiveTablesExtension()])
    return BeautifulSoup(html, "html.parser")


def test_the_first_cell_of_each_row_heads_the_row():
    table = render(TABLE).table
    headings = table.select("tbody th")
    assert [th.get_text() for th in headings] == ["Decompression alone", "With fusion"]
    assert all(th["scope"] == "row" for th in headings)
    assert all(th["scope"] == "col" for th in table.select("thead th"))


def test_each_cell_starts_with_its_columns_heading_for_phones_only():
    table = render(TABLE).table
    first_row = table.select("tbody tr")[0]
    labels = first_row.select("td > .responsive-table__label")
    assert [label.get_text() for label in labels] == ["Time in the hospital", "Time to recover"]
    assert all(
        label["aria-hidden"] == "true" and label.has_attr("data-pagefind-ignore")
        for label in labels
    )
    cell = first_row.select("td")[0]
    assert cell.contents[0] is labels[0]
    assert "".join(map(str, cell.contents[1:])) == "About <strong>4</strong> days"


def test_every_table_of_the_site_is_responsive(site):
    tables = [
        t for file in site.html_files() for t in site.soup(file).select(".article__body table")
    ]
    assert len(tables) >= 10
    assert all("responsive-table" in table["class"] for table in tables)
