"""The glossary: one definition per term on the glossary page, and the first use of each
term on every other page linking to it; a bad glossary file is refused."""

import re
import subprocess
import sys
import tomllib
import unicodedata
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import markdown
import pytest
from bs4 import Tag
from conftest import CONTENT, ROOT
from pelican.settings import read_settings
from support.content_check import run_broken_checks

from implant_guide.care_card import CARD_CLASS, level_class
from implant_guide.collation import initial, sort_key
from implant_guide.content_model import LINK_FREE_CARD_LEVEL, REFERENCES_HEADING
from implant_guide.glossary import match_key, read_glossaries
from implant_guide.languages import DEFAULT_LANGUAGE
from implant_guide.markdown import extension_configs
from implant_guide.markdown.glossary_links import (
    LINK_CLASS,
    PAGE_TEMPLATE,
    means_the_term,
    term_pattern,
)

EXTENSION = "implant_guide.markdown.glossary_links"

GLOSSARY = CONTENT / "data" / "glossary.toml"
GLOSSARY_PATH = "content/data/glossary.toml"
SKIPPED_CLASSES_HERE = re.compile(rf"\b({CARD_CLASS}|visually-hidden)\b")


def glossary():
    return read_glossaries(GLOSSARY)[0][DEFAULT_LANGUAGE]


def glossary_links(soup):
    return soup.find_all("a", class_=LINK_CLASS)


def content_pages(site):
    """Every built page but the glossary page itself."""
    glossary = site.page_for_slug("glossary")
    return [path for path in site.html_files() if path != glossary]


# -- The built site ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def definitions(site) -> dict:
    """Each definition on the glossary page: its id and its `<dt>`."""
    return definitions_on(site, "glossary")


def definitions_on(site, slug: str) -> dict:
    """Each definition on the glossary page at `slug`: its id and its `<dt>`."""
    soup = site.soup(site.page_for_slug(slug))
    return {dfn["id"]: dfn.find_parent("dt") for dfn in soup.find_all("dfn")}


def test_every_glossary_link_leads_to_a_definition_on_the_glossary_page(site):
    glossaries = {"en": "glossary", "es": "es/glosario"}  # each language's glossary page
    defined = {lang: definitions_on(site, slug) for lang, slug in glossaries.items()}
    checked = 0
    for path in content_pages(site):
        page_url = "/" + site.name(path).removesuffix("index.html")
        lang = site.soup(path).html["lang"]
        for link in glossary_links(site.soup(path)):
            target = urlsplit(urljoin(page_url, link["href"]))
            assert target.path == f"/{glossaries[lang]}/", f"{site.name(path)}: {link}"
            assert target.fragment in defined[lang], f"{site.name(path)}: no definition for {link}"
            checked += 1
    assert checked > 50, "the site's pages link fewer glossary terms than expected"


def test_each_term_is_linked_at_most_once_per_page(site):
    for path in content_pages(site):
        targets = [link["href"] for link in glossary_links(site.soup(path))]
        repeated = {target for target in targets if targets.count(target) > 1}
        assert not repeated, f"{site.name(path)} links these terms more than once: {repeated}"


NOT_LINKED = ("a", "h1", "h2", "h3", "h4", "th", "code", "pre", "figure", "dfn", "abbr")
"""Where no term is linked. Care cards are left out as well: what shows in them may come
from the warning-sign declarations rather than the page's Markdown."""


def _unlinked_uses(body, pattern) -> list[str]:
    """Uses of a term in `body`'s text (where they mean the term) before its glossary
    link, or with none."""
    linked, found = set(), []
    for node in body.descendants:
        if isinstance(node, Tag):
            if LINK_CLASS in node.get("class", []):
                linked.add(node["href"].rsplit("#", 1)[1])
            elif node.name == "h2" and node.get_text(strip=True) == REFERENCES_HEADING:
                break
            continue
        if node.find_parent(NOT_LINKED) or node.find_parent(class_=SKIPPED_CLASSES_HERE):
            continue
        for use in pattern.finditer(node):
            term = glossary().term_of[match_key(use.group())]
            if term.anchor not in linked and means_the_term(term, node, use):
                found.append(f"'{use.group()}' in: {node.strip()[:80]}")
    return found


