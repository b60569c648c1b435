"""Problems found in the files editors write, and how a build reports them.

A problem is one thing wrong at one line of one file, with how to fix it; it is an error
(the build stops) or a warning (the build goes on). Every reader of a data file returns
its problems beside its value, every check reports into a `ProblemLog`, and the log prints
them together as `path:line: problem. How to fix.`
"""

import os
import sys
from dataclasses import dataclass, replace
from pathlib import Path

ERROR = "error"
WARNING = "warning"
SEVERITIES = (ERROR, WARNING)


def display_path(path: Path) -> str:
    """`path` as an editor would type it: relative to the current folder if inside it."""
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, at a line, and how to fix it. A parser that reads a
    piece of a file (one line of Markdown) finds the problem; whoever knows the file and
    the line places it there (`at`)."""

    message: str
    fix: str
    path: Path | None = None
    line: int = 0
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def at(self, path, line: int) -> "Problem":
        """The same problem at `line` of the file `path`."""
        return replace(self, path=Path(path), line=line)

    def __str__(self):
        label = "" if self.is_error else f"{self.severity}: "
        return f"{display_path(self.path)}:{self.line}: {label}{self.message}. {self.fix}"


class ContentError(SystemExit):
    """Raised when the content has errors: ends the build with its message and status 1."""


class ProblemLog:
    """The problems of one build, printed together at the end."""

    def __init__(self):
        self.problems: list[Problem] = []

    def report(self, source, line: int, message: str, fix: str, severity: str = ERROR):
        """Record a problem at `line` of a source file (anything with a `path`)."""
        self.problems.append(Problem(message, fix, Path(source.path), line, severity))

    def add(self, problems) -> None:
        """Record problems a reader found."""
        self.problems.extend(problems)

    def publish(self):
        """Print the problems, errors last; end the build if any is an error."""
        if not self.problems:
            return
        ordered = sorted(self.problems, key=lambda p: (p.is_error, display_path(p.path), p.line))
        print("\n".join(str(problem) for problem in ordered), file=sys.stderr)
        errors = sum(problem.is_error for problem in self.problems)
        if errors:
            raise ContentError(
                f"{errors} content error(s) found; nothing was published. Fix them and build again."
            )
