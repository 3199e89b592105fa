"""The course wheel for the bundle, built from the installed grader and content packages.

The wheel holds ``grader`` and every package registered in the ``grader.content`` entry-point
group, with their ``entry_points.txt``, so the grader in the Gradescope image finds the same
exercises, quizzes and assignments as the one that built the bundle. Written directly (zip +
``.dist-info``) with fixed timestamps, so the same sources give the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import io
import re
import zipfile
from importlib.metadata import Distribution, distribution, entry_points, packages_distributions
from importlib.util import find_spec
from pathlib import Path

from ..registry import GROUP

_EPOCH = (1980, 1, 1, 0, 0, 0)


def _package_files(name: str) -> list[tuple[str, bytes]]:
    spec = find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"cannot find the installed package {name!r} to put in the bundle")
    root = Path(next(iter(spec.submodule_search_locations)))
    found = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if not path.is_file() or path.suffix in (".pyc", ".pyo"):
            continue
        if any(part == "__pycache__" or part.startswith(".") for part in relative.parts):
            continue
        found.append((f"{name}/{relative.as_posix()}", path.read_bytes()))
    return found


def content_packages() -> list[str]:
    """The top-level packages of every registered content entry point."""
    points = entry_points(group=GROUP)
    return sorted({point.value.split(":")[0].split(".")[0] for point in points})


def grader_distribution() -> Distribution:
    """The installed distribution that provides ``grader``."""
    names = packages_distributions().get("grader") or ["linear-models-course"]
    return distribution(names[0])


def requirements(dist: Distribution) -> list[str]:
    """The distribution's unconditional requirements (``numpy==2.0.2``)."""
    return [req for req in dist.requires or [] if ";" not in req]


def build_wheel() -> tuple[str, bytes]:
    """Return ``(file name, bytes)`` of a wheel holding the grader and the content packages."""
    dist = grader_distribution()
    name, version = dist.metadata["Name"], dist.version
    stem = re.sub(r"[-_.]+", "_", name).lower()
    info = f"{stem}-{version}.dist-info"
    packages = ["grader", *(p for p in content_packages() if p != "grader")]
    files = [entry for package in packages for entry in _package_files(package)]
    metadata = ["Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}",
                "Requires-Python: >=3.12,<3.13"]
    metadata += [f"Requires-Dist: {req}" for req in requirements(dist)]
    points = [f"{p.name} = {p.value}" for p in sorted(entry_points(group=GROUP),
                                                      key=lambda p: p.name)]
    files.append((f"{info}/METADATA", ("\n".join(metadata) + "\n").encode()))
    files.append((f"{info}/WHEEL", b"Wheel-Version: 1.0\nGenerator: grader.autograder\n"
                                   b"Root-Is-Purelib: true\nTag: py3-none-any\n"))
    files.append((f"{info}/entry_points.txt",
                  (f"[{GROUP}]\n" + "".join(f"{line}\n" for line in points)).encode()))
    files.append((f"{info}/top_level.txt", "".join(f"{p}\n" for p in packages).encode()))
    record = "".join(f"{path},{_hash(data)},{len(data)}\n" for path, data in files)
    files.append((f"{info}/RECORD", (record + f"{info}/RECORD,,\n").encode()))
    return f"{stem}-{version}-py3-none-any.whl", zip_bytes(files)


def _hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return f"sha256={digest.decode()}"


def zip_bytes(files: list[tuple[str, bytes]], executable: frozenset[str] = frozenset()) -> bytes:
    """Zip ``files`` with fixed timestamps; names in ``executable`` get mode 755."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path, data in files:
            info = zipfile.ZipInfo(path, date_time=_EPOCH)
            info.create_system = 3
            info.external_attr = (0o100755 if path in executable else 0o100644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data, compresslevel=9)
    return buffer.getvalue()
