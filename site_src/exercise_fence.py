"""The `exercise` fence: a graded exercise, its text taken from `exercises/` at build time.

````markdown
```exercise id="predict-x6"
```
````

The HTML is the contract with `assets/course/js/practice.js`: a ``div.exercise`` carrying
``data-exercise-id`` and ``data-kind``, the prompt rendered from Markdown, and the starter code,
hints and solution as JSON in a ``script.exercise__data``.
"""

from __future__ import annotations

import html
from typing import Any

from markdown_exec import MarkdownConverter

from site_src.fence import FenceState, json_for_script


def _catalog() -> dict[str, dict[str, Any]]:
    from grader import exercise_catalog

    return {entry["id"]: entry for entry in exercise_catalog()}


def format_exercise(
    source: str,
    language: str,
    css_class: str,
    options: dict[str, Any],
    md: Any,
    *,
    state: FenceState,
    **kwargs: Any,
) -> str:
    """SuperFences formatter: the exercise's prompt, and its data for the practice page."""
    exercise_id = options.get("id", "")
    entry = _catalog().get(exercise_id)
    if entry is None:
        state.fail(exercise_id or "?", f"no exercise with id {exercise_id!r} in exercises/")
        return f"<p>Broken exercise: {html.escape(exercise_id)}</p>"
    data = {
        "kind": entry["kind"],
        "starter": entry.get("starter", ""),
        "hints": entry["hints"],
        "solution": entry["solution"],
        "inputType": entry.get("input_type") or "",
        "points": entry.get("points", 1),
    }
    prompt = MarkdownConverter(md, update_toc=False).convert(entry["prompt"])
    return (
        f'<div class="exercise" data-exercise-id="{html.escape(exercise_id)}" '
        f'data-kind="{html.escape(entry["kind"])}" data-check-state="idle">'
        f'<p class="exercise__title">{html.escape(entry["title"])}</p>'
        f'<div class="exercise__prompt">{prompt}</div>'
        f'<script type="application/json" class="exercise__data">{json_for_script(data)}</script>'
        "</div>"
    )
