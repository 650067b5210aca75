"""Fixtures of the site tests: a tiny handbook to break (the real one is only ever read)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .tiny_handbook import make_tiny_handbook


@pytest.fixture
def tiny_project(tmp_path: Path) -> Path:
    """A tiny handbook of this test's own (tests/site/tiny_handbook.py), to break."""
    return make_tiny_handbook(tmp_path / "handbook")


@pytest.fixture
def tiny_project_with_leaflets(tmp_path: Path) -> Path:
    """The tiny handbook with the real leaflets library and one leaflet."""
    return make_tiny_handbook(tmp_path / "handbook", leaflets=True)
