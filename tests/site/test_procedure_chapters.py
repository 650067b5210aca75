"""The built procedure chapters keep the handbook's rules (see handbook.rules.procedure_rules), and the
pages that show local contacts show them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from handbook import PROJECT_ROOT
from handbook.core.links import page_url
from handbook.core.sources import load_pages
from handbook.governance.areas import edition_pages
from handbook.rules.procedure_check import site_errors, written_chapters
from handbook.rules.procedure_rules import article, box_findings, citation_findings
from tests.unit.site.test_configuration import config

#: The chapters issue 6 asked for: their addresses are published and must not change.
PATHWAY_CHAPTERS = [
    "procedures/responding-to-concerns-and-making-a-referral.md",
    "procedures/assessment.md",
    "procedures/strategy-discussions-and-section-47-enquiries.md",
    "procedures/immediate-protection.md",
    "procedures/child-protection-conferences.md",
    "procedures/child-protection-plans-and-core-groups.md",
    "procedures/information-sharing.md",
    "procedures/allegations-against-people-who-work-with-children.md",
]


CHAPTERS = [page.src_uri for page in written_chapters(load_pages(PROJECT_ROOT)[0])]


def built(site: Path, src_uri: str) -> tuple[str, str]:
    """(site path, HTML) of a page in the http build."""
    url = "/" + page_url(src_uri)
    return url, (site / url.lstrip("/") / "index.html").read_text(encoding="utf-8")


def test_every_chapter_the_issue_asked_for_exists_as_a_written_procedure() -> None:
    assert set(PATHWAY_CHAPTERS) <= set(CHAPTERS)
    pages, _errors = load_pages(PROJECT_ROOT)
    meta = {page.src_uri: page.meta for page in pages}
    for chapter in PATHWAY_CHAPTERS:
        assert meta[chapter].status == "local procedure", chapter
        assert meta[chapter].review_due > meta[chapter].last_reviewed


@pytest.mark.parametrize("src_uri", CHAPTERS)
def test_chapter_has_its_boxes_approval_notice_and_stable_anchors(http_site: Path, src_uri: str) -> None:
    _url, html = built(http_site, src_uri)
    assert [str(finding) for finding in box_findings(article(html))] == []


@pytest.mark.parametrize("src_uri", CHAPTERS)
def test_every_duty_and_timescale_is_cited(http_site: Path, src_uri: str) -> None:
    url, html = built(http_site, src_uri)
    assert [str(finding) for finding in citation_findings(article(html), url)] == []


def test_the_rule_catches_a_citation_removed_from_a_real_chapter(http_site: Path) -> None:
    """The rule is not vacuous: take a built chapter, drop one citation, and it is reported."""
    url, html = built(http_site, "procedures/responding-to-concerns-and-making-a-referral.md")
    cited = re.search(r'\(<a href="[^"]*#para-60">[^<]*</a>\)', html)
    assert cited, "the referral chapter should cite paragraph 60 of the draft for 'refer immediately'"
    broken = html.replace(cited.group(0), "")
    found = [str(finding) for finding in citation_findings(article(broken), url)]
    assert len(found) == 1 and found[0].startswith("no source: If you suspect that a child may be suffering")


def test_every_chapter_is_in_the_navigation_and_the_procedures_index() -> None:
    procedures_nav = next(item["Procedures"] for item in config()["nav"] if "Procedures" in item)
    in_nav = {next(iter(entry.values())) if isinstance(entry, dict) else entry for entry in procedures_nav}
    index = (PROJECT_ROOT / "procedures" / "index.md").read_text(encoding="utf-8")
    for chapter in CHAPTERS:
        assert chapter in in_nav, chapter
        assert f"]({chapter.removeprefix('procedures/')})" in index, chapter


def test_pages_with_markers_show_contacts_not_markers(http_site: Path) -> None:
    for src_uri in ("index.md", "quick-guide/index.md", "procedures/responding-to-concerns-and-making-a-referral.md"):
        _url, html = built(http_site, src_uri)
        assert "<!-- area:" not in html, src_uri
        assert 'class="hb-contacts' in html, src_uri
    home = (http_site / "index.html").read_text(encoding="utf-8")
    assert 'href="procedures/responding-to-concerns-and-making-a-referral/"' in home


def test_every_page_carries_the_print_line(http_site: Path) -> None:
    pages = [path for path in http_site.rglob("index.html") if "assets" not in path.parts]
    assert len(pages) > 40
    for path in pages:
        html = path.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue  # a redirect stub, not a page
        stamp = re.search(r'<p class="hb-print-stamp" data-build-date="(\d{4}-\d\d-\d\d)">([^<]*)<time', html)
        assert stamp, path
        assert stamp.group(2) == "Correct as published on ", path


@pytest.mark.parametrize("area", [None, "peterborough"])
def test_the_builds_rule_check_passes_even_when_every_chapter_is_overdue(http_site: Path, area_site, area) -> None:
    """Peterborough is built as on 1 December 2027: each chapter has a "Review overdue" banner after its title."""
    site = http_site if area is None else area_site(area)
    pages = edition_pages(PROJECT_ROOT, load_pages(PROJECT_ROOT)[0], area)
    if area:
        _url, html = built(site, "procedures/assessment.md")
        assert re.search(r"</h1>\s*<div class=\"admonition warning hb-review-overdue\"", html)
    assert [str(error) for error in site_errors(site, pages)] == []
