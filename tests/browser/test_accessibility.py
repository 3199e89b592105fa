"""Accessibility: axe-core finds nothing serious, and the quiz works with the keyboard alone."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Site
from tests.browser.quizzes import (
    QUESTIONS,
    QUIZ_PAGE,
    answers_with,
    enter,
    question,
    quiz,
    right_answer,
    submit,
    wrong_answer,
)
from tests.conftest import PROJECT_ROOT

AXE = PROJECT_ROOT / "site_src" / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = ("serious", "critical")
TAB_LIMIT = 300


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Run axe-core on the page as it stands; return its serious and critical violations."""
    page.mouse.move(0, 0)  # a hover colour is not the page's colour
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async () => (await axe.run(document)).violations.map((v) => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5),
        }))"""
    )
    return [violation for violation in found if violation["impact"] in SERIOUS]


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two CSS ``rgb(...)`` colours."""

    def luminance(css: str) -> float:
        channels = [int(part) / 255 for part in css[css.index("(") + 1 : -1].split(",")[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


ACCENT = """() => {
    const probe = document.createElement("span");
    probe.style.color = "var(--md-accent-fg-color)";
    document.body.append(probe);
    const colour = getComputedStyle(probe).color;
    probe.remove();
    return colour;
}"""


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_a_hovered_link_stays_readable(page: Page, site: Site, scheme: str) -> None:
    page.goto(site.page_url("glm/"))  # its reading guide is a list of links
    page.evaluate("scheme => document.body.setAttribute('data-md-color-scheme', scheme)", scheme)
    accent = page.evaluate(ACCENT)
    link = page.locator("article.md-typeset li > a[href]").first
    link.hover()
    expect(link).to_have_css("color", accent)  # the hover colour, once Material's fade is over
    background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert contrast(accent, background) >= 4.5, (accent, background)


def bound(page: Page, selector: str) -> None:
    page.locator(selector).first.wait_for()


@pytest.mark.parametrize(
    ("path", "ready"),
    [
        ("", '.course-progress[data-state="ready"]'),
        ("linear-regression/", 'div.pyrun[data-bound="true"]'),
        ("linear-regression/residuals/", 'div.pyrun[data-bound="true"]'),
        ("linear-regression/practice/", 'div.exercise[data-bound="true"]'),
        (QUIZ_PAGE, 'div.quiz[data-quiz-state="answering"]'),
    ],
    ids=["home", "chapter", "chapter-with-figures", "practice", "quiz"],
)
def test_axe_finds_no_serious_violation(page: Page, site: Site, path: str, ready: str) -> None:
    page.goto(site.page_url(path))
    bound(page, ready)
    assert axe_violations(page) == []


def test_axe_finds_no_serious_violation_on_a_scored_quiz(page: Page, site: Site) -> None:
    page.goto(site.page_url(QUIZ_PAGE))
    enter(page, answers_with(7))
    submit(page)
    assert axe_violations(page) == []


def test_axe_finds_no_serious_violation_after_a_check_on_the_practice_page(
    page: Page, site: Site
) -> None:
    page.goto(site.page_url("linear-regression/practice/"))
    target = page.locator('div.exercise[data-exercise-id="predict-x6"][data-bound="true"]')
    target.get_by_label("Your answer").fill("200")
    target.get_by_role("button", name="Check").click()
    expect(target).to_have_attribute("data-check-state", "failed")
    assert axe_violations(page) == []


# The keyboard alone: Tab and Shift+Tab to move, Space and the arrow keys to choose (as in any
# radio group), typing for text, Enter on buttons. No clicks, no programmatic focus.


def focused(page: Page) -> dict[str, Any]:
    return page.evaluate(
        """() => {
            const node = document.activeElement;
            return { id: node?.id ?? "", tag: node?.tagName ?? "", text: node?.textContent ?? "",
                     question: node?.closest("fieldset.quiz__question")?.dataset.questionId ?? "",
                     result: Boolean(node?.closest(".quiz__result")) };
        }"""
    )


def tab_until(page: Page, wanted: Any, key: str = "Tab") -> dict[str, Any]:
    """Press ``key`` until the focused element satisfies ``wanted`` (at most TAB_LIMIT times)."""
    for _ in range(TAB_LIMIT):
        page.keyboard.press(key)
        now = focused(page)
        if wanted(now):
            return now
    pytest.fail(f"{key} never reached the element; focus ended on {focused(page)}")


def choice_ids(page: Page, question_id: str) -> list[str]:
    inputs = question(page, question_id).locator("input")
    return [box.get_attribute("value") or "" for box in inputs.all()]


def answer_by_keyboard(page: Page, found: Any, answer: Any) -> None:
    base = f"quiz-linear-regression-{found.id}"
    if found.kind == "single":
        tab_until(page, lambda now: now["question"] == found.id)
        for _ in range(choice_ids(page, found.id).index(answer)):
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Space")
    elif found.kind == "multiple":
        for choice_id in choice_ids(page, found.id):
            tab_until(page, lambda now, target=f"{base}-{choice_id}": now["id"] == target)
            if choice_id in answer:
                page.keyboard.press("Space")
    else:
        tab_until(page, lambda now: now["id"] == f"{base}-answer")
        page.keyboard.type(" ".join(str(answer).split()))


def test_the_whole_quiz_can_be_completed_with_the_keyboard_alone(page: Page, site: Site) -> None:
    page.goto(site.page_url(QUIZ_PAGE))
    root = quiz(page)
    answers = {q.id: right_answer(q) for q in QUESTIONS[:8]}
    answers.update({q.id: wrong_answer(q) for q in QUESTIONS[8:]})
    for found in QUESTIONS:
        answer_by_keyboard(page, found, answers[found.id])
    expect(root.locator(".quiz__progress")).to_have_text("10 of 10 answered.")
    tab_until(page, lambda now: now["text"] == "Submit answers")
    page.keyboard.press("Enter")
    expect(root).to_have_attribute("data-quiz-state", "scored")
    expect(root.locator(".quiz__score")).to_have_text("You scored 8 of 10 (80%).")
    expect(root).to_have_attribute("data-complete", "true")
    assert focused(page)["result"], "the score should take the focus"

    # Back up to a snippet and run it, then retake: still no mouse.
    tab_until(page, lambda now: now["text"] == "Run the snippet"
              and now["question"] == "first-gradient", key="Shift+Tab")
    page.keyboard.press("Enter")
    expect(question(page, "first-gradient").locator(".quiz__run-output pre")).to_have_text(
        "[ -320. -1040.]\n"
    )
    tab_until(page, lambda now: now["text"] == "Retake the quiz")
    page.keyboard.press("Space")
    expect(root).to_have_attribute("data-quiz-state", "answering")
    assert focused(page)["question"] == QUESTIONS[0].id


# The runnable blocks with the keyboard alone: the editor never traps the focus (WCAG 2.1.2).

WHERE = """() => {
    const node = document.activeElement;
    return { block: node?.closest("div.pyrun")?.dataset.blockId ?? "",
             editor: Boolean(node?.closest(".course-editor")),
             content: Boolean(node?.classList.contains("cm-content")),
             text: node?.tagName === "BUTTON" ? node.textContent : "" };
}"""


def where(page: Page) -> dict[str, Any]:
    return page.evaluate(WHERE)


def tab_to(page: Page, wanted: Any, key: str = "Tab") -> dict[str, Any]:
    for _ in range(TAB_LIMIT):
        page.keyboard.press(key)
        now = where(page)
        if wanted(now):
            return now
    pytest.fail(f"{key} never reached the element; focus ended on {where(page)}")


def first_block(page: Page, site: Site) -> tuple[str, Any]:
    page.goto(site.page_url("linear-regression/"))
    target = page.locator('div.pyrun[data-bound="true"]').first
    target.wait_for()
    return target.get_attribute("data-block-id"), target


def test_escape_then_tab_leaves_the_editor_which_the_page_explains(page: Page, site: Site) -> None:
    block_id, target = first_block(page, site)
    note = page.locator("#course-editor-keys")
    expect(note).to_contain_text("press Escape, then Tab")
    tab_to(page, lambda now: now["editor"])
    expect(target.locator(".cm-content")).to_be_focused()  # the editor is built on focus
    assert target.locator(".cm-content").get_attribute("aria-describedby") == "course-editor-keys"
    page.keyboard.press("Tab")  # Tab alone indents, and the focus stays
    assert where(page)["content"]
    expect(target.locator(".cm-line").first).to_have_text(re.compile(r"^ {4}"))
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    after = where(page)
    assert not after["editor"], after
    tab_to(page, lambda now: now["editor"], key="Shift+Tab")  # back in
    page.keyboard.press("Escape")
    page.keyboard.press("Shift+Tab")
    assert where(page) == {"block": block_id, "editor": False, "content": False, "text": "Reset"}


def test_the_runner_works_with_the_keyboard_alone(page: Page, site: Site) -> None:
    block_id, target = first_block(page, site)
    tab_to(page, lambda now: now["block"] == block_id and now["text"] == "Run")
    page.keyboard.press("Enter")
    expect(target).to_have_attribute("data-output-match", "true")
    assert where(page)["text"] == "Run", "a finished run keeps the focus where it was"

    # Into the editor, replace the code, run it from there: a diff appears.
    tab_to(page, lambda now: now["content"])
    page.keyboard.press("Control+A")
    page.keyboard.type("print('typed by keyboard')")
    page.keyboard.press("Control+Enter")
    expect(target).to_have_attribute("data-output-match", "false")
    expect(target.locator(".pyrun__diff")).to_contain_text("+ typed by keyboard")

    # An endless loop, stopped from the toolbar.
    page.keyboard.press("Control+A")
    page.keyboard.type("while True: pass")
    page.keyboard.press("Control+Enter")
    expect(target).to_have_attribute("data-run-state", "running")
    page.keyboard.press("Escape")
    page.keyboard.press("Shift+Tab")
    assert where(page)["text"] == "Reset"
    page.keyboard.press("Shift+Tab")
    assert where(page)["text"] == "Stop"
    page.keyboard.press("Enter")
    expect(target).to_have_attribute("data-run-state", "stopped")
    assert where(page)["text"] == "Stop", "Stop keeps the focus once it cannot act"

    # Reset, then Run again: the original output.
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(target.locator(".pyrun__status")).to_have_text("Code reset to the original.")
    tab_to(page, lambda now: now["text"] == "Run", key="Shift+Tab")
    page.keyboard.press("Enter")
    expect(target).to_have_attribute("data-output-match", "true")
