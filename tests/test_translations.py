"""The Spanish guide: pairs, addresses between languages, theme text and staleness."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from conftest import CATALOGS, ROOT, assert_refused_cleanly, changed_file, tree_digest
from support.content_check import checked_content, run_broken_checks

from implant_guide.languages import DEFAULT_LANGUAGE, LANGUAGES, TRANSLATED
from implant_guide.release.build import build
from implant_guide.sources import MarkdownSource
from implant_guide.theme_text import catalog_path, translations

CONTENT = ROOT / "content"
SPANISH_ARTICLE = "content/articles/es/desgarro-dural.md"


def sources(lang: str) -> dict[str, MarkdownSource]:
    """Every article and page in `lang`, by its Translation_key."""
    found = {}
    for path in sorted(CONTENT.glob("*/**/*.md")):
        source = MarkdownSource(path)
        declared = source.field("lang")
        if (declared.value if declared else DEFAULT_LANGUAGE) == lang:
            found[source.field("translation_key").value] = source
    return found


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_english_page_has_its_translation_and_back(lang):
    english, translated = sources(DEFAULT_LANGUAGE), sources(lang)
    assert sorted(set(english) - set(translated)) == [], "English pages without a translation"
    assert sorted(set(translated) - set(english)) == [], "translations of no English page"


def test_english_translation_key_is_its_slug():
    for key, source in sources(DEFAULT_LANGUAGE).items():
        assert key == source.field("slug").value, source.display_path


def alternates(site, path: Path) -> dict[str, str]:
    """The hreflang links of a page, as paths in the built site."""
    soup = site.soup(path)
    return {
        link["hreflang"]: site.file_of(path, link["href"])
        for link in soup.select('link[rel="alternate"][hreflang]')
    }


def test_every_page_links_to_itself_in_each_language(site):
    for path in site.html_files():
        if "<html" not in path.read_text(encoding="utf-8")[:200] or "drafts" in path.parts:
            continue
        links = alternates(site, path)
        assert set(links) == {*LANGUAGES, "x-default"}, site.name(path)
        assert links["x-default"] == links[DEFAULT_LANGUAGE], site.name(path)
        assert all(target.exists() for target in links.values()), site.name(path)


def test_hreflang_pairs_are_reciprocal(site):
    for path in site.html_files():
        links = alternates(site, path)
        if not links:
            continue
        language = site.soup(path).html["lang"]
        if links[language] != path.resolve():
            continue  # a page that is not itself an alternate (404)
        for lang, target in links.items():
            if lang == "x-default" or target == path.resolve():
                continue
            back = alternates(site, target)
            if back.get(lang) == target and back.get(language) not in (None, path.resolve()):
                continue  # the other language's home page, where this page is not translated
            assert back[language] == path.resolve(), f"{site.name(path)} -> {site.name(target)}"


@pytest.mark.parametrize(
    ("page", "other", "name"),
    [
        ("dural-tear/index.html", "es/desgarro-dural/index.html", "Español"),
        ("es/desgarro-dural/index.html", "dural-tear/index.html", "English"),
        ("contact/index.html", "es/contacto/index.html", "Español"),
        ("index.html", "es/index.html", "Español"),
        ("es/index.html", "index.html", "English"),
        ("search/index.html", "es/buscar/index.html", "Español"),
    ],
)
def test_language_switcher_goes_to_the_same_page(site, page, other, name):
    path = site.root / page
    soup = site.soup(path)
    link = soup.select_one(".language-switcher a")
    assert link.get_text(strip=True) == name
    code = next(code for code, language in LANGUAGES.items() if language.name == name)
    assert link["lang"] == code and link["hreflang"] == code
    assert site.file_of(path, link["href"]) == (site.root / other).resolve()
    assert soup.select_one(".language-switcher")["aria-label"]


@pytest.mark.parametrize(
    ("page", "help_page"),
    [("index.html", "language-help/"), ("es/desgarro-dural/index.html", "es/ayuda-con-el-idioma/")],
)
def test_footer_links_once_to_the_language_help_in_its_language(site, page, help_page):
    footer = site.soup(site.root / page).find("footer")
    links = [a for a in footer.find_all("a") if a["href"].endswith(help_page)]
    assert len(links) == 1, links


def test_spanish_pages_say_they_are_spanish(site):
    for path in (site.root / "es").rglob("*.html"):
        soup = site.soup(path)
        assert soup.html["lang"] == "es", site.name(path)
        assert soup.select_one(".skip-link").get_text() == "Saltar al contenido principal"


def test_spanish_article_shows_spanish_text(site):
    soup = site.soup(site.root / "es" / "desgarro-dural" / "index.html")
    text = soup.get_text(" ", strip=True)
    risk = "Aproximadamente 9 de cada 100 personas tuvieron un desgarro dural. Las otras 91, no."
    assert risk in text
    assert "Llame al 911 o vaya a la sala de emergencias más cercana si:" in text
    assert "24 de noviembre de 2026" in text
    assert soup.find("h2", string="Referencias")
    assert "Última revisión de la página:" in text
    translator = site.clinic["reviewers"]["spanish-reviewer"]
    credit = f"Traducción revisada por {translator['name']}, {translator['role_es']}, el "
    dates = " ".join(soup.find(class_="review-date").get_text(" ").split())
    assert re.search(rf"{re.escape(credit)}\d{{1,2}} de [a-z]+ de \d{{4}}\.", dates), dates
    data = json.loads(soup.select_one('script[type="application/ld+json"]').string)
    assert data["inLanguage"] == "es"


def test_the_spanish_about_page_names_the_reviewers_in_spanish(site):
    about = site.soup(site.root / "es" / "acerca-de" / "index.html").find(class_="article__body")
    reviewers = list(site.clinic["reviewers"].values())
    named = [f"{r['name']}, {r['credentials']} ({r['role_es']})" for r in reviewers]
    assert " y ".join(named) in " ".join(about.get_text(" ").split())


def test_english_dates_stay_english(site):
    text = site.soup(site.root / "dural-tear" / "index.html").get_text(" ", strip=True)
    assert "November 24, 2026" in text


@pytest.mark.parametrize("lang", TRANSLATED)
def test_catalog_translates_every_message_of_the_interface(lang, tmp_path):
    template = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-o",
            str(template),
            "--no-location",
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with template.open("rb") as pot:
        wanted = {(message.context, message.id) for message in read_po(pot) if message.id}
    with catalog_path(lang, CATALOGS).open("rb") as po:
        catalog = read_po(po)
    translated = {
        (message.context, message.id)
        for message in catalog
        if message.id and message.string and not message.fuzzy
    }
    untranslated = sorted(wanted - translated, key=str)
    assert untranslated == [], f"untranslated in {catalog_path(lang, CATALOGS)}"
    assert (CATALOGS / "messages.pot").exists()


def test_search_has_an_index_per_language(site):
    entry = json.loads((site.root / "pagefind" / "pagefind-entry.json").read_text())
    assert set(entry["languages"]) >= set(LANGUAGES)


def test_sitemap_lists_each_page_with_its_alternates(published_site):
    sitemap = (published_site.root / "sitemap.xml").read_text(encoding="utf-8")
    url = published_site.settings["SITEURL"]
    entry = re.search(rf"<url>\s*<loc>{url}/dural-tear/</loc>.*?</url>", sitemap, re.S).group()
    assert f'hreflang="es" href="{url}/es/desgarro-dural/"' in entry
    assert f'hreflang="en" href="{url}/dural-tear/"' in entry
    assert f'hreflang="x-default" href="{url}/dural-tear/"' in entry
    spanish = re.search(
        rf"<url>\s*<loc>{url}/es/desgarro-dural/</loc>.*?</url>", sitemap, re.S
    ).group()
    assert spanish.count("<xhtml:link") == 3
    assert f'hreflang="x-default" href="{url}/dural-tear/"' in spanish
    assert " ref=" not in sitemap
    for home in ("", "es/"):
        entry = re.search(rf"<url>\s*<loc>{url}/{home}</loc>.*?</url>", sitemap, re.S).group()
        assert f'hreflang="es" href="{url}/es/"' in entry
        assert f'hreflang="x-default" href="{url}/"' in entry


def test_feed_per_language(published_site):
    assert (published_site.root / "feeds" / "all.atom.xml").exists()
    spanish = (published_site.root / "es" / "feeds" / "all.atom.xml").read_text()
    assert "/es/desgarro-dural/" in spanish and "/dural-tear/" not in spanish


ENGLISH_ARTICLE = "content/articles/dural-tear.md"


def _modified_after_the_translation(project) -> str:
    """The English article's text, as modified after its translation was reviewed."""
    text = (project / ENGLISH_ARTICLE).read_text(encoding="utf-8")
    return re.sub(r"^Modified: .*$", "Modified: 2026-12-05", text, flags=re.M)


