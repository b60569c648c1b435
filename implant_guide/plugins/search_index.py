"""Pelican plugin: index the written site for its own search with Pagefind's command line.

Once Pelican has written every page, Pagefind's program (from the pinned ``pagefind``
packages; ``PAGEFIND_BINARY_PATH`` names another, as for Pagefind's own wrapper) indexes
the parts of pages marked ``data-pagefind-body`` and writes the index and Pagefind's API,
``pagefind.js``, into ``pagefind/`` in the output. The templates decide which pages are
marked: articles and listed pages, not drafts. Pagefind gets SEARCH_INDEX_TIMEOUT seconds
(the setting, or its default in `implant_guide/policy.py`); if it fails or runs past them
the build fails.
"""

import subprocess
from pathlib import Path

from pagefind.service import get_executable
from pelican import signals

from implant_guide.policy import SEARCH_INDEX_TIMEOUT

PAGEFIND_PROGRAM_VARIABLE = "PAGEFIND_BINARY_PATH"
"""The environment variable that names another Pagefind program (read by
`pagefind.service.get_executable`)."""

INDEX_FOLDER = "pagefind"
"""Where in the output the index and Pagefind's API go."""

READY_MADE_INTERFACES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
"""Search interfaces Pagefind writes with every index. The search page does not use them:
its own script (theme/static/js/search.js) calls Pagefind's API, pagefind.js."""


class SearchIndexError(SystemExit):
    """Pagefind did not write the index: ends the build with status 1."""

    def __init__(self, problem: str):
        super().__init__(
            f"The search index was not written: {problem}. Check that the project's pinned "
            "packages are installed (make build installs them), then build again."
        )


def _last_line(output: str) -> str:
    """The last line Pagefind printed, where it says what went wrong."""
    lines = output.strip().splitlines()
    return lines[-1] if lines else "it printed nothing"


def write_index(site: Path, timeout: float) -> None:
    """Index the pages in `site` into `site/pagefind/` within `timeout` seconds.

    Runs Pagefind's program itself rather than ``python -m pagefind``, which only finds the
    program and runs it: that saves starting Python once a build.
    """
    program = get_executable()
    if program is None:
        raise SearchIndexError("Pagefind's program was not found")
    command = [str(program), "--site", str(site), "--output-subdir", INDEX_FOLDER, "--quiet"]
    try:
        run = subprocess.run(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired as error:
        raise SearchIndexError(
            f"Pagefind did not finish within {timeout:g} s (SEARCH_INDEX_TIMEOUT; a much "
            "larger site may need more)"
        ) from error
    except OSError as error:
        raise SearchIndexError(
            f"Pagefind's program could not be started ({error.strerror}: {program})"
        ) from error
    if run.returncode != 0:
        raise SearchIndexError(
            f"Pagefind failed (exit status {run.returncode}): {_last_line(run.stdout)}"
        )
    index = site / INDEX_FOLDER
    if not (index / "pagefind.js").is_file():
        raise SearchIndexError(
            f"Pagefind wrote no {INDEX_FOLDER}/pagefind.js ({_last_line(run.stdout)})"
        )
    for name in READY_MADE_INTERFACES:
        (index / name).unlink(missing_ok=True)


def index_site(pelican) -> None:
    """Signal handler, after everything is written: index the output."""
    timeout = pelican.settings.get("SEARCH_INDEX_TIMEOUT", SEARCH_INDEX_TIMEOUT)
    write_index(Path(pelican.output_path), timeout)


def register():
    """Connect the indexer to Pelican."""
    signals.finalized.connect(index_site)
