"""Chapter two's quiz: its key, the slips it recognises, and its snippets' printed output."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from exercises import QUIZZES
from grader import score_quiz

QUIZ_ID = "glm"


def judged(question_id: str, answer: Any) -> dict[str, Any]:
    return score_quiz(QUIZ_ID, {question_id: answer})["questions"][question_id]


def test_the_quiz_is_registered_after_chapter_one_and_covers_the_chapter() -> None:
    assert list(QUIZZES) == ["linear-regression", QUIZ_ID]
    quiz = QUIZZES[QUIZ_ID]
    assert quiz.title == "Generalized linear models"
    assert [q.id for q in quiz.questions] == [
        "retry-family", "glm-template", "sigmoid-overflow", "clipped-log-loss", "softmax-shift",
        "ridge-lasso", "adam-first-step", "warmup", "vif-heteroscedasticity", "odds-ratio",
    ]


def test_the_number_keys_are_the_chapter_arithmetic() -> None:
    keys = {q.id: q.answer for q in QUIZZES[QUIZ_ID].questions if q.kind == "number"}
    assert keys["clipped-log-loss"] == pytest.approx(-math.log(1e-7), abs=0.005)
    beta1, beta2, g = 0.9, 0.999, 0.5
    uncorrected = (1 - beta1) * g / math.sqrt((1 - beta2) * g**2)
    assert keys["adam-first-step"] == pytest.approx(uncorrected, abs=0.005)
    assert keys["odds-ratio"] == pytest.approx(math.exp(0.7), abs=0.005)


@pytest.mark.parametrize(
    ("question_id", "answer", "correct", "says"),
    [
        ("clipped-log-loss", 16.118, True, None),
        ("clipped-log-loss", 7, False, "natural logarithm"),
        ("clipped-log-loss", 0, False, "confidently wrong"),
        ("adam-first-step", 3.162, True, None),
        ("adam-first-step", 1, False, "corrected step"),
        ("adam-first-step", 0.1, False, "(1 − β1) alone"),
        ("odds-ratio", 2.0138, True, None),
        ("odds-ratio", 0.7, False, "change in the log-odds"),
        ("odds-ratio", 1.01, False, "relative increase"),
        ("odds-ratio", 0.668, False, "a probability"),
        ("retry-family", "poisson-log", True, None),
        ("retry-family", "gaussian-identity", False, "negative number of retries"),
        ("glm-template", ["ols-is-glm", "logit-linear", "head-is-glm"], True, None),
        ("glm-template", ["ols-is-glm", "logit-linear"], False, "You left out"),
        ("glm-template", ["ols-is-glm", "logit-linear", "head-is-glm", "link-on-y"], False,
         "never on an observed y"),
        ("ridge-lasso", ["lasso-zeros", "ridge-invertible", "train-choice"], False,
         "Training MSE always prefers"),
        ("vif-heteroscedasticity", ["vif-meaning", "collinear-se", "robust-se"], True, None),
        ("vif-heteroscedasticity", ["vif-meaning", "collinear-se", "robust-se",
                                    "hc3-changes-beta"], False, "only the standard errors"),
        ("warmup", "is-bias-fix", False, "Fine-tuning uses both"),
        ("sigmoid-overflow", "[0. 0.5 1.]\n[False False False True]", True, None),
        ("sigmoid-overflow", "[0. 0.5 1.] [False False False False]", False, "the snippet prints"),
        ("softmax-shift", "0.67 0.24 0.09 0.67 0.24 0.09 0.33 0.33 0.33", True, None),
        ("softmax-shift", "[[0.67 0.24 0.09] [nan nan nan] [0.33 0.33 0.33]]", False,
         "the snippet prints"),
    ],
)
def test_answers_are_judged_and_slips_named(
    question_id: str, answer: Any, correct: bool, says: str | None
) -> None:
    found = judged(question_id, answer)
    assert found["correct"] is correct, found["feedback"]
    if says is not None:
        assert says in " ".join(found["feedback"])


def test_the_softmax_snippet_agrees_with_the_practice_reference() -> None:
    from exercises import EXERCISES

    namespace: dict[str, Any] = {}
    exec(compile(EXERCISES["stable-softmax"].solution, "solution", "exec"), namespace)
    logits = np.array([[2.0, 1.0, 0.0], [1002.0, 1001.0, 1000.0], [5.0, 5.0, 5.0]])
    rows = np.round(namespace["softmax"](logits), 2)
    assert rows.tolist() == [[0.67, 0.24, 0.09], [0.67, 0.24, 0.09], [0.33, 0.33, 0.33]]
