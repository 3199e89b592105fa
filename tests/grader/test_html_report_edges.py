"""grader.reports.html: every number, label and row of a class report worked out by hand.

The run has two valid learners, one invalid file and one quiz of two questions.
The page is read back with the standard library's HTML parser, as text per element, so the
checks are about what an instructor reads, not about how the markup is spelled.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from grader.reports import write_html
from grader.reports.html import render_html

ANN = {
    "file": "class/ann.json", "learner": {"name": "Ann", "email": ""}, "valid": True,
    "error": None, "score": 2.0, "max_score": 2.0,
    "exercises": {"e1": {"status": "passed", "score": 1.0, "max_score": 1.0,
                         "feedback": ["Right."]},
                  "e2": {"status": "passed", "score": 1.0, "max_score": 1.0,
                         "feedback": ["Right."]}},
    "quizzes": {"qz": {"score": 1, "max_score": 2, "questions": {
        "q1": {"correct": True}, "q2": {"correct": False}}}},
}
BEN = {  # no name: the report shows the file's name; no result for e2
    "file": "class/ben.json", "learner": {"name": "", "email": ""}, "valid": True,
    "error": None, "score": 0.0, "max_score": 2.0,
    "exercises": {"e1": {"status": "failed", "score": 0.0, "max_score": 1.0,
                         "feedback": ["w is off by 3.", "Look again."]}},
    "quizzes": {"qz": {"score": 1, "max_score": 2, "questions": {
        "q1": {"correct": False}, "q2": {"correct": True}}}},
}
CAT = {"file": "class/cat.json", "learner": {"name": "", "email": ""}, "valid": False,
       "error": "not valid JSON", "score": 0, "max_score": 2.0, "exercises": {}, "quizzes": {}}
RUN: dict[str, Any] = {
    "seed": 7, "exercises": ["e1", "e2"], "quizzes": ["qz"], "submissions": [ANN, BEN, CAT],
    "identical": [["class/ann.json", "class/ben.json"]],
    "assignment": {"id": "w2", "title": "Week 2", "due": "Friday"},
}
TITLES = {"e1": "First", "e2": "Second"}


VOID = ("br", "meta", "line", "rect")
CONTAINERS = ("body", "main", "section", "table", "thead", "tbody", "tr", "dl", "ol", "ul",
              "svg")


class Page(HTMLParser):
    """Collect each element's text: headings, captions, paragraphs, list items, table rows."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.open: list[tuple[str, dict[str, str | None], list[str]]] = []
        self.texts: list[tuple[str, str]] = []  # (tag, text) of h1-h3, caption, p, li, dt, dd
        self.tables: dict[str, list[list[str]]] = {}  # id -> rows of cell texts (head too)
        self.cells: dict[str, list[dict[str, str | None]]] = {}  # id -> every cell's attributes
        self.ids: set[str] = set()
        self.labelled: list[str] = []
        self.links: list[str] = []
        self.stray: list[str] = []
        self._table: str | None = None
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        if found.get("href"):
            self.links.append(str(found["href"]))
        if found.get("aria-labelledby"):
            self.labelled.append(str(found["aria-labelledby"]))
        if tag == "table":
            self._table = str(found.get("id"))
            self.tables[self._table], self.cells[self._table] = [], []
        if tag == "tr" and self._table:
            self.tables[self._table].append([])
        if tag in ("td", "th") and self._table:
            self.cells[self._table].append(found)
        if tag == "br" and self.open:
            self.open[-1][2].append(" ")
        if tag in VOID:
            return
        self.open.append((tag, found, []))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        while self.open:
            name, _, parts = self.open.pop()
            text = " ".join("".join(parts).split())
            if self.open:
                self.open[-1][2].append("".join(parts))
            if name in ("h1", "h2", "h3", "caption", "p", "li", "dt", "dd", "figcaption", "ol"):
                self.texts.append((name, text))
            if name in ("td", "th") and self._table:
                self.tables[self._table][-1].append(text)
            if name == "table":
                self._table = None
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1][0] in CONTAINERS and data.strip():
            self.stray.append(data)  # text outside any cell, term or item
        if self.open and self.open[-1][0] not in ("style", "script", "title", "text"):
            self.open[-1][2].append(data)

    def all(self, tag: str) -> list[str]:
        return [text for name, text in self.texts if name == tag]


@pytest.fixture
def page() -> Page:
    """The report of RUN, rendered in the test itself (so mutation tests see every change)."""
    return Page(render_html(RUN, TITLES))


def test_the_title_seed_and_due_date(page: Page) -> None:
    assert page.all("h1") == ["Class report: Week 2"]
    assert "Variant seed 7. Due: Friday." in page.all("p")
    bare = Page(render_html({k: v for k, v in RUN.items() if k != "assignment"}, TITLES))
    assert bare.all("h1") == ["Class report: all exercises"]
    assert "Variant seed 7." in bare.all("p")


