"""A made-up graded run of a whole class, shaped like `grader.batch.grade_paths` returns it."""

from __future__ import annotations

import random
from typing import Any

STATUSES = ("passed", "passed", "passed", "failed", "error", "timeout", "missing")
MESSAGES = {
    "failed": ["w[0] is off by more than the tolerance: expected {a}, received {b}.",
               "losses[0] is {a}, the loss after the first update."],
    "error": ["Your code raised ZeroDivisionError: division by zero on line {a}."],
    "timeout": ["Your code was stopped after 10 seconds."],
    "missing": ["No code has been written for this exercise."],
}


def exercise_result(rng: random.Random, status: str) -> dict[str, Any]:
    if status == "passed":
        feedback = ["Right."]
    else:
        template = rng.choice(MESSAGES[status])
        feedback = [template.format(a=rng.randint(1, 99), b=rng.randint(100, 999))]
    return {"status": status, "score": 1.0 if status == "passed" else 0.0, "max_score": 1.0,
            "feedback": feedback}


def quiz_result(quiz_id: str, rights: list[bool]) -> dict[str, Any]:
    questions = {f"q{n + 1}": {"correct": right, "answered": True, "score": int(right),
                               "max_score": 1, "feedback": [] if right else ["Not quite."],
                               "explanation": "", "expected": "a"}
                 for n, right in enumerate(rights)}
    score = sum(rights)
    return {"quiz": quiz_id, "score": score, "max_score": len(rights),
            "percent": round(100 * score / len(rights), 2),
            "passed": score * 100 > 75 * len(rights), "pass_percent": 75.0,
            "answered": len(rights), "questions": questions, "notes": []}


def class_run(learners: int, exercises: int = 14, quizzes: int = 2, questions: int = 10,
              seed: int = 5, invalid: int = 2) -> dict[str, Any]:
    """A run of ``learners`` valid files (plus ``invalid`` broken ones) with mixed outcomes."""
    rng = random.Random(seed)
    ids = [f"ex-{n + 1}" for n in range(exercises)]
    quiz_ids = [f"quiz-{n + 1}" for n in range(quizzes)]
    submissions = []
    for n in range(learners):
        skill = rng.random()
        results = {i: exercise_result(rng, "passed" if rng.random() < skill else
                                      rng.choice(STATUSES[3:])) for i in ids}
        # question 1 is answered right by the weak learners: it discriminates negatively
        quiz = {q: quiz_result(q, [(rng.random() < skill) if k else skill < 0.5
                                   for k in range(questions)]) for q in quiz_ids}
        submissions.append({
            "file": f"class/learner-{n + 1:04d}.json",
            "learner": {"name": f"Learner {n + 1:04d}", "email": f"l{n + 1}@example.org"},
            "valid": True, "error": None, "exercises": results, "quizzes": quiz,
            "score": sum(r["score"] for r in results.values()), "max_score": float(exercises),
        })
    for n in range(invalid):
        submissions.append({
            "file": f"class/broken-{n + 1}.json", "learner": {"name": "", "email": ""},
            "valid": False, "error": f"not valid JSON: Expecting value (line {n + 1} column 1)",
            "exercises": {}, "quizzes": {}, "score": 0, "max_score": float(exercises),
        })
    identical = [[submissions[0]["file"], submissions[1]["file"]]] if learners > 1 else []
    return {"seed": seed, "exercises": ids, "quizzes": quiz_ids, "submissions": submissions,
            "identical": identical}
