"""grader.batch at its edges: progress counts, processes that end early, faults in one file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from exercises import EXERCISES
from grader import Grader, Submission

Work = dict[str, dict[str, Any]]


def one(exercise_id: str, work: dict[str, Any]) -> Submission:
    return Submission(Path("a.json"), valid=True, exercises={exercise_id: work})


def test_progress_counts_the_answers_at_once_then_each_code_run(
    offline: Grader, reference_work: Work,
) -> None:
    calls: list[tuple[int, int]] = []
    offline.grade([Submission(Path("a.json"), valid=True, exercises=reference_work)],
                  lambda done, total: calls.append((done, total)))
    total = len(EXERCISES)
    answers = sum(e.kind == "answer" for e in EXERCISES.values())
    assert answers >= 1
    # what needs no process is judged first and counted in one step; each run adds one
    assert calls == [(n, total) for n in range(answers, total + 1)]


def test_no_progress_is_reported_before_the_first_run_when_every_task_needs_one(
    offline: Grader,
) -> None:
    calls: list[tuple[int, int]] = []
    code = EXERCISES["no-intercept"].solution
    offline.grade([one("no-intercept", {"code": code})], lambda *c: calls.append(c))
    total = len(EXERCISES)
    missing = total - 1  # every other exercise has no work: judged at once, as missing
    assert calls == [(missing, total), (total, total)]


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("import os\nos._exit(3)\n",
         "Your code ended the process (exit code 3) before the checks could finish. Do not "
         "call os._exit or similar; let the code run to its end."),
        ("import os, signal\nos.kill(os.getpid(), signal.SIGTERM)\n",
         "The process running your code was killed by signal 15, usually because it used too "
         "much memory or CPU time."),
    ],
    ids=["os-exit", "signal"],
)
def test_a_process_that_ends_before_the_checks_is_an_error_saying_how_it_ended(
    offline: Grader, code: str, message: str,
) -> None:
    [graded] = offline.grade([one("no-intercept", {"code": code})])
    result = graded["exercises"]["no-intercept"]
    assert result == {"status": "error", "score": 0.0, "max_score": 1.0, "feedback": [message]}


def test_a_fault_while_preparing_one_file_makes_it_invalid_with_the_reason(
    offline: Grader, monkeypatch: pytest.MonkeyPatch,
) -> None:
    import grader.batch

    real = grader.batch.work_problem

    def fails_on_boom(exercise, work):  # a fault planted in one file's work, not the others'
        if work == {"code": "boom"}:
            raise ZeroDivisionError("planted")
        return real(exercise, work)

    monkeypatch.setattr(grader.batch, "work_problem", fails_on_boom)
    bad, good = one("no-intercept", {"code": "boom"}), one("predict-x6", {"answer": 220})
    graded_bad, graded_good = offline.grade([bad, good])
    assert graded_bad["valid"] is False
    assert graded_bad["error"] == ("the grader could not check this file (ZeroDivisionError); "
                                   "the others were graded")
    assert graded_bad["exercises"] == {}
    assert graded_good["exercises"]["predict-x6"]["status"] == "passed"


def test_jobs_default_to_the_cpu_count_and_a_given_number_is_kept() -> None:
    with Grader(seed=1) as grader:
        assert grader.jobs == os.cpu_count()
    with Grader(seed=1, jobs=3) as grader:
        assert grader.jobs == 3


def test_a_closed_grader_starts_a_new_sandbox_when_code_comes_again() -> None:
    code = EXERCISES["no-intercept"].solution
    with Grader(seed=1, jobs=1, timeout=5.0) as grader:
        assert grader.walls == "not started (no code ran)"
        [first] = grader.grade([one("no-intercept", {"code": code})])
        grader.close()
        assert grader.walls == "not started (no code ran)"
        [second] = grader.grade([one("no-intercept", {"code": code})])
        assert grader.walls.startswith("landlock ")
    assert first["exercises"]["no-intercept"]["status"] == "passed"
    assert second["exercises"]["no-intercept"] == first["exercises"]["no-intercept"]


def test_grade_submission_grades_one_file_in_turn(offline: Grader, reference_work: Work) -> None:
    graded = offline.grade_submission(
        Submission(Path("a.json"), valid=True, exercises=reference_work))
    assert list(graded["exercises"]) == list(EXERCISES)
    assert {r["status"] for r in graded["exercises"].values()} == {"passed"}
    assert graded["score"] == graded["max_score"] == float(len(EXERCISES))
    assert (graded["file"], graded["valid"], graded["error"]) == ("a.json", True, None)


def test_grade_submission_gives_an_invalid_file_no_results(offline: Grader) -> None:
    broken = Submission(Path("b.json"), valid=False, error="not valid JSON: here")
    graded = offline.grade_submission(broken)
    assert (graded["valid"], graded["error"]) == (False, "not valid JSON: here")
    assert (graded["exercises"], graded["quizzes"], graded["score"]) == ({}, {}, 0)
    assert graded["max_score"] == float(len(EXERCISES))


def test_printing_past_the_output_limit_is_an_error_that_names_the_limit(offline: Grader) -> None:
    code = "import os\nwhile True:\n    os.write(1, b'y' * 65536)\n"
    [graded] = offline.grade([one("no-intercept", {"code": code})])
    assert graded["exercises"]["no-intercept"]["feedback"] == [
        "Your code printed more than 1048576 bytes and was stopped. Remove prints from inside "
        "long loops."]


def test_a_result_too_large_to_read_is_an_error_saying_so(offline: Grader) -> None:
    from grader.sandbox import Outcome

    exercise = EXERCISES["no-intercept"]
    plan = exercise.plan(1)
    result = offline.outcome_report(exercise, plan, Outcome("too_large"), {})
    assert result == {"status": "error", "score": 0.0, "max_score": 1.0, "feedback": [
        "Your code produced far more data than the exercise asks for, so it was stopped."]}
