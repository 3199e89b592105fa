"""One grader for the course's exercises, in the browser (Pyodide) and offline (CPython).

The browser calls `check_in_process`, `exercise_catalog` and `score_quiz`; instructors use the CLI
(``python -m grader grade``), `grade_paths` or the pytest plugin. The grader knows no exercise:
content packages register theirs (`Registry`, ``grader.content`` entry points). Importing this
package pulls in only the standard library and NumPy: the process sandbox is imported when
first used.
"""

from __future__ import annotations

from .assignments import Assignment, find_assignment
from .batch import Grader, grade_paths
from .checks import Tolerance
from .exercise import Call, Exercise, Plan
from .grading import check_in_process, exercise_catalog, get_exercise
from .quiz import Choice, Question, Quiz, get_quiz, quiz_catalog, quiz_view, score_quiz
from .registry import Registry
from .reports import write_csv, write_feedback, write_html, write_json
from .submission import SCHEMA, Submission, find_submissions, load_submission, parse_submission

__all__ = [
    "SCHEMA",
    "Assignment",
    "Call",
    "Choice",
    "Exercise",
    "Grader",
    "Plan",
    "Question",
    "Quiz",
    "Registry",
    "Submission",
    "Tolerance",
    "check_in_process",
    "exercise_catalog",
    "find_assignment",
    "find_submissions",
    "get_exercise",
    "get_quiz",
    "grade_paths",
    "load_submission",
    "parse_submission",
    "quiz_catalog",
    "quiz_view",
    "score_quiz",
    "write_csv",
    "write_feedback",
    "write_html",
    "write_json",
]
