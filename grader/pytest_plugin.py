"""pytest plugin: ``pytest --submissions DIR`` grades a folder of submissions as tests.

Each submission file becomes a test file and each exercise a test in it, named
``<file>::<exercise id>``; a test fails with the grader's feedback. With ``--assignment NAME|FILE``
only that assignment's exercises become tests. An invalid file yields one
failing ``<file>::submission`` test that says why. Without ``--submissions`` the plugin only
registers its options. When ``--submissions`` is given and no test paths are, only the
submissions are collected.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .assignments import AssignmentError, find_assignment
from .batch import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT, Grader
from .submission import Submission, load_submission

_GRADER = pytest.StashKey[Grader]()


def pytest_addoption(parser: pytest.Parser) -> None:
    """Register the ``grader`` option group."""
    group = parser.getgroup("grader", "grading course submissions")
    group.addoption("--submissions", action="append", default=[], metavar="DIR",
                    help="grade the submission files (*.json) under DIR, one test per exercise")
    group.addoption("--assignment", default=None, metavar="NAME|FILE",
                    help="grade only this assignment (built-in name or .toml file)")
    group.addoption("--grader-seed", type=int, default=None, metavar="N",
                    help="variant-data seed (default: a fresh one, shown in the header)")
    group.addoption("--grader-timeout", type=float, default=DEFAULT_TIMEOUT, metavar="S",
                    help="seconds per exercise run (default: %(default)s)")
    group.addoption("--grader-memory-mb", type=int, default=DEFAULT_MEMORY_MB, metavar="M",
                    help="memory per exercise run in MiB (default: %(default)s)")


def _folders(config: pytest.Config) -> list[Path]:
    return [Path(folder).resolve() for folder in config.getoption("submissions")]


def pytest_configure(config: pytest.Config) -> None:
    """Collect only the submission folders unless test paths were given explicitly."""
    folders = config.getoption("submissions")
    if not folders:
        return
    missing = [folder for folder in folders if not Path(folder).is_dir()]
    if missing:
        raise pytest.UsageError(f"--submissions: not a directory: {', '.join(missing)}")
    if config.getoption("assignment"):
        _grader(config)  # an unknown assignment is a usage error before collection
    if config.args_source != pytest.Config.ArgsSource.ARGS:
        config.args = [str(folder) for folder in _folders(config)]


def pytest_report_header(config: pytest.Config) -> str | None:
    """Show the seed (and assignment), so a run can be reproduced with ``--grader-seed``."""
    if not config.getoption("submissions"):
        return None
    grader = _grader(config)
    which = "" if grader.assignment is None else f"assignment {grader.assignment.id}, "
    return f"grader: {which}variant seed {grader.seed}"


def _grader(config: pytest.Config) -> Grader:
    if _GRADER not in config.stash:
        name = config.getoption("assignment")
        try:
            assignment = None if name is None else find_assignment(name)
            if assignment is not None:
                assignment.max_score()
        except AssignmentError as exc:
            raise pytest.UsageError(f"--assignment: {exc}") from None
        grader = Grader(
            assignment=assignment,
            seed=config.getoption("grader_seed"),
            timeout=config.getoption("grader_timeout"),
            memory_mb=config.getoption("grader_memory_mb"),
            jobs=1,
        )
        config.stash[_GRADER] = grader
        config.add_cleanup(grader.close)
    return config.stash[_GRADER]


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    """Turn ``*.json`` files under a submissions folder into `SubmissionFile` collectors."""
    if file_path.suffix != ".json":
        return None
    folders = _folders(parent.config)
    if any(file_path.resolve().is_relative_to(folder) for folder in folders):
        return SubmissionFile.from_parent(parent, path=file_path)
    return None


class SubmissionFile(pytest.File):
    """One submission file: a test per exercise, or one failing test if the file is invalid."""

    def collect(self) -> list[pytest.Item]:
        """Read the file and yield its tests."""
        submission = load_submission(self.path)
        if not submission.valid:
            return [InvalidSubmissionItem.from_parent(self, name="submission",
                                                      submission=submission)]
        return [
            ExerciseItem.from_parent(self, name=exercise_id, submission=submission)
            for exercise_id in _grader(self.config).exercises
        ]


class GradingFailure(Exception):
    """Raised by a test whose exercise did not pass; carries the text to show."""


class _SubmissionItem(pytest.Item):
    def __init__(self, *, submission: Submission, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.submission = submission

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        """Show the grader's feedback instead of a traceback."""
        if isinstance(excinfo.value, GradingFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        """Name the test after the file and the exercise."""
        return self.path, None, f"{self.path.name}::{self.name}"


class InvalidSubmissionItem(_SubmissionItem):
    """Fails because the submission file could not be read."""

    def runtest(self) -> None:
        """Fail with the reason the file is invalid."""
        raise GradingFailure(f"{self.path}: invalid submission: {self.submission.error}")


class ExerciseItem(_SubmissionItem):
    """Grades one exercise of one submission."""

    def runtest(self) -> None:
        """Grade, and fail with the feedback unless the exercise passed."""
        result = _grader(self.config).grade_exercise(self.submission, self.name)
        self.user_properties.append(("score", result["score"]))
        if result["status"] != "passed":
            lines = "\n".join(f"  - {line}" for line in result["feedback"])
            raise GradingFailure(
                f"{self.name} in {self.path}: {result['status']} "
                f"({result['score']:g}/{result['max_score']:g})\n{lines}"
            )


@pytest.fixture
def submission_grader(request: pytest.FixtureRequest) -> Grader:
    """Return the session's `Grader` (same seed and sandbox as the submission tests)."""
    return _grader(request.config)
