"""The site's search index holds the bodies of the articles and pages, and nothing else; a
rebuild indexes what changed; a failed, missing or stuck Pagefind stops the index with the
reason, and a stuck one fails the whole build, which leaves the output as it was."""

import gzip
import json
import re
import sys
from pathlib import Path

import pytest
from conftest import (
    CATALOGS,
    article_sources,
    changed_file,
    listed_page_sources,
    site_digest,
    translated_sources,
    tree_digest,
)

from implant_guide.content_model import REFERENCES_HEADING, heading_in
from implant_guide.glossary import read_glossaries
from implant_guide.languages import LANGUAGES, TRANSLATED
from implant_guide.plugins import search_index
from implant_guide.plugins.search_index import (
    INDEX_FOLDER,
    PAGEFIND_PROGRAM_VARIABLE,
    READY_MADE_INTERFACES,
    SearchIndexError,
    write_index,
)
from implant_guide.release.build import build, staging_dir
from implant_guide.theme_text import translations

IGNORED_PARTS = (".contents-list", ".on-this-page", ".review-date")  # around an article's body
NEW_WORD = "quokka"  # in no article
REFERENCES = {
    lang: heading_in(REFERENCES_HEADING, translations(lang, CATALOGS)) for lang in LANGUAGES
}


def _indexed_pages(site: Path) -> dict[str, dict]:
    """The pages in `site`'s search index by address: each one's record (text, title), as
    Pagefind stores it (gzip, a signature, JSON). Only the tests read these files."""
    fragments = (site / INDEX_FOLDER / "fragment").iterdir()
    records = [
        json.loads(gzip.decompress(p.read_bytes()).removeprefix(b"pagefind_dcd")) for p in fragments
    ]
    return {record["url"]: record for record in records}


def _content_urls() -> dict[str, str]:
    """The address of every article and listed page, in every language: its language."""
    urls = {
        f"/{s.field('slug').value}/": "en" for s in [*article_sources(), *listed_page_sources()]
    }
    for lang in TRANSLATED:
        prefix = LANGUAGES[lang].prefix
        urls.update({f"/{prefix}{s.field('slug').value}/": lang for s in translated_sources(lang)})
    return urls


def test_only_article_and_page_bodies_are_marked_for_indexing(each_build):
    content = {each_build.page_for_slug(url.strip("/")) for url in _content_urls()}
    for file in each_build.html_files():
        soup = each_build.soup(file)
        name = each_build.name(file)
        bodies = soup.select("[data-pagefind-body]")
        if file not in content:
            assert not bodies, f"{name} should not be indexed"
            continue
        (body,) = bodies
        assert body.name == "article" and body.find_parent("main"), name
        assert not body.find(["header", "footer"]), name
        for part in body.select(", ".join(IGNORED_PARTS)):
            assert part.has_attr("data-pagefind-ignore"), f"{name}: {part['class']}"


def test_index_holds_every_article_and_listed_page(each_build):
    entry = json.loads((each_build.root / INDEX_FOLDER / "pagefind-entry.json").read_text())
    urls = _content_urls()
    for lang, index in entry["languages"].items():
        assert index["page_count"] == sum(1 for url_lang in urls.values() if url_lang == lang)
    assert set(entry["languages"]) == set(LANGUAGES)
    assert set(_indexed_pages(each_build.root)) == set(urls)


@pytest.mark.parametrize(
    ("words", "slug"),
    [
        ("dural tear", "dural-tear"),
        ("blood clot", "blood-clots"),
        ("drive", "recovery"),
        ("lifting", "recovery"),
    ],
)
def test_the_page_about_a_topic_is_indexed_with_its_words(site, words, slug):
    assert words in _indexed_pages(site.root)[f"/{slug}/"]["content"].lower()


def test_the_parts_around_an_article_body_are_not_indexed(site):
    for url, record in _indexed_pages(site.root).items():
        assert "Page last reviewed" not in record["content"], url
        assert "On this page" not in record["content"], url
        assert "a worksheet for my visit" not in record["content"], url
    assert "physical therapy" in _indexed_pages(site.root)["/your-options/"]["content"]


