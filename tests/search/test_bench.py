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
from handbook.bench import pagefind
from handbook.bench.synthetic import PER_SECTION, SECTIONS_PER_PART, _nav_with_chapters, generate

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
    assert report.count(" ms / ") >= 7  # page ready, load, first query, typing (http and file://): ours beside plain
    assert "typing: last keystroke → result" in report and "files fetched while typing" in report
    assert "edition-chapter" in report and "procedure" in report
    assert report.strip() in result.stdout


def test_synthetic_nav_nests_parts_sections_and_chapters() -> None:
    """A chapter's page lists its part's sections and its section's chapters, not every chapter."""
    chapters = [f"procedures/synthetic/chapter-{n:04d}.md" for n in range(1, 601)]
    nav = _nav_with_chapters([{"Home": "index.md"}], chapters)
    assert nav[0] == {"Home": "index.md"}
    parts = nav[-1]["Synthetic chapters"]
    labels = [next(iter(part)) for part in parts]
    assert labels == ["Part 1: chapters 1–250", "Part 2: chapters 251–500", "Part 3: chapters 501–600"]
    sections = [section for part in parts for section in next(iter(part.values()))]
    assert all(len(next(iter(part.values()))) <= SECTIONS_PER_PART for part in parts)
    listed = [next(iter(entry.values())) for section in sections for entry in next(iter(section.values()))]
    assert listed == chapters
    assert max(len(next(iter(section.values()))) for section in sections) == PER_SECTION


def test_pagefind_page_turns_materials_search_off(tmp_path: Path) -> None:
    """The copy with Pagefind's box must not also load plain Material's whole index."""
    chapter = tmp_path / "procedures" / "chapter"
    chapter.mkdir(parents=True)
    (chapter / "index.html").write_text(
        '<html><body><form class="md-search__form" name="search"></form></body></html>', encoding="utf-8"
    )
    path = pagefind.add_search_page(tmp_path, "procedures/chapter/")
    html = (tmp_path / path).read_text(encoding="utf-8")
    assert 'name="search"' not in html and 'name="search-off"' in html
    assert "new PagefindUI(" in html


def test_plain_build_writes_the_same_menus(tmp_path: Path) -> None:
    """Like for like: the plain configuration keeps the handbook's theme features (navigation.prune
    among them), so the build ratio measures the pipeline, not the size of the menus."""
    from handbook.core.config_file import read_config

    handbook = generate(PROJECT_ROOT, tmp_path / "handbook", chapters=2)
    ours = read_config(handbook.config("ours", "http"))["theme"]["features"]
    plain = read_config(handbook.config("plain", "http"))
    assert "navigation.prune" in ours and plain["theme"]["features"] == ours
    assert list(plain["plugins"]) == ["search"], "the plain build has none of the handbook's plugins"
