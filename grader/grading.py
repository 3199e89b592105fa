"""Turn plain extractions into a verdict, and check work in the current process.

`verdict` is the one place where status, score and feedback are decided, for both hosts: the
offline path feeds it an extraction that came back from a child process, `check_in_process`
(the browser's entry point) one produced right here. The same extraction gives the same report.
"""

from __future__ import annotations

import secrets
from typing import Any

from .exercise import Exercise, Extraction, Plan
from .guard import Guard
from .plain import valid_extraction
from .registry import current
from .runner import extract, tag
from .wording import counted

Report = dict[str, Any]


def registry() -> dict[str, Exercise]:
    """Return the registered exercises (see `grader.registry`), in registration order."""
    return current().exercises


def get_exercise(exercise_id: str) -> Exercise:
    """Return the exercise with this id, or raise `KeyError` naming the known ids."""
    exercises = registry()
    if exercise_id not in exercises:
        known = ", ".join(exercises)
        raise KeyError(f"unknown exercise id {exercise_id!r}; known ids: {known}")
    return exercises[exercise_id]


def report(exercise: Exercise, status: str, feedback: list[str]) -> Report:
    """Build one exercise's report; only a pass scores."""
    return {
        "status": status,
        "score": exercise.points if status == "passed" else 0.0,
        "max_score": exercise.points,
        "feedback": list(feedback),
    }


def fresh_seed() -> int:
    """Return a new variant seed (the browser draws one for every Check)."""
    return secrets.randbelow(2**31)


def work_problem(exercise: Exercise, work: object) -> Report | None:
    """Return a report when ``work`` is absent or malformed, or None when it can be graded."""
    if type(work) is not dict:
        return report(exercise, "error", ["This exercise's saved work is not in a form the grader "
                                          "can read; save it again from the practice page."])
    if exercise.kind == "answer":
        answer = work.get("answer")
        if answer is None or (type(answer) is str and not answer.strip()):
            return report(exercise, "missing", ["No answer has been given for this exercise."])
        return None
    code = work.get("code")
    if code is None or (type(code) is str and not code.strip()):
        return report(exercise, "missing", ["No code has been written for this exercise."])
    if type(code) is not str:
        return report(exercise, "error", ["The saved code is not text, so it cannot be run."])
    return None


def reference(exercise: Exercise, plan: Plan) -> Extraction:
    """Run the reference solution (or read the answer key) through the same extraction."""
    if exercise.kind == "answer":
        return {"error": None, "names": {"answer": tag(exercise.answer)}, "calls": {}}
    result = extract(plan.job(exercise.solution))
    if result["error"] is not None:
        raise RuntimeError(f"reference solution of {exercise.id} failed: {result['error']}")
    return result


def answer_extraction(answer: object) -> Extraction:
    """Wrap an entered answer as an extraction, so answers and code share the judges."""
    return {"error": None, "names": {"answer": tag(answer)}, "calls": {}}


def verdict(exercise: Exercise, plan: Plan, learner: object, ref: Extraction) -> Report:
    """Judge a learner extraction against the reference extraction."""
    if not valid_extraction(learner):
        return report(exercise, "error", [UNREADABLE])
    assert isinstance(learner, dict)
    if learner["error"] is not None:
        return report(exercise, "error", describe_error(learner["error"]))
    try:
        feedback = exercise.judge(plan, learner, ref)
    except Exception as exc:
        name = type(exc).__name__
        return report(exercise, "error", [f"The grader could not judge this work ({name})."])
    if feedback:
        return report(exercise, "failed", feedback)
    return report(exercise, "passed", [exercise.success])


UNREADABLE = (
    "The checker received results it cannot read, so this exercise gets no credit. Let your "
    "code finish normally and do not write to the grader's channels."
)


def describe_error(error: dict[str, Any]) -> list[str]:
    """Explain why the learner's code did not run to the end, as a tutor would."""
    name, message, line = error["exception"], error["message"], error.get("line")
    where = f" on line {line}" if line else ""
    if error.get("kind") == "syntax":
        return [f"Python could not read your code{where}: {message}. Fix it and check again."]
    if name == "SystemExit":
        return ["Your code called exit() (SystemExit), which ends the run before the checks. "
                "Remove the call."]
    if name == "MemoryError":
        return [f"Your code ran out of memory{where}. Look for an array or a list that grows "
                "far beyond the size of the data."]
    if name == "LinAlgError":
        return [f"np.linalg raised LinAlgError{where}: {message}. On a singular matrix solve() "
                "raises in desktop Python but returns NaNs in the browser; test the rank "
                "instead of relying on either."]
    text = f"{name}: {message}" if message else name
    return [f"Your code raised {text}{where}. The checks need the whole file to run."]


def check_in_process(exercise_id: str, work: dict, *, seed: int | None = None) -> Report:
    """Check one exercise's work in this process (the browser's entry point).

    Args:
        exercise_id: an id from `exercise_catalog`.
        work: ``{"code": str}`` for a code exercise, ``{"answer": value}`` for an answer.
        seed: the variant-data seed; a fresh one is drawn when omitted.

    Returns:
        ``{"id", "status", "score", "max_score", "feedback"}``, plain data. The reference is
        computed before the learner's code runs, and every module the verdict relies on is
        restored before comparing, so learner patches cannot change the outcome.

    """
    exercise = get_exercise(exercise_id)
    problem = work_problem(exercise, work)
    if problem is not None:
        return {"id": exercise_id, **problem}
    plan = exercise.plan(fresh_seed() if seed is None else seed)
    ref = reference(exercise, plan)  # before the learner's code can touch anything
    if exercise.kind == "answer":
        learner = answer_extraction(work["answer"])
    else:
        guard = Guard()
        with guard:
            learner = extract(plan.job(work["code"]), reraise=(KeyboardInterrupt,))
        if not guard.clean:
            return {"id": exercise_id, **report(exercise, "error", [TAMPERED])}
    return {"id": exercise_id, **verdict(exercise, plan, learner, ref)}


DEFAULT_TIMEOUT = 10.0


def timeout_feedback(seconds: float) -> list[str]:
    """What a learner reads when their code was stopped after ``seconds``, in either host."""
    return [
        f"Your code was stopped after {counted(seconds, 'second')}. Look for a loop that "
        "never ends, or one that runs far more steps than the exercise needs."
    ]


TAMPERED = (
    "Your code kept changing the grader's own modules, so it cannot be checked on this page. "
    "Reload the page and remove any code that modifies numpy or the grader."
)


def exercise_catalog() -> list[dict[str, Any]]:
    """Describe every exercise for the practice page, in page order, as plain data."""
    return [exercise.catalog_entry() for exercise in registry().values()]

