"""Read and validate "Download my work" files.

A submission is one JSON file in the schema ``linear-models-course/submission/v1``::

    {"schema": "linear-models-course/submission/v1", "course": {"version": "..."},
     "learner": {"name": "...", "email": "..."}, "exported_at": "ISO 8601",
     "exercises": {"predict-x6": {"answer": 220}, "lr-divergence": {"code": "..."}},
     "quizzes": {"<quiz id>": {"<question id>": <answer>}}}

A file that is not JSON, has another schema or has fields of the wrong type becomes an
*invalid* `Submission` carrying a reason; reading never raises for a bad file, so one broken
file cannot stop a batch.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

SCHEMA = "linear-models-course/submission/v1"
MAX_BYTES = 5 * 1024 * 1024
MAX_DIGITS = 100


class InvalidSubmission(ValueError):
    """A submission file broke the schema; the message says how."""


@dataclass(frozen=True)
class Submission:
    """One learner's exported work, or the reason it could not be read.

    Attributes:
        path: where the file was read from.
        valid: whether the file follows the schema.
        error: why the file is invalid (None when valid).
        learner: ``{"name", "email"}``; empty strings when unknown.
        exercises: exercise id -> work (``{"code": ...}`` or ``{"answer": ...}``).
        quizzes: quiz id -> {question id -> answer}, kept for quiz scoring.
        course_version: the course version the work was exported from.
        exported_at: when it was exported (ISO 8601 text).

    """

    path: Path
    valid: bool
    error: str | None = None
    learner: dict[str, str] = field(default_factory=lambda: {"name": "", "email": ""})
    exercises: dict[str, dict[str, Any]] = field(default_factory=dict)
    quizzes: dict[str, dict[str, Any]] = field(default_factory=dict)
    course_version: str | None = None
    exported_at: str | None = None


def find_submissions(paths: Iterable[str | Path]) -> list[Path]:
    """Expand files and folders into a sorted list of submission files.

    Folders are searched recursively for ``*.json``; files are taken as given.

    Raises:
        FileNotFoundError: a path does not exist.

    """
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(p for p in sorted(path.rglob("*.json")) if p.is_file())
        elif path.is_file():
            found.append(path)
        else:
            raise FileNotFoundError(f"no such file or directory: {raw}")
    return list(dict.fromkeys(found))


def load_submission(path: str | Path) -> Submission:
    """Read one submission file; problems make an invalid `Submission`, never an exception."""
    path = Path(path)
    try:
        raw = _read_regular_file(path)
    except OSError as exc:
        return Submission(path, valid=False, error=f"cannot read the file: {exc.strerror}")
    except InvalidSubmission as exc:
        return Submission(path, valid=False, error=str(exc))
    return parse_submission(raw, path)


def _read_regular_file(path: Path) -> bytes:
    """Read at most `MAX_BYTES` of a regular file, never waiting on a device or a pipe.

    A name can lead anywhere (a symlink to a FIFO or to /proc/kmsg, whose reads block), so
    the file is opened without blocking and must be a regular file of bounded size.
    """
    too_large = InvalidSubmission(f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB")
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InvalidSubmission("not a regular file (a device, a pipe or a folder)")
        if info.st_size > MAX_BYTES:
            raise too_large
        chunks, left = [], MAX_BYTES + 1
        while left and (chunk := os.read(fd, min(left, 1 << 20))):
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    if not left:
        raise too_large
    return b"".join(chunks)


def parse_submission(raw: bytes | str, path: str | Path = "<memory>") -> Submission:
    """Validate the bytes (or text) of a submission."""
    path = Path(path)
    try:
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
        data = json.loads(text, parse_int=_bounded_int)
    except UnicodeDecodeError:
        return Submission(path, valid=False, error="the file is not UTF-8 text")
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        return Submission(path, valid=False, error=f"not valid JSON: {exc.msg} ({where})")
    except RecursionError:
        return Submission(path, valid=False, error="not valid JSON: nested too deeply")
    except InvalidSubmission as exc:
        return Submission(path, valid=False, error=str(exc))
    except (ValueError, MemoryError) as exc:  # whatever else the parser refuses
        return Submission(path, valid=False, error=f"not valid JSON: {type(exc).__name__}")
    if _LONE_SURROGATE_ESCAPE.search(text):
        data = _without_lone_surrogates(data)
    try:
        return _validated(data, path)
    except InvalidSubmission as exc:
        return Submission(path, valid=False, error=str(exc), learner=_learner_if_any(data))


# JSON may spell half of a UTF-16 pair on its own ("\udc80"): valid JSON, but text no report can
# be written in. Such halves become U+FFFD everywhere but in code, which never reaches a report.
_LONE_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATES = re.compile("[\ud800-\udfff]")


def _without_lone_surrogates(value: Any, key: object = None) -> Any:
    if type(value) is str:
        return value if key == "code" else _SURROGATES.sub("\ufffd", value)
    if type(value) is list:
        return [_without_lone_surrogates(item) for item in value]
    if type(value) is dict:
        return {_without_lone_surrogates(k): _without_lone_surrogates(v, k)
                for k, v in value.items()}
    return value


def shown_path(path: str | Path) -> str:
    """A file's name as text any report can hold (bytes that are not UTF-8 escaped)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _bounded_int(text: str) -> int:
    """Read a JSON integer; refuse absurd lengths (no answer needs them; they cost time)."""
    if len(text) > MAX_DIGITS:
        raise InvalidSubmission(f"a number in the file has {len(text)} digits; "
                                f"at most {MAX_DIGITS} are accepted")
    return int(text)


