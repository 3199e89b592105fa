"""grader.batch: grading folders offline, references pass, starters fail, bad files reported."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from exercises import EXERCISES
from grader import Grader, Submission, grade_paths, load_submission

Work = dict[str, dict[str, Any]]


def test_every_reference_passes_and_every_starter_fails_offline(
    offline: Grader, write_submission: Callable[..., Path], reference_work: Work,
    starter_work: Work,
) -> None:
    ada = load_submission(write_submission("Ada", reference_work))
    ben = load_submission(write_submission("Ben", starter_work))
    graded_ada, graded_ben = offline.grade([ada, ben])
    assert {r["status"] for r in graded_ada["exercises"].values()} == {"passed"}
    assert graded_ada["score"] == graded_ada["max_score"] == len(EXERCISES)
    assert graded_ben["score"] == 0
    statuses = {i: r["status"] for i, r in graded_ben["exercises"].items()}
    assert statuses == {i: "missing" if i == "predict-x6" else "failed" for i in EXERCISES}


def test_malformed_files_are_reported_while_the_rest_are_graded(
    write_submission: Callable[..., Path], reference_work: Work,
) -> None:
    write_submission("Ada", reference_work)
    write_submission("Broken", raw="{ this is not json")
    folder = write_submission("Empty", {}).parent
    progress: list[tuple[int, int]] = []
    run = grade_paths([folder], seed=11, jobs=2, timeout=5.0,
                      progress=lambda *done_total: progress.append(done_total))
    by_name = {Path(item["file"]).stem: item for item in run["submissions"]}
    assert by_name["ada"]["score"] == len(EXERCISES)
    assert by_name["broken"]["valid"] is False
    assert by_name["broken"]["error"].startswith("not valid JSON")
    assert by_name["broken"]["exercises"] == {}
    assert {r["status"] for r in by_name["empty"]["exercises"].values()} == {"missing"}
    assert run["seed"] == 11
    assert progress[-1] == (2 * len(EXERCISES), 2 * len(EXERCISES))


def child_processes() -> set[int]:
    """The ids of this process's children, from every thread's /proc entry."""
    return {int(pid) for task in Path("/proc/self/task").iterdir()
            for pid in (task / "children").read_text().split()}


def test_answers_are_judged_without_running_anything() -> None:
    submission = Submission(Path("a.json"), valid=True, exercises={"predict-x6": {"answer": True}})
    before = child_processes()
    with Grader(seed=1) as grader:  # a fresh grader: the sandbox starts on first code run
        [graded] = grader.grade([submission])
        started = child_processes() - before
    result = graded["exercises"]["predict-x6"]
    assert result["status"] == "failed"
    assert "a bool is not a number" in result["feedback"][0]
    assert started == set()  # no sandbox, no process: the answer is judged here, as JSON


def test_one_seed_gives_the_same_report_twice(write_submission: Callable[..., Path]) -> None:
    code = EXERCISES["lr-divergence"].solution.replace("2 / n", "3 / n")
    work = {"lr-divergence": {"code": code}}
    folder = write_submission("Cy", work).parent
    first = grade_paths([folder], seed=5, jobs=1)
    second = grade_paths([folder], seed=5, jobs=1)
    assert first == second


# Every key `grade_paths` puts in the JSON report ("sandbox": the walls the run had).
RUN_KEYS = {"seed", "exercises", "quizzes", "submissions", "identical", "sandbox"}
SUBMISSION_KEYS = {"file", "learner", "valid", "error", "exercises", "quizzes", "score",
                   "max_score"}


def test_every_key_of_the_json_report_of_a_real_run(
    tmp_path: Path, write_submission: Callable[..., Path], reference_work: Work,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from exercises import QUIZZES
    from grader.cli import main

    ada = write_submission("Ada", reference_work)
    ben = write_submission("Ben", {"predict-x6": {"answer": 200},
                                   "no-intercept": {"code": "raise ValueError('no')"}})
    bad = write_submission("Bad", raw='{"schema": 1}')
    assert main(["grade", str(ada.parent), "--seed", "9", "--json", str(tmp_path / "r.json"),
                 "--csv", str(tmp_path / "g.csv")]) == 0
    run = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert set(run) == RUN_KEYS
    assert (run["seed"], run["exercises"], run["quizzes"], run["identical"]) == (
        9, list(EXERCISES), list(QUIZZES), [])
    files = [item["file"] for item in run["submissions"]]
    assert files == [str(ada), str(bad), str(ben)]  # sorted by path
    graded_ada, graded_bad, graded_ben = run["submissions"]
    for item in run["submissions"]:
        assert set(item) == SUBMISSION_KEYS
    assert graded_ada["learner"] == {"name": "Ada", "email": "ada@example.org"}
    assert (graded_ada["valid"], graded_ada["error"]) == (True, None)
    assert graded_ada["score"] == graded_ada["max_score"] == float(len(EXERCISES))
    assert list(graded_ada["exercises"]) == list(EXERCISES)
    for exercise_id, result in graded_ada["exercises"].items():
        assert set(result) == {"status", "score", "max_score", "feedback"}
        assert (result["status"], result["score"], result["max_score"]) == ("passed", 1.0, 1.0)
        assert result["feedback"] == [EXERCISES[exercise_id].success]
    assert (graded_bad["valid"], graded_bad["exercises"], graded_bad["quizzes"]) == (False, {},
                                                                                       {})
    assert graded_bad["error"] == "schema is 1, expected 'linear-models-course/submission/v1'"
    assert (graded_bad["score"], graded_bad["max_score"]) == (0, float(len(EXERCISES)))
    statuses = {i: r["status"] for i, r in graded_ben["exercises"].items()}
    assert statuses == {i: {"predict-x6": "failed", "no-intercept": "error"}.get(i, "missing")
                        for i in EXERCISES}
    assert graded_ben["exercises"]["no-intercept"]["feedback"] == [
        "Your code raised ValueError: no on line 1. The checks need the whole file to run."]
    assert list(graded_ben["quizzes"]) == list(QUIZZES)
    quiz = graded_ben["quizzes"]["glm"]
    assert (quiz["score"], quiz["max_score"], quiz["passed"], quiz["answered"]) == (
        0, len(QUIZZES["glm"].questions), False, 0)
    with (tmp_path / "g.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["score"] for row in rows] == [str(len(EXERCISES)), "0", "0"]
    assert [row["max_score"] for row in rows] == [str(len(EXERCISES))] * 3
    assert [row["valid"] for row in rows] == ["True", "False", "True"]
    assert [row["no-intercept"] for row in rows] == ["1", "", "0"]
    assert [row["quiz:linear-regression:passed"] for row in rows] == ["False", "", "False"]
    capsys.readouterr()
