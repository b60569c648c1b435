"""The external link check, against a local server and a fake fetch: no network needed."""

import json
import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from implant_guide.checks.external_links import check_external_links, external_links, fetch_problem

GOOD = "https://good.example/page"
BAD = "https://bad.example/gone"
SITE_URL = "https://www.example.org"


class _Handler(BaseHTTPRequestHandler):
    """/ answers; /no-head answers GET but not HEAD; anything else is missing."""

    def do_HEAD(self):
        self._answer(200 if self.path == "/" else 405 if self.path == "/no-head" else 404)

    def do_GET(self):
        self._answer(200 if self.path in ("/", "/no-head") else 404)

    def _answer(self, status):
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def server_url():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join()


def test_fetch_reports_only_links_that_do_not_answer(server_url):
    assert fetch_problem(f"{server_url}/") is None
    assert fetch_problem(f"{server_url}/no-head") is None
    assert fetch_problem(f"{server_url}/missing") == "HTTP 404 Not Found"


@pytest.fixture
def output_dir(tmp_path):
    output = tmp_path / "output"
    (output / "about").mkdir(parents=True)
    (output / "index.html").write_text(
        f'<a href="{GOOD}#part">Good</a> <a href="{BAD}">Bad</a> <a href="about/">About</a>'
        '<a href="https://www.example.org/about/">Ours</a> <a href="mailto:a@example.org">Mail</a>',
        encoding="utf-8",
    )
    (output / "about" / "index.html").write_text(f'<a href="{BAD}">Bad</a>', encoding="utf-8")
    return output


class FakeFetch:
    """Answers for GOOD, fails for every other URL, and remembers what it was asked."""

    def __init__(self):
        self.fetched = []

    def __call__(self, url):
        self.fetched.append(url)
        return None if url == GOOD else "HTTP 404 Not Found"


def test_only_external_https_links_are_collected(output_dir):
    links = external_links(output_dir, SITE_URL)
    assert links == {BAD: ["about/index.html", "index.html"], GOOD: ["index.html"]}


def test_broken_links_are_listed_with_their_pages(output_dir, tmp_path, capsys):
    cache = tmp_path / "cache.json"
    fetch = FakeFetch()
    status = check_external_links(output_dir, cache, site_url=SITE_URL, fetch=fetch)
    assert status == 1
    assert sorted(fetch.fetched) == [BAD, GOOD]
    broken_row = next(line for line in capsys.readouterr().out.splitlines() if BAD in line)
    assert "HTTP 404 Not Found" in broken_row
    assert "about/index.html, index.html" in broken_row
    assert list(json.loads(cache.read_text())) == [GOOD]


def test_links_that_worked_recently_are_not_fetched_again(output_dir, tmp_path):
    cache = tmp_path / "cache.json"
    cache.write_text(json.dumps({GOOD: datetime.now(UTC).isoformat()}))
    fetch = FakeFetch()
    check_external_links(output_dir, cache, site_url=SITE_URL, fetch=fetch)
    assert fetch.fetched == [BAD]


def test_cached_results_expire(output_dir, tmp_path):
    cache = tmp_path / "cache.json"
    cache.write_text(json.dumps({GOOD: (datetime.now(UTC) - timedelta(days=8)).isoformat()}))
    fetch = FakeFetch()
    check_external_links(output_dir, cache, site_url=SITE_URL, fetch=fetch)
    assert sorted(fetch.fetched) == [BAD, GOOD]
    checked = datetime.fromisoformat(json.loads(cache.read_text())[GOOD])
    assert datetime.now(UTC) - checked < timedelta(minutes=1)


def test_no_broken_links_means_success(output_dir, tmp_path):
    (output_dir / "about" / "index.html").unlink()
    (output_dir / "index.html").write_text(f'<a href="{GOOD}">Good</a>', encoding="utf-8")
    assert check_external_links(output_dir, tmp_path / "cache.json", fetch=FakeFetch()) == 0
