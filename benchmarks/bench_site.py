"""The built site under test, served beside a floor page, without touching the site itself.

The serve root is a temporary folder holding a symlink to every top-level entry of the built
site plus `__bench__/` with the floor page, so the site's URLs are unchanged and one server
(the project's own, with the COOP/COEP headers) serves both.

`served(..., link=Link(20, 40))` serves them instead as a plain static host (no COOP/COEP, text
gzipped, as GitHub Pages) behind a shaped link: every response waits the link's latency, and
every byte of every response shares one downlink of that many Mbit/s. The shaping is the
server's, so it slows the service worker's own fetches too (DevTools' network emulation does
not), and the link's log says how many bytes went out, and when.
"""

from __future__ import annotations

import functools
import html
import json
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.compression import GzipText
from site_src.serve import CourseRequestHandler, CourseServer, serve_in_thread

PAGES = Path(__file__).resolve().parent / "pages"
FLOOR_DIR = "__bench__"
DEFAULT_PYODIDE_INDEX = "/assets/pyodide/"


CHUNK = 16 * 1024


@dataclass
class Link:
    """One shared downlink: `mbit` Mbit/s, `latency_ms` before each response; a log of bytes."""

    mbit: float
    latency_ms: float
    sent: list[tuple[float, int, str]] = field(default_factory=list)  # (epoch s, bytes, path)
    _free_at: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def reserve(self, size: int) -> float:
        """Book `size` bytes on the link; return the monotonic time they have crossed it."""
        with self._lock:
            start = max(time.monotonic(), self._free_at)
            self._free_at = start + size * 8 / (self.mbit * 1e6)
            return self._free_at

    def log(self, size: int, path: str) -> None:
        """Note `size` bytes of `path` delivered now."""
        with self._lock:
            self.sent.append((time.time(), size, path))

    def bytes_between(self, start: float, end: float) -> dict[str, int]:
        """Bytes per path delivered between two epoch times."""
        found: dict[str, int] = {}
        with self._lock:
            for at, size, path in self.sent:
                if start <= at <= end:
                    found[path] = found.get(path, 0) + size
        return found


class ShapedHandler(GzipText, CourseRequestHandler):
    """The project's handler behind a `Link`, without the isolation headers."""

    isolated = False
    link: Link
    compress = True

    def send_head(self) -> Any:
        """Wait the link's latency, then answer as a static host does (text gzipped)."""
        time.sleep(self.link.latency_ms / 1000)
        return (self.gzip_head() if self.compress else None) or super().send_head()

    def copyfile(self, source: Any, outputfile: Any) -> None:
        """Send the body at the link's pace, in chunks that share it with other responses."""
        path = self.path.split("?")[0]
        while chunk := source.read(CHUNK):
            delay = self.link.reserve(len(chunk)) - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            outputfile.write(chunk)
            self.link.log(len(chunk), path)


def serve_shaped(
    directory: Path, link: Link, *, compress: bool = True
) -> tuple[CourseServer, str]:
    """Serve `directory` behind `link` on 127.0.0.1 in a daemon thread; return server and URL."""
    handler = functools.partial(
        type("Handler", (ShapedHandler,), {"link": link, "compress": compress}),
        directory=str(directory),
    )
    server = CourseServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    return server, f"http://{host}:{port}/"


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
    link: Link | None = None


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
def served(
    site: Path, page: str, link: Link | None = None, *, compress: bool = True
) -> Iterator[ServedSite]:
    """Serve `site` with the floor page beside it; yield the URLs; stop the server after.

    Without `link`: the project's own server, cross-origin isolated. With it: a plain static
    host behind that shaped link, sending text gzipped unless `compress` is false.
    """
    page_file = site / page.strip("/") / "index.html"
    if not page_file.is_file():
        raise SiteError(f"{page_file} is missing: build the site first (`make site`)")
    index = pyodide_index(site)
    block = first_block(page_file.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        root = Path(tmp)
        _serve_root(site, root, index, block)
        server, base = (
            serve_shaped(root, link, compress=compress) if link else serve_in_thread(root)
        )
        try:
            yield ServedSite(
                base_url=base,
                page_url=base + page.strip("/") + "/",
                floor_url=f"{base}{FLOOR_DIR}/floor.html",
                block=block,
                pyodide_index=index,
                link=link,
            )
        finally:
            server.shutdown()
            server.server_close()
