"""Identical submissions: files that hand in exactly the same work.

Two files are identical when their work (every exercise's code or answer and every quiz
answer) is the same, whatever their names, learners or export times say: a copy of another
learner's file with the name changed, or a symlink to it, is one piece of work handed in twice.
Files with no work at all are not grouped (a class of empty exports is not copying).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

from .submission import Submission, shown_path


def work_digest(submission: Submission) -> str | None:
    """Return a digest of the submission's work, or None when it is invalid or holds none."""
    if not submission.valid:
        return None
    exercises = {key: work for key, work in submission.exercises.items() if _has_work(work)}
    quizzes = {key: answers for key, answers in submission.quizzes.items() if answers}
    if not exercises and not quizzes:
        return None
    text = json.dumps({"exercises": exercises, "quizzes": quizzes}, sort_keys=True,
                      ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def _has_work(work: object) -> bool:
    if not isinstance(work, dict):
        return True
    value = work.get("code", work.get("answer"))
    return not (value is None or (isinstance(value, str) and not value.strip()))


def identical_groups(submissions: Iterable[Submission]) -> list[list[str]]:
    """Return the files that share their work with another, in groups of two or more."""
    groups: dict[str, list[str]] = {}
    for submission in submissions:
        digest = work_digest(submission)
        if digest is not None:
            groups.setdefault(digest, []).append(shown_path(submission.path))
    return [files for files in groups.values() if len(files) > 1]
