"""Gzip the site's scripts, stylesheets and search files once, at build time, for nginx's gzip_static.

Compressing on every request is what limits a web server serving this site: the search index and
Mermaid are megabytes each: with these files compressed by the build, the load check answers several
times the requests per second it answers when nginx compresses them itself (the figures are in the
README, "Serving the handbook"). Pages are left to
nginx: they are small, and there are as many of them as chapters, so compressing them here would
lengthen every build of a large handbook for little gain at an intranet's load.

Each ``name.js`` gets a ``name.js.gz`` beside it (gzip level 6, no timestamp, so a rebuild of the same
site writes the same bytes); deploy/nginx.conf sends it to browsers that accept gzip.
"""

from __future__ import annotations

import gzip
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from handbook.site.server_files import SERVER_DIR

#: What is compressed here (pages, ``.html``, are compressed by nginx as it sends them).
SUFFIXES = (".js", ".css", ".json", ".svg")
#: Smaller files are sent as they are (deploy/nginx.conf's gzip_min_length).
MIN_BYTES = 256
LEVEL = 6


def _compress(path: Path) -> bool:
    data = path.read_bytes()
    packed = gzip.compress(data, compresslevel=LEVEL, mtime=0)
    if len(packed) >= len(data):
        return False
    path.with_name(path.name + ".gz").write_bytes(packed)
    return True


def candidates(site: Path) -> list[Path]:
    """The files to compress: scripts, stylesheets, JSON and SVG of at least MIN_BYTES, not source maps."""
    return [
        path
        for path in sorted(site.rglob("*"))
        if path.suffix in SUFFIXES
        and path.is_file()
        and path.relative_to(site).parts[0] != SERVER_DIR
        and path.stat().st_size >= MIN_BYTES
    ]


def precompress(site: Path) -> int:
    """Write ``.gz`` beside each candidate file of ``site``; the number written.

    zlib releases the interpreter lock while it compresses, so threads use every core.
    """
    with ThreadPoolExecutor(max_workers=4) as pool:
        return sum(pool.map(_compress, candidates(site)))
