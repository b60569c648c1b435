"""Development builds reuse Pelican's content cache, and nothing it holds outlives a change
to what shaped it: settings, data files, this package, illustrations. The publish build
never uses it."""

from pathlib import Path

import pytest
from conftest import ROOT, changed_file
from pelican.settings import read_settings

from implant_guide.plugins.content_cache import cache_inputs, content_cache_path
from implant_guide.release.build import build
from implant_guide.sources import TomlSource

ARTICLE = "blood-clots"  # uses {{ clinic_phone }}
ILLUSTRATED = "recovery"  # embeds the recovery-timeline illustration
CLINIC_FILE = "content/data/clinic.toml"


def test_development_builds_cache_content_and_publish_builds_do_not():
    development = read_settings(str(ROOT / "pelicanconf.py"))
    published = read_settings(str(ROOT / "publishconf.py"))
    assert development["CACHE_CONTENT"] and development["LOAD_CONTENT_CACHE"]
    assert Path(content_cache_path(development)).parent == ROOT / "cache"
    assert not published["CACHE_CONTENT"] and not published["LOAD_CONTENT_CACHE"]


def test_the_cache_depends_on_settings_data_package_and_illustrations():
    names = {path.name for path in cache_inputs(read_settings(str(ROOT / "pelicanconf.py")))}
    assert {"clinic.toml", "blocks.py", "recovery-timeline.svg", "messages.po"} <= names
    assert {"warning-signs.toml", "care_card.html", "glossary.toml"} <= names


def _rebuilt_with(project: Path, path: str, old: str, new: str) -> dict:
    """Change `old` to `new` in one file of the project, build, undo the change; return
    the settings the build used."""
    original = (project / path).read_text(encoding="utf-8")
    assert old in original, f"test setup: {old!r} not in {path}"
    with changed_file(project / path, original.replace(old, new)):
        assert build(str(project / "pelicanconf.py"), project / "output") == 0
        return content_cache_path(read_settings(str(project / "pelicanconf.py")))


def _page(project: Path, slug: str) -> str:
    return (project / "output" / slug / "index.html").read_text(encoding="utf-8")


def _clinic_phone_line() -> str:
    """The line of the project's clinic.toml that sets its phone number, whatever it is."""
    clinic = TomlSource(ROOT / CLINIC_FILE)
    return clinic.lines[clinic.line_of_key("phone") - 1]


@pytest.mark.parametrize(
    ("path", "old", "new", "slug", "expected"),
    [
        (
            CLINIC_FILE,
            _clinic_phone_line(),
            'phone = "202-000-0142"',
            ARTICLE,
            ">202-000-0142</a> for urgent advice",  # a care card's heading, from the Markdown
        ),
        (
            "content/illustrations/recovery-timeline.svg",
            "</svg>",
            "<!-- v2 --></svg>",
            ILLUSTRATED,
            "<!-- v2 -->",
        ),
        (
            "content/data/warning-signs.toml",
            'wording = "you cough up blood"',
            'wording = "you cough up any blood"',
            ARTICLE,
            "<li>you cough up any blood</li>",
        ),
        (
            "content/data/glossary.toml",
            '[[terms]]\nterm = "anesthesiologist"',
            '[[terms]]\nterm = "hormone pills"\ndefinition = "Pills with hormones in them."'
            '\nterm_es = "píldoras de hormonas"\ndefinition_es = "Píldoras con hormonas."'
            '\n\n[[terms]]\nterm = "anesthesiologist"',
            ARTICLE,
            'href="../glossary/#term-hormone-pills">hormone pills</a>',
        ),
    ],
    ids=["clinic phone in the data file", "illustration", "warning sign", "glossary term"],
)
def test_a_change_beside_the_content_is_not_hidden_by_the_cache(
    project, path, old, new, slug, expected
):
    before = content_cache_path(read_settings(str(project / "pelicanconf.py")))
    assert Path(before).is_dir(), "the project's first build filled no cache"
    assert expected not in _page(project, slug)
    assert _rebuilt_with(project, path, old, new) != before
    assert expected in _page(project, slug)
