"""Build the course's own pure-Python wheel (``grader`` + ``exercises``) deterministically.

The wheel is written directly (zip + ``.dist-info``), without pip or a build backend, so it is
fast and byte-identical for identical sources: every entry gets the same timestamp and mode.
"""

from __future__ import annotations

import base64
import hashlib
import io
import re
import tomllib
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from site_src.build.errors import AssetError

COURSE_PACKAGES = ("grader", "exercises")
_EPOCH = (1980, 1, 1, 0, 0, 0)
_SKIPPED_DIRS = frozenset({"__pycache__"})
_SKIPPED_SUFFIXES = frozenset({".pyc", ".pyo"})


def build_course_wheel(
    project_root: Path, out_dir: Path, *, packages: Sequence[str] = COURSE_PACKAGES
) -> Path:
    """Write ``<name>-<version>-py3-none-any.whl`` holding only ``packages`` into ``out_dir``.

    Name, version, Python requirement and dependencies come from ``pyproject.toml``. The file
    is rewritten only when its bytes change, so an unchanged rebuild leaves it untouched.

    Returns:
        The path of the wheel.

    """
    project = _read_project(project_root / "pyproject.toml")
    dist = re.sub(r"[-_.]+", "_", project["name"]).lower()
    version = str(project["version"])
    dist_info = f"{dist}-{version}.dist-info"
    files: list[tuple[str, bytes]] = []
    for package in packages:
        files.extend(_package_files(project_root, package))
    files.append((f"{dist_info}/METADATA", _metadata(project).encode()))
    files.append((f"{dist_info}/WHEEL", _WHEEL.encode()))
    if entry_points := _entry_points(project):
        files.append((f"{dist_info}/entry_points.txt", entry_points.encode()))
    files.append((f"{dist_info}/top_level.txt", "".join(f"{p}\n" for p in packages).encode()))
    record = "".join(f"{name},{_record_hash(data)},{len(data)}\n" for name, data in files)
    files.append((f"{dist_info}/RECORD", (record + f"{dist_info}/RECORD,,\n").encode()))

    out_dir.mkdir(parents=True, exist_ok=True)
    wheel = out_dir / f"{dist}-{version}-py3-none-any.whl"
    data = _zip(files)
    if not (wheel.is_file() and wheel.read_bytes() == data):
        tmp = wheel.with_name(wheel.name + ".part")
        tmp.write_bytes(data)
        tmp.replace(wheel)
    return wheel


_WHEEL = """\
Wheel-Version: 1.0
Generator: site_src.build.course_wheel
Root-Is-Purelib: true
Tag: py3-none-any
"""


def _read_project(pyproject: Path) -> dict[str, Any]:
    """Return the ``[project]`` table, requiring a static name and version."""
    if not pyproject.is_file():
        raise AssetError(f"{pyproject} not found; the course wheel takes its version from it.")
    project = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {})
    if "name" not in project or "version" not in project:
        raise AssetError(f"{pyproject} needs a static [project] name and version.")
    return project


def _package_files(project_root: Path, package: str) -> list[tuple[str, bytes]]:
    """Return (archive name, bytes) for every source and data file of one package, sorted."""
    root = project_root / package
    if not (root / "__init__.py").is_file():
        raise AssetError(
            f"{root} is not a Python package (no __init__.py); cannot build the wheel."
        )
    files = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(project_root)
        if not path.is_file() or path.suffix in _SKIPPED_SUFFIXES:
            continue
        if any(part in _SKIPPED_DIRS or part.startswith(".") for part in relative.parts):
            continue
        files.append((relative.as_posix(), path.read_bytes()))
    return files


def _metadata(project: dict[str, Any]) -> str:
    """Render core metadata 2.1 from the ``[project]`` table."""
    lines = ["Metadata-Version: 2.1", f"Name: {project['name']}", f"Version: {project['version']}"]
    if "description" in project:
        lines.append(f"Summary: {project['description']}")
    if "requires-python" in project:
        lines.append(f"Requires-Python: {project['requires-python']}")
    lines.extend(f"Requires-Dist: {requirement}" for requirement in project.get("dependencies", []))
    return "\n".join(lines) + "\n"


def _entry_points(project: dict[str, Any]) -> str:
    """Render the ``grader.content`` entry points: how the grader finds the course's content."""
    group = project.get("entry-points", {}).get("grader.content", {})
    lines = [f"{name} = {target}" for name, target in sorted(group.items())]
    return "[grader.content]\n" + "".join(f"{line}\n" for line in lines) if lines else ""


def _record_hash(data: bytes) -> str:
    """Return a RECORD hash field: ``sha256=`` + urlsafe base64 without padding."""
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return f"sha256={digest.decode()}"


def _zip(files: Sequence[tuple[str, bytes]]) -> bytes:
    """Return a zip archive of ``files`` with fixed timestamps and permissions."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data, compresslevel=9)
    return buffer.getvalue()
