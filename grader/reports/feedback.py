"""``--feedback DIR``: one Markdown file per learner, with their score and every piece of feedback.

Ready to send back: the learner's name, the assignment, the score, then each exercise's status
and feedback and each quiz's score with what was wrong. Learner text is escaped so it shows as
written and cannot add links or markup.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .paths import OutputNames
from .tables import Run, number
from .terminal import shown

_MARKDOWN = re.compile(r"([\\`\[\]<>])")  # enough to stop links, code and HTML


def md(text: object) -> str:
    """Escape learner text for Markdown: control characters, and what makes links or HTML."""
    return _MARKDOWN.sub(r"\\\1", shown(text))


def feedback_markdown(item: dict[str, Any], run: Run, titles: dict[str, str]) -> str:
    """Render one submission's feedback as Markdown."""
    name = item["learner"].get("name") or Path(item["file"]).name
    heading = run.get("assignment", {}).get("title") or "Linear models course"
    lines = [f"# Feedback for {md(name)}", "", f"{md(heading)}, file {md(item['file'])}.", ""]
    if not item["valid"]:
        lines += [f"This file could not be graded: {md(item['error'])}.", "",
                  "Export your work again from the practice page and hand in the new file."]
        return "\n".join(lines) + "\n"
    lines += [f"**Score: {number(item['score'])} of {number(item['max_score'])}**", ""]
    for exercise_id, result in item["exercises"].items():
        title = md(titles.get(exercise_id, exercise_id))
        lines += [f"## {title} ({exercise_id}): {result['status']}, "
                  f"{number(result['score'])}/{number(result['max_score'])}", ""]
        lines += [f"- {md(line)}" for line in result["feedback"]] + [""]
    for quiz_id, result in item.get("quizzes", {}).items():
        title = md(titles.get(quiz_id, quiz_id))
        passed = "passed" if result["passed"] else "not passed"
        lines += [f"## Quiz: {title}: {number(result['score'])} of "
                  f"{number(result['max_score'])} questions, {passed}", ""]
        missed = [(qid, found) for qid, found in result["questions"].items()
                  if not found["correct"]]
        lines += [f"- {qid}: {md(' '.join(found['feedback']))} "
                  f"Right answer: {md(found['expected'])}." for qid, found in missed]
        lines += [f"- {md(note)}" for note in result["notes"]] + [""]
    return "\n".join(lines).rstrip("\n") + "\n"


def write_feedback(run: Run, directory: str | Path, titles: dict[str, str]) -> list[Path]:
    """Write ``DIR/<file stem>.md`` for every submission; returns the paths, in run order."""
    root = Path(directory)
    root.mkdir(parents=True, exist_ok=True)
    names = OutputNames(root)
    written = []
    for item in run["submissions"]:
        target = names.path(item["file"], ".md")
        target.write_text(feedback_markdown(item, run, titles), encoding="utf-8")
        written.append(target)
    return written
