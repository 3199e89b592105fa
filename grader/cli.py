"""The ``grader`` command line: ``python -m grader grade PATH... [options]``.

``main`` returns 0 when grading ran (whatever the learners scored) and 2 with
``grader: error: ...`` on stderr for bad usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from . import report
from .batch import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT, grade_paths
from .grading import registry
from .quiz import registry as quiz_registry


class UsageError(Exception):
    """Bad command-line usage; the message is shown after ``grader: error:``."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


class ProgressBar:
    """A one-line progress bar on a terminal; silent when the stream is not one."""

    def __init__(self, stream: TextIO, enabled: bool | None = None, width: int = 30) -> None:
        self.stream, self.width = stream, width
        self.enabled = stream.isatty() if enabled is None else enabled

    def __call__(self, done: int, total: int) -> None:
        """Redraw the bar for ``done`` of ``total`` exercise runs."""
        if not self.enabled or total == 0:
            return
        filled = round(self.width * done / total)
        bar = "#" * filled + "-" * (self.width - filled)
        end = "\n" if done == total else ""
        self.stream.write(f"\rgrading [{bar}] {done}/{total}{end}")
        self.stream.flush()


def _positive(kind: type) -> Callable[[str], float | int]:
    def parse(text: str) -> float | int:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be positive: {text!r}")
        return value

    return parse


def _add_grade(subparsers: argparse._SubParsersAction) -> None:
    grade = subparsers.add_parser("grade", help="grade submission files and folders")
    grade.add_argument("paths", nargs="+", metavar="PATH", help="submission files or folders")
    grade.add_argument("--seed", type=int, help="variant-data seed (default: a fresh one)")
    grade.add_argument("--timeout", type=_positive(float), default=DEFAULT_TIMEOUT,
                       metavar="S", help="seconds per exercise run (default: %(default)s)")
    grade.add_argument("--memory-mb", type=_positive(int), default=DEFAULT_MEMORY_MB,
                       metavar="M", help="memory per run in MiB (default: %(default)s)")
    grade.add_argument("--jobs", type=_positive(int), metavar="N",
                       help="runs in parallel (default: the number of CPUs)")
    grade.add_argument("--json", metavar="FILE", help="write every result as JSON")
    grade.add_argument("--csv", metavar="FILE", help="write a gradebook, one row per learner")
    grade.add_argument("--gradescope", metavar="DIR", help="write DIR/<file>/results.json")
    grade.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                       help="show a progress bar on stderr (default: when it is a terminal)")


def run_grade(args: argparse.Namespace) -> int:
    """Grade, write the requested reports, print a summary."""
    try:
        run = grade_paths(
            args.paths, seed=args.seed, timeout=args.timeout, memory_mb=args.memory_mb,
            jobs=args.jobs, progress=ProgressBar(sys.stderr, args.progress),
        )
    except FileNotFoundError as exc:
        raise UsageError(str(exc)) from None
    if not run["submissions"]:
        raise UsageError("no submission files (*.json) found in " + " ".join(args.paths))
    titles = {i: e.title for i, e in registry().items()}
    titles.update((quiz.id, quiz.title) for quiz in quiz_registry().values())
    if args.json:
        report.write_json(run, args.json)
    if args.csv:
        report.write_csv(run, args.csv)
    if args.gradescope:
        report.write_gradescope(run, args.gradescope, titles)
    for line in report.summary_lines(run):
        print(line)
    valid = sum(item["valid"] for item in run["submissions"])
    print(
        f"grader: {len(run['submissions'])} files, {valid} valid; variant seed {run['seed']} "
        f"(--seed {run['seed']} reproduces this run)",
        file=sys.stderr,
    )
    return 0


def _add_list(subparsers: argparse._SubParsersAction) -> None:
    subparsers.add_parser("list", help="list the exercise ids and titles")


def run_list(args: argparse.Namespace) -> int:
    """Print the exercises, one per line."""
    for exercise_id, exercise in registry().items():
        print(f"{exercise_id}\t{exercise.kind}\t{exercise.title}")
    return 0


COMMANDS: dict[str, tuple[Callable[[argparse._SubParsersAction], None],
                          Callable[[argparse.Namespace], int]]] = {
    "grade": (_add_grade, run_grade),
    "list": (_add_list, run_list),
}


def parser() -> argparse.ArgumentParser:
    """Build the argument parser."""
    root = _Parser(prog="grader", description="Grade linear-models-course submissions offline.")
    subparsers = root.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for add, _ in COMMANDS.values():
        add(subparsers)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    try:
        args = parser().parse_args(argv)
        if args.command is None:
            raise UsageError(f"choose a command: {', '.join(COMMANDS)}")
        return COMMANDS[args.command][1](args)
    except UsageError as exc:
        print(f"grader: error: {exc}", file=sys.stderr)
        return 2
    except SystemExit as exc:  # --help
        return exc.code if isinstance(exc.code, int) else 0
