"""grader.grading at its edges: every error explanation, every report field, seeds, verdicts."""

from __future__ import annotations

import re

import pytest

from exercises import EXERCISES
from grader.exercise import Exercise, Plan
from grader.grading import (
    answer_extraction,
    check_in_process,
    describe_error,
    fresh_seed,
    get_exercise,
    reference,
    report,
    timeout_feedback,
    verdict,
    work_problem,
)

NO_INTERCEPT = EXERCISES["no-intercept"]
PREDICT = EXERCISES["predict-x6"]


def made_up(judge=lambda plan, learner, ref: [], solution: str = "w = 1\n",
            points: float = 2.5) -> Exercise:
    """A code exercise that reads ``w``, worth ``points``."""
    return Exercise(id="made-up", title="Made up", kind="code", prompt="", hints=(),
                    solution=solution, judge=judge, success="Well done.",
                    make_plan=lambda seed: Plan(names=("w",)), points=points)


@pytest.mark.parametrize(
    ("error", "message"),
    [
        ({"exception": "SyntaxError", "message": "'(' was never closed", "line": 3,
          "kind": "syntax"},
         "Python could not read your code on line 3: '(' was never closed. Fix it and check "
         "again."),
        ({"exception": "SyntaxError", "message": "invalid syntax", "line": None, "kind": "syntax"},
         "Python could not read your code: invalid syntax. Fix it and check again."),
        ({"exception": "SystemExit", "message": "0", "line": 2},
         "Your code called exit() (SystemExit), which ends the run before the checks. Remove "
         "the call."),
        ({"exception": "MemoryError", "message": "", "line": 5},
         "Your code ran out of memory on line 5. Look for an array or a list that grows far "
         "beyond the size of the data."),
        ({"exception": "LinAlgError", "message": "Singular matrix", "line": 4},
         "np.linalg raised LinAlgError on line 4: Singular matrix. On a singular matrix solve() "
         "raises in desktop Python but returns NaNs in the browser; test the rank instead of "
         "relying on either."),
        ({"exception": "ValueError", "message": "no", "line": 1},
         "Your code raised ValueError: no on line 1. The checks need the whole file to run."),
        ({"exception": "StopIteration", "message": "", "line": None},
         "Your code raised StopIteration. The checks need the whole file to run."),
    ],
    ids=["syntax", "syntax-no-line", "exit", "memory", "linalg", "raised", "no-message"],
)
def test_each_error_is_explained_in_full(error: dict, message: str) -> None:
    assert describe_error(error) == [message]


def test_a_real_syntax_error_names_its_line() -> None:
    result = check_in_process("no-intercept", {"code": "w = 1\nx = (\n"}, seed=1)
    assert result["status"] == "error"
    assert result["feedback"][0].startswith("Python could not read your code on line 2: ")


def test_a_report_scores_only_a_pass_and_copies_the_feedback() -> None:
    exercise = made_up()
    feedback = ["a", "b"]
    assert report(exercise, "passed", feedback) == {
        "status": "passed", "score": 2.5, "max_score": 2.5, "feedback": ["a", "b"]}
    failed = report(exercise, "failed", feedback)
    assert failed == {"status": "failed", "score": 0.0, "max_score": 2.5, "feedback": ["a", "b"]}
    failed["feedback"].append("c")
    assert feedback == ["a", "b"]


def test_fresh_seeds_are_below_two_to_the_31_and_spread_over_that_range() -> None:
    seeds = [fresh_seed() for _ in range(400)]
    assert all(type(s) is int and 0 <= s < 2**31 for s in seeds)
    assert max(seeds) >= 2**30  # each draw misses the top half with probability 1/2
    assert len(set(seeds)) > 390


def test_the_timeout_feedback_names_the_seconds_as_written() -> None:
    assert timeout_feedback(10.0) == [
        "Your code was stopped after 10 seconds. Look for a loop that never ends, or one that "
        "runs far more steps than the exercise needs."]
    assert timeout_feedback(2.5)[0].startswith("Your code was stopped after 2.5 seconds. ")
    assert timeout_feedback(1)[0].startswith("Your code was stopped after 1 second. ")


@pytest.mark.parametrize(
    ("exercise", "work", "status", "feedback"),
    [
        (PREDICT, {"answer": "  \t"}, "missing", "No answer has been given for this exercise."),
        (PREDICT, {}, "missing", "No answer has been given for this exercise."),
        (NO_INTERCEPT, {"code": None}, "missing", "No code has been written for this exercise."),
        (NO_INTERCEPT, {"answer": "x"}, "missing",
         "No code has been written for this exercise."),
        (NO_INTERCEPT, {"code": ["w = 1"]}, "error",
         "The saved code is not text, so it cannot be run."),
        (NO_INTERCEPT, "w = 1", "error", "This exercise's saved work is not in a form the "
         "grader can read; save it again from the practice page."),
    ],
    ids=["blank-answer", "no-answer", "null-code", "answer-for-code", "code-list", "not-a-dict"],
)
def test_each_problem_with_saved_work_is_named(
    exercise: Exercise, work: object, status: str, feedback: str,
) -> None:
    assert work_problem(exercise, work) == {"status": status, "score": 0.0, "max_score": 1.0,
                                            "feedback": [feedback]}


