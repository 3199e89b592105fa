"""grader.runner: running code and reducing learner values to exactly-typed plain data."""

from __future__ import annotations

import json

import numpy as np
import pytest

from grader.runner import build_arg, extract, tag


class LyingEquals:
    """Claims to equal everything."""

    def __eq__(self, other: object) -> bool:
        return True

    def __hash__(self) -> int:
        return 0


class SneakyFloat(float):
    """A float subclass that claims to equal everything."""

    def __eq__(self, other: object) -> bool:
        return True

    def __hash__(self) -> int:
        return 0


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (True, {"type": "bool", "value": True}),
        (np.True_, {"type": "bool", "value": True}),
        (3, {"type": "int", "value": 3}),
        (np.int32(2), {"type": "int", "value": 2}),
        (2.5, {"type": "float", "value": 2.5}),
        (np.float64(2.5), {"type": "float", "value": 2.5}),
        (None, {"type": "none"}),
        ("hi", {"type": "str", "value": "hi", "length": 2}),
    ],
    ids=["bool", "numpy-bool", "int", "numpy-int", "float", "numpy-float", "none", "str"],
)
def test_tag_names_exact_scalar_types(value: object, expected: dict) -> None:
    assert tag(value) == expected


@pytest.mark.parametrize(
    "value",
    [LyingEquals(), SneakyFloat(2.0), np.ma.masked_array([1.0, 2.0]), 1 + 2j],
    ids=["lying-eq", "float-subclass", "array-subclass", "complex"],
)
def test_tag_refuses_lookalikes(value: object) -> None:
    assert tag(value)["type"] == "other"


def test_tag_copies_arrays_as_flat_values_with_shape() -> None:
    tagged = tag(np.arange(6.0).reshape(2, 3))
    assert tagged == {
        "type": "array", "shape": [2, 3], "kind": "f", "values": [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]
    }


def test_tag_keeps_nan_and_inf_for_the_checks_to_explain() -> None:
    values = tag(np.array([np.nan, np.inf]))["values"]
    assert np.isnan(values[0])
    assert values[1] == float("inf")


def test_tag_does_not_copy_object_arrays() -> None:
    tagged = tag(np.array([LyingEquals()], dtype=object))
    assert tagged["kind"] == "O"
    assert "values" not in tagged


def test_tag_caps_huge_values() -> None:
    assert tag(np.zeros(300_000))["too_large"] is True
    assert tag(list(range(300_000)))["too_large"] is True


def test_tag_reports_the_real_class_name_not_a_spoofed_one() -> None:
    class Meta(type):
        @property
        def __name__(cls) -> str:  # type: ignore[override]
            return "float"

    class Fake(metaclass=Meta):
        pass

    assert tag(Fake()) == {"type": "other", "class": "Fake"}


def test_extract_reads_names_and_calls_functions_on_given_inputs() -> None:
    job = {
        "code": "import numpy as np\nscale = 2\ndef f(X, k):\n    return X.sum() * k * scale\n",
        "names": ["scale", "absent"],
        "calls": [{"key": "one", "function": "f", "args": [
            {"type": "array", "shape": [2], "values": [1.0, 2.0]}, {"type": "int", "value": 3}]}],
    }
    result = extract(job)
    assert result["error"] is None
    assert result["names"] == {"scale": {"type": "int", "value": 2}, "absent": {"type": "missing"}}
    assert result["calls"]["one"] == {"type": "float", "value": 18.0}
    json.dumps(result)


@pytest.mark.parametrize(
    ("code", "kind", "exception", "line"),
    [
        ("x = (", "syntax", "SyntaxError", 1),
        ("x = 1\nraise ValueError('nope')", "raised", "ValueError", 2),
        ("import sys\nsys.exit(3)", "raised", "SystemExit", 2),
        ("a = 1\n\nb = 1 / 0", "raised", "ZeroDivisionError", 3),
    ],
    ids=["syntax", "value-error", "system-exit", "zero-division"],
)
def test_extract_reports_why_code_stopped(code: str, kind: str, exception: str, line: int) -> None:
    error = extract({"code": code, "names": [], "calls": []})["error"]
    assert (error["kind"], error["exception"], error["line"]) == (kind, exception, line)


def test_extract_reports_an_exception_raised_by_a_called_function() -> None:
    job = {"code": "def f():\n    raise KeyError('k')\n", "names": [],
           "calls": [{"key": "c", "function": "f", "args": []}]}
    assert extract(job)["calls"]["c"] == {
        "type": "raised", "exception": "KeyError", "message": "'k'", "line": 2
    }


def test_extract_swallows_output_and_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    code = "import numpy as np\nprint('hello')\nx = np.float64(1e308) * 10\n"
    result = extract({"code": code, "names": ["x"], "calls": []})
    assert result["names"]["x"] == {"type": "float", "value": float("inf")}
    assert capsys.readouterr() == ("", "")


def test_extract_lets_keyboard_interrupt_through_when_asked() -> None:
    job = {"code": "raise KeyboardInterrupt", "names": [], "calls": []}
    with pytest.raises(KeyboardInterrupt):
        extract(job, reraise=(KeyboardInterrupt,))
    assert extract(job)["error"]["exception"] == "KeyboardInterrupt"


def test_build_arg_gives_learners_fresh_float_arrays() -> None:
    spec = {"type": "array", "shape": [2, 1], "values": [1, 2]}
    first, second = build_arg(spec), build_arg(spec)
    assert first.dtype == np.float64
    assert first.shape == (2, 1)
    assert first is not second
