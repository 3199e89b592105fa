"""Write grading results: one JSON file, one CSV gradebook, or Gradescope results.

All writers take the run returned by `grader.batch.grade_paths`:
``{"seed", "exercises": [ids], "submissions": [...]}``.
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
    """One row per submission: who, whether it was valid, a score per exercise, the total."""
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
        rows.append(row)
    return rows


def write_csv(run: Run, path: str | Path) -> None:
    """Write a gradebook: one row per learner's file and a column per exercise."""
    fields = ["file", "name", "email", "valid", "error", *run["exercises"], "score", "max_score"]
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
    return {
        "score": item["score"],
        "output": f"{_number(item['score'])} of {_number(item['max_score'])} points.",
        "tests": tests,
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
        score = f"{_number(item['score'])}/{_number(item['max_score'])}"
        lines.append(f"{name}: {who} {score}  {statuses}")
    return lines


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value
