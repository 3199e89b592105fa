"""Text sent gzipped, as GitHub Pages and Netlify send it: for the benchmarks' static hosts."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".py", ".txt", ".xml"}


class GzipText:
    """A mixin for `CourseRequestHandler`: `gzip_head()` answers a text file with a gzip copy."""

    def gzip_head(self: Any) -> Any:
        """Send the headers of a gzip copy and return its body; None when not compressible."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return None  # the base class redirects /dir to /dir/
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in COMPRESSIBLE and path.is_file()):
            return None
        if "If-Modified-Since" in self.headers:
            # A revalidation: the base class answers 304 for an unchanged file, as hosts do, so
            # a browser's cached copy (and its compiled code) stays in use.
            return None
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(path.stat().st_mtime))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return Body(body)


class Body:
    """A file-like body for `SimpleHTTPRequestHandler.copyfile`."""

    def __init__(self, data: bytes) -> None:
        self._data = data

    def read(self, size: int = -1) -> bytes:
        """The next `size` bytes (all that is left when negative)."""
        if size < 0:
            size = len(self._data)
        chunk, self._data = self._data[:size], self._data[size:]
        return chunk

    def close(self) -> None:
        """Drop what is left."""
        self._data = b""
