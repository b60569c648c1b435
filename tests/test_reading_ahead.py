"""Reading ahead: a build reads the content files its cache lacks in several processes at
once (implant_guide/plugins/markdown_reader.py), and builds the same site, and stops the
same way, as a build that reads one file after another."""

import logging
import re

import pytest
from conftest import site_digest
from pelican.settings import read_settings

from implant_guide.markdown.reader import GuideMarkdownReader
from implant_guide.release.build import build

READ_AHEAD = re.compile(r"Read (\d+) of (\d+) files ahead, in (\d+) processes")


def _settings(project, name: str, reading_processes: int | None) -> str:
    """A settings file of `project`'s development settings without the content cache, so
    that every file is read, and with READING_PROCESSES if given."""
    lines = ["from pelicanconf import *", "CACHE_CONTENT = LOAD_CONTENT_CACHE = False"]
    lines.append("READ_AHEAD_MIN_FILES = 2  # the small project's few files too")
    if reading_processes:
        lines.append(f"READING_PROCESSES = {reading_processes}")
    path = project / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


@pytest.mark.slow
def test_reading_ahead_builds_the_same_site_as_reading_one_file_at_a_time(
    small_project, tmp_path, capfd
):
    ahead = _settings(small_project, "ahead.py", 2)
    one_at_a_time = _settings(small_project, "one_at_a_time.py", 1)
    assert build(ahead, tmp_path / "ahead", "--verbose") == 0
    counts = [tuple(map(int, m)) for m in READ_AHEAD.findall(capfd.readouterr().err)]
    assert counts and all(read == files > 1 and used == 2 for read, files, used in counts)
    assert build(one_at_a_time, tmp_path / "one", "--verbose") == 0
    assert not READ_AHEAD.search(capfd.readouterr().err)
    assert site_digest(tmp_path / "ahead") == site_digest(tmp_path / "one")


def test_a_file_that_warns_or_fails_as_it_is_read_ahead_is_read_again_in_the_build(
    small_project, tmp_path, monkeypatch, caplog
):
    """What reading a file logs is logged once, by the build's own process, as it reads
    the file: where a warning stops the build. A file that fails to read fails there too."""
    articles = sorted(str(p) for p in (small_project / "content" / "articles").glob("*.md"))
    good, warning = articles[:2]
    missing = str(tmp_path / "missing.md")
    read = GuideMarkdownReader.read

    def read_with_a_warning(reader, path):
        if path == warning:
            logging.getLogger("pelican.readers").warning("a warning about %s", path)
        return read(reader, path)

    monkeypatch.setattr(GuideMarkdownReader, "read", read_with_a_warning)
    reader = GuideMarkdownReader(read_settings(str(small_project / "pelicanconf.py")))
    with caplog.at_level(logging.INFO):
        reader.read_ahead([good, warning, missing], 2)
    assert READ_AHEAD.search(caplog.text).groups() == ("1", "3", "2")
    assert "a warning" not in caplog.text
    for path in (good, warning):
        content, metadata = reader.read(path)
        assert metadata["title"] and "<h2" in content
    assert caplog.text.count(f"a warning about {warning}") == 1
    with pytest.raises(FileNotFoundError):
        reader.read(missing)
