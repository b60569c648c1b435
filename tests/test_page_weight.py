"""Page weight: every page is small and makes few requests; only the search page runs a script."""

from pathlib import Path

import pytest
from conftest import THEME_STATIC

from implant_guide.checks.page_weight import (
    gzip_size,
    page_weight,
    print_weight_table,
    site_weights,
)
from implant_guide.languages import LANGUAGE_PAGES
from implant_guide.plugins.asset_names import hashed_name
from implant_guide.policy import MAX_PAGE_GZIP_BYTES, MAX_PAGE_REQUESTS, WEIGHT_EXEMPT_PAGES

SEARCH_PAGE = "search/index.html"


@pytest.fixture(scope="module")
def weights(site):
    """The weight of every page of the development build (in the publish gate, the release)."""
    return site_weights(site.root, site.settings["SITEURL"])


@pytest.fixture(scope="module")
def budgeted(weights):
    """Every page but the search page, which loads its script and index for searching."""
    return [weight for weight in weights if weight.page not in WEIGHT_EXEMPT_PAGES]


def test_every_page_is_counted(site, weights, budgeted):
    assert len(weights) == len(site.html_files()) > 1
    assert {w.page for w in weights if w not in budgeted} == WEIGHT_EXEMPT_PAGES
    assert {f"{url}index.html" for url in LANGUAGE_PAGES["search"].values()} == WEIGHT_EXEMPT_PAGES


def test_pages_stay_within_the_gzip_budget(budgeted):
    heavy = [
        f"{w.page}: {w.gzip_bytes} bytes" for w in budgeted if w.gzip_bytes > MAX_PAGE_GZIP_BYTES
    ]
    assert not heavy, f"over {MAX_PAGE_GZIP_BYTES} gzip bytes:\n" + "\n".join(heavy)


def test_pages_stay_within_the_request_budget(budgeted):
    busy = [f"{w.page}: {', '.join(w.files)}" for w in budgeted if w.requests > MAX_PAGE_REQUESTS]
    assert not busy, f"over {MAX_PAGE_REQUESTS} requests:\n" + "\n".join(busy)


def test_pages_load_no_web_fonts_and_only_the_search_pages_a_script(weights, budgeted):
    """As the weights count them; the pages' HTML and CSS themselves:
    tests/test_site_structure.py."""
    for weight in weights:
        assert not weight.fonts, f"{weight.page} loads fonts: {', '.join(weight.fonts)}"
    assert not [weight.page for weight in budgeted if weight.scripts]


def test_search_page_weight_is_reported_and_loads_only_its_own_script(site, weights, capsys):
    (search,) = [weight for weight in weights if weight.page == SEARCH_PAGE]
    assert search.scripts == (f"theme/js/{hashed_name(THEME_STATIC / 'js' / 'search.js')}",)
    assert not search.fonts
    print_weight_table(site.root, site.settings["SITEURL"])
    (row,) = [line for line in capsys.readouterr().out.splitlines() if line.startswith(SEARCH_PAGE)]
    assert row.split()[1:] == [str(search.requests), str(search.raw_bytes), str(search.gzip_bytes)]


# The counter itself, on a tiny site made by hand.

FILES = {
    "index.html": (
        '<link rel="stylesheet" href="css/site.css"><link rel="icon" href="/icon.svg">'
        '<link rel="canonical" href="https://example.org/">'
        '<img src="img/photo.png" alt=""><img src="img/photo.png" alt="">'
        '<script src="js/app.js"></script><script>let inline = 1;</script>'
        '<script type="application/ld+json">{"@type": "Thing"}</script>'
        '<a href="about/">About</a>'
    ),
    "about/index.html": '<link rel="stylesheet" href="../css/site.css"><img src="/img/photo.png">',
    "css/site.css": (
        '@import "extra.css";\n'
        "body { background: url(../img/bg.png); }\n"
        '@font-face { font-family: Body; src: url("../fonts/body.woff2") format("woff2"); }\n'
        "/* .old { background: url(gone.png); } */\n"
        ".dot { background: url(data:image/png;base64,AAAA); } .blur { filter: url(#blur); }\n"
    ),
    "css/extra.css": "a { color: navy; }\n",
    "icon.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
    "img/photo.png": "P" * 5000,
    "img/bg.png": "B" * 300,
    "fonts/body.woff2": "F" * 2000,
    "js/app.js": "console.log('app');\n",
}


@pytest.fixture
def tiny_site(tmp_path) -> Path:
    for name, text in FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_counts_each_file_a_page_loads_once(tiny_site):
    weight = page_weight(tiny_site, "index.html")
    loaded = {"index.html", "css/site.css", "css/extra.css", "img/bg.png", "fonts/body.woff2"}
    loaded |= {"icon.svg", "img/photo.png", "js/app.js"}
    assert set(weight.files) == loaded
    assert weight.requests == len(loaded)
    assert weight.raw_bytes == sum(len(FILES[name].encode()) for name in loaded)
    assert weight.gzip_bytes == sum(gzip_size(FILES[name].encode()) for name in loaded)
    assert weight.gzip_bytes < weight.raw_bytes


def test_lists_fonts_and_scripts(tiny_site):
    weight = page_weight(tiny_site, "index.html")
    assert weight.fonts == ("fonts/body.woff2",)
    assert weight.scripts == ("js/app.js", "inline script in index.html")


def test_resolves_references_from_a_page_in_a_folder(tiny_site):
    weight = page_weight(tiny_site, "about/index.html")
    assert weight.files[0] == "about/index.html"
    assert "img/photo.png" in weight.files
    assert "css/extra.css" in weight.files
    assert weight.scripts == ()


def test_refuses_references_outside_the_site(tiny_site):
    (tiny_site / "index.html").write_text('<img src="missing.png">', encoding="utf-8")
    with pytest.raises(ValueError, match=r"index\.html: missing\.png"):
        page_weight(tiny_site, "index.html")
    (tiny_site / "index.html").write_text(
        '<link rel="stylesheet" href="https://cdn.example.com/x.css">', encoding="utf-8"
    )
    with pytest.raises(ValueError, match=r"cdn\.example\.com"):
        page_weight(tiny_site, "index.html")


def test_counts_an_embedded_font(tiny_site):
    (tiny_site / "css/extra.css").write_text(
        "@font-face { font-family: X; src: url(data:font/woff2;base64,AAAA); }", encoding="utf-8"
    )
    assert page_weight(tiny_site, "index.html").fonts == (
        "fonts/body.woff2",
        "data: URL in css/extra.css",
    )


def test_weight_table_lists_every_page(tiny_site, capsys):
    print_weight_table(tiny_site)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["page", "requests", "raw", "bytes", "gzip", "bytes"]
    assert lines[1].startswith("about/index.html ")
    assert lines[2].startswith("index.html ") and lines[2].endswith("over budget")
