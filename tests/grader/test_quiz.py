"""grader.quiz: the key, the page's view, scoring, validation, and quizzes in offline grading."""

from __future__ import annotations

import contextlib
import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from exercises import QUIZZES
from grader import Choice, Question, Quiz, quiz_catalog, quiz_view, score_quiz
from grader import quiz as quiz_module
from grader.cli import main
from grader.quiz import choice_order, mix32
from grader.quiz_judge import output_tokens
from grader.reports.gradescope import gradescope_result
from grader.titles import titles
from tests.grader.conftest import submission_data
from tests.support.quiz_answers import right_answer as right

QUIZ_ID = "linear-regression"
QUIZ = QUIZZES[QUIZ_ID]



def wrong(question: Question) -> Any:
    if question.kind in ("single", "multiple"):
        first_wrong = next(c.id for c in question.choices if not c.correct)
        return first_wrong if question.kind == "single" else [first_wrong]
    if question.kind == "number":
        assert question.answer is not None
        return question.answer + 10 * question.tolerance + 3
    return "no idea"


def answers_with(count: int, quiz_id: str = QUIZ_ID) -> dict[str, Any]:
    questions = QUIZZES[quiz_id].questions
    return {q.id: right(q) if n < count else wrong(q) for n, q in enumerate(questions)}


# Every chapter's quiz meets the same standard: the tests up to the shuffle run on each of them.
EVERY_QUIZ = pytest.mark.parametrize("quiz_id", list(QUIZZES))


@EVERY_QUIZ
def test_the_chapter_quiz_has_ten_or_more_questions_of_every_kind(quiz_id: str) -> None:
    quiz = QUIZZES[quiz_id]
    assert len(quiz.questions) >= 10
    kinds = [question.kind for question in quiz.questions]
    assert set(kinds) == {"single", "multiple", "number", "output"}
    assert all(kinds.count(kind) >= 2 for kind in set(kinds))
    for question in quiz.questions:
        assert len(question.explanation) > 150, question.id
        assert all(choice.why for choice in question.choices), question.id


@EVERY_QUIZ
def test_the_key_scores_full_marks(quiz_id: str) -> None:
    size = len(QUIZZES[quiz_id].questions)
    result = score_quiz(quiz_id, answers_with(size, quiz_id))
    assert (result["score"], result["max_score"], result["percent"]) == (size, size, 100.0)
    assert result["passed"] is True
    assert result["notes"] == []
    assert all(found["feedback"] == [] for found in result["questions"].values())


@pytest.mark.parametrize(
    ("quiz_id", "count"),
    [(quiz_id, count) for quiz_id, quiz in QUIZZES.items()
     for count in range(len(quiz.questions) + 1)],
)
def test_the_quiz_passes_strictly_above_75_percent(quiz_id: str, count: int) -> None:
    size = len(QUIZZES[quiz_id].questions)
    result = score_quiz(quiz_id, answers_with(count, quiz_id))
    assert result["score"] == count
    assert result["percent"] == round(100 * count / size, 2)
    assert result["passed"] is (count / size > 0.75)


@EVERY_QUIZ
def test_every_question_explains_itself_whether_right_or_wrong(quiz_id: str) -> None:
    by_id = {question.id: question for question in QUIZZES[quiz_id].questions}
    for answers in (answers_with(len(by_id), quiz_id), answers_with(0, quiz_id), {}):
        for question_id, found in score_quiz(quiz_id, answers)["questions"].items():
            assert found["explanation"] == by_id[question_id].explanation
            assert found["expected"]


@pytest.mark.parametrize(
    ("quiz_id", "question_id"),
    [(quiz.id, q.id) for quiz in QUIZZES.values() for q in quiz.questions if q.kind == "output"],
)
def test_each_snippet_prints_what_its_key_says(quiz_id: str, question_id: str) -> None:
    [question] = [q for q in QUIZZES[quiz_id].questions if q.id == question_id]
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(question.code, question_id, "exec"), {})
    assert printed.getvalue() == question.output
    assert score_quiz(quiz_id, {question_id: printed.getvalue()})["score"] == 1


