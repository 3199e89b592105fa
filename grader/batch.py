"""Grade many submissions offline: every code exercise in its own sandboxed process.

`Grader` computes each exercise's plan and reference once per run (one seed for the whole
run), sends learner code to `grader.sandbox.Sandbox`, and turns each outcome into the same
report `grader.check_in_process` gives in the browser. Answers are plain JSON values, so they
are judged directly without running anything.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .assignments import Assignment
from .exercise import Exercise, Extraction, Plan
from .grading import (
    DEFAULT_TIMEOUT,
    answer_extraction,
    fresh_seed,
    reference,
    registry,
    report,
    timeout_feedback,
    verdict,
    work_problem,
)
from .identical import identical_groups
from .quiz import grade_quizzes
from .quiz import registry as quiz_registry
from .submission import Submission, find_submissions, load_submission, shown_path

if TYPE_CHECKING:
    from .sandbox import Outcome, Sandbox

Progress = Callable[[int, int], None]
DEFAULT_MEMORY_MB = 512
DEFAULT_OUTPUT_LIMIT = 1024 * 1024


class Grader:
    """Offline grading with one seed, one set of references and one sandbox.

    Args:
        seed: the variant-data seed; a fresh one is drawn when None (see ``self.seed``).
        timeout: wall-clock seconds allowed per exercise run.
        memory_mb: memory, in MiB, each run may use on top of NumPy's own.
        jobs: runs in parallel (default: the number of CPUs).
        output_limit: bytes a run may print before it is stopped.
        landlock: confine runs with Landlock where the kernel supports it.
        assignment: grade only what it names, for its points, with its seed unless ``seed``
            is given (None: every registered exercise and quiz, quizzes beside the score).

    """

    def __init__(
        self,
        *,
        seed: int | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        memory_mb: int = DEFAULT_MEMORY_MB,
        jobs: int | None = None,
        output_limit: int = DEFAULT_OUTPUT_LIMIT,
        landlock: bool = True,
        assignment: Assignment | None = None,
    ) -> None:
        if seed is None and assignment is not None:
            seed = assignment.seed
        self.seed = fresh_seed() if seed is None else seed
        self.timeout, self.memory_mb, self.output_limit = timeout, memory_mb, output_limit
        self.jobs = jobs or os.cpu_count() or 1
        self.landlock = landlock
        self.assignment = assignment
        self.exercises: dict[str, Exercise] = (
            registry() if assignment is None else assignment.graded_exercises())
        self.quiz_points: dict[str, float | None] = (
            dict.fromkeys(quiz_registry()) if assignment is None else assignment.quiz_points())
        self._prepared: dict[str, tuple[Plan, Extraction]] = {}
        self._sandbox: Sandbox | None = None

    def __enter__(self) -> Grader:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the sandbox, if one was started."""
        if self._sandbox is not None:
            self._sandbox.close()
            self._sandbox = None

    def _prepare(self, exercise: Exercise) -> tuple[Plan, Extraction]:
        if exercise.id not in self._prepared:
            plan = exercise.plan(self.seed)
            self._prepared[exercise.id] = plan, reference(exercise, plan)
        return self._prepared[exercise.id]

    def sandbox(self) -> Sandbox:
        """Return the sandbox, starting it on first use."""
        if self._sandbox is None:
            from .sandbox import Sandbox

            sandbox = Sandbox(
                timeout=self.timeout, memory_mb=self.memory_mb,
                output_limit=self.output_limit, jobs=self.jobs, landlock=self.landlock,
            )
            sandbox.start()
            self._sandbox = sandbox
        return self._sandbox

    @property
    def walls(self) -> str:
        """The sandbox's walls in words (`grader.sandbox.Sandbox.walls`), if it was needed."""
        return self._sandbox.walls if self._sandbox is not None else "not started (no code ran)"

    def grade_exercise(self, submission: Submission, exercise_id: str) -> dict[str, Any]:
        """Grade one exercise of one valid submission; returns the exercise's report."""
        exercise = self.exercises[exercise_id]
        work = submission.exercises.get(exercise_id, {})
        problem = work_problem(exercise, work)
        if problem is not None:
            return problem
        plan, ref = self._prepare(exercise)
        if exercise.kind == "answer":
            return verdict(exercise, plan, answer_extraction(work["answer"]), ref)
        outcome = self.sandbox().run(plan.job(work["code"]))
        return self.outcome_report(exercise, plan, outcome, ref)

    def outcome_report(
        self, exercise: Exercise, plan: Plan, outcome: Outcome, ref: Extraction
    ) -> dict[str, Any]:
        """Turn what happened in the sandbox into the exercise's report."""
        if outcome.status == "timeout":
            return report(exercise, "timeout", timeout_feedback(self.timeout))
        if outcome.status == "output":
            return report(exercise, "error", [
                f"Your code printed more than {self.output_limit} bytes and was stopped. "
                "Remove prints from inside long loops."
            ])
        if outcome.status == "too_large":
            return report(exercise, "error", ["Your code produced far more data than the "
                                              "exercise asks for, so it was stopped."])
        if outcome.status == "lost":
            return report(exercise, "error", ["The process checking your code was stopped "
                                              "from inside it, so the checks could not finish."])
        if outcome.data is None and outcome.exit_code:
            return report(exercise, "error", [_exit_message(outcome.exit_code)])
        return verdict(exercise, plan, outcome.data, ref)

    def grade_submission(self, submission: Submission) -> dict[str, Any]:
        """Grade every exercise of one submission (sequentially)."""
        results = {}
        if submission.valid:
            results = {i: self.grade_exercise(submission, i) for i in self.exercises}
        return self._summary(submission, results)

    def grade(
        self, submissions: Iterable[Submission], progress: Progress | None = None
    ) -> list[dict[str, Any]]:
        """Grade many submissions, running up to ``jobs`` exercises at once."""
        submissions = list(submissions)
        tasks = [(n, i) for n, s in enumerate(submissions) if s.valid for i in self.exercises]
        results: dict[tuple[int, str], dict[str, Any]] = {}
        code_jobs: list[tuple[tuple[int, str], dict[str, Any]]] = []
        unchecked: dict[int, str] = {}  # files whose checking failed: the reason
        for n, exercise_id in tasks:
            exercise = self.exercises[exercise_id]
            work = submissions[n].exercises.get(exercise_id, {})
            try:
                if exercise.kind == "code" and work_problem(exercise, work) is None:
                    job = self._prepare(exercise)[0].job(work["code"])
                    code_jobs.append(((n, exercise_id), job))
                else:
                    results[n, exercise_id] = self.grade_exercise(submissions[n], exercise_id)
            except Exception as exc:  # one file's surprise must not stop the class's batch
                unchecked[n] = _unchecked(exc)
        done = len(results)
        if progress is not None and done:
            progress(done, len(tasks))
        if code_jobs:
            for key, outcome in self.sandbox().run_many(code_jobs):
                exercise = self.exercises[key[1]]
                plan, ref = self._prepare(exercise)
                results[key] = self.outcome_report(exercise, plan, outcome, ref)
                done += 1
                if progress is not None:
                    progress(done, len(tasks))
        return [self._checked_summary(n, s, results, unchecked) for n, s in enumerate(submissions)]

    def _checked_summary(
        self, n: int, submission: Submission, results: dict, unchecked: dict[int, str]
    ) -> dict[str, Any]:
        """Summarise one file; a file whose checking failed becomes invalid, with the reason."""
        if submission.valid and n not in unchecked:
            try:
                return self._summary(submission, {i: results[n, i] for i in self.exercises})
            except Exception as exc:  # e.g. in its quizzes
                unchecked[n] = _unchecked(exc)
        if n in unchecked:
            submission = dataclasses.replace(submission, valid=False, error=unchecked[n])
        return self._summary(submission, {})

    def _summary(self, submission: Submission, results: dict[str, dict]) -> dict[str, Any]:
        quizzes = grade_quizzes(submission, self.quiz_points)
        summary = {
            "file": shown_path(submission.path),
            "learner": dict(submission.learner),
            "valid": submission.valid,
            "error": submission.error,
            "exercises": results,
            "quizzes": quizzes,
            "score": sum(r["score"] for r in results.values()),
            "max_score": sum(e.points for e in self.exercises.values()),
        }
        if self.assignment is not None:  # the assignment's total counts its quizzes too
            summary["score"] += sum(result["points"] for result in quizzes.values())
            summary["max_score"] += sum(self.quiz_points.values())  # type: ignore[arg-type]
            summary["ignored"] = sorted(set(submission.exercises) - set(self.exercises))
        return summary


