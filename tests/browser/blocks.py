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


# The page's own course script, found from its script tag, so no address is hard-coded; importing
# that address gives the page's own module (and its editors), not a second copy.
_EDITOR = """async (node, args) => {
  const course = document.querySelector('script[src*="/js/course.js"]');
  const { editorFor } = await import(course.src);
  const host = node.matches(".course-editor") ? node : node.querySelector(".course-editor");
  const editor = editorFor(host);
  if (args.length) editor.setValue(args[0]);
  return editor.getValue();
}"""


def editor_value(scope: Locator, *new: str) -> str:
    """The text of the editor inside `scope` (after setting it to `new`, if given)."""
    return scope.evaluate(_EDITOR, list(new))


def editor_input(scope: Locator) -> Locator:
    """The editor's text input, once built (it is built as its block comes near the viewport)."""
    host = scope.locator(".course-editor")
    host.scroll_into_view_if_needed()
    host.and_(scope.page.locator('[data-editor="ready"]')).wait_for()
    return host.locator(".cm-content")


def set_code(page: Page, block_id: str, code: str) -> None:
    """Replace the editor's text by typing into it, as a learner would."""
    editor_input(block(page, block_id)).focus()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(code)


def editor_text(page: Page, block_id: str) -> str:
    """The editor's current text."""
    return editor_value(block(page, block_id))