@EVERY_QUIZ
def test_the_view_shuffles_choices_per_seed_and_hides_the_key(quiz_id: str) -> None:
    quiz = QUIZZES[quiz_id]
    views = [quiz_view(quiz_id, seed) for seed in range(12)]
    orders = {tuple(c["id"] for c in view["questions"][1]["choices"]) for view in views}
    assert len(orders) > 3
    for view in views:
        for item, question in zip(view["questions"], quiz.questions, strict=True):
            assert sorted(c["id"] for c in item.get("choices", [])) == sorted(
                c.id for c in question.choices
            )
        text = json.dumps(view)
        for question in quiz.questions:
            assert question.explanation not in text
            assert all(choice.why not in text for choice in question.choices)
        assert '"correct"' not in text
        for item in view["questions"]:
            assert set(item) <= {"id", "kind", "prompt", "choices", "unit", "tolerance", "code"}
    assert quiz_view(quiz_id, 5) == quiz_view(quiz_id, 5)


# Small quizzes built here, so a score can land exactly on the pass mark (ten questions cannot
# reach 75%): 3 of 4 and 6 of 8 are exactly 75%, 1 of 2 is exactly 50%.


def small_quiz(quiz_id: str, size: int, pass_percent: float = 75.0) -> Quiz:
    questions = tuple(
        Question(f"n{n}", "number", "?", "e", answer=float(n), tolerance=0.5) for n in range(size)
    )
    return Quiz(quiz_id, f"{size} questions", questions, pass_percent=pass_percent)


@pytest.fixture
def small_quizzes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Register three small quizzes beside the course's, for the length of one test."""
    registered = quiz_module.registry()
    for quiz in (small_quiz("four", 4), small_quiz("eight", 8), small_quiz("three", 3),
                 small_quiz("two-at-half", 2, pass_percent=50.0),
                 small_quiz("three-at-half", 3, pass_percent=50.0)):
        monkeypatch.setitem(registered, quiz.id, quiz)


def first_right(quiz_id: str, count: int) -> dict[str, float]:
    questions = quiz_module.get_quiz(quiz_id).questions
    return {q.id: float(n) if n < count else n + 5.0 for n, q in enumerate(questions)}


@pytest.mark.usefixtures("small_quizzes")
@pytest.mark.parametrize(
    ("quiz_id", "count", "percent", "passed"),
    [
        ("four", 0, 0.0, False), ("four", 2, 50.0, False), ("four", 3, 75.0, False),
        ("four", 4, 100.0, True),
        ("eight", 6, 75.0, False), ("eight", 7, 87.5, True),
        ("three", 1, 33.33, False), ("three", 2, 66.67, False), ("three", 3, 100.0, True),
        ("two-at-half", 1, 50.0, False), ("two-at-half", 2, 100.0, True),
        ("three-at-half", 1, 33.33, False), ("three-at-half", 2, 66.67, True),
    ],
    ids=["four-none", "four-half", "four-at-75-fails", "four-all", "eight-at-75-fails",
         "eight-above-75-passes", "three-one-third", "three-two-thirds", "three-all",
         "half-at-its-own-50-fails", "half-all",
         "third-below-its-own-50", "two-thirds-above-its-own-50"],
)
def test_a_score_exactly_at_the_pass_mark_does_not_pass_and_one_more_point_does(
    quiz_id: str, count: int, percent: float, passed: bool
) -> None:
    result = score_quiz(quiz_id, first_right(quiz_id, count))
    size = len(quiz_module.get_quiz(quiz_id).questions)
    assert (result["score"], result["max_score"], result["percent"]) == (count, size, percent)
    assert result["passed"] is passed
    assert result["answered"] == size


@pytest.mark.usefixtures("small_quizzes")
def test_the_view_and_the_catalog_give_each_quizs_own_size_and_pass_mark() -> None:
    view = quiz_view("two-at-half", 3)
    assert (view["quiz"], view["seed"], view["max_score"], view["pass_percent"]) == (
        "two-at-half", 3, 2, 50.0)
    assert view["questions"] == [
        {"id": "n0", "kind": "number", "prompt": "?", "unit": "", "tolerance": 0.5},
        {"id": "n1", "kind": "number", "prompt": "?", "unit": "", "tolerance": 0.5},
    ]
    assert {"id": "two-at-half", "title": "2 questions", "max_score": 2,
            "pass_percent": 50.0} in quiz_catalog()