def test_stale_translation_is_refused_by_publishing(in_project, capfd):
    """The real build, end to end; the other cases run the build's checks in-process."""
    before = tree_digest(in_project / "output")
    with changed_file(in_project / ENGLISH_ARTICLE, _modified_after_the_translation(in_project)):
        status = build(str(in_project / "publishconf.py"), in_project / "output")
    report = capfd.readouterr().err
    assert status != 0
    assert tree_digest(in_project / "output") == before
    assert_refused_cleanly(report, SPANISH_ARTICLE)
    assert re.search(
        rf"{SPANISH_ARTICLE}:\d+: stale translation: {ENGLISH_ARTICLE} was modified on 2026-12-05",
        report,
    ), report


def test_stale_translation_is_a_warning_in_development(in_project, capfd):
    text = _modified_after_the_translation(in_project)
    report = checked_content(in_project, ENGLISH_ARTICLE, text, capfd)
    lines = (in_project / SPANISH_ARTICLE).read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.startswith("Translation_reviewed:"))
    assert f"{SPANISH_ARTICLE}:{line}: warning: stale translation" in report


def test_missing_translation_is_refused_by_publishing(in_project, capfd):
    page = "content/pages/new-page.md"
    text = (
        "Title: A new page\nSlug: new-page\nTranslation_key: new-page\n"
        "Summary: A page without its Spanish.\nModified: 2026-11-30\n\nSome text.\n"
    )
    report = run_broken_checks(in_project, page, text, capfd, settings="publishconf.py")
    assert f"{page}:3: no Spanish translation of this page" in report, report


