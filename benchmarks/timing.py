"""Run one build in a child process and measure its wall time and peak memory."""

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Run:
    """Wall-clock and CPU seconds, peak resident memory (MB) and exit status of one child.

    CPU time (user + system) barely moves when other work shares the machine; wall time does.
    """

    seconds: float
    cpu_seconds: float
    peak_mb: float
    status: int


class BuildError(RuntimeError):
    """A timed command exited with an error; the message holds its output."""


def pelican_command(settings: Path, output: Path, *extra: str) -> list[str]:
    """The command `implant_guide.release.build.build` runs, writing straight into `output`.

    Run it from the settings file's folder: Pelican puts the current folder first on
    `sys.path`, and plugins must come from the project the settings name.
    """
    return [
        sys.executable,
        *extra,
        "-m",
        "pelican",
        "--settings",
        str(settings),
        "--output",
        str(output),
        "--fatal",
        "warnings",
    ]


def build_command(settings: Path, output: Path) -> list[str]:
    """Our whole build, as `invoke build` runs it: Pelican and the search index, into a
    staging folder that replaces `output` on success."""
    return [sys.executable, "-m", "implant_guide.release.build", str(settings), str(output)]


def timed(command: list[str], cwd: Path | None = None, check: bool = True) -> Run:
    """Run `command`; return its wall and CPU time and the max RSS of that child alone.

    With `check`, a non-zero exit raises BuildError with the command's output.
    """
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=log, stderr=subprocess.STDOUT)
        _, wait_status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(wait_status)
        if check and process.returncode:
            log.seek(0)
            output = log.read().decode(errors="replace")
            raise BuildError(f"{' '.join(command)} exited {process.returncode}:\n{output}")
    cpu_seconds = usage.ru_utime + usage.ru_stime
    return Run(seconds, cpu_seconds, usage.ru_maxrss / 1024, process.returncode)