# A number question's tolerance: the key ± tolerance counts (with 1e-9 of slack for decimal
# input such as 0.1 + 0.2), a hair beyond it does not; a slip is recognised within it.
NUMBER = Question("n", "number", "?", "e", answer=10.0, tolerance=0.5, unit="ms",
                  slips=((20.0, "Twice the answer: did you count both ends?"),))


@pytest.mark.parametrize(
    ("answer", "correct"),
    [(10.5, True), (9.5, True), (10.5 + 5e-10, True), (10.5 + 1e-6, False),
     (9.5 - 1e-6, False), (10, True), (11, False)],
    ids=["upper-edge", "lower-edge", "within-slack", "just-above", "just-below", "int", "int-out"],
)
def test_a_number_answer_counts_up_to_its_tolerance_and_not_beyond(
    answer: float, correct: bool
) -> None:
    found = quiz_module.score_question(NUMBER, answer)
    assert (found["correct"], found["score"], found["max_score"]) == (correct, int(correct), 1)
    if not correct:
        assert found["feedback"][0] == (
            f"You entered {answer:g} ms; answers within 0.5 ms of 10 ms count.")
    assert found["expected"] == "10 ms (within 0.5 ms)"


def test_the_slack_for_decimal_input_is_a_billionth_and_no_more() -> None:
    key = Question("z", "number", "?", "e", answer=0.0, tolerance=0.5)
    assert quiz_module.score_question(key, 0.5 + 1e-9)["correct"] is True
    assert quiz_module.score_question(key, 0.5 + 2e-9)["correct"] is False
    exact = Question("x", "number", "?", "e", answer=0.3, tolerance=0.0)
    assert quiz_module.score_question(exact, 0.1 + 0.2)["correct"] is True
    assert quiz_module.score_question(exact, 0.3 + 2e-9)["correct"] is False


@pytest.mark.parametrize(
    ("answer", "recognised"),
    [(20.0, True), (20.5, True), (19.5, True), (20.5 + 1e-6, False), (30.0, False)],
    ids=["on-the-slip", "upper-edge", "lower-edge", "just-beyond", "far"],
)
def test_a_slip_is_named_within_the_tolerance_of_it(answer: float, recognised: bool) -> None:
    feedback = quiz_module.score_question(NUMBER, answer)["feedback"]
    assert ("Twice the answer: did you count both ends?" in feedback) is recognised
    assert len(feedback) == 1 + recognised


def test_the_shuffle_is_pinned_so_the_page_can_repeat_it() -> None:
    # quiz.js implements the same hash (checked against these values with node, and on the
    # page by the browser tests); a change here must be made there too.
    assert (mix32(""), mix32("abc"), mix32("é€")) == (0xAB3E7C0B, 0x1CC93DBC, 0xABFB09D0)
    assert choice_order(7, "q", ["a", "b", "c", "d"]) == ["c", "d", "a", "b"]
    assert choice_order(7, "q", ["d", "c", "b", "a"]) == ["c", "d", "a", "b"]


@EVERY_QUIZ
def test_scores_do_not_depend_on_the_order_choices_were_shown_or_given(quiz_id: str) -> None:
    size = len(QUIZZES[quiz_id].questions)
    answers = answers_with(size, quiz_id)
    shuffled = {key: list(reversed(value)) if isinstance(value, list) else value
                for key, value in answers.items()}
    repeated = {key: value * 2 if isinstance(value, list) else value
                for key, value in answers.items()}
    assert score_quiz(quiz_id, shuffled)["score"] == size
    assert score_quiz(quiz_id, repeated)["score"] == size


