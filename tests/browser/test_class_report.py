"""The class report in Chromium, opened from file:// as an instructor would open it.

It requests nothing, its tables show the run's numbers, its learners sort and link to their
feedback, and axe-core finds nothing serious in the light or the dark scheme.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Playwright

from grader.reports import write_html
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.browser.test_accessibility import axe_violations
from tests.support.class_run import class_run

RUN = class_run(40)
VALID = [item for item in RUN["submissions"] if item["valid"]]


@pytest.fixture(scope="module")
def browser(playwright_driver: Playwright) -> Iterator[Browser]:
    chromium = playwright_driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


@pytest.fixture
def report(browser: Browser, tmp_path: Path) -> Iterator[tuple[Page, list[str]]]:
    path = tmp_path / "class.html"
    write_html(RUN, path, {"ex-1": "First exercise"})
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())
    yield page, requests
    page.close()


def cells(page: Page, selector: str) -> list[list[str]]:
    return page.eval_on_selector_all(
        f"{selector} tbody tr",
        "rows => rows.map(r => [...r.cells].map(c => c.textContent.trim()))")


def test_it_opens_from_a_file_and_requests_nothing_else(report: tuple[Page, list[str]]) -> None:
    page, requests = report
    assert page.title() == "Class report: all exercises"
    assert requests == [page.url]


def test_the_tables_show_the_runs_numbers(report: tuple[Page, list[str]]) -> None:
    page, _ = report
    bands = [0] * 10
    for item in VALID:
        bands[min(9, int(10 * item["score"] / item["max_score"]))] += 1
    assert [int(row[1]) for row in cells(page, "#histogram")] == bands
    first = cells(page, "#exercises")[0]
    statuses = [item["exercises"]["ex-1"]["status"] for item in VALID]
    assert first[0] == "ex-1First exercise"
    assert first[1] == f"{round(100 * statuses.count('passed') / len(statuses))}%"
    assert [int(n) for n in first[2:]] == [statuses.count(s) for s in
                                           ("passed", "failed", "error", "timeout", "missing")]
    q1 = next(row for row in cells(page, "#questions") if row[:2] == ["quiz-1", "q1"])
    right = sum(item["quizzes"]["quiz-1"]["questions"]["q1"]["correct"] for item in VALID)
    assert q1[2:4] == [str(len(VALID)), str(right)]
    assert q1[4] == f"{round(100 * right / len(VALID))}%"
    assert "negative discrimination" in q1[6]
    assert [row[0] for row in cells(page, "#invalid")] == ["class/broken-1.json",
                                                          "class/broken-2.json"]
    assert page.text_content("#identical") == "class/learner-0001.json, class/learner-0002.json"


def test_learners_sort_by_score_and_link_to_their_feedback(
    report: tuple[Page, list[str]],
) -> None:
    page, _ = report
    page.get_by_role("button", name="score", exact=True).click()
    scores = [float(row[1]) for row in cells(page, "#learners")]
    assert scores == sorted(scores)
    assert page.get_attribute("#learners th:nth-child(2)", "aria-sort") == "ascending"
    page.get_by_role("button", name="score", exact=True).click()
    assert [float(row[1]) for row in cells(page, "#learners")] == sorted(scores, reverse=True)
    top = max(VALID, key=lambda item: item["score"])
    name = page.eval_on_selector("#learners tbody tr a", "a => a.textContent")
    assert float(cells(page, "#learners")[0][1]) == top["score"]
    page.click("#learners tbody tr a")
    target = page.url.rsplit("#", 1)[1]
    assert page.text_content(f"#{target} h3") == name
    assert page.is_visible(f"#{target}")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_serious(report: tuple[Page, list[str]], scheme: Any) -> None:
    page, _ = report
    page.emulate_media(color_scheme=scheme)
    assert axe_violations(page) == []
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == ("rgb(255, 255, 255)" if scheme == "light" else "rgb(22, 22, 28)")
