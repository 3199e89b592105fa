"""The built site under test, served beside a floor page, without touching the site itself.

The serve root is a temporary folder holding a symlink to every top-level entry of the built
site plus `__bench__/` with the floor page, so the site's URLs are unchanged and one server
(the project's own, with the COOP/COEP headers) serves both.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from site_src.serve import serve_in_thread

PAGES = Path(__file__).resolve().parent / "pages"
FLOOR_DIR = "__bench__"
DEFAULT_PYODIDE_INDEX = "/assets/pyodide/"


class SiteError(Exception):
    """The built site is missing or is not what the benchmark can measure."""


@dataclass(frozen=True)
class FirstBlock:
    """The first runnable block of a page, as the build wrote it."""

    block_id: str
    code: str
    expected: str


@dataclass(frozen=True)
class ServedSite:
    """URLs of the page under test and of the floor page, on one local server."""

    base_url: str
    page_url: str
    floor_url: str
    block: FirstBlock
    pyodide_index: str


def pyodide_index(site: Path) -> str:
    """Return the site-absolute path the runner loads Pyodide from (config.js, else the default)."""
    config = site / "assets" / "course" / "js" / "config.js"
    if not config.is_file():
        raise SiteError(f"{config} is missing: is {site} a built course site? Run `make site`.")
    match = re.search(r"Object\.freeze\((\{.*\})\)", config.read_text(encoding="utf-8"))
    base = json.loads(match.group(1)).get("pyodideBaseUrl", "") if match else ""
    index = base or DEFAULT_PYODIDE_INDEX
    if not index.startswith("/") or index.startswith("//"):
        raise SiteError(f"the site loads Pyodide from {index!r}: only a self-hosted copy is timed")
    index = index if index.endswith("/") else index + "/"
    if not (site / index.lstrip("/") / "pyodide.mjs").is_file():
        raise SiteError(f"{site}{index}pyodide.mjs is missing: the site has no Pyodide to time")
    return index


def first_block(page_html: str) -> FirstBlock:
    """Read the id, code and expected output of the first `div.pyrun` in a built page."""
    block = re.search(r'<div class="pyrun[^"]*"[^>]*data-block-id="([^"]+)"', page_html)
    data = re.search(
        r'<script type="application/json" class="pyrun__data">(.*?)</script>', page_html, re.S
    )
    if not block or not data:
        raise SiteError("the page has no runnable block (div.pyrun with its script.pyrun__data)")
    fields = json.loads(data.group(1))
    return FirstBlock(html.unescape(block.group(1)), fields["code"], fields.get("expected", ""))


def _floor_html(index: str, block: FirstBlock) -> str:
    data = json.dumps({"indexURL": index, "code": block.code}).replace("</", "<\\/")
    return (PAGES / "floor.html").read_text(encoding="utf-8").replace("{{FLOOR_DATA}}", data)


def _serve_root(site: Path, root: Path, index: str, block: FirstBlock) -> None:
    for entry in site.iterdir():
        if entry.name == FLOOR_DIR:
            raise SiteError(f"{site} already holds {FLOOR_DIR}/: cannot add the floor page")
        (root / entry.name).symlink_to(entry.resolve(), target_is_directory=entry.is_dir())
    floor = root / FLOOR_DIR
    floor.mkdir()
    (floor / "floor.html").write_text(_floor_html(index, block), encoding="utf-8")
    shutil.copyfile(PAGES / "floor-worker.js", floor / "floor-worker.js")


@contextmanager
def served(site: Path, page: str) -> Iterator[ServedSite]:
    """Serve `site` with the floor page beside it; yield the URLs; stop the server after."""
    page_file = site / page.strip("/") / "index.html"
    if not page_file.is_file():
        raise SiteError(f"{page_file} is missing: build the site first (`make site`)")
    index = pyodide_index(site)
    block = first_block(page_file.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        root = Path(tmp)
        _serve_root(site, root, index, block)
        server, base = serve_in_thread(root)
        try:
            yield ServedSite(
                base_url=base,
                page_url=base + page.strip("/") + "/",
                floor_url=f"{base}{FLOOR_DIR}/floor.html",
                block=block,
                pyodide_index=index,
            )
        finally:
            server.shutdown()
            server.server_close()
