"""The build benchmark works end to end on small corpora, and a large guide keeps its pages
small. Timings are not judged here: `invoke bench` prints them."""

import pytest
from bs4 import BeautifulSoup

from benchmarks.build_benchmark import MAKE_BUILD, measure, print_tables, print_targets
from benchmarks.corpus import article_names, write_corpus
from benchmarks.sites import ROOT, first_reviewer, write_settings
from benchmarks.timing import build_command, timed
from implant_guide.content_model import KINDS
from implant_guide.plugins.guide import CONTENTS_LIST_PAGES
from implant_guide.policy import MAX_MAKE_BUILD_SECONDS, MAX_OURS_OVER_BARE

ARTICLES = len(KINDS) + 1  # one of each kind (the pages others link to by name), and one more
RISK_KINDS = sum(kind.part == "risks" for kind in KINDS.values())
LARGE_GUIDE = len(KINDS) * (CONTENTS_LIST_PAGES // RISK_KINDS + 1)
"""Articles of the large guide: enough turns of the kinds that its risks part has more
articles than a contents list shows, however many kinds the content model declares."""


@pytest.fixture(scope="module")
def large_guide(tmp_path_factory):
    """Our whole build of a synthetic guide of LARGE_GUIDE articles: (run, content, output)."""
    work = tmp_path_factory.mktemp("large-guide")
    content, output = work / "content", work / "output"
    write_corpus(content, LARGE_GUIDE, ROOT, first_reviewer(ROOT))
    settings = write_settings(work, content, ROOT)["ours"]
    run = timed(build_command(settings, output), cwd=work)  # raises if the build fails
    return run, content, output


def test_synthetic_articles_pass_our_checks_and_are_indexed_for_search(large_guide):
    run, content, output = large_guide
    assert run.status == 0 and run.peak_mb > 0
    built = {path.parent.name for path in output.glob("*/index.html")}
    assert {path.stem for path in (content / "articles").glob("*.md")} <= built
    assert (output / "pagefind" / "pagefind.js").is_file()


def test_a_large_part_keeps_each_contents_list_short(large_guide):
    _, _, output = large_guide
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


def test_each_size_is_timed_three_ways_and_printed_with_the_targets(tmp_path, capsys):
    row = measure(ARTICLES, 1, tmp_path, ROOT, first_reviewer(ROOT))
    assert row.size == ARTICLES
    for clock in (row.wall, row.cpu):
        assert clock.ours > 0 and clock.bare > 0 and clock.rebuild > 0
    print_tables([row])
    make_build = MAX_MAKE_BUILD_SECONDS * 0.75  # within the target
    print_targets([row], make_build=make_build)
    printed = capsys.readouterr().out
    table_rows = [
        line for line in printed.splitlines() if line.split("|")[0].strip() == str(ARTICLES)
    ]
    assert len(table_rows) == 2, printed  # wall time, then CPU time
    assert f"{row.wall.ours:.2f}" in table_rows[0]
    assert f"{MAKE_BUILD} <= {MAX_MAKE_BUILD_SECONDS}: {make_build:.2f} s, met" in printed
    assert f"ours/bare at 1,000 articles <= {MAX_OURS_OVER_BARE}: not measured" in printed
