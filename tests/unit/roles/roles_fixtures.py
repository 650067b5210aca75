"""A tiny handbook for the role tests: a procedure chapter, two edition pages, the real editions
data and a roles file; each test writes its own copy (tmp_path) to break."""

from __future__ import annotations

import shutil
from pathlib import Path

from handbook import PROJECT_ROOT
from handbook.content.editions import load_editions
from handbook.core.sources import load_pages
from handbook.roles.view import RoleView, load_role_view

ROLES = """\
owner: LSCB administrator
last_reviewed: 2026-12-03
review_due: 2027-12-03
roles:
  - id: police
    title: Police
    about: Police forces and every police officer.
    names: [the chief officer of police]
  - id: schools
    title: Schools and colleges
    short_title: Schools
    about: Schools and further education institutions.
"""

FRONT = """---
title: "{title}"
kind: {kind}
status: information
{extra}owner: LSCB administrator
last_reviewed: 2026-11-22
review_due: 2027-11-22
source: test
{roles}---

"""

DRAFT_ROLES = """roles:
  - role: [police, schools]
    at: para-32
    quote: "which they should share with other organisations"
  - role: schools
    at: para-46
    summary: Educational settings should have a designated senior member of staff who leads on child protection.
"""

SUMMARY_ROLES = """roles:
  - role: police
    quote: "safeguarding children is a fundamental part of the duties of all police officers"
"""

PROCEDURE_ROLES = """roles:
  - role: schools
    at: section-4
    summary: Talk to your designated safeguarding lead first.
"""

PAGES = {
    "docs/working-together/2013/consultation-draft/organisational.md": FRONT.format(
        title="Organisational responsibilities (consultation draft)",
        kind="edition-chapter",
        extra='edition: 2013\nedition_text: consultation-draft\ncite_as: "Working Together to Safeguard Children '
        '2013 (consultation draft, June 2012)"\n',
        roles=DRAFT_ROLES,
    )
    + "# Organisational responsibilities\n\n## The police\n\n"
    "[§32] The police can hold important information about children, which they should share with other "
    "organisations where this is necessary to protect children.\n\n## Education\n\n"
    "[§46] All educational settings should contribute by:\n\n- having a designated senior member of staff;\n",
    "docs/working-together/2010/chapter-2.md": FRONT.format(
        title="Chapter 2 – Roles and responsibilities",
        kind="edition-chapter",
        extra="edition: 2010\nedition_text: executive-summary\n",
        roles=SUMMARY_ROLES,
    )
    + "# Chapter 2 – Roles and responsibilities\n\n"
    "All forces have child abuse investigation units, and safeguarding children is a fundamental part of the "
    "duties of all police officers.\n",
    "procedures/referrals.md": FRONT.format(
        title="Making a referral", kind="procedure", extra="", roles=PROCEDURE_ROLES
    ).replace("status: information", "status: local procedure")
    + "# Making a referral\n\n## 4. Talk to your designated safeguarding lead {#section-4}\n\n"
    "Talk to them first, unless that would delay action.\n\n## 5. Making a referral {#section-5}\n\n"
    "Refer to children's social care.\n",
    "docs/guide.md": FRONT.format(title="A guide", kind="guide", extra="", roles="") + "# A guide\n\nText.\n",
}


def write_handbook(root: Path, pages: dict[str, str] | None = None, roles: str | None = ROLES) -> Path:
    """The tiny handbook in ``root``: ``pages`` replace or add pages; ``roles=None`` leaves out data/roles.yml."""
    (root / "data").mkdir(parents=True)
    shutil.copy2(PROJECT_ROOT / "data" / "editions.yml", root / "data" / "editions.yml")
    if roles is not None:
        (root / "data" / "roles.yml").write_text(roles, encoding="utf-8")
    for path, text in {**PAGES, **(pages or {})}.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return root


def view_of(root: Path) -> RoleView:
    pages, errors = load_pages(root)
    assert errors == []
    order = ["procedures/referrals.md", "working-together/2010/chapter-2.md"]
    return load_role_view(root, pages, load_editions(root), order)


def line_with(path: Path, words: str) -> int:
    """The line of ``path`` holding ``words``."""
    return next(n for n, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if words in row)
