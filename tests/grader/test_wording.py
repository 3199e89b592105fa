"""grader.wording: numbers and types put into words, identically in every host."""

from __future__ import annotations

import numpy as np
import pytest

from grader.runner import tag
from grader.wording import describe, fmt, fmt_list


@pytest.mark.parametrize(
    ("value", "text"),
    [(220.0, "220"), (349474.79999999993, "349474.8"), (float("nan"), "nan"), (-0.0, "0"),
     (float("-inf"), "-inf"), (True, "True"), (7, "7")],
    ids=["integral", "rounding-noise", "nan", "negative-zero", "minus-inf", "bool", "int"],
)
def test_fmt_is_stable_and_readable(value: object, text: str) -> None:
    assert fmt(value) == text


def test_fmt_list_shortens_long_lists_and_nests_tables() -> None:
    assert fmt_list([1.0, 2.5]) == "[1, 2.5]"
    assert fmt_list([float(i) for i in range(8)]) == "[0, 1, 2, 3, 4, 5, ... (8 values)]"
    assert fmt_list([1.0, 2.0, 3.0, 4.0], (2, 2)) == "[[1, 2], [3, 4]]"


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (np.zeros((2, 3)), "a NumPy array with shape (2, 3)"),
        (np.array([True]), "a NumPy array of True/False values with shape (1,)"),
        (np.array(["a"]), "a NumPy array of non-numbers (dtype kind 'U'), shape (1,)"),
        ((1, 2), "a tuple of 2 items"),
        (None, "None"),
        (len, "a function"),
        (object(), "an object of type object"),
    ],
    ids=["array", "bool-array", "text-array", "tuple", "none", "function", "object"],
)
def test_describe_names_what_a_value_is(value: object, words: str) -> None:
    assert describe(tag(value)) == words
