"""The real handbook against its ledger of published addresses (data/published-anchors.yml)."""

from __future__ import annotations

from pathlib import Path

from handbook import PROJECT_ROOT
from handbook.site.ledger import ledger_problems, read_ledger, unrecorded


def test_every_published_address_and_anchor_still_works(http_site: Path) -> None:
    ledger = read_ledger(PROJECT_ROOT)
    assert ledger, "the ledger is empty: run ./run ledger"
    assert ledger_problems(ledger, http_site) == []


def test_every_address_is_recorded(http_site: Path) -> None:
    assert unrecorded(read_ledger(PROJECT_ROOT), http_site) == [], "run ./run ledger to record them"


def test_wt2013_draft_paragraphs_are_all_recorded() -> None:
    ledger = read_ledger(PROJECT_ROOT)
    draft = [
        anchor
        for url, anchors in ledger.items()
        if url.startswith("/working-together/2013/consultation-draft/")
        for anchor in anchors
    ]
    assert sorted(draft) == sorted(f"para-{n}" for n in range(1, 77))
    assert ledger["/working-together/2013/about-this-guidance/"] == [f"para-{n}" for n in range(1, 8)]
