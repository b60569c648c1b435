"""Lighthouse scores of a few pages of the site as published: a benchmark, not a test.

Builds the site with publishconf.py for a server on 127.0.0.1 (so that its absolute
addresses, canonical links and robots.txt point there), serves it, audits each page with
Lighthouse from node_modules (mobile profile) in Debian's Chromium, and prints the four
category scores and the Largest Contentful Paint, then the audits that did not pass:
those that cost points, and hints.

Run `invoke lighthouse` (or `python -m benchmarks.lighthouse`).
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.static_server import serve_directory
from implant_guide.release.build import build

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
PAGES = {
    "home": "/",
    "article": "/dural-tear/",
    "urgent help": "/urgent-help/",
    "get in touch": "/contact/",
    "Spanish article": "/es/desgarro-dural/",
}
CATEGORIES = {
    "performance": "perf",
    "accessibility": "a11y",
    "best-practices": "best",
    "seo": "seo",
}
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync"
)


def audit(url: str, chromium: str) -> dict:
    """Lighthouse's JSON report of one URL."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    environment = {**os.environ, "CHROME_PATH": chromium}
    result = subprocess.run(command, capture_output=True, text=True, env=environment, check=True)
    return json.loads(result.stdout)


def score(report: dict, category: str) -> int:
    """A category's score, 0 to 100."""
    return round(report["categories"][category]["score"] * 100)


def failed_audits(report: dict, category: str) -> list[tuple[str, bool]]:
    """Each audit in `category` that did not pass: its title and id, and whether it scores."""
    audits = report["audits"]
    return [
        (f"{audits[ref['id']]['title']} ({ref['id']})", ref["weight"] > 0)
        for ref in report["categories"][category]["auditRefs"]
        if audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1
    ]


def main() -> int:
    """Build, serve and audit the pages; prints a table and what cost points. Returns an
    exit status."""
    chromium = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    if not LIGHTHOUSE.exists():
        print("Lighthouse is missing: run `npm ci` in the project folder.", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as folder:
        site = Path(folder) / "site"
        site.mkdir()
        with serve_directory(site) as base_url:  # serves whatever the folder holds by then
            os.environ["SITEURL"] = base_url  # read by publishconf.py in the build
            if build(str(ROOT / "publishconf.py"), site):
                return 1
            audit_pages(base_url, chromium)
    return 0


def audit_pages(base_url: str, chromium: str) -> None:
    """Audit PAGES of the site at `base_url`; print the table and what cost points."""
    name_width = max(map(len, PAGES)) + 2
    path_width = max(map(len, PAGES.values())) + 2
    header = f"{'page':<{name_width}}{'':<{path_width}}"
    print(header + "".join(f"{name:>6}" for name in CATEGORIES.values()), end="")
    print(f"{'LCP':>9}")
    costs, hints = [], []
    for name, path in PAGES.items():
        report = audit(base_url + path, chromium)
        lcp = report["audits"]["largest-contentful-paint"]["numericValue"] / 1000
        scores = "".join(f"{score(report, category):>6}" for category in CATEGORIES)
        print(f"{name:<{name_width}}{path:<{path_width}}{scores}{lcp:>8.2f}s")
        for category in CATEGORIES:
            for title, scores_points in failed_audits(report, category):
                (costs if scores_points else hints).append(f"{path} {category}: {title}")
    if costs:
        print("\nAudits that cost points:\n" + "\n".join(costs))
    if hints:
        print("\nHints that cost no points:\n" + "\n".join(hints))


if __name__ == "__main__":
    sys.exit(main())
