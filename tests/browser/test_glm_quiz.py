"""Chapter two's quiz in Chromium: the page scores it as the grader does, and its snippets run.

The mechanics (pass mark, reloads, retakes, export) are tested on chapter one's quiz in
test_quiz.py; this file checks that the second chapter's questions work on their own page.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from grader import score_quiz
from grader.quiz import choice_order as python_choice_order
from tests.browser.conftest import Site
from tests.browser.quizzes import QuizPage

# What a learner types for the two snippets: one line, as an input box holds it.
GLM = QuizPage("glm", "glm/quiz/", typed={
    "sigmoid-overflow": "[0. 0.5 1.] [False False False True]",
    "softmax-shift": "[[0.67 0.24 0.09] [0.67 0.24 0.09] [0.33 0.33 0.33]]",
})
QUESTIONS = GLM.questions


@pytest.fixture
def quiz_page(page: Page, site: Site) -> Page:
    page.goto(site.page_url(GLM.path))
    GLM.root(page)
    return page


@pytest.mark.parametrize(
    ("right", "percent", "complete"),
    [(14, 100, True), (11, 79, True), (10, 71, False)],
    ids=["all-right", "eleven-right-passes", "ten-right-fails"],
)
def test_the_page_scores_the_glm_quiz_as_the_grader_does(
    quiz_page: Page, right: int, percent: int, complete: bool
) -> None:
    answers = GLM.answers_with(right)
    result = score_quiz(GLM.quiz_id, answers)
    assert (result["score"], result["max_score"], result["passed"]) == (right, 14, complete)
    GLM.enter(quiz_page, answers)
    root = GLM.submit(quiz_page)
    expect(root.locator(".quiz__score")).to_have_text(f"You scored {right} of 14 ({percent}%).")
    expect(root).to_have_attribute("data-complete", "true" if complete else "false")
    for n, found in enumerate(QUESTIONS):
        target = GLM.question(quiz_page, found.id)
        expect(target).to_have_attribute("data-result", "right" if n < right else "wrong")
        expect(target.locator(".quiz__explanation")).to_have_text(found.explanation)


def test_the_glm_quiz_choices_come_in_the_graders_order(quiz_page: Page) -> None:
    seed = quiz_page.evaluate(
        "id => JSON.parse(localStorage.getItem('linear-models-course/v1')).quizzes[id].seed",
        GLM.quiz_id,
    )
    for found in QUESTIONS:
        if found.choices:
            ids = GLM.choice_order(quiz_page, found.id)
            assert ids == python_choice_order(seed, found.id, [c.id for c in found.choices])


def test_after_scoring_both_snippets_run_and_print_their_keys(quiz_page: Page) -> None:
    GLM.enter(quiz_page, GLM.answers_with(10))
    GLM.submit(quiz_page)
    for found in QUESTIONS:
        if found.kind == "output":
            target = GLM.question(quiz_page, found.id)
            target.get_by_role("button", name="Run the snippet").click()
            expect(target.locator(".quiz__run-output pre")).to_have_text(found.output)
