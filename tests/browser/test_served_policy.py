"""Served by nginx with the site's own headers, no page breaks its Content-Security-Policy:
no inline script, style or event handler, nothing from another host, and search works.

tests/test_privacy_and_policy.py reads every page for what the policy blocks; here a
browser proves it on one page of each template, and proves that such a page would be
caught."""

import pytest
from playwright.sync_api import expect
from support.web_server import serve_with_nginx

from .conftest import PageEvents, open_tab

RECORD_VIOLATIONS = """
window.policyViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.policyViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline code"}` +
    ` at ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


@pytest.fixture(scope="module")
def served(browser, nginx):
    """A tab of the site as nginx serves it over HTTPS, recording policy violations."""
    base_url = f"https://127.0.0.1:{nginx.https}"
    with open_tab(browser, base_url, ignore_https_errors=True) as page:  # a test certificate
        page.add_init_script(RECORD_VIOLATIONS)
        events = PageEvents()
        events.watch(page)
        yield page, events


def assert_nothing_blocked(page, events):
    violations = page.evaluate("window.policyViolations")
    assert not violations, f"{page.url}:\n" + "\n".join(violations)
    assert not events.console_errors, f"{page.url}:\n" + "\n".join(events.console_errors)
    assert not events.failures, f"{page.url}:\n" + "\n".join(events.failures)


def test_no_template_breaks_the_content_security_policy(served, template_path):
    page, events = served
    events.clear()
    response = page.goto(template_path, wait_until="networkidle")
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert_nothing_blocked(page, events)


def test_search_works_under_the_content_security_policy(served):
    page, events = served
    events.clear()
    page.goto("/search/?q=dural+tear")
    expect(page.locator(".search-result__link").first).to_have_text("Dural tear")
    page.wait_for_load_state("networkidle")
    assert_nothing_blocked(page, events)


def test_a_page_with_inline_code_would_be_caught(browser, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<!DOCTYPE html><html lang="en"><title>Inline</title>'
        '<p style="color: red">Red</p><script>document.title = "ran";</script></html>'
    )
    with serve_with_nginx(site, tmp_path / "nginx") as ports:
        base_url = f"https://127.0.0.1:{ports.https}"
        with open_tab(browser, base_url, ignore_https_errors=True) as page:
            page.add_init_script(RECORD_VIOLATIONS)
            page.goto("/", wait_until="networkidle")
            violations = page.evaluate("window.policyViolations")
            assert page.title() == "Inline"  # the inline script did not run
    assert {v.split()[0] for v in violations} == {"style-src-attr", "script-src-elem"}