def test_spanish_article_needs_the_spanish_headings(in_project, capfd):
    text = (in_project / SPANISH_ARTICLE).read_text(encoding="utf-8")
    text = text.replace("## Qué tan común es", "## How common it is")
    report = run_broken_checks(in_project, SPANISH_ARTICLE, text, capfd)
    assert "missing required section '## Qué tan común es'" in report, report


# -- No English on the pages of another language -------------------------------------------

CITATION_WORDS = ("Accessed", "Published online", "Available at", "Presented at", "Preprint")
"""The words citeproc writes in English around a source's own (CSL terms)."""
READ_ATTRIBUTES = ("aria-label", "alt", "title", "placeholder", "content")
"""Attributes whose text people read or hear (`content`: of meta tags)."""
PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\w+\}")


def english_interface_text(lang: str) -> list[tuple[str, re.Pattern]]:
    """Each English message of the catalogs that `lang` translates differently, as a
    whole-word pattern (its placeholders match any words). Single lowercase words (the
    "and" of a list, the words around a citation) are left to the tests of where they are
    used: proper names in the text may hold them."""
    with catalog_path(lang, CATALOGS).open("rb") as po:
        catalog = read_po(po)
    patterns = []
    for message in catalog:
        if not message.id or message.string == message.id or re.fullmatch(r"[a-z]+", message.id):
            continue
        words = PLACEHOLDER.split(message.id)
        pattern = r"\S.*?".join(re.escape(part) for part in words)
        patterns.append((message.id, re.compile(rf"(?<![\w-]){pattern}(?![\w-])")))
    return patterns


def read_text(soup) -> list[str]:
    """Everything a reader of a page sees or hears in the page's language: its text (SVG
    titles, descriptions and labels included), the attributes that are read out, sharing
    tags and structured data; not elements in another language (the language switcher),
    nor the sources listed under References, whose titles stay in their own language."""
    page = soup.html["lang"]
    for element in soup.select("[lang]"):
        if element.name != "html" and element["lang"] != page:
            element.decompose()
    data = [json.loads(script.string) for script in soup.select('script[type$="ld+json"]')]
    for element in soup.select("script, ol.references > li"):
        element.decompose()
    texts = [soup.get_text(" ")]
    for element in soup.find_all(True):
        texts += [element[name] for name in READ_ATTRIBUTES if element.get(name)]
        texts += [value for name, value in element.attrs.items() if name.startswith("data-text")]
    return [*texts, *(text for item in data for text in _strings(item))]


def _strings(value) -> list[str]:
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return [value] if isinstance(value, str) else []


@pytest.mark.parametrize("lang", TRANSLATED)
def test_pages_in_another_language_show_no_english_interface_text(site, lang):
    english = english_interface_text(lang)
    assert any(message == "Information:" for message, _ in english), "a label read out"
    pages = sorted((site.root / LANGUAGES[lang].prefix).rglob("*.html"))
    assert len(pages) > 20
    found = {}
    for path in pages:
        text = "\n".join(read_text(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")))
        if english_here := [message for message, pattern in english if pattern.search(text)]:
            found[site.name(path)] = english_here
    assert found == {}, "English on the pages of another language"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_references_in_another_language_have_no_english_words_around_the_sources(site, lang):
    entries = [
        " ".join(entry.get_text(" ").split())
        for path in sorted((site.root / LANGUAGES[lang].prefix).rglob("*.html"))
        for entry in site.soup(path).select("ol.references > li")
    ]
    assert len(entries) > 30
    accessed = translations(lang, CATALOGS).pgettext("citation", "accessed")
    assert any(accessed[0].upper() + accessed[1:] in entry for entry in entries)
    assert [entry for entry in entries if any(w in entry for w in CITATION_WORDS)] == []
