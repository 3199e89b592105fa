"""Chapter two's quiz in Chromium: the page scores it as the grader does, and its snippets run.

The mechanics (pass mark, reloads, retakes, export) are tested on chapter one's quiz in
test_quiz.py; this file checks that the second chapter's questions work on their own page.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from exercises import QUIZZES
from grader import score_quiz
from grader.quiz import Question
from grader.quiz import choice_order as python_choice_order
from tests.browser.conftest import Site
from tests.browser.quizzes import right_answer, wrong_answer

QUIZ_ID = "glm"
QUIZ_PAGE = "glm/quiz/"
QUESTIONS: list[Question] = list(QUIZZES[QUIZ_ID].questions)
# What a learner types for the two snippets: one line, as an input box holds it.
TYPED = {
    "sigmoid-overflow": "[0. 0.5 1.] [False False False True]",
    "softmax-shift": "[[0.67 0.24 0.09] [0.67 0.24 0.09] [0.33 0.33 0.33]]",
}


def the_quiz(page: Page) -> Locator:
    locator = page.locator(f'div.quiz[data-quiz-id="{QUIZ_ID}"]')
    locator.and_(page.locator('[data-bound="true"]')).wait_for()
    return locator


def fieldset(page: Page, question_id: str) -> Locator:
    return the_quiz(page).locator(f'fieldset[data-question-id="{question_id}"]')


def enter(page: Page, answers: dict[str, Any]) -> None:
    for found in QUESTIONS:
        value, target = answers[found.id], fieldset(page, found.id)
        if found.kind == "single":
            target.locator(f'input[value="{value}"]').check()
        elif found.kind == "multiple":
            for box in target.locator("input").all():
                box.set_checked(box.get_attribute("value") in value)
        else:
            target.locator("input.quiz__text").fill(str(value))


def answers_with(right: int) -> dict[str, Any]:
    answers = {}
    for n, found in enumerate(QUESTIONS):
        value = right_answer(found) if n < right else wrong_answer(found)
        answers[found.id] = TYPED.get(found.id, value) if n < right else value
    return answers


@pytest.fixture
def quiz_page(page: Page, site: Site) -> Page:
    page.goto(site.page_url(QUIZ_PAGE))
    the_quiz(page)
    return page


@pytest.mark.parametrize("right", [10, 7], ids=["all-right", "seven-right"])
def test_the_page_scores_the_glm_quiz_as_the_grader_does(quiz_page: Page, right: int) -> None:
    answers = answers_with(right)
    assert score_quiz(QUIZ_ID, answers)["score"] == right
    enter(quiz_page, answers)
    root = the_quiz(quiz_page)
    root.get_by_role("button", name="Submit answers").click()
    expect(root).to_have_attribute("data-quiz-state", "scored")
    expect(root.locator(".quiz__score")).to_have_text(f"You scored {right} of 10 ({right * 10}%).")
    expect(root).to_have_attribute("data-complete", "true" if right >= 8 else "false")
    for n, found in enumerate(QUESTIONS):
        target = fieldset(quiz_page, found.id)
        expect(target).to_have_attribute("data-result", "right" if n < right else "wrong")
        expect(target.locator(".quiz__explanation")).to_have_text(found.explanation)


def test_the_glm_quiz_choices_come_in_the_graders_order(quiz_page: Page) -> None:
    seed = quiz_page.evaluate(
        "id => JSON.parse(localStorage.getItem('linear-models-course/v1')).quizzes[id].seed",
        QUIZ_ID,
    )
    for found in QUESTIONS:
        if found.choices:
            shown = fieldset(quiz_page, found.id).locator(".quiz__choice").all()
            ids = [item.get_attribute("data-choice-id") for item in shown]
            assert ids == python_choice_order(seed, found.id, [c.id for c in found.choices])


def test_after_scoring_both_snippets_run_and_print_their_keys(quiz_page: Page) -> None:
    enter(quiz_page, answers_with(10))
    root = the_quiz(quiz_page)
    root.get_by_role("button", name="Submit answers").click()
    expect(root).to_have_attribute("data-quiz-state", "scored")
    for found in QUESTIONS:
        if found.kind == "output":
            target = fieldset(quiz_page, found.id)
            target.get_by_role("button", name="Run the snippet").click()
            expect(target.locator(".quiz__run-output pre")).to_have_text(found.output)
