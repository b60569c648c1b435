"""Builds made once for a whole test run, however many processes run the tests.

pytest-xdist runs the tests in several worker processes, each with a temporary folder of
its own inside the run's. A build that tests only read is made once, in the run's folder,
by the first worker that needs it while any other waits on a lock (`made_once`). A module
that changes a project gets a copy of the built one (`copy_of_built_project`).
"""

import fcntl
import gzip
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from pelican.settings import read_settings

from implant_guide.plugins.content_cache import content_cache_path

CONTENT_CACHES = "*-Readers"
"""Pelican's content caches (one a generator) in a cache folder: gzip'd pickles of a dict
keyed by each content file's absolute path."""


def run_folder(tmp_path_factory: pytest.TempPathFactory, worker: str) -> Path:
    """The temporary folder of the whole run: the parent of each xdist worker's own
    (`worker` is xdist's worker id, "master" without xdist)."""
    base = tmp_path_factory.getbasetemp()
    return base if worker == "master" else base.parent


def made_once(folder: Path, make: Callable[[Path], None]) -> Path:
    """`folder`, filled by `make(folder)` the first time any process asks for it; a process
    that asks meanwhile waits. After a `make` that failed, the next one tries again (and
    fails the same way)."""
    done = folder.with_name(f"{folder.name}.done")
    with folder.with_name(f"{folder.name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            make(folder)
            done.touch()
    return folder


def _cache_folder(project: Path) -> Path:
    """The content cache folder a development build of `project` uses: named by a hash of
    its settings (which hold its paths) and of the files its content reads."""
    return Path(content_cache_path(read_settings(str(project / "pelicanconf.py"))))


def copy_of_built_project(project: Path, folder: Path) -> Path:
    """A copy of `project` (a copy of the project with a build) in `folder`, whose content
    cache still holds every file: a build or a check there reads again only what changed.
    The cache moves to the copy's folder, its entries keyed by the copy's files."""
    shutil.copytree(project, folder, symlinks=True)
    cache = folder / _cache_folder(project).relative_to(project)
    cache = cache.rename(_cache_folder(folder))
    for readers in cache.glob(CONTENT_CACHES):
        with gzip.open(readers) as stored:
            entries = pickle.load(stored)
        moved = {str(folder / Path(key).relative_to(project)): v for key, v in entries.items()}
        with gzip.open(readers, "wb") as stored:
            pickle.dump(moved, stored)
    return folder
