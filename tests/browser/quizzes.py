"""Helpers that answer a quiz page the way a learner does, right or wrong on purpose.

`QuizPage` works for any quiz; the module-level names are chapter one's, which most quiz tests
use.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import Locator, Page, expect

from exercises.quizzes import QUIZZES
from grader.quiz import Question
from tests.support.quiz_answers import right_answer


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


@dataclass(frozen=True)
class QuizPage:
    """One quiz: its id, its page, and what a learner types where the key is not typeable.

    Attributes:
        quiz_id: the quiz's id in `exercises.quizzes`.
        path: the page's path in the site.
        typed: right answers as a learner enters them, by question id (an output snippet's
            key spans lines that a one-line box holds as one).

    """

    quiz_id: str
    path: str
    typed: dict[str, str] = field(default_factory=dict)

    @property
    def questions(self) -> list[Question]:
        """The quiz's questions, in the key's order."""
        return list(QUIZZES[self.quiz_id].questions)

    def answers_with(self, right: int) -> dict[str, Any]:
        """Return answers to every question, the first ``right`` of them correct."""
        return {
            question.id: self.typed.get(question.id, right_answer(question))
            if n < right else wrong_answer(question)
            for n, question in enumerate(self.questions)
        }

    def root(self, page: Page) -> Locator:
        """Return the bound quiz (waits for quiz.js to bind it)."""
        locator = page.locator(f'div.quiz[data-quiz-id="{self.quiz_id}"]')
        locator.and_(page.locator('[data-bound="true"]')).wait_for()
        return locator

    def question(self, page: Page, question_id: str) -> Locator:
        """Return one question's fieldset."""
        return self.root(page).locator(f'fieldset[data-question-id="{question_id}"]')

    def enter(self, page: Page, answers: dict[str, Any]) -> None:
        """Put ``answers`` into the page with the mouse and the keyboard (not the keyboard only)."""
        for found in self.questions:
            if found.id not in answers:
                continue
            value, target = answers[found.id], self.question(page, found.id)
            if found.kind == "single":
                target.locator(f'input[value="{value}"]').check()
            elif found.kind == "multiple":
                for box in target.locator("input").all():
                    box.set_checked(box.get_attribute("value") in value)
            else:
                target.locator("input.quiz__text").fill(str(value))

    def submit(self, page: Page) -> Locator:
        """Press Submit answers and wait for the score."""
        root = self.root(page)
        root.get_by_role("button", name="Submit answers").click()
        expect(root).to_have_attribute("data-quiz-state", "scored")
        return root

    def choice_order(self, page: Page, question_id: str) -> list[str]:
        """Return a question's choice ids in the order the page shows them."""
        items = self.question(page, question_id).locator(".quiz__choice")
        return [item.get_attribute("data-choice-id") or "" for item in items.all()]


CHAPTER_ONE = QuizPage("linear-regression", "linear-regression/quiz/")
QUIZ_ID, QUIZ_PAGE, QUESTIONS = CHAPTER_ONE.quiz_id, CHAPTER_ONE.path, CHAPTER_ONE.questions
answers_with, enter, submit = CHAPTER_ONE.answers_with, CHAPTER_ONE.enter, CHAPTER_ONE.submit
quiz, question, choice_order = CHAPTER_ONE.root, CHAPTER_ONE.question, CHAPTER_ONE.choice_order
