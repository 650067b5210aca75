"""The search benchmark runs (python -m handbook bench): a smoke test at 10 chapters, one run.

The benchmark itself is not a test (it is slow, and its figures depend on the machine); this only
checks that it still builds both sites, measures both in Chromium and writes its report.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook import PROJECT_ROOT
from handbook.bench import main
from handbook.synthetic import generate

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def test_synthetic_chapters_follow_the_content_model(tmp_path: Path) -> None:
    from handbook.sources import load_pages

    handbook = generate(PROJECT_ROOT, tmp_path / "handbook", chapters=8)
    pages, errors = load_pages(handbook.root)
    assert errors == []
    chapters = [page for page in pages if page.src_uri.startswith("procedures/synthetic/")]
    assert len(chapters) == 8
    assert {page.meta.kind for page in chapters} == {"procedure", "edition-chapter"}
    words = [len(page.front.body.split()) for page in chapters]
    assert all(1000 < count < 1500 for count in words), words


def test_benchmark_runs_at_ten_chapters(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "bench.md"
    assert main(["--sizes", "10", "--runs", "1", "--work", str(tmp_path / "work"), "--output", str(output)]) == 0
    report = output.read_text(encoding="utf-8")
    assert "| 10 |" in report
    assert report.count(" ms / ") >= 4  # four timings, ours beside plain Material
    assert "edition-chapter" in report and "procedure" in report
    assert report in capsys.readouterr().out
