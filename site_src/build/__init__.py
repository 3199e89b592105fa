"""Build glue that assembles the self-hosted Pyodide runtime and the course wheel."""

from __future__ import annotations

from site_src.build.course_wheel import build_course_wheel
from site_src.build.errors import AssetError, IntegrityError
from site_src.build.pyodide_assets import DEFAULT_PACKAGES, assemble_pyodide, prepare_pyodide

__all__ = [
    "DEFAULT_PACKAGES",
    "AssetError",
    "IntegrityError",
    "assemble_pyodide",
    "build_course_wheel",
    "prepare_pyodide",
]