def test_the_first_use_of_each_term_on_a_page_is_the_one_linked(site):
    for path in content_pages(site):
        if site.soup(path).html["lang"] != "en":
            continue  # the English terms; Spanish pages link the Spanish ones
        body = site.soup(path).find(class_="article__body")
        if body is not None:
            unlinked = _unlinked_uses(body, term_pattern(glossary()))
            assert not unlinked, f"{site.name(path)}:\n" + "\n".join(unlinked)


def test_no_glossary_links_in_headings_link_free_cards_or_references(site):
    for path in site.html_files():
        soup = site.soup(path)
        for link in glossary_links(soup):
            assert not link.find_parent(["h1", "h2", "h3", "h4", "th"]), site.name(path)
            assert not link.find_parent(class_=level_class(LINK_FREE_CARD_LEVEL)), site.name(path)
        references = soup.find("h2", string=REFERENCES_HEADING)
        if references:
            for later in references.find_all_next(["a"]):
                assert LINK_CLASS not in later.get("class", []), site.name(path)


def test_the_glossary_page_and_the_home_page_link_no_terms(site):
    for path in (site.page_for_slug("glossary"), site.root / "index.html"):
        assert not glossary_links(site.soup(path)), site.name(path)


def test_every_term_of_the_glossary_file_is_defined_on_the_glossary_page(site, definitions):
    terms = tomllib.loads(GLOSSARY.read_text(encoding="utf-8"))["terms"]
    shown = {match_key(dt.get_text(" ", strip=True)): dt for dt in definitions.values()}
    assert len(definitions) == len(terms)
    for term in terms:
        dt = shown.get(match_key(term["term"]))
        assert dt is not None, f"{term['term']} is not on the glossary page"
        definition = dt.find_next_sibling("dd").get_text(" ", strip=True)
        assert definition.startswith(term["definition"]), term["term"]
        for name in term.get("also_called", []):
            assert name in definition, f"{term['term']}: also called {name} is not shown"


def test_other_names_lead_to_their_term_in_their_own_place(site, definitions):
    soup = site.soup(site.page_for_slug("glossary"))
    dvt = soup.find("dt", string="DVT")
    assert dvt is not None and dvt.find_previous("h2").get_text() == "D"
    see = dvt.find_next_sibling("dd").a
    assert see.get_text() == "deep vein thrombosis" and see["href"][1:] in definitions


def test_the_glossary_page_is_alphabetical_with_a_letter_for_each_group(site):
    soup = site.soup(site.page_for_slug("glossary"))
    names = [re.sub(r"\W", "", dt.get_text().casefold()) for dt in soup.find_all("dt")]
    assert names == sorted(names)
    letters = [a["href"] for a in soup.select(".glossary-letters a")]
    headings = [f"#{h2['id']}" for h2 in soup.select("h2.glossary-letter")]
    assert letters == headings and len(letters) > 10
    for h2 in soup.select("h2.glossary-letter"):
        first = h2.find_next("dt").get_text()
        assert first[0].upper() == h2.get_text(strip=True), first


def _spanish_order(name: str) -> str:
    """A Spanish reader's order, written out without a collation library: accents, case,
    spaces and punctuation aside, and ñ a letter of its own after n."""
    plain = unicodedata.normalize("NFD", name.casefold().replace("ñ", "n\x7f"))
    return re.sub(r"[^a-z0-9\x7f]", "", plain)


