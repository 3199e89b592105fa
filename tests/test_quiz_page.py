"""The quiz fence and the course map, as the build writes them (no browser needed)."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from exercises import EXERCISES, QUIZZES
from tests.conftest import PROJECT_ROOT, build_site
from tests.support.site_html import block_data
from tests.test_site_build import write_site

_QUIZ_FENCE = re.compile(r'^```quiz id="([^"]+)"', re.MULTILINE)


def quiz_pages() -> dict[str, str]:
    """Quiz id -> the site folder of the page that shows it, read from the Markdown."""
    pages = {}
    for source in sorted((PROJECT_ROOT / "docs").glob("*/quiz.md")):
        for quiz_id in _QUIZ_FENCE.findall(source.read_text(encoding="utf-8")):
            pages[quiz_id] = f"{source.parent.name}/quiz"
    return pages


EVERY_QUIZ = pytest.mark.parametrize("quiz_id", list(QUIZZES))


class _Form(HTMLParser):
    """Collect the quiz's fieldsets, legends, inputs and labels."""

    def __init__(self) -> None:
        super().__init__()
        self.fieldsets: list[str] = []
        self.legends = 0
        self.inputs: list[dict[str, str | None]] = []
        self.labels: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "fieldset" and "quiz__question" in (found.get("class") or ""):
            self.fieldsets.append(found.get("data-question-id") or "")
        elif tag == "legend":
            self.legends += 1
        elif tag == "input":
            self.inputs.append(found)
        elif tag == "label" and found.get("for"):
            self.labels.add(found["for"] or "")


def quiz_html(built_site: Path, quiz_id: str = "linear-regression") -> str:
    page = built_site / quiz_pages()[quiz_id] / "index.html"
    text = page.read_text(encoding="utf-8")
    return text[text.index(f'<div class="quiz" data-quiz-id="{quiz_id}"'):]


def test_every_quiz_has_a_page() -> None:
    assert sorted(quiz_pages()) == sorted(QUIZZES)


@EVERY_QUIZ
def test_each_question_is_a_fieldset_with_a_legend_and_labelled_inputs(
    built_site: Path, quiz_id: str
) -> None:
    quiz = QUIZZES[quiz_id]
    form = _Form()
    form.feed(quiz_html(built_site, quiz_id))
    assert form.fieldsets == [question.id for question in quiz.questions]
    assert form.legends == len(quiz.questions)
    assert form.inputs
    for found in form.inputs:
        assert found["id"] in form.labels, found


@EVERY_QUIZ
def test_the_page_carries_no_answer_and_no_explanation(built_site: Path, quiz_id: str) -> None:
    quiz = QUIZZES[quiz_id]
    text = html.unescape(quiz_html(built_site, quiz_id))
    for question in quiz.questions:
        assert question.explanation not in text
        assert all(choice.why not in text for choice in question.choices)
        if question.kind == "output":
            assert question.output.strip() not in text.replace(question.code, "")
    data = json.loads(re.search(r'class="quiz__data">(.*?)</script>', text, re.DOTALL)[1])
    assert [q["id"] for q in data["questions"]] == [q.id for q in quiz.questions]
    assert "correct" not in json.dumps(data)


def test_the_course_map_lists_each_chapters_pages_blocks_exercises_and_quiz(
    built_site: Path,
) -> None:
    course_map = json.loads((built_site / "assets/course/course-map.json").read_text())
    [chapter] = [c for c in course_map["chapters"] if c["title"] == "Linear regression"]
    urls = [page["url"] for page in chapter["pages"]]
    assert urls[0] == "linear-regression/"
    assert "linear-regression/quiz/" in urls
    practice = (PROJECT_ROOT / "docs/linear-regression/practice.md").read_text(encoding="utf-8")
    assert chapter["exercises"] == re.findall(r'^```exercise id="([^"]+)"', practice, re.MULTILINE)
    assert set(chapter["exercises"]) <= set(EXERCISES)
    assert chapter["quizzes"] == ["linear-regression"]
    for page in chapter["pages"]:
        on_page = block_data(built_site / page["url"] / "index.html")
        assert page["blocks"] == [i for i, data in on_page.items() if not data["buildOnly"]]


def test_an_unknown_quiz_fails_the_build(tmp_path: Path) -> None:
    config = write_site(tmp_path, '# T\n\n```quiz id="no-such-quiz"\n```\n')
    result = build_site(tmp_path / "site", config)
    assert result.returncode != 0
    assert "no quiz with id 'no-such-quiz'" in result.stderr


def test_the_course_map_counts_chapter_twos_exercises_and_quiz(built_site: Path) -> None:
    course_map = json.loads((built_site / "assets/course/course-map.json").read_text())
    [chapter] = [c for c in course_map["chapters"] if c["title"] == "Generalized linear models"]
    urls = [page["url"] for page in chapter["pages"]]
    assert urls[-2:] == ["glm/practice/", "glm/quiz/"]
    practice = (PROJECT_ROOT / "docs/glm/practice.md").read_text(encoding="utf-8")
    assert chapter["exercises"] == re.findall(r'^```exercise id="([^"]+)"', practice, re.MULTILINE)
    assert chapter["quizzes"] == ["glm"]
