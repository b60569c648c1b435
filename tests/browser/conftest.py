"""A local server of the built site, one Chromium per session, and a page per view.

A view is a viewport (phone or desktop) with a color scheme (light or dark), one tab each.
A test takes `view` (every view) if what it checks depends on colors, `width_view` (each
viewport, light) if it depends on the width only, else `one_view`. A test that takes
`template_path` runs once for one page of each template; `representative_pages` are the
pages that show every template and component (site_pages.py), `every_page` every page of
the build.
"""

import os
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from functools import partial
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Page,
    Request,
    Response,
    sync_playwright,
)
from support.programs import installed_program

from benchmarks.static_server import serve_directory

from .site_pages import representative_paths, template_paths

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORTS = {"phone": {"width": 375, "height": 667}, "desktop": {"width": 1280, "height": 800}}
SCHEMES = ("light", "dark")
VIEWS = [(viewport, scheme) for viewport in VIEWPORTS for scheme in SCHEMES]


def pytest_generate_tests(metafunc):
    if "template_path" in metafunc.fixturenames:
        paths = template_paths()
        metafunc.parametrize("template_path", paths, ids=[p.strip("/") or "home" for p in paths])


@dataclass
class PageEvents:
    """What a page did since it was last cleared: requests, failures and console errors.

    Failures count only for requests made since then, not for one an earlier page left
    unfinished when the tab moved on.
    """

    requests: list[Request] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def watch(self, page: Page):
        page.on("request", lambda request: self.requests.append(request))
        page.on("requestfailed", self._record_failure)
        page.on("response", self._record_error_status)
        page.on("console", self._record_console_error)
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))

    def clear(self):
        self.requests.clear()
        self.failures.clear()
        self.console_errors.clear()

    def _record_failure(self, request: Request):
        if request in self.requests:
            self.failures.append(f"{request.url}: {request.failure}")

    def _record_error_status(self, response: Response):
        if response.request in self.requests and response.status >= 400:
            self.failures.append(f"{response.url}: HTTP {response.status}")

    def _record_console_error(self, message: ConsoleMessage):
        if message.type == "error":
            self.console_errors.append(f"{message.text} ({message.location.get('url')})")


@dataclass
class View:
    """One browser tab at one viewport and color scheme, reused for every page."""

    viewport: str
    scheme: str
    page: Page = field(repr=False)
    events: PageEvents = field(repr=False)

    @property
    def name(self) -> str:
        return f"{self.viewport}-{self.scheme}"

    def open(self, path: str, wait_until: str = "load") -> Page:
        """Load `path` of the site afresh, forgetting earlier events and focus."""
        self.events.clear()
        self.page.goto(path, wait_until=wait_until)
        return self.page


def chromium_executable() -> str:
    """Chromium's path: $CHROMIUM or Debian's /usr/bin/chromium."""
    path = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    return installed_program(path, "Chromium", "chromium", "REQUIRE_BROWSER")


@pytest.fixture(scope="session")
def every_page(site) -> list[str]:
    """The URL path of every page of the build."""
    return [f"/{site.name(file).removesuffix('index.html')}" for file in site.html_files()]


@pytest.fixture(scope="session")
def representative_pages(site) -> list[str]:
    """The URL paths of the pages that show every template and component of the site."""
    return representative_paths(site)


@pytest.fixture(scope="session")
def site_url(site) -> str:
    """Base URL of the development build, served on 127.0.0.1."""
    with serve_directory(site.root) as url:
        yield url


@pytest.fixture(scope="session")
def site_host(site_url) -> str:
    """host:port of the local server: the only place pages may load from."""
    return urlsplit(site_url).netloc


@pytest.fixture(scope="session")
def browser() -> Browser:
    """Headless Chromium, launched once per session."""
    executable = chromium_executable()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@contextmanager
def open_tab(browser: Browser, base_url: str, **context_options) -> Iterator[Page]:
    """A tab in a browser context of its own, closed on exit."""
    context = browser.new_context(base_url=base_url, **context_options)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture(scope="session")
def tab(browser, site_url):
    """`with tab(**context_options) as page:` opens a tab of the site with those options."""
    return partial(open_tab, browser, site_url)


@pytest.fixture(scope="session")
def views(tab) -> Callable[[str, str], View]:
    """`views(viewport, scheme)`: the one tab of that view, opened when first asked for and
    shared by every test that runs in it."""
    opened = {}
    with ExitStack() as tabs:

        def view_for(viewport: str, scheme: str) -> View:
            if (viewport, scheme) not in opened:
                options = {"viewport": VIEWPORTS[viewport], "color_scheme": scheme}
                page = tabs.enter_context(tab(**options))
                events = PageEvents()
                events.watch(page)
                opened[viewport, scheme] = View(viewport, scheme, page, events)
            return opened[viewport, scheme]

        yield view_for


@pytest.fixture(params=VIEWS, ids=[f"{v}-{s}" for v, s in VIEWS])
def view(request, views) -> View:
    """Each viewport in each color scheme: for what depends on colors (axe's contrast
    rules, screenshots)."""
    return views(*request.param)


@pytest.fixture(params=list(VIEWPORTS))
def width_view(request, views) -> View:
    """Each viewport in the light scheme: for what depends on the width but not on colors
    (focus order, a skip link on screen)."""
    return views(request.param, "light")


@pytest.fixture
def one_view(views) -> View:
    """The phone in the light scheme: for what depends on neither width nor colors (the
    requests a page makes, what it stores)."""
    return views("phone", "light")
