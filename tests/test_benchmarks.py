"""The build benchmark's synthetic guide passes our checks, and a large guide keeps its
pages small. Timings are not judged here: `invoke bench` prints them."""

import pytest
from bs4 import BeautifulSoup
from support.shared_builds import made_once

from benchmarks.corpus import article_names, write_corpus
from benchmarks.sites import ROOT, first_reviewer, write_settings
from benchmarks.timing import build_command, timed
from implant_guide.content_model import KINDS
from implant_guide.plugins.guide import CONTENTS_LIST_PAGES

RISK_KINDS = sum(kind.part == "risks" for kind in KINDS.values())
LARGE_GUIDE = len(KINDS) * (CONTENTS_LIST_PAGES // RISK_KINDS + 1)
"""Articles of the large guide: enough turns of the kinds that its risks part has more
articles than a contents list shows, however many kinds the content model declares."""


@pytest.fixture(scope="session")
def large_guide(run_temp):
    """Our whole build of a synthetic guide of LARGE_GUIDE articles, made once for the run:
    (its content, its output)."""

    def make(work):
        work.mkdir()
        write_corpus(work / "content", LARGE_GUIDE, ROOT, first_reviewer(ROOT))
        settings = write_settings(work, work / "content", ROOT)["ours"]
        run = timed(build_command(settings, work / "output"), cwd=work)  # raises if it fails
        assert run.status == 0 and run.peak_mb > 0

    work = made_once(run_temp / "large-guide", make)
    return work / "content", work / "output"


def test_synthetic_articles_pass_our_checks_and_are_indexed_for_search(large_guide):
    content, output = large_guide
    built = {path.parent.name for path in output.glob("*/index.html")}
    assert {path.stem for path in (content / "articles").glob("*.md")} <= built
    assert (output / "pagefind" / "pagefind.js").is_file()


def test_a_large_part_keeps_each_contents_list_short(large_guide):
    _, output = large_guide
    names = article_names(LARGE_GUIDE)
    last_complication = [stem for kind, stem, _ in names if kind == "complication"][-1]
    html = (output / last_complication / "index.html").read_text(encoding="utf-8")
    contents = BeautifulSoup(html, "html.parser").find(class_="contents-list")
    assert len(contents.select(".contents-list__pages > li")) == CONTENTS_LIST_PAGES
    whole_part = contents.find(class_="contents-list__link--all")
    assert whole_part["href"] == "../#risks"
    risk_pages = sum(KINDS[kind].part == "risks" for kind, _, _ in names)
    assert risk_pages > CONTENTS_LIST_PAGES
    assert whole_part.get_text() == f"All {risk_pages} pages about risks and complications"
