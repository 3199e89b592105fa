"""``python -m grader grade`` does what docs/instructors.md says its options do.

Each test reads what an instructor sees (the summary on stderr, the JSON report, the feedback,
the wall-clock time of the run) and drives the real sandbox: the defaults of ``--timeout``,
``--memory-mb`` and ``--jobs`` are shown by their effect, not read back from the parser.
"""

from __future__ import annotations

import json
import math
import os
import pty
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from exercises import EXERCISES
from grader.cli import main

SEED_LINE = re.compile(r"variant seed (\d+) \(--seed (\d+) reproduces this run\)")
NO_INTERCEPT = EXERCISES["no-intercept"].solution
LESSON_ONLY_R2 = (EXERCISES["baseline-r2"].solution
                  + "\n_lesson = r2_score(y, pred)\n\ndef r2_score(y, pred):\n    return _lesson\n")


def allocating(mib: int) -> dict[str, Any]:
    """A right answer that also maps ``mib`` MiB at once (never touched, so it costs no RAM)."""
    code = NO_INTERCEPT + f"\n_big = bytearray({mib} * 2**20)\ndel _big\n"
    return {"no-intercept": {"code": code}}


def sleeping(seconds: float) -> dict[str, Any]:
    """Work whose only run sleeps (no CPU, so a busy machine does not change its length)."""
    return {"no-intercept": {"code": f"import time\ntime.sleep({seconds})\n"}}


