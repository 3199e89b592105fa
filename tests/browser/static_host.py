"""A plain static host for the built site: no COOP/COEP headers, as GitHub Pages or Netlify.

The served folder is a symlink, so a test can publish a rebuilt site under the same address, and
stop the host to take the site off the network.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import BrowserContext, Page

from site_src.serve import serve_in_thread
from tests.browser.conftest import Site


class StaticHost:
    """Serve `site` on 127.0.0.1 without isolation headers until `stop()`."""

    def __init__(self, workdir: Path, site: Path, port: int = 0) -> None:
        """Publish `site` at a new address; `workdir` holds the symlink that is served."""
        self._link = workdir / "published"
        self.publish(site)
        self._server, url = serve_in_thread(self._link, isolated=False, port=port)
        self.site = Site(url)
        self.running = True

    def publish(self, site: Path) -> None:
        """Serve `site` from now on, at the same address (an atomic swap, like a deploy)."""
        fresh = self._link.with_name("published.new")
        fresh.unlink(missing_ok=True)
        fresh.symlink_to(site.resolve(), target_is_directory=True)
        fresh.replace(self._link)

    def stop(self) -> None:
        """Take the site off the network (every later request is refused)."""
        if self.running:
            self._server.shutdown()
            self._server.server_close()
            self.running = False

    def open(self, context: BrowserContext, path: str = "") -> Page:
        """A new tab on `path`, recording every request it makes."""
        page = context.new_page()
        page.on("request", lambda request: self.site.requests.append(request.url))
        page.goto(self.site.page_url(path))
        return page


def wait_until_saved_offline(page: Page) -> None:
    """Wait until the page says the course is kept for offline use."""
    page.locator(".course-offline-status", has_text="Ready for offline use.").wait_for()


def build_caches(page: Page) -> list[str]:
    """Names of the site's per-build caches in the browser's Cache Storage."""
    return page.evaluate(
        "async () => (await caches.keys()).filter((name) => name.includes(':build:'))"
    )
