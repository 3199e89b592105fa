"""grader.pytest_plugin: ``pytest --submissions DIR`` makes a test per submission and exercise."""

from __future__ import annotations

import json
from typing import Any

import pytest

from exercises import EXERCISES

pytest_plugins = ["pytester"]

HEADER = {
    "schema": "linear-models-course/submission/v1",
    "course": {"version": "0.1.0"},
    "exported_at": "2025-03-01T10:00:00Z",
    "quizzes": {},
}


def submission(name: str, exercises: dict[str, Any]) -> str:
    learner = {"name": name, "email": f"{name}@example.org"}
    return json.dumps({**HEADER, "learner": learner, "exercises": exercises})


@pytest.fixture
def class_folder(pytester: pytest.Pytester) -> pytest.Pytester:
    good = {i: {"answer": 220} if e.kind == "answer" else {"code": e.solution}
            for i, e in EXERCISES.items()}
    wrong = {"predict-x6": {"answer": 200}}
    folder = pytester.mkdir("subs")
    (folder / "ada.json").write_text(submission("ada", good))
    (folder / "ben.json").write_text(submission("ben", wrong))
    (folder / "broken.json").write_text("{oops")
    return pytester


def test_one_test_per_submission_and_exercise(class_folder: pytest.Pytester) -> None:
    result = class_folder.runpytest("--submissions", "subs", "--grader-seed", "2",
                                    "--grader-timeout", "5")
    count = len(EXERCISES)
    result.assert_outcomes(passed=count, failed=count + 1)
    result.stdout.fnmatch_lines(["grader: variant seed 2"])


def test_failures_show_the_feedback_and_name_the_file(class_folder: pytest.Pytester) -> None:
    result = class_folder.runpytest("--submissions", "subs", "--grader-seed", "2", "-k", "ben")
    result.stdout.fnmatch_lines([
        "*predict-x6 in *ben.json: failed (0/1)",
        "*- The predicted latency is off by more than the tolerance (±0.5): expected 220, "
        "received 200.",
        "*lr-divergence in *ben.json: missing (0/1)",
    ])


def test_an_invalid_file_is_one_failing_test_with_the_reason(class_folder: pytest.Pytester) -> None:
    result = class_folder.runpytest("--submissions", "subs", "-k", "broken")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*broken.json: invalid submission: not valid JSON*"])


def test_option_group_is_listed_in_help(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("--help")
    result.stdout.fnmatch_lines(["grading course submissions:", "*--submissions=DIR*"])


def test_a_missing_folder_is_a_usage_error(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("--submissions", "nowhere")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--submissions: not a directory: nowhere*"])


def test_without_the_option_nothing_is_collected_from_json(pytester: pytest.Pytester) -> None:
    pytester.makefile(".json", stray=submission("ada", {}))
    pytester.makepyfile("def test_ok():\n    assert True\n")
    pytester.runpytest().assert_outcomes(passed=1)


def test_an_assignment_makes_tests_of_its_own_exercises_only(class_folder: pytest.Pytester) -> None:
    (class_folder.path / "week.toml").write_text(
        'title = "Week one"\nseed = 31\n[exercises]\npredict-x6 = 2\nbaseline-r2 = 1\n')
    result = class_folder.runpytest("--submissions", "subs", "--assignment", "week.toml", "-v")
    result.assert_outcomes(passed=2, failed=3)  # ada: 2 passed; ben: 2 failed; broken: 1
    result.stdout.fnmatch_lines(["grader: assignment week, variant seed 31",
                                 "*ben*predict-x6 FAILED*",
                                 "*predict-x6 in *ben.json: failed (0/2)"])
    assert "lr-divergence" not in result.stdout.str()


def test_an_unknown_assignment_is_a_usage_error(class_folder: pytest.Pytester) -> None:
    result = class_folder.runpytest("--submissions", "subs", "--assignment", "week-9")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--assignment: unknown assignment 'week-9'; built in: "
                                 "linear-regression, glm, course, or give a .toml file"])
