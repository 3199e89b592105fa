"""A hostile submission file is reported as invalid, with a reason, and the batch goes on."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from grader.cli import main
from grader.submission import parse_submission

HOSTILE = {
    # Python refuses to read integers of more than 4300 digits (CVE-2020-10735).
    "huge-integer": ('"answer": ' + "9" * 5000, "number"),
    "huge-integer-in-quiz": (None, "number"),
    "deep-nesting": ('"answer": ' + "[" * 100_000 + "]" * 100_000, "nested"),
}


def _hostile_text(case: str) -> str:
    good = json.dumps({
        "schema": "linear-models-course/submission/v1", "course": {"version": "0.1.0"},
        "learner": {"name": "Mallory", "email": "m@example.org"},
        "exported_at": "2025-03-01T10:00:00+00:00", "exercises": {}, "quizzes": {},
    })
    if case == "huge-integer-in-quiz":
        return good.replace('"quizzes": {}', '"quizzes": {"linear-regression": {"q": '
                            + "7" * 5000 + "}}")
    return good.replace('"exercises": {}', '"exercises": {"predict-x6": {'
                        + HOSTILE[case][0] + "}}")


@pytest.mark.parametrize("case", list(HOSTILE), ids=list(HOSTILE))
def test_a_hostile_file_is_invalid_with_a_reason(case: str) -> None:
    submission = parse_submission(_hostile_text(case))
    assert not submission.valid
    assert HOSTILE[case][1] in submission.error


@pytest.mark.parametrize("case", list(HOSTILE), ids=list(HOSTILE))
def test_one_hostile_file_does_not_stop_the_batch(
    case: str, write_submission: Callable[..., Path], tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    hostile = write_submission("Mallory", raw=_hostile_text(case))
    good = write_submission("Ada", {"predict-x6": {"answer": 220}})
    report = tmp_path / "report.json"
    status = main(["grade", str(hostile.parent), "--json", str(report), "--no-progress",
                   "--seed", "1", "--jobs", "1"])
    assert status == 0, capsys.readouterr().err
    graded = {Path(s["file"]).name: s for s in json.loads(report.read_text())["submissions"]}
    assert graded[hostile.name]["valid"] is False
    assert HOSTILE[case][1] in graded[hostile.name]["error"]
    assert graded[good.name]["valid"] is True
    assert graded[good.name]["exercises"]["predict-x6"]["status"] == "passed"


def test_a_file_whose_checking_fails_is_invalid_and_the_others_are_graded(
    write_submission: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    import grader.batch

    real = grader.batch.grade_quizzes

    def fails_for_mallory(submission, *args, **kwargs):  # a fault planted in one file's check
        if submission.valid and submission.learner.get("name") == "Mallory":
            raise OverflowError("planted")
        return real(submission, *args, **kwargs)

    monkeypatch.setattr(grader.batch, "grade_quizzes", fails_for_mallory)
    write_submission("Mallory", {"predict-x6": {"answer": 220}})
    write_submission("Ada", {"predict-x6": {"answer": 220}})
    report = tmp_path / "report.json"
    assert main(["grade", str(tmp_path / "subs"), "--json", str(report), "--no-progress",
                 "--seed", "1", "--jobs", "1"]) == 0
    graded = {s["learner"]["name"]: s for s in json.loads(report.read_text())["submissions"]}
    assert graded["Mallory"]["valid"] is False
    assert "could not check this file (OverflowError)" in graded["Mallory"]["error"]
    assert graded["Ada"]["exercises"]["predict-x6"]["status"] == "passed"


def test_each_run_names_its_sandbox_walls_once_and_the_report_keeps_them(
    write_submission: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    write_submission("Ada", {"no-intercept": {"code": "x = 1"}})
    write_submission("Ben", {"no-intercept": {"code": "x = 2"}})
    report = tmp_path / "report.json"
    assert main(["grade", str(tmp_path / "subs"), "--json", str(report), "--no-progress",
                 "--seed", "1", "--jobs", "1"]) == 0
    lines = [line for line in capsys.readouterr().err.splitlines() if "sandbox:" in line]
    walls = json.loads(report.read_text())["sandbox"]
    assert lines == [f"grader: sandbox: {walls}"]
    assert walls.startswith("landlock ")
    assert "seccomp" in walls


def test_a_name_that_leads_to_a_pipe_is_invalid_at_once(tmp_path: Path) -> None:
    # Reading a FIFO (or /proc/kmsg, via a symlink) waits forever for data that never comes.
    from grader.submission import load_submission

    fifo = tmp_path / "stuck.json"
    os.mkfifo(fifo)
    submission = load_submission(fifo)
    assert not submission.valid
    assert "not a regular file" in submission.error


def test_a_file_that_grows_past_the_cap_while_read_is_invalid(tmp_path: Path) -> None:
    from grader.submission import MAX_BYTES, load_submission

    big = tmp_path / "big.json"
    big.write_bytes(b" " * (MAX_BYTES + 1))
    submission = load_submission(big)
    assert not submission.valid
    assert "larger than 5 MB" in submission.error
