"""``python -m grader autograder``: the zip to upload as a Gradescope programming assignment.

At the zip's root: ``setup.sh`` and ``run_autograder`` (Gradescope's two required files), the
course wheel, and ``assignment.toml`` with the variant seed fixed, so a re-run of the same
submission gets the same grade.
"""

from __future__ import annotations

import shlex
from importlib.resources import files
from pathlib import Path

from ..assignments import Assignment, to_toml
from ..grading import fresh_seed
from .wheel import build_wheel, grader_distribution, requirements, zip_bytes

VISIBILITIES = ("visible", "after_due_date", "after_published", "hidden")


def _template(name: str) -> str:
    return files(__package__).joinpath(name).read_text(encoding="utf-8")


def bundle_files(assignment: Assignment, *, seed: int | None = None, timeout: float = 10.0,
                 visibility: str = "visible") -> tuple[int, list[tuple[str, bytes]]]:
    """Return the bundle's seed and its ``(name, bytes)`` files."""
    chosen = seed if seed is not None else assignment.seed
    chosen = fresh_seed() if chosen is None else chosen
    wheel_name, wheel = build_wheel()
    pins = " ".join(shlex.quote(req) for req in requirements(grader_distribution()))
    setup = _template("setup.sh").replace("@WHEEL@", wheel_name).replace("@REQUIREMENTS@", pins)
    options = f"--timeout {float(timeout)!r} --visibility {shlex.quote(visibility)}"
    run = _template("run_autograder").replace("@OPTIONS@", options)
    return chosen, [
        ("setup.sh", setup.encode()),
        ("run_autograder", run.encode()),
        ("assignment.toml", to_toml(assignment, seed=chosen).encode()),
        (wheel_name, wheel),
    ]


def write_bundle(assignment: Assignment, output: str | Path, **options: object) -> int:
    """Write the bundle zip to ``output``; returns the seed fixed in it."""
    seed, entries = bundle_files(assignment, **options)  # type: ignore[arg-type]
    data = zip_bytes(entries, executable=frozenset({"setup.sh", "run_autograder"}))
    Path(output).write_bytes(data)
    return seed
