"""Where Debian's Chromium is and how to start it, for every caller (PDFs, tests, benchmarks).

Playwright cannot download its own browser here, so it drives /usr/bin/chromium. Without the
background-networking flags Chromium tries to reach Google's services, which this machine's closed
network refuses. HANDBOOK_CHROMIUM points at another binary.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

DEFAULT_CHROMIUM = "/usr/bin/chromium"


def chromium_path(environ: Mapping[str, str] = os.environ) -> str:
    """Debian's Chromium, or the binary ``HANDBOOK_CHROMIUM`` names."""
    return environ.get("HANDBOOK_CHROMIUM") or DEFAULT_CHROMIUM


#: For the tests and the benchmark, which start Chromium outside a build.
CHROMIUM = chromium_path()
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
