"""``python -m benchmarks [all|browser|grading|lighthouse] [options]``: run, print figures.

Each benchmark prints a table and writes JSON to benchmarks/results/. `all` (the default) runs
the browser benchmark, then the grading benchmark.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def run_browser(args: argparse.Namespace) -> int:
    """Time the course page against the floor page and watch the main thread."""
    from benchmarks import browser_table, browser_timing
    from benchmarks.bench_site import SiteError

    options = browser_timing.BrowserOptions(
        site=args.site,
        page=args.page,
        rounds=args.rounds,
        warm=args.warm,
        loop_visits=args.loop_visits,
        parts=("isolated", "static") if args.part == "all" else (args.part,),
        gzip=args.gzip,
    )
    try:
        report = browser_timing.run(options)
    except SiteError as error:
        print(f"benchmarks: error: {error}", file=sys.stderr)
        return 2
    print(browser_table.render(report), flush=True)
    return 0


def run_grading(args: argparse.Namespace) -> int:
    """Grade generated submissions and report throughput and memory."""
    from benchmarks import grading_throughput

    if not grading_throughput.grader_ready():
        print("benchmarks: error: grader/cli.py does not exist yet", file=sys.stderr)
        return 2
    options = grading_throughput.GradingOptions(
        count=args.count, chapter=args.chapter, floor_count=args.floor_count, jobs=args.jobs,
        seed=args.seed,
    )
    print(grading_throughput.render(grading_throughput.run(options)), flush=True)
    return 0


def run_lighthouse(args: argparse.Namespace) -> int:
    """Score the home, a chapter and the practice page with Lighthouse's mobile profile."""
    from benchmarks import lighthouse
    from benchmarks.report import write_json

    options = lighthouse.LighthouseOptions(
        site=args.site, pages=tuple(args.lighthouse_page or lighthouse.DEFAULT_PAGES),
        runs=args.runs, compress=args.gzip,
    )
    try:
        report = lighthouse.run(options)
    except RuntimeError as error:
        print(f"benchmarks: error: {error}", file=sys.stderr)
        return 2
    write_json("lighthouse.json", report)
    print(lighthouse.render(report), flush=True)
    return 0


def run_all(args: argparse.Namespace) -> int:
    """Run every benchmark; fail if any failed."""
    statuses = [run_browser(args)]
    print(flush=True)
    statuses.append(run_grading(args))
    return max(statuses)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "all": run_all,
    "browser": run_browser,
    "grading": run_grading,
    "lighthouse": run_lighthouse,
}


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {text}")
    return value


def parser() -> argparse.ArgumentParser:
    """Build the command line."""
    cli = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    cli.add_argument(
        "which",
        nargs="?",
        choices=COMMANDS,
        default="all",
        help="the benchmark to run (default: all)",
    )
    browser = cli.add_argument_group("browser")
    browser.add_argument(
        "--site",
        type=Path,
        default=PROJECT_ROOT / "site",
        help="the built site (default: site/, from `make site`)",
    )
    browser.add_argument(
        "--page",
        default="linear-regression/",
        help="the chapter page to open (default: %(default)s)",
    )
    browser.add_argument(
        "--rounds",
        type=_positive,
        default=3,
        help="fresh profiles per page, one cold visit each (default: 3)",
    )
    browser.add_argument(
        "--warm", type=_positive, default=3, help="warm visits per round and page (default: 3)"
    )
    browser.add_argument(
        "--part",
        choices=("all", "isolated", "static"),
        default="all",
        help="isolated: the project's server; static: a plain host behind a shaped link, with"
        " the service worker (default: all)",
    )
    browser.add_argument(
        "--loop-visits",
        type=_positive,
        default=2,
        help="warm visits that also run the 3 s loop (default: 2)",
    )
    audit = cli.add_argument_group("lighthouse")
    audit.add_argument(
        "--lighthouse-page",
        action="append",
        help="a site path to score, repeatable (default: the home, chapter one, its practice)",
    )
    audit.add_argument(
        "--runs", type=_positive, default=1, help="Lighthouse runs per page (default: 1)"
    )
    audit.add_argument(
        "--no-gzip",
        dest="gzip",
        action="store_false",
        help="static hosts (lighthouse, and browser's static part) send text uncompressed"
        " (default: gzip, as GitHub Pages and Netlify do)",
    )
    grading = cli.add_argument_group("grading")
    grading.add_argument(
        "--count",
        type=_positive,
        default=1000,
        help="submissions to generate and grade (default: 1000)",
    )
    grading.add_argument(
        "--chapter",
        default=None,
        help="answer only the exercises of docs/CHAPTER/practice.md, e.g. linear-regression "
        "(default: every exercise of the course)",
    )
    grading.add_argument(
        "--floor-count",
        type=_positive,
        default=None,
        help="submissions for the floor and no-isolation comparisons (default: --count)",
    )
    grading.add_argument(
        "--jobs",
        type=_positive,
        default=os.cpu_count() or 1,
        help="the grader's --jobs (default: the number of CPUs)",
    )
    grading.add_argument(
        "--seed",
        type=int,
        default=20260101,
        help="seeds the generator and the grader's variant data",
    )
    return cli


def main(argv: Sequence[str] | None = None) -> int:
    """Run the chosen benchmarks; return the exit status."""
    args = parser().parse_args(argv)
    return COMMANDS[args.which](args)


if __name__ == "__main__":
    raise SystemExit(main())
