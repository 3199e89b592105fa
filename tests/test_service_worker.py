"""The service worker's manifest and build id, written after the build (service_worker.py)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from site_src.service_worker import build_manifest, write_service_worker
from tests.conftest import PROJECT_ROOT

NODE = shutil.which("node") or "node"
LOCK = {
    "packages": {
        "numpy": {"file_name": "numpy-2.0.2.whl", "depends": []},
        "course": {"file_name": "course-0.1.whl", "depends": ["numpy"]},
        "scikit-learn": {"file_name": "scikit_learn-1.6.1.whl", "depends": ["numpy"]},
    }
}


def fake_site(root: Path) -> Path:
    files = {
        "index.html": "home",
        "glm/index.html": "chapter",
        "404.html": "missing",
        "sitemap.xml.gz": "gz",
        "assets/javascripts/bundle.js": "js",
        "assets/javascripts/bundle.js.map": "map",
        "assets/pyodide/pyodide-lock.json": json.dumps(LOCK),
        "assets/pyodide/pyodide.asm.wasm": "wasm",
        "assets/pyodide/numpy-2.0.2.whl": "numpy",
        "assets/pyodide/course-0.1.whl": "course",
        "assets/pyodide/scikit_learn-1.6.1.whl": "sklearn",
        "assets/pyodide/.scipy.whl.part": "half-written",
    }
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return root


def by_url(manifest: dict) -> dict[str, dict]:
    return {entry["url"]: entry for entry in manifest["files"]}


def test_pages_and_the_numpy_runtime_are_cached_up_front_heavier_packages_on_first_use(
    tmp_path: Path,
) -> None:
    entries = by_url(build_manifest(fake_site(tmp_path), ["numpy", "course"]))
    up_front = {url for url, entry in entries.items() if not entry.get("lazy")}
    assert up_front == {
        "./", "glm/", "404.html", "assets/javascripts/bundle.js",
        "assets/pyodide/pyodide-lock.json", "assets/pyodide/pyodide.asm.wasm",
        "assets/pyodide/numpy-2.0.2.whl", "assets/pyodide/course-0.1.whl",
    }
    lazy = {url for url, entry in entries.items() if entry.get("lazy")}
    assert lazy == {"assets/pyodide/scikit_learn-1.6.1.whl", "assets/javascripts/bundle.js.map"}
    assert entries["glm/"]["size"] == len("chapter")
    assert entries["assets/pyodide/numpy-2.0.2.whl"]["runtime"] is True


def test_the_build_id_follows_the_content_and_nothing_else(tmp_path: Path) -> None:
    site = fake_site(tmp_path)
    first = build_manifest(site, ["numpy"])
    page = site / "glm" / "index.html"
    page.touch()
    assert build_manifest(site, ["numpy"])["build"] == first["build"]
    page.write_text("chapter, rewritten", encoding="utf-8")
    second = build_manifest(site, ["numpy"])
    assert second["build"] != first["build"]
    changed = {url for url, entry in by_url(second).items()
               if entry["revision"] != by_url(first)[url]["revision"]}
    assert changed == {"glm/"}


def test_sw_js_is_the_manifest_then_the_template_and_parses(tmp_path: Path) -> None:
    site = fake_site(tmp_path)
    manifest = write_service_worker(site, ["numpy"])
    text = (site / "sw.js").read_text(encoding="utf-8")
    found = json.loads(re.search(r"^const MANIFEST = (\{.*\});$", text, re.MULTILINE).group(1))
    assert found == manifest
    assert text.endswith((PROJECT_ROOT / "site_src" / "service-worker.js").read_text())
    result = subprocess.run([NODE, "--check", str(site / "sw.js")], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("name", ["OfflineRequest", "OfflineReply"])
def test_the_service_worker_and_the_page_use_the_same_message_names(name: str) -> None:
    js = PROJECT_ROOT / "site_src" / "assets" / "course" / "js"
    page = subprocess.run(
        [NODE, "--input-type=module", "-e",
         f'import {{ {name} }} from "./protocol.js"; console.log(JSON.stringify({name}));'],
        cwd=js, capture_output=True, text=True, check=False,
    )
    assert page.returncode == 0, page.stderr
    template = (PROJECT_ROOT / "site_src" / "service-worker.js").read_text(encoding="utf-8")
    body = re.search(rf"const {name} = Object\.freeze\((\{{.*?\}})\);", template).group(1)
    worker = dict(re.findall(r'(\w+): "([^"]+)"', body))
    assert worker == json.loads(page.stdout)
