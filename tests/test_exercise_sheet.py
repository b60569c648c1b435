"""The printable home-exercise sheet, in each language: every exercise holds its heading,
a drawing named in the page's language, its steps and a line to write on; the drawings
carry no words of their own; the print stylesheet keeps each exercise whole on paper."""

import re

import pytest
from conftest import CONTENT, article_sources, translated_sources

from implant_guide.languages import DEFAULT_LANGUAGE, LANGUAGES, TRANSLATED

RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")


def exercise_sheets():
    """Each exercise article's source and language."""
    sources = [(s, DEFAULT_LANGUAGE) for s in article_sources()]
    sources += [(s, lang) for lang in TRANSLATED for s in translated_sources(lang)]
    return [
        (s, lang) for s, lang in sources if s.field("kind") and s.field("kind").value == "exercises"
    ]


SHEETS = exercise_sheets()


def sheet_path(site, source, lang):
    return site.root / f"{LANGUAGES[lang].prefix}{source.field('slug').value}" / "index.html"


def sheet_soup(site, source, lang):
    return site.soup(sheet_path(site, source, lang))


def print_rules(css: str) -> list[tuple[list[str], str]]:
    """The rules inside the stylesheet's @media print block: selectors and declarations."""
    start = css.index("{", css.index("@media print")) + 1
    depth, end = 1, start
    while depth:
        depth += {"{": 1, "}": -1}.get(css[end], 0)
        end += 1
    return [
        ([selector.strip() for selector in selectors.split(",")], declarations)
        for selectors, declarations in RULE.findall(css[start : end - 1])
    ]


def test_there_is_a_sheet_in_every_language():
    assert {lang for _, lang in SHEETS} == set(LANGUAGES)


@pytest.mark.parametrize(("source", "lang"), SHEETS, ids=lambda v: getattr(v, "display_path", v))
def test_each_exercise_has_a_named_drawing_steps_and_a_line_to_write_on(site, source, lang):
    exercises = sheet_soup(site, source, lang).select("div.exercise")
    assert len(exercises) >= 5, source.display_path
    for exercise in exercises:
        heading = exercise.find("h3", class_="exercise__label").get_text(strip=True)
        drawings = exercise.select("figure.illustration svg")
        assert len(drawings) == 1, heading
        assert drawings[0]["role"] == "img", heading
        assert len(drawings[0].get("aria-label", "").split()) >= 5, heading
        assert len(exercise.select("ol > li")) >= 3, heading
        assert exercise.select_one("p.exercise__write-in").get_text(strip=True), heading


def test_drawings_are_named_in_the_language_of_their_page(site):
    labels = {
        lang: [svg["aria-label"] for svg in sheet_soup(site, source, lang).select(".exercise svg")]
        for source, lang in SHEETS
    }
    english = labels[DEFAULT_LANGUAGE]
    for lang in TRANSLATED:
        assert len(labels[lang]) == len(english)
        assert not set(labels[lang]) & set(english), lang


def test_drawings_hold_no_words():
    for drawing in (CONTENT / "illustrations").glob("exercise-*.svg"):
        text = drawing.read_text(encoding="utf-8")
        assert not re.search(r"<(?:title|desc|text)\b", text), drawing.name


def test_print_stylesheet_keeps_each_exercise_whole(site):
    source, lang = SHEETS[0]
    link = sheet_soup(site, source, lang).find("link", rel="stylesheet")["href"]
    css = (sheet_path(site, source, lang).parent / link).read_text(encoding="utf-8")
    whole = [
        declarations for selectors, declarations in print_rules(css) if ".exercise" in selectors
    ]
    assert any(re.search(r"break-inside:\s*avoid", d) for d in whole)