def test_the_score_summary_and_its_table(page: Page) -> None:
    numbers = dict(zip(page.all("dt"), page.all("dd"), strict=True))
    assert numbers == {"files": "3", "valid": "2", "invalid": "1", "mean": "50.0%",
                       "median": "50.0%", "standard deviation": "50.0%", "lowest": "0.0%",
                       "highest": "100.0%"}
    assert page.tables["histogram"] == [["band", "learners"]] + [
        [f"{low}–{low + 10}%", "1" if low in (0, 90) else "0"] for low in range(0, 100, 10)]
    assert "Scores of the 2 valid submissions, as a percentage of the maximum." in page.all(
        "figcaption")


def test_the_exercise_table_counts_each_outcome_and_the_pass_rate(page: Page) -> None:
    assert page.tables["exercises"] == [
        ["exercise", "pass rate", "passed", "failed", "error", "timeout", "missing"],
        ["e1 First", "50%", "1", "1", "0", "0", "0"],
        ["e2 Second", "100%", "1", "0", "0", "0", "0"],
    ]
    rates = [cell.get("data-rate") for cell in page.cells["exercises"] if "data-rate" in cell]
    assert rates == ["0.5", "1.0"]
    html = render_html(RUN, TITLES)  # each rate's bar: as many of 100 units as the percent
    assert '<rect class="bar" x="0" y="0" width="50" height="10"/>' in html
    assert '<rect class="bar" x="0" y="0" width="100" height="10"/>' in html
    # e1's feedback to the learner who failed, each message once with its count
    assert "1× w is off by 3." in page.all("li")
    assert "1× Look again." in page.all("li")
    assert "e1" in page.all("h3")


def test_the_question_table_has_difficulty_discrimination_and_flags(page: Page) -> None:
    # rest scores: Ann 2 + 1 quiz point, Ben 0 + 1, each minus the question itself
    assert page.tables["questions"] == [
        ["quiz", "question", "learners", "right", "difficulty", "discrimination", "flags"],
        ["qz", "q1", "2", "1", "50%", "1.00", ""],
        ["qz", "q2", "2", "1", "50%", "-1.00", "negative discrimination"],
    ]
    difficulty = [c.get("data-difficulty") for c in page.cells["questions"]
                  if "data-difficulty" in c]
    assert difficulty == ["0.5", "0.5"]


def test_a_run_without_quizzes_has_no_question_section() -> None:
    bare = {**RUN, "quizzes": [], "submissions": [
        {key: value for key, value in item.items() if key != "quizzes"}
        for item in RUN["submissions"]]}
    page = Page(render_html(bare, TITLES))
    assert "questions" not in page.tables
    assert "Quiz questions" not in page.all("h2")
    assert not [item for item in page.all("li") if item.startswith("quiz ")]
    assert page.stray == []
    assert "e1: passed. Right." in page.all("li")


def test_the_files_to_look_at(page: Page) -> None:
    assert page.tables["invalid"] == [["file", "why"], ["class/cat.json", "not valid JSON"]]
    assert "Invalid files (1)" in page.all("caption")
    assert "Identical submissions (1 groups)" in page.all("h3")
    assert "class/ann.json, class/ben.json" in page.all("li")


def test_the_learner_table_and_each_learners_feedback(page: Page) -> None:
    assert page.tables["learners"] == [
        ["learner", "score", "percent", "e1", "e2"],
        ["Ann", "2", "100%", "passed", "passed"],
        ["ben.json", "0", "0%", "failed", "–"],
        ["cat.json", "0", "0%", "–", "–"],
    ]
    sorts = [cell.get("data-sort") for cell in page.cells["learners"] if "data-sort" in cell]
    assert sorts == ["Ann", "2.0", "100.0", "ben.json", "0.0", "0.0", "cat.json", "0", "0.0"]
    assert "e1: passed. Right." in page.all("li")
    assert "quiz qz: 1 of 2" in page.all("li")
    assert "e1: failed. w is off by 3. Look again." in page.all("li")
    assert "Score 2 of 2." in page.all("p")
    assert "Score 0 of 2." in page.all("p")
    assert "Invalid file: not valid JSON" in page.all("p")
    assert "class/cat.json" in page.all("p")
    assert [h for h in page.all("h3") if h in ("Ann", "ben.json", "cat.json")] == [
        "Ann", "ben.json", "cat.json"]


def test_every_section_is_labelled_by_a_heading_that_exists(page: Page) -> None:
    assert page.labelled
    assert set(page.labelled) <= page.ids
    assert page.all("h2") == ["Scores", "Exercises", "Most common feedback", "Quiz questions",
                              "Files to look at", "Learners", "Feedback per learner"]


def test_the_written_file_is_the_rendered_page(tmp_path: Path) -> None:
    write_html(RUN, tmp_path / "c.html", TITLES)
    assert (tmp_path / "c.html").read_bytes().decode("utf-8") == render_html(RUN, TITLES)