@pytest.mark.parametrize(
    ("question_id", "answer", "correct", "says"),
    [
        ("six-hundred-tokens", 220, True, None),
        ("six-hundred-tokens", 219.0, True, None),
        ("six-hundred-tokens", 221.5, False, "within 1 ms of 220 ms"),
        ("six-hundred-tokens", 12100, False, "x counts hundreds of tokens"),
        ("six-hundred-tokens", True, False, "not true or false"),
        ("six-hundred-tokens", "220", False, "Enter a number, not text"),
        ("six-hundred-tokens", float("nan"), False, "Enter a number"),
        ("six-hundred-tokens", float("inf"), False, "Enter a number"),
        ("six-hundred-tokens", [220], False, "not a list"),
        ("r-squared-from-mse", 0.755, True, None),
        ("r-squared-from-mse", 0.25, False, "one minus that ratio"),
        ("residual-sign", "sooner", True, None),
        ("residual-sign", "later", False, "That would be a residual of +7"),
        ("residual-sign", ["sooner"], False, "not one of the choices"),
        ("residual-sign", "SOONER", False, "not one of the choices"),
        ("residual-sign", 0, False, "not one of the choices"),
        ("solve-and-rank", ["rank-unique"], False, "You left out"),
        ("solve-and-rank", ["rank-unique", "solve-cheaper", "rank-rows"], False, "You selected"),
        ("solve-and-rank", "rank-unique", False, "should be a list"),
        ("solve-and-rank", ["rank-unique", 3], False, "not one of the choices"),
        ("solve-and-rank", ["rank-unique", "made-up"], False, "not one of the choices"),
        ("first-gradient", "[-320, -1040]", True, None),
        ("first-gradient", "-320.0\n-1040", True, None),
        ("first-gradient", "[-320. 1040.]", False, "the snippet prints"),
        ("first-gradient", "[-320. -1040. 0.]", False, "the snippet prints"),
        ("first-gradient", -320, False, "as text"),
        ("first-gradient", "x" * 5000, False, "far longer"),
        ("duplicate-column", "2 [120 140 160 180 200]", True, None),
        ("duplicate-column", "3 [120 140 160 180 200]", False, "the snippet prints"),
    ],
)
def test_answers_are_validated_and_judged(
    question_id: str, answer: Any, correct: bool, says: str | None
) -> None:
    found = score_quiz(QUIZ_ID, {question_id: answer})["questions"][question_id]
    assert found["correct"] is correct
    assert found["answered"] is True
    if says is not None:
        assert says in " ".join(found["feedback"])


@pytest.mark.parametrize("blank", [None, "", "   ", []], ids=["null", "empty", "spaces", "no-list"])
def test_a_blank_answer_is_not_answered(blank: Any) -> None:
    found = score_quiz(QUIZ_ID, {"held-out": blank})["questions"]["held-out"]
    assert (found["correct"], found["answered"], found["feedback"]) == (False, False,
                                                                        ["Not answered."])


def test_unknown_questions_are_ignored_with_a_note() -> None:
    result = score_quiz(QUIZ_ID, {**answers_with(10), "q11": "b", "extra": 1})
    assert result["score"] == 10
    assert result["notes"] == ["Ignored answers to unknown questions: extra, q11."]


@pytest.mark.parametrize("answers", [[], "all of them", 42, None, True])
def test_answers_that_are_not_an_object_score_zero_with_a_note(answers: Any) -> None:
    result = score_quiz(QUIZ_ID, answers)
    assert result["score"] == 0
    assert "nothing could be scored" in result["notes"][0]


ODD_VALUES = [None, True, False, 0, -1, 1e308, "", "∞", "a" * 3000, [], [None], [[]], {},
              {"a": 1}, [1, 2], ["sooner", "sooner"], 10**400]


@EVERY_QUIZ
def test_no_malformed_answer_crashes_the_scorer(quiz_id: str) -> None:
    for value in ODD_VALUES:
        ids = [question.id for question in QUIZZES[quiz_id].questions]
        result = score_quiz(quiz_id, dict.fromkeys(ids, value))
        assert 0 <= result["score"] <= len(ids)
        json.dumps(result)  # plain data, all the way down


def test_an_unknown_quiz_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="linear-regression"):
        score_quiz("no-such-quiz", {})