def _unchecked(exc: Exception) -> str:
    return f"the grader could not check this file ({type(exc).__name__}); the others were graded"


def _exit_message(code: int) -> str:
    if code < 0:
        return (f"The process running your code was killed by signal {-code}, usually because "
                "it used too much memory or CPU time.")
    return (f"Your code ended the process (exit code {code}) before the checks could finish. "
            "Do not call os._exit or similar; let the code run to its end.")


def grade_paths(
    paths: Iterable[str | Path], *, progress: Progress | None = None, **options: Any
) -> dict[str, Any]:
    """Grade every submission file under ``paths``.

    Args:
        paths: files and folders (searched recursively for ``*.json``).
        progress: called as ``progress(done, total)`` after each exercise run.
        **options: passed to `Grader` (``seed``, ``timeout``, ``memory_mb``, ``jobs``, ...).

    Returns:
        ``{"seed": int, "exercises": [ids], "quizzes": [ids], "submissions": [per-submission
        reports], "identical": [[files with the same work], ...]}``, plus ``"assignment"``
        (`grader.assignments.Assignment.describe`) when one was given.

    """
    submissions = [load_submission(path) for path in find_submissions(paths)]
    with Grader(**options) as grader:
        graded = grader.grade(submissions, progress)
        run: dict[str, Any] = {"seed": grader.seed, "exercises": list(grader.exercises),
                               "quizzes": list(grader.quiz_points), "submissions": graded,
                               "identical": identical_groups(submissions)}
        if grader.assignment is not None:
            run["assignment"] = grader.assignment.describe()
        run["sandbox"] = grader.walls
        return run
