"""Write grading results: one JSON file, one CSV gradebook, or Gradescope results.

All writers take the run returned by `grader.batch.grade_paths`:
``{"seed", "exercises": [ids], "quizzes": [ids], "submissions": [...]}``. Quiz points are
reported beside the exercise total (``score``), never folded into it, except in Gradescope's
results, whose single score covers everything graded.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

Run = dict[str, Any]


def write_json(run: Run, path: str | Path) -> None:
    """Write the whole run as JSON (``{"seed", "exercises", "submissions": [...]}``)."""
    Path(path).write_text(json.dumps(run, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def csv_rows(run: Run) -> list[dict[str, Any]]:
    """One row per submission: who, valid or not, exercise scores and total, quiz results."""
    rows = []
    for item in run["submissions"]:
        row: dict[str, Any] = {
            "file": item["file"],
            "name": item["learner"]["name"],
            "email": item["learner"]["email"],
            "valid": item["valid"],
            "error": item["error"] or "",
        }
        for exercise_id in run["exercises"]:
            result = item["exercises"].get(exercise_id)
            row[exercise_id] = "" if result is None else _number(result["score"])
        row["score"] = _number(item["score"])
        row["max_score"] = _number(item["max_score"])
        for quiz_id in run.get("quizzes", []):
            result = item.get("quizzes", {}).get(quiz_id)
            row[f"quiz:{quiz_id}"] = "" if result is None else _number(result["score"])
            row[f"quiz:{quiz_id}:passed"] = "" if result is None else result["passed"]
        rows.append(row)
    return rows


def write_csv(run: Run, path: str | Path) -> None:
    """Write a gradebook: one row per learner's file, a column per exercise and per quiz."""
    quizzes = [f"quiz:{q}{suffix}" for q in run.get("quizzes", []) for suffix in ("", ":passed")]
    fields = ["file", "name", "email", "valid", "error", *run["exercises"], "score", "max_score",
              *quizzes]
    with Path(path).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(csv_rows(run))


def gradescope_result(item: dict[str, Any], titles: dict[str, str]) -> dict[str, Any]:
    """Build one submission's ``results.json`` in Gradescope's autograder format."""
    if not item["valid"]:
        return {
            "score": 0.0,
            "output": f"This file could not be graded: {item['error']}.",
            "tests": [],
        }
    tests = [
        {
            "name": f"{exercise_id}: {titles.get(exercise_id, exercise_id)}",
            "score": result["score"],
            "max_score": result["max_score"],
            "status": "passed" if result["status"] == "passed" else "failed",
            "output": "\n".join(result["feedback"]),
        }
        for exercise_id, result in item["exercises"].items()
    ]
    quizzes = item.get("quizzes", {})
    tests += [_gradescope_quiz(quiz_id, result, titles) for quiz_id, result in quizzes.items()]
    score = item["score"] + sum(result["score"] for result in quizzes.values())
    max_score = item["max_score"] + sum(result["max_score"] for result in quizzes.values())
    return {
        "score": score,
        "output": f"{_number(score)} of {_number(max_score)} points.",
        "tests": tests,
    }


def _gradescope_quiz(quiz_id: str, result: dict[str, Any], titles: dict[str, str]) -> dict:
    """One Gradescope test for a quiz: its score, and what was wrong with each missed question."""
    verdict = "passed" if result["passed"] else "not passed"
    lines = [f"{_number(result['score'])} of {_number(result['max_score'])} "
             f"({_number(result['percent'])}%): {verdict}; above "
             f"{_number(result['pass_percent'])}% passes."]
    lines += [f"{question_id}: {' '.join(found['feedback'])}"
              for question_id, found in result["questions"].items() if not found["correct"]]
    return {
        "name": f"{quiz_id}: {titles.get(quiz_id, quiz_id)}",
        "score": result["score"],
        "max_score": result["max_score"],
        "status": "passed" if result["passed"] else "failed",
        "output": "\n".join([*lines, *result["notes"]]),
    }


def write_gradescope(run: Run, directory: str | Path, titles: dict[str, str]) -> list[Path]:
    """Write ``DIR/<file stem>/results.json`` for every submission; returns the paths."""
    root = Path(directory)
    written, used = [], set()
    for item in run["submissions"]:
        stem = Path(item["file"]).stem or "submission"
        name, count = stem, 1
        while name in used:
            count += 1
            name = f"{stem}-{count}"
        used.add(name)
        target = root / name / "results.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        body = json.dumps(gradescope_result(item, titles), indent=2, ensure_ascii=False)
        target.write_text(body + "\n", encoding="utf-8")
        written.append(target)
    return written


def summary_lines(run: Run) -> list[str]:
    """Summarise the run for people: one line per submission."""
    lines = []
    for item in run["submissions"]:
        name = Path(item["file"]).name
        if not item["valid"]:
            lines.append(f"{name}: invalid ({item['error']})")
            continue
        who = item["learner"]["name"] or "(no name)"
        statuses = " ".join(
            f"{exercise_id}={result['status']}" for exercise_id, result in item["exercises"].items()
        )
        statuses += "".join(
            f" quiz:{quiz_id}={_number(result['score'])}/{_number(result['max_score'])}"
            for quiz_id, result in item.get("quizzes", {}).items()
        )
        score = f"{_number(item['score'])}/{_number(item['max_score'])}"
        lines.append(f"{name}: {who} {score}  {statuses}")
    return lines


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value
