"""Helpers that act on a runnable block the way a learner does."""

from __future__ import annotations

from playwright.sync_api import Locator, Page

FINISHED = ("done", "error", "stopped")


def block(page: Page, block_id: str) -> Locator:
    """The bound block with this id (waits for the runner to bind it)."""
    locator = page.locator(f'div.pyrun[data-block-id="{block_id}"]')
    locator.and_(page.locator('[data-bound="true"]')).wait_for()
    return locator


def run_and_wait(page: Page, block_id: str) -> Locator:
    """Press Run and wait until the block reports a finished state."""
    target = block(page, block_id)
    target.get_by_role("button", name="Run").click()
    page.wait_for_function(
        """([id, finished]) => finished.includes(
            document.querySelector(`div.pyrun[data-block-id="${id}"]`).dataset.runState)""",
        arg=[block_id, list(FINISHED)],
    )
    return target


def set_code(page: Page, block_id: str, code: str) -> None:
    """Replace the editor's text by typing into it, as a learner would."""
    editor = block(page, block_id).locator(".CodeMirror textarea")
    editor.focus()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(code)


def editor_text(page: Page, block_id: str) -> str:
    """The editor's current text."""
    return (
        block(page, block_id).locator(".CodeMirror").evaluate("node => node.CodeMirror.getValue()")
    )
