"""Serve a built site on loopback, as an intranet web server would, for the browser tests and the benchmark.

One server for every caller: quiet, on a free port, and answering unknown addresses with the site's
own 404.html (as a web server configured for MkDocs does). ``is_own`` says which requests a page
may make with no other host involved.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves the site quietly, with its 404.html page."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve ``site`` on a free loopback port; yields its base URL (ending in "/")."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(SiteHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def is_own(url: str, base: str) -> bool:
    """Requests the site may make: to its own origin (file:// for the file share), or data/blob URLs."""
    if urlsplit(url).scheme in ("data", "blob", "about"):
        return True
    return origin(url) == origin(base)
