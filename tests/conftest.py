"""Shared fixtures (the project's paths, the built sites), the test order and the quick loop.

The real handbook is built once per test session for each flavour (http, file share, each area's
edition) and every test that reads a built site reads that build; tests that break a handbook
build a tiny one of their own (tests/site/tiny_handbook.py).

Every test is sorted into one of three tiers, from what it uses rather than from a list kept by
hand: *unit* (plain functions: no MkDocs build, no Chromium, no Node.js but ESLint's), *site*
(it builds a handbook, real or tiny, or runs Node.js on a built one) and *browser* (Chromium). The
full run takes the unit tests first, so the first failure shows early; ``--quick`` runs only the
unit tier.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook import PROJECT_ROOT
from handbook.site.build import build
from tests.collection_guard import pytest_collection_finish, pytest_collectstart  # noqa: F401 (hooks)

SEEDS_DIR = PROJECT_ROOT.parent / "shared" / "seeds"
TESTS_DIR = Path(__file__).parent
TIERS = ("unit", "site", "browser")
#: Fixtures that build a handbook (directly or through the fixtures that use them).
SITE_FIXTURES = {"http_site", "fileshare_site", "area_site", "tiny_project", "tiny_project_with_leaflets"}
BROWSER_FIXTURES = {"browser", "visit"}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--quick",
        action="store_true",
        help="run only the unit tests: no MkDocs build, no Chromium, no Node.js but ESLint (about 15 seconds)",
    )


def pytest_configure(config: pytest.Config) -> None:
    for tier in TIERS:
        config.addinivalue_line("markers", f"{tier}: the {tier} tier of the suite (set by tests/conftest.py)")


def tier_of(item: pytest.Item) -> str:
    """Which tier a test belongs to: browser, site or unit (see the module docstring)."""
    folder = Path(item.path).resolve().relative_to(TESTS_DIR.resolve()).parts[0]
    names = set(getattr(item, "fixturenames", ()))
    if folder == "browser" or names & BROWSER_FIXTURES or item.get_closest_marker("browser"):
        return "browser"
    if folder == "site" or names & SITE_FIXTURES or item.get_closest_marker("slow"):
        return "site"
    return "unit"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark each test with its tier; unit tests first; with ``--quick``, only the unit tests."""
    tiers = {item: tier_of(item) for item in items}
    for item, tier in tiers.items():
        item.add_marker(tier)
    items.sort(key=lambda item: TIERS.index(tiers[item]))  # stable: files keep their order within a tier
    if config.getoption("--quick"):
        kept = [item for item in items if tiers[item] == "unit"]
        config.hook.pytest_deselected(items=[item for item in items if tiers[item] != "unit"])
        items[:] = kept


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
