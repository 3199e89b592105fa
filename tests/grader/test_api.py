"""The public surface of ``grader``: what it exports, and what importing it pulls in."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import subprocess
import sys

import pytest

import grader

# Each export: the module that defines it, what it is, and for functions the parameters a
# caller names (the browser's worker and instructors' scripts call these).
PUBLIC: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "SCHEMA": ("grader.submission", "str", ()),
    "Assignment": ("grader.assignments", "dataclass", ()),
    "Call": ("grader.exercise", "dataclass", ()),
    "Choice": ("grader.quiz", "dataclass", ()),
    "Exercise": ("grader.exercise", "dataclass", ()),
    "Grader": ("grader.batch", "class", ()),
    "Plan": ("grader.exercise", "dataclass", ()),
    "Question": ("grader.quiz", "dataclass", ()),
    "Quiz": ("grader.quiz", "dataclass", ()),
    "Registry": ("grader.registry", "dataclass", ()),
    "Submission": ("grader.submission", "dataclass", ()),
    "Tolerance": ("grader.checks", "dataclass", ()),
    "check_in_process": ("grader.grading", "function", ("exercise_id", "work", "seed")),
    "exercise_catalog": ("grader.grading", "function", ()),
    "find_assignment": ("grader.assignments", "function", ("name_or_file", "registry")),
    "find_submissions": ("grader.submission", "function", ("paths",)),
    "get_exercise": ("grader.grading", "function", ("exercise_id",)),
    "get_quiz": ("grader.quiz", "function", ("quiz_id",)),
    "grade_paths": ("grader.batch", "function", ("paths", "progress", "options")),
    "load_submission": ("grader.submission", "function", ("path",)),
    "parse_submission": ("grader.submission", "function", ("raw", "path")),
    "quiz_catalog": ("grader.quiz", "function", ()),
    "quiz_view": ("grader.quiz", "function", ("quiz_id", "seed")),
    "score_quiz": ("grader.quiz", "function", ("quiz_id", "answers")),
    "write_csv": ("grader.reports.tables", "function", ("run", "path")),
    "write_feedback": ("grader.reports.feedback", "function", ("run", "directory", "titles")),
    "write_html": ("grader.reports.html", "function", ("run", "path", "titles")),
    "write_json": ("grader.reports.tables", "function", ("run", "path")),
}


def kind_of(value: object) -> str:
    if dataclasses.is_dataclass(value) and isinstance(value, type):
        return "dataclass"
    if inspect.isclass(value):
        return "class"
    if inspect.isfunction(value):
        return "function"
    return type(value).__name__


def test_all_lists_exactly_the_public_api() -> None:
    assert sorted(grader.__all__) == sorted(PUBLIC)
    assert len(set(grader.__all__)) == len(grader.__all__)


@pytest.mark.parametrize(("name", "where"), list(PUBLIC.items()), ids=list(PUBLIC))
def test_each_export_is_the_defining_modules_own_object(
    name: str, where: tuple[str, str, tuple[str, ...]]
) -> None:
    module, kind, parameters = where
    value = getattr(grader, name)
    assert value is getattr(importlib.import_module(module), name)
    assert kind_of(value) == kind
    if kind == "function":
        assert tuple(inspect.signature(value).parameters) == parameters
        assert value.__doc__, f"{name} has no docstring"


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
