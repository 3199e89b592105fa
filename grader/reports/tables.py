"""The run as data: one JSON file with everything, and a CSV gradebook for spreadsheets.

A CSV cell that a spreadsheet would run as a formula (it starts with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return) gets a leading ``'``, the usual neutralisation, so a learner named
``=HYPERLINK(...)`` stays text. Numbers are written as numbers.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

Run = dict[str, Any]
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write_json(run: Run, path: str | Path) -> None:
    """Write the whole run as JSON (``{"seed", "exercises", "submissions": [...], ...}``)."""
    Path(path).write_text(json.dumps(run, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def number(value: float) -> float | int:
    """Show a whole float as an int (``1.0`` -> ``1``)."""
    return int(value) if float(value).is_integer() else value


def safe_cell(value: object) -> object:
    """Neutralise text a spreadsheet would run as a formula; other values pass unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def csv_fields(run: Run) -> list[str]:
    """The gradebook's columns: who, validity, a column per exercise, the total, the quizzes."""
    quizzes = [f"quiz:{q}{suffix}" for q in run.get("quizzes", []) for suffix in ("", ":passed")]
    return ["file", "name", "email", "valid", "error", *run["exercises"], "score", "max_score",
            *quizzes]


def csv_rows(run: Run) -> list[dict[str, Any]]:
    """One row per submission: who, valid or not, exercise scores and total, quiz results.

    With an assignment, a quiz column holds the points it earned in the assignment (which
    ``score`` includes); without one, the quiz's own score (which ``score`` leaves out).
    """
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
            row[exercise_id] = "" if result is None else number(result["score"])
        row["score"] = number(item["score"])
        row["max_score"] = number(item["max_score"])
        for quiz_id in run.get("quizzes", []):
            result = item.get("quizzes", {}).get(quiz_id)
            earned = None if result is None else result.get("points", result["score"])
            row[f"quiz:{quiz_id}"] = "" if result is None else number(earned)
            row[f"quiz:{quiz_id}:passed"] = "" if result is None else result["passed"]
        rows.append({key: safe_cell(value) for key, value in row.items()})
    return rows


def write_csv(run: Run, path: str | Path) -> None:
    """Write a gradebook: one row per learner's file, a column per exercise and per quiz."""
    with Path(path).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=csv_fields(run))
        writer.writeheader()
        writer.writerows(csv_rows(run))
