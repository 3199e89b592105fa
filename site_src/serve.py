"""Serve the built site on 127.0.0.1, cross-origin isolated, so Stop can interrupt Python.

`python -m site_src.serve [--port 8000] [--dir site] [--plain]`. The COOP/COEP headers make the
page cross-origin isolated, which gives the worker a SharedArrayBuffer interrupt; every asset is
the site's own, so nothing is blocked by them. `--plain` sends none of them, as a plain static host
(GitHub Pages, Netlify without a `_headers` file) does: the site's service worker adds them.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

ISOLATION_HEADERS = {
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Embedder-Policy": "require-corp",
    "Cross-Origin-Resource-Policy": "same-origin",
}


class CourseRequestHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with the isolation headers, a wasm MIME type and no request log noise."""

    extensions_map = {  # noqa: RUF012
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".whl": "application/octet-stream",
    }
    isolated = True

    def end_headers(self) -> None:
        """Add the isolation headers to every response."""
        if self.isolated:
            for name, value in ISOLATION_HEADERS.items():
                self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        """Stay quiet: tests and `make serve` do not need a line per file."""


class CourseServer(http.server.ThreadingHTTPServer):
    """A threading server that does not print a traceback when a browser drops a download."""

    def handle_error(self, request: object, client_address: object) -> None:
        """Ignore clients that hung up (a cancelled fetch, a closed tab); report the rest."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


def make_server(directory: Path, *, port: int = 0, isolated: bool = True) -> CourseServer:
    """A server for `directory` on 127.0.0.1 (port 0 picks a free port)."""
    handler = functools.partial(
        type("Handler", (CourseRequestHandler,), {"isolated": isolated}),
        directory=str(directory),
    )
    return CourseServer(("127.0.0.1", port), handler)


def serve_in_thread(
    directory: Path, *, isolated: bool = True, port: int = 0
) -> tuple[CourseServer, str]:
    """Start a server in a daemon thread; return it and its base URL. Call shutdown() after."""
    server = make_server(directory, port=port, isolated=isolated)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    return server, f"http://{host}:{port}/"


def main(argv: Sequence[str] | None = None) -> int:
    """Serve until interrupted."""
    parser = argparse.ArgumentParser(prog="python -m site_src.serve", description=__doc__)
    parser.add_argument("--dir", type=Path, default=Path("site"), help="the built site")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument(
        "--plain", action="store_true", help="no COOP/COEP headers, as a plain static host"
    )
    args = parser.parse_args(argv)
    if not (args.dir / "index.html").is_file():
        parser.error(f"{args.dir} holds no built site; run `make site` first")
    server = make_server(args.dir, port=args.port, isolated=not args.plain)
    print(f"Serving the course on http://127.0.0.1:{args.port}/ (Ctrl+C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
