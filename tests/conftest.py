"""One build of the site per test session, shared by every test that reads the output."""

import hashlib
import os
import re
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from pelican.settings import read_settings
from support.clinic_data import copy_project
from support.web_server import Ports, serve_with_nginx

from implant_guide.checks.site_links import LOCAL_SITE
from implant_guide.clinic import read_clinic
from implant_guide.content_model import parse_date
from implant_guide.release.build import build
from implant_guide.release.publish import PUBLISHED_SETTINGS_VARIABLE, PUBLISHED_SITE_VARIABLE
from implant_guide.sources import MarkdownSource
from implant_guide.today import TODAY_VARIABLE

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
THEME_STATIC = ROOT / "theme" / "static"
CATALOGS = ROOT / "theme" / "translations"

MARKED_PATHS = {
    "browser": ("browser",),
    "browser/test_served_policy.py": ("nginx",),
    "test_nginx.py": ("nginx",),
    "test_loadtest.py": ("nginx",),
    "test_benchmarks.py": ("slow",),
}
"""The markers (declared in pyproject.toml) of every test under a folder or file of tests/."""

SLOW_FIXTURE = "project"
"""A test that takes a fixture of this name (a copy of the project, built) runs whole builds
of its own: it is marked slow. Any other slow test carries `@pytest.mark.slow` itself."""


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(items):
    """Mark each test by the paths it lies under (MARKED_PATHS) and its fixtures."""
    tests = Path(__file__).parent
    for item in items:
        path = item.path.relative_to(tests) if item.path.is_relative_to(tests) else None
        for marked, markers in MARKED_PATHS.items():
            if path and path.is_relative_to(marked):
                for marker in markers:
                    item.add_marker(marker)
        if SLOW_FIXTURE in getattr(item, "fixturenames", ()):
            item.add_marker("slow")


class BuiltSite:
    """A generated site: its folder, its settings and its parsed pages."""

    def __init__(self, root: Path, settings_file: Path):
        self.root = root
        self.settings = read_settings(str(settings_file))
        self.clinic, _ = read_clinic(self.settings["CLINIC_FILE"])
        """The clinic's details the settings name, as the build read them."""

    def html_files(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))

    def page_for_slug(self, slug: str) -> Path:
        return self.root / slug / "index.html"

    @cache  # noqa: B019 - one BuiltSite per session; the cache lives as long as it does
    def soup(self, path: Path) -> BeautifulSoup:
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    def name(self, path: Path) -> str:
        return str(path.relative_to(self.root))

    def address(self, page: Path, href: str) -> str:
        """Where `href`, written in `page`, leads in the site: a path from its root ("" for
        the home page), whether the build writes relative or absolute addresses."""
        base = f"{self.settings['SITEURL']}/" if self.settings["SITEURL"] else LOCAL_SITE
        url = urlsplit(urljoin(base + self.name(page), href))
        return unquote(url.path).removeprefix(urlsplit(base).path)

    def file_of(self, page: Path, href: str) -> Path:
        """The file `href`, written in `page`, leads to (a folder's index.html)."""
        path = self.address(page, href)
        return (
            self.root / path / "index.html"
            if path in ("", ".") or path.endswith("/")
            else self.root / path
        ).resolve()


def article_sources() -> list[MarkdownSource]:
    """Every article's source file."""
    return [MarkdownSource(p) for p in sorted((CONTENT / "articles").glob("*.md"))]


def page_sources() -> list[MarkdownSource]:
    """Every page's source file."""
    return [MarkdownSource(p) for p in sorted((CONTENT / "pages").glob("*.md"))]


def listed_page_sources() -> list[MarkdownSource]:
    """The source file of every page but hidden ones (the 404 page), which nothing lists."""
    return [source for source in page_sources() if source.field("status") is None]


def translated_sources(lang: str) -> list[MarkdownSource]:
    """The source file of every article and listed page in `lang` (content/articles/es/...)."""
    paths = [
        *sorted((CONTENT / "articles" / lang).glob("*.md")),
        *sorted((CONTENT / "pages" / lang).glob("*.md")),
    ]
    return [s for s in map(MarkdownSource, paths) if s.field("status") is None]


def content_reviewed_on() -> str | None:
    """The day the content was last reviewed (its latest Last_reviewed), if it has review
    dates: a day on which the review checks pass unless a page's own dates are wrong."""
    reviewed = [
        parse_date(source.field("last_reviewed").value)
        for source in [*article_sources(), *page_sources()]
        if source.field("last_reviewed")
    ]
    latest = max(filter(None, reviewed), default=None)
    return latest and latest.isoformat()


