"""Theme files carry a hash of their content in their names, and text files have a
ready-made gzip copy beside them for the web server."""

import gzip
import re

from conftest import THEME_STATIC

from implant_guide.plugins.asset_names import HASH_LENGTH, hashed_name
from implant_guide.release.build import PRECOMPRESSED_SUFFIXES


def test_every_theme_file_is_written_under_its_hashed_name_only(each_build):
    theme = each_build.root / each_build.settings["THEME_STATIC_DIR"]
    for source in (path for path in THEME_STATIC.rglob("*") if path.is_file()):
        relative = source.relative_to(THEME_STATIC)
        written = theme / relative.parent / hashed_name(source)
        assert written.read_bytes() == source.read_bytes(), relative
        assert not (theme / relative).exists(), f"{relative} is also written unhashed"
        stem, digest, suffix = written.name.rsplit(".", 2)
        assert (stem, f".{suffix}") == (source.stem, source.suffix)
        assert re.fullmatch(rf"[0-9a-f]{{{HASH_LENGTH}}}", digest), written.name


def test_pages_refer_to_theme_files_by_their_hashed_names(each_build):
    theme_dir = each_build.settings["THEME_STATIC_DIR"]
    hashed = {
        f"/{theme_dir}/{path.relative_to(THEME_STATIC).parent.as_posix()}/{hashed_name(path)}"
        for path in THEME_STATIC.rglob("*")
        if path.is_file()
    }
    referred = 0
    for path in each_build.html_files():
        for tag in each_build.soup(path).select("link[href], script[src], meta[content]"):
            url = tag.get("href") or tag.get("src") or tag["content"]
            if f"{theme_dir}/" in url:
                assert any(url.endswith(name) for name in hashed), f"{path}: {url}"
                referred += 1
    assert referred >= 3 * len(each_build.html_files())  # style sheet, icon, share image


def test_a_changed_file_gets_a_new_name(tmp_path):
    style = tmp_path / "main.css"
    style.write_text("body { color: black; }")
    first = hashed_name(style)
    style.write_text("body { color: navy; }")
    hashed_name.cache_clear()
    assert hashed_name(style) != first and first.startswith("main.") and first.endswith(".css")


def test_text_files_have_an_identical_gzip_copy_and_pages_have_none(each_build):
    compressed = 0
    for path in each_build.root.rglob("*"):
        if path.suffix in PRECOMPRESSED_SUFFIXES and path.is_file():
            copy = path.with_name(f"{path.name}.gz")
            assert gzip.decompress(copy.read_bytes()) == path.read_bytes(), path
            compressed += 1
    assert compressed >= 4  # the style sheet, the search script, the sitemap, robots.txt...
    assert not list(each_build.root.rglob("*.html.gz"))
