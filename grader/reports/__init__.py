"""Reports from a graded run: JSON, a CSV gradebook, per-learner feedback, the class report.

Every writer takes the run returned by `grader.batch.grade_paths` (or read back from its JSON
report): ``{"seed", "exercises": [ids], "quizzes": [ids], "submissions": [...], ...}``.
Gradescope's per-submission format lives in `grader.reports.gradescope`.
"""

from __future__ import annotations

from .feedback import write_feedback
from .gradescope import gradescope_result
from .html import write_html
from .stats import class_stats
from .tables import write_csv, write_json
from .terminal import notes, shown, summary_lines

__all__ = ["class_stats", "gradescope_result", "notes", "shown", "summary_lines",
           "write_csv", "write_feedback", "write_html", "write_json"]