RELEASE = os.environ.get(PUBLISHED_SITE_VARIABLE)
"""The release `invoke publish` is about to deploy, when it runs the tests (its gate): then
every fixture of a built site (`site`, `published_site`, `each_build`) is that folder."""

SETTINGS_FROM_THE_ENVIRONMENT = ("SITEURL", "DEPLOY_TARGET")
"""What publishconf.py reads from the environment. The suite builds with the settings'
own values, never the caller's; the gate gives the release's own SITEURL."""

if not RELEASE:
    for name in SETTINGS_FROM_THE_ENVIRONMENT:
        os.environ.pop(name, None)

# The builds check review dates as of the day the content was last reviewed, whatever the
# calendar or the caller's environment says, so that the suite passes on any date.
if content_reviewed_on():
    os.environ[TODAY_VARIABLE] = content_reviewed_on()


def _built(output: Path, settings_file: Path) -> BuiltSite:
    settings_name = settings_file.name
    assert build(str(settings_file), output) == 0, f"building with {settings_name} failed"
    return BuiltSite(output, settings_file)


@contextmanager
def changed_file(path: Path, text: str | bytes):
    """Inside the block `path` holds `text` (UTF-8), or these bytes; afterwards it holds
    what it held before, or is gone if it did not exist."""
    original = path.read_bytes() if path.exists() else None
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    try:
        yield path
    finally:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)


TRACEBACK_MARKS = ("Traceback", 'File "', "Error:")
"""What Python prints of a traceback or an uncaught exception ("RuntimeError: ...")."""


def assert_refused_cleanly(report: str, path: str, own_message: bool = True):
    """What a refused build printed (`report`) holds no traceback and names `path` on one
    line: as `path:line: problem. How to fix.` (the path as written, or ending one that
    leads to it), or anywhere in a line for a warning of Pelican's own (`own_message`
    False)."""
    for mark in TRACEBACK_MARKS:
        assert mark not in report, f"{mark!r} in what the build printed:\n{report}"
    named = rf"^\S*{re.escape(path)}:\d+: .+\. .+$" if own_message else rf"^.*{re.escape(path)}"
    assert re.search(named, report, re.MULTILINE), f"no line names {path}:\n{report}"


def tree_digest(folder: Path) -> dict[str, str]:
    """Each file's path under `folder` and a hash of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the project's content, settings and commands (Makefile, tasks.py), its
    pages signed off, with a good build in output/. Each test module that changes content
    gets its own."""
    folder = copy_project(tmp_path_factory.mktemp("project"))
    assert build(str(folder / "pelicanconf.py"), folder / "output") == 0
    return folder


@pytest.fixture
def in_project(project, monkeypatch):
    """The project copy, as the current folder, with wide output lines for the reports."""
    monkeypatch.chdir(project)
    monkeypatch.setenv("COLUMNS", "500")
    return project


def _release() -> BuiltSite:
    settings = os.environ.get(PUBLISHED_SETTINGS_VARIABLE, str(ROOT / "publishconf.py"))
    return BuiltSite(Path(RELEASE), Path(settings))


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> BuiltSite:
    """The site built with the development settings (pelicanconf.py); in the publish
    gate, the release it is about to deploy."""
    return (
        _release()
        if RELEASE
        else _built(tmp_path_factory.mktemp("pelicanconf") / "output", ROOT / "pelicanconf.py")
    )


@pytest.fixture(scope="session")
def development_site(site) -> BuiltSite:
    """The development build, for what only it shows (no feed, relative addresses); the
    publish gate, which checks the release, skips these tests."""
    if RELEASE:
        pytest.skip("the publish gate checks the release, not a development build")
    return site


@pytest.fixture(scope="session")
def published_site(tmp_path_factory) -> BuiltSite:
    """The site built with the publish settings (publishconf.py), its pages signed off; in
    the publish gate, the release it is about to deploy."""
    if RELEASE:
        return _release()
    folder = copy_project(tmp_path_factory.mktemp("published"))
    return _built(folder / "output", folder / "publishconf.py")


@pytest.fixture(scope="session")
def nginx(site, tmp_path_factory) -> Ports:
    """The development build served by a real nginx with the site's own configuration."""
    with serve_with_nginx(site.root, tmp_path_factory.mktemp("nginx")) as ports:
        yield ports


@pytest.fixture(
    scope="session", params=["publishconf.py"] if RELEASE else ["pelicanconf.py", "publishconf.py"]
)
def each_build(request, site, published_site) -> BuiltSite:
    """Both builds, for checks that must hold in each; in the publish gate, the release."""
    return site if request.param == "pelicanconf.py" else published_site
