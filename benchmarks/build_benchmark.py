"""Build benchmark: our build against bare Pelican on synthetic corpora of growing size.

Prints figures and the targets they are compared with; asserts nothing about time.
Run with `invoke bench` or `python -m benchmarks.build_benchmark --help`.
"""

import argparse
import math
import shutil
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.corpus import ROOT, write_corpus
from benchmarks.sites import first_reviewer, write_settings
from benchmarks.timing import Run, pelican_command, timed


@dataclass(frozen=True)
class Row:
    """Median figures for one corpus size."""

    size: int
    ours: float
    bare: float
    rebuild: float
    peak_mb: float


def _build(settings: Path, output: Path) -> Run:
    shutil.rmtree(output, ignore_errors=True)
    return timed(pelican_command(settings, output), cwd=settings.parent)


def _edit(article: Path, round_: int) -> None:
    """Change one article's text, as an editor would."""
    text = article.read_text(encoding="utf-8")
    article.write_text(
        text.replace("## References", f"Edited in round {round_}.\n\n## References", 1),
        encoding="utf-8",
    )


def measure(size: int, repeat: int, work: Path, project: Path, reviewer: str) -> Row:
    """Time our build, bare Pelican and our cached one-article rebuild, alternating."""
    content = work / "content"
    edited = write_corpus(content, size, reviewer)
    settings = write_settings(work, content, project)
    output = work / "output"
    _build(settings["bare"], output)
    _build(settings["cached"], output)  # fills the content cache
    runs = {"ours": [], "bare": [], "rebuild": []}
    for round_ in range(1, repeat + 1):
        runs["ours"].append(_build(settings["ours"], output))
        runs["bare"].append(_build(settings["bare"], output))
        _edit(edited, round_)
        runs["rebuild"].append(_build(settings["cached"], output))
        figures = ", ".join(f"{name} {r[-1].seconds:.2f} s" for name, r in runs.items())
        print(f"  {size} articles, round {round_}: {figures}", flush=True)
    shutil.rmtree(output, ignore_errors=True)
    return Row(
        size,
        *(statistics.median(r.seconds for r in runs[name]) for name in runs),
        peak_mb=max(r.peak_mb for r in runs["ours"]),
    )


def projected_seconds(rows: list[Row], elapsed: list[float], size: int) -> float:
    """How long measuring `size` will take: the last size's time, grown the way our build
    time grew between the last two sizes (at least in proportion to the size)."""
    if not rows:
        return 0.0
    exponent = 1.0
    if len(rows) > 1:
        smaller, larger = rows[-2:]
        growth = math.log(larger.ours / smaller.ours) / math.log(larger.size / smaller.size)
        exponent = max(exponent, growth)
    return elapsed[-1] * (size / rows[-1].size) ** exponent


def print_table(rows: list[Row]) -> None:
    """The benchmark table: one line per corpus size."""
    header = ("articles", "ours s", "bare s", "ours/bare", "rebuild s", "rebuild/full", "peak MB")
    print(" | ".join(f"{h:>12}" for h in header))
    for row in rows:
        cells = (
            f"{row.size:,}",
            f"{row.ours:.2f}",
            f"{row.bare:.2f}",
            f"{row.ours / row.bare:.2f}",
            f"{row.rebuild:.2f}",
            f"{row.rebuild / row.ours:.0%}",
            f"{row.peak_mb:.0f}",
        )
        print(" | ".join(f"{c:>12}" for c in cells))


def print_targets(rows: list[Row], make_build: float) -> None:
    """Each target, the measured figure, and whether it holds."""
    by_size = {row.size: row for row in rows}
    base, large = by_size.get(1000), by_size.get(5000)
    checks = [("real site's `make build` < 2 s", make_build, 2.0)]
    if base:
        checks += [
            ("ours/bare at 1,000 articles <= 1.25", base.ours / base.bare, 1.25),
            ("5,000-article / 1,000-article time <= 5.5", large and large.ours / base.ours, 5.5),
            ("rebuild/full at 1,000 articles <= 0.50", base.rebuild / base.ours, 0.50),
        ]
    print("\nTargets:")
    for label, value, limit in checks:
        if value is None:
            verdict = "not measured"
        else:
            verdict = f"{value:6.2f}  {'met' if value <= limit else 'NOT met'}"
        print(f"  {label:44} {verdict}")


def time_make(target: str, repeat: int) -> tuple[float, str]:
    """Median wall time of `make TARGET` on the real site, and its exit status if not 0."""
    runs = [timed(["make", target], cwd=ROOT, check=False) for _ in range(repeat)]
    failed = [run.status for run in runs if run.status]
    note = f" (exit status {failed[0]} in {len(failed)} of {repeat})" if failed else ""
    return statistics.median(run.seconds for run in runs), note


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,5000", help="article counts, comma-separated")
    parser.add_argument("--repeat", type=int, default=3, help="timings per figure (median)")
    parser.add_argument("--skip-make-test", action="store_true", help="do not time `make test`")
    parser.add_argument(
        "--budget",
        type=float,
        default=25,
        help="minutes; skip sizes projected to overrun (0: none)",
    )
    parser.add_argument(
        "--project",
        type=Path,
        default=ROOT,
        help="project whose settings, theme and plugins to time",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    time_make("build", 1)  # brings .venv up to date first; only later runs count
    make_build, note = time_make("build", args.repeat)
    print(f"make build, real site (median of {args.repeat}): {make_build:.2f} s{note}", flush=True)
    if not args.skip_make_test:
        make_test, note = time_make("test", 1)
        print(f"make test: {make_test:.0f} s{note}", flush=True)
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
    print()
    print_table(rows)
    print_targets(rows, make_build)


if __name__ == "__main__":
    main()
