"""What builds keep between runs (implant_guide/kept_results.py, and the compiled templates)
is worked out again when its inputs change, and a kept folder that is damaged or cannot be
written costs only time. A rebuild that follows changed data files to the pages is in
test_content_cache.py."""

import json
import os

import pytest
from conftest import site_digest

from implant_guide.kept_results import KEPT_PER_NAME, keep_in, kept
from implant_guide.release.build import build


class Counted:
    """A result to work out, counting how often it is."""

    def __init__(self, value):
        self.value, self.calls = value, 0

    def __call__(self):
        self.calls += 1
        return self.value


@pytest.fixture
def folder(tmp_path):
    keep_in(tmp_path / "kept")
    yield tmp_path / "kept"
    keep_in(None)


def test_the_same_inputs_are_worked_out_once(folder):
    work = Counted({"a": (1, 2)})
    assert kept("result", ["x", {"b": 1}], work) == {"a": (1, 2)}
    assert kept("result", ["x", {"b": 1}], Counted("other")) == {"a": (1, 2)}
    assert work.calls == 1 and len(list(folder.glob("result-*.pickle"))) == 1


def test_other_inputs_or_another_name_are_worked_out_afresh(folder):
    kept("result", ["x"], Counted(1))
    assert kept("result", ["y"], Counted(2)) == 2
    assert kept("another", ["x"], Counted(3)) == 3


def test_a_damaged_entry_is_worked_out_again_and_replaced(folder):
    kept("result", ["x"], Counted(1))
    [entry] = folder.glob("result-*.pickle")
    entry.write_bytes(b"\x80\x05 cut short")
    work = Counted(1)
    assert kept("result", ["x"], work) == 1 and work.calls == 1
    assert kept("result", ["x"], Counted("other")) == 1


def test_a_folder_that_cannot_be_made_costs_only_time(tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("in the way", encoding="utf-8")
    keep_in(blocked / "kept")
    try:
        work = Counted(1)
        assert [kept("result", ["x"], work) for _ in range(2)] == [1, 1] and work.calls == 2
    finally:
        keep_in(None)
    assert list(tmp_path.iterdir()) == [blocked]


def test_a_failure_to_work_out_is_raised_and_nothing_is_kept(folder):
    def fails():
        raise ValueError("cannot")

    with pytest.raises(ValueError, match="cannot"):
        kept("result", ["x"], fails)
    assert not list(folder.glob("result-*"))


def test_without_a_folder_nothing_is_kept():
    keep_in(None)  # as a process that never ran a build (an earlier test's build may have)
    work = Counted(1)
    assert [kept("result", ["x"], work) for _ in range(2)] == [1, 1] and work.calls == 2


def test_of_each_name_only_the_entries_used_last_stay(folder):
    kept("result-of-another-kind", ["x"], Counted(1))
    made = []
    for version in range(KEPT_PER_NAME):
        before = set(folder.glob("result-*.pickle"))
        kept("result", [version], Counted(version))
        [entry] = set(folder.glob("result-*.pickle")) - before
        os.utime(entry, (1_000_000 + 60 * version,) * 2)  # as if made a minute apart
        made.append(entry)
    kept("result", [0], Counted("unused"))  # the oldest, used again
    kept("result", ["new"], Counted("new"))
    assert [entry.exists() for entry in made] == [True, False, True, True, True, True]
    assert len(list(folder.glob("result-*.pickle"))) == KEPT_PER_NAME + 1  # the other kind


def test_a_build_that_cannot_keep_anything_builds_the_same_site(project, tmp_path):
    """KEPT_RESULTS_PATH under a file: nothing can be kept, the site is built all the same."""
    blocked = tmp_path / "a-file"
    blocked.write_text("in the way", encoding="utf-8")
    unkept = ("-e", f"KEPT_RESULTS_PATH={json.dumps(str(blocked / 'kept'))}")
    output = tmp_path / "output"
    assert build(str(project / "pelicanconf.py"), output, *unkept) == 0
    assert site_digest(output) == site_digest(project / "output")