@pytest.mark.parametrize(
    ("lang", "term", "patient_words"),
    [
        ("en", "pain medicine", ["pain pills", "painkiller"]),
        ("en", "brace", ["back brace"]),
        ("es", "analgésico", ["calmante", "pastillas para el dolor"]),
        ("es", "faja", ["faja lumbar", "corsé"]),
    ],
)
def test_the_words_patients_use_reach_the_index_of_each_page_using_the_term(
    site, lang, term, patient_words
):
    glossary = read_glossaries(site.settings["GLOSSARY_FILE"])[0][lang]
    (entry,) = [t for t in glossary.terms if t.name == term]
    assert set(patient_words) <= set(entry.also_called)
    uses = re.compile("|".join(rf"\b{re.escape(w)}\b" for w in entry.words), re.IGNORECASE)
    records = _indexed_pages(site.root)
    using = []
    for url, url_lang in _content_urls().items():
        body = site.soup(site.page_for_slug(url.strip("/"))).select_one(".article__body")
        if url_lang == lang and uses.search(body.get_text(" ").split(REFERENCES[lang])[0]):
            using.append(url)
            assert all(word in records[url]["content"] for word in patient_words), url
    assert len(using) >= 2


def _search_words(site, slug) -> dict[str, int]:
    """The hidden search words of a page, each line's words with its weight."""
    soup = site.soup(site.page_for_slug(slug))
    return {
        p.get_text(): int(p["data-pagefind-weight"])
        for p in soup.select("[data-pagefind-body] .search-words p")
    }


def test_a_page_gets_no_search_words_where_a_term_means_something_else(site):
    """Sus opciones and the implant page write "puntos" for scores (the glossary's not_in),
    not for stitches: they are not found by the names of stitches."""
    for slug in ("es/sus-opciones", "es/implante-interlaminar"):
        assert not [words for words in _search_words(site, slug) if "sutura" in words], slug
    assert any("sutura" in words for words in _search_words(site, "es/recuperacion"))


@pytest.mark.parametrize(
    ("slug", "names"),
    [
        ("pain-medicine", "pain reliever, painkiller, pain pills"),
        ("es/medicamentos-para-el-dolor", "analgésico, calmante, pastillas para el dolor"),
    ],
)
def test_the_page_whose_title_names_a_term_weighs_its_other_names_most(site, slug, names):
    words = _search_words(site, slug)
    line = next(line for line in words if line.startswith(names))
    assert words[line] == 10
    assert max(words.values()) == 10


def test_the_words_patients_use_are_hidden_from_readers(site):
    soup = site.soup(site.page_for_slug("recovery"))
    words = soup.select_one("[data-pagefind-body] .search-words")
    assert words.has_attr("hidden") and "pain pills" in words.get_text()
    assert "pain pills" not in soup.select_one(".article__body").get_text()


def test_index_holds_pagefinds_api_without_its_unused_interfaces(each_build):
    index = each_build.root / INDEX_FOLDER
    assert (index / "pagefind.js").is_file() and (index / "pagefind-worker.js").is_file()
    assert not [name for name in READY_MADE_INTERFACES if (index / name).exists()]


def _with_new_word(article: str) -> str:
    """The article's text with a sentence holding NEW_WORD before its references."""
    return article.replace("## References", f"You may meet a {NEW_WORD}.\n\n## References", 1)


def _pages_with(site: Path, word: str) -> list[str]:
    """The addresses of the indexed pages whose text holds `word`."""
    return [url for url, record in _indexed_pages(site).items() if word in record["content"]]


def _index(site: Path) -> tuple[dict[str, str], dict]:
    """The search index of a built site: its files by hash, and Pagefind's entry file as
    data (`site_digest`)."""
    files, entry = site_digest(site)
    index = {name: digest for name, digest in files.items() if name.startswith(INDEX_FOLDER)}
    return index, entry


