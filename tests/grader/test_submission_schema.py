"""The submission schema, rule by rule: one field of a valid file given the wrong type.

Each case starts from a valid v1 file, changes exactly one field, and checks the file becomes
invalid with the reason an instructor reads in the summary line (and nothing else changes:
the same file with that field right is valid).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from grader import SCHEMA, load_submission, parse_submission

VALID: dict[str, Any] = {
    "schema": SCHEMA,
    "course": {"version": "0.1.0"},
    "learner": {"name": "Ada", "email": "ada@example.org"},
    "exported_at": "2025-03-14T16:02:11Z",
    "exercises": {"predict-x6": {"answer": 220}, "lr-divergence": {"code": "x = 1"}},
    "quizzes": {"linear-regression": {"residual-sign": "sooner"}},
}
DROP = object()  # a field removed rather than changed


def changed(path: tuple[str, ...], value: object) -> str:
    """Return the valid file as JSON text with the field at ``path`` set to ``value``."""
    data = copy.deepcopy(VALID)
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    if value is DROP:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return json.dumps(data)


# How the reason names each JSON type the wrong value has.
WRONG_TYPES = [([], "a list"), ("x", "text"), (7, "a number"), (2.5, "a number"),
               (True, "a boolean"), (None, "null"), ({}, "an object")]
TYPE_IDS = ["list", "text", "int", "float", "bool", "null", "object"]

OBJECT_FIELDS = [
    (("course",), "course"),
    (("learner",), "learner"),
    (("exercises",), "exercises"),
    (("exercises", "lr-divergence"), "exercises['lr-divergence']"),
    (("exercises", "predict-x6"), "exercises['predict-x6']"),
    (("quizzes",), "quizzes"),
    (("quizzes", "linear-regression"), "quizzes['linear-regression']"),
]
TEXT_FIELDS = [
    (("course", "version"), "course.version"),
    (("learner", "name"), "learner.name"),
    (("learner", "email"), "learner.email"),
    (("exported_at",), "exported_at"),
    (("exercises", "lr-divergence", "code"), "exercises['lr-divergence'].code"),
]


def test_the_valid_file_these_cases_start_from_is_valid() -> None:
    submission = parse_submission(json.dumps(VALID), "ada.json")
    assert (submission.valid, submission.error) == (True, None)
    assert submission.learner == {"name": "Ada", "email": "ada@example.org"}
    assert submission.course_version == "0.1.0"
    assert submission.exported_at == "2025-03-14T16:02:11Z"
    assert submission.exercises == VALID["exercises"]
    assert submission.quizzes == VALID["quizzes"]


@pytest.mark.parametrize(("path", "name"), OBJECT_FIELDS, ids=[n for _, n in OBJECT_FIELDS])
@pytest.mark.parametrize(("value", "kind"), WRONG_TYPES[:-1], ids=TYPE_IDS[:-1])
def test_a_field_that_must_be_an_object_refuses_every_other_type(
    path: tuple[str, ...], name: str, value: object, kind: str
) -> None:
    submission = parse_submission(changed(path, value), "bad.json")
    assert not submission.valid
    assert submission.error == f"{name} must be a JSON object, not {kind}"


# Every text field against every other type; ``code: null`` is left out on purpose, as it is
# the documented way to say "no code" (see `test_what_the_schema_leaves_open_stays_valid`).
TEXT_CASES = [
    pytest.param(path, name, value, kind, id=f"{name}-{type_id}")
    for path, name in TEXT_FIELDS
    for (value, kind), type_id in zip(WRONG_TYPES, TYPE_IDS, strict=True)
    if kind != "text" and not (path[-1] == "code" and value is None)
]


@pytest.mark.parametrize(("path", "name", "value", "kind"), TEXT_CASES)
def test_a_field_that_must_be_text_refuses_every_other_type(
    path: tuple[str, ...], name: str, value: object, kind: str
) -> None:
    submission = parse_submission(changed(path, value), "bad.json")
    assert not submission.valid
    assert submission.error == f"{name} must be text, not {kind}"


@pytest.mark.parametrize(
    ("path", "name"),
    [(("course", "version"), "course.version"), (("learner", "name"), "learner.name"),
     (("learner", "email"), "learner.email"), (("exported_at",), "exported_at")],
    ids=["course.version", "learner.name", "learner.email", "exported_at"],
)
def test_a_required_text_field_left_out_is_named(path: tuple[str, ...], name: str) -> None:
    assert parse_submission(changed(path, DROP)).error == f"{name} must be text, not null"


@pytest.mark.parametrize(
    ("path", "name"), [(("course",), "course"), (("learner",), "learner")],
    ids=["course", "learner"],
)
def test_a_required_object_left_out_is_named(path: tuple[str, ...], name: str) -> None:
    assert parse_submission(changed(path, DROP)).error == f"{name} must be a JSON object, not null"


@pytest.mark.parametrize(
    ("path", "value"),
    [(("exercises",), DROP), (("quizzes",), DROP), (("exercises", "lr-divergence", "code"), None),
     (("exercises", "lr-divergence"), {}), (("exercises", "predict-x6", "answer"), [1, "x"]),
     (("quizzes", "linear-regression"), {}), (("learner", "name"), "")],
    ids=["no-exercises", "no-quizzes", "null-code", "empty-work", "any-answer", "empty-quiz",
         "empty-name"],
)
def test_what_the_schema_leaves_open_stays_valid(path: tuple[str, ...], value: object) -> None:
    submission = parse_submission(changed(path, value), "ok.json")
    assert (submission.valid, submission.error) == (True, None)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ([], "the top level must be a JSON object, not a list"),
        ('"text"', "the top level must be a JSON object, not text"),
        (3, "the top level must be a JSON object, not a number"),
        (None, "the top level must be a JSON object, not null"),
        (False, "the top level must be a JSON object, not a boolean"),
    ],
    ids=["list", "text", "number", "null", "bool"],
)
def test_the_top_level_must_be_an_object(value: object, reason: str) -> None:
    text = value if isinstance(value, str) else json.dumps(value)
    assert parse_submission(text).error == reason


@pytest.mark.parametrize(
    ("value", "shown"),
    [(DROP, "missing"), (None, "missing"), (1, "1"), (["v1"], "['v1']"), (True, "True"),
     ("linear-models-course/submission/v0", "'linear-models-course/submission/v0'"),
     ("x" * 200, repr("x" * 200)[:80])],
    ids=["missing", "null", "number", "list", "bool", "older-version", "long-text-cut-at-80"],
)
def test_the_schema_must_be_exactly_v1(value: object, shown: str) -> None:
    error = parse_submission(changed(("schema",), value)).error
    assert error == f"schema is {shown}, expected 'linear-models-course/submission/v1'"


@pytest.mark.parametrize(
    ("value", "valid"),
    [("2025-03-14", True), ("2025-03-14T16:02:11+01:00", True), ("2025-03-14 16:02", True),
     ("yesterday", False), ("14/03/2025", False), ("2025-13-01", False), ("", False)],
    ids=["date", "offset", "space", "words", "day-first", "month-13", "empty"],
)
def test_exported_at_must_be_an_iso_8601_date(value: str, valid: bool) -> None:
    submission = parse_submission(changed(("exported_at",), value))
    assert submission.valid is valid
    if not valid:
        assert submission.error == (
            f"exported_at must be an ISO 8601 date and time, not {value!r}")


def test_a_long_bad_date_is_quoted_cut_to_40_characters() -> None:
    error = parse_submission(changed(("exported_at",), "y" * 100)).error
    assert error == f"exported_at must be an ISO 8601 date and time, not {'y' * 40!r}"


@pytest.mark.parametrize(
    ("path", "value"),
    [(("exported_at",), 3), (("course",), []), (("exercises",), "all"), (("quizzes",), 1),
     (("schema",), "v0")],
    ids=["date", "course", "exercises", "quizzes", "schema"],
)
def test_an_invalid_file_still_names_its_learner(path: tuple[str, ...], value: object) -> None:
    submission = parse_submission(changed(path, value), "bad.json")
    assert not submission.valid
    assert submission.learner == {"name": "Ada", "email": "ada@example.org"}


@pytest.mark.parametrize(
    ("learner", "kept"),
    [({"name": 5, "email": "ada@example.org"}, {"name": "", "email": "ada@example.org"}),
     ({"name": "Ada"}, {"name": "Ada", "email": ""}),
     ("Ada", {"name": "", "email": ""}),
     (None, {"name": "", "email": ""})],
    ids=["name-not-text", "no-email", "learner-not-object", "learner-null"],
)
def test_an_invalid_learner_keeps_only_the_text_it_has(
    learner: object, kept: dict[str, str]
) -> None:
    submission = parse_submission(changed(("learner",), learner), "bad.json")
    assert not submission.valid
    assert submission.learner == kept


def test_a_file_that_is_not_an_object_has_no_learner() -> None:
    assert parse_submission("[1]").learner == {"name": "", "email": ""}


@pytest.mark.parametrize(
    ("digits", "valid"), [(100, True), (101, False), (4000, False)],
    ids=["hundred-digits", "one-more", "thousands"],
)
def test_a_number_of_more_than_a_hundred_digits_is_refused(digits: int, valid: bool) -> None:
    answer = int("9" * digits)
    submission = parse_submission(changed(("exercises", "predict-x6", "answer"), answer))
    assert submission.valid is valid
    if not valid:
        assert submission.error == (
            f"a number in the file has {digits} digits; at most 100 are accepted")
    else:
        assert submission.exercises["predict-x6"]["answer"] == answer


# Files that cannot be read, or read as JSON: invalid, at their path, with the reason shown.
def test_a_file_of_exactly_five_mib_is_read_and_one_byte_more_is_not(tmp_path: Path) -> None:
    text = json.dumps(VALID)
    limit = tmp_path / "limit.json"
    limit.write_text(text + " " * (5 * 1024 * 1024 - len(text)), encoding="utf-8")
    over = tmp_path / "over.json"
    over.write_text(text + " " * (5 * 1024 * 1024 - len(text) + 1), encoding="utf-8")
    assert (load_submission(limit).valid, load_submission(limit).error) == (True, None)
    refused = load_submission(over)
    assert (refused.path, refused.valid, refused.error) == (
        over, False, "the file is larger than 5 MB")


@pytest.mark.parametrize(
    ("name", "error"),
    [("folder.json", "not a regular file (a device, a pipe or a folder)"),
     ("gone.json", "cannot read the file: No such file or directory")],
    ids=["folder", "vanished"],
)
def test_a_path_that_cannot_be_read_is_invalid_saying_why(
    tmp_path: Path, name: str, error: str
) -> None:
    (tmp_path / "folder.json").mkdir()
    refused = load_submission(tmp_path / name)
    assert (refused.path, refused.valid, refused.error) == (tmp_path / name, False, error)


@pytest.mark.parametrize(
    ("raw", "error"),
    [
        (b"\xff\xfe{}", "the file is not UTF-8 text"),
        ("", "not valid JSON: Expecting value (line 1 column 1)"),
        ('{"schema":\n  }', "not valid JSON: Expecting value (line 2 column 3)"),
        ("[" * 100_000, "not valid JSON: nested too deeply"),
    ],
    ids=["not-utf-8", "empty", "where-it-broke", "too-deep"],
)
def test_text_that_is_not_json_is_invalid_at_its_path(raw: bytes | str, error: str) -> None:
    refused = parse_submission(raw, "ben.json")
    assert (refused.path, refused.valid, refused.error) == (Path("ben.json"), False, error)
    assert refused.learner == {"name": "", "email": ""}


def test_a_utf8_byte_order_mark_is_allowed_and_text_has_a_default_path() -> None:
    submission = parse_submission(b"\xef\xbb\xbf" + json.dumps(VALID).encode())
    assert (submission.valid, submission.path) == (True, Path("<memory>"))


def test_half_a_utf16_pair_becomes_a_replacement_character_everywhere_but_in_code() -> None:
    # JSON can spell a lone surrogate ("\udc80"); no report could be written in it.
    data = copy.deepcopy(VALID)
    data["learner"]["name"] = "Ada \udc80"
    data["exercises"]["lr-divergence"]["code"] = "s = '\ud800'"
    data["exercises"]["predict-x6"]["answer"] = ["\udfff", {"\ud83d": "x\udc00"}]
    data["quizzes"]["linear-regression"]["residual-sign"] = "\ud800sooner"
    submission = parse_submission(json.dumps(data), "ada.json")
    assert (submission.valid, submission.error) == (True, None)
    assert submission.learner["name"] == "Ada \ufffd"
    assert submission.exercises["lr-divergence"]["code"] == "s = '\ud800'"
    assert submission.exercises["predict-x6"]["answer"] == ["\ufffd", {"\ufffd": "x\ufffd"}]
    assert submission.quizzes["linear-regression"]["residual-sign"] == "\ufffdsooner"
    refused = parse_submission(json.dumps({**data, "exported_at": "\udc80"}), "bad.json")
    assert refused.error == "exported_at must be an ISO 8601 date and time, not '\ufffd'"
    assert refused.learner["name"] == "Ada \ufffd"
