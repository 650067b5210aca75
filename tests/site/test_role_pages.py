"""The built role pages: one per role, in the navigation, every duty linking to a paragraph or
section that exists in the built site (http and file share), under the editions' labels; and a
tag naming an unknown role stops the build with the file and line and keeps the last good site."""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from handbook import PROJECT_ROOT
from handbook.core.html_reader import Element, parse_html
from handbook.roles.data import load_roles
from handbook.search.shards import read_shards
from handbook.site.build import BuildFailed, build

from .tiny_handbook import line_with

pytestmark = pytest.mark.slow

ROLE_IDS = load_roles(PROJECT_ROOT).ids()


def article(site: Path, page: str) -> Element:
    html = (site / page).read_text(encoding="utf-8")
    return next(e for e in parse_html(html).iter() if e.tag == "article")


def role_file(role_id: str, fileshare: bool) -> str:
    return f"roles/{role_id}.html" if fileshare else f"roles/{role_id}/index.html"


def ids_in(site: Path, path: str) -> set[str]:
    return {e.attrs.get("id") or "" for e in parse_html((site / path).read_text(encoding="utf-8")).iter()}


def duty_links(site: Path, page: str) -> list[str]:
    """The citation links of the duties on a role page."""
    lists = [e for e in article(site, page).iter() if "hb-role-duties" in e.classes]
    assert lists, f"{page} lists no duties"
    return [e.attrs["href"] for block in lists for e in block.iter() if e.tag == "a" and e.attrs.get("href")]


@pytest.mark.parametrize("edition", ["http", "fileshare"])
def test_every_duty_links_to_a_paragraph_or_section_that_exists(
    edition: str, http_site: Path, fileshare_site: Path
) -> None:
    site = http_site if edition == "http" else fileshare_site
    checked = 0
    for role_id in ROLE_IDS:
        page = role_file(role_id, edition == "fileshare")
        for href in duty_links(site, page):
            parts = urlsplit(href)
            assert not parts.scheme, f"{page}: {href} leaves the site"
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
            if edition == "http":
                target = posixpath.join(target, "index.html")
            assert (site / target).is_file(), f"{page}: {href} is not a page of the site"
            if parts.fragment:
                assert parts.fragment in ids_in(site, target), f"{page}: {href} has no anchor #{parts.fragment}"
            checked += 1
    assert checked >= 60


def test_each_role_page_groups_by_edition_under_the_replaced_guidance_labels(http_site: Path) -> None:
    police = article(http_site, role_file("police", False))
    text = police.text()
    headings = [e.text().replace("¶", "").strip() for e in police.iter() if e.tag == "h2"]
    assert headings[:4] == [
        "LSCB procedures", "Working Together 2018", "Working Together 2013", "Working Together 2010"]  # fmt: skip
    for year in (2018, 2013, 2010):
        assert f"Replaced guidance: {year} edition" in text
    assert "Working Together to Safeguard Children 2023" in text
    assert "“The police can hold important information about children" in text


def test_the_navigation_has_a_by_role_section_listing_every_role(http_site: Path) -> None:
    home = parse_html((http_site / "index.html").read_text(encoding="utf-8"))
    assert any(e.tag == "a" and e.attrs.get("href") == "roles/" and "By role" in e.text() for e in home.iter())
    page = parse_html((http_site / "roles" / "index.html").read_text(encoding="utf-8"))
    menu = [e for e in page.iter() if e.tag == "nav" and "md-nav--primary" in e.classes]
    assert len(menu) == 1
    in_menu = {e.attrs.get("href") for e in menu[0].iter() if e.tag == "a"}
    index = next(e for e in page.iter() if e.tag == "article")
    in_list = {e.attrs.get("href") for e in index.iter() if e.tag == "a"}
    for role_id in ROLE_IDS:
        assert f"{role_id}/" in in_menu, role_id
        assert f"{role_id}/" in in_list, role_id


def test_search_finds_a_role_page_by_its_title_but_not_by_the_duties_it_quotes(http_site: Path) -> None:
    docs = read_shards(http_site / "search")[1]
    role_docs = [doc for doc in docs if doc["location"].startswith("roles/") and doc["location"] != "roles/"]
    assert any(doc["title"].startswith("GPs") for doc in role_docs)
    quoted = "The police can hold important information about children"
    assert not any(quoted in doc["text"] for doc in role_docs)
    assert any(quoted in doc["text"] for doc in docs if doc["location"].startswith("working-together/"))


def test_whats_changed_lists_the_role_pages(http_site: Path) -> None:
    text = article(http_site, "whats-changed/index.html").text()
    assert "3 December 2026" in text
    assert "First published: a page for each agency the texts name" in text


TINY_ROLES = """owner: LSCB administrator
last_reviewed: 2026-12-03
review_due: 2027-12-03
roles:
  - id: police
    title: Police
    about: Police forces and every police officer.
"""


def test_an_unknown_role_stops_the_build_with_file_and_line_and_keeps_the_site(tiny_project: Path) -> None:
    (tiny_project / "data" / "roles.yml").write_text(TINY_ROLES, encoding="utf-8")
    preface = tiny_project / "procedures" / "preface-and-introduction.md"
    good = preface.read_text(encoding="utf-8").replace(
        "\n---\n",
        "\nroles:\n  - role: police\n    at: para-1\n    summary: The police follow the procedures.\n---\n",
        1,
    )
    preface.write_text(good, encoding="utf-8")
    index = "---\ntitle: By role\nkind: guide\nstatus: information\nowner: LSCB administrator\n"
    index += "last_reviewed: 2026-12-03\nreview_due: 2027-12-03\nsource: test\n---\n\n# By role\n\n"
    (tiny_project / "docs" / "roles").mkdir()
    (tiny_project / "docs" / "roles" / "index.md").write_text(index + "<!-- handbook: roles list -->\n", "utf-8")
    config = tiny_project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "  - By role:\n      - roles/index.md\n", encoding="utf-8")
    site = build("http", root=tiny_project)
    built = (site / "roles" / "police" / "index.html").read_text(encoding="utf-8")
    assert "The police follow the procedures." in built

    preface.write_text(good.replace("role: police", "role: polce"), encoding="utf-8")
    with pytest.raises(BuildFailed) as caught:
        build("http", root=tiny_project)
    line = line_with(preface, "role: polce")
    assert "The handbook was not built: 1 problem in the content." in str(caught.value)
    assert (
        f'procedures/preface-and-introduction.md:{line}: unknown role "polce" (did you mean "police"? '
        "Roles are defined in data/roles.yml)"
    ) in str(caught.value)
    assert (site / "roles" / "police" / "index.html").read_text(encoding="utf-8") == built
