"""Development builds reuse Pelican's content cache, and nothing it holds outlives a change
to what shaped it: the settings, the data files, the illustrations.

The cache folder is named by a hash of those inputs (implant_guide/plugins/content_cache.py),
so a change to any of them starts an empty cache. Each kind of input is shown to move the
folder; one of them, the clinic's phone number, is followed through a real rebuild to the
page that shows it. What builds keep besides (implant_guide/kept_results.py: citations,
glossary order) is followed the same way.
"""

import re
from collections import Counter
from pathlib import Path

import pytest
from conftest import changed_file
from pelican.settings import read_settings
from support.content_check import check_content

from implant_guide.plugins.content_cache import content_cache_path
from implant_guide.release.build import build
from implant_guide.sources import TomlSource

ARTICLE = "blood-clots"  # uses {{ clinic_phone }}
CLINIC_FILE = "content/data/clinic.toml"
NEW_PHONE = 'phone = "202-000-0142"'


def _cache_path(project: Path) -> str:
    return content_cache_path(read_settings(str(project / "pelicanconf.py")))


def _page(project: Path, slug: str) -> str:
    return (project / "output" / slug / "index.html").read_text(encoding="utf-8")


def _clinic_phone_line(project: Path) -> str:
    """The line of the project's clinic.toml that sets its phone number, whatever it is."""
    clinic = TomlSource(project / CLINIC_FILE)
    return clinic.lines[clinic.line_of_key("phone") - 1]


CHANGES = {
    "clinic phone in the data file": (CLINIC_FILE, None, NEW_PHONE),
    "illustration": ("content/illustrations/recovery-timeline.svg", "</svg>", "<!-- v2 --></svg>"),
    "warning sign": (
        "content/data/warning-signs.toml",
        'wording = "you cough up blood"',
        'wording = "you cough up any blood"',
    ),
    "glossary term": (
        "content/data/glossary.toml",
        '[[terms]]\nterm = "anesthesiologist"',
        '[[terms]]\nterm = "hormone pills"\ndefinition = "Pills with hormones in them."'
        '\nterm_es = "píldoras de hormonas"\ndefinition_es = "Píldoras con hormonas."'
        '\n\n[[terms]]\nterm = "anesthesiologist"',
    ),
    "settings": (
        "pelicanconf.py",
        "\nCACHE_CONTENT =",
        "\nSUMMARY_MAX_LENGTH = 9\nCACHE_CONTENT =",
    ),
}
"""One change to each kind of input besides the content: (file, old text, new text); the
clinic's phone line is read from the project's clinic.toml."""


@pytest.mark.parametrize("change", CHANGES, ids=list(CHANGES))
def test_a_change_beside_the_content_starts_another_cache(project, change):
    path, old, new = CHANGES[change]
    before = _cache_path(project)
    assert Path(before).is_dir(), "the project's first build filled no cache"
    original = (project / path).read_text(encoding="utf-8")
    if path == CLINIC_FILE:
        old = _clinic_phone_line(project)
    text = original.replace(old, new)
    assert text != original, f"test setup: {old!r} not in {path}"
    with changed_file(project / path, text):
        assert _cache_path(project) != before


def test_a_rebuild_shows_a_new_phone_number_from_the_data_file(project):
    before = _cache_path(project)
    expected = ">202-000-0142</a> for urgent advice"  # a care card's heading, from the Markdown
    assert expected not in _page(project, ARTICLE)
    clinic = (project / CLINIC_FILE).read_text(encoding="utf-8")
    with changed_file(
        project / CLINIC_FILE, clinic.replace(_clinic_phone_line(project), NEW_PHONE)
    ):
        assert build(str(project / "pelicanconf.py"), project / "output") == 0
        assert _cache_path(project) != before
    assert expected in _page(project, ARTICLE)


KEPT_KINDS = Counter({"bibliography": 2, "collation": 2, "definition-grades": 1})
"""What a build keeps, and the new entries each kind gets when a citation and a glossary
term change: both languages' citations and alphabetical orders, the English grades."""


def _kind(kept_file: str) -> str:
    """The kind of a kept result, from its file's name (`KIND-HASH.pickle`)."""
    return kept_file.rsplit("-", 1)[0]


CITED = "Summary of Safety and Effectiveness Data (SSED)"
NEW_CITED = "Safety and Effectiveness Summary, Revised"


def _names_on(project: Path, glossary_slug: str) -> list[str]:
    """The names on a glossary page, in the order shown."""
    return re.findall(r"<dt[^>]*>(?:<[^>]+>)*([^<]+)", _page(project, glossary_slug))


def test_a_rebuild_shows_a_changed_citation_and_a_new_term_in_its_place(project):
    """The first build kept the formatted citations and the glossary's order; a rebuild
    after the bibliography and the glossary change shows the new ones in each language."""
    kept = Path(read_settings(str(project / "pelicanconf.py"))["KEPT_RESULTS_PATH"])
    before = {path.name for path in kept.glob("*.pickle")}
    assert {_kind(name) for name in before} == set(KEPT_KINDS)
    assert list((kept / "templates").glob("*.cache")), "no compiled template was kept"
    references = project / "content" / "data" / "references.json"
    glossary_path, old, new = CHANGES["glossary term"]
    glossary = (project / glossary_path).read_text(encoding="utf-8")
    cited = references.read_text(encoding="utf-8")
    assert CITED in cited and old in glossary, "test setup: the texts to change are gone"
    with (
        changed_file(references, cited.replace(CITED, NEW_CITED)),
        changed_file(project / glossary_path, glossary.replace(old, new)),
    ):
        assert build(str(project / "pelicanconf.py"), project / "output") == 0
    for slug in ("interlaminar-implant", "es/implante-interlaminar"):
        assert NEW_CITED in _page(project, slug) and CITED not in _page(project, slug), slug
    english, spanish = _names_on(project, "glossary"), _names_on(project, "es/glosario")
    assert "hormone pills" in english and "píldoras de hormonas" in spanish
    assert english == sorted(english, key=lambda name: re.sub(r"\W", "", name.casefold()))
    new_place = spanish.index("píldoras de hormonas")
    assert spanish[new_place - 1 : new_place + 2 : 2] == ["pastillas para el dolor", "plaqueta"]
    new_entries = Counter(map(_kind, {path.name for path in kept.glob("*.pickle")} - before))
    assert new_entries == KEPT_KINDS


def test_pages_the_triage_check_passed_unchanged_are_checked_again_under_a_new_declaration(
    in_project, capfd
):
    """A rebuild skips the triage check of a page it passed on unchanged (the texts are kept
    in the content cache, implant_guide/checks/passed_texts.py), but a changed declaration
    starts another cache: here a swollen belly becomes an emergency, and the page that
    sends it to a same-day call, unchanged, is refused."""
    signs = in_project / "content" / "data" / "warning-signs.toml"
    text = signs.read_text(encoding="utf-8")
    assert (Path(_cache_path(in_project)) / "implant_guide_triage.json").is_file()
    now_an_emergency = text.replace(
        'id = "belly-swollen"\nlevel = "urgent"', 'id = "belly-swollen"\nlevel = "emergency"'
    )
    assert now_an_emergency != text, "test setup: the swollen-belly sign has moved"
    with changed_file(signs, now_an_emergency):
        assert check_content("pelicanconf.py") == 1
    report = capfd.readouterr().err
    assert "content/articles/pain-medicine.md:" in report, report
    assert "names the emergency sign 'belly-swollen'" in report, report
