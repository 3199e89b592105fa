"""The `quiz` fence: a chapter's quiz, its questions taken from `exercises/quizzes/` at build time.

````markdown
```quiz id="linear-regression"
```
````

The HTML is the contract with `assets/course/js/quiz.js`: a ``div.quiz`` carrying
``data-quiz-id``, one ``fieldset.quiz__question`` per question (``data-question-id``,
``data-kind``) whose ``legend`` is the prompt and whose inputs are labelled, and the question
ids, kinds, choice ids and snippets as JSON in a ``script.quiz__data``. Choices are written in
attempt 0's order; the page reorders them per attempt. No answer or explanation is in the HTML.
"""

from __future__ import annotations

import html
import re
from typing import Any

from markdown_exec import MarkdownConverter

from site_src.fence import FenceState, json_for_script

_PARAGRAPH = re.compile(r"^<p>(.*)</p>$", re.DOTALL)

HOW = {
    "single": "Choose one answer.",
    "multiple": "Select every statement that is true; there may be more than one.",
    "output": "Type what it prints. Spacing, brackets, commas and line breaks do not matter; the "
              "numbers and words do. Once the quiz is scored you can run the snippet.",
}


def _view(quiz_id: str) -> dict[str, Any] | None:
    from grader.quiz import get_quiz, quiz_view

    try:
        get_quiz(quiz_id)
    except KeyError:
        return None
    return quiz_view(quiz_id)


def _inline(converter: MarkdownConverter, text: str) -> str:
    """One paragraph of Markdown as phrasing content (a legend cannot hold a <p>)."""
    rendered = converter.convert(text).strip()
    match = _PARAGRAPH.match(rendered)
    if match is None or "<p>" in match.group(1):
        raise ValueError(f"a quiz prompt must be one paragraph of Markdown: {text[:60]!r}")
    return match.group(1)


def _choices(base: str, question: dict[str, Any]) -> str:
    kind = "radio" if question["kind"] == "single" else "checkbox"
    parts = ['<div class="quiz__choices">']
    for choice in question["choices"]:
        input_id = f"{base}-{choice['id']}"
        parts.append(
            f'<div class="quiz__choice" data-choice-id="{html.escape(choice["id"])}">'
            f'<input type="{kind}" id="{input_id}" name="{base}" '
            f'value="{html.escape(choice["id"])}" aria-describedby="{base}-how">'
            f'<label for="{input_id}">{html.escape(choice["text"])}</label></div>'
        )
    parts.append("</div>")
    return "".join(parts)


def _text_answer(base: str, question: dict[str, Any]) -> str:
    if question["kind"] == "number":
        unit = question["unit"]
        label = f"Your answer, in {unit}" if unit else "Your answer"
        tolerance = f"{question['tolerance']:g}" + (f" {unit}" if unit else "")
        how = f"Enter a number; it counts if it is within {tolerance} of the right value."
        mode = ' inputmode="decimal"'
    else:
        label, how, mode = "What it prints", HOW["output"], ""
    return (
        f'<p class="quiz__how" id="{base}-how">{html.escape(how)}</p>'
        f'<p class="quiz__answer"><label for="{base}-answer">{label}</label>'
        f'<input type="text" id="{base}-answer" class="quiz__text"{mode} autocomplete="off" '
        f'spellcheck="false" aria-describedby="{base}-how"></p>'
    )


def _question(quiz_id: str, number: int, total: int, question: dict[str, Any],
              converter: MarkdownConverter) -> str:
    base = f"quiz-{quiz_id}-{question['id']}"
    parts = [
        f'<fieldset class="quiz__question" id="{base}" '
        f'data-question-id="{html.escape(question["id"])}" data-kind="{question["kind"]}">',
        f'<legend id="{base}-legend"><span class="quiz__number">Question {number} of {total}.'
        f"</span> {_inline(converter, question['prompt'])}</legend>",
    ]
    if question["kind"] == "output":
        snippet = converter.convert(f"```python\n{question['code']}```")
        parts.append(f'<div class="quiz__snippet">{snippet}</div>')
    if question["kind"] in ("single", "multiple"):
        parts.append(f'<p class="quiz__how" id="{base}-how">{HOW[question["kind"]]}</p>')
        parts.append(_choices(base, question))
    else:
        parts.append(_text_answer(base, question))
    parts.append(f'<div class="quiz__feedback" id="{base}-feedback" aria-live="polite"></div>')
    parts.append("</fieldset>")
    return "".join(parts)


def format_quiz(
    source: str,
    language: str,
    css_class: str,
    options: dict[str, Any],
    md: Any,
    *,
    state: FenceState,
    **kwargs: Any,
) -> str:
    """SuperFences formatter: the quiz's questions as fieldsets, and its data for quiz.js."""
    quiz_id = options.get("id", "")
    view = _view(quiz_id)
    if view is None:
        state.fail(quiz_id or "?", f"no quiz with id {quiz_id!r} in exercises/quizzes/")
        return f"<p>Broken quiz: {html.escape(quiz_id)}</p>"
    converter = MarkdownConverter(md, update_toc=False)
    total = len(view["questions"])
    try:
        questions = [_question(quiz_id, n, total, q, converter)
                     for n, q in enumerate(view["questions"], start=1)]
    except ValueError as error:
        state.fail(quiz_id, str(error))
        return f"<p>Broken quiz: {html.escape(quiz_id)}</p>"
    data = {
        "quiz": quiz_id,
        "title": view["title"],
        "passPercent": view["pass_percent"],
        "questions": [
            {"id": q["id"], "kind": q["kind"], "code": q.get("code", ""),
             "choices": [choice["id"] for choice in q.get("choices", [])]}
            for q in view["questions"]
        ],
    }
    return (
        f'<div class="quiz" data-quiz-id="{html.escape(quiz_id)}" data-quiz-state="idle">'
        f'{"".join(questions)}'
        f'<script type="application/json" class="quiz__data">{json_for_script(data)}</script>'
        "</div>"
    )
