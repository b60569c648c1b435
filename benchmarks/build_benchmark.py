"""Build benchmark: our build against bare Pelican on synthetic corpora of growing size.

Prints figures and the targets they are compared with; asserts nothing about time.
Run with `invoke bench` or `python -m benchmarks.build_benchmark --help`.
"""

import argparse
import math
import os
import shutil
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.corpus import write_corpus
from benchmarks.sites import ROOT, first_reviewer, kept_results_folder, write_settings
from benchmarks.timing import Run, build_command, pelican_command, timed
from implant_guide.content_model import REFERENCES_HEADING
from implant_guide.policy import (
    MAX_GROWTH_1000_TO_5000,
    MAX_MAKE_BUILD_SECONDS,
    MAX_OURS_OVER_BARE,
    MAX_REBUILD_OVER_FULL,
)

REFERENCES = f"## {REFERENCES_HEADING}"
MAKE_BUILD = "real site's `make build`, seconds"
TARGETS = {
    "ours/bare at 1,000 articles": MAX_OURS_OVER_BARE,
    "ours at 5,000 / ours at 1,000 articles": MAX_GROWTH_1000_TO_5000,
    "rebuild/full at 1,000 articles": MAX_REBUILD_OVER_FULL,
    MAKE_BUILD: MAX_MAKE_BUILD_SECONDS,
}


@dataclass(frozen=True)
class Figures:
    """Medians of one clock (wall or CPU) for one corpus size, in seconds."""

    ours: float
    bare: float
    rebuild: float

    def cells(self) -> list[str]:
        """Our time, bare Pelican's, their ratio, the rebuild's, and rebuild/full."""
        return [
            f"{self.ours:.2f}",
            f"{self.bare:.2f}",
            f"{self.ours / self.bare:.2f}",
            f"{self.rebuild:.2f}",
            f"{self.rebuild / self.ours:.0%}",
        ]


@dataclass(frozen=True)
class Row:
    """The figures for one corpus size."""

    size: int
    wall: Figures
    cpu: Figures
    peak_mb: float


def _build(settings: Path, output: Path, ours: bool = True, fresh: bool = True) -> Run:
    """Build with `settings` into `output`, emptied first if `fresh`: our whole build
    (Pelican with the search index), or with `ours` false Pelican alone."""
    if fresh:
        shutil.rmtree(output, ignore_errors=True)
    command = (build_command if ours else pelican_command)(settings, output)
    return timed(command, cwd=settings.parent)


def _edit(article: Path, round_: int) -> None:
    """Change one article's text, as an editor would."""
    text = article.read_text(encoding="utf-8")
    article.write_text(
        text.replace(REFERENCES, f"Edited in round {round_}.\n\n{REFERENCES}", 1),
        encoding="utf-8",
    )


def measure(size: int, repeat: int, work: Path, project: Path, reviewer: str) -> Row:
    """Time our build, bare Pelican and our one-article rebuild (content cache on, over the
    previous build, as an editor rebuilds), alternating."""
    content = work / "content"
    edited = write_corpus(content, size, project, reviewer)
    settings = write_settings(work, content, project)
    output, edited_site = work / "output", work / "edited-site"
    _build(settings["bare"], output, ours=False)
    _build(settings["cached"], edited_site)  # fills the content cache
    runs = {"ours": [], "bare": [], "rebuild": []}
    for round_ in range(1, repeat + 1):
        shutil.rmtree(kept_results_folder(work), ignore_errors=True)  # a build from nothing
        runs["ours"].append(_build(settings["ours"], output))
        runs["bare"].append(_build(settings["bare"], output, ours=False))
        _edit(edited, round_)
        runs["rebuild"].append(_build(settings["cached"], edited_site, fresh=False))
        figures = ", ".join(f"{name} {r[-1].seconds:.2f} s" for name, r in runs.items())
        print(f"  {size} articles, round {round_}: {figures}", flush=True)
    for site in (output, edited_site):
        shutil.rmtree(site, ignore_errors=True)
    return Row(
        size,
        wall=Figures(*(statistics.median(r.seconds for r in runs[name]) for name in runs)),
        cpu=Figures(*(statistics.median(r.cpu_seconds for r in runs[name]) for name in runs)),
        peak_mb=max(r.peak_mb for r in runs["ours"]),
    )


def projected_seconds(rows: list[Row], elapsed: list[float], size: int) -> float:
    """How long measuring `size` will take: the last size's time, grown the way our build's
    CPU time grew between the last two sizes (at least in proportion to the size)."""
    if not rows:
        return 0.0
    exponent = 1.0
    if len(rows) > 1:
        smaller, larger = rows[-2:]
        growth = math.log(larger.cpu.ours / smaller.cpu.ours) / math.log(larger.size / smaller.size)
        exponent = max(exponent, growth)
    return elapsed[-1] * (size / rows[-1].size) ** exponent


