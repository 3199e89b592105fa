"""The browser modules parse as ES modules, and their pure parts behave (run under Node)."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from tests.conftest import PROJECT_ROOT

JS = PROJECT_ROOT / "site_src" / "assets" / "course" / "js"
NODE = shutil.which("node") or "node"  # `make` needs Node.js (npm) anyway


def node(script: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [NODE, "--input-type=module", "-e", script],
        cwd=JS,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("module", sorted(path.name for path in JS.glob("*.js")))
def test_module_parses(module: str) -> None:
    result = subprocess.run(
        [NODE, "--experimental-default-type=module", "--check", str(JS / module)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_a_submission_round_trips_and_a_foreign_file_is_refused() -> None:
    script = """
    import { buildSubmission, readSubmission, restoreInto } from "./submission.js";
    const state = { code: { "exercise:lr-divergence": "diverges = True\\n" },
      exercises: { "predict-x6": { answer: "220" } }, quizzes: { q: { answers: { a: "b" } } },
      learner: { name: "Ada", email: "ada@example.org" }, runs: {} };
    const kinds = { "predict-x6": "answer", "lr-divergence": "code", "held-out": "code" };
    const sub = buildSubmission(state, { version: "0.1.0", exerciseKinds: kinds,
      now: new Date("2026-11-22T10:00:00Z") });
    const copy = { code: {}, exercises: {}, quizzes: {}, learner: {}, runs: {} };
    const restored = restoreInto(copy, readSubmission(JSON.stringify(sub)), kinds);
    let refused = "";
    try { readSubmission('{"schema": "other"}'); } catch (error) { refused = error.message; }
    console.log(JSON.stringify({ sub, restored, copy, refused }));
    """
    result = node(script)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["sub"]["schema"] == "linear-models-course/submission/v1"
    assert data["sub"]["exercises"] == {
        "predict-x6": {"answer": 220},
        "lr-divergence": {"code": "diverges = True\n"},
    }
    assert data["sub"]["quizzes"] == {"q": {"a": "b"}}
    assert data["restored"] == 2
    assert data["copy"]["code"]["exercise:lr-divergence"] == "diverges = True\n"
    assert "not a course work file" in data["refused"]


def test_a_corrupted_store_is_set_aside_with_a_notice() -> None:
    script = """
    import { CourseStore } from "./storage.js";
    const memory = new Map([["linear-models-course/v1", "{broken"]]);
    const storage = { getItem: (k) => memory.get(k) ?? null, setItem: (k, v) => memory.set(k, v) };
    const store = new CourseStore(storage);
    store.set("code", "page#block", "print(1)");
    const backup = memory.get("linear-models-course/v1/unreadable");
    const saved = JSON.parse(memory.get("linear-models-course/v1"));
    console.log(JSON.stringify({ notice: store.notice, backup, saved }));
    """
    result = node(script)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert "could not be read" in data["notice"]
    assert data["backup"] == "{broken"
    assert data["saved"]["code"] == {"page#block": "print(1)"}


def test_the_output_diff_marks_changed_lines_and_folds_long_equal_runs() -> None:
    script = """
    import { collapse, lineDiff } from "./diff.js";
    const expected = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    const yours = ["a", "B", "c", "d", "e", "f", "g", "h", "i", "j"];
    const ops = lineDiff(expected, yours);
    console.log(JSON.stringify({ ops, folded: collapse(ops, 1), same: lineDiff(["x"], ["x"]),
      empty: lineDiff([], ["new"]) }));
    """
    result = node(script)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    kinds = [(op["kind"], op["text"]) for op in data["ops"]]
    assert kinds[:4] == [("same", "a"), ("expected", "b"), ("yours", "B"), ("same", "c")]
    assert kinds[-1] == ("yours", "j")
    assert [op["kind"] for op in data["folded"]] == [
        "same", "expected", "yours", "same", "skip", "same", "yours"
    ]
    assert data["folded"][4]["count"] == 5
    assert data["same"] == [{"kind": "same", "text": "x"}]
    assert data["empty"] == [{"kind": "yours", "text": "new"}]