def test_the_spanish_glossary_page_is_in_spanish_order_under_spanish_letters(site):
    soup = site.soup(site.page_for_slug("es/glosario"))
    names = [dt.get_text(strip=True) for dt in soup.find_all("dt")]
    assert names == sorted(names, key=_spanish_order)
    for earlier, later in (
        ("ciática", "cirugía de revisión"),
        ("coágulo de sangre", "corticoesteroide"),
        ("déficit neurológico", "durotomía"),
        ("lámina", "lumbar"),
        ("líquido cefalorraquídeo", "lumbar"),
        ("médula espinal", "migración"),
        ("incontinencia", "índice de masa corporal"),
        ("índice de masa corporal", "infección"),
    ):
        assert names.index(earlier) < names.index(later), (earlier, later)
    letters = [h2.get_text(strip=True) for h2 in soup.select("h2.glossary-letter")]
    assert letters == sorted(set(letters), key=_spanish_order) and "Í" not in letters
    for h2 in soup.select("h2.glossary-letter"):
        entries = h2.find_next("dl").find_all("dt")
        assert {_spanish_order(dt.get_text(strip=True))[0] for dt in entries} == {
            _spanish_order(h2.get_text(strip=True))
        }, h2.get_text()
    links = [a.get_text(strip=True) for a in soup.select(".glossary-letters a")]
    assert links == letters


@pytest.mark.parametrize(
    ("words", "letter"),
    [("índice", "I"), ("Úlcera", "U"), ("ñandú", "Ñ"), ("Ñu", "Ñ"), ("n\u0303u", "Ñ")],
)
def test_accented_letters_go_under_their_base_letter_and_n_tilde_under_its_own(words, letter):
    assert initial(words, "es") == letter


def test_n_tilde_sorts_after_every_n_and_before_o():
    words = ["oca", "ñandú", "nuez", "uña", "Ñu", "unza", "nadar", "Núcleo", "uno"]
    assert sorted(words, key=lambda w: sort_key(w, "es")) == [
        "nadar", "Núcleo", "nuez", "ñandú", "Ñu", "oca", "uno", "unza", "uña",
    ]  # fmt: skip


def test_the_glossary_page_is_listed_searched_and_in_the_sitemap(site):
    page = site.soup(site.page_for_slug("glossary"))
    assert page.find(attrs={"data-pagefind-body": True}) is not None
    assert "glossary/" in (site.root / "sitemap.xml").read_text(encoding="utf-8")
    footer = site.soup(site.root / "index.html").find("footer")
    assert footer.find("a", string="Glossary") is not None


# -- The linking rules, on small documents -----------------------------------------------

TERMS = """
[[terms]]
term = "deep vein thrombosis"
also_called = ["DVT"]
definition = "A blood clot in a deep vein."

[[terms]]
term = "vein"
forms = ["veins"]
definition = "A tube that carries blood back to the heart."

[[terms]]
term = "pulmonary embolism"
also_called = ["PE"]
definition = "A blood clot in the lungs."

[[terms]]
term = "disc"
definition = "A soft pad between two bones of the spine."

[[terms]]
term = "fusion"
definition = "An operation that joins bones."

[[terms]]
term = "stitches"
forms = ["stitch"]
not_in = ["stitch in your side"]
definition = "Threads that close a wound."
"""


@pytest.fixture
def convert(tmp_path):
    glossary = tmp_path / "glossary.toml"
    glossary.write_text(TERMS, encoding="utf-8")

    configs = extension_configs(read_settings(str(ROOT / "pelicanconf.py")))

    def convert(body: str, header: str = "Title: A page", path: Path = glossary) -> str:
        configs[EXTENSION]["glossary_file"] = str(path)
        md = markdown.Markdown(
            extensions=["markdown.extensions.meta", *configs], extension_configs=configs
        )
        return md.convert(f"{header}\n\n{body}" if header else body)

    return convert


def linked(html: str) -> list[str]:
    """The text of each glossary link, in order."""
    return re.findall(rf'<a class="{LINK_CLASS}" href="[^"]*#term-[a-z-]+">([^<]*)</a>', html)


def test_only_the_first_use_of_a_term_links(convert):
    html = convert("A vein here. Another vein.\n\nVeins again.")
    assert linked(html) == ["vein"]
    assert 'href="{filename}/pages/glossary.md#term-vein"' in html


def test_whole_words_in_any_case_longest_first(convert):
    html = convert("A Deep Vein Thrombosis and then a vein. No discectomy, no confusion, one disc.")
    assert linked(html) == ["Deep Vein Thrombosis", "vein", "disc"]