def test_work_that_can_be_graded_has_no_problem() -> None:
    assert work_problem(PREDICT, {"answer": 0}) is None
    assert work_problem(PREDICT, {"answer": False}) is None
    assert work_problem(NO_INTERCEPT, {"code": "w = 1"}) is None


def test_an_unknown_id_names_every_known_one_in_order() -> None:
    with pytest.raises(KeyError) as caught:
        get_exercise("nope")
    assert caught.value.args[0] == ("unknown exercise id 'nope'; known ids: "
                                    + ", ".join(EXERCISES))


def test_the_answer_key_and_an_answer_are_read_the_same_way() -> None:
    key = reference(PREDICT, PREDICT.plan(1))
    assert key == {"error": None, "names": {"answer": {"type": "float", "value": PREDICT.answer}},
                   "calls": {}}
    assert answer_extraction(220) == {"error": None,
                                      "names": {"answer": {"type": "int", "value": 220}},
                                      "calls": {}}


def test_a_reference_that_fails_is_the_graders_fault_and_says_which() -> None:
    broken = made_up(solution="raise ValueError('bad key')\n")
    with pytest.raises(RuntimeError, match=re.escape("reference solution of made-up failed: ")):
        reference(broken, broken.plan(1))


def test_verdicts_pass_fail_and_refuse_what_they_cannot_read() -> None:
    seen: list[tuple] = []

    def judge(plan, learner, ref):
        seen.append((plan, learner, ref))
        return [] if learner["names"]["w"] == ref["names"]["w"] else ["w is wrong."]

    exercise = made_up(judge)
    plan = exercise.plan(1)
    ref = reference(exercise, plan)
    right = {"error": None, "names": {"w": {"type": "int", "value": 1}}, "calls": {}}
    wrong = {"error": None, "names": {"w": {"type": "int", "value": 2}}, "calls": {}}
    assert verdict(exercise, plan, right, ref)["feedback"] == ["Well done."]
    assert verdict(exercise, plan, right, ref)["status"] == "passed"
    assert verdict(exercise, plan, wrong, ref) == {"status": "failed", "score": 0.0,
                                                   "max_score": 2.5, "feedback": ["w is wrong."]}
    assert seen[0] == (plan, right, ref)
    unreadable = verdict(exercise, plan, {"error": None, "names": [], "calls": {}}, ref)
    assert unreadable["status"] == "error"
    assert unreadable["feedback"] == [
        "The checker received results it cannot read, so this exercise gets no credit. Let your "
        "code finish normally and do not write to the grader's channels."]


def test_a_judge_that_raises_is_an_error_naming_the_exception() -> None:
    exercise = made_up(lambda plan, learner, ref: [1 / 0])
    plan = exercise.plan(1)
    learner = {"error": None, "names": {"w": {"type": "int", "value": 1}}, "calls": {}}
    assert verdict(exercise, plan, learner, reference(exercise, plan)) == {
        "status": "error", "score": 0.0, "max_score": 2.5,
        "feedback": ["The grader could not judge this work (ZeroDivisionError)."]}


def test_the_same_seed_gives_the_same_variant_and_the_id_leads_the_report() -> None:
    code = EXERCISES["lr-divergence"].solution.replace("2 / n", "3 / n")
    first = check_in_process("lr-divergence", {"code": code}, seed=12)
    assert first == check_in_process("lr-divergence", {"code": code}, seed=12)
    assert list(first) == ["id", "status", "score", "max_score", "feedback"]
    assert (first["id"], first["status"]) == ("lr-divergence", "failed")
    answer = check_in_process("predict-x6", {"answer": 220}, seed=12)
    assert answer == {"id": "predict-x6", "status": "passed", "score": 1.0, "max_score": 1.0,
                      "feedback": [PREDICT.success]}


def test_missing_work_is_reported_under_the_exercises_id() -> None:
    assert check_in_process("no-intercept", {}) == {
        "id": "no-intercept", "status": "missing", "score": 0.0, "max_score": 1.0,
        "feedback": ["No code has been written for this exercise."]}


@pytest.mark.parametrize(
    ("number", "unit", "words"),
    [(1, "point", "1 point"), (1.0, "second", "1 second"), (0, "point", "0 points"),
     (2.5, "second", "2.5 seconds"), (10.0, "second", "10 seconds"), (0.5, "point", "0.5 points")],
)
def test_a_count_is_singular_for_exactly_one(number: float, unit: str, words: str) -> None:
    from grader.wording import counted

    assert counted(number, unit) == words
