"""Benchmark: what the leaflet PDFs cost the build, and how big they are.

    PYTHONPATH=scripts .venv/bin/python scripts/handbook/bench/leaflets.py [RUNS]

Builds the http site RUNS times (default 3) with the PDF cache empty ("cold": every leaflet is
printed with Chromium) and RUNS times with it full ("warm": unchanged PDFs are copied, so this is
the build without printing, measured in the same run as the baseline). Prints the medians, the
difference (the cost of printing), and each PDF's size and page count.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from handbook import PROJECT_ROOT
from handbook.leaflets.library import current, format_size, load_leaflets
from handbook.leaflets.pdf import PDF_CACHE
from handbook.site.build import build


def timed_build(site: Path, cold: bool) -> float:
    if cold:
        shutil.rmtree(PROJECT_ROOT / PDF_CACHE, ignore_errors=True)
    start = time.perf_counter()
    build("http", site)
    return time.perf_counter() - start


def main(runs: int = 3) -> None:
    leaflets = current(load_leaflets(PROJECT_ROOT)[0])
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        timed_build(site, cold=False)  # warm-up: imports, caches
        cold, warm = [], []
        for _ in range(runs):  # interleaved, so both see the same machine load
            cold.append(timed_build(site, cold=True))
            warm.append(timed_build(site, cold=False))
        print(f"{len(leaflets)} current leaflets, {runs} runs each")
        print(f"build, every PDF printed (cold cache): median {statistics.median(cold):.2f} s  {cold}")
        print(f"build, PDFs from the cache (baseline): median {statistics.median(warm):.2f} s  {warm}")
        cost = statistics.median(cold) - statistics.median(warm)
        print(f"printing the PDFs: {cost:.2f} s ({cost / max(1, len(leaflets)):.2f} s a leaflet)")
        for leaf in leaflets:
            pdf = site / "leaflets" / f"{leaf.slug}.pdf"
            pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
            count = next((line.split()[-1] for line in pages.splitlines() if line.startswith("Pages:")), "?")
            print(f"  {pdf.name}: {format_size(pdf.stat().st_size)}, {count} page(s)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
