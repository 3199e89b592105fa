"""grader.submission: valid files are read; malformed ones are invalid with a reason."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from grader import find_submissions, load_submission, parse_submission

GOOD = {
    "schema": "linear-models-course/submission/v1",
    "course": {"version": "0.1.0"},
    "learner": {"name": "Ada", "email": "ada@example.org"},
    "exported_at": "2025-03-01T10:00:00Z",
    "exercises": {"predict-x6": {"answer": 220}, "lr-divergence": {"code": "x = 1"}},
    "quizzes": {"linear-regression": {"q1": "b"}},
}


def with_changes(**changes: object) -> str:
    data = {**GOOD, **changes}
    return json.dumps({k: v for k, v in data.items() if v is not ...})


def test_a_valid_file_is_read_completely() -> None:
    submission = parse_submission(json.dumps(GOOD), "ada.json")
    assert submission.valid
    assert submission.error is None
    assert submission.learner == {"name": "Ada", "email": "ada@example.org"}
    assert submission.exercises["predict-x6"] == {"answer": 220}
    assert submission.quizzes == {"linear-regression": {"q1": "b"}}
    assert submission.course_version == "0.1.0"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("{not json", "not valid JSON: Expecting property name enclosed in double quotes"),
        ("[]", "the top level must be a JSON object, not a list"),
        (with_changes(schema="linear-models-course/submission/v2"), "schema is 'linear-models"),
        (with_changes(schema=...), "schema is missing"),
        (with_changes(course=[]), "course must be a JSON object, not a list"),
        (with_changes(learner={"name": "Ada"}), "learner.email must be text, not null"),
        (with_changes(exported_at="yesterday"), "exported_at must be an ISO 8601 date and time"),
        (with_changes(exercises=[]), "exercises must be a JSON object, not a list"),
        (with_changes(exercises={"lr-divergence": "x = 1"}),
         "exercises['lr-divergence'] must be a JSON object, not text"),
        (with_changes(exercises={"lr-divergence": {"code": 5}}),
         "exercises['lr-divergence'].code must be text, not a number"),
        (with_changes(quizzes={"q": 1}), "quizzes['q'] must be a JSON object, not a number"),
        ("[" * 100_000, "not valid JSON"),
    ],
    ids=["not-json", "list", "wrong-schema", "no-schema", "course", "learner", "date",
         "exercises", "work", "code", "quizzes", "deep"],
)
def test_malformed_files_are_invalid_with_a_reason(text: str, reason: str) -> None:
    submission = parse_submission(text, "bad.json")
    assert not submission.valid
    assert reason in submission.error


def test_invalid_files_keep_the_learner_when_it_can_be_read() -> None:
    submission = parse_submission(with_changes(exported_at=3), "bad.json")
    assert submission.learner["name"] == "Ada"


def test_bytes_that_are_not_utf8_are_invalid() -> None:
    assert parse_submission(b"\xff\xfe{}", "x.json").error == "the file is not UTF-8 text"


def test_oversized_files_are_not_read(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (6 * 1024 * 1024))
    assert "larger than 5 MB" in load_submission(big).error


def test_find_submissions_expands_folders_and_refuses_missing_paths(
    write_submission: Callable[..., Path], tmp_path: Path
) -> None:
    first = write_submission("Ada", {})
    nested = tmp_path / "subs" / "late"
    nested.mkdir()
    second = nested / "ben.json"
    second.write_text("{}")
    (tmp_path / "subs" / "notes.txt").write_text("ignored")
    assert find_submissions([tmp_path / "subs", first]) == [first, second]
    with pytest.raises(FileNotFoundError, match="no such file or directory"):
        find_submissions([tmp_path / "nowhere"])
