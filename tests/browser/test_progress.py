"""The course home's progress panel: what it counts, Reset my progress, and a broken store."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Dialog, Locator, Page, expect

from tests.browser.blocks import run_and_wait
from tests.browser.conftest import Site
from tests.browser.quizzes import QUIZ_PAGE, answers_with, enter, quiz, submit

KEY = "linear-models-course/v1"
CHAPTER = "Linear regression"


def chapter_totals(built_site: Path) -> dict[str, int]:
    """Count the runnable blocks and exercises of the built chapter."""
    course_map = json.loads((built_site / "assets" / "course" / "course-map.json").read_text())
    chapter = next(c for c in course_map["chapters"] if c["title"] == CHAPTER)
    return {
        "blocks": sum(len(page["blocks"]) for page in chapter["pages"]),
        "exercises": len(chapter["exercises"]),
    }


def fresh_state(**sections: dict[str, Any]) -> dict[str, Any]:
    state: dict[str, Any] = {"version": 1, "code": {}, "runs": {}, "exercises": {}, "quizzes": {},
                             "learner": {}}
    state.update(sections)
    return state


def open_home(page: Page, site: Site, stored: str | None = None) -> Locator:
    """Open the course home with ``stored`` as the saved store; return the chapter's row."""
    if stored is not None:
        page.evaluate("([key, text]) => localStorage.setItem(key, text)", [KEY, stored])
    page.goto(site.url)
    expect(page.locator(".course-progress")).to_have_attribute("data-state", "ready")
    return page.locator(f'.course-progress tr[data-chapter="{CHAPTER}"]')


def cell(row: Locator, field: str) -> Locator:
    return row.locator(f'td[data-field="{field}"]')


SAVED_WORK = fresh_state(
    runs={
        "/linear-regression/#data-summary": {"at": "2026-01-01T00:00:00Z", "matched": True},
        "/linear-regression/residuals/index.html#residual-table": {"at": "x", "matched": False},
        "/elsewhere/#not-a-block": {"at": "x", "matched": True},
    },
    exercises={
        "predict-x6": {"status": "passed", "attempts": 1},
        "held-out": {"status": "passed", "attempts": 3},
        "lr-divergence": {"status": "failed", "attempts": 2},
    },
    quizzes={"linear-regression": {"answers": {}, "attempts": 2,
                                   "best": {"score": 9, "max_score": 10, "percent": 90.0,
                                            "passed": True}}},
)


def test_the_home_page_counts_runs_exercises_and_the_best_quiz_score(
    page: Page, site: Site, built_site: Path
) -> None:
    totals = chapter_totals(built_site)
    row = open_home(page, site, json.dumps(SAVED_WORK))
    expect(cell(row, "blocks")).to_have_text(f"2 of {totals['blocks']}")
    expect(cell(row, "exercises")).to_have_text(f"2 of {totals['exercises']}")
    expect(cell(row, "quiz")).to_have_text("9 of 10 (90%)")
    expect(cell(row, "status")).to_have_text("Complete")
    expect(page.locator(".course-progress caption")).to_have_text(
        "Your progress, as saved in this browser"
    )


def test_a_chapter_without_a_passed_quiz_is_not_complete(page: Page, site: Site) -> None:
    state = fresh_state(quizzes={"linear-regression": {"best": {
        "score": 7, "max_score": 10, "percent": 70.0, "passed": False}}})
    row = open_home(page, site, json.dumps(state))
    expect(cell(row, "quiz")).to_have_text("7 of 10 (70%)")
    expect(cell(row, "status")).to_have_text("Not complete yet")
    row = open_home(page, site, json.dumps(fresh_state()))
    expect(cell(row, "quiz")).to_have_text("Not taken yet")


def test_progress_follows_what_the_learner_really_did(
    page: Page, site: Site, built_site: Path
) -> None:
    totals = chapter_totals(built_site)
    page.goto(site.page_url("linear-regression/"))
    run_and_wait(page, "data-summary")
    page.goto(site.page_url("linear-regression/practice/"))
    answer = page.locator('div.exercise[data-exercise-id="predict-x6"]')
    answer.and_(page.locator('[data-bound="true"]')).wait_for()
    answer.get_by_label("Your answer").fill("220")
    answer.get_by_role("button", name="Check").click()
    expect(answer).to_have_attribute("data-check-state", "passed")
    page.goto(site.page_url(QUIZ_PAGE))
    enter(page, answers_with(8))
    submit(page)
    row = open_home(page, site)
    expect(cell(row, "blocks")).to_have_text(f"1 of {totals['blocks']}")
    expect(cell(row, "exercises")).to_have_text(f"1 of {totals['exercises']}")
    expect(cell(row, "quiz")).to_have_text("8 of 10 (80%)")
    expect(cell(row, "status")).to_have_text("Complete")


@pytest.mark.parametrize("accept", [False, True], ids=["cancelled-keeps-all", "confirmed-clears"])
def test_reset_my_progress_asks_first(page: Page, site: Site, accept: bool) -> None:
    row = open_home(page, site, json.dumps(SAVED_WORK))
    asked: list[str] = []

    def answer(dialog: Dialog) -> None:
        asked.append(dialog.message)
        if accept:
            dialog.accept()
        else:
            dialog.dismiss()

    page.once("dialog", answer)
    page.get_by_role("button", name="Reset my progress").click()
    message = page.locator(".course-progress__message")
    if accept:
        expect(message).to_contain_text("Your progress was reset")
        expect(cell(row, "quiz")).to_have_text("Not taken yet")
        expect(cell(row, "status")).to_have_text("Not complete yet")
    else:
        expect(message).to_have_text("Nothing was reset.")
        expect(cell(row, "quiz")).to_have_text("9 of 10 (90%)")
    assert len(asked) == 1
    assert "Reset your progress?" in asked[0]
    stored = json.loads(page.evaluate("key => localStorage.getItem(key)", KEY))
    assert (stored == fresh_state()) is accept
    page.reload()
    expect(page.locator(".course-notice")).to_have_count(0)


@pytest.mark.parametrize(
    "stored",
    ["{not json", json.dumps({**SAVED_WORK, "version": 0}), json.dumps({**SAVED_WORK, "runs": []})],
    ids=["corrupted", "old-version", "wrong-shape"],
)
def test_an_unreadable_store_is_recovered_on_the_home_page_with_a_message(
    page: Page, site: Site, stored: str
) -> None:
    row = open_home(page, site, stored)
    expect(page.locator(".course-notice")).to_contain_text("could not be read")
    expect(cell(row, "quiz")).to_have_text("Not taken yet")
    expect(cell(row, "status")).to_have_text("Not complete yet")
    backup = page.evaluate("key => localStorage.getItem(key + '/unreadable')", KEY)
    assert backup == stored
    page.reload()
    expect(page.locator(".course-notice")).to_have_count(0)
    page.goto(site.page_url(QUIZ_PAGE))
    expect(quiz(page)).to_have_attribute("data-quiz-state", "answering")
