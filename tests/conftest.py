"""One build of the site per test session, shared by every test that reads the output."""

import hashlib
import json
import os
import re
import shutil
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from pelican.settings import read_settings
from support.clinic_data import copy_project, filled_in_clinic_toml
from support.shared_builds import copy_of_built_project, made_once, run_folder
from support.web_server import Ports, serve_with_nginx

from benchmarks.corpus import write_corpus
from benchmarks.sites import first_reviewer
from implant_guide.checks.site_links import LOCAL_SITE, SiteLinks
from implant_guide.clinic import read_clinic
from implant_guide.content_model import KINDS, parse_date
from implant_guide.languages import LANGUAGES
from implant_guide.plugins.search_index import PAGEFIND_PROGRAM_VARIABLE
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

SLOW_FIXTURES = ("project", "small_project")
"""A test that takes a fixture of these names (a copy of the project, or a small one) builds
or checks a project of its own, not the site: it is marked slow. Any other slow test
carries `@pytest.mark.slow` itself."""


BUILT_FIXTURES = ("site", "published_site", "built_project", "large_guide")
"""The fixtures a test waits for while the run's one build of them is made (the others
are made from these)."""


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(items):
    """Mark each test by the paths it lies under (MARKED_PATHS) and its fixtures. Order
    them for the processes of the run (pytest-xdist): first the tests that need no build,
    which they take while one of them makes the run's builds, then the slow ones, so that
    none is left to run alone at the end."""
    tests = Path(__file__).parent
    for item in items:
        path = item.path.relative_to(tests) if item.path.is_relative_to(tests) else None
        for marked, markers in MARKED_PATHS.items():
            if path and path.is_relative_to(marked):
                for marker in markers:
                    item.add_marker(marker)
        if set(SLOW_FIXTURES) & set(item.fixturenames):
            item.add_marker("slow")
    items.sort(
        key=lambda item: (
            bool(set(BUILT_FIXTURES) & set(item.fixturenames)),
            item.get_closest_marker("slow") is None,
        )
    )


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

    def page_of(self, source: MarkdownSource) -> Path:
        """The built file of an article or page: its Save_as file, or its slug's folder
        under its language's prefix (/es/desgarro-dural/)."""
        save_as = source.field("save_as")
        if save_as:
            return self.root / save_as.value
        lang = source.field("lang")
        prefix = LANGUAGES[lang.value].prefix if lang else ""
        return self.page_for_slug(f"{prefix}{source.field('slug').value}")

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

# The builds run the pinned Pagefind that `make` installs, never one the caller's
# PAGEFIND_BINARY_PATH names (the tests that need another set it themselves).
os.environ.pop(PAGEFIND_PROGRAM_VARIABLE, None)

# The builds check review dates as of the day the content was last reviewed, whatever the
# calendar or the caller's environment says, so that the suite passes on any date.
if content_reviewed_on():
    os.environ[TODAY_VARIABLE] = content_reviewed_on()


def _build(settings_file: Path, output: Path) -> None:
    assert build(str(settings_file), output) == 0, f"building with {settings_file.name} failed"


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


PAGEFIND_ENTRY = "pagefind/pagefind-entry.json"
"""Pagefind's entry file, which lists its languages in any order."""


def site_digest(folder: Path) -> tuple[dict[str, str], dict]:
    """A built site, to compare with another: `tree_digest` of its files but Pagefind's
    entry file, and that file read as data."""
    files = tree_digest(folder)
    files.pop(f"{PAGEFIND_ENTRY}.gz", None)
    files.pop(PAGEFIND_ENTRY)
    return files, json.loads((folder / PAGEFIND_ENTRY).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def run_temp(tmp_path_factory, worker_id) -> Path:
    """The temporary folder of the whole run, shared by its worker processes (xdist)."""
    return run_folder(tmp_path_factory, worker_id)


@pytest.fixture(scope="session")
def built_project(run_temp) -> Path:
    """A copy of the project's content, settings and commands (Makefile, tasks.py), with
    the tests' clinic details (a clinic's own, not the examples) and its pages signed off
    as the clinic's reviewers sign them off before publishing, and a good development build
    in output/: made once for the run, and only read (a module that changes a project
    takes `project`, a copy of it)."""

    def make(folder):
        copy_project(folder, filled_in_clinic_toml())
        _build(folder / "pelicanconf.py", folder / "output")

    return made_once(run_temp / "project", make)


@pytest.fixture(scope="module")
def project(built_project, tmp_path_factory) -> Path:
    """A copy of `built_project` (its build and content cache included) for one module to
    change."""
    return copy_of_built_project(built_project, tmp_path_factory.mktemp("project") / "project")


@pytest.fixture(scope="module")
def small_project(tmp_path_factory) -> Path:
    """A copy of the project's settings, data files and English pages with a small guide of
    synthetic articles (one of each kind, benchmarks/corpus.py) in place of its own: for
    the checks of a data file, a change to which makes a build read every article again."""
    folder = tmp_path_factory.mktemp("small") / "project"
    write_corpus(folder / "content", len(KINDS), ROOT, first_reviewer(ROOT))
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(ROOT / name, folder / name)
    (folder / "theme").symlink_to(ROOT / "theme")
    return folder


def _inside(folder: Path, monkeypatch) -> Path:
    """`folder` as the current folder, with wide output lines for the reports."""
    monkeypatch.chdir(folder)
    monkeypatch.setenv("COLUMNS", "500")
    return folder


@pytest.fixture
def in_project(project, monkeypatch):
    """The project copy, as the current folder."""
    return _inside(project, monkeypatch)


@pytest.fixture
def in_small_project(small_project, monkeypatch):
    """The small project, as the current folder."""
    return _inside(small_project, monkeypatch)


def _release() -> BuiltSite:
    settings = os.environ.get(PUBLISHED_SETTINGS_VARIABLE, str(ROOT / "publishconf.py"))
    return BuiltSite(Path(RELEASE), Path(settings))


@pytest.fixture(scope="session")
def site(request) -> BuiltSite:
    """The site built with the development settings (pelicanconf.py): `built_project`'s
    output; in the publish gate, the release it is about to deploy."""
    if RELEASE:
        return _release()
    project = request.getfixturevalue("built_project")
    return BuiltSite(project / "output", project / "pelicanconf.py")


@pytest.fixture(scope="session")
def development_site(site) -> BuiltSite:
    """The development build, for what only it shows (no feed, relative addresses, the
    tests' clinic details); the publish gate, which checks the release, skips these tests."""
    if RELEASE:
        pytest.skip("the publish gate checks the release, not a development build")
    return site


@pytest.fixture(scope="session")
def published_site(run_temp, request) -> BuiltSite:
    """The site built with the publish settings (publishconf.py) from `built_project`, its
    pages signed off, once for the run; in the publish gate, the release it is about to
    deploy."""
    if RELEASE:
        return _release()
    settings = request.getfixturevalue("built_project") / "publishconf.py"
    folder = made_once(run_temp / "published", lambda f: _build(settings, f / "output"))
    return BuiltSite(folder / "output", settings)


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


@pytest.fixture(scope="session")
def links(each_build) -> SiteLinks:
    """Every reference each build makes (implant_guide/checks/site_links.py), read once."""
    return SiteLinks(each_build.root, each_build.settings["SITEURL"])
