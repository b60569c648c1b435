"""The web server configuration (deploy/nginx), run by a real nginx over the built site:
status codes, our 404 page, security and cache headers, compression, HTTPS only."""

import gzip
import http.client
import ssl

import pytest
from support.web_server import SERVER_NAME

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "img-src 'self'; font-src 'self'; connect-src 'self'; worker-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
}
PAGE_CACHE = "public, max-age=300, must-revalidate"
ASSET_CACHE = "public, max-age=31536000, immutable"


def fetch(nginx, path, headers=None, secure=True) -> http.client.HTTPResponse:
    """GET `path` from the test server (HTTPS unless `secure` is false), no redirects."""
    if secure:
        context = ssl._create_unverified_context()  # the test's own certificate
        connection = http.client.HTTPSConnection("127.0.0.1", nginx.https, context=context)
    else:
        connection = http.client.HTTPConnection("127.0.0.1", nginx.http)
    connection.request("GET", path, headers={"Host": SERVER_NAME, **(headers or {})})
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


def asset_path(site, pattern: str) -> str:
    (path,) = (site.root / "theme").rglob(pattern)
    return "/" + str(path.relative_to(site.root))


def test_every_page_is_served_with_the_security_and_page_cache_headers(nginx, site):
    for path in site.html_files():
        url = "/" + str(path.relative_to(site.root)).removesuffix("index.html")
        response = fetch(nginx, url)
        assert response.status == 200, url
        assert response.body == path.read_bytes(), url
        for name, value in SECURITY_HEADERS.items():
            assert response.getheader(name) == value, f"{url}: {name}"
        assert response.getheader("Cache-Control") == PAGE_CACHE, url
        assert response.getheader("Content-Type") == "text/html; charset=utf-8", url


@pytest.mark.parametrize(
    ("pattern", "content_type"),
    [
        ("main.*.css", "text/css"),
        ("search.*.js", "application/javascript"),
        ("share.*.png", "image/png"),
        ("favicon.*.svg", "image/svg+xml"),
    ],
)
def test_hashed_theme_files_are_cached_for_a_year(nginx, site, pattern, content_type):
    path = asset_path(site, pattern)
    response = fetch(nginx, path)
    assert response.status == 200
    assert response.getheader("Content-Type").split(";")[0] == content_type
    assert response.getheader("Cache-Control") == ASSET_CACHE
    for name, value in SECURITY_HEADERS.items():
        assert response.getheader(name) == value, name


def test_the_search_index_is_served_with_a_short_cache(nginx, site):
    response = fetch(nginx, "/pagefind/pagefind.js")
    assert response.status == 200
    assert response.getheader("Cache-Control") == PAGE_CACHE


def test_a_missing_page_gets_our_404_page(nginx, site):
    response = fetch(nginx, "/no-such-page/")
    assert response.status == 404
    assert response.body == (site.root / "404.html").read_bytes()
    assert response.getheader("Content-Security-Policy") == CONTENT_SECURITY_POLICY


@pytest.mark.parametrize("folder", ["/theme/", "/theme/css/", "/pagefind/"])
def test_folders_are_never_listed(nginx, site, folder):
    response = fetch(nginx, folder)
    assert response.status == 404
    assert response.body == (site.root / "404.html").read_bytes()


def test_a_folder_without_its_slash_is_redirected_to_it(nginx):
    response = fetch(nginx, "/dural-tear")
    assert response.status == 301
    assert response.getheader("Location") == "/dural-tear/"


def test_the_server_does_not_say_its_version(nginx):
    assert fetch(nginx, "/").getheader("Server") == "nginx"


def test_text_files_are_sent_from_their_gzip_copy_when_asked(nginx, site):
    path = asset_path(site, "main.*.css")
    packed = fetch(nginx, path, {"Accept-Encoding": "gzip"})
    assert packed.getheader("Content-Encoding") == "gzip"
    assert packed.getheader("Vary") == "Accept-Encoding"
    assert packed.body == (site.root / path.lstrip("/")).with_suffix(".css.gz").read_bytes()
    plain = fetch(nginx, path)
    assert plain.getheader("Content-Encoding") is None
    assert plain.body == (site.root / path.lstrip("/")).read_bytes()


def test_pages_are_compressed_as_they_are_sent(nginx, site):
    response = fetch(nginx, "/dural-tear/", {"Accept-Encoding": "gzip"})
    assert response.getheader("Content-Encoding") == "gzip"
    expected = (site.root / "dural-tear" / "index.html").read_bytes()
    assert gzip.decompress(response.body) == expected


def test_plain_http_only_redirects_to_https(nginx):
    response = fetch(nginx, "/dural-tear/?from=leaflet", secure=False)
    assert response.status == 301
    assert response.getheader("Location") == f"https://{SERVER_NAME}/dural-tear/?from=leaflet"
    assert response.getheader("Strict-Transport-Security") is None
