"""The public surface of ``grader``: what it exports, and what importing it pulls in."""

from __future__ import annotations

import subprocess
import sys

import grader

PUBLIC = {
    "SCHEMA", "Assignment", "Call", "Choice", "Exercise", "Grader", "Plan", "Question", "Quiz",
    "Registry", "Submission", "Tolerance", "check_in_process", "exercise_catalog",
    "find_assignment", "find_submissions", "get_exercise", "get_quiz", "grade_paths",
    "load_submission", "parse_submission", "quiz_catalog", "quiz_view", "score_quiz",
    "write_csv", "write_feedback", "write_html", "write_json",
}


def test_all_lists_exactly_the_public_api() -> None:
    assert set(grader.__all__) == PUBLIC
    for name in grader.__all__:
        assert getattr(grader, name) is not None


def test_schema_is_the_documented_one() -> None:
    assert grader.SCHEMA == "linear-models-course/submission/v1"


def test_importing_grader_pulls_in_nothing_pyodide_lacks() -> None:
    code = (
        "import sys, numpy\nbefore = set(sys.modules)\nimport grader\n"
        "grader.exercise_catalog()\n"
        "grader.check_in_process('no-intercept', {'code': 'x = 1'}, seed=1)\n"
        "grader.score_quiz('linear-regression', {'six-hundred-tokens': 220})\n"
        "banned = {'subprocess', 'multiprocessing', 'resource', 'signal', 'concurrent.futures',"
        " 'grader.sandbox', 'pytest'}\n"
        "print(sorted(banned & (set(sys.modules) - before)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"


def test_python_dash_m_grader_runs_the_cli() -> None:
    result = subprocess.run([sys.executable, "-m", "grader", "list"], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0
    assert result.stdout.startswith("predict-x6\tanswer\t")
