"""grader.wording: numbers and types put into words, identically in every host."""

from __future__ import annotations

import numpy as np
import pytest

from grader.runner import tag
from grader.wording import describe, fmt, fmt_list, missing


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


@pytest.mark.parametrize(
    ("value", "text"),
    [(float("inf"), "inf"), ("w_lstsq", "w_lstsq"), (None, "None"), (1e-7, "1e-07"),
     (123456789012.0, "1.23456789e+11")],
    ids=["plus-inf", "text-as-is", "none", "small", "nine-significant-digits"],
)
def test_fmt_names_infinity_and_passes_other_values_through(value: object, text: str) -> None:
    assert fmt(value) == text


@pytest.mark.parametrize(
    ("values", "shape", "text"),
    [
        ([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], (2, 3), "[[1, 2, 3], [4, 5, 6]]"),
        ([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], (3, 2), "[[1, 2], [3, 4], [5, 6]]"),
        ([float(i) for i in range(6)], (6, 1), "[[0], [1], [2], [3], [4], [5]]"),
        ([float(i) for i in range(7)], (7, 1), "[0, 1, 2, 3, 4, 5, ... (7 values)]"),
        ([float(i) for i in range(14)], (2, 7),
         "[[0, 1, 2, 3, 4, 5, ... (7 values)], [7, 8, 9, 10, 11, 12, ... (7 values)]]"),
        ([float(i) for i in range(6)], (), "[0, 1, 2, 3, 4, 5]"),
        ([1.0, 2.0, 3.0], (2, 2), "[1, 2, 3]"),
    ],
    ids=["two-by-three", "three-by-two", "six-rows", "seven-rows-flattened", "long-rows",
         "six-shown-whole", "shape-that-does-not-fit"],
)
def test_fmt_list_nests_up_to_six_rows_and_elides_past_six_values(
    values: list[float], shape: tuple[int, ...], text: str
) -> None:
    assert fmt_list(values, shape) == text


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ({"type": "raised", "exception": "ValueError", "message": ""}, "an exception"),
        ({"type": "mystery"}, "an object of type ?"),
        ({"type": "object", "class": "Liar"}, "an object of type Liar"),
        ({"type": "str", "value": "x" * 41}, f"the string {'x' * 40!r}"),
        ({"type": "float", "value": 0.1 + 0.2}, "the float 0.3"),
        ({"type": "list", "length": 3, "items": []}, "a list of 3 items"),
        ({"type": "array", "kind": "f", "shape": [3]}, "a NumPy array with shape (3,)"),
    ],
    ids=["raised", "no-class", "class", "string-cut-at-40", "float", "list", "array"],
)
def test_describe_words_every_tag(value: dict, words: str) -> None:
    assert describe(value) == words


def test_a_missing_name_says_where_to_define_it() -> None:
    assert missing("rank") == (
        "rank is not defined. Assign it at the top level of your code, "
        "outside any function, and check the spelling."
    )
