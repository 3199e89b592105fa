"""grader.identical, usage and titles: the same work, positive arguments, report names."""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

import pytest

from exercises import EXERCISES, QUIZZES
from grader.identical import identical_groups, work_digest
from grader.submission import Submission
from grader.titles import titles
from grader.usage import positive


def handed(name: str, exercises: dict | None = None, quizzes: dict | None = None,
           valid: bool = True) -> Submission:
    return Submission(Path(f"{name}.json"), valid=valid, exercises=exercises or {},
                      quizzes=quizzes or {})


def test_the_digest_is_the_sha256_of_the_work_as_compact_sorted_ascii_json() -> None:
    work = handed("a", {"b-ex": {"code": "é = 1"}, "a-ex": {"answer": 2}}, {"q": {"q1": "x"}})
    text = ('{"exercises":{"a-ex":{"answer":2},"b-ex":{"code":"\\u00e9 = 1"}},'
            '"quizzes":{"q":{"q1":"x"}}}')
    assert work_digest(work) == hashlib.sha256(text.encode("ascii")).hexdigest()


def test_blank_work_is_no_work_and_other_shapes_count_as_work() -> None:
    blank = handed("a", {"e": {"code": "  \n"}, "f": {"answer": None}, "g": {}}, {"q": {}})
    assert work_digest(blank) is None
    assert work_digest(handed("b", valid=False, exercises={"e": {"code": "x"}})) is None
    odd = handed("c", {"e": ["not", "a", "dict"]})
    assert work_digest(odd) is not None
    zero = handed("d", {"e": {"answer": 0}})
    assert work_digest(zero) is not None
    assert work_digest(handed("e", {"e": {"answer": 0}, "f": {"code": ""}})) == work_digest(zero)


def test_groups_keep_their_order_and_lone_files_are_left_out() -> None:
    same = {"e": {"code": "x = 1"}}
    files = [handed("a", same), handed("b", {"e": {"code": "x = 2"}}), handed("c", same),
             handed("d", quizzes={"q": {"q1": "y"}}), handed("e", quizzes={"q": {"q1": "y"}}),
             handed("f")]
    assert identical_groups(files) == [["a.json", "c.json"], ["d.json", "e.json"]]
    assert identical_groups([handed("a", same)]) == []


def test_positive_numbers_are_parsed_and_the_rest_refused_with_the_text() -> None:
    assert positive(int)("3") == 3
    assert positive(float)("0.5") == 0.5
    with pytest.raises(argparse.ArgumentTypeError, match=r"^must be positive: '0'$"):
        positive(int)("0")
    with pytest.raises(argparse.ArgumentTypeError, match=r"^must be positive: '-1.5'$"):
        positive(float)("-1.5")
    with pytest.raises(argparse.ArgumentTypeError, match=r"^not a number: 'two'$"):
        positive(int)("two")


def test_titles_name_every_exercise_and_quiz() -> None:
    expected = {i: e.title for i, e in EXERCISES.items()}
    expected.update({i: q.title for i, q in QUIZZES.items()})
    assert titles() == expected
