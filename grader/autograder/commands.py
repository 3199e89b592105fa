"""The CLI's ``autograder`` and ``gradescope-run`` commands (see `grader.cli`)."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from ..assignments import AssignmentError, find_assignment
from ..grading import DEFAULT_TIMEOUT
from ..usage import UsageError, positive
from ..wording import counted
from .bundle import VISIBILITIES, write_bundle
from .upload import run_upload


def add_autograder(subparsers: argparse._SubParsersAction) -> None:
    """Register ``autograder``: write a Gradescope bundle."""
    command = subparsers.add_parser(
        "autograder", help="write a Gradescope autograder bundle (zip) for an assignment")
    command.add_argument("--assignment", required=True, metavar="NAME|FILE",
                         help="a built-in assignment or a .toml file")
    command.add_argument("-o", "--output", required=True, metavar="ZIP", help="the zip to write")
    command.add_argument("--seed", type=int, help="variant seed fixed in the bundle (default: "
                                                  "the assignment's, else a fresh one)")
    command.add_argument("--timeout", type=positive(float), default=DEFAULT_TIMEOUT, metavar="S",
                         help="seconds per exercise run (default: %(default)s)")
    command.add_argument("--visibility", choices=VISIBILITIES, default="visible",
                         help="when learners see each test's result (default: %(default)s)")


def run_autograder_command(args: argparse.Namespace) -> int:
    """Write the bundle and say what is in it."""
    try:
        assignment = find_assignment(args.assignment)
        assignment.max_score()  # unknown ids are an error now, not in Gradescope
    except AssignmentError as exc:
        raise UsageError(str(exc)) from None
    started = time.monotonic()
    seed = write_bundle(assignment, args.output, seed=args.seed, timeout=args.timeout,
                        visibility=args.visibility)
    print(f"grader: wrote {args.output} for assignment {assignment.id} "
          f"({counted(assignment.max_score(), 'point')}, variant seed {seed}) in "
          f"{time.monotonic() - started:.1f} s", file=sys.stderr)
    return 0


def add_gradescope_run(subparsers: argparse._SubParsersAction) -> None:
    """Register ``gradescope-run``: what the bundle's ``run_autograder`` calls."""
    command = subparsers.add_parser(
        "gradescope-run", help="grade ROOT/submission into ROOT/results/results.json "
                               "(run by the bundle's run_autograder)")
    command.add_argument("--root", default=os.environ.get("AUTOGRADER_ROOT", "/autograder"),
                         help="the autograder folder (default: $AUTOGRADER_ROOT or /autograder)")
    command.add_argument("--timeout", type=positive(float), default=DEFAULT_TIMEOUT, metavar="S")
    command.add_argument("--visibility", choices=VISIBILITIES, default="visible")


def run_gradescope_run(args: argparse.Namespace) -> int:
    """Grade the one upload; always writes results.json."""
    run_upload(Path(args.root), timeout=args.timeout, visibility=args.visibility)
    return 0
