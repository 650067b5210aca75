"""data/roles.yml: every role is checked, and every problem is reported with its line."""

from __future__ import annotations

import pytest

from handbook import PROJECT_ROOT
from handbook.core.errors import ContentErrors
from handbook.roles.data import ROLES_FILE, load_roles, parse_roles

from .roles_fixtures import ROLES


def errors_of(text: str) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        parse_roles(text)
    return [str(error) for error in caught.value.errors]


def test_a_good_roles_file_loads_with_the_line_of_each_role() -> None:
    roles = parse_roles(ROLES)
    assert roles.ids() == ["police", "schools"]
    assert roles.get("schools").short_title == "Schools"
    assert roles.line_of("police") == 5
    assert roles.line_of("schools") == 9


def test_the_real_roles_file_is_valid_and_names_the_roles_of_the_issue() -> None:
    ids = load_roles(PROJECT_ROOT).ids()
    for role in ("schools-and-colleges", "health-services", "gps", "police", "childrens-social-care"):
        assert role in ids
    assert len(ids) == len(set(ids))


def test_a_role_id_used_twice_is_an_error_on_its_line() -> None:
    text = ROLES + "  - id: police\n    title: Police again\n    about: Twice.\n"
    assert errors_of(text) == [f'{ROLES_FILE}:13: role id "police" is used twice: give each role its own id']


def test_a_misspelt_key_is_named_with_a_suggestion() -> None:
    (error,) = errors_of(ROLES.replace("    title: Police\n", "    titel: Police\n"))
    assert error.startswith(f'{ROLES_FILE}:6: unknown key "titel"')
    assert 'did you mean "title"?' in error


def test_an_id_that_is_not_an_address_is_an_error() -> None:
    (error,) = errors_of(ROLES.replace("id: police", "id: Police Force"))
    assert error.startswith(f"{ROLES_FILE}:5: id")


def test_a_missing_about_says_what_to_write() -> None:
    (error,) = errors_of(ROLES.replace("    about: Police forces and every police officer.\n", ""))
    assert error.startswith(f'{ROLES_FILE}:5: "about" is missing')


def test_review_due_must_follow_last_reviewed() -> None:
    (error,) = errors_of(ROLES.replace("review_due: 2027-12-03", "review_due: 2026-12-01"))
    assert error == f'{ROLES_FILE}:3: review_due "2026-12-01" must be after last_reviewed "2026-12-03"'
