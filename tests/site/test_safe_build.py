"""A build that fails never replaces the last good site, and says what is wrong in plain English.

Each test breaks a tiny handbook made by the tests (tests/site/tiny_handbook.py), never the real one:
the real handbook is built once per test session and only read.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook import PROJECT_ROOT
from handbook.cli import main as cli
from handbook.core.errors import ContentErrors
from handbook.site.build import BuildFailed, build
from tests.unit.core.test_model import BAD_FRONT_MATTER, BAD_FRONT_MATTER_IDS, GOOD

from .tiny_handbook import line_with, make_tiny_handbook

pytestmark = pytest.mark.slow

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


@pytest.fixture(scope="module")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    """A tiny handbook with a good site built, and that site's fingerprint."""
    root = make_tiny_handbook(tmp_path_factory.mktemp("built") / "handbook")
    return root, site_fingerprint(build("http", root=root))


def site_fingerprint(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*.html"))}


def test_bad_input_keeps_last_good_site(tiny_project: Path) -> None:
    site = build("http", root=tiny_project)
    assert site == (tiny_project / "site").resolve()
    good = site_fingerprint(site)
    assert "index.html" in good and "procedures/referrals/index.html" in good

    # 1. Invalid front matter: exact message, nothing built, the good site untouched.
    chapter = tiny_project / "procedures" / "referrals.md"
    original_chapter = chapter.read_text(encoding="utf-8")
    chapter.write_text(BAD_DATE, encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        build("http", root=tiny_project)
    assert caught.value.report().splitlines() == [
        "The handbook was not built: 1 problem in the content.",
        'procedures/referrals.md:3: review_due "2025-13-01" is not a date (use YYYY-MM-DD)',
        "Fix each line above, then build again. The last good site has not been changed.",
    ]
    assert site_fingerprint(site) == good
    chapter.write_text(original_chapter, encoding="utf-8")

    page = tiny_project / "docs" / "index.md"
    original = page.read_text(encoding="utf-8")

    # 2. A broken link in Markdown: MkDocs' strict validation names the page and the target.
    page.write_text(original + "\n[Nowhere](no-such-chapter.md)\n", encoding="utf-8")
    with pytest.raises(BuildFailed) as caught:
        build("http", root=tiny_project)
    message = str(caught.value)
    assert message.startswith("The handbook was not built. MkDocs reported:")
    assert "index.md" in message and "no-such-chapter.md" in message
    assert site_fingerprint(site) == good

    # 3. A missing anchor.
    page.write_text(original + "\n[Nowhere](procedures/referrals.md#no-such-anchor)\n", encoding="utf-8")
    with pytest.raises(BuildFailed) as caught:
        build("http", root=tiny_project)
    assert "no-such-anchor" in str(caught.value)
    assert site_fingerprint(site) == good
    assert not list(tiny_project.glob(".site*")), "staging folders are cleaned up"

    # 4. Fixed: the next build replaces the site.
    page.write_text(original + "\nUpdated.\n", encoding="utf-8")
    build("http", root=tiny_project)
    assert site_fingerprint(site) != good


@pytest.mark.parametrize(("change", "expected"), BAD_FRONT_MATTER, ids=BAD_FRONT_MATTER_IDS)
def test_each_bad_front_matter_fails_the_build_and_keeps_the_site(
    built_project: tuple[Path, dict[str, bytes]], change: tuple[str, str], expected: str
) -> None:
    root, good = built_project
    bad = root / "procedures" / "new-chapter.md"
    bad.write_text(GOOD.replace(*change, 1), encoding="utf-8")
    try:
        with pytest.raises(ContentErrors) as caught:
            build("http", root=root)
    finally:
        bad.unlink()
    assert caught.value.report().splitlines() == [
        "The handbook was not built: 1 problem in the content.",
        expected.replace("procedures/referrals.md", "procedures/new-chapter.md"),
        "Fix each line above, then build again. The last good site has not been changed.",
    ]
    assert site_fingerprint(root / "site") == good


def test_a_broken_procedure_rule_fails_the_build_and_the_check_with_file_and_line(
    tiny_project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The procedure-chapter rules reach administrators: the build and ./run check name file and line."""
    site = build("http", root=tiny_project)
    good = site_fingerprint(site)
    chapter = tiny_project / "procedures" / "referrals.md"
    text = chapter.read_text(encoding="utf-8")
    uncited = text.replace(
        "A practitioner should refer a child who may be at risk\n"
        "([Working Together 2010](../working-together/2010/index.md)).",
        "A practitioner should refer a child who may be at risk within two working days.",
    ).replace("## 1. Who to call {#section-1}", "## 1. Who to call")
    assert uncited != text
    chapter.write_text(uncited, encoding="utf-8")
    duty, heading = line_with(chapter, "should refer a child"), line_with(chapter, "## 1. Who to call")
    sentence = "A practitioner should refer a child who may be at risk within two working days."
    expected = [
        "The handbook was not built: 4 problems in the content.",
        f'procedures/referrals.md:{heading}: procedure rule, stable anchor: "1. Who to call" has id 1-who-to-call, not '
        "section-1 (give the heading its number as a fixed anchor, for example: ## 2.1 Aim {#section-2-1})",
        f"procedures/referrals.md:{duty}: duty without a source: {sentence} (link it to the paragraph of the "
        "guidance it comes from, or name the statute or publication beside it; if it is the source's own words, put "
        "them in quotation marks)",
        f"procedures/referrals.md:{duty}: procedure rule, no source: {sentence} (link the sentence to the paragraph "
        "of the guidance it comes from, or name the statute or publication inside an hb-box--outside box)",
        f"procedures/referrals.md:{duty}: timescale without a source: {sentence} (link it to the paragraph of the "
        "guidance it comes from, or name the statute or publication beside it)",
        "Fix each line above, then build again. The last good site has not been changed.",
    ]
    with pytest.raises(ContentErrors) as caught:
        build("http", root=tiny_project)
    assert caught.value.report().splitlines() == expected
    assert site_fingerprint(site) == good

    monkeypatch.setattr(cli, "PROJECT_ROOT", tiny_project)
    assert cli.main(["check"]) == 1
    assert capsys.readouterr().err.splitlines() == expected
    chapter.write_text(text, encoding="utf-8")
    assert cli.main(["check"]) == 0


def test_the_built_pages_are_checked_against_the_rules_too(tiny_project: Path) -> None:
    """What the build adds is checked as well: the rules run again on the built chapter."""
    from handbook.core.sources import load_pages
    from handbook.rules.procedure_check import site_errors

    site = build("http", root=tiny_project)
    pages = load_pages(tiny_project)[0]
    assert site_errors(site, pages) == []
    built = site / "procedures" / "referrals" / "index.html"
    html = built.read_text(encoding="utf-8")
    added = "<p>Call within 24 hours.</p>"
    built.write_text(html.replace("<p>Call children's social care.", added + "<p>Call children's social care.", 1))
    found = [str(error) for error in site_errors(site, pages)]
    chapter = tiny_project / "procedures" / "referrals.md"
    assert found == [  # a sentence that is not in the Markdown is reported at the chapter's title
        f"procedures/referrals.md:{line_with(chapter, '# Making a referral')}: procedure rule, no source: Call within "
        "24 hours. (link the sentence to the paragraph of the guidance it comes from, or name the statute or "
        "publication inside an hb-box--outside box)"
    ]


def test_a_mistyped_marker_on_an_area_page_fails_the_area_build(tiny_project: Path) -> None:
    """An area's own pages join the build after the core's: their markers are checked too (a typo
    used to publish the marker's place empty, silently)."""
    local = tiny_project / "areas" / "cambridgeshire" / "docs" / "local" / "index.md"
    local.parent.mkdir(parents=True)
    source = PROJECT_ROOT / "areas" / "cambridgeshire" / "docs" / "local" / "index.md"
    local.write_text(source.read_text(encoding="utf-8").replace("<!-- area:details -->", "<!-- area:detials -->"))
    with pytest.raises(BuildFailed) as caught:
        build("http", root=tiny_project, area="cambridgeshire")
    line = line_with(local, "<!-- area:detials -->")
    assert f"areas/cambridgeshire/docs/local/index.md:{line}: unknown marker" in str(caught.value)
    assert "<!-- area:details -->" in str(caught.value)  # says what to write instead
    assert not (tiny_project / "site-cambridgeshire").exists()