def print_tables(rows: list[Row]) -> None:
    """The benchmark table (wall time), then the same figures in CPU time."""
    columns = ("articles", "ours s", "bare s", "ours/bare", "rebuild s", "rebuild/full")
    print(" | ".join(f"{c:>12}" for c in (*columns, "peak MB")))
    for row in rows:
        cells = (f"{row.size:,}", *row.wall.cells(), f"{row.peak_mb:.0f}")
        print(" | ".join(f"{c:>12}" for c in cells))
    print("\nThe same in CPU seconds (user + system), steadier when the machine is busy:")
    print(" | ".join(f"{c:>12}" for c in columns))
    for row in rows:
        print(" | ".join(f"{c:>12}" for c in (f"{row.size:,}", *row.cpu.cells())))


def target_figures(rows: list[Row], clock: str) -> dict[str, float]:
    """The ratios the targets bound, in one clock ("wall" or "cpu"), where measured."""
    by_size = {row.size: getattr(row, clock) for row in rows}
    base, large = by_size.get(1000), by_size.get(5000)
    figures = {}
    if base:
        figures["ours/bare at 1,000 articles"] = base.ours / base.bare
        figures["rebuild/full at 1,000 articles"] = base.rebuild / base.ours
        if large:
            figures["ours at 5,000 / ours at 1,000 articles"] = large.ours / base.ours
    return figures


def print_targets(rows: list[Row], make_build: float) -> None:
    """Each target, the measured figure, and whether it holds (judged on wall time)."""
    wall, cpu = target_figures(rows, "wall"), target_figures(rows, "cpu")
    print("\nTargets (judged on wall time; CPU time in brackets):")
    for label, limit in TARGETS.items():
        if label == MAKE_BUILD:
            figure, value = f"{make_build:.2f} s", make_build
        elif label in wall:
            figure, value = f"{wall[label]:.2f} ({cpu[label]:.2f})", wall[label]
        else:
            print(f"  {label} <= {limit}: not measured")
            continue
        print(f"  {label} <= {limit}: {figure}, {'met' if value <= limit else 'NOT met'}")


def time_make(target: str, repeat: int) -> tuple[float, str]:
    """Median wall time of `make TARGET` on the real site, and its exit status if not 0."""
    runs = [timed(["make", target], cwd=ROOT, check=False) for _ in range(repeat)]
    failed = [run.status for run in runs if run.status]
    note = f" (exit status {failed[0]} in {len(failed)} of {repeat})" if failed else ""
    return statistics.median(run.seconds for run in runs), note


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,5000", help="article counts, comma-separated")
    parser.add_argument("--repeat", type=int, default=3, help="timings per figure (median)")
    parser.add_argument("--skip-make-test", action="store_true", help="do not time `make test`")
    parser.add_argument(
        "--budget", type=float, default=25, help="minutes; skip sizes that would overrun (0: none)"
    )
    parser.add_argument(
        "--project", type=Path, default=ROOT, help="project whose settings, theme, plugins to time"
    )
    return parser.parse_args(argv)


def measure_sizes(args: argparse.Namespace, started: float) -> list[Row]:
    """Measure each size in turn, skipping those projected to overrun the time budget."""
    reviewer = first_reviewer(args.project)
    rows, elapsed = [], []
    for size in (int(s) for s in args.sizes.split(",")):
        remaining = args.budget * 60 - (time.perf_counter() - started)
        projection = projected_seconds(rows, elapsed, size)
        if args.budget and projection > remaining:
            print(
                f"Skipped {size:,} articles: projected {projection / 60:.0f} min, "
                f"{remaining / 60:.0f} min of the budget left (--budget 0 runs it anyway)."
            )
            continue
        size_started = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix=f"bench-{size}-") as folder:
            rows.append(measure(size, args.repeat, Path(folder), args.project, reviewer))
        elapsed.append(time.perf_counter() - size_started)
    return rows


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print its figures."""
    args = parse_args(argv)
    started = time.perf_counter()
    print(f"Load average at the start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    time_make("build", 1)  # brings .venv up to date first; only later runs count
    make_build, note = time_make("build", args.repeat)
    print(f"make build, real site (median of {args.repeat}): {make_build:.2f} s{note}", flush=True)
    if not args.skip_make_test:
        make_test, note = time_make("test", 1)
        print(f"make test: {make_test:.0f} s{note}", flush=True)
    rows = measure_sizes(args, started)
    print(f"\nLoad average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n")
    print_tables(rows)
    print_targets(rows, make_build)


if __name__ == "__main__":
    main()
