"""Debian's Chromium under Playwright, with an on-disk profile so a second visit is warm."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Page, Playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PROBE = Path(__file__).resolve().parent / "pages" / "probe.js"


def chromium_version() -> str:
    """Return the browser's version line, for the record."""
    result = subprocess.run(
        [CHROMIUM, "--version"], capture_output=True, text=True, check=False, timeout=30
    )
    return result.stdout.strip()


@contextmanager
def fresh_profile(playwright: Playwright) -> Iterator[BrowserContext]:
    """Start a browser on an empty on-disk profile (cold cache) that later visits reuse (warm)."""
    profile = Path(tempfile.mkdtemp(prefix="bench-profile-"))
    context = playwright.chromium.launch_persistent_context(
        str(profile), executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
    )
    try:
        yield context
    finally:
        context.close()
        shutil.rmtree(profile, ignore_errors=True)


def report_page_errors(page: Page) -> None:
    """Print the page's uncaught errors on stderr as they happen: worth knowing, not fatal."""
    page.on(
        "pageerror",
        lambda error: print(f"benchmarks: warning: {page.url}: {error}", file=sys.stderr),
    )


@contextmanager
def probed_page(context: BrowserContext, **options: Any) -> Iterator[Page]:
    """Open a tab with the probe installed before any page script (see pages/probe.js)."""
    page = context.new_page()
    report_page_errors(page)
    probe = PROBE.read_text(encoding="utf-8")
    page.add_init_script(f"{{ const BENCH_OPTIONS = {json.dumps(options)};\n{probe}}}")
    try:
        yield page
    finally:
        page.close()
