"""Quizzes: what a question is, the page's view of a quiz, and scoring a learner's answers.

A quiz key (``exercises.quizzes``) is a `Quiz` of `Question` s. `quiz_view` gives the page the
questions with their choices in a seeded order and without the key; `score_quiz` judges a
``{question id: answer}`` mapping the same way in the browser (Pyodide) and offline. Answers
name choices by id, never by position, so the shuffle cannot change a score. Pure Python: no
NumPy, no processes, nothing Pyodide lacks.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

KINDS = ("single", "multiple", "number", "output")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_TOKEN = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[A-Za-z_]+")
_MASK = 0xFFFFFFFF
MAX_TEXT = 2000
MAX_CHOICES = 50

Result = dict[str, Any]


@dataclass(frozen=True)
class Choice:
    """One choice of a single- or multiple-choice question.

    Attributes:
        id: stable id, what an answer names (lower-case letters, digits, dashes).
        text: what the page shows, plain text.
        correct: whether selecting it is right.
        why: plain text saying why it is right or wrong, shown when it was misjudged.

    """

    id: str
    text: str
    correct: bool = False
    why: str = ""


@dataclass(frozen=True)
class Question:
    """One quiz question; which fields matter depends on ``kind``.

    Attributes:
        id: stable id, the key of the answer in a submission.
        kind: ``single`` (a choice id), ``multiple`` (a list of choice ids), ``number`` (a
            number within ``tolerance`` of ``answer``) or ``output`` (the text ``code`` prints).
        prompt: the question, one paragraph of Markdown (rendered at build time).
        explanation: plain text shown once the question is scored, right or wrong.
        choices: the choices of a choice question.
        answer: the key of a number question.
        tolerance: how far from ``answer`` a number may be and still count.
        unit: the unit a number is given in, for the page and feedback.
        code: the snippet of an output question.
        output: what ``code`` prints (compared token by token, see `output_tokens`).
        slips: number question: a recognisable wrong value -> what it suggests went wrong.

    """

    id: str
    kind: str
    prompt: str
    explanation: str
    choices: tuple[Choice, ...] = ()
    answer: float | None = None
    tolerance: float = 0.0
    unit: str = ""
    code: str = ""
    output: str = ""
    slips: tuple[tuple[float, str], ...] = ()

    def __post_init__(self) -> None:
        """Refuse a question that could not be scored."""
        problem = _question_problem(self)
        if problem:
            raise ValueError(f"quiz question {self.id!r}: {problem}")


@dataclass(frozen=True)
class Quiz:
    """A chapter's quiz: one point per question, passed strictly above ``pass_percent``."""

    id: str
    title: str
    questions: tuple[Question, ...]
    pass_percent: float = 75.0

    def __post_init__(self) -> None:
        """Refuse duplicate or malformed ids."""
        ids = [question.id for question in self.questions]
        if not _SLUG.match(self.id) or len(set(ids)) != len(ids) or not ids:
            raise ValueError(f"quiz {self.id!r} needs a slug id and unique question ids")


def _question_problem(question: Question) -> str:
    if not _SLUG.match(question.id):
        return "the id must be lower-case letters, digits and dashes"
    if question.kind not in KINDS:
        return f"kind must be one of {', '.join(KINDS)}"
    choice_ids = [choice.id for choice in question.choices]
    right = sum(choice.correct for choice in question.choices)
    if question.kind in ("single", "multiple"):
        if len(choice_ids) < 2 or len(set(choice_ids)) != len(choice_ids):
            return "needs two or more choices with unique ids"
        if not all(_SLUG.match(choice_id) for choice_id in choice_ids):
            return "choice ids must be lower-case letters, digits and dashes"
        if (question.kind == "single" and right != 1) or right < 1:
            return "a single-choice question has exactly one right choice, a multiple one at least one"
    if question.kind == "number" and (question.answer is None or question.tolerance < 0):
        return "a number question needs an answer and a tolerance of zero or more"
    if question.kind == "output" and not (question.code and output_tokens(question.output)):
        return "an output question needs code and the output it prints"
    return ""


def registry() -> dict[str, Quiz]:
    """Return the quiz keys (imported lazily: `exercises` itself imports the grader)."""
    from exercises.quizzes import QUIZZES

    return QUIZZES


