"""The decision worksheet: its Markdown block, the component it draws in each language,
the pages that show it, the clinic's own interests beside it, and the blocks and clinic
statements the build or publishing refuses.

How it prints and that it stores nothing are checked in a browser
(tests/browser/test_worksheet.py)."""

import pytest
from bs4 import BeautifulSoup
from conftest import CATALOGS, ROOT, changed_file
from support.content_check import check_content

from implant_guide.theme_text import theme_environment
from implant_guide.worksheet import (
    Worksheet,
    WorksheetError,
    block_lines,
    parse_worksheet,
    render_worksheet,
)

TEMPLATES = str(ROOT / "theme" / "templates")
SHEET = Worksheet(("Relief from leg pain", "No metal"), ("The implant", "No surgery for now"))
BLOCK = """Some text.

!!! worksheet
    matters:
    - Relief from leg pain
    - No metal

    options:
    - The implant
    - No surgery for now

More text.
"""
SURE_QUESTIONS = {
    "en": (
        "Do I know my options, and the chances of their good and bad results?",
        "Am I clear about which good and bad points matter most to me?",
        "Do I have the support and advice I need to choose?",
        "Do I feel sure about the best choice for me?",
    ),
    "es": (
        "¿Conozco mis opciones y las probabilidades de sus resultados buenos y malos?",
        "¿Tengo claro qué puntos buenos y malos me importan más?",
        "¿Tengo el apoyo y los consejos que necesito para elegir?",
        "¿Siento seguridad sobre la mejor opción para mí?",
    ),
}
NOT_SURE = {"en": "I am not sure yet", "es": "Todavía no lo sé"}
SCALE = {"en": ["A lot", "A little", "Not at all"], "es": ["Mucho", "Un poco", "Nada"]}
PAGES = {"en": "your-options", "es": "es/sus-opciones"}


def rendered(lang: str) -> BeautifulSoup:
    env = theme_environment(TEMPLATES, str(CATALOGS))
    html = render_worksheet(SHEET, 1, "We receive nothing.", env, lang)
    return BeautifulSoup(html, "html.parser")


def test_a_block_gives_what_matters_and_the_options():
    lines = BLOCK.splitlines()
    assert parse_worksheet(block_lines(lines, lines.index("!!! worksheet"))) == SHEET


@pytest.mark.parametrize(
    ("body", "offset", "problem"),
    [
        (["matters:", "- a", "- b"], 3, "at least 2 items under 'options:'"),
        (["matters:", "- a", "options:", "- x", "- y"], 5, "at least 2 items under 'matters:'"),
        (["values:", "- a"], 0, "unknown list 'values:'"),
        (["matters:", "- a", "- b", "options:", "- x", "- y", "matters:"], 6, "given twice"),
        (["- a"], 0, "must open a list or be one of its items"),
        (["matters:", "a", "- b"], 1, "must open a list or be one of its items: 'a'"),
    ],
)
def test_a_block_that_cannot_be_drawn_says_where_and_why(body, offset, problem):
    with pytest.raises(WorksheetError) as raised:
        parse_worksheet(body)
    assert raised.value.offset == offset
    assert problem in raised.value.problem and raised.value.fix


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_answer_is_a_labeled_control_in_a_group_with_a_legend(lang):
    soup = rendered(lang)
    statements = [legend.get_text() for legend in soup.select("fieldset.worksheet__row legend")]
    assert statements[:2] == list(SHEET.matters)
    assert statements[-4:] == list(SURE_QUESTIONS[lang])
    for fieldset in soup.select("fieldset"):
        assert fieldset.find("legend", recursive=False), fieldset
    for radio in soup.select("input[type=radio]"):
        label = radio.find_parent("label")
        assert label and label.get_text(strip=True), radio
        assert radio.find_parent("fieldset"), radio
    for field in soup.select("input[type=text]"):
        label = soup.find("label", attrs={"for": field["id"]})
        assert label and label.get_text(strip=True), field
    scale = [label.get_text(strip=True) for label in soup.select(".worksheet__row")[0]("label")]
    assert scale == SCALE[lang]
    leaning = [label.get_text(strip=True) for label in soup.select(".worksheet__options label")]
    assert leaning == [*SHEET.options, NOT_SURE[lang]]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_nothing_can_be_sent_or_filled_in_by_the_browser(lang):
    soup = rendered(lang)
    assert not soup.select("form, script, button, [action], [formaction], [onchange]")
    fields = soup.select("input[type=text]")  # the only kind that may have autocomplete
    assert fields and all(field["autocomplete"] == "off" for field in fields)
    radios = soup.select("input[type=radio]")
    groups = {radio["name"] for radio in radios}
    assert len(groups) == len(SHEET.matters) + 1 + 1 + 4  # matters, other, leaning, SURE
    assert all(name.startswith("worksheet-1-") for name in groups)


