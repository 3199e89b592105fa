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
