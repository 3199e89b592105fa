"""What reports call each exercise and quiz: id -> title, from the registry."""

from __future__ import annotations

from .registry import current


def titles() -> dict[str, str]:
    """Return id -> title for every registered exercise and quiz."""
    registry = current()
    named = {exercise_id: e.title for exercise_id, e in registry.exercises.items()}
    named.update((quiz_id, quiz.title) for quiz_id, quiz in registry.quizzes.items())
    return named