def test_a_term_written_over_two_lines_links(convert):
    assert linked(convert("It was a deep vein\nthrombosis.")) == ["deep vein\nthrombosis"]


def test_capitals_link_only_in_capitals(convert):
    assert linked(convert("You may need a pe class. A PE is serious.")) == ["PE"]
    assert linked(convert("A DVT, then a deep vein thrombosis.")) == ["DVT"]


def test_headings_links_code_and_emergency_cards_are_left_alone(convert):
    html = convert(
        "## The vein\n\n"
        "[a vein](https://example.org/) and `disc`\n\n"
        "!!! emergency operation\n    - a PE\n\n"
        "!!! urgent operation\n    - a fusion problem\n\n"
        "Later, a vein, a disc and a PE.\n\n"
        f"## {REFERENCES_HEADING}\n\n1. Deep vein thrombosis study."
    )
    assert linked(html) == ["fusion", "vein", "disc", "PE"]
    emergency = html[html.index(level_class("emergency")) : html.index(level_class("urgent"))]
    assert LINK_CLASS not in emergency


def test_the_glossary_page_and_summaries_link_nothing(convert):
    assert linked(convert("A vein.", header=f"Title: Glossary\nTemplate: {PAGE_TEMPLATE}")) == []
    assert linked(convert("A vein.", header="")) == []  # as Pelican converts a Summary


def test_a_word_inside_a_phrase_of_its_not_in_list_does_not_link(convert):
    html = convert("A stitch in your side is a cramp. Then the nurse took out a stitch.")
    assert linked(html) == ["stitch"]
    assert html.index(LINK_CLASS) > html.index("Then the nurse")
    assert linked(convert("A STITCH IN\nYOUR SIDE hurts.")) == []  # any case and spacing


def test_spanish_puntos_link_to_stitches_only_where_they_are_stitches(convert):
    def spanish(body):
        return linked(convert(body, header="Title: Una página\nLang: es", path=GLOSSARY))

    assert spanish("La calidad de vida subió 19 puntos de 100.") == []
    assert spanish("¿Cuáles son los puntos buenos y malos de cada opción?") == []
    assert spanish("Subió 19 puntos de 100. Muchos puntos se disuelven solos.") == ["puntos"]
    assert spanish("Si hay que quitarle los puntos, vaya a esa cita.") == ["puntos"]


def test_the_built_spanish_pages_link_puntos_only_for_stitches(site):
    def puntos_links(slug):
        links = glossary_links(site.soup(site.page_for_slug(slug)))
        return [link["href"].rsplit("#", 1)[1] for link in links if link.get_text() == "puntos"]

    body = site.soup(site.page_for_slug("es/sus-opciones")).find(class_="article__body")
    assert "Subió 19 puntos de 100" in body.get_text()
    assert puntos_links("es/sus-opciones") == []
    assert puntos_links("es/preguntas-para-su-cirujano") == []
    assert puntos_links("es/implante-interlaminar") == []  # scores: "más de 15 puntos"
    assert puntos_links("es/infeccion-de-la-herida") == ["term-puntos-de-sutura"]


def test_text_around_links_is_kept(convert):
    html = convert("Before *the vein* and a disc, after.")
    assert linked(html) == ["vein", "disc"]
    assert re.sub(r"<[^>]+>", "", html) == "Before the vein and a disc, after."


MRI_TERM = """
[[terms]]
term = "MRI"
forms = ["MRI scan"]
definition = "A scan that uses a strong magnet."
"""

CONVERT_IN_A_NEW_PROCESS = f"""
import sys, markdown
from pelican.settings import read_settings
from implant_guide.markdown import extension_configs
configs = extension_configs(read_settings({str(ROOT / "pelicanconf.py")!r}))
configs[{EXTENSION!r}]["glossary_file"] = sys.argv[1]
md = markdown.Markdown(extensions=["markdown.extensions.meta", *configs], extension_configs=configs)
print(md.convert(sys.argv[2]))
"""


