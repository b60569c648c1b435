"""The thresholds of the content and of the site, each declared once.

The build's checks, the tasks (`invoke readability`, `weight`, `reviews`, `linkcheck`,
`bench`), the benchmarks and the tests all read their limits from here: change one here
and every one of them follows. What an article must contain (kinds, sections, care cards)
is declared in `content_model.py`.
"""

from implant_guide.languages import LANGUAGE_PAGES

# ---- Articles -------------------------------------------------------------------------

MIN_WORDS = 300
"""Words an article body needs (References aside) to be useful."""

MAX_GRADE = 8.0
"""The highest Flesch-Kincaid grade an article body may read at."""

MIN_INFLESZ = 65.0
"""The lowest Szigriszt-Pazos (INFLESZ) score a Spanish article body may read at:
"bastante fácil", the Spanish match of MAX_GRADE."""

MAX_DEFINITION_GRADE = MAX_GRADE
"""The highest grade a glossary definition may read at: the articles' limit."""

MAX_SUMMARY_LENGTH = 200
"""Characters a `Summary:` may have (search engines show it)."""

MIN_REFERENCES = 2
"""Sources an article must cite."""

MAX_REVIEW_INTERVAL_MONTHS = 12
"""How long after its last review an article's next review may be due."""

REVIEW_DUE_SOON_DAYS = 60
"""The review calendar marks a review "due soon" this many days ahead."""

RISK_DENOMINATORS = (100, 1000)
"""The only denominators an icon array shows: people out of 100, or out of 1,000."""

# ---- Building -------------------------------------------------------------------------

MIN_FILES_TO_READ_AHEAD = 100
"""Files a generator must have to read before they are read in several processes at once
(`READ_AHEAD_MIN_FILES` in the settings overrides it). Below it, starting the processes
costs more than it saves: the guide's own 56 files were read 3% faster for 12% more CPU
time; 1,000 synthetic articles build in 14 s instead of 19.6 s."""

# ---- Pages ----------------------------------------------------------------------------

MAX_PAGE_REQUESTS = 4
"""Files a page may load, its HTML included."""

MAX_PAGE_GZIP_BYTES = 30 * 1024
"""Gzip bytes of everything a page loads."""

WEIGHT_EXEMPT_PAGES = frozenset(f"{url}index.html" for url in LANGUAGE_PAGES["search"].values())
"""Pages outside the page budget: the search page of each language loads its index and a
script."""

MAX_SEARCH_GZIP_BYTES = 200 * 1024
"""Gzip bytes one search may load, page included: about 145 KB in 2026, most of it
Pagefind's WebAssembly (70 KB) and the index (30 KB), which grows with the content."""

MAX_SHARE_IMAGE_BYTES = 60 * 1024
"""Bytes of the picture shown when a page is shared."""

MIN_TEXT_CONTRAST = 4.5
"""Contrast of text against its background (WCAG 2.2 SC 1.4.3)."""

MIN_GRAPHICS_CONTRAST = 3.0
"""Contrast of the marks of icon arrays (WCAG 2.2 SC 1.4.11, non-text contrast)."""

# ---- Build and tools ------------------------------------------------------------------

SEARCH_INDEX_TIMEOUT = 120
"""Seconds Pagefind may take to index the site, unless the settings give
SEARCH_INDEX_TIMEOUT."""

LINK_CHECK_TIMEOUT = 10
"""Seconds `invoke linkcheck` waits for one external link to answer."""

LINK_CHECK_MAX_AGE_DAYS = 7
"""A link that answered within this many days is not fetched again."""

MAX_OURS_OVER_BARE = 1.25
"""Our build of 1,000 synthetic articles against bare Pelican's (`invoke bench`)."""

MAX_GROWTH_1000_TO_5000 = 5.5
"""Our build of 5,000 synthetic articles against 1,000."""

MAX_REBUILD_OVER_FULL = 0.4
"""A rebuild after one article changed, against the full build, at 1,000 articles."""

MAX_MAKE_BUILD_SECONDS = 2
"""Wall time of `make build` on the real site."""
