"""Shared fixtures: the project's paths and the built sites (each built once per test run)."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook import PROJECT_ROOT
from handbook.build import build

SEEDS_DIR = PROJECT_ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def project_root() -> Path:
    return PROJECT_ROOT


@pytest.fixture(scope="session")
def http_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The http edition of the real handbook, built strictly into a temporary folder."""
    return build("http", tmp_path_factory.mktemp("http") / "site")


@pytest.fixture(scope="session")
def fileshare_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The file-share edition (file://) of the real handbook."""
    return build("fileshare", tmp_path_factory.mktemp("fileshare") / "site")
