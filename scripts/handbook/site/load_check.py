"""A bounded load check: many readers at once against the handbook as nginx serves it on loopback.

It answers the intranet administrator's question "will our server cope on a busy morning?" with
requests per second and errors (any answer but 200, any connection that fails), not with a guess.
Each reader is one keep-alive HTTP/1.1 connection asking, one after another and as fast as it is
answered, for every page, script, stylesheet and search file of the built site (each reader starting
at a different place in that list), accepting gzip as a browser does. The client is Python's asyncio
in one process, so on a small machine it, not nginx, may be what limits the figure: the report is a
floor for what the server can do, measured on the same machine.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

from handbook.site.ledger import NOT_PAGES, REDIRECT
from handbook.site.server_files import SERVER_DIR, page_address

#: Folders of the built site whose files a reader's browser asks for besides the pages (not Material's
#: lunr language files: an English site never loads them).
ASSET_FOLDERS = ("assets/javascripts", "assets/stylesheets", "assets/vendor", "search")
ASSET_SUFFIXES = (".js", ".css", ".json")
TIMEOUT_S = 10.0


@dataclass
class LoadResult:
    """What the readers saw: counts, bytes received (compressed, as sent) and each answer's time."""

    readers: int
    seconds: float
    requests: int = 0
    errors: int = 0
    bytes: int = 0
    statuses: Counter = field(default_factory=Counter)
    failures: Counter = field(default_factory=Counter)
    latencies_ms: list[float] = field(default_factory=list)

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def report(self, base: str) -> str:
        lines = [
            f"Load check: {self.readers} readers for {self.seconds:.1f} s against {base}",
            f"requests: {self.requests:,} ({self.per_second:,.1f} per second); errors: {self.errors:,}",
        ]
        if self.latencies_ms:
            ordered = sorted(self.latencies_ms)
            p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
            lines.append(
                f"time to a full answer: median {statistics.median(ordered):.1f} ms, 95th percentile {p95:.1f} ms, "
                f"longest {ordered[-1]:.1f} ms; {self.bytes / 1e6:,.1f} MB received"
            )
        if self.statuses:
            lines.append("answers: " + ", ".join(f"{code} × {n:,}" for code, n in sorted(self.statuses.items())))
        if self.failures:
            lines.append("failures: " + ", ".join(f"{name} × {n:,}" for name, n in self.failures.most_common()))
        return "\n".join(lines)


def site_paths(site: Path) -> list[str]:
    """Every address a reader's browser asks for: each page (not redirect stubs), script, stylesheet and
    search file of the built site, as paths from the root."""
    paths = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel in NOT_PAGES or rel.startswith(("assets/", SERVER_DIR + "/")):
            continue
        if REDIRECT.search(path.read_text(encoding="utf-8")):
            continue
        paths.append(page_address(site, path))
    for folder in ASSET_FOLDERS:
        for path in sorted((site / folder).rglob("*")):
            if path.is_file() and path.suffix in ASSET_SUFFIXES and "/lunr/" not in path.as_posix():
                paths.append("/" + path.relative_to(site).as_posix())
    return [quote(path) for path in paths]


async def _read_answer(reader: asyncio.StreamReader) -> tuple[int, int, bool]:
    """Read one HTTP/1.1 answer: (status, body bytes, whether the connection stays open)."""
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionResetError("the server closed the connection")
    status = int(status_line.split()[1])
    headers: dict[str, str] = {}
    while (line := await reader.readline()) not in (b"\r\n", b"\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    if headers.get("transfer-encoding", "").lower() == "chunked":
        size = 0
        while True:
            chunk = int((await reader.readline()).split(b";")[0], 16)
            await reader.readexactly(chunk + 2)  # the chunk and its CRLF
            size += chunk
            if chunk == 0:
                break
    else:
        size = int(headers.get("content-length", "0"))
        await reader.readexactly(size)
    return status, size, headers.get("connection", "").lower() != "close"


async def _reader(host: str, port: int, paths: list[str], start: int, deadline: float, result: LoadResult) -> None:
    """One reader: a keep-alive connection asking for ``paths`` in turn from ``start`` until ``deadline``."""
    index = start
    connection: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
    while time.monotonic() < deadline:
        path = paths[index % len(paths)]
        index += 1
        began = time.perf_counter()
        try:
            if connection is None:
                connection = await asyncio.wait_for(asyncio.open_connection(host, port), TIMEOUT_S)
            stream, writer = connection
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept-Encoding: gzip\r\n\r\n".encode("ascii"))
            status, size, keep = await asyncio.wait_for(_read_answer(stream), TIMEOUT_S)
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError, IndexError) as exc:
            result.requests += 1
            result.errors += 1
            result.failures[type(exc).__name__] += 1
            connection = _close(connection)
            continue
        result.requests += 1
        result.statuses[status] += 1
        result.bytes += size
        result.latencies_ms.append((time.perf_counter() - began) * 1000)
        if status != 200:
            result.errors += 1
        if not keep:
            connection = _close(connection)
    _close(connection)


def _close(connection: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None) -> None:
    if connection is not None:
        connection[1].close()
    return None


async def _run(base: str, paths: list[str], readers: int, seconds: float) -> LoadResult:
    parts = urlsplit(base)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    result = LoadResult(readers=readers, seconds=seconds)
    began = time.monotonic()
    deadline = began + seconds
    step = max(1, len(paths) // readers)
    await asyncio.gather(*(_reader(host, port, paths, n * step, deadline, result) for n in range(readers)))
    result.seconds = time.monotonic() - began
    return result


def load_check(base: str, paths: list[str], readers: int = 50, seconds: float = 20.0) -> LoadResult:
    """``readers`` readers asking for ``paths`` (addresses from the root) at ``base`` for ``seconds``."""
    if not paths:
        raise ValueError("no addresses to ask for")
    return asyncio.run(_run(base, paths, readers, seconds))
