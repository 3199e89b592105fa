"""grader.checks: types first and exactly, then shape, then NaN/inf, then values."""

from __future__ import annotations

import numpy as np
import pytest

from grader import checks
from grader.runner import tag

TOL = checks.Tolerance(rtol=1e-6)
VECTOR = ((3,), [100.0, 4.0, 8.0])


def test_a_bool_is_not_a_number() -> None:
    feedback = checks.check_numbers("mse", tag(True), ((), [2.8]), TOL, want="a number")
    assert feedback == ["mse is the bool True, and a bool is not a number. It should be a number."]


def test_a_missing_name_is_named() -> None:
    feedback = checks.check_numbers("w", {"type": "missing"}, VECTOR, TOL, want="an array")
    assert feedback[0].startswith("w is not defined.")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (np.array([100.0, 4.0]), "w has 2 values, but it should have 3."),
        (np.zeros((3, 1)), "w has shape (3, 1), but it should have shape (3,)."),
        (5.0, "w is a single number, but it should have shape (3,)."),
    ],
    ids=["length", "column", "scalar"],
)
def test_wrong_shape_is_explained(value: object, message: str) -> None:
    assert checks.check_numbers("w", tag(value), VECTOR, TOL, want="an array") == [message]


def test_swapped_rows_and_columns_are_spotted() -> None:
    feedback = checks.check_numbers(
        "X", tag(np.zeros((3, 5))), ((5, 3), [0.0] * 15), TOL, want="a 5 x 3 array"
    )
    assert "rows and columns are swapped" in feedback[0]


def test_nan_and_inf_get_their_own_explanations() -> None:
    nan = checks.check_numbers("w", tag(np.array([100.0, np.nan, 8.0])), VECTOR, TOL, want="")
    inf = checks.check_numbers("w", tag(np.array([100.0, 4.0, -np.inf])), VECTOR, TOL, want="")
    assert nan[0].startswith("w[1] is NaN (not a number).")
    assert inf[0].startswith("w[2] is -inf.")


def test_value_off_by_more_than_tolerance_states_tolerance_expected_and_received() -> None:
    feedback = checks.check_numbers("w", tag([100.0, 20.0, 0.0]), VECTOR, TOL, want="")
    assert feedback == [
        "w[1] is off by more than the tolerance (relative 1e-06): expected 4, received 20. "
        "1 more of its 3 values differ too."
    ]


def test_values_within_tolerance_pass() -> None:
    close = tag([100.00001, 4.000001, 8.0])
    assert checks.check_numbers("w", close, VECTOR, checks.Tolerance(atol=1e-3), want="") == []


def test_lists_of_non_numbers_are_pointed_at() -> None:
    feedback = checks.check_numbers("w", tag([100.0, "4", 8.0]), VECTOR, TOL, want="3 numbers")
    assert feedback == ["w[1] is the string '4', not a number. w should be 3 numbers."]


def test_an_object_with_a_lying_eq_never_passes() -> None:
    class Liar:
        def __eq__(self, other: object) -> bool:
            return True

        __hash__ = object.__hash__

    feedback = checks.check_numbers("w", tag(Liar()), VECTOR, TOL, want="an array")
    assert feedback == ["w is an object of type Liar. It should be an array."]
    assert checks.check_bool("flag", tag(Liar()), True, "why") != []
    assert checks.check_int("rank", tag(Liar()), 2) != []


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("True", "flag should be the bool True, but it is the string 'True'. "
                 "Write True or False without quotes."),
        (1, "flag should be the bool True, but it is the int 1."),
        (False, "flag should be True, not False: because."),
    ],
    ids=["string", "int", "wrong-bool"],
)
def test_check_bool_wants_exactly_a_bool(value: object, message: str) -> None:
    assert checks.check_bool("flag", tag(value), True, "because.") == [message]


def test_check_int_refuses_a_float_rank() -> None:
    feedback = checks.check_int("rank", tag(2.0), 2)
    assert feedback == [
        "rank should be an integer, but it is the float 2. Convert it with int(...)."
    ]
    assert checks.check_int("rank", tag(np.int32(2)), 2) == []


