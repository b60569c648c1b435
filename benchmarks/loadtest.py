"""What one web server holds: a load test of the published site, served by nginx with the
project's own configuration (deploy/nginx) on 127.0.0.1, driven by ApacheBench (`ab`, from
Debian's apache2-utils). A benchmark, not a test: it prints figures and asserts nothing.

For a page, the stylesheet and the search index in turn, ab sends requests over HTTPS
with keep-alive, CONCURRENCY at a time, until it has sent REQUESTS or SECONDS have passed,
whichever comes first; then the page again, each request on a new connection (a TLS
handshake each, as a new visitor's first page costs). The table gives the requests per
second, the latency percentiles (50th, 90th, 99th, in milliseconds) and the errors
(failed requests and answers other than 200). ab speaks HTTP/1.0, to which nginx sends
files as they are, not gzipped: the bytes are the files' own sizes, and the cost of
compressing pages is not in the figures.

Run `invoke loadtest` (or `python -m benchmarks.loadtest`); `--site FOLDER` serves a
site already built with publishconf.py (such as release/) instead of building one.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from benchmarks.nginx_server import SERVER_NAME, nginx_path, serve_with_nginx
from implant_guide.release.build import build

ROOT = Path(__file__).resolve().parents[1]
PAGE = "dural-tear/"
"""The page loaded: an article of average length."""

REQUESTS, SECONDS, CONCURRENCY = 20000, 30, 16
"""The default bounds of each row: at most this many requests, for at most this long,
this many at a time."""

AB_PACKAGE = "apache2-utils"


@dataclass(frozen=True)
class Result:
    """One row: what ab measured for one address."""

    name: str
    path: str
    bytes: int
    requests: int
    seconds: float
    per_second: float
    percentiles: dict[int, float]
    errors: int


NEW_CONNECTIONS = "page, new TLS"
"""The row of the page loaded with a new connection for every request."""


def addresses(site: Path) -> dict[str, str]:
    """The addresses loaded: an article, the stylesheet it links, the largest English
    chunk of the search index (what a search fetches besides the small files), and the
    article again (NEW_CONNECTIONS)."""
    html = (site / PAGE / "index.html").read_text(encoding="utf-8")
    stylesheet = re.search(r'<link rel="stylesheet" href="[^"]*?(/?theme/css/[^"]+\.css)"', html)
    chunks = sorted((site / "pagefind" / "index").glob("en_*.pf_index"), key=os.path.getsize)
    return {
        "page": f"/{PAGE}",
        "CSS": "/" + stylesheet.group(1).lstrip("/"),
        "search index": "/" + chunks[-1].relative_to(site).as_posix(),
        NEW_CONNECTIONS: f"/{PAGE}",
    }


def _number(label: str, output: str, default: float | None = None) -> float:
    found = re.search(rf"^{label}:\s+([\d.]+)", output, re.MULTILINE)
    if found is None and default is None:
        raise RuntimeError(f"ab printed no '{label}':\n{output}")
    return float(found.group(1)) if found else default


def run_ab(name: str, url: str, path: str, bounds: argparse.Namespace, work: Path) -> Result:
    """Load `url` with ab within `bounds`; what it measured."""
    percentiles_file = work / f"{name.replace(' ', '-')}.csv"
    keep_alive = [] if name == NEW_CONNECTIONS else ["-k"]
    command = ["ab", "-q", *keep_alive, "-r", "-t", str(bounds.seconds), "-n", str(bounds.requests)]
    command += ["-c", str(bounds.concurrency), "-e", str(percentiles_file)]
    command += ["-H", f"Host: {SERVER_NAME}", "-H", "Accept-Encoding: gzip", url]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"ab failed on {path}: {done.stderr.strip() or done.stdout}")
    output = done.stdout
    rows = (line.split(",") for line in percentiles_file.read_text().splitlines()[1:])
    by_percent = {int(percent): float(ms) for percent, ms in rows}
    failed = _number("Failed requests", output) + _number("Non-2xx responses", output, 0)
    return Result(
        name=name,
        path=path,
        bytes=int(_number("Document Length", output)),
        requests=int(_number("Complete requests", output)),
        seconds=_number("Time taken for tests", output),
        per_second=_number("Requests per second", output),
        percentiles={percent: by_percent[percent] for percent in (50, 90, 99)},
        errors=int(failed),
    )


def print_table(results: list[Result], bounds: argparse.Namespace) -> None:
    """The results as a table, with the tool and its bounds."""
    print(
        f"ab, HTTPS with keep-alive (but the last row), {bounds.concurrency} requests at a "
        f"time, at most {bounds.requests} requests or {bounds.seconds} s per row; nginx "
        f"(deploy/nginx, one worker a CPU, {os.cpu_count()} CPUs) on 127.0.0.1, ab on the "
        "same machine."
    )
    path_width = max(len(result.path) for result in results)
    print(
        f"{'what':<15}{'address':<{path_width + 2}}{'bytes':>7}{'requests':>10}{'seconds':>9}"
        f"{'req/s':>9}{'p50 ms':>8}{'p90 ms':>8}{'p99 ms':>8}{'errors':>8}"
    )
    for r in results:
        p = r.percentiles
        print(
            f"{r.name:<15}{r.path:<{path_width + 2}}{r.bytes:>7}{r.requests:>10}"
            f"{r.seconds:>9.1f}{r.per_second:>9.0f}{p[50]:>8.1f}{p[90]:>8.1f}{p[99]:>8.1f}"
            f"{r.errors:>8}"
        )


def load_test(site: Path, bounds: argparse.Namespace, work: Path) -> list[Result]:
    """Serve `site` with nginx and load each address of it in turn."""
    with serve_with_nginx(site, work / "nginx", nginx_path(), workers="auto") as ports:
        base = f"https://127.0.0.1:{ports.https}"
        return [
            run_ab(name, base + path, path, bounds, work) for name, path in addresses(site).items()
        ]


def missing_programs() -> list[str]:
    """The install command of each program the load test needs and does not find."""
    missing = []
    if shutil.which("ab") is None:
        missing.append(f"ab not found. Install it: apt-get install {AB_PACKAGE}")
    if not os.access(nginx_path(), os.X_OK):
        missing.append(f"nginx not found at {nginx_path()}. Install it: apt-get install nginx")
    return missing


def main(argv: list[str] | None = None) -> int:
    """Build (or take) the published site, load it, print the table; an exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=REQUESTS, help="at most, per row")
    parser.add_argument("--seconds", type=int, default=SECONDS, help="at most, per row")
    parser.add_argument("--concurrency", type=int, default=CONCURRENCY)
    parser.add_argument("--site", type=Path, help="a site built with publishconf.py")
    bounds = parser.parse_args(argv)
    missing = missing_programs()
    if missing:
        print("\n".join(missing) + "\n(or: scripts/install-system-packages bench)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="loadtest-") as folder:
        work = Path(folder)
        site = bounds.site
        if site is None:
            site = work / "site"
            if build(str(ROOT / "publishconf.py"), site):
                return 1
        print_table(load_test(site.resolve(), bounds, work), bounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