def test_a_rebuild_indexes_what_changed_and_equals_a_clean_build(project, tmp_path):
    article = project / "content" / "articles" / "dural-tear.md"
    with changed_file(article, _with_new_word(article.read_text(encoding="utf-8"))):
        assert build(str(project / "pelicanconf.py"), project / "output") == 0
        assert build(str(project / "pelicanconf.py"), tmp_path / "clean") == 0
    assert _pages_with(project / "output", NEW_WORD) == ["/dural-tear/"]
    rebuilt, clean = _index(project / "output"), _index(tmp_path / "clean")
    assert rebuilt[0] and rebuilt == clean


def test_a_draft_is_previewed_in_development_but_never_indexed_or_published(project, tmp_path):
    source = (project / "content" / "articles" / "blood-clots.md").read_text(encoding="utf-8")
    draft = _with_new_word(
        source.replace("Title: Blood clots", "Title: A draft about clots").replace(
            "Slug: blood-clots", "Slug: a-draft\nStatus: draft"
        )
    )
    with changed_file(project / "content" / "articles" / "draft.md", draft):
        for name in ("pelicanconf.py", "publishconf.py"):
            assert build(str(project / name), tmp_path / name) == 0
    development, published = tmp_path / "pelicanconf.py", tmp_path / "publishconf.py"
    assert NEW_WORD in (development / "drafts" / "a-draft" / "index.html").read_text()
    assert not (published / "drafts").exists()
    for site in (development, published):
        assert not _pages_with(site, NEW_WORD)
        assert "a-draft" not in (site / "sitemap.xml").read_text()


def _fake_pagefind(folder: Path, body: str) -> Path:
    """A program that stands in for Pagefind's and runs the Python `body`."""
    path = folder / "pagefind"
    path.write_text(f"#!{sys.executable}\nimport sys, time\n{body}\n", encoding="utf-8")
    path.chmod(0o755)
    return path


STUCK_SECONDS = 300
"""How long the stuck Pagefind sleeps: far past the deadline (1 second), so an index that
did not stop it at the deadline would end with another message."""

BROKEN_PAGEFIND = {
    "missing": (lambda folder: folder / "no-such-pagefind", "No such file or directory"),
    "failing": (
        lambda folder: _fake_pagefind(folder, 'sys.exit("Error: the site cannot be read")'),
        "Pagefind failed (exit status 1): Error: the site cannot be read",
    ),
    "writing nothing": (
        lambda folder: _fake_pagefind(folder, "pass"),
        f"Pagefind wrote no {INDEX_FOLDER}/pagefind.js",
    ),
    "stuck": (
        lambda folder: _fake_pagefind(folder, f"time.sleep({STUCK_SECONDS})"),
        "Pagefind did not finish within 1 s (SEARCH_INDEX_TIMEOUT",
    ),
}


@pytest.mark.parametrize("case", BROKEN_PAGEFIND, ids=list(BROKEN_PAGEFIND))
def test_a_failed_search_index_says_why_and_what_to_do(case, tmp_path, monkeypatch):
    program, expected = BROKEN_PAGEFIND[case]
    monkeypatch.setenv(PAGEFIND_PROGRAM_VARIABLE, str(program(tmp_path)))
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<html><body data-pagefind-body>A page.</body></html>")
    with pytest.raises(SearchIndexError) as refused:
        write_index(site, timeout=1)
    assert expected in str(refused.value) and "then build again" in str(refused.value)


def test_without_pagefinds_program_the_index_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(search_index, "get_executable", lambda: None)
    with pytest.raises(SearchIndexError) as refused:
        write_index(tmp_path, timeout=1)
    assert "Pagefind's program was not found" in str(refused.value)
    assert "then build again" in str(refused.value)


def test_a_stuck_search_index_fails_the_build_and_keeps_the_output(
    project, tmp_path, monkeypatch, capfd
):
    program, expected = BROKEN_PAGEFIND["stuck"]
    monkeypatch.setenv(PAGEFIND_PROGRAM_VARIABLE, str(program(tmp_path)))
    before = tree_digest(project / "output")
    deadline = ("-e", "SEARCH_INDEX_TIMEOUT=1")
    assert build(str(project / "pelicanconf.py"), project / "output", *deadline) != 0
    report = capfd.readouterr().err
    assert "The search index was not written" in report and expected in report, report
    assert tree_digest(project / "output") == before
    assert not staging_dir(project / "output").exists()
