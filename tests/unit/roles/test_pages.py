"""The role pages' Markdown: grouped by the text each duty comes from, each edition under its
"Replaced guidance" label, every duty quoted or summarised with a link to its paragraph."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from handbook import PROJECT_ROOT
from handbook.content.editions import load_editions
from handbook.core.markers import marker_errors
from handbook.core.sources import checked_front_matter, load_pages
from handbook.roles.pages import (
    INDEX,
    INDEX_MARKER,
    generated_pages,
    index_markdown,
    nav_entries,
    role_page,
    role_uri,
)
from handbook.roles.view import RoleView, load_role_view

from .roles_fixtures import view_of, write_handbook


@pytest.fixture
def view(tmp_path: Path) -> RoleView:
    return view_of(write_handbook(tmp_path))


def headings(markdown: str) -> list[str]:
    return re.findall(r"^## (.*)$", markdown, re.MULTILINE)


def test_duties_are_grouped_procedures_first_then_editions_newest_first(view: RoleView) -> None:
    assert headings(role_page(view, view.roles.get("schools"))) == [
        "LSCB procedures {#procedures}",
        "Working Together 2013 {#wt-2013}",
    ]
    assert headings(role_page(view, view.roles.get("police"))) == [
        "Working Together 2013 {#wt-2013}",
        "Working Together 2010 {#wt-2010}",
    ]


def test_each_edition_carries_the_label_its_own_pages_carry(view: RoleView) -> None:
    page = role_page(view, view.roles.get("police"))
    assert '<p class="admonition-title">Replaced guidance: 2013 edition</p>' in page
    assert '<p class="admonition-title">Replaced guidance: 2010 edition</p>' in page
    assert "It was replaced by [Working Together to Safeguard Children 2015](../working-together/2015/index.md)" in page
    assert "From the text this handbook holds: Working Together 2013, consultation draft (June 2012)." in page
    assert "not the final 2013 edition; its paragraph numbers are its own" in page
    assert "From the text this handbook holds: Working Together 2010, executive summary." in page


def test_a_quote_is_in_quotation_marks_and_links_to_its_paragraph(view: RoleView) -> None:
    page = role_page(view, view.roles.get("police"))
    assert (
        "- “which they should share with other organisations” ([Working Together to Safeguard Children 2013 "
        "(consultation draft, June 2012), paragraph 32](../working-together/2013/consultation-draft/"
        "organisational.md#para-32))\n"
    ) in page
    assert "([Working Together 2010, executive summary of chapter 2](../working-together/2010/chapter-2.md))" in page


def test_a_summary_is_in_our_words_and_links_to_its_section(view: RoleView) -> None:
    page = role_page(view, view.roles.get("schools"))
    assert (
        "- Talk to your designated safeguarding lead first. ([LSCB procedures: Making a referral, section 4]"
        "(../procedures/referrals.md#section-4))\n"
    ) in page
    assert "“Talk to your" not in page


def test_the_duties_are_left_out_of_search_and_the_page_weighs_less(view: RoleView) -> None:
    page = role_page(view, view.roles.get("schools"))
    assert page.count('<div class="hb-role-duties" data-search-exclude="" markdown>') == 2
    assert "search:\n  boost: 0.5\n" in page


def test_the_page_names_the_role_and_points_to_the_current_guidance(view: RoleView) -> None:
    page = role_page(view, view.roles.get("police"))
    assert page.split("---\n\n", 1)[1].startswith("# Police\n\nPolice forces and every police officer.\n")
    assert "The texts also speak of: the chief officer of police." in page
    assert "*Working Together to Safeguard Children 2023*, published on 15 December 2023" in page
    assert "Part of [By role](index.md)." in page


def test_every_generated_page_passes_the_content_model(view: RoleView) -> None:
    pages = generated_pages(view)
    assert sorted(pages) == [role_uri("police"), role_uri("schools")]
    for src_uri, markdown in pages.items():
        checked = checked_front_matter(markdown, src_uri)
        assert not isinstance(checked, list), checked
        assert checked[1].title.startswith("By role: ")


def test_the_navigation_lists_the_index_then_each_role_by_its_short_title(view: RoleView) -> None:
    assert nav_entries(view) == [INDEX, {"Police": "roles/police.md"}, {"Schools": "roles/schools.md"}]


def test_the_index_lists_each_role_with_what_its_page_draws_on(view: RoleView) -> None:
    written = f"# By role\n\n{INDEX_MARKER}\n\nMore.\n"
    done = index_markdown(view, written)
    assert INDEX_MARKER not in done and done.endswith("More.\n")
    assert "- [Police](police.md): 2 entries, from Working Together 2013 and Working Together 2010." in done
    schools = "- [Schools and colleges](schools.md): 3 entries, from the LSCB procedures and Working Together 2013."
    assert schools in done
    assert index_markdown(view, "# By role\n").endswith("from the LSCB procedures and Working Together 2013.\n")


def test_the_index_marker_is_one_the_marker_check_knows() -> None:
    assert marker_errors(INDEX_MARKER + "\n", "docs/roles/index.md") == []


def test_the_real_handbook_has_a_page_for_every_role_with_links_to_real_anchors() -> None:
    pages, errors = load_pages(PROJECT_ROOT)
    assert errors == []
    view = load_role_view(PROJECT_ROOT, pages, load_editions(PROJECT_ROOT))
    made = generated_pages(view)
    assert set(made) == {role_uri(role_id) for role_id in view.roles.ids()}
    for role_id in view.roles.ids():
        assert view.duties_for(role_id), role_id
    gps = made[role_uri("gps")]
    assert "GPs" in gps and "#para-22" in gps  # the draft names GPs among health professionals
    index = (PROJECT_ROOT / "docs" / INDEX).read_text(encoding="utf-8")
    assert INDEX_MARKER in index