def test_unpack_wants_the_right_number_of_results() -> None:
    assert isinstance(checks.unpack("f()", tag((1.0,)), 2, "w and losses"), str)
    assert len(checks.unpack("f()", tag([1.0, [2.0]]), 2, "w and losses")) == 2


# Tolerances at their edges. The bounds are powers of two, so `expected ± bound` is exact in
# floating point and "just inside" is the bound itself: a `<=` turned into `<`, a dropped
# `abs`, or `atol - rtol * |expected|` each flips one of these cases.
EPS = 2.0**-30
ABSOLUTE = checks.Tolerance(atol=0.5)
RELATIVE = checks.Tolerance(rtol=2.0**-10)  # 8 * 2**-10 = 2**-7
BOTH = checks.Tolerance(rtol=2.0**-10, atol=2.0**-8)  # 2**-8 + 8 * 2**-10 = 3 * 2**-8


@pytest.mark.parametrize(
    ("tol", "expected", "received", "allowed"),
    [
        (ABSOLUTE, 220.0, 220.5, True),
        (ABSOLUTE, 220.0, 219.5, True),
        (ABSOLUTE, 220.0, 220.5 + 2**-20, False),
        (ABSOLUTE, 220.0, 219.5 - 2**-20, False),
        (ABSOLUTE, 0.0, -0.5, True),
        (ABSOLUTE, 0.0, 0.5 + 2**-20, False),
        (RELATIVE, 8.0, 8.0 + 2**-7, True),
        (RELATIVE, 8.0, 8.0 - 2**-7, True),
        (RELATIVE, 8.0, 8.0 + 2**-7 + EPS, False),
        (RELATIVE, 8.0, 8.0 - 2**-7 - EPS, False),
        (RELATIVE, -8.0, -8.0 - 2**-7, True),
        (RELATIVE, -8.0, -8.0 + 2**-7 + EPS, False),
        (RELATIVE, 1024.0, 1025.0, True),
        (RELATIVE, 1024.0, 1025.0 + 2**-20, False),
        (RELATIVE, 0.0, 0.0, True),
        (RELATIVE, 0.0, 2**-60, False),
        (BOTH, 8.0, 8.0 + 3 * 2**-8, True),
        (BOTH, 8.0, 8.0 - 3 * 2**-8, True),
        (BOTH, 8.0, 8.0 + 3 * 2**-8 + EPS, False),
        (BOTH, -8.0, -8.0 - 3 * 2**-8, True),
        (BOTH, -8.0, -8.0 - 3 * 2**-8 - EPS, False),
        (BOTH, 0.0, 2**-8, True),
        (BOTH, 0.0, -(2**-8) - EPS, False),
    ],
    ids=[
        "absolute-at-upper-edge", "absolute-at-lower-edge", "absolute-just-above",
        "absolute-just-below", "absolute-around-zero", "absolute-around-zero-outside",
        "relative-at-upper-edge", "relative-at-lower-edge", "relative-just-above",
        "relative-just-below", "relative-negative-at-edge", "relative-negative-outside",
        "relative-scales-with-expected", "relative-scaled-outside", "relative-zero-exact",
        "relative-zero-allows-nothing-else", "both-at-upper-edge", "both-at-lower-edge",
        "both-just-above", "both-negative-at-edge", "both-negative-outside",
        "both-at-zero-is-absolute", "both-at-zero-outside",
    ],
)
def test_tolerance_edges_are_inside_and_a_hair_beyond_is_outside(
    tol: checks.Tolerance, expected: float, received: float, allowed: bool
) -> None:
    assert tol.allows(received, expected) is allowed
    feedback = checks.check_numbers("w", tag(received), ((), [expected]), tol, want="a number")
    assert (feedback == []) is allowed


