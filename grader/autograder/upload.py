"""Grade one Gradescope upload: ``$ROOT/submission/`` in, ``$ROOT/results/results.json`` out.

Whatever was uploaded, a valid ``results.json`` is written: the graded work (a test per
exercise and per quiz), or a score of 0 with a message that says what to upload instead (no
file, several files, a file that is not a work file, a file from another course or holding no
work for this assignment).
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from ..assignments import find_assignment
from ..batch import Grader
from ..reports.gradescope import failure_result, gradescope_result
from ..reports.terminal import shown
from ..submission import load_submission
from ..titles import titles

HOW = ("Upload the .json file that “Download my work” on the practice page saved, and nothing "
       "else.")


def find_upload(folder: Path) -> tuple[Path | None, str]:
    """Return the one uploaded work file, or None and why there is not exactly one."""
    if not folder.is_dir():
        return None, f"No files were uploaded. {HOW}"
    uploaded = sorted(p for p in folder.rglob("*") if p.is_file())
    work = [p for p in uploaded if p.suffix.lower() == ".json"]
    if len(work) == 1:
        return work[0], ""
    if not uploaded:
        return None, f"No files were uploaded. {HOW}"
    names = ", ".join(shown(p.relative_to(folder)) for p in (work or uploaded)[:10])
    if not work:
        return None, f"None of the uploaded files ({names}) is a work file (.json). {HOW}"
    return None, f"{len(work)} work files were uploaded ({names}); upload only one. {HOW}"


def grade_upload(root: Path, *, timeout: float = 10.0, visibility: str = "visible"
                 ) -> dict[str, Any]:
    """Grade the upload under ``root`` with ``root/source/assignment.toml``; return results."""
    assignment = find_assignment(root / "source" / "assignment.toml")
    path, problem = find_upload(root / "submission")
    if path is None:
        return failure_result(problem, visibility)
    submission = load_submission(path)
    if not submission.valid:
        return failure_result(f"{path.name} is not a work file this course can read: "
                              f"{submission.error}. {HOW}", visibility)
    with Grader(assignment=assignment, timeout=timeout, jobs=1) as grader:
        wanted = set(grader.exercises) | set(grader.quiz_points)
        handed = set(submission.exercises) | set(submission.quizzes)
        if handed and not handed & wanted:
            return failure_result(
                f"{path.name} holds work for {', '.join(sorted(map(shown, handed))[:8])}, but "
                f"none for this assignment ({assignment.title}: {', '.join(grader.exercises)}). "
                "It may be from another course or chapter; upload the right file.", visibility)
        item = grader.grade([submission])[0]
    return gradescope_result(item, titles(), visibility)


def run_upload(root: Path, **options: Any) -> Path:
    """Grade and write ``root/results/results.json`` (with the run's duration); returns it."""
    started = time.monotonic()
    try:
        results = grade_upload(root, **options)
    except Exception as exc:  # still a valid results.json, and the reason on stdout for staff
        print(f"grader: the autograder failed: {type(exc).__name__}: {exc}")
        results = failure_result("The autograder could not grade this submission because of a "
                                 "problem on the course's side; your instructor can see why.")
    results["execution_time"] = round(time.monotonic() - started)  # whole seconds
    target = root / "results" / "results.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"grader: {results['output']}")
    return target
