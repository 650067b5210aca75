"""Helpers for the search tests: the built site's search files, and Material's worker run in Node.js."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import material
import pytest

RUN_WORKER = Path(__file__).with_name("run_worker.js")
SUITE = Path(__file__).with_name("relevance.yml")
#: Material's own search worker, as installed (not the handbook's combined one).
WORKERS = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "workers"
MATERIAL_WORKER = next(WORKERS.glob("search.*.min.js"))


def site_worker(site: Path) -> Path:
    """The search worker a built site serves (the handbook's code in front of Material's)."""
    return next((site / "assets/javascripts/workers").glob("search.*.min.js"))


def run_worker(worker: Path, site: Path, request: dict) -> dict:
    """Run a search worker in Node.js on a site's search files; see run_worker.js."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed to run the search worker: install nodejs (see README)")
    result = subprocess.run(
        [node, str(RUN_WORKER), str(worker), str(site)],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)
