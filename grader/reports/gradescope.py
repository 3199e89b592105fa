"""One submission's results in Gradescope's autograder format (``results.json``).

Gradescope reads ``{"score", "output", "tests": [{"name", "score", "max_score", "status",
"output", "visibility"}], ...}`` from ``/autograder/results/results.json``; see
`grader.autograder`. There is a test per exercise and per quiz; the top-level score covers
everything graded (exercises and quizzes).
"""

from __future__ import annotations

from typing import Any

from .tables import number


def _status(passed: bool) -> str:
    """Gradescope's two test statuses."""
    return "passed" if passed else "failed"


def gradescope_result(item: dict[str, Any], titles: dict[str, str],
                      visibility: str = "visible") -> dict[str, Any]:
    """Build one graded submission's ``results.json``; an invalid file gets one clear message."""
    if not item["valid"]:
        return {"score": 0.0, "output": f"This file could not be graded: {item['error']}.",
                "visibility": visibility, "tests": []}
    tests = [
        {
            "name": f"{exercise_id}: {titles.get(exercise_id, exercise_id)}",
            "score": result["score"],
            "max_score": result["max_score"],
            "status": _status(result["status"] == "passed"),
            "output": f"{result['status']}\n" + "\n".join(result["feedback"]),
            "visibility": visibility,
        }
        for exercise_id, result in item["exercises"].items()
    ]
    quizzes = item.get("quizzes", {})
    tests += [quiz_test(quiz_id, result, titles, visibility) for quiz_id, result in quizzes.items()]
    score = sum(test["score"] for test in tests)
    max_score = sum(test["max_score"] for test in tests)
    output = f"{number(score)} of {number(max_score)} points."
    if item.get("ignored"):
        ignored = item["ignored"]
        output += (" Work for exercises this assignment does not include was not graded: "
                   + ", ".join(ignored[:10]) + (f" and {len(ignored) - 10} more"
                                                if len(ignored) > 10 else "") + ".")
    return {"score": score, "output": output, "visibility": visibility, "tests": tests}


def quiz_test(quiz_id: str, result: dict[str, Any], titles: dict[str, str],
              visibility: str = "visible") -> dict[str, Any]:
    """One Gradescope test for a quiz: its score, and what was wrong with each missed question."""
    verdict = "passed" if result["passed"] else "not passed"
    lines = [f"{number(result['score'])} of {number(result['max_score'])} questions "
             f"({number(result['percent'])}%): {verdict}; above "
             f"{number(result['pass_percent'])}% passes."]
    lines += [f"{question_id}: {' '.join(found['feedback'])}"
              for question_id, found in result["questions"].items() if not found["correct"]]
    return {
        "name": f"{quiz_id}: {titles.get(quiz_id, quiz_id)}",
        "score": result.get("points", result["score"]),
        "max_score": result.get("max_points", result["max_score"]),
        "status": _status(result["passed"]),
        "output": "\n".join([*lines, *result["notes"]]),
        "visibility": visibility,
    }


def failure_result(message: str, visibility: str = "visible") -> dict[str, Any]:
    """A valid ``results.json`` for an upload that could not be graded at all."""
    return {"score": 0.0, "output": message, "visibility": visibility, "tests": []}
