"""Results that take long to work out and depend on their inputs alone, kept on disk from
one build to the next: the bibliography formatted by citeproc, the glossary's collation
keys, the reading grades of its definitions.

Each result is stored under a hash of its name and inputs, so a changed input is simply a
new entry and a stale one is never read; of each name only the KEPT_PER_NAME entries used
last stay, so the folder does not grow with every edit. The build names the folder as it
starts (`keep_in`, from the settings' KEPT_RESULTS_PATH); a process that names none (a
test's own checks, say) works every result out each time. An entry that cannot be read or
written is worked out again: the folder only ever saves time.
"""

import hashlib
import json
import os
import pickle
from collections.abc import Callable
from contextlib import suppress
from importlib.metadata import version
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

KEPT_PER_NAME = 6
"""How many entries of one name stay: a few versions of each input (the bibliography in
each language, say), those used last."""
HASH_LENGTH = 24
"""Hex digits of the hash in an entry's file name: `NAME-HASH.pickle`."""

_folder: Path | None = None


def keep_in(folder: str | Path | None) -> None:
    """Keep results in `folder` from now on (None: keep none)."""
    global _folder
    _folder = Path(folder) if folder else None


def code_version(module_file: str, *distributions: str) -> str:
    """A fingerprint of the code that works a result out: the module's text and the
    installed versions of the `distributions` it calls."""
    digest = hashlib.sha256(Path(module_file).read_bytes())
    for distribution in distributions:
        digest.update(f"\n{distribution}=={version(distribution)}".encode())
    return digest.hexdigest()


def kept(name: str, inputs, work_out: Callable[[], T]) -> T:
    """`work_out()`, or what it returned before for the same `name` and `inputs` (any
    value JSON can write; what it cannot is written as text)."""
    if _folder is None:
        return work_out()
    written = json.dumps([name, inputs], sort_keys=True, default=str).encode("utf-8")
    path = _folder / f"{name}-{hashlib.sha256(written).hexdigest()[:HASH_LENGTH]}.pickle"
    try:
        result = pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        result = work_out()
        if _store(path, result):
            _forget_oldest(_folder, name)
    else:
        with suppress(OSError):
            os.utime(path)  # used now: the last to be forgotten
    return result


def _store(path: Path, result) -> bool:
    """Write `result` to `path` whole or not at all (several builds may share a folder);
    whether it was written."""
    part = path.with_name(f"{path.name}.{os.getpid()}.part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        part.write_bytes(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(part, path)
    except OSError:
        with suppress(OSError):
            part.unlink(missing_ok=True)
        return False
    return True


def _forget_oldest(folder: Path, name: str) -> None:
    """Delete the entries of `name` beyond the KEPT_PER_NAME used last."""
    entries = []
    for entry in folder.glob(f"{name}-{'?' * HASH_LENGTH}.pickle"):
        with suppress(OSError):
            entries.append((entry.stat().st_mtime_ns, entry))
    for _, entry in sorted(entries, reverse=True)[KEPT_PER_NAME:]:
        with suppress(OSError):
            entry.unlink()
