"""grader.sandbox: each limit measured from the outside, and named rightly in the feedback.

The limits are tried at values far enough apart that a wrong factor (a limit doubled, halved or
ignored) shows.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from grader import Grader, Submission
from grader.sandbox import Sandbox

LOOP = {"code": "while True:\n    pass\n", "names": [], "calls": []}
# What stopping costs beyond the limit itself: the kill, the reap and the reply, on a busy
# two-core machine. Measured here at 5-40 ms with other test runs beside; the window is wider.
STOP_MARGIN = 0.35


@pytest.mark.parametrize("timeout", [0.5, 1.5, 3.0])
def test_a_run_is_stopped_at_its_time_limit_not_before_and_not_long_after(timeout: float) -> None:
    with Sandbox(timeout=timeout) as sandbox:
        started = time.monotonic()
        outcome = sandbox.run(LOOP)
        elapsed = time.monotonic() - started
    assert outcome.status == "timeout"
    assert timeout <= elapsed <= timeout + STOP_MARGIN, f"stopped after {elapsed:.2f} s"


@pytest.mark.parametrize("timeout", [0.5, 2.5])
def test_the_feedback_names_the_time_limit_it_enforced(timeout: float) -> None:
    submission = Submission(Path("loop.json"), valid=True,
                            exercises={"lr-divergence": {"code": LOOP["code"]}})
    with Grader(seed=1, timeout=timeout, jobs=1) as grader:
        result = grader.grade_exercise(submission, "lr-divergence")
    assert result["status"] == "timeout"
    assert f"stopped after {timeout:g} seconds" in result["feedback"][0]


def _allocate(mib: float) -> dict:
    return {"code": f"blob = bytearray({int(mib * 2**20)})\nsize = len(blob)\n",
            "names": ["size"], "calls": []}


@pytest.mark.parametrize("memory_mb", [64, 384])
def test_memory_below_the_limit_is_given_and_above_it_refused(memory_mb: int) -> None:
    with Sandbox(timeout=5.0, memory_mb=memory_mb) as sandbox:
        below = sandbox.run(_allocate(memory_mb * 0.6))
        above = sandbox.run(_allocate(memory_mb * 1.6))
    assert below.data["error"] is None
    assert below.data["names"]["size"]["value"] == int(memory_mb * 0.6 * 2**20)
    assert above.data["error"]["exception"] == "MemoryError"


def _print_raw(count: int) -> dict:
    return {"code": f"import os\nos.write(1, b'x' * {count})\nx = 1\n", "names": ["x"],
            "calls": []}


@pytest.mark.parametrize("limit", [10_000, 300_000])
def test_output_below_the_cap_runs_on_and_above_it_is_stopped(limit: int) -> None:
    with Sandbox(timeout=5.0, output_limit=limit) as sandbox:
        below = sandbox.run(_print_raw(int(limit * 0.9)))
        above = sandbox.run(_print_raw(int(limit * 1.1)))
    assert below.status == "finished"
    assert below.data["names"]["x"] == {"type": "int", "value": 1}
    assert above.status == "output"


def test_the_output_feedback_names_the_cap() -> None:
    code = "import os\nwhile True:\n    os.write(1, b'y' * 4096)\n"
    submission = Submission(Path("flood.json"), valid=True,
                            exercises={"lr-divergence": {"code": code}})
    with Grader(seed=1, timeout=3.0, jobs=1, output_limit=50_000) as grader:
        result = grader.grade_exercise(submission, "lr-divergence")
    assert result["status"] == "error"
    assert "printed more than 50000 bytes" in result["feedback"][0]


def test_the_walls_are_named_and_grading_still_runs_without_them() -> None:
    with Sandbox(timeout=2.0, landlock=False, seccomp=False, namespaces=False) as bare:
        outcome = bare.run({"code": "x = 2", "names": ["x"], "calls": []})
        assert bare.walls == "no landlock, no seccomp, no namespaces, rlimits"
    assert outcome.data["names"]["x"] == {"type": "int", "value": 2}
    with Sandbox(timeout=2.0) as full:
        walls = full.walls
    assert walls.startswith("landlock ")
    assert ", seccomp, " in walls
    assert "pid+net" in walls
