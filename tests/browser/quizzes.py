"""Helpers that answer the chapter quiz the way a learner does, right or wrong on purpose."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Locator, Page, expect

from exercises.quizzes import QUIZZES
from grader.quiz import Question
from tests.support.quiz_answers import right_answer

QUIZ_ID = "linear-regression"
QUIZ_PAGE = "linear-regression/quiz/"
QUESTIONS: list[Question] = list(QUIZZES[QUIZ_ID].questions)



def wrong_answer(question: Question) -> Any:
    """Return an answer of the right type that the key rejects."""
    if question.kind == "single":
        return next(choice.id for choice in question.choices if not choice.correct)
    if question.kind == "multiple":
        return [next(choice.id for choice in question.choices if not choice.correct)]
    if question.kind == "number":
        assert question.answer is not None
        return question.answer + 10 * question.tolerance + 3
    return "I am not sure"


def answers_with(right: int) -> dict[str, Any]:
    """Return answers to every question, the first ``right`` of them correct."""
    return {
        question.id: right_answer(question) if n < right else wrong_answer(question)
        for n, question in enumerate(QUESTIONS)
    }


def quiz(page: Page) -> Locator:
    """Return the bound quiz (waits for quiz.js to bind it)."""
    locator = page.locator(f'div.quiz[data-quiz-id="{QUIZ_ID}"]')
    locator.and_(page.locator('[data-bound="true"]')).wait_for()
    return locator


def question(page: Page, question_id: str) -> Locator:
    """Return one question's fieldset."""
    return quiz(page).locator(f'fieldset[data-question-id="{question_id}"]')


def enter(page: Page, answers: dict[str, Any]) -> None:
    """Put ``answers`` into the page with the mouse and the keyboard (not the keyboard only)."""
    for found in QUESTIONS:
        if found.id not in answers:
            continue
        value, target = answers[found.id], question(page, found.id)
        if found.kind == "single":
            target.locator(f'input[value="{value}"]').check()
        elif found.kind == "multiple":
            for box in target.locator("input").all():
                box.set_checked(box.get_attribute("value") in value)
        else:
            target.locator("input.quiz__text").fill(str(value))


def submit(page: Page) -> Locator:
    """Press Submit answers and wait for the score."""
    root = quiz(page)
    root.get_by_role("button", name="Submit answers").click()
    expect(root).to_have_attribute("data-quiz-state", "scored")
    return root


def choice_order(page: Page, question_id: str) -> list[str]:
    """Return a question's choice ids in the order the page shows them."""
    items = question(page, question_id).locator(".quiz__choice")
    return [item.get_attribute("data-choice-id") or "" for item in items.all()]
