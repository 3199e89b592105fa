"""Assignments: which exercises and quizzes count, for how many points, with which seed.

An assignment is registered by a content package (the course's ``linear-regression``, ``glm``
and ``course``) or written by an instructor as a small TOML file::

    title = "Week 3: fitting a line"
    seed = 2025                      # optional: the variant seed every run of it uses
    due = "Friday 14 March, 17:00"   # optional: shown in reports

    [exercises]                      # id = points (or a list of ids: each its own points)
    predict-x6 = 1
    lr-divergence = 2

    [quizzes]                        # id = points (a quiz's score is scaled to them)
    linear-regression = 10

The ids may come from any installed content package (see `grader.registry`).
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .exercise import Exercise
from .registry import Registry, current

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
Points = tuple[tuple[str, float | None], ...]


class AssignmentError(ValueError):
    """An assignment that cannot be used; the message says why and how to fix it."""


@dataclass(frozen=True)
class Assignment:
    """What counts, and for how much.

    Attributes:
        id: stable id (a TOML file's default is its file name without ``.toml``).
        title: what reports call it.
        exercises: ``(exercise id, points)`` pairs; None points keep the exercise's own.
        quizzes: ``(quiz id, points)`` pairs; None points give one point per question.
        seed: the variant seed every run of this assignment uses (None: drawn per run).
        due: a note for reports, free text.

    """

    id: str
    title: str
    exercises: Points = ()
    quizzes: Points = ()
    seed: int | None = None
    due: str = ""

    def graded_exercises(self, registry: Registry | None = None) -> dict[str, Exercise]:
        """Return the exercises it counts, each carrying the assignment's points."""
        known = (registry or current()).exercises
        _check_known(self, "exercise", [i for i, _ in self.exercises], known)
        return {i: known[i] if points is None else dataclasses.replace(known[i], points=points)
                for i, points in self.exercises}

    def quiz_points(self, registry: Registry | None = None) -> dict[str, float]:
        """Return quiz id -> the points the quiz is worth in this assignment."""
        known = (registry or current()).quizzes
        _check_known(self, "quiz", [i for i, _ in self.quizzes], known)
        return {i: float(len(known[i].questions)) if points is None else points
                for i, points in self.quizzes}

    def max_score(self, registry: Registry | None = None) -> float:
        """Return the assignment's total points."""
        exercises = self.graded_exercises(registry).values()
        return sum(e.points for e in exercises) + sum(self.quiz_points(registry).values())

    def describe(self, registry: Registry | None = None) -> dict[str, Any]:
        """Describe it as plain data, for reports."""
        return {"id": self.id, "title": self.title, "seed": self.seed, "due": self.due,
                "exercises": {i: e.points for i, e in self.graded_exercises(registry).items()},
                "quizzes": self.quiz_points(registry), "max_score": self.max_score(registry)}


def _check_known(assignment: Assignment, what: str, ids: list[str], known: dict) -> None:
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise AssignmentError(
            f"assignment {assignment.id!r} names unknown {what} ids: {', '.join(unknown)}; "
            f"known: {', '.join(known) or 'none'}"
        )


def _points(table: object, what: str, source: str) -> Points:
    if isinstance(table, list):
        table = dict.fromkeys(table)
    if not isinstance(table, dict):
        raise AssignmentError(f"{source}: [{what}] must be a table of id = points or a list of ids")
    pairs = []
    for key, points in table.items():
        if not isinstance(key, str) or not _SLUG.match(key):
            raise AssignmentError(f"{source}: {what} id {key!r} is not a valid id")
        if points is not None and (type(points) not in (int, float) or not points > 0):
            raise AssignmentError(f"{source}: {what} {key!r} must be worth a positive number "
                                  f"of points, not {points!r}")
        pairs.append((key, None if points is None else float(points)))
    return tuple(pairs)


FIELDS = {"id", "title", "seed", "due", "exercises", "quizzes"}


def parse_assignment(text: str, source: str = "<assignment>", default_id: str = "") -> Assignment:
    """Read an assignment from TOML text; raises `AssignmentError` saying what is wrong."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise AssignmentError(f"{source}: not valid TOML: {exc}") from None
    unknown = sorted(set(data) - FIELDS)
    if unknown:
        raise AssignmentError(f"{source}: unknown keys {', '.join(unknown)}; "
                              f"use {', '.join(sorted(FIELDS))}")
    ident = data.get("id", default_id)
    if not isinstance(ident, str) or not _SLUG.match(ident):
        raise AssignmentError(f"{source}: id must be lower-case letters, digits and dashes")
    seed = data.get("seed")
    if seed is not None and (type(seed) is not int or not 0 <= seed < 2**63):
        raise AssignmentError(f"{source}: seed must be a whole number of zero or more")
    title, due = data.get("title", ident), data.get("due", "")
    if not isinstance(title, str) or not isinstance(due, str):
        raise AssignmentError(f"{source}: title and due must be text")
    exercises = _points(data.get("exercises", {}), "exercises", source)
    quizzes = _points(data.get("quizzes", {}), "quizzes", source)
    if not exercises and not quizzes:
        raise AssignmentError(f"{source}: an assignment needs [exercises] or [quizzes]")
    return Assignment(ident, title, exercises, quizzes, seed, due)


def to_toml(assignment: Assignment, seed: int | None = None,
            registry: Registry | None = None) -> str:
    """Write an assignment as TOML with every points value explicit (``seed`` overrides)."""
    explicit = resolved(assignment, registry)
    lines = [f"id = {_quote(explicit.id)}", f"title = {_quote(explicit.title)}"]
    chosen = explicit.seed if seed is None else seed
    if chosen is not None:
        lines.append(f"seed = {int(chosen)}")
    if explicit.due:
        lines.append(f"due = {_quote(explicit.due)}")
    for what, pairs in (("exercises", explicit.exercises), ("quizzes", explicit.quizzes)):
        if pairs:
            lines.append(f"\n[{what}]")
            lines += [f"{key} = {points!r}" for key, points in pairs]
    return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in escaped) + '"'


def find_assignment(name_or_file: str | Path, registry: Registry | None = None) -> Assignment:
    """Return a registered assignment by name, or read one from a ``.toml`` file."""
    known = (registry or current()).assignments
    text = str(name_or_file)
    if text in known:
        return known[text]
    path = Path(text)
    if path.suffix == ".toml" or path.is_file():
        try:
            body = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise AssignmentError(f"cannot read assignment file {text}: {exc}") from None
        return parse_assignment(body, text, default_id=_slug(path.stem))
    raise AssignmentError(f"unknown assignment {text!r}; built in: {', '.join(known) or 'none'}, "
                          "or give a .toml file")


def _slug(stem: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "assignment"


def resolved(assignment: Assignment, registry: Registry | None = None) -> Assignment:
    """Return the same assignment with every points value explicit (for writing it out)."""
    exercises = tuple((i, e.points) for i, e in assignment.graded_exercises(registry).items())
    quizzes = tuple(assignment.quiz_points(registry).items())
    return dataclasses.replace(assignment, exercises=exercises, quizzes=quizzes)
