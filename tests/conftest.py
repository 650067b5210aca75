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


#: The date each area's edition is built as (HANDBOOK_TODAY), so tests do not change with the calendar:
#: Cambridgeshire nine days after the pages were first published (recent changes show "New"), and
#: Peterborough after every page's review date (each page shows the "Review overdue" banner).
AREA_DATES = {"cambridgeshire": "2026-12-01", "peterborough": "2027-12-01"}


@pytest.fixture(scope="session")
def area_site(tmp_path_factory: pytest.TempPathFactory):
    """``area_site(area, edition)``: that area's edition ("http" or "fileshare"), built once when first asked."""
    built: dict[tuple[str, str], Path] = {}

    def get(area: str, edition: str = "http") -> Path:
        if (area, edition) not in built:
            with pytest.MonkeyPatch.context() as patch:
                patch.setenv("HANDBOOK_TODAY", AREA_DATES[area])
                folder = tmp_path_factory.mktemp(f"{area}-{edition}") / "site"
                built[area, edition] = build(edition, folder, area=area)
        return built[area, edition]

    return get
