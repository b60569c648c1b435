"""The site's search index holds the bodies of the articles and pages, and nothing else."""

import json

from conftest import article_sources, listed_page_sources

IGNORED_PARTS = (".contents-list", ".on-this-page", ".review-date")  # around an article's body


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
