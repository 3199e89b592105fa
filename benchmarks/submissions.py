"""Generate a class's worth of valid "Download my work" files for the grading benchmark.

Every file answers every exercise of `grader.exercise_catalog()`: each answer is either the
reference solution or one of a few typical wrong answers, chosen at random from a seed, so a
run knows which exercises should pass.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

SCHEMA = "linear-models-course/submission/v1"
DOCS = Path(__file__).resolve().parent.parent / "docs"
EXERCISE_FENCE = re.compile(r'^```exercise id="([a-z0-9-]+)"', re.MULTILINE)
RIGHT_SHARE = 0.6
LESSON_DATA = """\
import numpy as np

x = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
y = np.array([118.0, 141.0, 162.0, 181.0, 198.0])
X = np.c_[np.ones_like(x), x]
"""

# Mistakes learners make on the exercises whose contracts are fixed (see issue 3).
WRONG_ANSWERS: dict[str, list[object]] = {
    "predict-x6": [200, 120, 240.0, True],
}
WRONG_CODE: dict[str, list[str]] = {
    "lr-divergence": [
        LESSON_DATA
        + """
def gradient_descent(X, y, lr, steps):
    w = np.zeros(X.shape[1])
    losses = []
    for _ in range(steps):
        w = w - lr * (2 / len(X)) * X.T @ (X @ w - y)
        losses.append(float(np.mean((X @ w - y) ** 2)))  # recorded after the update
    return w, losses


diverges = False
""",
        LESSON_DATA
        + """
def gradient_descent(X, y, lr, steps):
    w = np.zeros(X.shape[1])
    losses = []
    for _ in range(steps):
        error = X @ w - y
        losses.append(float(np.mean(error ** 2)))
        w = w - lr * X.T @ error / len(X)  # the factor 2 of the gradient is missing
    return w, losses


diverges = True
""",
    ],
    "duplicate-columns": [
        LESSON_DATA
        + """
X_bad = np.column_stack([np.ones(len(x)), x, x * 2])
normal_equation_singular = False
rank = 3
w_lstsq = np.array([100.0, 20.0, 0.0])  # predicts the same line, but is not what lstsq returns
""",
    ],
}


@dataclass(frozen=True)
class Exercise:
    """What the generator needs to know about one exercise."""

    id: str
    kind: str
    starter: str
    solution: str
    answer: object = None


def catalog(ids: list[str] | None = None) -> list[Exercise]:
    """Read the exercises from the grader (ids, kinds, starters, solutions, answers).

    Args:
        ids: only these exercises (see `chapter_exercises`); None for the whole course.

    """
    from grader import exercise_catalog, get_exercise

    exercises = []
    for entry in exercise_catalog():
        if ids is not None and entry["id"] not in ids:
            continue
        answer = getattr(get_exercise(entry["id"]), "answer", None)
        if entry["kind"] == "answer" and answer is None:
            raise RuntimeError(f"exercise {entry['id']} has no reference answer to submit")
        exercises.append(
            Exercise(entry["id"], entry["kind"], entry["starter"], entry["solution"], answer)
        )
    return exercises


def wrong_work(exercise: Exercise, rng: random.Random) -> dict[str, Any]:
    """Return one typical wrong answer to `exercise`."""
    if exercise.kind == "answer":
        return {"answer": rng.choice(WRONG_ANSWERS.get(exercise.id, [0, -1.5, True]))}
    generic = [
        exercise.starter,  # handed in unfinished
        exercise.solution + "\nprint('total', totl)\n",  # a typo: NameError at the end
        exercise.solution + "\nprint('done'\n",  # an unclosed parenthesis: SyntaxError
    ]
    return {"code": rng.choice(generic + WRONG_CODE.get(exercise.id, []))}


def right_work(exercise: Exercise) -> dict[str, Any]:
    """Return the reference answer or solution to `exercise`."""
    return {"answer": exercise.answer} if exercise.kind == "answer" else {"code": exercise.solution}


def submission(index: int, exercises: list[Exercise], rng: random.Random) -> tuple[dict, dict]:
    """Build one learner's file and the ids it should pass (True) or fail (False)."""
    right = {exercise.id: rng.random() < RIGHT_SHARE for exercise in exercises}
    work = {
        exercise.id: right_work(exercise) if right[exercise.id] else wrong_work(exercise, rng)
        for exercise in exercises
    }
    data = {
        "schema": SCHEMA,
        "course": {"version": "0.1.0"},
        "learner": {"name": f"Learner {index:04d}", "email": f"learner{index:04d}@example.edu"},
        "exported_at": datetime(2026, 1, 1, tzinfo=UTC).isoformat(),
        "exercises": work,
        "quizzes": {},
    }
    return data, right


EMPTY_CODE = "pass\n"


def empty_code(data: dict, right: dict[str, bool]) -> tuple[dict, dict[str, bool]]:
    """Replace every code answer with `pass`: the runs still happen, but do nothing."""
    for exercise_id, work in data["exercises"].items():
        if "code" in work:
            work["code"] = EMPTY_CODE
            right[exercise_id] = False
    return data, right


def chapter_exercises(chapter: str) -> list[str]:
    """Return the ids of the exercises on ``docs/<chapter>/practice.md``, in page order."""
    page = DOCS / chapter / "practice.md"
    if not page.is_file():
        known = sorted(path.parent.name for path in DOCS.glob("*/practice.md"))
        raise ValueError(f"no practice page for chapter {chapter!r}; chapters: {known}")
    return EXERCISE_FENCE.findall(page.read_text(encoding="utf-8"))


def write_submissions(
    directory: Path,
    count: int,
    seed: int,
    *,
    empty: bool = False,
    ids: list[str] | None = None,
) -> dict[str, dict[str, bool]]:
    """Write `count` files into `directory`; return, per file name, which exercises should pass.

    With ``empty``, every code answer is `pass` (see `empty_code`): grading those files costs
    what isolating the runs costs, with no learner work inside. With ``ids``, the files answer
    those exercises only, as for an assignment of one chapter; the grader reports the others
    as missing without running anything.
    """
    directory.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    exercises = catalog(ids)
    expected: dict[str, dict[str, bool]] = {}
    for index in range(count):
        data, right = submission(index, exercises, rng)
        if empty:
            data, right = empty_code(data, right)
        name = f"learner-{index:04d}.json"
        (directory / name).write_text(json.dumps(data, indent=1), encoding="utf-8")
        expected[name] = right
    return expected
