"""Programs the tests run that come from Debian's packages, not from pip."""

import os

import pytest


def installed_program(path: str, name: str, package: str, require_variable: str) -> str:
    """`path` when it is a program; otherwise skip the test, saying how to install it, or
    fail it where `require_variable` is 1 (as `.ci/run` sets it)."""
    if os.path.isfile(path) and os.access(path, os.X_OK):
        return path
    reason = f"{name} not found at {path}. Install it: apt-get install {package}"
    if os.environ.get(require_variable) == "1":
        pytest.fail(f"{reason} ({require_variable}=1 makes this an error)")
    pytest.skip(reason)