def test_what_editors_write_in_a_worksheet_is_shown_as_text_not_markup():
    sheet = Worksheet(("Less pain & <b>more</b> walking", "No metal"), ("A < B", "None"))
    env = theme_environment(TEMPLATES, str(CATALOGS))
    soup = BeautifulSoup(
        render_worksheet(sheet, 1, "Gifts & <i>fees</i>", env, "en"), "html.parser"
    )
    assert not soup.select(".worksheet b, .worksheet i")
    assert soup.select(".worksheet__statement")[0].get_text() == "Less pain & <b>more</b> walking"
    options = [label.get_text(strip=True) for label in soup.select(".worksheet__options label")]
    assert options[0] == "A < B"
    assert soup.select_one(".worksheet__interests").get_text().endswith("Gifts & <i>fees</i>")


def test_the_clinics_statement_of_its_interests_goes_with_the_worksheet():
    interests = rendered("en").select_one(".worksheet__interests").get_text(" ", strip=True)
    assert interests == "The clinic\u2019s own interests: We receive nothing."


@pytest.mark.parametrize("lang", ["en", "es"])
def test_your_options_ends_with_the_worksheet_before_when_to_get_help(site, lang):
    soup = site.soup(site.page_for_slug(PAGES[lang]))
    (sheet,) = soup.select(".article__body .worksheet")
    assert sheet.find_parent(class_="article__body").select_one(":scope > .worksheet") is sheet
    headings = [h2.get_text() for h2 in soup.select(".article__body > h2")]
    section = sheet.find_previous_sibling("h2").get_text()
    assert headings.index(section) == len(headings) - 3  # then When to get help, References
    questions = [q.get_text() for q in sheet.select(".worksheet__row legend")][-4:]
    assert questions == list(SURE_QUESTIONS[lang])
    assert sheet.select_one(".worksheet__interests").get_text().strip()
    assert not sheet.select(".glossary-link, .responsive-table__label, a")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_about_page_states_the_clinics_interests(site, lang):
    clinic = site.clinic
    statement = clinic["interests" if lang == "en" else f"interests_{lang}"]
    about = {"en": "about", "es": "es/acerca-de"}[lang]
    text = site.soup(site.page_for_slug(about)).select_one(".article__body").get_text()
    assert statement in text
    worksheet = site.soup(site.page_for_slug(PAGES[lang])).select_one(".worksheet__interests")
    assert statement in worksheet.get_text()


def test_a_broken_worksheet_is_refused_at_its_line(in_project, capfd):
    path = in_project / "content" / "articles" / "your-options.md"
    text = path.read_text(encoding="utf-8")
    broken = text.replace("    options:\n", "    choices:\n", 1)
    line = broken.splitlines().index("    choices:") + 1
    with changed_file(path, broken):
        status = check_content(str(in_project / "pelicanconf.py"))
    report = capfd.readouterr().err
    assert status != 0
    assert f"articles/your-options.md:{line}: unknown list 'choices:' in a worksheet." in report
