"""Citations and reference lists: numbered in page order, linked both ways, and every
source shown in AMA style with a link to its DOI, PubMed record or web address."""

import html
import re

import pytest
from conftest import CONTENT, article_sources, page_sources

from implant_guide.bibliography import read_bibliography
from implant_guide.content_model import REFERENCES_HEADING
from implant_guide.markdown.citations import citations_in
from implant_guide.sources import JsonSource

BIBLIOGRAPHY, PROBLEMS = read_bibliography(CONTENT / "data" / "references.json")
IDENTIFIER_LINK = re.compile(
    r"^(https://doi\.org/10\.\d{4,9}/\S+|https://pubmed\.ncbi\.nlm\.nih\.gov/\d+/|https://\S+)$"
)
SOURCES = [*article_sources(), *page_sources()]


def _keys_in_order(source) -> list[str]:
    keys = []
    for line in source.lines[source.body_start - 1 :]:
        keys += citations_in(line)
    return list(dict.fromkeys(keys))


def _text(element) -> str:
    return " ".join(element.get_text().split())


def test_the_bibliography_reads_without_problems():
    assert BIBLIOGRAPHY.readable and BIBLIOGRAPHY.entries
    assert not PROBLEMS, PROBLEMS


def test_items_are_found_on_their_lines_past_brackets_and_quotes_in_strings(tmp_path):
    text = '[\n {"title": "a \\"[quoted]\\" {x}"},\n {"id": [1, {"c": "}"}]},\n\n {}\n]'
    (tmp_path / "references.json").write_text(text, encoding="utf-8")
    assert JsonSource(tmp_path / "references.json").item_lines == [2, 3, 5]


def test_every_source_is_cited_somewhere():
    cited = {key for source in SOURCES for key in _keys_in_order(source)}
    assert cited == set(BIBLIOGRAPHY.items)


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s.path.stem)
def test_references_list_the_cited_sources_in_order_of_first_citation(site, source):
    keys = _keys_in_order(source)
    soup = site.soup(site.page_of(source))
    listed = soup.select("ol.references > li")
    assert [item["id"] for item in listed] == [f"ref-{n}" for n in range(1, len(keys) + 1)]
    for key, item in zip(keys, listed, strict=True):
        entry = html.unescape(re.sub(r"<[^>]+>", "", BIBLIOGRAPHY.entries[key]))
        assert _text(item).startswith(" ".join(entry.split())), (source.display_path, key)
    if keys:
        heading = soup.find("h2", string=REFERENCES_HEADING)
        assert heading.find_next_sibling() is soup.select_one("ol.references")


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s.path.stem)
def test_every_reference_links_to_its_identifier(site, source):
    for item in site.soup(site.page_of(source)).select("ol.references > li"):
        links = [a["href"] for a in item.find_all("a", class_=lambda c: c != "references__back")]
        assert links and all(IDENTIFIER_LINK.match(href) for href in links), (
            f"{source.display_path} {item['id']}: {links}"
        )


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s.path.stem)
def test_citations_are_numbered_in_page_order_and_link_both_ways(site, source):
    soup = site.soup(site.page_of(source))
    citations = soup.select("sup.citation a")
    ids = [element["id"] for element in soup.find_all(id=True)]
    assert len(ids) == len(set(ids)), f"{source.display_path}: duplicate ids"
    seen = []
    for link in citations:
        number = int(link.get_text())
        if number not in seen:
            assert number == len(seen) + 1, f"{source.display_path}: {number} cited too early"
            seen.append(number)
        assert link["href"] == f"#ref-{number}" and soup.find(id=f"ref-{number}")
        assert link["aria-label"] == f"Reference {number}"
        assert re.fullmatch(rf"cite-{number}-\d+", link["id"])
    for back in soup.select("a.references__back"):
        assert soup.find(id=back["href"].removeprefix("#")) in citations
    assert not soup.find(string=re.compile(r"\[@")), f"{source.display_path}: unrendered citation"
