"""The texts a slow check passed on in an earlier development build, so that a rebuild
checks again only the texts that changed.

They are kept in the content cache of development builds (CACHE_PATH, under a folder
named by every input that shapes the build: the settings, the data files, this package;
see `implant_guide/plugins/content_cache.py`), so a new warning-signs declaration, glossary
or version of the checks starts with none. Publish builds keep no content cache: they
check everything.
"""

import hashlib
import json
from collections.abc import Callable
from pathlib import Path


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


class PassedTexts:
    """The digests of the texts `check` passed on, read when made, written by `save`."""

    def __init__(self, settings: dict, check: str):
        cached = settings.get("CACHE_CONTENT") and settings.get("LOAD_CONTENT_CACHE")
        self.path = Path(settings["CACHE_PATH"]) / f"implant_guide_{check}.json" if cached else None
        self.before = self._read()
        self.now: set[str] = set()

    def _read(self) -> set[str]:
        if self.path is None:
            return set()  # no cache: every text is checked
        try:
            return set(json.loads(self.path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return set()  # none yet, or unreadable: every text is checked

    def check(self, text: str, run: Callable[[], bool]) -> None:
        """Run the check on `text` (`run`, which says whether it passed) unless it passed
        on this very text in the last development build; remember the texts it passed on."""
        digest = _digest(text)
        if digest in self.before or run():
            self.now.add(digest)

    def save(self) -> None:
        """Keep the texts that passed in this build (only those) for the next."""
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(json.dumps(sorted(self.now)), encoding="utf-8")