@pytest.mark.parametrize(
    ("expected", "received", "allowed"),
    [
        (float("nan"), float("nan"), True),
        (float("nan"), 0.0, False),
        (float("inf"), float("inf"), True),
        (float("inf"), float("-inf"), False),
        (float("inf"), 1e308, False),
        (float("-inf"), float("-inf"), True),
        (float("-inf"), float("nan"), False),
    ],
    ids=["nan-nan", "nan-zero", "inf-inf", "inf-minus-inf", "inf-huge", "minus-inf", "inf-nan"],
)
def test_an_expected_nan_or_inf_is_matched_exactly_whatever_the_tolerance(
    expected: float, received: float, allowed: bool
) -> None:
    assert checks.Tolerance(rtol=1.0, atol=1e300).allows(received, expected) is allowed


@pytest.mark.parametrize(
    ("tol", "words"),
    [
        (ABSOLUTE, "±0.5"),
        (checks.Tolerance(rtol=1e-6), "relative 1e-06"),
        (checks.Tolerance(rtol=1e-6, atol=1e-9), "relative 1e-06, absolute 1e-09"),
        (checks.Tolerance(), "±0"),
    ],
    ids=["absolute", "relative", "both", "exact"],
)
def test_feedback_just_outside_a_tolerance_states_it_in_words(
    tol: checks.Tolerance, words: str
) -> None:
    received = 8.0 + 2 * (tol.atol + tol.rtol * 8.0) + 2**-20
    feedback = checks.check_numbers("w", tag(received), ((), [8.0]), tol, want="a number")
    assert feedback == [
        f"w is off by more than the tolerance ({words}): expected 8, "
        f"received {checks.fmt(received)}."
    ]


# Reading numbers: every form a learner's value can take, and what feedback says about it.
@pytest.mark.parametrize(
    ("value", "read"),
    [
        (3, ((), [3.0])),
        (2.5, ((), [2.5])),
        (np.float64(2.5), ((), [2.5])),
        (np.array([1, 2], dtype=np.int64), ((2,), [1.0, 2.0])),
        (np.array([1, 2], dtype=np.uint8), ((2,), [1.0, 2.0])),
        (np.arange(6.0).reshape(2, 3), ((2, 3), [0.0, 1.0, 2.0, 3.0, 4.0, 5.0])),
        ([1, 2.5], ((2,), [1.0, 2.5])),
        ((1.0,), ((1,), [1.0])),
        ([], ((0,), [])),
        ([[1, 2], [3, 4], [5, 6]], ((3, 2), [1.0, 2.0, 3.0, 4.0, 5.0, 6.0])),
        ([np.array([1.0, 2.0]), (3, 4)], ((2, 2), [1.0, 2.0, 3.0, 4.0])),
    ],
    ids=["int", "float", "numpy-float", "int-array", "uint-array", "2-d-array", "list",
         "tuple", "empty-list", "list-of-rows", "rows-of-mixed-kinds"],
)
def test_numbers_reads_every_numeric_form_with_its_shape(value: object, read: object) -> None:
    assert checks.numbers("w", tag(value), "numbers") == read


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (np.array(["a", "b"]), "w is a NumPy array of non-numbers (dtype kind 'U'), shape (2,). "
                               "It should be 3 numbers."),
        (np.array([True, False]), "w is a NumPy array of True/False values with shape (2,). "
                                  "It should be 3 numbers."),
        (np.zeros(10**6), "w is far larger than expected (shape (1000000,))."),
        (list(range(10**5)), "w is a list far longer than expected (100000 items)."),
        ([[1.0, 2.0], [3.0]], "w has rows of different lengths, so it is not a table of numbers."),
        ([[1.0, 2.0], [[3.0, 4.0]]],
         "w[1] should be a flat row of numbers. It should be 3 numbers."),
        ([[1.0, "2"], [3.0, 4.0]],
         "w[0][1] is the string '2', not a number. w[0] should be a number."),
        ([1.0, None], "w[1] is None, not a number. w should be 3 numbers."),
        ([1.0, [2.0]], "w[1] is a list of 1 items, not a number. w should be 3 numbers."),
        ("1 2 3", "w is the string '1 2 3'. It should be 3 numbers."),
        (None, "w is None. It should be 3 numbers."),
    ],
    ids=["text-array", "bool-array", "huge-array", "huge-list", "ragged", "nested-too-deep",
         "text-in-a-row", "none-item", "mixed-rows-and-numbers", "string", "none"],
)
def test_what_is_not_numbers_is_named(value: object, message: str) -> None:
    assert checks.numbers("w", tag(value), "3 numbers") == message


