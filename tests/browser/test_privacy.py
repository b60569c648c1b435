"""Pages load only from the site itself, without errors, and leave nothing in the browser.

What a page loads is written in its template and its HTML, which tests/test_privacy_and_policy.py
reads on every page; here a browser shows it on one page of each template, in one view (no
media query loads anything). What a search loads and stores: browser/test_search.py.
"""

from urllib.parse import urlsplit

from .dom import STORED_ITEMS


def test_page_loads_cleanly_and_privately(one_view, template_path, site_host):
    view = one_view
    page = view.open(template_path, wait_until="networkidle")
    fetched = [r.url for r in view.events.requests if not r.url.startswith("data:")]
    elsewhere = [url for url in fetched if urlsplit(url).netloc != site_host]
    assert not elsewhere, "requests to other hosts:\n" + "\n".join(elsewhere)
    assert not view.events.failures, "failed requests:\n" + "\n".join(view.events.failures)
    assert not view.events.console_errors, "console errors:\n" + "\n".join(
        view.events.console_errors
    )
    assert page.context.cookies() == []
    assert page.evaluate(STORED_ITEMS) == 0, "something was stored in local or session storage"
