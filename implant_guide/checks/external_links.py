"""Check, by hand and with network, that the external links of the built site still answer.

Links that answered within the last days are remembered in a JSON cache and not fetched again;
broken links are fetched on every run.
"""

import json
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from http.client import HTTPException
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urldefrag, urlsplit
from urllib.request import Request, urlopen

from implant_guide.checks.site_links import SiteLinks
from implant_guide.policy import LINK_CHECK_MAX_AGE_DAYS, LINK_CHECK_TIMEOUT

USER_AGENT = "Mozilla/5.0 (compatible; implant-guide-linkcheck/1.0)"
PARALLEL_FETCHES = 8


def external_links(output_dir: Path, site_url: str = "") -> dict[str, list[str]]:
    """Each external https URL of the built site (without #fragment), with the pages using it."""
    site = SiteLinks(output_dir, site_url)
    pages = defaultdict(set)
    for reference in site.references:
        url = urldefrag(reference.target.strip()).url
        if urlsplit(url).scheme.lower() == "https" and site.target(reference) is None:
            pages[url].add(reference.page)
    return {url: sorted(pages[url]) for url in sorted(pages)}


def fetch_problem(url: str) -> str | None:
    """What is wrong with `url`, or None if it answers. Tries HEAD, then GET."""
    problem = None
    for method in ("HEAD", "GET"):
        request = Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urlopen(request, timeout=LINK_CHECK_TIMEOUT):
                return None
        except HTTPError as error:
            problem = f"HTTP {error.code} {error.reason}"
        except (OSError, HTTPException, ValueError) as error:
            problem = str(getattr(error, "reason", error)) or type(error).__name__
    return problem


def _recent_successes(cache_file: Path, max_age: timedelta) -> dict[str, str]:
    """URLs from the cache that answered within `max_age`, with when they did."""
    if not cache_file.exists():
        return {}
    oldest = datetime.now(UTC) - max_age
    entries = json.loads(cache_file.read_text(encoding="utf-8"))
    return {url: when for url, when in entries.items() if datetime.fromisoformat(when) >= oldest}


def _broken_table(broken: dict[str, str], links: dict[str, list[str]]) -> str:
    rows = [("Broken link", "Problem", "Used on")]
    rows += [(url, problem, ", ".join(links[url])) for url, problem in sorted(broken.items())]
    url_width = max(len(row[0]) for row in rows)
    problem_width = max(len(row[1]) for row in rows)
    return "\n".join(f"{u:<{url_width}}  {p:<{problem_width}}  {pages}" for u, p, pages in rows)


def check_external_links(
    output_dir: Path,
    cache_file: Path,
    max_age_days: int = LINK_CHECK_MAX_AGE_DAYS,
    *,
    site_url: str = "",
    fetch: Callable[[str], str | None] = fetch_problem,
) -> int:
    """Fetch the external links of `output_dir`, print the broken ones; 1 if any, else 0.

    `site_url` is the build's SITEURL, so absolute links to the site itself are left out.
    """
    links = external_links(output_dir, site_url)
    working = _recent_successes(cache_file, timedelta(days=max_age_days))
    to_fetch = [url for url in links if url not in working]
    with ThreadPoolExecutor(PARALLEL_FETCHES) as pool:
        problems = dict(zip(to_fetch, pool.map(fetch, to_fetch), strict=True))
    now = datetime.now(UTC).isoformat(timespec="seconds")
    working |= {url: now for url, problem in problems.items() if problem is None}
    cache_file.write_text(json.dumps(working, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    broken = {url: problem for url, problem in problems.items() if problem}
    print(
        f"{len(links)} external links: {len(to_fetch)} fetched, "
        f"{len(links) - len(to_fetch)} fine within {max_age_days} days, {len(broken)} broken."
    )
    if broken:
        print(_broken_table(broken, links))
    return 1 if broken else 0