@pytest.mark.parametrize(
    ("received", "expected", "message"),
    [
        (((2, 3), [0.0] * 6), ((3, 2), [0.0] * 6),
         "X has shape (2, 3), but it should be (3, 2): rows and columns are swapped."),
        (((2, 3), [0.0] * 6), ((2, 2), [0.0] * 4),
         "X has shape (2, 3), but it should have shape (2, 2)."),
        (((6,), [0.0] * 6), ((2, 3), [0.0] * 6),
         "X has shape (6,), but it should have shape (2, 3)."),
        (((1,), [0.0]), ((), [0.0]), "X has shape (1,), but it should be a single number."),
        (((), [0.0]), ((2,), [0.0] * 2), "X is a single number, but it should have shape (2,)."),
        (((2,), [1.0, 2.0]), ((3,), [1.0, 2.0, 3.0]), "X has 2 values, but it should have 3."),
        (((2, 1, 3), [0.0] * 6), ((3, 1, 2), [0.0] * 6),
         "X has shape (2, 1, 3), but it should have shape (3, 1, 2)."),
    ],
    ids=["transposed", "other-2-d", "flat-for-table", "array-for-scalar", "scalar-for-array",
         "length", "3-d-reversed-is-not-a-transpose"],
)
def test_a_wrong_shape_is_explained_before_any_value(
    received: checks.Numbers, expected: checks.Numbers, message: str
) -> None:
    assert checks.compare("X", received, expected, checks.Tolerance(atol=1e9)) == [message]


