"""The ``grader`` command line: ``python -m grader COMMAND [options]``.

``main`` returns 0 when the command ran (whatever the learners scored) and 2 with
``grader: error: ...`` on stderr for bad usage (a missing path, an unknown option or
assignment, no submission files, a report that is not the grader's JSON).
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from . import reports
from .assignments import AssignmentError, find_assignment
from .autograder.commands import (
    add_autograder,
    add_gradescope_run,
    run_autograder_command,
    run_gradescope_run,
)
from .batch import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT, grade_paths
from .grading import registry
from .quiz import registry as quiz_registry
from .registry import current
from .titles import titles
from .usage import Parser, UsageError, positive
from .wording import counted

__all__ = ["COMMANDS", "ProgressBar", "UsageError", "main", "parser"]


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


def _add_outputs(command: argparse.ArgumentParser) -> None:
    command.add_argument("--html", metavar="FILE", help="write the class report (one HTML file)")
    command.add_argument("--feedback", metavar="DIR",
                         help="write DIR/<file>.md: each learner's score and feedback")


def _add_grade(subparsers: argparse._SubParsersAction) -> None:
    grade = subparsers.add_parser("grade", help="grade submission files and folders")
    grade.add_argument("paths", nargs="+", metavar="PATH", help="submission files or folders")
    grade.add_argument("--assignment", metavar="NAME|FILE",
                       help="grade only this assignment (built-in name or .toml file)")
    grade.add_argument("--seed", type=int, help="variant-data seed (default: the assignment's, "
                                                "else a fresh one)")
    grade.add_argument("--timeout", type=positive(float), default=DEFAULT_TIMEOUT,
                       metavar="S", help="seconds per exercise run (default: %(default)s)")
    grade.add_argument("--memory-mb", type=positive(int), default=DEFAULT_MEMORY_MB,
                       metavar="M", help="memory per run in MiB (default: %(default)s)")
    grade.add_argument("--jobs", type=positive(int), metavar="N",
                       help="runs in parallel (default: the number of CPUs)")
    grade.add_argument("--json", metavar="FILE", help="write every result as JSON")
    grade.add_argument("--csv", metavar="FILE", help="write a gradebook, one row per learner")
    _add_outputs(grade)
    grade.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                       help="show a progress bar on stderr (default: when it is a terminal)")


def _assignment(name: str | None) -> Any:
    if name is None:
        return None
    try:
        assignment = find_assignment(name)
        assignment.max_score()  # names only known ids
    except AssignmentError as exc:
        raise UsageError(str(exc)) from None
    return assignment


def _write_outputs(run: dict[str, Any], args: argparse.Namespace) -> None:
    if args.html:
        reports.write_html(run, args.html, titles())
    if args.feedback:
        reports.write_feedback(run, args.feedback, titles())


def _check_outputs(args: argparse.Namespace) -> None:
    """Refuse outputs that would overwrite each other, or land among the per-learner files."""
    files = {name: Path(getattr(args, name)).resolve() for name in ("json", "csv", "html")
             if getattr(args, name, None)}
    seen: dict[Path, str] = {}
    for name, path in files.items():
        if path in seen:
            raise UsageError(f"--{seen[path]} and --{name} name the same file: {path}")
        seen[path] = name
        if args.feedback and path.is_relative_to(Path(args.feedback).resolve()):
            raise UsageError(f"--{name} is inside the --feedback folder, where learner files "
                             "are written; choose another place")


def run_grade(args: argparse.Namespace) -> int:
    """Grade, write the requested reports, print a summary."""
    _check_outputs(args)
    try:
        run = grade_paths(
            args.paths, seed=args.seed, timeout=args.timeout, memory_mb=args.memory_mb,
            jobs=args.jobs, progress=ProgressBar(sys.stderr, args.progress),
            assignment=_assignment(args.assignment),
        )
    except FileNotFoundError as exc:
        raise UsageError(reports.shown(exc)) from None
    if not run["submissions"]:
        raise UsageError("no submission files (*.json) found in " + " ".join(args.paths))
    if args.json:
        reports.write_json(run, args.json)
    if args.csv:
        reports.write_csv(run, args.csv)
    _write_outputs(run, args)
    for line in reports.summary_lines(run):
        print(line)
    for line in reports.notes(run):
        print(line, file=sys.stderr)
    print(f"grader: sandbox: {run['sandbox']}", file=sys.stderr)
    valid = sum(item["valid"] for item in run["submissions"])
    print(
        f"grader: {len(run['submissions'])} files, {valid} valid; variant seed {run['seed']} "
        f"(--seed {run['seed']} reproduces this run)",
        file=sys.stderr,
    )
    return 0


def _add_report(subparsers: argparse._SubParsersAction) -> None:
    report = subparsers.add_parser("report", help="write reports from a --json results file")
    report.add_argument("results", metavar="RESULTS", help="the JSON file `grade --json` wrote")
    report.add_argument("--csv", metavar="FILE", help="write a gradebook, one row per learner")
    _add_outputs(report)


def run_report(args: argparse.Namespace) -> int:
    """Read a JSON report and write the requested reports from it."""
    try:
        run = json.loads(Path(args.results).read_text(encoding="utf-8"))
        if not isinstance(run, dict) or not isinstance(run.get("submissions"), list):
            raise ValueError("no submissions list")
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise UsageError(f"{args.results} is not a JSON report written by grade --json "
                         f"({reports.shown(exc)})") from None
    if not (args.html or args.feedback or args.csv):
        raise UsageError("choose a report to write: --html FILE, --feedback DIR or --csv FILE")
    _check_outputs(args)
    if args.csv:
        reports.write_csv(run, args.csv)
    _write_outputs(run, args)
    return 0


def _add_list(subparsers: argparse._SubParsersAction) -> None:
    subparsers.add_parser("list", help="list the exercises, quizzes and assignments")


def run_list(args: argparse.Namespace) -> int:
    """Print the exercises, one per line, then the quizzes and the assignments."""
    for exercise_id, exercise in registry().items():
        print(f"{exercise_id}\t{exercise.kind}\t{exercise.title}")
    for quiz_id, quiz in quiz_registry().items():
        print(f"{quiz_id}\tquiz\t{quiz.title}")
    for name, assignment in current().assignments.items():
        points = counted(assignment.max_score(), "point")
        print(f"{name}\tassignment\t{assignment.title} ({points})")
    return 0


Command = tuple[Callable[[argparse._SubParsersAction], None], Callable[[argparse.Namespace], int]]
COMMANDS: dict[str, Command] = {
    "grade": (_add_grade, run_grade),
    "list": (_add_list, run_list),
    "report": (_add_report, run_report),
    "autograder": (add_autograder, run_autograder_command),
    "gradescope-run": (add_gradescope_run, run_gradescope_run),
}


def parser() -> argparse.ArgumentParser:
    """Build the argument parser."""
    root = Parser(prog="grader", description="Grade linear-models-course submissions offline.")
    subparsers = root.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for add, _ in COMMANDS.values():
        add(subparsers)
    return root


def _print_anything() -> None:
    """Let a terminal that cannot show a learner's name print it escaped instead of failing.

    The reports are written before the summary is printed: a crash there would lose nothing
    but would still end the command with an error.
    """
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            stream.reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    _print_anything()
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
