"""Pages signed off in a copy of the project as a clinic signs them off: with the project's
own `invoke sign-off PAGE --reviewer KEY`, run through invoke's command line in this
process (a process per page would take a second each)."""

import importlib.util
import os
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from invoke import Collection, Program

from implant_guide.sign_off import TRANSLATION, sign_off_state
from implant_guide.sources import MarkdownSource
from implant_guide.today import TODAY_VARIABLE


@cache
def _tasks(tasks_file: Path) -> Collection:
    spec = importlib.util.spec_from_file_location(f"tasks_of_{abs(hash(tasks_file))}", tasks_file)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return Collection.from_module(module)


def invoke_in(project: Path, *arguments: str) -> None:
    """Run `invoke ARGUMENTS` with the tasks of `project` (its tasks.py)."""
    Program(namespace=_tasks(project / "tasks.py")).run(["invoke", *arguments], exit=False)


@contextmanager
def today_is(day: str):
    """Inside the block, the project's today is `day` (IMPLANT_GUIDE_TODAY)."""
    before = os.environ.get(TODAY_VARIABLE)
    os.environ[TODAY_VARIABLE] = day
    try:
        yield
    finally:
        if before is None:
            del os.environ[TODAY_VARIABLE]
        else:
            os.environ[TODAY_VARIABLE] = before


def sign_off_every_page(project: Path) -> None:
    """Sign off every reviewed page of `project` by the reviewer its header names: an
    English page on the day its header says it was reviewed, so that its dates stay as the
    content has them; a translation on the tests' today (the content's latest review), on or
    after its English page's last change, as its reviewer would."""
    for path in sorted((project / "content").rglob("*.md")):
        state = sign_off_state(MarkdownSource(path))
        if state is None:
            continue
        day = state.reviewed_on
        if state.fields is TRANSLATION:
            day = max(day, os.environ.get(TODAY_VARIABLE, day))
        with today_is(day):
            invoke_in(project, "sign-off", str(path), "--reviewer", state.reviewer)
