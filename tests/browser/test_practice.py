"""Graded practice in the browser: Check, hints, solution, saved state, export, parity.

Parity: the offline grader gives the same statuses and feedback for the same work and seed.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from exercises import EXERCISES
from tests.browser.blocks import editor_value
from tests.browser.conftest import Site
from tests.conftest import PROJECT_ROOT

PRACTICE = "linear-regression/practice/"
SCHEMA = "linear-models-course/submission/v1"
SEED = 20261122
_EXERCISE_FENCE = re.compile(r'^```exercise id="([^"]+)"', re.MULTILINE)


def practice_pages() -> dict[str, list[str]]:
    """Site path of each practice page -> the exercise ids it shows, from the Markdown."""
    pages = {}
    for source in sorted((PROJECT_ROOT / "docs").glob("*/practice.md")):
        ids = _EXERCISE_FENCE.findall(source.read_text(encoding="utf-8"))
        pages[f"{source.parent.name}/practice/"] = ids
    return pages


def exercise(page: Page, exercise_id: str):
    locator = page.locator(f'div.exercise[data-exercise-id="{exercise_id}"]')
    locator.and_(page.locator('[data-bound="true"]')).wait_for()
    return locator


def enter_work(page: Page, exercise_id: str, work: dict[str, Any]) -> None:
    target = exercise(page, exercise_id)
    if "code" in work:
        editor_value(target, work["code"])
    else:
        target.get_by_label("Your answer").fill(str(work["answer"]))


def check(page: Page, exercise_id: str) -> str:
    target = exercise(page, exercise_id)
    target.get_by_role("button", name="Check").click()
    expect(target).not_to_have_attribute("data-check-state", "checking")
    expect(target).not_to_have_attribute("data-check-state", "idle")
    return target.get_attribute("data-check-state")


def reference_work(exercise_id: str) -> dict[str, Any]:
    found = EXERCISES[exercise_id]
    return {"answer": found.answer} if found.kind == "answer" else {"code": found.solution}


def starter_work(exercise_id: str) -> dict[str, Any]:
    found = EXERCISES[exercise_id]
    return {"answer": None} if found.kind == "answer" else {"code": found.starter}


@pytest.fixture
def practice(page: Page, site: Site) -> Page:
    page.goto(site.page_url(PRACTICE))
    return page


@pytest.mark.parametrize("path", list(practice_pages()))
def test_every_reference_passes_and_every_starter_fails_on_the_page(
    page: Page, site: Site, path: str
) -> None:
    page.goto(site.page_url(path))
    for exercise_id in practice_pages()[path]:
        enter_work(page, exercise_id, reference_work(exercise_id))
        assert check(page, exercise_id) == "passed", exercise_id
        expect(exercise(page, exercise_id).locator(".exercise__feedback")).to_contain_text("Passed")
        if EXERCISES[exercise_id].kind == "code":
            exercise(page, exercise_id).get_by_role("button", name="Reset").click()
        else:
            exercise(page, exercise_id).get_by_label("Your answer").fill("")
        assert check(page, exercise_id) != "passed", exercise_id


def test_every_exercise_is_on_a_practice_page() -> None:
    shown = [exercise_id for ids in practice_pages().values() for exercise_id in ids]
    assert sorted(shown) == sorted(EXERCISES)


def test_hints_come_one_at_a_time_and_the_solution_after_a_first_check(practice: Page) -> None:
    target = exercise(practice, "lr-divergence")
    solution = target.get_by_role("button", name="Show solution")
    expect(solution).to_be_disabled()
    hint = target.get_by_role("button", name="Show hint")
    hint.click()
    expect(target.locator(".exercise__hints li")).to_have_count(1)
    hint.click()
    expect(target.locator(".exercise__hints li")).to_have_count(2)
    check(practice, "lr-divergence")
    expect(solution).to_be_enabled()
    solution.click()
    expect(target.locator(".exercise__solution-code")).to_contain_text("def gradient_descent")


def test_status_attempts_and_code_survive_a_reload(practice: Page) -> None:
    enter_work(practice, "lr-divergence", {"code": "diverges = True\n"})
    assert check(practice, "lr-divergence") == "failed"
    enter_work(practice, "predict-x6", {"answer": 220})
    assert check(practice, "predict-x6") == "passed"
    practice.reload()
    expect(exercise(practice, "predict-x6")).to_have_attribute("data-check-state", "passed")
    expect(exercise(practice, "predict-x6").get_by_label("Your answer")).to_have_value("220")
    lr = exercise(practice, "lr-divergence")
    expect(lr).to_have_attribute("data-check-state", "failed")
    expect(lr.locator(".exercise__attempts")).to_have_text("Attempts so far: 1.")
    assert editor_value(lr) == "diverges = True\n"


def download_work(page: Page, tmp_path: Path) -> Path:
    page.get_by_label("Name").fill("Ada Learner")
    page.get_by_label("Name").press("Tab")
    page.get_by_label("Email").fill("ada@example.org")
    page.get_by_label("Email").press("Tab")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download my work").click()
    path = tmp_path / "work.json"
    download.value.save_as(path)
    return path


def grade_offline(paths: list[Path], tmp_path: Path) -> dict[str, Any]:
    out = tmp_path / "grades.json"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "grader",
            "grade",
            *map(str, paths),
            "--seed",
            str(SEED),
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(out.read_text())


def test_downloaded_work_is_graded_offline_with_the_pages_verdicts(
    practice: Page, tmp_path: Path
) -> None:
    verdicts = {}
    for exercise_id in ["predict-x6", "duplicate-columns", "lr-divergence"]:
        work = (
            reference_work(exercise_id)
            if exercise_id != "lr-divergence"
            else starter_work(exercise_id)
        )
        enter_work(practice, exercise_id, work)
        verdicts[exercise_id] = check(practice, exercise_id)
    path = download_work(practice, tmp_path)
    submission = json.loads(path.read_text())
    assert submission["schema"] == SCHEMA
    assert submission["learner"] == {"name": "Ada Learner", "email": "ada@example.org"}
    assert submission["exercises"]["predict-x6"] == {"answer": 220}
    graded = grade_offline([path], tmp_path)["submissions"][0]
    assert graded["valid"] is True
    for exercise_id, status in verdicts.items():
        assert graded["exercises"][exercise_id]["status"] == status, exercise_id


def test_load_work_restores_it_on_another_device(practice: Page, tmp_path: Path) -> None:
    enter_work(practice, "duplicate-columns", {"code": "X_bad = None  # my attempt\n"})
    enter_work(practice, "predict-x6", {"answer": 219.8})
    path = download_work(practice, tmp_path)
    practice.evaluate("localStorage.clear()")  # the other device starts with nothing
    practice.reload()
    expect(exercise(practice, "predict-x6").get_by_label("Your answer")).to_have_value("")
    with practice.expect_event("load"):
        practice.locator("#course-work-file").set_input_files(str(path))
    expect(exercise(practice, "predict-x6").get_by_label("Your answer")).to_have_value("219.8")
    code = exercise(practice, "duplicate-columns")
    assert editor_value(code) == "X_bad = None  # my attempt\n"
    expect(practice.get_by_label("Name")).to_have_value("Ada Learner")


def test_loading_a_broken_file_says_why_and_changes_nothing(practice: Page, tmp_path: Path) -> None:
    enter_work(practice, "predict-x6", {"answer": 220})
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema": "something-else"}')
    practice.locator("#course-work-file").set_input_files(str(broken))
    expect(practice.locator(".course-work__message")).to_contain_text("not a course work file")
    expect(exercise(practice, "predict-x6").get_by_label("Your answer")).to_have_value("220")


# Work whose verdict must be identical in both hosts: references, starters, and typical mistakes.
MISTAKES: list[tuple[str, dict[str, Any]]] = [
    ("predict-x6", {"answer": 200}),
    ("predict-x6", {"answer": True}),
    ("predict-x6", {"answer": "about 220"}),
    (
        "lr-divergence",
        {
            "code": "import numpy as np\ndef gradient_descent(X, y, lr, steps):\n"
            "    return np.zeros(2), [26402.8, 349474.8, 4852473.8, 67584328.5, 941482657.6]\n"
            "diverges = True\n"
        },
    ),
    (
        "duplicate-columns",
        {
            "code": "import numpy as np\nx = np.arange(1.0, 6.0)\n"
            "X_bad = np.c_[np.ones(5), x, 2 * x]\nnormal_equation_singular = True\n"
            "rank = 2\nw_lstsq = np.array([100.0, 20.0, 0.0])\n"
        },
    ),
    (
        "duplicate-columns",
        {
            "code": "import numpy as np\nx = np.arange(1.0, 6.0)\n"
            "X_bad = np.c_[np.ones(5), x, 2 * x]\n"
            "gram = X_bad.T @ X_bad\nw = np.linalg.solve(gram, X_bad.T @ np.ones(5))\n"
        },
    ),
]


def parity_corpus() -> list[tuple[str, dict[str, Any]]]:
    corpus = [(exercise_id, reference_work(exercise_id)) for exercise_id in EXERCISES]
    corpus += [(exercise_id, starter_work(exercise_id)) for exercise_id in EXERCISES]
    return corpus + MISTAKES


def test_browser_and_offline_graders_give_the_same_status_and_feedback(
    practice: Page, tmp_path: Path
) -> None:
    corpus = parity_corpus()
    in_browser = practice.evaluate(
        """async ([corpus, seed, courseUrl]) => {
            const { python, coursePackage } = await import(courseUrl);
            const reports = [];
            for (const [exercise_id, work] of corpus) {
                reports.push(await python.call("grader", "check_in_process",
                    { exercise_id, work, seed }, [coursePackage()]));
            }
            return reports;
        }""",
        [corpus, SEED, practice.url.split("linear-regression/")[0] + "assets/course/js/course.js"],
    )
    paths = []
    for index, (exercise_id, work) in enumerate(corpus):
        path = tmp_path / f"submission-{index:02d}.json"
        path.write_text(
            json.dumps(
                {
                    "schema": SCHEMA,
                    "course": {"version": "test"},
                    "learner": {"name": f"Learner {index}", "email": f"l{index}@example.org"},
                    "exported_at": "2026-11-22T10:00:00Z",
                    "exercises": {exercise_id: work},
                    "quizzes": {},
                }
            )
        )
        paths.append(path)
    offline = grade_offline(paths, tmp_path)["submissions"]
    by_file = {Path(entry["file"]).name: entry for entry in offline}
    for index, ((exercise_id, _), browser_report) in enumerate(
        zip(corpus, in_browser, strict=True)
    ):
        offline_report = by_file[f"submission-{index:02d}.json"]["exercises"][exercise_id]
        assert browser_report["status"] == offline_report["status"], (exercise_id, index)
        assert browser_report["feedback"] == offline_report["feedback"], (exercise_id, index)


def test_a_check_that_never_ends_times_out_with_the_offline_graders_words(
    practice: Page, tmp_path: Path
) -> None:
    from grader.grading import DEFAULT_TIMEOUT, timeout_feedback

    enter_work(practice, "first-gradient-step", {"code": "while True:\n    pass\n"})
    assert check(practice, "first-gradient-step") == "timeout"
    feedback = exercise(practice, "first-gradient-step").locator(".exercise__feedback-list li")
    expect(feedback).to_have_text(timeout_feedback(DEFAULT_TIMEOUT))
    enter_work(practice, "predict-x6", {"answer": 220})
    assert check(practice, "predict-x6") == "passed"  # Python still answers after the stop
