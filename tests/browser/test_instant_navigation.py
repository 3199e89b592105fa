"""Material's instant navigation: a page swapped into the same document binds and runs in full.

Material re-creates every inline <script> of the page it swaps in, as a bare classic script: the
blocks', exercises' and quizzes' data must survive that, and must not run as JavaScript. These
tests use `instant_site` (site_url is the address it is served at); on any other address Material
falls back to full page loads, which is why a same-document marker is checked after each click.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.blocks import run_and_wait
from tests.browser.conftest import Site, open_page
from tests.browser.test_practice import check, exercise, reference_work

CHAPTER = "linear-regression/"
NEXT = "linear-regression/residuals/"
PRACTICE = "linear-regression/practice/"


@pytest.fixture
def instant_page(browser_context: BrowserContext, instant_site: Site) -> Iterator[Page]:
    """A tab on the instant-navigation site with empty saved state; page errors fail the test."""
    tab = open_page(browser_context, instant_site)
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    tab.close()
    assert errors == [], f"errors on the page: {errors}"


def heading(page: Page) -> str:
    """The heading of the page shown now."""
    return page.locator("article h1").first.inner_text()


def wait_for_swap(page: Page, path: str, old_heading: str) -> None:
    """Wait until the page shows `path` and Material has swapped its content in.

    The address changes before the new content arrives, so the old page's heading must go too.
    The fragment does not count: navigation.tracking writes the heading in view into the
    address, and going back restores the address with it.
    """
    page.wait_for_url(lambda url: urlsplit(url).path.endswith(f"/{path}"))
    page.wait_for_function("old => document.querySelector('article h1')?.innerText !== old",
                           arg=old_heading)


def follow_instantly(page: Page, link_name: str, path: str) -> None:
    """Click a nav link and check that Material swapped the page in, in the same document."""
    page.evaluate("window.__sameDocument = true")
    before = heading(page)
    page.locator(".md-nav").get_by_role("link", name=link_name, exact=True).first.click()
    wait_for_swap(page, path, before)
    assert page.evaluate("window.__sameDocument === true"), "a full page load, not instant"
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1


# blocks.editor_value finds course.js from its script's relative src, which after instant navigation
# resolves against the new page's address: here the module is found from the site's own address.
_SET_CODE = """async (node, [editorUrl, code]) => {
  const { editorFor } = await import(editorUrl);
  editorFor(node.querySelector(".course-editor")).setValue(code);
}"""


def enter_work(page: Page, site: Site, exercise_id: str) -> None:
    """Put the reference work in the exercise (code through its editor, an answer typed in)."""
    work = reference_work(exercise_id)
    target = exercise(page, exercise_id)
    if "code" in work:
        target.evaluate(_SET_CODE, [site.page_url("assets/course/js/course.js"), work["code"]])
    else:
        target.get_by_label("Your answer").fill(str(work["answer"]))


def expected_outputs(page: Page) -> dict[str, tuple[str, bool]]:
    """Each block's id -> (its expected output, whether it runs in the browser), from the page."""
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll("div.pyrun")].map((node) => [
            node.dataset.blockId,
            [node.querySelector(".pyrun__expected-text")?.textContent ?? "",
             !node.querySelector(".pyrun__note")],
        ]))"""
    )


def test_every_block_of_an_instantly_opened_page_binds_and_matches(
    instant_page: Page, instant_site: Site
) -> None:
    page = instant_page
    page.goto(instant_site.page_url(CHAPTER))
    page.locator('div.pyrun[data-bound="true"]').first.wait_for()
    chapter_blocks = expected_outputs(page)
    first = next(iter(chapter_blocks))
    expect(run_and_wait(page, first)).to_have_attribute("data-output-match", "true")

    follow_instantly(page, "Residuals, MSE and R²", NEXT)
    blocks = expected_outputs(page)
    assert not set(blocks) & set(chapter_blocks), "the new page's blocks, not the old page's"
    assert len(blocks) >= 2, "the page should have several blocks: binding past the first counts"
    expect(page.locator('div.pyrun[data-bound="true"]')).to_have_count(len(blocks))
    for block_id, (expected, runs) in blocks.items():
        assert runs, f"{block_id} is build-only: pick a page whose blocks all run"
        target = run_and_wait(page, block_id)
        expect(target).to_have_attribute("data-run-state", "done")
        expect(target).to_have_attribute("data-output-match", "true")
        expect(target.locator(".pyrun__verdict")).to_have_text("Matches the expected output.")
        assert expected.strip(), f"{block_id} prints nothing to compare"
        # A different expected output (another block's data) would not match: prove it is its own.
        assert expected.strip().splitlines()[0] in target.locator(".pyrun__outputs").inner_text()
    # Exactly one editor per block: binding did not run twice over the same block.
    expect(page.locator("div.pyrun .course-editor")).to_have_count(len(blocks))
    expect(page.locator("div.pyrun .pyrun__toolbar button", has_text="Run")).to_have_count(
        len(blocks)
    )

    before = heading(page)
    page.go_back()
    wait_for_swap(page, CHAPTER, before)
    assert page.evaluate("window.__sameDocument === true"), "going back reloaded the page"
    back = expected_outputs(page)
    assert list(back) == list(chapter_blocks), "the chapter's own blocks are back"
    expect(page.locator('div.pyrun[data-bound="true"]')).to_have_count(len(back))
    last = list(back)[-1]
    expect(run_and_wait(page, last)).to_have_attribute("data-output-match", "true")


def test_a_practice_check_works_after_instant_navigation(
    instant_page: Page, instant_site: Site
) -> None:
    page = instant_page
    page.goto(instant_site.page_url(CHAPTER))
    page.locator('div.pyrun[data-bound="true"]').first.wait_for()
    follow_instantly(page, "Practice", PRACTICE)
    for exercise_id in ("predict-x6", "lr-divergence"):  # an answer and a code exercise
        enter_work(page, instant_site, exercise_id)
        assert check(page, exercise_id) == "passed"
