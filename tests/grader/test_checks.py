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
