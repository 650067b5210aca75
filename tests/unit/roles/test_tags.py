"""Role tags in the pages' front matter: each is checked against data/roles.yml and the page itself,
and every problem stops the build with the page's file and the tag's line."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook.compare.citations import HostedText
from handbook.content.editions import load_editions
from handbook.content.passages import plain_text
from handbook.core.errors import ContentErrors
from handbook.core.model import RoleTag
from handbook.core.sources import load_pages
from handbook.roles.data import ROLES_FILE

from .roles_fixtures import DRAFT_ROLES, PAGES, ROLES, line_with, view_of, write_handbook

DRAFT = "docs/working-together/2013/consultation-draft/organisational.md"
PROCEDURE = "procedures/referrals.md"


def errors_of(root: Path) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        view_of(root)
    return [str(error) for error in caught.value.errors]


def with_roles(page: str, old: str, new: str) -> dict[str, str]:
    assert old in PAGES[page]
    return {page: PAGES[page].replace(old, new, 1)}


def test_good_tags_become_duties_with_their_source_line(tmp_path: Path) -> None:
    view = view_of(write_handbook(tmp_path))
    assert len(view.duties) == 4
    first = next(d for d in view.duties if d.anchor == "para-32")
    assert first.roles == ("police", "schools")
    assert first.target == "working-together/2013/consultation-draft/organisational.md#para-32"
    assert first.line == line_with(tmp_path / DRAFT, "- role: [police, schools]")
    # One role may be written without brackets; a tag without an anchor cites the page.
    page = next(d for d in view.duties if d.path == "working-together/2010/chapter-2.md")
    assert page.roles == ("police",) and page.anchor is None and page.target == "working-together/2010/chapter-2.md"


def test_an_unknown_role_fails_with_file_line_and_a_suggestion(tmp_path: Path) -> None:
    root = write_handbook(tmp_path, with_roles(DRAFT, "role: [police, schools]", "role: [police, scools]"))
    line = line_with(root / DRAFT, "role: [police, scools]")
    assert errors_of(root) == [
        f'{DRAFT}:{line}: unknown role "scools" (did you mean "schools"? Roles are defined in {ROLES_FILE})'
    ]


def test_an_unknown_role_in_a_list_points_at_its_own_line(tmp_path: Path) -> None:
    root = write_handbook(
        tmp_path, with_roles(PROCEDURE, "  - role: schools\n", "  - role:\n      - schools\n      - nurses\n")
    )
    (error,) = errors_of(root)
    assert error.startswith(f'{PROCEDURE}:{line_with(root / PROCEDURE, "- nurses")}: unknown role "nurses"')
    assert "the roles are: police, schools" in error


def test_a_missing_anchor_is_an_error_on_the_at_line(tmp_path: Path) -> None:
    root = write_handbook(tmp_path, with_roles(PROCEDURE, "at: section-4", "at: section-9"))
    (error,) = errors_of(root)
    assert error.startswith(f"{PROCEDURE}:{line_with(root / PROCEDURE, 'at: section-9')}: ")
    assert 'has no anchor "#section-9"' in error


def test_a_quote_must_be_the_words_of_its_own_paragraph_not_just_of_the_page(tmp_path: Path) -> None:
    # The words are on the page (paragraph 32), but the tag says paragraph 46.
    root = write_handbook(tmp_path, with_roles(DRAFT, "at: para-32", "at: para-46"))
    (error,) = errors_of(root)
    line = line_with(root / DRAFT, 'quote: "which they should share')
    assert error.startswith(f"{DRAFT}:{line}: the quote is not the words of #para-46 (no words of it are there)")


def test_a_misquote_says_where_the_words_stop_matching(tmp_path: Path) -> None:
    root = write_handbook(tmp_path, with_roles(DRAFT, "share with other organisations", "share with all organisations"))
    (error,) = errors_of(root)
    assert 'its words stop matching after "…which they should share with"' in error


def test_a_tag_needs_a_quote_or_a_summary_but_not_both(tmp_path: Path) -> None:
    both = DRAFT_ROLES.replace('    quote: "which', '    summary: Both.\n    quote: "which')
    root = write_handbook(tmp_path / "both", {DRAFT: PAGES[DRAFT].replace(DRAFT_ROLES, both)})
    _pages, errors = load_pages(root)
    assert [e.line for e in errors] == [line_with(root / DRAFT, "- role: [police, schools]")]
    assert 'needs either "quote"' in errors[0].message
    neither = DRAFT_ROLES.replace('    quote: "which they should share with other organisations"\n', "")
    root = write_handbook(tmp_path / "neither", {DRAFT: PAGES[DRAFT].replace(DRAFT_ROLES, neither)})
    _pages, errors = load_pages(root)
    assert len(errors) == 1 and "not both and not neither" in errors[0].message


def test_an_empty_role_list_is_an_error() -> None:
    with pytest.raises(ValueError, match="role is empty"):
        RoleTag(role=[], summary="x")


def test_only_procedures_and_edition_text_can_carry_tags(tmp_path: Path) -> None:
    guide = PAGES["docs/guide.md"].replace("source: test\n", "source: test\nroles:\n  - role: police\n    summary: x\n")
    root = write_handbook(tmp_path, {"docs/guide.md": guide})
    assert errors_of(root) == [
        f'docs/guide.md:{line_with(root / "docs/guide.md", "roles:")}: a page of kind "guide" cannot carry role '
        "tags: tag the procedure chapter or the edition's text the duty comes from"
    ]


def test_a_role_no_page_tags_is_an_error_in_the_roles_file(tmp_path: Path) -> None:
    roles = ROLES + "  - id: gps\n    title: GPs\n    about: General practitioners.\n"
    root = write_handbook(tmp_path, roles=roles)
    assert errors_of(root) == [
        f'{ROLES_FILE}:13: no page tags role "gps": add it to the "roles:" list of a page that says what this role '
        "must or should do, or remove the role"
    ]


def test_without_a_roles_file_there_are_no_roles_and_any_tag_is_unknown(tmp_path: Path) -> None:
    root = write_handbook(tmp_path, roles=None)
    errors = errors_of(root)
    assert len(errors) == 5  # three on the draft (two tags), one on 2010, one on the procedure
    assert all("no roles are defined: add them to data/roles.yml" in error for error in errors)
    untagged = write_handbook(
        tmp_path / "untagged",
        {
            path: text.split("roles:\n")[0] + "---" + text.split("---", 2)[2] if "roles:" in text else text
            for path, text in PAGES.items()
        },
        roles=None,
    )
    assert view_of(untagged).duties == []


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    pages = {
        **with_roles(DRAFT, "at: para-46", "at: para-99"),
        **with_roles(PROCEDURE, "role: schools", "role: teachers"),
    }
    assert len(errors_of(write_handbook(tmp_path, pages))) == 2


def test_a_section_passage_stops_at_the_next_heading(tmp_path: Path) -> None:
    from handbook.roles.tags import passage_blocks

    root = write_handbook(tmp_path)
    pages, _ = load_pages(root)
    hosted = HostedText.from_pages(pages, load_editions(root))
    section = plain_text(passage_blocks(hosted, PROCEDURE, "section-4"))
    assert section == "Talk to them first, unless that would delay action."
    assert "designated senior member" in plain_text(passage_blocks(hosted, DRAFT.removeprefix("docs/"), "para-46"))
