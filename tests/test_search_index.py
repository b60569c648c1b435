"""The site's search index holds the bodies of the articles and pages, and nothing else; a
rebuild reuses what did not change; a failed index fails the build."""

import gzip
import json
import os
import shutil
import sys
import time
from pathlib import Path

import pytest
from conftest import article_sources, changed_file, listed_page_sources, page_sources, tree_digest

from implant_guide.build import build, previous_dir, staging_dir
from implant_guide.pagefind_files import INDEX_FOLDER, READY_MADE_INTERFACES
from implant_guide.search_index import PagefindService

IGNORED_PARTS = (".contents-list", ".on-this-page", ".review-date")  # around an article's body
NEW_WORD = "quokka"  # in no article


def test_only_article_and_page_bodies_are_marked_for_indexing(each_build):
    content = {
        each_build.page_for_slug(source.field("slug").value)
        for source in [*article_sources(), *listed_page_sources()]
    }
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
    entry = json.loads((each_build.root / "pagefind" / "pagefind-entry.json").read_text())
    (language,) = entry["languages"].values()
    assert language["page_count"] == len(article_sources()) + len(listed_page_sources())


def test_index_holds_pagefinds_api_without_its_unused_interfaces(each_build):
    index = each_build.root / INDEX_FOLDER
    assert (index / "pagefind.js").is_file() and (index / "pagefind-worker.js").is_file()
    assert not [name for name in READY_MADE_INTERFACES if (index / name).exists()]


def _with_new_word(article: str) -> str:
    """The article's text with a sentence holding NEW_WORD before its references."""
    return article.replace("## References", f"You may meet a {NEW_WORD}.\n\n## References", 1)


def _fragments_with(index: Path, word: str) -> list[str]:
    """The names of the index's page fragments whose text holds `word`."""
    return [
        path.name
        for path in (index / "fragment").iterdir()
        if word.encode() in gzip.decompress(path.read_bytes())
    ]


def test_a_rebuild_reuses_unchanged_index_files_and_equals_a_clean_build(project, tmp_path):
    article = project / "content" / "articles" / "dural-tear.md"
    with changed_file(article, _with_new_word(article.read_text(encoding="utf-8"))):
        assert build(str(project / "pelicanconf.py"), project / "output") == 0
        assert build(str(project / "pelicanconf.py"), tmp_path / "clean") == 0
    index = project / "output" / INDEX_FOLDER
    before = previous_dir(project / "output") / INDEX_FOLDER
    assert tree_digest(index) == tree_digest(tmp_path / "clean" / INDEX_FOLDER)
    assert len(_fragments_with(index, NEW_WORD)) == 1 and not _fragments_with(before, NEW_WORD)
    reused = [p for p in (index / "fragment").iterdir() if (before / "fragment" / p.name).exists()]
    assert len(reused) == len(list((index / "fragment").iterdir())) - 1
    assert all(os.path.samefile(p, before / "fragment" / p.name) for p in reused)


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
        assert not _fragments_with(site / INDEX_FOLDER, NEW_WORD)
        assert "a-draft" not in (site / "sitemap.xml").read_text()


FAKE_PAGEFIND = """#!{python}
import base64, json, sys
pending = b""
while chunk := sys.stdin.buffer.read1():
    *messages, pending = (pending + chunk).split(b",")
    for message in messages:
        request = json.loads(base64.b64decode(message))
        payload = {answers!r}.get(request["payload"]["type"], {{"type": "Done"}})
        reply = {{"message_id": request["message_id"], "payload": payload}}
        sys.stdout.buffer.write(base64.b64encode(json.dumps(reply).encode()) + b",")
        sys.stdout.buffer.flush()
"""


def _fake_pagefind(folder: Path, answers: dict) -> Path:
    """A program that speaks Pagefind's service protocol and does nothing: it answers each
    request with the answer for its type, if any, or with success."""
    text = FAKE_PAGEFIND.format(python=sys.executable, answers=answers)
    return _script(folder / "pagefind", text)


PAGE_ERROR = {"type": "Error", "message": "bad page"}
PAGES_WRITTEN = len(article_sources()) + len(page_sources()) + 2  # and the home and search pages
BROKEN_PAGEFIND = {
    "missing": (lambda folder: folder / "no-such-pagefind", "Pagefind did not start"),
    "stops at once": (lambda folder: Path(shutil.which("false")), "Pagefind stopped (exit"),
    "answers with errors": (
        lambda folder: _fake_pagefind(folder, {"AddFile": PAGE_ERROR}),
        f"/index.html: bad page ({PAGES_WRITTEN} problem(s) in all)",
    ),
    "writes nothing": (
        lambda folder: _fake_pagefind(folder, {}),
        "Pagefind left incomplete files",
    ),
}


SLOW_WRITER = """#!{python}
import os, sys, threading, time

def write_slowly():
    with open({path!r}, "w") as file:
        file.write("partial")
        file.flush()
        time.sleep(0.5)
        file.write(" and complete")

threading.Thread(target=write_slowly).start()
sys.stdin.buffer.read()
os._exit(0)  # as Pagefind does when its input closes: at once, whatever is under way
"""


def test_pagefinds_last_writes_land_before_it_is_stopped(tmp_path, monkeypatch):
    index = tmp_path / INDEX_FOLDER
    index.mkdir()
    last = index / "pagefind-entry.json"
    writer = SLOW_WRITER.format(python=sys.executable, path=str(last))
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(_script(tmp_path / "slow-writer", writer)))
    service = PagefindService()
    deadline = time.monotonic() + 30
    while not last.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert service.finish(index) == []
    assert last.read_text() == "partial and complete"


def _script(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    path.chmod(0o755)
    return path


@pytest.mark.parametrize("case", BROKEN_PAGEFIND, ids=list(BROKEN_PAGEFIND))
def test_a_failed_search_index_fails_the_build_and_keeps_the_output(
    case, project, tmp_path, monkeypatch, capfd
):
    program, expected = BROKEN_PAGEFIND[case]
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(program(tmp_path)))
    before = tree_digest(project / "output")
    assert build(str(project / "pelicanconf.py"), project / "output") != 0
    report = capfd.readouterr().err
    assert "The search index was not written" in report and expected in report, report
    assert "make build installs them" in report
    assert tree_digest(project / "output") == before
    assert not staging_dir(project / "output").exists()
