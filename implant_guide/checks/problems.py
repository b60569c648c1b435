"""Problems found in content files, and how they are reported."""

import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a content file, and how to fix it."""

    path: str
    line: int
    message: str
    fix: str
    warning: bool = False

    def __str__(self):
        label = "warning: " if self.warning else ""
        return f"{self.path}:{self.line}: {label}{self.message}. {self.fix}"


class ContentError(SystemExit):
    """Raised when the content has errors: ends the build with its message and status 1."""


class ProblemLog:
    """The problems of one build, printed together at the end."""

    def __init__(self):
        self.problems: list[Problem] = []

    def report(self, source, line, message, fix, warning=False):
        """Record a problem at `line` of a source file."""
        self.problems.append(Problem(source.display_path, line, message, fix, warning))

    def publish(self):
        """Print the problems, errors last; end the build if any is an error."""
        if not self.problems:
            return
        ordered = sorted(self.problems, key=lambda p: (not p.warning, p.path, p.line))
        print("\n".join(str(problem) for problem in ordered), file=sys.stderr)
        errors = sum(not problem.warning for problem in self.problems)
        if errors:
            raise ContentError(
                f"{errors} content error(s) found; nothing was published. Fix them and build again."
            )