def get_quiz(quiz_id: str) -> Quiz:
    """Return the quiz with this id, or raise `KeyError` naming the known ids."""
    quizzes = registry()
    if quiz_id not in quizzes:
        raise KeyError(f"unknown quiz id {quiz_id!r}; known ids: {', '.join(quizzes)}")
    return quizzes[quiz_id]


def mix32(text: str) -> int:
    """Hash text to 32 bits (FNV-1a, then MurmurHash3's finaliser); quiz.js has the same."""
    value = 0x811C9DC5
    for byte in text.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & _MASK
    value ^= value >> 16
    value = (value * 0x85EBCA6B) & _MASK
    value ^= value >> 13
    value = (value * 0xC2B2AE35) & _MASK
    return value ^ (value >> 16)


def choice_order(seed: int, question_id: str, choice_ids: list[str]) -> list[str]:
    """Return ``choice_ids`` in the order attempt ``seed`` shows them (the page agrees)."""
    return sorted(choice_ids, key=lambda choice: (mix32(f"{seed}:{question_id}:{choice}"), choice))


def quiz_view(quiz_id: str, seed: int = 0) -> dict[str, Any]:
    """Describe a quiz for the page, choices in attempt ``seed``'s order, with no answers."""
    quiz = get_quiz(quiz_id)
    questions = []
    for question in quiz.questions:
        item: dict[str, Any] = {"id": question.id, "kind": question.kind,
                                "prompt": question.prompt}
        if question.choices:
            texts = {choice.id: choice.text for choice in question.choices}
            order = choice_order(seed, question.id, list(texts))
            item["choices"] = [{"id": choice_id, "text": texts[choice_id]} for choice_id in order]
        if question.kind == "number":
            item.update(unit=question.unit, tolerance=question.tolerance)
        if question.kind == "output":
            item["code"] = question.code
        questions.append(item)
    return {"quiz": quiz.id, "title": quiz.title, "seed": seed, "pass_percent": quiz.pass_percent,
            "max_score": len(quiz.questions), "questions": questions}


def output_tokens(text: str) -> list[float | str]:
    """Split printed text into numbers and lower-case words; spacing and punctuation drop out."""
    tokens: list[float | str] = []
    for token in _TOKEN.findall(text):
        try:
            tokens.append(float(token))
        except ValueError:
            tokens.append(token.lower())
    return tokens


def _same_tokens(got: list[float | str], want: list[float | str]) -> bool:
    if len(got) != len(want):
        return False
    for mine, key in zip(got, want, strict=True):
        if isinstance(key, float):
            if not isinstance(mine, float) or not math.isclose(mine, key, abs_tol=1e-9):
                return False
        elif mine != key:
            return False
    return True


def _json_kind(value: object) -> str:
    names = {str: "text", bool: "true or false", int: "a number", float: "a number",
             list: "a list", dict: "an object", type(None): "nothing"}
    return names.get(type(value), type(value).__name__)


def _is_number(value: object) -> bool:
    return type(value) in (int, float) and math.isfinite(float(value))  # a bool is not a number


def _show(value: float) -> str:
    return f"{value:g}"


def _judge_choices(question: Question, answer: object) -> tuple[bool, list[str]]:
    choices = {choice.id: choice for choice in question.choices}
    if question.kind == "single":
        if type(answer) is not str or answer not in choices:
            return False, [f"This answer is not one of the choices (got {_json_kind(answer)})."]
        picked = choices[answer]
        return picked.correct, [] if picked.correct else [f"You chose “{picked.text}”. {picked.why}"]
    if type(answer) is not list or len(answer) > MAX_CHOICES:
        return False, [f"This answer should be a list of choices, not {_json_kind(answer)}."]
    if not all(type(item) is str and item in choices for item in answer):
        return False, ["This answer names something that is not one of the choices."]
    picked = set(answer)
    feedback = [f"You selected “{choice.text}”. {choice.why}" for choice in question.choices
                if choice.id in picked and not choice.correct]
    feedback += [f"You left out “{choice.text}”. {choice.why}" for choice in question.choices
                 if choice.correct and choice.id not in picked]
    return not feedback, feedback


