"""What the grader grades: exercises, quizzes and assignments registered by content packages.

The grader knows no exercise. A content package (the course's ``exercises``, or any other
installed package) names a function in the ``grader.content`` entry-point group of its
``pyproject.toml``::

    [project.entry-points."grader.content"]
    linear-models-course = "exercises:register"

and that function adds its exercises, quizzes and assignments to the `Registry` it is handed.
`current()` loads every registered package once, on first use; `use()` hands in a registry
built some other way (a test, a host without package metadata).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .assignments import Assignment
    from .exercise import Exercise
    from .quiz import Quiz

GROUP = "grader.content"


class RegistryError(RuntimeError):
    """Content could not be registered: a failing package, or two things with one id."""


@dataclass
class Registry:
    """Plain dicts of what can be graded, keyed by stable id, in registration order."""

    exercises: dict[str, Exercise] = field(default_factory=dict)
    quizzes: dict[str, Quiz] = field(default_factory=dict)
    assignments: dict[str, Assignment] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)

    def add_exercise(self, exercise: Exercise) -> None:
        """Register one exercise; an id may be registered once."""
        _add(self.exercises, exercise.id, exercise, "exercise")

    def add_quiz(self, quiz: Quiz) -> None:
        """Register one quiz."""
        _add(self.quizzes, quiz.id, quiz, "quiz")

    def add_assignment(self, assignment: Assignment) -> None:
        """Register one assignment (its exercises and quizzes are resolved when it is used)."""
        _add(self.assignments, assignment.id, assignment, "assignment")


def _add(table: dict[str, Any], key: str, value: object, what: str) -> None:
    if key in table and table[key] is not value:
        plural = "quizzes" if what == "quiz" else f"{what}s"
        raise RegistryError(f"two {plural} have the id {key!r}; ids must be unique")
    table[key] = value


_CURRENT: Registry | None = None


def discover(group: str = GROUP) -> Registry:
    """Build a registry from every installed package's ``grader.content`` entry point."""
    registry = Registry()
    for point in sorted(entry_points(group=group), key=lambda point: point.name):
        try:
            point.load()(registry)
        except RegistryError:
            raise
        except Exception as exc:
            raise RegistryError(
                f"content package {point.name!r} ({point.value}) failed to register: "
                f"{type(exc).__name__}: {exc}"
            ) from exc
        registry.sources.append(f"{point.name} ({point.value})")
    return registry


def current() -> Registry:
    """Return the registry in use, discovering the installed content on first call."""
    global _CURRENT
    if _CURRENT is None:
        _CURRENT = discover()
    return _CURRENT


def use(registry: Registry | None) -> Registry | None:
    """Hand in the registry to use from now on (None: discover again); returns the old one."""
    global _CURRENT
    previous, _CURRENT = _CURRENT, registry
    return previous
