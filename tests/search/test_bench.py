"""The search benchmark runs (python -m handbook bench): a smoke test at 10 chapters, one run.

The benchmark itself is not a test (it is slow, and its figures depend on the machine); this only
checks that it still builds both sites, measures both in Chromium and writes its report.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from handbook import PROJECT_ROOT
from handbook.bench.synthetic import generate

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def test_synthetic_chapters_follow_the_content_model(tmp_path: Path) -> None:
    from handbook.core.sources import load_pages

    handbook = generate(PROJECT_ROOT, tmp_path / "handbook", chapters=8)
    pages, errors = load_pages(handbook.root)
    assert errors == []
    chapters = [page for page in pages if page.src_uri.startswith("procedures/synthetic/")]
    assert len(chapters) == 8
    assert {page.meta.kind for page in chapters} == {"procedure", "edition-chapter"}
    words = [len(page.front.body.split()) for page in chapters]
    assert all(1000 < count < 1500 for count in words), words


def test_benchmark_runs_at_ten_chapters(tmp_path: Path) -> None:
    """Run as the README says, in its own process (the browser tests' Playwright is running in this one)."""
    output = tmp_path / "bench.md"
    command = [sys.executable, "-m", "handbook", "bench", "--sizes", "10", "--runs", "1"]
    command += ["--work", str(tmp_path / "work"), "--output", str(output)]
    env = dict(os.environ, PYTHONPATH=str(PROJECT_ROOT / "scripts"))
    result = subprocess.run(command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    report = output.read_text(encoding="utf-8")
    assert "| 10 |" in report
    assert report.count(" ms / ") >= 4  # four timings, ours beside plain Material
    assert "edition-chapter" in report and "procedure" in report
    assert report.strip() in result.stdout