def test_no_text_stands_outside_a_cell_an_item_or_a_term(page: Page) -> None:
    assert page.stray == []
    assert page.all("ol") == ["1× w is off by 3.1× Look again."]  # two items, nothing between


def test_an_exercise_nobody_did_and_one_without_a_title() -> None:
    run = {**RUN, "exercises": ["e1", "e3"]}
    page = Page(render_html(run, {}))
    assert page.tables["exercises"][1:] == [["e1", "50%", "1", "1", "0", "0", "0"],
                                            ["e3", "–", "0", "0", "0", "0", "0"]]
    rates = [cell.get("data-rate") for cell in page.cells["exercises"] if "data-rate" in cell]
    assert rates == ["0.5", "None"]
    assert '<rect class="bar" x="0" y="0" width="0" height="10"/>' in render_html(run, {})


def test_every_caption_and_explanation_an_instructor_reads(page: Page) -> None:
    assert page.all("caption") == [
        "Learners per score band", "Pass rate and outcomes per exercise",
        "Difficulty and discrimination per question", "Invalid files (1)",
        "One row per file; sort by a column with its button"]
    paragraphs = page.all("p")
    assert ("What the learners who did not pass were told, grouped where only numbers differ, "
            "with how many learners got each message.") in paragraphs
    assert ("Difficulty is the share of learners who answered right (flagged above 90% or "
            "below 30%); discrimination is the point-biserial correlation between answering "
            "right and the rest of the learner's score (flagged when negative: strong learners "
            "missed it more than weak ones).") in paragraphs


def test_each_learner_links_to_their_own_section_numbered_from_one(page: Page) -> None:
    learners = [link for link in page.links if link.startswith("#learner-")]
    assert learners == ["#learner-1", "#learner-2", "#learner-3"]
    assert all(link[1:] in page.ids for link in learners)
    assert {"learner-1-name", "learner-2-name", "learner-3-name"} <= page.ids


def learner(name: str, score: float, q1: bool, q2: bool) -> dict[str, Any]:
    return {"file": f"c/{name}.json", "learner": {"name": name, "email": ""}, "valid": True,
            "error": None, "score": score, "max_score": 2.0,
            "exercises": {"e": {"status": "passed" if score else "failed", "score": score,
                                "max_score": 2.0, "feedback": []}},
            "quizzes": {"qz": {"score": int(q1) + int(q2), "max_score": 2, "questions": {
                "q1": {"correct": q1}, "q2": {"correct": q2}}}}}


def test_a_question_with_two_flags_and_one_without_a_correlation() -> None:
    # q1: only the weakest learner is right (too hard, negative); q2: nobody is (no correlation)
    run = {"seed": 1, "exercises": ["e"], "quizzes": ["qz"], "identical": [], "submissions": [
        learner("a", 2.0, False, False), learner("b", 2.0, False, False),
        learner("c", 2.0, False, False), learner("d", 0.0, True, False)]}
    page = Page(render_html(run, {}))
    assert page.tables["questions"][1:] == [
        ["qz", "q1", "4", "1", "25%", "-1.00", "too hard, negative discrimination"],
        ["qz", "q2", "4", "0", "0%", "–", "too hard"]]
    numeric = [cell.get("class") for cell in page.cells["questions"][:7]]
    assert numeric == [None, None, "num", "num", "num", "num", None]
    assert page.stray == []


def test_several_invalid_files_and_identical_groups_are_each_listed() -> None:
    broken = {**CAT, "file": "class/dan.json", "error": "no schema"}
    run = {**RUN, "submissions": [ANN, BEN, CAT, broken],
           "identical": [["class/ann.json", "class/ben.json"], ["x.json", "y.json"]]}
    page = Page(render_html(run, TITLES))
    assert page.tables["invalid"][1:] == [["class/cat.json", "not valid JSON"],
                                          ["class/dan.json", "no schema"]]
    assert "x.json, y.json" in page.all("li")
    assert page.stray == []


def test_the_page_carries_its_own_styles_and_script() -> None:
    folder = Path(__file__).resolve().parents[2] / "grader" / "reports"
    page = render_html(RUN, TITLES)
    css = (folder / "class_report.css").read_text(encoding="utf-8")
    script = (folder / "class_report.js").read_text(encoding="utf-8")
    assert f"<style>{css}</style>" in page
    assert f"<script>{script}</script>" in page


def test_the_common_feedback_of_two_exercises_stands_in_two_lists() -> None:
    ben = {**BEN, "exercises": {**BEN["exercises"], "e2": {
        "status": "error", "score": 0.0, "max_score": 1.0, "feedback": ["Raised."]}}}
    page = Page(render_html({**RUN, "submissions": [ANN, ben, CAT]}, TITLES))
    assert page.all("ol") == ["1× w is off by 3.1× Look again.", "1× Raised."]
    assert page.stray == []
