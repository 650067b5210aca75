"""A build that fails never replaces the last good site, and says what is wrong in plain English."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from handbook import PROJECT_ROOT
from handbook.build import BuildFailed, build
from handbook.errors import ContentErrors
from tests.unit.test_content_model import BAD_FRONT_MATTER, BAD_FRONT_MATTER_IDS, GOOD

COPIED = ["mkdocs.yml", "mkdocs.fileshare.yml", "docs", "procedures", "flowcharts", "data", "overrides"]
LINKED = ["scripts", "node_modules"]

# The example from the issue: the bad date is on line 3.
BAD_DATE = """---
title: Making a referral
review_due: 2025-13-01
kind: procedure
status: local procedure
owner: LSCB administrator
last_reviewed: 2026-11-22
source: Written for this handbook
---

# Making a referral
"""


def scratch_copy(root: Path) -> Path:
    """A scratch copy of the handbook's sources in ``root``, so tests can break them."""
    root.mkdir()
    for name in COPIED:
        source = PROJECT_ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        elif source.exists():
            shutil.copy2(source, root / name)
    for name in LINKED:
        (root / name).symlink_to(PROJECT_ROOT / name)
    return root


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return scratch_copy(tmp_path / "handbook")


@pytest.fixture(scope="module")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    """A scratch copy with a good site built, and that site's fingerprint."""
    root = scratch_copy(tmp_path_factory.mktemp("built") / "handbook")
    return root, site_fingerprint(build("http", root=root))


def site_fingerprint(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*.html"))}


@pytest.mark.slow
def test_bad_input_keeps_last_good_site(project: Path) -> None:
    site = build("http", root=project)
    assert site == (project / "site").resolve()
    good = site_fingerprint(site)
    assert "index.html" in good

    # 1. Invalid front matter: exact message, nothing built, the good site untouched.
    bad = project / "procedures" / "referrals.md"
    bad.write_text(BAD_DATE, encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        build("http", root=project)
    assert caught.value.report().splitlines() == [
        "The handbook was not built: 1 problem in the content.",
        'procedures/referrals.md:3: review_due "2025-13-01" is not a date (use YYYY-MM-DD)',
        "Fix each line above, then build again. The last good site has not been changed.",
    ]
    assert site_fingerprint(site) == good
    bad.unlink()

    page = project / "procedures" / "index.md"
    original = page.read_text(encoding="utf-8")

    # 2. A broken link in Markdown: MkDocs' strict validation names the page and the target.
    page.write_text(original + "\n[Nowhere](no-such-chapter.md)\n", encoding="utf-8")
    with pytest.raises(BuildFailed) as caught:
        build("http", root=project)
    message = str(caught.value)
    assert message.startswith("The handbook was not built. MkDocs reported:")
    assert "procedures/index.md" in message and "no-such-chapter.md" in message
    assert site_fingerprint(site) == good

    # 3. A missing anchor.
    page.write_text(original + "\n[Nowhere](index.md#no-such-anchor)\n", encoding="utf-8")
    with pytest.raises(BuildFailed) as caught:
        build("http", root=project)
    assert "no-such-anchor" in str(caught.value)
    assert site_fingerprint(site) == good
    assert not list(project.glob(".site*")), "staging folders are cleaned up"

    # 4. Fixed: the next build replaces the site.
    page.write_text(original + "\nUpdated.\n", encoding="utf-8")
    build("http", root=project)
    assert site_fingerprint(site) != good


@pytest.mark.slow
@pytest.mark.parametrize(("change", "expected"), BAD_FRONT_MATTER, ids=BAD_FRONT_MATTER_IDS)
def test_each_bad_front_matter_fails_the_build_and_keeps_the_site(
    built_project: tuple[Path, dict[str, bytes]], change: tuple[str, str], expected: str
) -> None:
    root, good = built_project
    bad = root / "procedures" / "referrals.md"
    bad.write_text(GOOD.replace(*change, 1), encoding="utf-8")
    try:
        with pytest.raises(ContentErrors) as caught:
            build("http", root=root)
    finally:
        bad.unlink()
    assert caught.value.report().splitlines() == [
        "The handbook was not built: 1 problem in the content.",
        expected,
        "Fix each line above, then build again. The last good site has not been changed.",
    ]
    assert site_fingerprint(root / "site") == good
