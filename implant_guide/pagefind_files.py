"""The files of a Pagefind search index, and how one build reuses another's.

Most of the index is files named by a hash of their content (a page's text, a chunk of the
word list), and Pagefind does not write a file whose name is already there. A build that
starts from the previous build's files (`reuse_index_files`) so compresses and writes only
what changed; `remove_unused_files` then drops the files the new index no longer names,
and the ready-made search interfaces the site does not use.
"""

import gzip
import json
import os
from pathlib import Path

INDEX_FOLDER = "pagefind"
"""Where in the output the index and Pagefind's scripts go."""

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

HASHED_FOLDERS = ("fragment", "index")
"""The index's folders of files named by a hash of their content (pages' text, word lists)."""


def reuse_index_files(previous_site: Path, site: Path) -> None:
    """Give `site`, about to be built, the hashed index files of `previous_site` (hard
    links, so nothing is copied and `previous_site` is not changed)."""
    for folder in HASHED_FOLDERS:
        source = previous_site / INDEX_FOLDER / folder
        if source.is_dir():
            target = site / INDEX_FOLDER / folder
            target.mkdir(parents=True)
            for path in source.iterdir():
                os.link(path, target / path.name)


def remove_unused_files(index: Path) -> None:
    """Delete from `index` the ready-made interfaces and the hashed files that its entry
    file and metadata do not name: the ones left from an earlier build."""
    for name in READY_MADE_INTERFACES:
        (index / name).unlink(missing_ok=True)
    languages = json.loads((index / "pagefind-entry.json").read_text())["languages"]
    hashes = {language["hash"] for language in languages.values()}
    metadata = [gzip.decompress((index / f"pagefind.{h}.pf_meta").read_bytes()) for h in hashes]
    for path in index.rglob("*.pf_*"):
        name = path.name.split(".")[-2]  # en_41fdc2a from en_41fdc2a.pf_fragment
        if name not in hashes and not any(name.encode() in meta for meta in metadata):
            path.unlink()