def test_the_longer_of_two_matching_words_links_on_every_run(tmp_path):
    """'MRI' links only in capitals, 'MRI scan' in any case: both match 'MRI scan', and the
    longer one links whatever order Python keeps its sets in (a new PYTHONHASHSEED in
    each process), so a page reads the same on every build."""
    glossary = tmp_path / "glossary.toml"
    glossary.write_text(TERMS + MRI_TERM, encoding="utf-8")
    for seed in (0, 3):  # 0 and 3 keep the two words in opposite orders in a set
        run = subprocess.run(
            [
                sys.executable,
                "-c",
                CONVERT_IN_A_NEW_PROCESS,
                str(glossary),
                "Title: A page\n\nAn MRI scan today.",
            ],
            env={"PYTHONHASHSEED": str(seed), "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            check=True,
        )
        assert linked(run.stdout) == ["MRI scan"], f"PYTHONHASHSEED={seed}: {run.stdout}"


# -- A bad glossary file is refused ---------------------------------------------------------


def _term(name, definition="A plain word.", extra=""):
    return f'\n[[terms]]\nterm = "{name}"\n{extra}definition = "{definition}"\n'


BAD_GLOSSARIES = {
    "broken TOML": (lambda text: text + '\n[[terms]]\nterm = "oops\n', "not valid TOML"),
    "term without a definition": (
        lambda text: text + '\n[[terms]]\nterm = "vagueness"\n',
        "'vagueness' has no definition",
    ),
    "duplicate term": (
        lambda text: text + _term("Incision"),
        "'Incision' is already in the glossary, for 'incision'",
    ),
    "duplicate form": (
        lambda text: text + _term("deep clot", extra='also_called = ["DVT"]\n'),
        "'DVT' is already in the glossary, for 'deep vein thrombosis'",
    ),
    "unknown key": (
        lambda text: text + _term("gauze", extra='meaning = "cloth"\n'),
        "unknown key 'meaning' in a term",
    ),
    "unknown table": (lambda text: "[settings]\nstyle = 1\n" + text, "unknown key 'settings'"),
    "forms not a list": (
        lambda text: text + _term("gauze", extra='forms = "gauzes"\n'),
        "forms is not a list of words",
    ),
    "not_in phrase without the term's words": (
        lambda text: text + _term("gauze", extra='not_in = ["cotton wool"]\n'),
        "'cotton wool' in not_in holds none of the words of 'gauze'",
    ),
    "Spanish not_in phrase that is the term itself": (
        lambda text: (
            text
            + _term(
                "gauze",
                extra='term_es = "gasa"\ndefinition_es = "Una tela fina."\nnot_in_es = ["Gasa"]\n',
            )
        ),
        "'Gasa' in not_in_es is one of the words of 'gasa'",
    ),
    "not_in not a list": (
        lambda text: text + _term("gauze", extra='not_in = "gauze pad"\n'),
        "not_in is not a list of words",
    ),
    "definition above the reading grade": (
        lambda text: (
            text
            + _term(
                "neuroforaminal stenosis",
                "Pathological circumferential constriction of intervertebral neuroforaminal "
                "dimensions precipitating radicular symptomatology.",
            )
        ),
        "the definition of 'neuroforaminal stenosis' reads at grade",
    ),
}


@pytest.mark.parametrize("case", BAD_GLOSSARIES, ids=list(BAD_GLOSSARIES))
def test_a_bad_glossary_is_refused_with_its_line(in_small_project, capfd, case):
    change, expected = BAD_GLOSSARIES[case]
    original = (in_small_project / GLOSSARY_PATH).read_text(encoding="utf-8")
    text = change(original)
    report = run_broken_checks(in_small_project, GLOSSARY_PATH, text, capfd)
    problem = next((line for line in report.splitlines() if expected in line), None)
    assert problem, report
    match = re.match(rf"^{re.escape(GLOSSARY_PATH)}:(\d+): .+\. .+", problem)
    assert match, problem
    line = int(match.group(1))
    assert 1 <= line <= len(text.splitlines())
    if case != "unknown table":
        assert line > len(original.splitlines()), f"{problem} is not on the added lines"
