"""Tables on a phone: each row a block of labeled cells, and no word ever split.

At 320 px (the narrowest screen WCAG asks a page to reflow to) and at 390 px (a common
phone), every word of every table of the site stays on one line, and each row shows as a
block: its heading on top, each cell under its column's heading. On a wide screen a table
is a table. The roles of rows, row headings and cells reach screen readers at every width.
"""

import re

import pytest
from playwright.sync_api import expect

from .dom import broken_words, horizontal_overflow

NARROW_WIDTHS = [320, 390]
CELL_LAYOUT = """(table) => [...table.querySelectorAll("tbody tr")].map((row) => {
  const [heading, ...cells] = [...row.children].map((cell) => cell.getBoundingClientRect());
  const label = row.querySelector(".responsive-table__label");
  return {
    stacked: cells.every((cell, i) => cell.top >= (i ? cells[i - 1] : heading).bottom - 0.5),
    fullWidth: cells.every((cell) => Math.abs(cell.width - heading.width) < 1),
    labelShown: label !== null && label.getClientRects().length > 0,
  };
})"""


@pytest.fixture(scope="module")
def table_pages(site) -> list[str]:
    """The address of every page with a table."""
    return [
        "/" + site.name(file).removesuffix("index.html")
        for file in site.html_files()
        if site.soup(file).select_one(".article__body table")
    ]


def test_the_option_pages_have_tables(table_pages):
    assert {"/your-options/", "/es/sus-opciones/"} <= set(table_pages)


@pytest.mark.parametrize("width", NARROW_WIDTHS)
def test_no_word_of_a_table_is_split_on_a_phone(tab, table_pages, width):
    with tab(viewport={"width": width, "height": 800}) as page:
        for path in table_pages:
            page.goto(path)
            assert horizontal_overflow(page) == 0, path
            split = broken_words(page, ".article__body table")
            assert not split, f"{path} at {width} px:\n" + "\n".join(split)


@pytest.mark.parametrize("width", NARROW_WIDTHS)
def test_each_row_is_a_block_of_labeled_cells_on_a_phone(tab, table_pages, width):
    with tab(viewport={"width": width, "height": 800}) as page:
        for path in table_pages:
            page.goto(path)
            for table in page.locator(".article__body table").all():
                rows = table.evaluate(CELL_LAYOUT)
                assert rows and all(
                    row == {"stacked": True, "fullWidth": True, "labelShown": True} for row in rows
                ), f"{path} at {width} px: {rows}"


def test_a_table_is_a_table_on_a_wide_screen(views):
    page = views("desktop", "light").open("/your-options/")
    table = page.locator(".article__body table").first
    expect(table).to_have_css("display", "table")
    expect(table.locator(".responsive-table__label").first).to_be_hidden()


@pytest.mark.parametrize("width", [390, 1280])
def test_rows_keep_their_headings_and_cells_for_screen_readers(tab, width):
    with tab(viewport={"width": width, "height": 800}) as page:
        page.goto("/your-options/")
        table = page.get_by_role("table").first
        expect(table.get_by_role("rowheader", name="With the implant", exact=True)).to_have_count(1)
        expect(table.get_by_role("columnheader")).to_have_count(3)
        implant = table.get_by_role("row").filter(has_text="With the implant")
        # The column's heading shown on a phone is hidden from screen readers: the cell's
        # name is its own text (and its citation), the table's heading names its column.
        cell = implant.get_by_role("cell").last
        expect(cell).to_have_accessible_name(re.compile(r"^50 in 100\W*Reference \d+$"))


def test_the_measure_catches_the_squeezed_tables_of_before(tab):
    """Until tables became blocks on a phone, their narrow columns broke words anywhere
    ("Deco-mpre-ssion"). The test above would have failed."""
    before = """
      .responsive-table, .responsive-table * { display: revert !important; }
      .responsive-table thead { position: static; width: auto; height: auto; clip-path: none; }
      .responsive-table__label { display: none !important; }
      .responsive-table th, .responsive-table td { hyphens: auto; overflow-wrap: anywhere; }
    """
    with tab(viewport={"width": 390, "height": 800}) as page:
        page.goto("/your-options/")
        page.add_style_tag(content=before)
        split = broken_words(page, ".article__body table")
    assert any(word.startswith('"Decompression" in <th') for word in split), split
