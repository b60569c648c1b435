"""Two locks, both pinned with hashes: `make build` installs what building needs
(requirements.lock), `make test`, `make lint` and `make publish` the test tools on top
(requirements-test.lock), at the same versions."""

import os
import re
import subprocess
import tomllib

import pytest
from conftest import ROOT

BUILD_LOCK, TEST_LOCK = "requirements.lock", "requirements-test.lock"
PINNED = re.compile(r"^([A-Za-z0-9_.-]+)==(\S+)")
HASH = re.compile(r"--hash=(sha256:[0-9a-f]{64})")


def pins(lock: str) -> dict[str, tuple[str, frozenset[str]]]:
    """Each package of a lock file: its version and the hashes of its files."""
    found, name = {}, None
    for line in (ROOT / lock).read_text(encoding="utf-8").splitlines():
        pinned = PINNED.match(line)
        if pinned:
            name = pinned.group(1).lower()
            found[name] = (pinned.group(2), frozenset())
        elif name and HASH.search(line):
            version, hashes = found[name]
            found[name] = (version, hashes | {HASH.search(line).group(1)})
    return found


def tools_of_the_tests() -> set[str]:
    """The names of the packages of pyproject.toml's `test` extra."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {
        re.match(r"[A-Za-z0-9_.-]+", spec).group(0).lower()
        for spec in project["optional-dependencies"]["test"]
    }


def test_every_package_is_pinned_with_its_hashes():
    for lock in (BUILD_LOCK, TEST_LOCK):
        unhashed = [name for name, (_, hashes) in pins(lock).items() if not hashes]
        assert pins(lock) and not unhashed, f"{lock}: {unhashed}"


def test_building_installs_no_test_tool():
    build = pins(BUILD_LOCK)
    assert tools_of_the_tests() & set(build) == set()
    assert tools_of_the_tests() <= set(pins(TEST_LOCK))


def test_the_test_lock_pins_the_build_packages_as_the_build_lock_does():
    test = pins(TEST_LOCK)
    differ = {name for name, pin in pins(BUILD_LOCK).items() if test.get(name) != pin}
    assert differ == set()


def make_dry_run(target: str) -> list[str]:
    """The commands `make TARGET` would run for a virtual environment not set up yet."""
    outside_make = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "MFLAGS"))}
    done = subprocess.run(
        ["make", "--no-print-directory", "-n", "VENV=/nonexistent/venv", target],
        cwd=ROOT,
        env=outside_make,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.splitlines()


@pytest.mark.parametrize(
    ("target", "locks"),
    [("build", [BUILD_LOCK]), ("lint", [BUILD_LOCK, TEST_LOCK]), ("test", [BUILD_LOCK, TEST_LOCK])],
)
def test_each_command_installs_its_locks_with_their_hashes(target, locks):
    installs = [line for line in make_dry_run(target) if " install --require-hashes -r " in line]
    assert [line.rsplit(" ", 1)[1] for line in installs] == locks