def test_the_catalog_lists_the_chapter_quiz() -> None:
    assert {"id": QUIZ_ID, "title": QUIZ.title, "max_score": 10,
            "pass_percent": 75.0} in quiz_catalog()
    assert [entry["id"] for entry in quiz_catalog()] == list(QUIZZES)


def test_output_tokens_ignore_spacing_and_punctuation_but_not_values() -> None:
    assert output_tokens("[ -320. -1040.]") == [-320.0, -1040.0]
    assert output_tokens("rank: 2, True") == ["rank", 2.0, "true"]


@pytest.mark.parametrize(
    "broken",
    [
        lambda: Question("q", "single", "?", "e", (Choice("a", "A", correct=True),
                                                   Choice("b", "B", correct=True))),
        lambda: Question("q", "multiple", "?", "e", (Choice("a", "A"), Choice("b", "B"))),
        lambda: Question("q", "single", "?", "e", (Choice("a", "A", correct=True),
                                                   Choice("a", "B"))),
        lambda: Question("q", "number", "?", "e"),
        lambda: Question("q", "output", "?", "e", code="print(1)"),
        lambda: Question("Q 1", "number", "?", "e", answer=1.0),
        lambda: Question("q", "essay", "?", "e"),
        lambda: Quiz("quiz", "T", (Question("q", "number", "?", "e", answer=1.0),) * 2),
    ],
    ids=["two-right-singles", "no-right-multiple", "duplicate-choice", "number-without-key",
         "output-without-key", "bad-id", "unknown-kind", "duplicate-question"],
)
def test_a_malformed_quiz_key_is_refused(broken: Any) -> None:
    with pytest.raises(ValueError, match="quiz"):
        broken()


# Offline: the quiz answers in exported work, scored by `python -m grader grade`.


