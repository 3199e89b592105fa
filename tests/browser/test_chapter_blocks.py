"""Every block on every chapter page runs in Pyodide and prints what the build printed."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.blocks import run_and_wait
from tests.browser.conftest import Site
from tests.conftest import PROJECT_ROOT
from tests.support.site_html import block_data

CHAPTERS = ["linear-regression", "glm"]


def chapter_pages() -> list[str]:
    """Site paths of the chapter pages, from the Markdown sources (known before any build)."""
    pages = []
    for chapter in CHAPTERS:
        for source in sorted((PROJECT_ROOT / "docs" / chapter).glob("*.md")):
            if "```pyrun" in source.read_text(encoding="utf-8"):
                stem = "" if source.stem == "index" else f"{source.stem}/"
                pages.append(f"{chapter}/{stem}")
    return pages


@pytest.mark.parametrize("path", chapter_pages())
def test_every_block_matches_its_expected_output_in_the_browser(
    page: Page, site: Site, built_site: Path, path: str
) -> None:
    blocks = block_data(built_site / path / "index.html")
    runnable = [block_id for block_id, data in blocks.items() if not data["buildOnly"]]
    assert runnable, f"{path} has no runnable block"
    page.goto(site.page_url(path))
    for block_id in runnable:
        target = run_and_wait(page, block_id)
        live = target.locator(".pyrun__live").inner_text()
        expect(target, f"{path} {block_id}: {live[:300]}").to_have_attribute(
            "data-output-match", "true"
        )
        # Nothing on stderr either: no warning the learner did not cause (e.g. font caches).
        expect(target.locator(".pyrun__live-stderr"), f"{path} {block_id}").to_have_count(0)
    assert site.foreign_requests() == []
