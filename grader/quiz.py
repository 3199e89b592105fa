"""Quizzes: what a question is, the page's view of a quiz, and scoring a learner's answers.

A quiz key (registered by a content package, see `grader.registry`) is a `Quiz` of
`Question` s. `quiz_view` gives the page the questions with their choices in a seeded order
and without the key; `score_quiz` judges a
``{question id: answer}`` mapping the same way in the browser (Pyodide) and offline, one answer
at a time with `grader.quiz_judge`. Answers name choices by id, never by position, so the
shuffle cannot change a score. Pure Python: no NumPy, no processes, nothing Pyodide lacks.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .quiz_judge import expected_answer, json_kind, judge, output_tokens

if TYPE_CHECKING:
    from .submission import Submission

KINDS = ("single", "multiple", "number", "output")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_MASK = 0xFFFFFFFF

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
            return "needs exactly one right choice (single) or at least one (multiple)"
    if question.kind == "number" and (question.answer is None or question.tolerance < 0):
        return "a number question needs an answer and a tolerance of zero or more"
    if question.kind == "output" and not (question.code and output_tokens(question.output)):
        return "an output question needs code and the output it prints"
    return ""


def registry() -> dict[str, Quiz]:
    """Return the registered quizzes (see `grader.registry`)."""
    from .registry import current

    return current().quizzes


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


def score_question(question: Question, answer: object) -> Result:
    """Judge one answer; a malformed answer is wrong with a reason, never an exception."""
    answered, correct, feedback = judge(question, answer)
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
        notes.append(f"The answers should be an object of question ids, not {json_kind(answers)}; "
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


def grade_quizzes(
    submission: Submission, points: dict[str, float | None] | None = None
) -> dict[str, Any]:
    """Score quizzes for one submission: quiz id -> `grader.quiz.score_quiz` result.

    ``points`` maps the quizzes to score (default: every registered quiz) to what each is
    worth in an assignment; a quiz with points gets ``"points"`` (its score scaled to them)
    and ``"max_points"``. A quiz the learner never answered scores 0 (every question "Not
    answered"); quizzes not asked for are ignored. An invalid submission has no quiz results.
    """
    if not submission.valid:
        return {}
    results = {}
    for quiz_id, worth in (dict.fromkeys(registry()) if points is None else points).items():
        result = score_quiz(quiz_id, submission.quizzes.get(quiz_id, {}))
        if worth is not None:
            result["points"] = round(worth * result["score"] / result["max_score"], 4)
            result["max_points"] = worth
        results[quiz_id] = result
    return results
