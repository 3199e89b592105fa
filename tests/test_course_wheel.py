"""Tests for the course wheel: contents, determinism, metadata."""

from __future__ import annotations

import base64
import hashlib
import zipfile
from pathlib import Path

import pytest

from site_src.build import AssetError, build_course_wheel

PYPROJECT = """\
[project]
name = "linear-models-course"
version = "0.3.1"
description = "A course."
requires-python = ">=3.12,<3.13"
dependencies = ["numpy==2.0.2"]
"""


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Return a project tree with the two course packages and everything that must stay out."""
    root = tmp_path / "project"
    _write(root / "pyproject.toml", PYPROJECT)
    _write(root / "grader" / "__init__.py", "VERSION = 1\n")
    _write(root / "grader" / "checks.py", "def check():\n    return True\n")
    _write(root / "exercises" / "__init__.py", "")
    _write(root / "exercises" / "quizzes" / "ch1.yml", "q: 1\n")
    _write(root / "grader" / "__pycache__" / "checks.cpython-312.pyc", "junk")
    _write(root / "grader" / ".hidden.py", "")
    _write(root / "site_src" / "__init__.py", "")
    _write(root / "site_src" / "build" / "__init__.py", "")
    _write(root / "tests" / "test_x.py", "")
    _write(root / "docs" / "index.md", "# hi\n")
    return root


def _names(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        return archive.namelist()


def test_course_wheel_contains_grader_and_exercises_and_nothing_else(
    project: Path, tmp_path: Path
) -> None:
    wheel = build_course_wheel(project, tmp_path / "out")
    names = _names(wheel)
    assert wheel.name == "linear_models_course-0.3.1-py3-none-any.whl"
    assert sorted(names) == [
        "exercises/__init__.py",
        "exercises/quizzes/ch1.yml",
        "grader/__init__.py",
        "grader/checks.py",
        "linear_models_course-0.3.1.dist-info/METADATA",
        "linear_models_course-0.3.1.dist-info/RECORD",
        "linear_models_course-0.3.1.dist-info/WHEEL",
        "linear_models_course-0.3.1.dist-info/top_level.txt",
    ]
    assert not [name for name in names if name.startswith(("site_src/", "tests/", "docs/"))]


def test_course_wheel_is_byte_identical_and_untouched_on_rebuild(
    project: Path, tmp_path: Path
) -> None:
    first = build_course_wheel(project, tmp_path / "out")
    data, stat = first.read_bytes(), first.stat()
    (project / "grader" / "checks.py").touch()
    second = build_course_wheel(project, tmp_path / "out")
    assert second.read_bytes() == data
    assert (second.stat().st_ino, second.stat().st_mtime_ns) == (stat.st_ino, stat.st_mtime_ns)


def test_course_wheel_changes_when_a_source_changes(project: Path, tmp_path: Path) -> None:
    before = build_course_wheel(project, tmp_path / "out").read_bytes()
    _write(project / "grader" / "checks.py", "def check():\n    return False\n")
    assert build_course_wheel(project, tmp_path / "out").read_bytes() != before


def test_course_wheel_record_lists_every_file_with_its_sha256(
    project: Path, tmp_path: Path
) -> None:
    wheel = build_course_wheel(project, tmp_path / "out")
    with zipfile.ZipFile(wheel) as archive:
        record_name = next(n for n in archive.namelist() if n.endswith("/RECORD"))
        rows = [line.split(",") for line in archive.read(record_name).decode().splitlines()]
        for name, digest, size in rows:
            if name == record_name:
                assert (digest, size) == ("", "")
                continue
            data = archive.read(name)
            expected = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
            assert (digest, int(size)) == (f"sha256={expected.decode()}", len(data))
        assert {row[0] for row in rows} == set(archive.namelist())


def test_course_wheel_metadata_comes_from_pyproject(project: Path, tmp_path: Path) -> None:
    wheel = build_course_wheel(project, tmp_path / "out")
    with zipfile.ZipFile(wheel) as archive:
        metadata = archive.read("linear_models_course-0.3.1.dist-info/METADATA").decode()
        wheel_file = archive.read("linear_models_course-0.3.1.dist-info/WHEEL").decode()
    assert "Name: linear-models-course\n" in metadata
    assert "Version: 0.3.1\n" in metadata
    assert "Requires-Dist: numpy==2.0.2\n" in metadata
    assert "Tag: py3-none-any\n" in wheel_file
    assert "Root-Is-Purelib: true\n" in wheel_file


def test_course_wheel_refuses_a_missing_package(project: Path, tmp_path: Path) -> None:
    (project / "exercises" / "__init__.py").unlink()
    with pytest.raises(AssetError, match=r"exercises.*not a Python package"):
        build_course_wheel(project, tmp_path / "out")


def test_this_projects_wheel_holds_no_build_or_test_code(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[1]
    for package in ("grader", "exercises"):  # both are packages: a missing one is a failure
        assert (root / package / "__init__.py").is_file(), f"{package}/ is not a package"
    names = _names(build_course_wheel(root, tmp_path))
    assert {name.split("/")[0] for name in names if "/" in name} == {
        "grader",
        "exercises",
        "linear_models_course-0.1.0.dist-info",
    }
    sources = {path.relative_to(root).as_posix() for package in ("grader", "exercises")
               for path in (root / package).rglob("*.py") if "__pycache__" not in path.parts}
    assert "grader/checks.py" in sources
    assert sources <= set(names)  # the browser imports every module of both packages
