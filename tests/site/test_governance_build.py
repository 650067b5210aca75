"""The built sites: area editions, glossary, review dates and amendments, as readers and tools see them.

Area editions are built with fixed dates (tests/conftest.py AREA_DATES): Cambridgeshire as on
1 December 2026, Peterborough as on 1 December 2027, after every page's review date.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from handbook import PROJECT_ROOT
from handbook.cli.main import print_governance_report
from handbook.core.sources import load_pages
from handbook.governance.areas import load_area
from handbook.governance.glossary import load_glossary
from handbook.search.shards import read_shards
from handbook.site.build import BuildFailed, build
from handbook.site.linkcheck import check_site

from .tiny_handbook import line_with

#: Each area and the body its settings name (areas/<area>.yml, body: name).
AREAS = {
    area: load_area(PROJECT_ROOT / "areas" / f"{area}.yml", PROJECT_ROOT)[0].area.body.name
    for area in ("cambridgeshire", "peterborough")
}
ATOM = "{http://www.w3.org/2005/Atom}"
FEED_LINK = re.compile(r'<link rel="alternate feed" type="application/atom\+xml" title="[^"]+" href="([^"]+)">')


def pages_of(site: Path) -> list[Path]:
    """Every built page of the handbook (not the 404 page, redirects or vendored files)."""
    return [
        path
        for path in sorted(site.rglob("*.html"))
        if path.name != "404.html" and "assets" not in path.relative_to(site).parts
    ]


@pytest.mark.parametrize("area", sorted(AREAS))
def test_area_edition_is_built_from_the_core_with_its_own_board(area_site, http_site: Path, area: str) -> None:
    site = area_site(area)
    home = (site / "index.html").read_text(encoding="utf-8")
    name = area.capitalize()
    assert f"Safeguarding Procedures Handbook for {name}" in home
    assert f"<dd>{AREAS[area]}</dd>" in home, "the page foot says who publishes this edition"
    assert re.search(rf'class="md-tabs__link">\s*{name}\s*</a>', home), "the area's local section is in the menu"
    local = (site / "local" / "index.html").read_text(encoding="utf-8")
    assert f"Local arrangements in {name}" in local
    assert f"<strong>Published by:</strong> {AREAS[area]}" in local
    assert "Out of hours: Not yet provided by the LSCB" in text_of(local), "missing details are shown, not hidden"
    for other, board in AREAS.items():
        if other != area and board != AREAS[area]:  # the two areas may share one partnership
            assert board not in home
    assert site_pages(site) == site_pages(http_site) | {"local/index.html"}, "every core page plus the local page"
    assert read_shards(site / "search")[1], "area editions get the prebuilt search index too"


def site_pages(site: Path) -> set[str]:
    """The built pages of a site, relative to it."""
    return {path.relative_to(site).as_posix() for path in pages_of(site)}


def text_of(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


@pytest.mark.parametrize("edition", ["http", "fileshare"])
@pytest.mark.parametrize("area", sorted(AREAS))
def test_area_editions_have_no_broken_links(area_site, area: str, edition: str) -> None:
    site = area_site(area, edition)
    assert check_site(site) == []
    if edition == "fileshare":
        assert (site / "local" / "index.html").is_file()
        assert (site / "search" / "search_index.js").is_file()
        assert '<script src="assets/vendor/iframe-worker/shim.js"></script>' in (site / "index.html").read_text(
            encoding="utf-8"
        )
    assert not list((PROJECT_ROOT / "areas").glob(".*.yml")), "the generated file-share config is removed"


def test_glossary_page_lists_every_term(http_site: Path) -> None:
    html = (http_site / "glossary" / "index.html").read_text(encoding="utf-8")
    glossary = load_glossary(PROJECT_ROOT)
    missing = [term.term for term in glossary.terms if f'<dt id="{term.anchor}">' not in html]
    assert missing == []
    assert 'aria-label="Glossary by letter"' in html
    assert not re.search(r"<abbr[^>]*tabindex", html), "the glossary itself adds no extra tab stops"


def test_abbreviations_have_definitions_on_every_page(http_site: Path) -> None:
    page = (http_site / "working-together" / "2010" / "chapter-8" / "index.html").read_text(encoding="utf-8")
    assert '<abbr title="Serious Case Review" tabindex="0">SCR</abbr>' in page
    assert page.count('<abbr title="Serious Case Review" tabindex="0">') == 1, "one tab stop per term per page"
    assert page.count('<abbr title="Serious Case Review">') >= 3, "every later use still has its hover definition"


def test_every_page_links_the_feed_and_shows_its_review_dates(http_site: Path) -> None:
    problems = []
    for path in pages_of(http_site):
        html = path.read_text(encoding="utf-8")
        feed = FEED_LINK.search(html)
        if feed is None or (path.parent / feed.group(1)).resolve() != (http_site / "changes.xml").resolve():
            problems.append(f"{path}: no link to the feed")
        if '<aside class="hb-page-info" aria-label="About this page"' not in html:
            problems.append(f"{path}: no owner and review dates")
    assert problems == []


def test_feed_lists_every_change_note(http_site: Path) -> None:
    root = ET.parse(http_site / "changes.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    notes = [(page.meta.title, note) for page in load_pages(PROJECT_ROOT)[0] for note in page.meta.changes]
    assert len(notes) >= 4
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == len(notes)
    for entry in entries:
        href = entry.find(f"{ATOM}link").get("href")
        assert (http_site / href / "index.html").is_file() or (http_site / href).is_file(), href
    changes_page = (http_site / "whats-changed" / "index.html").read_text(encoding="utf-8")
    assert '<h2 id="22-november-2026">22 November 2026' in changes_page
    assert '<a href="../glossary/">Glossary</a>: First published.' in changes_page
    assert '<a href="../changes.xml">changes feed</a>' in changes_page


def test_review_list_has_every_page(http_site: Path) -> None:
    report = json.loads((http_site / "review-dates.json").read_text(encoding="utf-8"))
    pages = {page.src_uri: page.meta for page in load_pages(PROJECT_ROOT)[0]}
    listed = {item["page"]: item for item in report["pages"]}
    assert set(pages) <= set(listed), "every source page"
    urls = {item["url"].removeprefix("./") + "index.html" for item in report["pages"]}
    assert urls == site_pages(http_site), "and every page the build makes (charts, comparisons), no more"
    glossary = listed["glossary.md"]
    assert glossary["owner"] == pages["glossary.md"].owner
    assert glossary["last_reviewed"] == "2026-11-22" and glossary["review_due"] == "2027-11-22"
    assert glossary["url"] == "glossary/"


def test_fixed_dates_overdue_edition(area_site) -> None:
    """Peterborough is built as on 1 December 2027: every page is overdue, and says so."""
    site = area_site("peterborough")
    report = json.loads((site / "review-dates.json").read_text(encoding="utf-8"))
    assert report["today"] == "2027-12-01"
    assert {item["state"] for item in report["pages"]} == {"overdue"}
    today = dt.date(2027, 12, 1)
    for item in report["pages"]:  # each page's own review date (a year after review for most, six months for some)
        assert item["days_until_due"] == (dt.date.fromisoformat(item["review_due"]) - today).days < 0, item
    assert "local/index.md" in {item["page"] for item in report["pages"]}
    missing = [path for path in pages_of(site) if "hb-review-overdue" not in path.read_text(encoding="utf-8")]
    assert missing == []


def test_fixed_dates_current_edition_has_badges_and_no_banners(area_site) -> None:
    """Cambridgeshire is built as on 1 December 2026: nothing overdue, new pages badged "New"."""
    site = area_site("cambridgeshire")
    report = json.loads((site / "review-dates.json").read_text(encoding="utf-8"))
    assert {item["state"] for item in report["pages"]} == {"current"}
    page = (site / "glossary" / "index.html").read_text(encoding="utf-8")
    assert "hb-review-overdue" not in page
    assert re.search(
        r'Glossary\s*</span>\s*<span class="md-status md-status--new hb-badge" title="New page">New</span>', page
    )


def test_build_prints_the_review_report(area_site, capsys: pytest.CaptureFixture[str]) -> None:
    print_governance_report(area_site("peterborough"), "peterborough")
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Page reviews on 1 December 2027:"
    assert out[1] == f"  {len(pages_of(area_site('peterborough')))} page(s) overdue:"
    assert "    glossary.md (due 22 November 2027; owner: LSCB administrator)" in out
    assert out[-1] == (
        "Area settings not yet provided by the LSCB (areas/peterborough.yml): Peterborough children's social care: "
        "number; Peterborough children's social care: hours; designated_officer: number; designated_officer: hours; "
        "out_of_hours; threshold_document_url; administrator_email"
    )


@pytest.mark.slow
def test_local_page_replaces_core_page_and_bad_settings_fail_safely(tiny_project: Path) -> None:
    root = tiny_project
    core = (root / "procedures" / "referrals.md").read_text(encoding="utf-8")
    local = root / "areas" / "peterborough" / "docs" / "procedures" / "referrals.md"
    local.parent.mkdir(parents=True)
    local.write_text(core + "\nPeterborough's own version.\n", encoding="utf-8")

    logo = root / "areas" / "peterborough" / "docs" / "assets" / "images" / "area-logo.svg"
    logo.parent.mkdir(parents=True)
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>', encoding="utf-8")
    settings = root / "areas" / "peterborough.yml"
    settings.write_text(settings.read_text(encoding="utf-8") + "    logo: assets/images/area-logo.svg\n")
    site = build("http", root=root, area="peterborough")
    assert site == (root / "site-peterborough").resolve()
    assert "Peterborough's own version." in (site / "procedures" / "referrals" / "index.html").read_text(
        encoding="utf-8"
    )
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<img src="assets/images/area-logo.svg" alt="logo">' in home, "the area's logo replaces the core's"
    assert (site / "assets" / "images" / "area-logo.svg").is_file()
    good = (site / "index.html").read_bytes()

    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace('number: "999"', "number: call the police"), encoding="utf-8")
    line = line_with(settings, "call the police")
    with pytest.raises(BuildFailed) as caught:
        build("http", root=root, area="peterborough")
    assert f'areas/peterborough.yml:{line}: number "call the police" is not a telephone number' in str(caught.value)
    assert (site / "index.html").read_bytes() == good, "the last good site is untouched"
    settings_check, errors = load_area(settings, root)
    assert settings_check is None and len(errors) == 1
