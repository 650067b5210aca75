"""A tiny handbook for the comparison tests: three pages, the real editions data, and good data files."""

from __future__ import annotations

import shutil
from pathlib import Path

from handbook import PROJECT_ROOT
from handbook.compare.citations import HostedText
from handbook.content.editions import load_editions
from handbook.core.sources import load_pages

FRONT = """---
title: "{title}"
kind: edition-chapter
status: information
edition: {edition}
edition_text: {text}
{cite_as}owner: LSCB administrator
last_reviewed: 2026-11-22
review_due: 2027-11-22
source: test
---

"""

PAGES = {
    "docs/working-together/2010/chapter-5.md": (
        FRONT.format(title="Chapter 5 – Managing individual cases", edition=2010, text="executive-summary", cite_as="")
        + "# Chapter 5 – Managing individual cases\n\n"
        "The guidance extends the timescale for the completion of an initial assessment from seven to ten "
        "working days with effect from 1 April 2010.\n\n"
        "The core functions are:\n\n- communicating and raising awareness;\n- undertaking Serious Case Reviews.\n"
    ),
    "docs/working-together/2013/consultation-draft/referrals.md": (
        FRONT.format(
            title="Referrals (2013 consultation draft)",
            edition=2013,
            text="consultation-draft",
            cite_as='cite_as: "Working Together to Safeguard Children 2013 (consultation draft, June 2012)"\n',
        )
        + "# Referrals\n\n"
        "[§61] When a referral is made:\n\n"
        "- a qualified social worker must make a decision within one working day of the referral being "
        "received about the type of response that is required;\n"
        "- undertake a Serious Case Review where abuse or neglect of a child is known or suspected.\n"
    ),
    "docs/working-together/2013/about.md": (
        FRONT.format(
            title="About this guidance",
            edition=2013,
            text="final",
            cite_as='cite_as: "Working Together to Safeguard Children 2013"\n',
        )
        + "# About this guidance\n\n"
        "[§2] This document replaces Working Together to Safeguard Children (2010).\n"
    ),
}

CONCORDANCE = """\
owner: LSCB administrator
last_reviewed: 2026-11-22
review_due: 2027-11-22
editions: [2010, 2013]
topics:
  - id: referral
    title: Referral and assessment
    editions:
      - edition: 2010
        short: Ten working days.
        facts:
          - statement: An initial assessment takes ten working days.
            cite:
              - page: working-together/2010/chapter-5.md
                quote: from seven to ten working days
      - edition: 2013
        short: One working day.
        facts:
          - statement: In the consultation draft, a decision is made within one working day.
            cite:
              - page: working-together/2013/consultation-draft/referrals.md#para-61
                quote: within one working day
          - statement: The final text replaced the initial and core assessments.
            cite:
              - publication: wt2013
    changes:
      - from: 2010
        to: 2013
        change: changed
        statement: From ten working days to one.
        cite:
          - page: working-together/2013/consultation-draft/referrals.md#para-61
"""

ALIGNMENTS = """\
alignments:
  - id: functions
    title: Functions
    topic: referral
    rows:
      - old:
          - page: working-together/2010/chapter-5.md
            start: undertaking Serious Case Reviews
            end: Serious Case Reviews.
        new:
          - page: working-together/2013/consultation-draft/referrals.md
            start: undertake a Serious Case Review
            end: known or suspected.
      - new: [working-together/2013/consultation-draft/referrals.md#para-61]
"""


def make_handbook(root: Path) -> HostedText:
    """Write the tiny handbook under ``root`` and return its hosted text."""
    for rel, text in PAGES.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "data").mkdir(exist_ok=True)
    shutil.copy(PROJECT_ROOT / "data" / "editions.yml", root / "data" / "editions.yml")
    pages, errors = load_pages(root)
    assert errors == []
    return HostedText.from_pages(pages, load_editions(root))


def line_of(text: str, needle: str) -> int:
    """The (1-based) line of the one line containing ``needle``."""
    found = [number for number, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert len(found) == 1, f"{needle!r} is on lines {found}"
    return found[0]
