"""Every link, image, stylesheet and feed entry of both builds leads somewhere that works."""

import pytest

from implant_guide.checks.site_links import (
    SiteLinks,
    counts,
    malformed_targets,
    missing_fragments,
    orphan_pages,
    unresolved_references,
)

SITE_URL = "https://www.example.org"


CHECKS = {
    "every reference into the site resolves": unresolved_references,
    "every fragment names an element": missing_fragments,
    "every target is well formed": malformed_targets,
    "every page is reachable from the home page": orphan_pages,
}


@pytest.mark.parametrize("check", CHECKS.values(), ids=list(CHECKS))
def test_the_site_passes_each_link_check(links, check):
    failures = check(links)
    assert not failures, f"{len(failures)} failures:\n" + "\n".join(failures)


def test_the_checks_cover_the_whole_site(links):
    checked = counts(links)
    assert checked["pages"] >= 18, checked
    assert checked["internal links"] > checked["pages"], checked
    assert checked["fragments checked"] > 0, checked


# A tiny site with one of each kind of broken reference, next to working ones.
TINY_SITE = {
    "index.html": """<!DOCTYPE html><html><head>
<link rel="stylesheet" href="theme/main.css"><link rel="icon" href="theme/missing.svg">
<meta property="og:image" content="https://www.example.org/theme/logo.png">
</head><body><h1 id="top">Home</h1>
<a href="about/">About</a> <a href="about/#team">Team</a> <a href="#top">Top</a>
<a href="mailto:info@example.org?subject=Hello%20there">Email</a>
<a href="tel:+1-202-555-0100">Call</a> <a href="https://example.com/">Elsewhere</a>
<img src="theme/logo.png" srcset="theme/logo.png 1x, theme/logo-2x.png 2x" alt="">
<a href="missing/">Missing</a> <a href="about/#nowhere">No such section</a>
<a href="about">No slash</a> <a href="#">Nowhere</a> <a href="">Empty</a>
<a href="javascript:alert(1)">Script</a> <a href="mailto:info at example.org">Bad email</a>
<a href="tel:555 0100">Bad phone</a> <a href="http://www.example.org/about/">Own http</a>
<a href="http://example.com/">External http</a>
<form action="search/" method="get"><input name="q"></form>
</body></html>""",
    "search/index.html": "<!DOCTYPE html><html><body><a href='../'>Home</a></body></html>",
    "about/index.html": """<!DOCTYPE html><html><body>
<h2 id="team">Team</h2><a href="../">Home</a><a href="../index.html#top">Top</a>
<div style="background: url('../theme/gone.png')"></div>
</body></html>""",
    "orphan/index.html": "<!DOCTYPE html><html><body><a href='../'>Home</a></body></html>",
    "404.html": "<!DOCTYPE html><html><body><a href='/'>Home</a></body></html>",
    "theme/main.css": "/* url(ignored.png) */ body { background: url(logo.png); }",
    "theme/logo.png": "",
    "sitemap.xml": """<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://www.example.org/about/</loc></url>
<url><loc>https://www.example.org/retired/</loc></url>
</urlset>""",
}


@pytest.fixture
def tiny_site(tmp_path) -> SiteLinks:
    for name, text in TINY_SITE.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return SiteLinks(tmp_path, SITE_URL)


def _assert_reported(failures, page, element, target, reason):
    wanted = f"{page}: {element} -> {target!r}: "
    matching = [failure for failure in failures if failure.startswith(wanted)]
    assert matching, f"{wanted} not reported in:\n" + "\n".join(failures)
    assert reason in matching[0]


def test_missing_files_are_reported(tiny_site):
    failures = unresolved_references(tiny_site)
    _assert_reported(failures, "index.html", '<a href="missing/">', "missing/", "missing/index")
    _assert_reported(failures, "index.html", '<link rel="icon">', "theme/missing.svg", "not in")
    _assert_reported(failures, "index.html", "<img srcset>", "theme/logo-2x.png", "not in")
    _assert_reported(failures, "about/index.html", "<div style>", "../theme/gone.png", "not in")
    _assert_reported(failures, "sitemap.xml", "<loc>", "https://www.example.org/retired/", "not in")
    assert len(failures) == 5, "\n".join(failures)


def test_missing_fragments_are_reported(tiny_site):
    failures = missing_fragments(tiny_site)
    reason = 'about/index.html has no element with id "nowhere"'
    _assert_reported(failures, "index.html", '<a href="about/#nowhere">', "about/#nowhere", reason)
    assert len(failures) == 1, "\n".join(failures)
    assert counts(tiny_site)["fragments checked"] == 4


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("about", "about is a folder"),
        ("#", "leads nowhere"),
        ("", "empty"),
        ("javascript:alert(1)", "javascript:"),
        ("mailto:info at example.org", "email address"),
        ("tel:555 0100", "tel:"),
        ("http://www.example.org/about/", "our own site"),
        ("http://example.com/", "https://"),
    ],
)
def test_malformed_targets_are_reported(tiny_site, target, reason):
    failures = malformed_targets(tiny_site)
    _assert_reported(failures, "index.html", f'<a href="{target}">', target, reason)


def test_only_malformed_targets_are_reported(tiny_site):
    assert len(malformed_targets(tiny_site)) == 8, "\n".join(malformed_targets(tiny_site))


def test_orphan_pages_are_reported_but_not_the_404_page_or_a_form_target(tiny_site):
    assert orphan_pages(tiny_site) == [
        "orphan/index.html: no chain of links leads here from index.html"
    ]
