"""The search benchmark watches every request its pages make, and stops if one goes to another host."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook.bench.search import OtherHostRequested, _fresh_page
from handbook.site.local_server import serve


def site_with(tmp_path: Path, body: str) -> Path:
    (tmp_path / "index.html").write_text(f"<!doctype html><html lang='en'><title>x</title>{body}</html>", "utf-8")
    (tmp_path / "own.png").write_bytes(b"")
    return tmp_path


def test_a_page_asking_only_its_own_site_is_measured(browser, tmp_path: Path) -> None:
    with serve(site_with(tmp_path, '<img src="own.png" alt="">')) as base, _fresh_page(browser, base) as page:
        page.goto(base, wait_until="load")
        assert page.title() == "x"


def test_a_request_to_another_host_stops_the_benchmark(browser, tmp_path: Path) -> None:
    """Watched, not blocked (blocking through Playwright slowed every request the benchmark timed)."""
    site = site_with(tmp_path, '<img src="http://fonts.example.invalid/font.png" alt="">')
    with (
        serve(site) as base,
        pytest.raises(OtherHostRequested, match=r"fonts\.example\.invalid"),
        _fresh_page(browser, base) as page,
    ):
        page.goto(base, wait_until="load")
