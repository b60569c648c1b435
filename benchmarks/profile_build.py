"""Profile our build of a synthetic corpus: where the time goes, ours versus Pelican's.

Run with `python -m benchmarks.profile_build [--size 1000] [--top 25] [--project DIR]`.
"""

import argparse
import pstats
import sysconfig
import tempfile
from collections import Counter
from pathlib import Path

from benchmarks.corpus import write_corpus
from benchmarks.sites import ROOT, first_reviewer, write_settings
from benchmarks.timing import pelican_command, timed

SITE_PACKAGES = sysconfig.get_paths()["purelib"]
LIBRARIES = (
    ("Python-Markdown", "markdown"),
    ("Jinja2 and MarkupSafe", "jinja2"),
    ("Jinja2 and MarkupSafe", "markupsafe"),
    ("Pelican", "pelican"),
)


def origins(project: Path) -> list[tuple[str, str]]:
    """(name, path prefix) of each part of the build whose time is counted apart."""
    return [
        ("our plugins and helpers", f"{project / 'implant_guide'}/"),
        ("our templates", f"{project / 'theme'}/"),
        *((name, f"{SITE_PACKAGES}/{package}/") for name, package in LIBRARIES),
    ]


def self_time_by_origin(stats: pstats.Stats, project: Path) -> Counter:
    """Seconds spent inside the functions of each origin (their own time, not callees)."""
    prefixes = origins(project)
    totals = Counter()
    for (filename, _, _), (_, _, tottime, _, _) in stats.stats.items():
        name = next((n for n, prefix in prefixes if filename.startswith(prefix)), None)
        totals[name or "Python and other libraries"] += tottime
    return totals


def profile(settings: Path, output: Path, profile_path: Path) -> pstats.Stats:
    """Build once under cProfile; return the statistics."""
    command = pelican_command(settings, output, "-m", "cProfile", "-o", str(profile_path))
    timed(command, cwd=settings.parent)
    return pstats.Stats(str(profile_path))


def report(stats: pstats.Stats, project: Path, top: int) -> None:
    """Print the time by origin, then the top functions by cumulative and by own time."""
    totals = self_time_by_origin(stats, project)
    print(f"Own time by origin (total {stats.total_tt:.1f} s):")
    for name, seconds in totals.most_common():
        print(f"  {name:28} {seconds:7.2f} s  {seconds / stats.total_tt:6.1%}")
    stats.strip_dirs()
    for order in ("cumulative", "tottime"):
        print(f"\nTop {top} by {order}:")
        stats.sort_stats(order).print_stats(top)


def main(argv: list[str] | None = None) -> None:
    """Generate a corpus, profile our build of it and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000, help="number of articles")
    parser.add_argument("--top", type=int, default=25, help="rows per table")
    parser.add_argument(
        "--project",
        type=Path,
        default=ROOT,
        help="project whose settings, theme and plugins to run",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="profile-build-") as folder:
        work = Path(folder)
        write_corpus(work / "content", args.size, args.project, first_reviewer(args.project))
        settings = write_settings(work, work / "content", args.project)["ours"]
        stats = profile(settings, work / "output", work / "build.prof")
        report(stats, args.project, args.top)


if __name__ == "__main__":
    main()
