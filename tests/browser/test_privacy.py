"""Pages load only from the site itself, without errors, and leave nothing in the browser.

What a page loads depends on neither the width nor the color scheme (no media queries
load anything), so each page is checked in one view."""

from urllib.parse import urlsplit

STORED_ITEMS = "() => localStorage.length + sessionStorage.length"


def test_page_loads_cleanly_and_privately(one_view, page_path, site_host):
    view = one_view
    page = view.open(page_path, wait_until="networkidle")
    fetched = [r.url for r in view.events.requests if not r.url.startswith("data:")]
    elsewhere = [url for url in fetched if urlsplit(url).netloc != site_host]
    assert not elsewhere, "requests to other hosts:\n" + "\n".join(elsewhere)
    assert not view.events.failures, "failed requests:\n" + "\n".join(view.events.failures)
    assert not view.events.console_errors, "console errors:\n" + "\n".join(
        view.events.console_errors
    )
    assert page.context.cookies() == []
    assert page.evaluate(STORED_ITEMS) == 0, "something was stored in local or session storage"
