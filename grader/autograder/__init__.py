"""Gradescope autograder bundles: build the zip, and grade one upload inside Gradescope.

`write_bundle` writes the zip (``python -m grader autograder``); its ``run_autograder`` calls
``python -m grader gradescope-run``, which is `run_upload`.
"""

from __future__ import annotations

from .bundle import VISIBILITIES, write_bundle
from .upload import grade_upload, run_upload

__all__ = ["VISIBILITIES", "grade_upload", "run_upload", "write_bundle"]
