"""The roles the handbook has a page for, defined once in ``data/roles.yml``.

A role is an agency or kind of practitioner that the hosted texts name (schools and colleges, the
police, GPs...). The file says only who the role is and what the texts call it; what the texts say
the role must or should do is tagged on the pages themselves (``roles:`` in their front matter, see
``handbook.roles.tags``), so a new paragraph is tagged where it is written.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from handbook.core.errors import ContentError
from handbook.core.located_yaml import LocatedYaml, parse_checked

ROLES_FILE = "data/roles.yml"

HINTS = {
    "id": "a short name in lower case with hyphens; it becomes the page address, so never change it",
    "title": "the role as a reader looks for it, e.g. Schools and colleges",
    "about": "one or two sentences: who this role covers, in the texts' words",
    "owner": "the team or role responsible for the role pages",
    "last_reviewed": "YYYY-MM-DD",
    "review_due": "YYYY-MM-DD",
}


class Role(BaseModel):
    """One role: its address, its title, who it covers and the names the texts give it."""

    model_config = ConfigDict(extra="forbid")
    #: Part of the page's address (/roles/<id>/): never change it.
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str = Field(min_length=1)
    #: What the navigation shows, if shorter than the title.
    short_title: str | None = Field(default=None, min_length=1)
    about: str = Field(min_length=1)
    #: Other names the texts and practitioners use (shown on the page, so search finds them).
    names: list[str] = Field(default_factory=list)


class Roles(BaseModel):
    """The whole of data/roles.yml."""

    model_config = ConfigDict(extra="forbid")
    owner: str = Field(min_length=1)
    last_reviewed: dt.date
    review_due: dt.date
    roles: list[Role] = Field(min_length=1)
    #: The line of each role's id in data/roles.yml, for messages about a role (set when read).
    _lines: dict[str, int] = PrivateAttr(default_factory=dict)

    def ids(self) -> list[str]:
        return [role.id for role in self.roles]

    def get(self, role_id: str) -> Role:
        return next(role for role in self.roles if role.id == role_id)

    def line_of(self, role_id: str) -> int:
        return self._lines.get(role_id, 1)


def _rules(roles: Roles, located: LocatedYaml) -> list[ContentError]:
    """Each id once; review_due after last_reviewed. Also notes where each role is written."""
    errors = []
    seen: set[str] = set()
    for index, role in enumerate(roles.roles):
        roles._lines.setdefault(role.id, located.line_of(("roles", index, "id")))
        if role.id in seen:
            line = located.line_of(("roles", index, "id"))
            message = f'role id "{role.id}" is used twice: give each role its own id'
            errors.append(ContentError(ROLES_FILE, line, message))
        seen.add(role.id)
    if roles.review_due <= roles.last_reviewed:
        line = located.line_of(("review_due",))
        message = f'review_due "{roles.review_due}" must be after last_reviewed "{roles.last_reviewed}"'
        errors.append(ContentError(ROLES_FILE, line, message))
    return errors


def parse_roles(text: str) -> Roles:
    """Check the text of data/roles.yml; raise ContentErrors with file:line on any problem."""
    return parse_checked(Roles, text, ROLES_FILE, HINTS, rules=_rules)


def load_roles(root: Path) -> Roles:
    return parse_roles((root / ROLES_FILE).read_text(encoding="utf-8"))