def _judge_number(question: Question, answer: object) -> tuple[bool, list[str]]:
    assert question.answer is not None
    if not _is_number(answer):
        return False, [f"Enter a number, not {_json_kind(answer)}."]
    value = float(answer)  # type: ignore[arg-type]
    if abs(value - question.answer) <= question.tolerance + 1e-9:
        return True, []
    unit = f" {question.unit}" if question.unit else ""
    feedback = [f"You entered {_show(value)}{unit}; answers within {_show(question.tolerance)}"
                f"{unit} of {_show(question.answer)}{unit} count."]
    feedback += [note for slip, note in question.slips if abs(value - slip) <= question.tolerance]
    return False, feedback


def _judge_output(question: Question, answer: object) -> tuple[bool, list[str]]:
    if type(answer) is not str:
        return False, [f"Type what the snippet prints, as text (got {_json_kind(answer)})."]
    if len(answer) > MAX_TEXT:
        return False, ["This answer is far longer than what the snippet prints."]
    if _same_tokens(output_tokens(answer), output_tokens(question.output)):
        return True, []
    return False, [f"You wrote “{answer.strip()}”; the snippet prints “{question.output.strip()}”."]


def _blank(answer: object) -> bool:
    """No answer at all: missing, null, empty text or an empty list."""
    if answer is None:
        return True
    if type(answer) is str:
        return not answer.strip()
    return type(answer) is list and not answer


def expected_answer(question: Question) -> str:
    """The right answer in words, for the page once the question is scored."""
    if question.kind == "number":
        assert question.answer is not None
        unit = f" {question.unit}" if question.unit else ""
        return f"{_show(question.answer)}{unit} (within {_show(question.tolerance)}{unit})"
    if question.kind == "output":
        return question.output.strip()
    return "; ".join(choice.text for choice in question.choices if choice.correct)


def score_question(question: Question, answer: object) -> Result:
    """Judge one answer; a malformed answer is wrong with a reason, never an exception."""
    answered = not _blank(answer)
    if not answered:
        correct, feedback = False, ["Not answered."]
    elif question.kind == "number":
        correct, feedback = _judge_number(question, answer)
    elif question.kind == "output":
        correct, feedback = _judge_output(question, answer)
    else:
        correct, feedback = _judge_choices(question, answer)
    return {"correct": correct, "answered": answered, "score": int(correct), "max_score": 1,
            "feedback": feedback, "explanation": question.explanation,
            "expected": expected_answer(question)}


def score_quiz(quiz_id: str, answers: object) -> Result:
    """Score ``{question id: answer}`` for one quiz.

    Returns:
        ``{"quiz", "score", "max_score", "percent", "passed", "pass_percent", "answered",
        "questions": {id: {"correct", "answered", "score", "max_score", "feedback",
        "explanation", "expected"}}, "notes": [...]}``, plain data. ``passed`` is strictly
        above ``pass_percent``. Unknown question ids are ignored with a note.

    """
    quiz = get_quiz(quiz_id)
    notes: list[str] = []
    if not isinstance(answers, Mapping):
        notes.append(f"The answers should be an object of question ids, not {_json_kind(answers)}; "
                     "nothing could be scored.")
        answers = {}
    known = {question.id for question in quiz.questions}
    unknown = sorted(str(key)[:60] for key in answers if key not in known)
    if unknown:
        notes.append("Ignored answers to unknown questions: " + ", ".join(unknown) + ".")
    questions = {question.id: score_question(question, answers.get(question.id))
                 for question in quiz.questions}
    score = sum(result["score"] for result in questions.values())
    max_score = len(quiz.questions)
    return {
        "quiz": quiz.id, "score": score, "max_score": max_score,
        "percent": round(100 * score / max_score, 2),
        "passed": score * 100 > quiz.pass_percent * max_score,
        "pass_percent": quiz.pass_percent,
        "answered": sum(result["answered"] for result in questions.values()),
        "questions": questions, "notes": notes,
    }


def quiz_catalog() -> list[dict[str, Any]]:
    """List the quizzes: ``[{"id", "title", "max_score", "pass_percent"}]``."""
    return [{"id": quiz.id, "title": quiz.title, "max_score": len(quiz.questions),
             "pass_percent": quiz.pass_percent} for quiz in registry().values()]
