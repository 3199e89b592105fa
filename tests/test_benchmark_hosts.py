"""The benchmarks' static host sends text gzipped, as GitHub Pages does, and counts wire bytes."""

from __future__ import annotations

import gzip
import http.client
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks.bench_site import Link, serve_shaped

SCRIPT = "export const answer = 42;\n" * 400
BINARY = bytes(range(256)) * 40


@contextmanager
def host(root: Path, *, compress: bool) -> Iterator[tuple[http.client.HTTPConnection, Link]]:
    (root / "page").mkdir()
    (root / "page" / "index.html").write_text("<p>hello</p>\n" * 200, encoding="utf-8")
    (root / "module.js").write_text(SCRIPT, encoding="utf-8")
    (root / "runtime.wasm").write_bytes(BINARY)
    link = Link(mbit=1000, latency_ms=0)
    server, base = serve_shaped(root, link, compress=compress)
    connection = http.client.HTTPConnection(base.removeprefix("http://").rstrip("/"), timeout=30)
    try:
        yield connection, link
    finally:
        connection.close()
        server.shutdown()
        server.server_close()


def fetch(
    connection: http.client.HTTPConnection, path: str, **headers: str
) -> http.client.HTTPResponse:
    connection.request("GET", path, headers={"Accept-Encoding": "gzip, br", **headers})
    response = connection.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    return response


def test_text_is_sent_gzipped_and_the_link_counts_the_compressed_bytes(tmp_path: Path) -> None:
    with host(tmp_path, compress=True) as (connection, link):
        script = fetch(connection, "/module.js")
        assert script.status == 200
        assert script.getheader("Content-Encoding") == "gzip"
        assert gzip.decompress(script.body) == SCRIPT.encode()
        assert int(script.getheader("Content-Length")) == len(script.body) < len(SCRIPT) / 10
        page = fetch(connection, "/page/")
        assert page.getheader("Content-Encoding") == "gzip"
        assert gzip.decompress(page.body).startswith(b"<p>hello</p>")
        runtime = fetch(connection, "/runtime.wasm")  # not text: as it is on disk
        assert runtime.getheader("Content-Encoding") is None
        assert runtime.body == BINARY
        moved = fetch(connection, "/page")
        assert moved.status == 301
        assert moved.getheader("Location") == "/page/"
    sent = link.bytes_between(0, float("inf"))
    assert sent["/module.js"] == len(script.body)
    assert sent["/runtime.wasm"] == len(BINARY)


def test_a_cached_copy_is_revalidated_with_a_304_as_hosts_answer(tmp_path: Path) -> None:
    # Without it a warm visit of the floor page would download its scripts again, and lose their
    # compiled code: the benchmark would slow the floor down, not measure the page.
    with host(tmp_path, compress=True) as (connection, link):
        first = fetch(connection, "/module.js")
        stamp = first.getheader("Last-Modified")
        assert stamp
        again = fetch(connection, "/module.js", **{"If-Modified-Since": stamp})
        assert again.status == 304
        assert again.body == b""
    assert link.bytes_between(0, float("inf"))["/module.js"] == len(first.body)


def test_without_compression_text_is_sent_as_it_is(tmp_path: Path) -> None:
    with host(tmp_path, compress=False) as (connection, link):
        script = fetch(connection, "/module.js")
        assert script.getheader("Content-Encoding") is None
        assert script.body == SCRIPT.encode()
    assert link.bytes_between(0, float("inf"))["/module.js"] == len(SCRIPT)