def write_submission(folder: Path, name: str, quizzes: dict[str, Any]) -> Path:
    data = submission_data(name, {})
    data["quizzes"] = quizzes
    path = folder / f"{name.lower()}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_the_cli_reports_quiz_scores_in_json_csv_and_gradescope(tmp_path: Path) -> None:
    subs = tmp_path / "subs"
    subs.mkdir()
    write_submission(subs, "Ada", {QUIZ_ID: answers_with(8), "old-quiz": {"q": 1}})
    write_submission(subs, "Ben", {QUIZ_ID: answers_with(7)})
    write_submission(subs, "Cy", {})
    (subs / "broken.json").write_text("{", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    status = main(["grade", str(subs), "--seed", "3", "--json", str(out / "r.json"),
                   "--csv", str(out / "r.csv")])
    assert status == 0
    run = json.loads((out / "r.json").read_text())
    assert run["quizzes"] == list(QUIZZES)
    by_name = {Path(item["file"]).stem: item for item in run["submissions"]}
    assert by_name["ada"]["quizzes"][QUIZ_ID]["score"] == 8
    assert by_name["ada"]["quizzes"][QUIZ_ID]["passed"] is True
    assert list(by_name["ada"]["quizzes"]) == list(QUIZZES)  # "old-quiz" is not the course's
    assert by_name["ben"]["quizzes"][QUIZ_ID]["passed"] is False
    assert by_name["cy"]["quizzes"][QUIZ_ID]["score"] == 0
    assert by_name["broken"]["quizzes"] == {}
    assert by_name["ada"]["score"] == 0  # the exercise total stays the exercises' own

    with (out / "r.csv").open(newline="") as handle:
        rows = {Path(row["file"]).stem: row for row in csv.DictReader(handle)}
    assert (rows["ada"][f"quiz:{QUIZ_ID}"], rows["ada"][f"quiz:{QUIZ_ID}:passed"]) == ("8", "True")
    assert (rows["ben"][f"quiz:{QUIZ_ID}"], rows["ben"][f"quiz:{QUIZ_ID}:passed"]) == ("7", "False")
    assert rows["broken"][f"quiz:{QUIZ_ID}"] == ""

    ada = gradescope_result(by_name["ada"], titles())
    quiz_test = next(test for test in ada["tests"] if test["name"].startswith(QUIZ_ID))
    assert quiz_test["name"] == f"{QUIZ_ID}: {QUIZ.title}"
    assert (quiz_test["score"], quiz_test["max_score"], quiz_test["status"]) == (8, 10, "passed")
    assert "extrapolation:" in quiz_test["output"]
    assert ada["score"] == 8
    ben = gradescope_result(by_name["ben"], titles())
    assert next(t for t in ben["tests"] if t["name"].startswith(QUIZ_ID))["status"] == "failed"



# The page's view of a quiz with one question of each kind, and the key's own refusals.

EACH_KIND = Quiz("each-kind", "One of each", (
    Question("pick", "single", "Pick one", "e",
             (Choice("yes", "Yes", correct=True), Choice("no", "No"), Choice("maybe", "Maybe"),
              Choice("never", "Never"))),
    Question("tick", "multiple", "Tick some", "e",
             (Choice("a", "A", correct=True), Choice("b", "B"))),
    Question("count", "number", "How many?", "e", answer=3.0, tolerance=0.0, unit="rows"),
    Question("print", "output", "What prints?", "e", code="print(1)", output="1\n"),
))


def test_the_view_gives_each_kind_what_its_input_needs_and_no_more(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(quiz_module.registry(), EACH_KIND.id, EACH_KIND)
    view = quiz_view("each-kind", 4)
    pick_order = choice_order(4, "pick", ["yes", "no", "maybe", "never"])
    tick_order = choice_order(4, "tick", ["a", "b"])
    texts = {"yes": "Yes", "no": "No", "maybe": "Maybe", "never": "Never", "a": "A", "b": "B"}
    assert view == {
        "quiz": "each-kind", "title": "One of each", "seed": 4, "pass_percent": 75.0,
        "max_score": 4,
        "questions": [
            {"id": "pick", "kind": "single", "prompt": "Pick one",
             "choices": [{"id": i, "text": texts[i]} for i in pick_order]},
            {"id": "tick", "kind": "multiple", "prompt": "Tick some",
             "choices": [{"id": i, "text": texts[i]} for i in tick_order]},
            {"id": "count", "kind": "number", "prompt": "How many?", "unit": "rows",
             "tolerance": 0.0},
            {"id": "print", "kind": "output", "prompt": "What prints?", "code": "print(1)"},
        ],
    }
    # The order is the seed's and the question's own: pinned here for this seed.
    assert pick_order == ["yes", "never", "maybe", "no"]


@pytest.mark.parametrize(
    ("build", "problem"),
    [
        (lambda: Question("Q", "number", "?", "e", answer=1.0),
         "the id must be lower-case letters, digits and dashes"),
        (lambda: Question("q", "essay", "?", "e"),
         "kind must be one of single, multiple, number, output"),
        (lambda: Question("q", "single", "?", "e", (Choice("a", "A", correct=True),)),
         "needs two or more choices with unique ids"),
        (lambda: Question("q", "single", "?", "e", (Choice("a", "A", correct=True),
                                                    Choice("B", "B"))),
         "choice ids must be lower-case letters, digits and dashes"),
        (lambda: Question("q", "single", "?", "e", (Choice("a", "A"), Choice("b", "B"))),
         "needs exactly one right choice (single) or at least one (multiple)"),
        (lambda: Question("q", "number", "?", "e", answer=1.0, tolerance=-0.1),
         "a number question needs an answer and a tolerance of zero or more"),
        (lambda: Question("q", "output", "?", "e", code="print()", output="  \n"),
         "an output question needs code and the output it prints"),
        (lambda: Question("q", "output", "?", "e", output="1"),
         "an output question needs code and the output it prints"),
    ],
    ids=["id", "kind", "one-choice", "choice-id", "no-right-single", "negative-tolerance",
         "blank-output", "no-code"],
)
def test_a_malformed_question_is_refused_saying_why(build: Any, problem: str) -> None:
    with pytest.raises(ValueError, match="quiz question") as refused:
        build()
    assert str(refused.value).endswith(f": {problem}")


@pytest.mark.parametrize(
    "build",
    [
        lambda: Question("q", "single", "?", "e", (Choice("a", "A", correct=True),
                                                   Choice("b-2", "B"))),
        lambda: Question("q", "multiple", "?", "e", (Choice("a", "A", correct=True),
                                                     Choice("b", "B"))),
        lambda: Question("q", "multiple", "?", "e", (Choice("a", "A", correct=True),
                                                     Choice("b", "B", correct=True))),
        lambda: Question("q", "number", "?", "e", answer=0.0, tolerance=0.0),
        lambda: Question("q", "number", "?", "e", answer=2.0, tolerance=0.5),
        lambda: Question("q", "output", "?", "e", code="print(1)", output="1"),
        lambda: Quiz("q-1", "T", (Question("q", "number", "?", "e", answer=1.0),)),
    ],
    ids=["two-choices", "multiple-one-right", "multiple-all-right", "exact-number",
         "number", "output", "one-question-quiz"],
)
def test_a_well_formed_key_at_each_rules_edge_is_accepted(build: Any) -> None:
    assert build() is not None


@pytest.mark.parametrize(
    "build",
    [lambda: Quiz("Quiz", "T", (Question("q", "number", "?", "e", answer=1.0),)),
     lambda: Quiz("quiz", "T", ())],
    ids=["bad-id", "no-questions"],
)
def test_a_quiz_needs_a_slug_id_and_questions(build: Any) -> None:
    with pytest.raises(ValueError, match="needs a slug id and unique question ids"):
        build()


# How a malformed answer is named, and the edges of the answer-size limits.
PICK, TICK, COUNT, PRINT = EACH_KIND.questions
MANY = Question("many", "multiple", "?", "e",
                tuple(Choice(f"c{n}", f"C{n}", correct=True) for n in range(50)))


@pytest.mark.parametrize(
    ("question", "answer", "feedback"),
    [
        (PICK, 0, "This answer is not one of the choices (got a number)."),
        (PICK, 1.5, "This answer is not one of the choices (got a number)."),
        (PICK, {"a": 1}, "This answer is not one of the choices (got an object)."),
        (PICK, True, "This answer is not one of the choices (got true or false)."),
        (PICK, "perhaps", "This answer is not one of the choices (got text)."),
        (TICK, "a", "This answer should be a list of choices, not text."),
        (TICK, ["a", "zzz"], "This answer names something that is not one of the choices."),
        (COUNT, [3], "Enter a number, not a list."),
        (COUNT, 2**1000, "Enter a number, not a number."),
        (COUNT, 2, "You entered 2 rows; answers within 0 rows of 3 rows count."),
        (PRINT, 1, "Type what the snippet prints, as text (got a number)."),
        (PRINT, {"x": None}, "Type what the snippet prints, as text (got an object)."),
        (PRINT, "2" * 2001, "This answer is far longer than what the snippet prints."),
        (PRINT, "2" * 2000, f"You wrote “{'2' * 2000}”; the snippet prints “1”."),
        (MANY, [f"c{n}" for n in range(50)] + ["c0"],
         "This answer should be a list of choices, not a list."),
    ],
    ids=["int", "float", "object", "bool", "text", "single-for-multiple", "unknown-choice",
         "list-for-number", "int-beyond-floats", "with-unit", "number-for-output",
         "object-for-output", "text-too-long", "longest-text-judged", "more-than-50-choices"],
)
def test_feedback_on_a_wrong_answer_names_what_it_got(
    question: Question, answer: Any, feedback: str
) -> None:
    found = quiz_module.score_question(question, answer)
    assert (found["correct"], found["feedback"][0]) == (False, feedback)


@pytest.mark.parametrize(
    ("question", "answer", "correct"),
    [(MANY, [f"c{n}" for n in range(50)], True), (COUNT, 3, True), (COUNT, 2**1000 - 1, False)],
    ids=["fifty-choices", "int", "largest-int-still-a-number"],
)
def test_answers_at_the_size_limits_are_judged(
    question: Question, answer: Any, correct: bool
) -> None:
    found = quiz_module.score_question(question, answer)
    assert (found["answered"], found["correct"]) == (True, correct)
    if not correct:
        assert found["feedback"][0].startswith("You entered 1.07151e+301 rows;")


@pytest.mark.parametrize(
    ("printed", "typed", "correct"),
    [("0.0\n", "1e-10", True), ("0.0\n", "2e-9", False), ("1.5 rows", "1.5000000001 ROWS", True),
     ("[1 2]", "1 2 3", False), ("3", "three", False)],
    ids=["zero-within-a-billionth", "zero-beyond", "words-any-case", "extra-token",
         "word-for-number"],
)
def test_printed_numbers_match_within_a_billionth_even_at_zero(
    printed: str, typed: str, correct: bool
) -> None:
    key = Question("p", "output", "?", "e", code="print(0.0)", output=printed)
    assert quiz_module.score_question(key, typed)["correct"] is correct


def test_json_kind_names_every_json_type() -> None:
    from grader.quiz_judge import json_kind

    assert [json_kind(v) for v in ("", True, 1, 1.5, [], {}, None, (1,))] == [
        "text", "true or false", "a number", "a number", "a list", "an object", "nothing",
        "tuple"]


def test_unknown_quiz_ids_are_listed_with_the_known_ones_comma_separated() -> None:
    with pytest.raises(KeyError) as refused:
        quiz_module.get_quiz("nope")
    assert refused.value.args[0] == (
        f"unknown quiz id 'nope'; known ids: {', '.join(quiz_module.registry())}")


def test_the_view_defaults_to_attempt_zero() -> None:
    assert quiz_view(QUIZ_ID) == quiz_view(QUIZ_ID, 0)
    assert quiz_view(QUIZ_ID)["seed"] == 0


def test_the_result_names_its_quiz_and_notes_answers_it_could_not_score() -> None:
    result = score_quiz(QUIZ_ID, ["sooner"])
    assert result["quiz"] == QUIZ_ID
    assert result["notes"] == ["The answers should be an object of question ids, not a list; "
                               "nothing could be scored."]
    long_key = "k" * 80
    assert score_quiz(QUIZ_ID, {long_key: 1})["notes"] == [
        f"Ignored answers to unknown questions: {'k' * 60}."]


@pytest.mark.parametrize(
    ("question", "answer", "feedback", "expected"),
    [
        (Question("n", "number", "?", "e", answer=10.0, tolerance=0.5), 5,
         "You entered 5; answers within 0.5 of 10 count.", "10 (within 0.5)"),
        (Question("m", "multiple", "?", "e", (Choice("a", "A", correct=True),
                                            Choice("b", "B", correct=True), Choice("c", "C"))),
         ["a"], "You left out “B”. ", "A; B"),
        (PRINT, "2", "You wrote “2”; the snippet prints “1”.", "1"),
    ],
    ids=["number-without-unit", "multiple", "output"],
)
def test_the_expected_answer_is_said_in_words_without_a_missing_unit(
    question: Question, answer: Any, feedback: str, expected: str
) -> None:
    found = quiz_module.score_question(question, answer)
    assert (found["feedback"][0], found["expected"]) == (feedback, expected)


def test_quizzes_in_an_assignment_are_scaled_to_their_points(
    small_quizzes: None,
) -> None:
    from grader.submission import Submission

    work = Submission(Path("a.json"), valid=True, quizzes={"three": first_right("three", 2)})
    results = quiz_module.grade_quizzes(work, {"three": 2.0, "four": None})
    assert list(results) == ["three", "four"]
    assert (results["three"]["points"], results["three"]["max_points"]) == (1.3333, 2.0)
    assert "points" not in results["four"]
    assert results["four"]["score"] == 0
    assert results["four"]["questions"]["n0"]["feedback"] == ["Not answered."]
    assert results["four"]["notes"] == []  # not answering is not a malformed answer
    everything = quiz_module.grade_quizzes(work)
    assert list(everything) == list(quiz_module.registry())
    assert everything["three"]["score"] == 2
    assert quiz_module.grade_quizzes(Submission(Path("b.json"), valid=False)) == {}
