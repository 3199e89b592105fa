"""Offline after one visit, from a plain static host: the service worker's cache, and updates."""

from __future__ import annotations

import json
import re
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, Playwright, expect

from tests.browser.blocks import block, editor_text, run_and_wait, set_code
from tests.browser.conftest import launch
from tests.browser.static_host import StaticHost, build_caches, wait_until_saved_offline
from tests.browser.test_practice import check, enter_work, reference_work
from tests.conftest import PROJECT_ROOT, build_site

FIRST_VISIT = "linear-regression/least-squares/"
UNVISITED = "linear-regression/design-matrix/"  # NumPy only: cached up front, never opened online
PRACTICE = "linear-regression/practice/"
CHANGED_SOURCE = "linear-regression/design-matrix.md"
MARKER = "This sentence is new in the second build."


def build_id(site: Path) -> str:
    """The build id written into the site's sw.js."""
    text = (site / "sw.js").read_text(encoding="utf-8")
    return json.loads(re.search(r"const MANIFEST = (\{.*?\});\n", text).group(1))["build"]


def build_course(work: Path, *, site_url: str = "", marker: bool = False) -> Path:
    """Build the course from a copy of docs/ into work/site, with `site_url` or a changed page."""
    docs = work / "docs"
    docs.mkdir(parents=True)
    for source in (PROJECT_ROOT / "docs").rglob("*"):
        if source.is_file():
            target = docs / source.relative_to(PROJECT_ROOT / "docs")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
    if marker:
        page = docs / CHANGED_SOURCE
        page.write_text(page.read_text(encoding="utf-8") + f"\n{MARKER}\n", encoding="utf-8")
    config = (PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    node_modules = PROJECT_ROOT / "site_src" / "node_modules"
    changed = config.replace("docs_dir: docs\n", f"docs_dir: {docs}\n")
    changed = re.sub(r"^  - course\n", f"  - course:\n      node_modules: {node_modules}\n",
                     changed, flags=re.MULTILINE)
    if site_url:
        changed = re.sub(r"^site_url: .*$", f"site_url: {site_url}", changed, flags=re.MULTILINE)
        assert f"site_url: {site_url}" in changed
    assert changed.count(str(docs)) == 1
    assert changed.count(str(node_modules)) == 1
    (work / "mkdocs.yml").write_text(changed, encoding="utf-8")
    result = build_site(work / "site", work / "mkdocs.yml")
    if result.returncode != 0:
        pytest.fail(f"the build failed:\n{result.stdout}\n{result.stderr}")
    return work / "site"


@pytest.fixture(scope="module")
def rebuilt_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The course built again from a copy of docs/ in which one page gained a sentence."""
    return build_course(tmp_path_factory.mktemp("rebuild"), marker=True)


@pytest.fixture
def host(tmp_path: Path, built_site: Path) -> Iterator[StaticHost]:
    served = StaticHost(tmp_path, built_site)
    yield served
    served.stop()


@pytest.fixture
def fresh(playwright_driver: Playwright, tmp_path: Path) -> Iterator[BrowserContext]:
    """Chromium on an empty profile, service workers allowed: a learner's first visit."""
    context = launch(playwright_driver, tmp_path / "profile")
    yield context
    context.close()


def go_offline(host: StaticHost, context: BrowserContext) -> None:
    host.stop()
    context.set_offline(True)


def run_every_block(page: Page) -> None:
    ids = [node.get_attribute("data-block-id") for node in page.locator("div.pyrun").all()]
    assert ids, "the page has no runnable block"
    for block_id in ids:
        target = run_and_wait(page, block_id)
        expect(target).to_have_attribute("data-output-match", "true")


def test_after_one_visit_an_unvisited_chapter_runs_and_a_check_works_offline(
    host: StaticHost, fresh: BrowserContext, built_site: Path
) -> None:
    page = host.open(fresh, FIRST_VISIT)
    wait_until_saved_offline(page)
    assert build_caches(page) == [f"course:/:build:{build_id(built_site)}"]
    go_offline(host, fresh)

    # An address with a query (a link from a search engine, a shared link) is the same page.
    page.goto(host.site.page_url(UNVISITED) + "?from=a-shared-link")
    expect(page.locator("h1")).to_have_text(re.compile("design matrix", re.IGNORECASE))
    run_every_block(page)

    page.goto(host.site.page_url(PRACTICE))
    enter_work(page, "predict-x6", reference_work("predict-x6"))
    assert check(page, "predict-x6") == "passed"
    code_exercise = "lr-divergence"
    enter_work(page, code_exercise, reference_work(code_exercise))
    assert check(page, code_exercise) == "passed"
    assert host.site.foreign_requests() == []


def test_a_rebuilt_site_replaces_the_old_cache_on_the_next_online_visit(
    host: StaticHost, fresh: BrowserContext, built_site: Path, rebuilt_site: Path
) -> None:
    old, new = build_id(built_site), build_id(rebuilt_site)
    assert old != new
    page = host.open(fresh, UNVISITED)
    wait_until_saved_offline(page)
    block_id = page.locator("div.pyrun").first.get_attribute("data-block-id")
    set_code(page, block_id, 'print("my saved work")\n')
    article = page.locator("article")
    expect(article).not_to_contain_text(MARKER)

    host.publish(rebuilt_site)
    page.reload()  # the next visit: served whole from the old build while the new one is saved
    update = page.locator(".course-offline-status", has_text="A new version")
    expect(update).to_be_visible()
    expect(article).not_to_contain_text(MARKER)
    assert f"course:/:build:{old}" in build_caches(page)  # the open page still uses it

    update.get_by_role("button", name="Reload to use it").click()
    expect(article).to_contain_text(MARKER)
    wait_until_saved_offline(page)
    page.wait_for_function(
        "async () => (await caches.keys()).filter((n) => n.includes(':build:')).length === 1"
    )
    assert build_caches(page) == [f"course:/:build:{new}"]
    assert editor_text(page, block_id) == 'print("my saved work")\n'  # saved work kept

    go_offline(host, fresh)
    other = fresh.new_page()
    other.goto(host.site.page_url(UNVISITED))
    expect(other.locator("article")).to_contain_text(MARKER)
    expect(block(other, block_id).locator(".pyrun__status")).to_contain_text("restored")


def test_under_a_subpath_the_course_keeps_to_its_folder_and_works_offline(
    tmp_path: Path, fresh: BrowserContext, built_site: Path
) -> None:
    web_space = tmp_path / "www"
    (web_space / "teacher").mkdir(parents=True)
    (web_space / "teacher" / "linear-models").symlink_to(built_site, target_is_directory=True)
    served = StaticHost(tmp_path, web_space)
    try:
        page = served.open(fresh, f"teacher/linear-models/{FIRST_VISIT}")
        wait_until_saved_offline(page)
        scope = page.evaluate("navigator.serviceWorker.ready.then((r) => r.scope)")
        assert scope == served.site.page_url("teacher/linear-models/")
        expected = f"course:/teacher/linear-models/:build:{build_id(built_site)}"
        assert build_caches(page) == [expected]
        page.reload()  # the first visit's page came from the network; the next is the worker's
        assert page.evaluate("crossOriginIsolated") is True
        go_offline(served, fresh)
        page.goto(served.site.page_url(f"teacher/linear-models/{UNVISITED}"))
        run_every_block(page)
        # A learner follows a link offline (served as the page itself was, from its build).
        page.get_by_role("link", name="Solving least squares").first.click()
        page.wait_for_url(f"**/teacher/linear-models/{FIRST_VISIT}")
        run_every_block(page)
    finally:
        served.stop()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_offline_material_instant_navigation_brings_the_next_page_from_the_cache(
    tmp_path: Path, fresh: BrowserContext
) -> None:
    # Material navigates instantly only to the links its sitemap lists, and it keeps the port
    # of site_url: this build's site_url is the address it is served at, as published sites are.
    port = free_port()
    site = build_course(tmp_path / "build", site_url=f"http://127.0.0.1:{port}/")
    served = StaticHost(tmp_path, site, port=port)
    try:
        page = served.open(fresh, FIRST_VISIT)
        wait_until_saved_offline(page)
        # A first visit's page follows its next link in full, to become isolated (offline.js);
        # from a page the service worker served, links are instant.
        page.reload()
        assert page.evaluate("crossOriginIsolated") is True
        go_offline(served, fresh)
        page.evaluate("window.__sameDocument = true")
        page.get_by_role("link", name="The design matrix").first.click()
        page.wait_for_url(f"**/{UNVISITED}")
        expect(page.locator("h1")).to_have_text(re.compile("design matrix", re.IGNORECASE))
        assert page.evaluate("window.__sameDocument === true"), "a full page load, not instant"
    finally:
        served.stop()
