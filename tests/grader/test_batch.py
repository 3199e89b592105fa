"""grader.batch: grading folders offline, references pass, starters fail, bad files reported."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

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


def test_answers_are_judged_without_running_anything(offline: Grader) -> None:
    submission = Submission(Path("a.json"), valid=True, exercises={"predict-x6": {"answer": True}})
    result = offline.grade_exercise(submission, "predict-x6")
    assert result["status"] == "failed"
    assert "a bool is not a number" in result["feedback"][0]


def test_one_seed_gives_the_same_report_twice(write_submission: Callable[..., Path]) -> None:
    code = EXERCISES["lr-divergence"].solution.replace("2 / n", "3 / n")
    work = {"lr-divergence": {"code": code}}
    folder = write_submission("Cy", work).parent
    first = grade_paths([folder], seed=5, jobs=1)
    second = grade_paths([folder], seed=5, jobs=1)
    assert first == second
