"""The class at a glance, computed from a run: score spread, exercises, quiz questions, files.

Everything the HTML class report shows comes from `class_stats`, plain data, so it can be
checked against the JSON it was computed from. Quiz items use the classical test statistics:
difficulty is the share of learners who got the question right, discrimination the
point-biserial correlation between getting it right and the rest of the learner's score.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from typing import Any

from .tables import Run

BINS = 10
TOO_EASY, TOO_HARD = 0.9, 0.3
TOP_MESSAGES = 5
STATUSES = ("passed", "failed", "error", "timeout", "missing")
_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?(?:e[-+]?\d+)?")


def percent(item: dict[str, Any]) -> float:
    """A submission's score as a percentage of its maximum (0 when the maximum is 0)."""
    return 100.0 * item["score"] / item["max_score"] if item["max_score"] else 0.0


def histogram(values: list[float], bins: int = BINS) -> list[dict[str, Any]]:
    """Count percentages into ``bins`` equal bins over 0-100; the last one includes 100."""
    counts = [0] * bins
    for value in values:
        counts[min(bins - 1, max(0, int(value * bins // 100)))] += 1
    width = 100 // bins
    return [{"low": i * width, "high": (i + 1) * width, "count": count}
            for i, count in enumerate(counts)]


def summary(values: list[float], files: int) -> dict[str, Any]:
    """Count, mean, median, spread, lowest and highest of the valid submissions' percentages."""
    numbers: dict[str, Any] = {"files": files, "valid": len(values), "invalid": files - len(values)}
    if values:
        numbers.update(mean=statistics.fmean(values), median=statistics.median(values),
                       stdev=statistics.pstdev(values), min=min(values), max=max(values))
    return numbers


def message_shape(message: str) -> str:
    """Group feedback that differs only in its numbers (each learner's values differ)."""
    return _NUMBER.sub("#", message)


def exercise_stats(run: Run, valid: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per exercise: how many passed, failed, errored, timed out or were missing; top mistakes."""
    rows = []
    for exercise_id in run["exercises"]:
        counts: Counter[str] = Counter()
        shapes: Counter[str] = Counter()
        example: dict[str, str] = {}
        for item in valid:
            result = item["exercises"].get(exercise_id)
            if result is None:
                continue
            counts[result["status"]] += 1
            if result["status"] in ("failed", "error", "timeout"):
                for message in dict.fromkeys(result["feedback"]):
                    shape = message_shape(message)
                    shapes[shape] += 1
                    example.setdefault(shape, message)
        total = sum(counts.values())
        rows.append({
            "id": exercise_id, "graded": total, **{status: counts[status] for status in STATUSES},
            "pass_rate": counts["passed"] / total if total else None,
            "common": [{"message": example[shape], "count": count}
                       for shape, count in shapes.most_common(TOP_MESSAGES)],
        })
    return rows


def point_biserial(right: list[int], rest: list[float]) -> float | None:
    """Correlation of a 0/1 item with the rest score; None when either does not vary."""
    n = len(right)
    ones = [score for hit, score in zip(right, rest, strict=True) if hit]
    p = len(ones) / n if n else 0.0
    if not 0 < p < 1:
        return None
    spread = statistics.pstdev(rest)
    if spread == 0:
        return None
    zeros = [score for hit, score in zip(right, rest, strict=True) if not hit]
    return (statistics.fmean(ones) - statistics.fmean(zeros)) / spread * math.sqrt(p * (1 - p))


def question_flags(difficulty: float, discrimination: float | None) -> list[str]:
    """Name what is wrong with a question's statistics, if anything."""
    flags = []
    if difficulty > TOO_EASY:
        flags.append("too easy")
    if difficulty < TOO_HARD:
        flags.append("too hard")
    if discrimination is not None and discrimination < 0:
        flags.append("negative discrimination")
    return flags


def raw_total(item: dict[str, Any]) -> float:
    """Exercise points plus every quiz question right: the criterion for discrimination."""
    exercises = sum(result["score"] for result in item["exercises"].values())
    return exercises + sum(result["score"] for result in item.get("quizzes", {}).values())


def question_stats(run: Run, valid: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per quiz question: difficulty, point-biserial discrimination (item vs rest), flags."""
    totals = [raw_total(item) for item in valid]
    rows = []
    for quiz_id in run.get("quizzes", []):
        taken = [(item, total) for item, total in zip(valid, totals, strict=True)
                 if quiz_id in item.get("quizzes", {})]
        if not taken:
            continue
        for question_id in taken[0][0]["quizzes"][quiz_id]["questions"]:
            right = [int(item["quizzes"][quiz_id]["questions"][question_id]["correct"])
                     for item, _ in taken]
            rest = [total - hit for (_, total), hit in zip(taken, right, strict=True)]
            difficulty = sum(right) / len(right)
            discrimination = point_biserial(right, rest)
            rows.append({"quiz": quiz_id, "question": question_id, "learners": len(right),
                         "right": sum(right), "difficulty": difficulty,
                         "discrimination": discrimination,
                         "flags": question_flags(difficulty, discrimination)})
    return rows


def class_stats(run: Run) -> dict[str, Any]:
    """Everything the class report shows, as plain data."""
    valid = [item for item in run["submissions"] if item["valid"]]
    values = [percent(item) for item in valid]
    return {
        "summary": summary(values, len(run["submissions"])),
        "histogram": histogram(values),
        "exercises": exercise_stats(run, valid),
        "questions": question_stats(run, valid),
        "invalid": [{"file": item["file"], "error": item["error"]}
                    for item in run["submissions"] if not item["valid"]],
        "identical": run.get("identical", []),
    }