def grade(folder: Path, *options: str, out: Path) -> dict[str, Any]:
    """Run ``grade FOLDER --json OUT OPTIONS`` through `main` and return the JSON report."""
    assert main(["grade", str(folder), "--json", str(out), *options]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def statuses(run: dict[str, Any], exercise_id: str = "no-intercept") -> dict[str, str]:
    return {Path(item["file"]).stem: item["exercises"][exercise_id]["status"]
            for item in run["submissions"]}


def test_the_default_time_limit_is_ten_seconds(
    write_submission: Callable[..., Path], tmp_path: Path
) -> None:
    folder = write_submission("Sleeper", sleeping(60)).parent
    start = time.monotonic()
    run = grade(folder, "--seed", "1", out=tmp_path / "r.json")
    elapsed = time.monotonic() - start
    [result] = [item["exercises"]["no-intercept"] for item in run["submissions"]]
    assert result["status"] == "timeout"
    assert result["feedback"][0].startswith("Your code was stopped after 10 seconds.")
    assert 10.0 <= elapsed < 20.0  # not 5, not 20: the run really was given 10 s


def test_a_timeout_on_the_command_line_is_the_limit_the_learner_reads(
    write_submission: Callable[..., Path], tmp_path: Path
) -> None:
    write_submission("Short", sleeping(0.2))
    folder = write_submission("Long", sleeping(60)).parent
    start = time.monotonic()
    run = grade(folder, "--seed", "1", "--timeout", "1.5", out=tmp_path / "r.json")
    elapsed = time.monotonic() - start
    assert statuses(run) == {"short": "failed", "long": "timeout"}
    feedback = run["submissions"][0]["exercises"]["no-intercept"]["feedback"]
    assert feedback[0].startswith("Your code was stopped after 1.5 seconds.")
    assert elapsed < 8.0


@pytest.mark.parametrize(
    ("options", "fits", "too_big"),
    [([], 460, 540), (["--memory-mb", "256"], 200, 300), (["--memory-mb", "1024"], 980, 1100)],
    ids=["default-512", "256-on-the-command-line", "1024-on-the-command-line"],
)
def test_the_memory_limit_is_the_documented_default_or_the_one_given(
    write_submission: Callable[..., Path], tmp_path: Path, options: list[str], fits: int,
    too_big: int,
) -> None:
    # The limit is "beyond NumPy's own": running the solution itself takes some 30 MiB more,
    # so `fits` stays that far below the limit and `too_big` is above it.
    write_submission("Fits", allocating(fits))
    folder = write_submission("Big", allocating(too_big)).parent
    run = grade(folder, "--seed", "1", *options, out=tmp_path / "r.json")
    assert statuses(run) == {"fits": "passed", "big": "error"}
    big = next(item for item in run["submissions"] if Path(item["file"]).stem == "big")
    assert big["exercises"]["no-intercept"]["feedback"][0].startswith(
        "Your code ran out of memory")


def test_jobs_default_to_the_number_of_cpus(
    write_submission: Callable[..., Path], tmp_path: Path
) -> None:
    # 2 x (CPUs + 1) runs that each sleep 3 s. One job per CPU needs ceil(2 (CPUs + 1) / CPUs)
    # = 3 rounds of sleeps; one job more needs 2 rounds, one fewer 4 or more. The same files
    # with no sleep are timed first and taken off, so what remains is the rounds alone (the
    # sandbox's start-up varies with the machine's load: 1.1 to 1.7 s at load 11 on 2 cores).
    # Sleeps use no CPU, so the rounds do not; half a round either way is allowed.
    cpus = os.cpu_count() or 1
    runs, sleep = 2 * (cpus + 1), 3.0
    rounds = math.ceil(runs / cpus)
    elapsed = []
    for seconds in (0, sleep):
        for n in range(runs):
            folder = write_submission(f"Sleeper{n}", sleeping(seconds)).parent
        start = time.monotonic()
        run = grade(folder, "--seed", "1", out=tmp_path / "r.json")
        elapsed.append(time.monotonic() - start)
        assert set(statuses(run).values()) == {"failed"}
    assert (rounds - 0.5) * sleep <= elapsed[1] - elapsed[0] < (rounds + 0.5) * sleep


def test_without_a_seed_a_fresh_one_is_drawn_printed_and_reproduces_the_run(
    write_submission: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A function that returns the lesson's answer whatever its input: it fails on the variant
    # data, with feedback that quotes numbers drawn from the seed.
    folder = write_submission("Ada", {"baseline-r2": {"code": LESSON_ONLY_R2}}).parent
    runs, seeds = [], []
    for n in range(2):
        runs.append(grade(folder, out=tmp_path / f"fresh{n}.json"))
        match = SEED_LINE.search(capsys.readouterr().err)
        assert match is not None
        assert match[1] == match[2]
        seeds.append(int(match[1]))
    assert seeds[0] != seeds[1]
    assert [run["seed"] for run in runs] == seeds
    again = grade(folder, "--seed", str(seeds[0]), out=tmp_path / "again.json")
    assert f"variant seed {seeds[0]} (--seed {seeds[0]} reproduces" in capsys.readouterr().err
    feedback = [run["submissions"][0]["exercises"]["baseline-r2"]["feedback"]
                for run in (*runs, again)]
    assert "on new data" in feedback[0][0]
    assert feedback[2] == feedback[0]
    assert again["submissions"] == runs[0]["submissions"]


def run_on_a_terminal(*args: str) -> str:
    """Run ``python -m grader`` with stderr on a pseudo-terminal; return what it showed."""
    controller, terminal = pty.openpty()
    with subprocess.Popen([sys.executable, "-m", "grader", *args], stdin=subprocess.DEVNULL,
                          stdout=subprocess.DEVNULL, stderr=terminal) as process:
        os.close(terminal)
        shown = b""
        while True:
            try:
                chunk = os.read(controller, 4096)
            except OSError:  # the terminal closed: the command ended
                break
            if not chunk:
                break
            shown += chunk
        assert process.wait(timeout=60) == 0
    os.close(controller)
    return shown.decode()


@pytest.mark.parametrize(
    ("flag", "on_terminal", "bar"),
    [(None, True, True), (None, False, False), ("--progress", False, True),
     ("--progress", True, True), ("--no-progress", True, False),
     ("--no-progress", False, False)],
    ids=["terminal", "pipe", "forced-on-a-pipe", "forced-on-a-terminal", "off-on-a-terminal",
         "off-on-a-pipe"],
)
def test_the_progress_bar_shows_on_a_terminal_unless_told_otherwise(
    write_submission: Callable[..., Path], capsys: pytest.CaptureFixture[str],
    flag: str | None, on_terminal: bool, bar: bool,
) -> None:
    path = write_submission("Ada", {"predict-x6": {"answer": 220}})
    args = ["grade", str(path), "--seed", "1", *([flag] if flag else [])]
    if on_terminal:
        shown = run_on_a_terminal(*args)
    else:
        assert main(args) == 0
        shown = capsys.readouterr().err
    total = len(EXERCISES)
    assert (f"\rgrading [{'#' * 30}] {total}/{total}" in shown) is bar
    assert ("grading [" in shown) is bar
    assert "variant seed 1 (--seed 1 reproduces this run)" in shown
