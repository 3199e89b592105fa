"""On a host that sends no COOP/COEP headers: isolation from the service worker, and loading."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Playwright, expect

from tests.browser.blocks import block, run_and_wait, set_code
from tests.browser.conftest import launch
from tests.browser.static_host import StaticHost, wait_until_saved_offline
from tests.browser.test_offline import build_course, free_port

CHAPTER = "linear-regression/"
CHAPTER_TITLE = "The question and a first line"
NEXT = "linear-regression/residuals/"
NEXT_TITLE = "Residuals, MSE and R²"
# The throttled link of issue 12: 20 Mbit/s down, 40 ms latency.
THROTTLED = {"offline": False, "latency": 40, "downloadThroughput": 20e6 / 8,
             "uploadThroughput": 5e6 / 8}


@pytest.fixture
def host(tmp_path: Path, built_site: Path) -> Iterator[StaticHost]:
    served = StaticHost(tmp_path, built_site)
    yield served
    served.stop()


def test_a_first_visit_is_never_reloaded_and_the_next_page_is_isolated_so_stop_interrupts(
    playwright_driver: Playwright, tmp_path: Path
) -> None:
    # Built with site_url at the address it is served from, as a published site is, so Material's
    # instant navigation is on: the link to the next page would otherwise keep this document.
    port = free_port()
    site = build_course(tmp_path / "build", site_url=f"http://127.0.0.1:{port}/")
    host = StaticHost(tmp_path, site, port=port)
    context = launch(playwright_driver, tmp_path / "profile")
    try:
        page = host.open(context, CHAPTER)
        page.evaluate("window.__firstDocument = true")
        expect(page.locator(".course-python-status")).to_have_text("Python ready")
        page.wait_for_function("navigator.serviceWorker.controller !== null")
        # The page the learner is reading stays as it came: no reload for the headers.
        assert page.evaluate("window.__firstDocument") is True
        assert page.evaluate("performance.getEntriesByType('navigation')[0].type") == "navigate"
        assert page.evaluate("crossOriginIsolated") is False

        # The next page is loaded in full, through the service worker, which isolates it.
        page.locator(".md-nav").get_by_role("link", name=NEXT_TITLE, exact=True).first.click()
        page.wait_for_url(f"**/{NEXT}")
        page.wait_for_function("window.__firstDocument === undefined")
        assert page.evaluate("crossOriginIsolated") is True
        expect(page.locator(".course-python-status")).to_have_text("Python ready")
        block_id = page.locator("div.pyrun").first.get_attribute("data-block-id")
        target = block(page, block_id)
        page.evaluate("window.__notReloaded = true")

        set_code(page, block_id, "import sys\nsys.course_probe = 41\n")
        run_and_wait(page, block_id)
        set_code(page, block_id, "while True:\n    pass\n")
        target.get_by_role("button", name="Run").click()
        expect(target).to_have_attribute("data-run-state", "running")
        page.wait_for_timeout(500)
        target.get_by_role("button", name="Stop").click()
        expect(target).to_have_attribute("data-run-state", "stopped")
        expect(target.locator(".pyrun__status")).to_have_text("Stopped (Python interrupted).")

        # The same Python goes on at once: what the stopped page's Python held is still there.
        set_code(page, block_id, "import sys\nprint(sys.course_probe + 1)\n")
        started = time.monotonic()
        run_and_wait(page, block_id)
        rerun = time.monotonic() - started
        expect(target.locator(".pyrun__live")).to_contain_text("42")
        assert page.evaluate("window.__notReloaded") is True
        # A restart boots a new Python (seconds, even from the cache); a rerun takes a fraction.
        assert rerun < 1.5, f"the run after Stop took {rerun:.2f} s"

        # From an isolated page, links are instant again (the same document, Python kept).
        page.locator(".md-nav").get_by_role("link", name=CHAPTER_TITLE, exact=True).first.click()
        page.wait_for_function(
            "(title) => location.pathname.endsWith('/linear-regression/')"
            " && document.querySelector('article h1')?.innerText.startsWith(title)",
            arg=CHAPTER_TITLE,
        )
        assert page.evaluate("window.__notReloaded") is True

        # Another tab of the same browser is isolated from its very first load.
        other = host.open(context, "glm/")
        assert other.evaluate("crossOriginIsolated") is True
        assert other.evaluate("performance.getEntriesByType('navigation')[0].type") == "navigate"
    finally:
        context.close()
        host.stop()


# When the page asked for its Python worker's script, against when the page was parsed.
_WORKER_REQUESTED = """() => ({
  worker: performance.getEntriesByType("resource")
    .find((entry) => new URL(entry.name).pathname.endsWith("/js/worker.js"))?.startTime ?? null,
  parsed: performance.getEntriesByType("navigation")[0].domInteractive,
})"""


def test_a_page_the_service_worker_serves_starts_python_from_its_head(
    host: StaticHost, playwright_driver: Playwright, tmp_path: Path
) -> None:
    context = launch(playwright_driver, tmp_path / "profile")
    try:
        first = host.open(context, CHAPTER)
        wait_until_saved_offline(first)
        # A first visit leaves Python until the page is up: its download would slow the paint.
        timing = first.evaluate(_WORKER_REQUESTED)
        assert timing["worker"] > timing["parsed"], timing

        # Served by the service worker, the page starts Python while it is still being parsed.
        page = host.open(context, NEXT)
        expect(page.locator(".course-python-status")).to_have_text("Python ready")
        timing = page.evaluate(_WORKER_REQUESTED)
        assert timing["worker"] < timing["parsed"], timing
        block_id = page.locator("div.pyrun").first.get_attribute("data-block-id")
        expect(run_and_wait(page, block_id)).to_have_attribute("data-output-match", "true")
        # It is the page's one worker: python-host took it over, and Stop interrupts it.
        assert page.evaluate("window.__courseEarlyPython") is None
        assert page.evaluate("crossOriginIsolated") is True
        set_code(page, block_id, "while True:\n    pass\n")
        target = block(page, block_id)
        target.get_by_role("button", name="Run").click()
        expect(target).to_have_attribute("data-run-state", "running")
        target.get_by_role("button", name="Stop").click()
        expect(target.locator(".pyrun__status")).to_have_text("Stopped (Python interrupted).")
        workers = page.evaluate(
            """performance.getEntriesByType("resource")
                .filter((entry) => entry.name.endsWith("/js/worker.js")).length"""
        )
        assert workers == 1
    finally:
        context.close()


def test_on_a_throttled_link_a_progress_bar_shows_the_download_in_megabytes(
    host: StaticHost, playwright_driver: Playwright, tmp_path: Path, built_site: Path
) -> None:
    # DevTools' network emulation slows a page and its workers, not a service worker's own
    # fetches: this first visit runs without it, so every byte crosses the throttled link.
    context: BrowserContext = launch(
        playwright_driver, tmp_path / "profile", service_workers="block"
    )
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", THROTTLED)
        page.goto(host.site.page_url(CHAPTER))
        bar = page.get_by_role("progressbar", name="Python download")
        expect(bar).to_be_visible()
        samples = page.evaluate(
            """() => new Promise((resolve) => {
                const seen = [];
                const timer = setInterval(() => {
                  const bar = document.querySelector('.course-python-status progress');
                  if (bar) seen.push([bar.value, bar.max,
                    document.querySelector('.course-python-status__amount').textContent]);
                  else if (seen.length) { clearInterval(timer); resolve(seen); }
                }, 100);
            })"""
        )
        # While Python starts after the downloads the bar is indeterminate (no amount shown).
        samples = [sample for sample in samples if sample[2]]
        values = [value for value, _, _ in samples]
        assert len(set(values)) >= 5, samples
        assert values == sorted(values), str(samples)  # the bar never goes back
        total = samples[-1][1]
        assert 15e6 < total < 25e6  # the runtime, its standard library and NumPy: about 18 MB
        assert values[-1] > 0.9 * total
        assert re.fullmatch(r"\d+\.\d of \d+\.\d MB", samples[len(samples) // 2][2])
        # NumPy comes last and Pyodide checks it against the lock's sha256: checked by the
        # browser (fetch's integrity), none of its 3 MB would count until the last byte.
        numpy = next((built_site / "assets" / "pyodide").glob("numpy-*.whl")).stat().st_size
        during_numpy = {value for value in values if total - numpy < value < total}
        assert len(during_numpy) >= 3, str(samples)
        expect(page.locator(".course-python-status")).to_have_text("Python ready")
    finally:
        context.close()


def test_a_package_that_does_not_match_its_checksum_is_refused_and_named(
    host: StaticHost, playwright_driver: Playwright, tmp_path: Path, built_site: Path
) -> None:
    wheel = next((built_site / "assets" / "pyodide").glob("numpy-*.whl"))
    tampered = bytearray(wheel.read_bytes())
    tampered[len(tampered) // 2] ^= 0xFF  # one byte changed, the size kept
    context = launch(playwright_driver, tmp_path / "profile", service_workers="block")
    try:
        page = context.new_page()
        page.route(f"**/{wheel.name}", lambda route: route.fulfill(
            status=200, body=bytes(tampered), content_type="application/zip"))
        page.goto(host.site.page_url(CHAPTER))
        status = page.locator(".course-python-status")
        expect(status).to_contain_text("Python could not load")
        expect(status).to_contain_text(f"{wheel.name} does not match the checksum")
    finally:
        context.close()


def test_a_failed_download_names_the_file_instead_of_hanging(
    host: StaticHost, playwright_driver: Playwright, tmp_path: Path
) -> None:
    context = launch(playwright_driver, tmp_path / "profile", service_workers="block")
    try:
        page = context.new_page()
        page.route("**/python_stdlib.zip", lambda route: route.fulfill(status=503, body="busy"))
        page.goto(host.site.page_url(CHAPTER))
        status = page.locator(".course-python-status")
        expect(status).to_contain_text("Python could not load")
        expect(status).to_contain_text("python_stdlib.zip (HTTP 503)")
        expect(status).to_contain_text("reload the page")
        expect(page.locator(".course-python-status progress")).to_have_count(0)
    finally:
        context.close()
