"""The browser benchmark, in one run: time to first output (page vs floor) and the main thread.

`python -m benchmarks browser` serves the built site (and a floor page beside it) on 127.0.0.1,
drives Debian's Chromium, prints a table and writes benchmarks/results/browser.json. Two parts:
`isolated` (the project's own server with COOP/COEP: time to output, the main thread) and
`static` (a plain static host, text gzipped, behind a shaped 20 Mbit/s, 40 ms link, with the
service worker: cold, warm, bytes before the first output, the first Run after reading).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

from benchmarks import main_thread, time_to_output
from benchmarks.bench_site import Link, served
from benchmarks.chromium import chromium_version
from benchmarks.report import machine, write_json


@dataclass(frozen=True)
class BrowserOptions:
    """What to measure and how often."""

    site: Path
    page: str = "linear-regression/"
    rounds: int = 3
    warm: int = 3
    loop_visits: int = 2
    parts: tuple[str, ...] = ("isolated", "static")
    gzip: bool = True  # the static host sends text gzipped, as GitHub Pages and Netlify do


def run(options: BrowserOptions) -> dict[str, Any]:
    """Measure everything in one run and return the report (also written to results/)."""
    before = machine()
    parts: dict[str, Any] = {}
    with sync_playwright() as playwright:
        if "isolated" in options.parts:
            with served(options.site, options.page) as site:
                visits = time_to_output.measure(playwright, site, options.rounds, options.warm)
                threads = main_thread.measure(playwright, site, options.loop_visits)
            parts["time_to_output"] = time_to_output.summarise(visits)
            parts["main_thread"] = main_thread.summarise(threads)
        if "static" in options.parts:
            link = Link(time_to_output.LINK_MBIT, time_to_output.LINK_LATENCY_MS)
            with served(options.site, options.page, link=link, compress=options.gzip) as site:
                measured = time_to_output.measure_static(
                    playwright, site, options.rounds, options.warm
                )
            parts["static_host"] = {
                "gzip": options.gzip, **time_to_output.summarise_static(measured)
            }
    report = {
        "benchmark": "browser",
        "chromium": chromium_version(),
        "machine_before": before,
        "machine_after": machine(),
        "site": str(options.site),
        "page": options.page,
        "pyodide_index": site.pyodide_index,
        "first_block": site.block.block_id,
        "rounds": options.rounds,
        "warm_visits_per_round": options.warm,
        **parts,
    }
    report["json"] = str(write_json("browser.json", report))
    return report
