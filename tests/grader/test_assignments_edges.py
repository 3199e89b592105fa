"""grader.assignments at its edges: TOML written back exactly, defaults, names, file errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from exercises import QUIZZES
from grader.assignments import (
    Assignment,
    AssignmentError,
    find_assignment,
    parse_assignment,
    resolved,
    to_toml,
)
from grader.registry import Registry

QUESTIONS = len(QUIZZES["glm"].questions)


def test_to_toml_writes_every_field_and_every_points_value() -> None:
    week = Assignment("w-1", "Week 1", (("predict-x6", 2.0), ("held-out", None)),
                      (("glm", None),), seed=5, due="Friday")
    assert to_toml(week) == (
        'id = "w-1"\ntitle = "Week 1"\nseed = 5\ndue = "Friday"\n'
        "\n[exercises]\npredict-x6 = 2.0\nheld-out = 1.0\n"
        f"\n[quizzes]\nglm = {float(QUESTIONS)!r}\n"
    )


def test_to_toml_leaves_out_what_is_empty_and_a_given_seed_wins() -> None:
    week = Assignment("w", "W", (("predict-x6", None),))
    assert to_toml(week) == 'id = "w"\ntitle = "W"\n\n[exercises]\npredict-x6 = 1.0\n'
    assert to_toml(week, seed=0).splitlines()[2] == "seed = 0"
    assert to_toml(Assignment("w", "W", (), (("glm", 3.0),), seed=9), seed=4) == (
        'id = "w"\ntitle = "W"\nseed = 4\n\n[quizzes]\nglm = 3.0\n')


def test_quotes_backslashes_and_control_characters_are_escaped_and_read_back() -> None:
    week = Assignment("w", 'say "hi" \\ now\x01\nthen', (("predict-x6", 1.0),),
                      due="tab\there")
    text = to_toml(week)
    assert 'title = "say \\"hi\\" \\\\ now\\u0001\\u000athen"' in text
    assert 'due = "tab\\u0009here"' in text
    assert parse_assignment(text) == week


def test_an_assignment_describes_itself_with_resolved_points() -> None:
    week = Assignment("w", "Week", (("predict-x6", None), ("held-out", 3.0)), (("glm", 2.0),),
                      seed=8, due="Monday")
    assert week.describe() == {
        "id": "w", "title": "Week", "seed": 8, "due": "Monday",
        "exercises": {"predict-x6": 1.0, "held-out": 3.0}, "quizzes": {"glm": 2.0},
        "max_score": 6.0,
    }
    with pytest.raises(AssignmentError):
        resolved(week, Registry())
    assert resolved(week) == Assignment("w", "Week", (("predict-x6", 1.0), ("held-out", 3.0)),
                                        (("glm", 2.0),), seed=8, due="Monday")


def test_a_registry_handed_in_is_the_one_consulted() -> None:
    week = Assignment("w", "Week", (("predict-x6", None),), (("glm", None),))
    empty = Registry()
    with pytest.raises(AssignmentError, match="names unknown exercise ids: predict-x6; known: "
                                              "none"):
        week.max_score(empty)
    with pytest.raises(AssignmentError, match="names unknown quiz ids: glm; known: none"):
        week.quiz_points(empty)
    with pytest.raises(AssignmentError):
        week.describe(empty)
    with pytest.raises(AssignmentError):
        to_toml(week, registry=empty)
    with pytest.raises(AssignmentError, match=re.escape("unknown assignment 'course'; built in: "
                                                        "none, or give a .toml file")):
        find_assignment("course", empty)


def test_parsing_fills_in_the_defaults() -> None:
    week = parse_assignment('exercises = ["predict-x6"]\n', default_id="from-file")
    assert week == Assignment("from-file", "from-file", (("predict-x6", None),), (), None, "")
    named = parse_assignment('id = "own"\n[quizzes]\nglm = 4\n', default_id="from-file")
    assert (named.id, named.title, named.exercises, named.quizzes) == (
        "own", "own", (), (("glm", 4.0),))
    assert parse_assignment("seed = 0\n[quizzes]\nglm = 1\n", default_id="a").seed == 0
    assert parse_assignment(f"seed = {2**63 - 1}\n[quizzes]\nglm = 1\n",
                            default_id="a").seed == 2**63 - 1


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('id = ""\n[quizzes]\nglm = 1\n',
         "<assignment>: id must be lower-case letters, digits and dashes"),
        ('id = "-x"\n[quizzes]\nglm = 1\n', "id must be lower-case"),
        ("id = 3\n[quizzes]\nglm = 1\n", "id must be lower-case"),
        ('due = 3\n[quizzes]\nglm = 1\n', "title and due must be text"),
        ("[quizzes]\nglm = nan\n", "quizzes 'glm' must be worth a positive number of points, "
                                   "not nan"),
        ("[quizzes]\nglm = -1\n", "quizzes 'glm' must be worth a positive number of points, "
                                  "not -1"),
        ('[quizzes]\n"Glm" = 1\n', "quizzes id 'Glm' is not a valid id"),
        ("quizzes = 3\n", "[quizzes] must be a table of id = points or a list of ids"),
        ("exercises = 3\n", "[exercises] must be a table of id = points or a list of ids"),
        ('[exercises]\n"Bad Id" = 1\n', "exercises id 'Bad Id' is not a valid id"),
        ("[exercises]\npredict-x6 = 0\n", "exercises 'predict-x6' must be worth a positive "
                                          "number of points, not 0"),
        (f"seed = {2**63}\n[quizzes]\nglm = 1\n", "seed must be a whole number of zero or more"),
        ("seed = 1.5\n[quizzes]\nglm = 1\n", "seed must be a whole number of zero or more"),
        ("seed = true\n[quizzes]\nglm = 1\n", "seed must be a whole number of zero or more"),
        ("a = 1\nb = 2\n[quizzes]\nglm = 1\n",
         "unknown keys a, b; use due, exercises, id, quizzes, seed, title"),
    ],
    ids=["empty-id", "leading-dash", "number-id", "number-due", "nan-points", "negative-points",
         "capital-id", "number-table", "exercises-number-table", "exercises-bad-id",
         "exercises-zero-points", "seed-too-big", "float-seed", "bool-seed", "unknown-keys"],
)
def test_each_mistake_is_named(text: str, says: str) -> None:
    with pytest.raises(AssignmentError, match=re.escape(says)) as caught:
        parse_assignment(text, default_id="week")
    assert str(caught.value).startswith("<assignment>: ")
    with pytest.raises(AssignmentError, match="id must be lower-case"):
        parse_assignment("[quizzes]\nglm = 1\n")  # no id and no file name to take one from


def test_a_file_name_becomes_the_id_and_unreadable_files_are_named(tmp_path: Path) -> None:
    path = tmp_path / "Week 3 -- Lines!.toml"
    path.write_text("[quizzes]\nglm = 1\n", encoding="utf-8")
    assert find_assignment(str(path)).id == "week-3-lines"
    odd = tmp_path / "***.toml"
    odd.write_text("[quizzes]\nglm = 1\n", encoding="utf-8")
    assert find_assignment(odd).id == "assignment"
    plain = tmp_path / "week"  # no .toml suffix, but a file: read all the same
    plain.write_text("[quizzes]\nglm = 1\n", encoding="utf-8")
    assert find_assignment(plain).quizzes == (("glm", 1.0),)
    binary = tmp_path / "bad.toml"
    binary.write_bytes(b"\xff\xfe")
    with pytest.raises(AssignmentError, match=re.escape(f"cannot read assignment file {binary}: ")):
        find_assignment(binary)
    path.write_text("[quizzes\n", encoding="utf-8")
    with pytest.raises(AssignmentError, match=re.escape(f"{path}: not valid TOML: ")):
        find_assignment(path)


def test_each_part_is_resolved_against_the_registry_handed_in() -> None:
    from tests.grader.test_registry import toy_exercise

    only_toy = Registry()
    only_toy.add_exercise(toy_exercise())
    week = Assignment("w", "Week", (("toy", None),), (("glm", None),))
    with pytest.raises(AssignmentError, match="names unknown quiz ids: glm; known: none"):
        resolved(week, only_toy)
    assert resolved(Assignment("w", "Week", (("toy", 3.0),)), only_toy).exercises == (
        ("toy", 3.0),)


def test_an_assignment_file_is_read_as_utf8_whatever_the_locale(tmp_path: Path) -> None:
    import locale

    path = tmp_path / "week.toml"
    path.write_text('title = "Régression, semaine 1"\n[quizzes]\nglm = 1\n', encoding="utf-8")
    saved = locale.setlocale(locale.LC_CTYPE)
    locale.setlocale(locale.LC_CTYPE, "C")  # files opened without an encoding: ASCII
    try:
        week = find_assignment(path)
    finally:
        locale.setlocale(locale.LC_CTYPE, saved)
    assert week.title == "Régression, semaine 1"


def test_describe_and_max_score_use_the_registry_handed_in_throughout() -> None:
    from grader.quiz import Choice, Question, Quiz
    from tests.grader.test_registry import toy_exercise

    own = Registry()
    own.add_exercise(toy_exercise())
    choices = (Choice("a", "A", correct=True), Choice("b", "B"))
    own.add_quiz(Quiz("toy-quiz", "Toy quiz", (Question("q1", "single", "?", "", choices),
                                               Question("q2", "single", "?", "", choices))))
    week = Assignment("w", "Week", (("toy", 3.0),), (("toy-quiz", None),))
    assert week.max_score(own) == 5.0
    assert week.describe(own) == {"id": "w", "title": "Week", "seed": None, "due": "",
                                  "exercises": {"toy": 3.0}, "quizzes": {"toy-quiz": 2.0},
                                  "max_score": 5.0}


def test_every_unknown_id_is_named() -> None:
    week = Assignment("w", "Week", (("nope-1", None), ("predict-x6", None), ("nope-2", None)))
    with pytest.raises(AssignmentError, match=r"names unknown exercise ids: nope-1, nope-2; "):
        week.max_score()
