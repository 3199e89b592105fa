"""grader.exercise: plans become plain jobs, exercises describe themselves as plain data."""

from __future__ import annotations

import json

import numpy as np

from exercises import EXERCISES
from grader.exercise import Call, Plan, array_arg, float_arg, int_arg


def test_plan_job_is_plain_json() -> None:
    plan = Plan(names=("w",), calls=(Call("k", "f", (array_arg(np.eye(2)), float_arg(0.5),
                                                     int_arg(3)), "f(X, 0.5, 3)"),))
    job = plan.job("w = 1")
    assert json.loads(json.dumps(job)) == job
    assert job["calls"][0]["args"][0] == {"type": "array", "shape": [2, 2],
                                          "values": [1.0, 0.0, 0.0, 1.0]}


def test_catalog_entry_is_plain_and_complete() -> None:
    for exercise in EXERCISES.values():
        entry = exercise.catalog_entry()
        assert json.loads(json.dumps(entry)) == entry
        assert set(entry) >= {"id", "title", "kind", "prompt", "starter", "hints", "solution"}
        assert len(entry["hints"]) >= 2
        assert ("input_type" in entry) == (exercise.kind == "answer")
