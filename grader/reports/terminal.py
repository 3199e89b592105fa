"""What the CLI prints about a run: one line per file, safe to show on a terminal.

Names and file names come from learners, so every control character in them (escape
sequences, carriage returns, backspaces, bidirectional overrides, halves of UTF-16 pairs that
no terminal can print) is shown escaped, never
sent to the terminal: a name cannot erase or rewrite the summary.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from .tables import Run, number

SHOWN = 10  # ids listed in one line at most


def shown(text: object) -> str:
    r"""Return ``text`` with control and format characters escaped (ESC shows as ``\x1b``)."""
    out = []
    for char in str(text):
        if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


def summary_lines(run: Run) -> list[str]:
    """Summarise the run for people: one line per submission."""
    lines = []
    for item in run["submissions"]:
        name = shown(Path(item["file"]).name)
        if not item["valid"]:
            lines.append(f"{name}: invalid ({shown(item['error'])})")
            continue
        who = shown(item["learner"]["name"]) or "(no name)"
        statuses = " ".join(
            f"{exercise_id}={result['status']}" for exercise_id, result in item["exercises"].items()
        )
        statuses += "".join(
            f" quiz:{quiz_id}={number(result['score'])}/{number(result['max_score'])}"
            for quiz_id, result in item.get("quizzes", {}).items()
        )
        score = f"{number(item['score'])}/{number(item['max_score'])}"
        lines.append(f"{name}: {who} {score}  {statuses}")
    return lines


def notes(run: Run) -> list[str]:
    """Lines about the run as a whole: work outside the assignment, identical submissions."""
    lines = []
    ignored = sorted({key for item in run["submissions"] for key in item.get("ignored", [])})
    if ignored:
        count = sum(bool(item.get("ignored")) for item in run["submissions"])
        title = run["assignment"]["id"]
        listed = ", ".join(ignored[:SHOWN]) + (f" and {len(ignored) - SHOWN} more"
                                                if len(ignored) > SHOWN else "")
        lines.append(f"grader: ignored work for {len(ignored)} exercises outside assignment "
                     f"{shown(title)} ({shown(listed)}) in {count} files")
    for group in run.get("identical", []):
        files = ", ".join(shown(file) for file in group)
        lines.append(f"grader: identical submissions: {files}")
    return lines