@pytest.mark.parametrize(
    ("received", "message"),
    [
        ([1.0, 2.0, 3.0, 4.0, 5.0, 99.0],
         "X[1, 2] is off by more than the tolerance (±0.5): expected 6, received 99."),
        ([1.0, 9.0, 3.0, 9.0, 5.0, 9.0],
         "X[0, 1] is off by more than the tolerance (±0.5): expected 2, received 9. "
         "2 more of its 6 values differ too."),
        ([1.0, 2.0, 3.0, float("nan"), 5.0, float("nan")],
         "X[1, 0] is NaN (not a number). A NaN comes from an undefined operation such as 0/0 "
         "or inf - inf, or from solving a singular system; trace back where it first appears."),
        ([1.0, 2.0, 3.0, 4.0, float("inf"), 6.0],
         "X[1, 1] is inf. The numbers overflowed: something grew without bound."),
    ],
    ids=["last-cell", "several-wrong", "nan", "inf"],
)
def test_a_wrong_value_in_a_table_is_named_by_row_and_column(
    received: list[float], message: str
) -> None:
    expected = ((2, 3), [1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
    feedback = checks.compare("X", ((2, 3), received), expected, checks.Tolerance(atol=0.5))
    assert feedback == [message]


@pytest.mark.parametrize(
    ("received", "expected", "feedback"),
    [
        ([float("nan"), 1.0], [float("nan"), 1.0], []),
        ([float("inf"), 1.0], [float("inf"), 1.0], []),
        ([1.0, 1.0], [float("nan"), 1.0],
         ["w[0] is off by more than the tolerance (±0.5): expected nan, received 1."]),
        ([float("nan"), 5.0], [float("inf"), 1.0],
         ["w[0] is off by more than the tolerance (±0.5): expected inf, received nan. "
          "1 more of its 2 values differ too."]),
    ],
    ids=["nan-where-nan-is-right", "inf-where-inf-is-right", "number-where-nan-is-right",
         "nan-where-inf-is-right"],
)
def test_nan_and_inf_are_right_only_where_the_reference_has_them(
    received: list[float], expected: list[float], feedback: list[str]
) -> None:
    tol = checks.Tolerance(atol=0.5)
    assert checks.compare("w", ((2,), received), ((2,), expected), tol) == feedback


@pytest.mark.parametrize(
    ("value", "feedback"),
    [(np.array([2.8]), []), ([2.8], []), (np.array([[2.8]]), ["mse has shape (1, 1), but it "
                                                              "should be a single number."]),
     (np.array([2.8, 2.8]), ["mse has shape (2,), but it should be a single number."])],
    ids=["one-element-array", "one-element-list", "one-by-one", "two-elements"],
)
def test_scalar_ok_takes_a_one_element_vector_for_a_number(
    value: object, feedback: list[str]
) -> None:
    tol = checks.Tolerance(atol=1e-9)
    assert checks.check_numbers("mse", tag(value), ((), [2.8]), tol, want="a number",
                                scalar_ok=True) == feedback
    assert checks.check_numbers("mse", tag(2.8), ((), [2.8]), tol, want="a number",
                                scalar_ok=True) == []


@pytest.mark.parametrize(
    ("value", "feedback"),
    [
        ({"type": "missing"}, ["rank is not defined. Assign it at the top level of your code, "
                               "outside any function, and check the spelling."]),
        (3, ["rank is wrong: expected 2, received 3."]),
        (True, ["rank should be an integer, but it is the bool True."]),
        ("2", ["rank should be an integer, but it is the string '2'."]),
        (2, []),
    ],
    ids=["missing", "wrong", "bool", "string", "right"],
)
def test_check_int_wants_exactly_that_integer(value: object, feedback: list[str]) -> None:
    tagged = value if isinstance(value, dict) else tag(value)
    assert checks.check_int("rank", tagged, 2) == feedback


def test_check_bool_and_check_callable_name_a_missing_or_wrong_value() -> None:
    assert checks.check_bool("flag", {"type": "missing"}, True, "why")[0].startswith(
        "flag is not defined.")
    assert checks.check_bool("flag", tag(True), True, "why") == []
    assert checks.check_callable("f", {"type": "missing"}) == [
        "f is not defined: write a function with def f(...)."]
    assert checks.check_callable("f", tag(3)) == ["f should be a function, but it is the int 3."]
    assert checks.check_callable("f", tag(len)) == []


@pytest.mark.parametrize(
    ("value", "feedback"),
    [
        ({"type": "raised", "exception": "ValueError", "message": "bad x", "line": 7},
         ["Calling f(X) raised ValueError: bad x (line 7)."]),
        ({"type": "raised", "exception": "ZeroDivisionError", "message": ""},
         ["Calling f(X) raised ZeroDivisionError."]),
        ({"type": "raised", "exception": "KeyError", "message": "'a'", "line": None},
         ["Calling f(X) raised KeyError: 'a'."]),
        ({"type": "float", "value": 1.0}, []),
    ],
    ids=["with-line", "no-message", "no-line", "returned"],
)
def test_raised_says_what_a_call_raised_and_where(value: dict, feedback: list[str]) -> None:
    assert checks.raised("f(X)", value) == feedback


@pytest.mark.parametrize(
    ("value", "result"),
    [
        ((1.0,), "f() should return 2 values (w and losses), but it returned a tuple of 1."),
        ([1.0, 2.0, 3.0],
         "f() should return 2 values (w and losses), but it returned a list of 3."),
        (5.0, "f() should return 2 values (w and losses), but it returned the float 5."),
        ({"type": "list", "length": 2, "too_large": True},
         "f() should return 2 values (w and losses), but it returned a list of 2."),
        ((1.0, [2.0]), [{"type": "float", "value": 1.0},
                        {"type": "list", "length": 1, "items": [{"type": "float", "value": 2.0}]}]),
    ],
    ids=["too-few", "too-many", "not-a-sequence", "too-large", "two"],
)
def test_unpack_reads_exactly_the_values_a_function_returns(value: object, result: object) -> None:
    tagged = value if isinstance(value, dict) else tag(value)
    assert checks.unpack("f()", tagged, 2, "w and losses") == result
