"""Lighthouse's mobile profile on the built site: the four category scores and the paint figures.

``python -m benchmarks lighthouse [--site site] [--runs 3] [--lighthouse-page PATH ...]``
serves the built site on 127.0.0.1 the way a static host does (no isolation headers; text
compressed with gzip, as GitHub Pages and Netlify compress it; ``--no-gzip`` to turn that off),
runs npm's ``lighthouse`` (pinned below, fetched by ``npm exec`` into npm's cache) against
Debian's Chromium (``CHROME_PATH``) for each page, and prints the median of each figure over the
runs. Lighthouse's default is its mobile profile: a slow 4G link and a 4x slower CPU, simulated.
"""

from __future__ import annotations

import http.server
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.compression import GzipText
from benchmarks.report import machine, table
from site_src.serve import CourseRequestHandler

LIGHTHOUSE = "lighthouse@12.8.2"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking " \
    "--disable-component-update --disable-sync"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {
    "first-contentful-paint": "FCP ms",
    "largest-contentful-paint": "LCP ms",
    "total-blocking-time": "TBT ms",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI ms",
}
DEFAULT_PAGES = ("", "linear-regression/", "linear-regression/practice/")


@dataclass
class LighthouseOptions:
    """What to measure."""

    site: Path
    pages: tuple[str, ...] = DEFAULT_PAGES
    runs: int = 1
    compress: bool = True


class CompressingHandler(GzipText, CourseRequestHandler):
    """The course's static handler, without isolation headers, gzipping text as hosts do."""

    isolated = False

    def send_head(self) -> Any:
        """Serve a gzip copy of a text file when the browser accepts it."""
        return self.gzip_head() or super().send_head()


class PlainHandler(CourseRequestHandler):
    """The course's static handler, without isolation headers or compression."""

    isolated = False


def _serve(site: Path, *, compress: bool) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = CompressingHandler if compress else PlainHandler

    def make(*args: Any, **kwargs: Any) -> CourseRequestHandler:
        return handler(*args, directory=str(site), **kwargs)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), make)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def run_lighthouse(url: str) -> dict[str, float]:
    """One Lighthouse run of `url`: category scores (0-100) and the paint metrics."""
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm is needed to run Lighthouse")
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as scratch:
        report = Path(scratch) / "report.json"
        command = [
            npm, "exec", "--yes", f"--package={LIGHTHOUSE}", "--", "lighthouse", url,
            "--output=json", f"--output-path={report}", "--quiet",
            f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}",
        ]
        env = {**os.environ, "CHROME_PATH": CHROMIUM, "TMPDIR": scratch}
        done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
        if done.returncode != 0 or not report.is_file():
            raise RuntimeError(f"lighthouse failed on {url}:\n{done.stderr[-2000:]}")
        data = json.loads(report.read_text(encoding="utf-8"))
    if data.get("runtimeError"):
        raise RuntimeError(f"lighthouse on {url}: {data['runtimeError']}")
    figures = {name: round(data["categories"][name]["score"] * 100) for name in CATEGORIES}
    for audit, label in METRICS.items():
        figures[label] = data["audits"][audit]["numericValue"]
    return figures


def run(options: LighthouseOptions) -> dict[str, Any]:
    """Measure every page `options.runs` times; return the medians and every run."""
    if not (options.site / "index.html").is_file():
        raise RuntimeError(f"{options.site} holds no built site; run `make site` first")
    server, base = _serve(options.site, compress=options.compress)
    pages: dict[str, Any] = {}
    try:
        for page in options.pages:
            runs = [run_lighthouse(base + page) for _ in range(options.runs)]
            medians = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
            pages[page or "(home)"] = {"median": medians, "runs": runs}
    finally:
        server.shutdown()
        server.server_close()
    return {"lighthouse": LIGHTHOUSE, "gzip": options.compress, "machine": machine(),
            "pages": pages}


def render(report: dict[str, Any]) -> str:
    """The medians as a table, one row per page."""
    columns = [*CATEGORIES, *METRICS.values()]
    rows = [["page", *columns]]
    for page, figures in report["pages"].items():
        median = figures["median"]
        rows.append([page, *(
            f"{median[key]:.3f}" if key == "CLS" else f"{median[key]:.0f}" for key in columns
        )])
    runs = len(next(iter(report["pages"].values()))["runs"])
    title = (
        f"Lighthouse {report['lighthouse'].split('@')[1]}, mobile profile, "
        f"{'gzip' if report['gzip'] else 'no compression'}, median of {runs} run(s); "
        f"load average {report['machine']['load_average'][0]} on {report['machine']['cpus']} CPUs"
    )
    return f"{title}\n{table(rows)}"
