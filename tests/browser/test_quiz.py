"""The chapter quiz in Chromium.

The pass mark, saved state, retakes, shuffling, the snippets, and an exported file that the
offline grader scores exactly as the page did.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from grader.quiz import choice_order as python_choice_order
from tests.browser.conftest import Site
from tests.browser.quizzes import (
    QUESTIONS,
    QUIZ_ID,
    QUIZ_PAGE,
    answers_with,
    choice_order,
    enter,
    question,
    quiz,
    submit,
)


@pytest.fixture
def quiz_page(page: Page, site: Site) -> Page:
    page.goto(site.page_url(QUIZ_PAGE))
    quiz(page)
    return page


def saved_quiz(page: Page) -> dict:
    return page.evaluate(
        "id => JSON.parse(localStorage.getItem('linear-models-course/v1')).quizzes[id]", QUIZ_ID
    )


@pytest.mark.parametrize(
    ("right", "complete", "verdict"),
    [(8, "true", "Chapter complete"), (7, "false", "Not complete yet")],
    ids=["8-of-10-completes", "7-of-10-does-not"],
)
def test_the_chapter_is_complete_strictly_above_75_percent(
    quiz_page: Page, right: int, complete: str, verdict: str
) -> None:
    enter(quiz_page, answers_with(right))
    root = submit(quiz_page)
    expect(root.locator(".quiz__score")).to_have_text(f"You scored {right} of 10 ({right * 10}%).")
    expect(root.locator(".quiz__completion")).to_contain_text(verdict)
    expect(root).to_have_attribute("data-complete", complete)
    expect(root.locator('fieldset[data-result="right"]')).to_have_count(right)
    expect(root.locator(".quiz__summary li")).to_have_count(10)
    expect(root.get_by_role("button", name="Submit answers")).to_be_hidden()
    expect(root.get_by_role("button", name="Retake the quiz")).to_be_visible()
    for n, found in enumerate(QUESTIONS):
        target = question(quiz_page, found.id)
        expect(target).to_have_attribute("data-result", "right" if n < right else "wrong")
        expect(target.locator(".quiz__explanation")).to_have_text(found.explanation)
        expect(target.locator("input").first).to_be_disabled()
    assert saved_quiz(quiz_page)["best"]["passed"] is (complete == "true")


def test_a_wrong_choice_is_explained_and_the_right_answer_shown(quiz_page: Page) -> None:
    enter(quiz_page, {"residual-sign": "later", "six-hundred-tokens": 12100})
    submit(quiz_page)
    sign = question(quiz_page, "residual-sign")
    expect(sign.locator(".quiz__mark")).to_have_text("Not right.")
    expect(sign.locator(".quiz__notes")).to_contain_text("That would be a residual of +7.")
    expect(sign.locator(".quiz__expected")).to_contain_text("7 ms sooner")
    tokens = question(quiz_page, "six-hundred-tokens")
    expect(tokens.locator(".quiz__notes")).to_contain_text("x counts hundreds of tokens")
    expect(question(quiz_page, "normality").locator(".quiz__mark")).to_have_text("Not answered.")


def test_answers_and_the_score_survive_a_reload(quiz_page: Page) -> None:
    answers = answers_with(9)
    enter(quiz_page, {key: answers[key] for key in ["six-hundred-tokens", "solve-and-rank"]})
    quiz_page.reload()
    expect(question(quiz_page, "six-hundred-tokens").locator("input")).to_have_value("220")
    boxes = question(quiz_page, "solve-and-rank")
    for choice_id in answers["solve-and-rank"]:
        expect(boxes.locator(f'input[value="{choice_id}"]')).to_be_checked()
    expect(quiz(quiz_page).locator(".quiz__progress")).to_have_text("2 of 10 answered.")
    enter(quiz_page, answers)
    submit(quiz_page)
    quiz_page.reload()
    root = quiz(quiz_page)
    expect(root).to_have_attribute("data-quiz-state", "scored")
    expect(root.locator(".quiz__score")).to_have_text("You scored 9 of 10 (90%).")
    expect(root.locator(".quiz__best")).to_contain_text("after 1 attempt.")
    expect(question(quiz_page, "extrapolation")).to_have_attribute("data-result", "wrong")


def test_a_retake_reshuffles_starts_empty_and_keeps_the_best_score(quiz_page: Page) -> None:
    enter(quiz_page, answers_with(9))
    first_seed = saved_quiz(quiz_page)["seed"]
    root = submit(quiz_page)
    root.get_by_role("button", name="Retake the quiz").click()
    expect(root).to_have_attribute("data-quiz-state", "answering")
    expect(root.get_by_role("button", name="Retake the quiz")).to_be_hidden()
    expect(root.get_by_role("button", name="Submit answers")).to_be_visible()
    state = saved_quiz(quiz_page)
    assert state["seed"] != first_seed
    assert state["answers"] == {}
    for found in QUESTIONS:
        if found.choices:
            expected = python_choice_order(state["seed"], found.id, [c.id for c in found.choices])
            assert choice_order(quiz_page, found.id) == expected, found.id
    expect(root.locator(".quiz__progress")).to_have_text("0 of 10 answered.")
    expect(question(quiz_page, "residual-sign").locator("input:checked")).to_have_count(0)
    enter(quiz_page, answers_with(6))
    submit(quiz_page)
    expect(root.locator(".quiz__score")).to_have_text("You scored 6 of 10 (60%).")
    expect(root.locator(".quiz__completion")).to_contain_text("the chapter stays complete")
    expect(root.locator(".quiz__best")).to_contain_text("9 of 10 (90%) after 2 attempts")
    expect(root).to_have_attribute("data-complete", "true")


def test_the_page_shuffles_choices_exactly_as_the_grader_does(quiz_page: Page) -> None:
    seed = saved_quiz(quiz_page)["seed"]
    for found in QUESTIONS:
        if found.choices:
            expected = python_choice_order(seed, found.id, [c.id for c in found.choices])
            assert choice_order(quiz_page, found.id) == expected, found.id


def test_after_scoring_a_snippet_runs_and_prints_what_the_key_says(quiz_page: Page) -> None:
    target = question(quiz_page, "duplicate-column")
    expect(target.get_by_role("button", name="Run the snippet")).to_have_count(0)
    enter(quiz_page, {"duplicate-column": "2 [120 140 160 180 200]"})
    submit(quiz_page)
    expect(target).to_have_attribute("data-result", "right")
    target.get_by_role("button", name="Run the snippet").click()
    output = target.locator(".quiz__run-output pre")
    expect(output).to_have_text("2\n[120 140 160 180 200]\n")


def test_an_exported_file_gets_the_same_score_offline(quiz_page: Page, tmp_path: Path) -> None:
    answers = answers_with(8)
    answers["held-out"] = ["fair-test", "describes-fit", "one-row-enough"]  # now 7 right
    enter(quiz_page, answers)
    root = submit(quiz_page)
    page_score = int(root.get_attribute("data-score") or "-1")
    assert page_score == 7
    quiz_page.get_by_label("Name").fill("Quinn Quiz")
    quiz_page.get_by_label("Name").press("Tab")
    quiz_page.get_by_label("Email").fill("quinn@example.org")
    quiz_page.get_by_label("Email").press("Tab")
    with quiz_page.expect_download() as download:
        quiz_page.get_by_role("button", name="Download my work").click()
    path = tmp_path / "work.json"
    download.value.save_as(path)
    exported = json.loads(path.read_text())
    assert exported["quizzes"][QUIZ_ID]["six-hundred-tokens"] == 220
    out = tmp_path / "grades.json"
    result = subprocess.run(
        [sys.executable, "-m", "grader", "grade", str(path), "--seed", "1", "--json", str(out)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    graded = json.loads(out.read_text())["submissions"][0]["quizzes"][QUIZ_ID]
    assert graded["score"] == page_score
    assert graded["passed"] is False
    on_page = {
        found.id: question(quiz_page, found.id).get_attribute("data-result") == "right"
        for found in QUESTIONS
    }
    assert {qid: item["correct"] for qid, item in graded["questions"].items()} == on_page
