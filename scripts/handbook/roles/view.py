"""What the role pages are made from: the roles, the checked duties, the hosted text and the editions.

``load_role_view`` reads data/roles.yml and checks every page's role tags (tags.py) against it and
against the hosted text; the RoleView answers the questions the page maker (pages.py) asks: a
role's duties in reading order, grouped by the text they come from.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from handbook.compare.citations import HostedText
from handbook.content.editions import Editions
from handbook.core.sources import Page
from handbook.roles.data import ROLES_FILE, Roles, load_roles
from handbook.roles.tags import Duty, tagged_duties

#: The group of duties from the LSCB procedure chapters.
PROCEDURES = "procedures"


@dataclass
class RoleView:
    """Everything the role pages are made from."""

    roles: Roles
    duties: list[Duty]
    hosted: HostedText
    editions: Editions
    #: Site paths in the order the navigation lists them, so duties follow the reader's order.
    order: tuple[str, ...] = ()

    def duties_for(self, role_id: str) -> list[Duty]:
        rank = {path: index for index, path in enumerate(self.order)}
        mine = [duty for duty in self.duties if role_id in duty.roles]
        return sorted(mine, key=lambda d: (rank.get(d.path, len(rank)), d.path, d.line))

    def group(self, duty: Duty) -> str | int:
        """The text a duty comes from: the procedures, or an edition's year."""
        meta = self.hosted.pages[duty.path].meta
        return meta.edition if meta.edition is not None else PROCEDURES

    def groups(self, role_id: str) -> list[tuple[str | int, list[Duty]]]:
        """The role's duties by text: procedures first, then the editions newest first."""
        found: dict[str | int, list[Duty]] = {}
        for duty in self.duties_for(role_id):
            found.setdefault(self.group(duty), []).append(duty)
        keys = sorted(found, key=lambda key: (key != PROCEDURES, -key if isinstance(key, int) else 0))
        return [(key, found[key]) for key in keys]


def load_role_view(root: Path, pages: Iterable[Page], editions: Editions, order: Iterable[str] = ()) -> RoleView:
    """Read data/roles.yml and check every page's role tags against it; raise ContentErrors listing
    every problem in one of them (the data file first: page tags are checked once it is good).
    Without data/roles.yml there are no role pages, and any role a page tags is unknown."""
    pages = list(pages)
    if not (root / ROLES_FILE).exists():
        # A handbook without role pages (a small test handbook): then no page may tag a role.
        roles = Roles.model_construct(owner="", last_reviewed=None, review_due=None, roles=[])
    else:
        roles = load_roles(root)
    hosted = HostedText.from_pages(pages, editions)
    return RoleView(roles, tagged_duties(pages, roles, hosted), hosted, editions, tuple(order))
