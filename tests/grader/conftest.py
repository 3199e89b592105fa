"""Fixtures shared by the grader's tests: submissions on disk and one offline grader."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from exercises import EXERCISES
from grader import Grader

SCHEMA = "linear-models-course/submission/v1"
SEED = 20240611


def submission_data(name: str, exercises: dict[str, Any]) -> dict[str, Any]:
    """Build a valid submission document for ``exercises`` (id -> work)."""
    return {
        "schema": SCHEMA,
        "course": {"version": "0.1.0"},
        "learner": {"name": name, "email": f"{name.lower()}@example.org"},
        "exported_at": "2025-03-01T10:00:00+00:00",
        "exercises": exercises,
        "quizzes": {},
    }


@pytest.fixture
def reference_work() -> dict[str, dict[str, Any]]:
    """Every exercise answered with its reference solution (or answer key)."""
    return {
        exercise_id: {"answer": 220} if e.kind == "answer" else {"code": e.solution}
        for exercise_id, e in EXERCISES.items()
    }


@pytest.fixture
def starter_work() -> dict[str, dict[str, Any]]:
    """Every exercise left as the page gives it: starter code, an empty answer box."""
    return {
        exercise_id: {"answer": ""} if e.kind == "answer" else {"code": e.starter}
        for exercise_id, e in EXERCISES.items()
    }


@pytest.fixture
def write_submission(tmp_path: Path) -> Callable[..., Path]:
    """Write a submission file into ``tmp_path/subs`` and return its path."""
    folder = tmp_path / "subs"
    folder.mkdir(exist_ok=True)

    def write(name: str, exercises: dict[str, Any] | None = None, *, raw: str | None = None,
              ) -> Path:
        path = folder / f"{name.lower()}.json"
        text = raw if raw is not None else json.dumps(submission_data(name, exercises or {}))
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="session")
def offline() -> Iterator[Grader]:
    """One offline grader for the whole session: short timeout, small memory, two jobs."""
    with Grader(seed=SEED, timeout=2.0, memory_mb=256, jobs=2) as grader:
        yield grader