def _learner_if_any(data: object) -> dict[str, str]:
    learner = data.get("learner") if type(data) is dict else None
    if type(learner) is not dict:
        return {"name": "", "email": ""}
    return {key: learner[key] if type(learner.get(key)) is str else "" for key in ("name", "email")}


def _object(value: object, what: str) -> dict[str, Any]:
    if type(value) is not dict:
        raise InvalidSubmission(f"{what} must be a JSON object, not {_json_type(value)}")
    return value


def _text(value: object, what: str) -> str:
    if type(value) is not str:
        raise InvalidSubmission(f"{what} must be text, not {_json_type(value)}")
    return value


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "text", bool: "a boolean",
             int: "a number", float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _validated(data: object, path: Path) -> Submission:
    data = _object(data, "the top level")
    schema = data.get("schema")
    if schema != SCHEMA:
        shown = "missing" if schema is None else repr(schema)[:80]
        raise InvalidSubmission(f"schema is {shown}, expected {SCHEMA!r}")
    course = _object(data.get("course"), "course")
    version = _text(course.get("version"), "course.version")
    learner = _object(data.get("learner"), "learner")
    people = {key: _text(learner.get(key), f"learner.{key}") for key in ("name", "email")}
    exported_at = _text(data.get("exported_at"), "exported_at")
    try:
        datetime.fromisoformat(exported_at)
    except ValueError:
        raise InvalidSubmission(
            f"exported_at must be an ISO 8601 date and time, not {exported_at[:40]!r}"
        ) from None
    exercises = _object(data.get("exercises", {}), "exercises")
    for exercise_id, work in exercises.items():
        work = _object(work, f"exercises[{exercise_id!r}]")
        if "code" in work and work["code"] is not None:
            _text(work["code"], f"exercises[{exercise_id!r}].code")
    quizzes = _object(data.get("quizzes", {}), "quizzes")
    for quiz_id, answers in quizzes.items():
        _object(answers, f"quizzes[{quiz_id!r}]")
    return Submission(
        path, valid=True, learner=people, exercises=exercises, quizzes=quizzes,
        course_version=version, exported_at=exported_at,
    )
