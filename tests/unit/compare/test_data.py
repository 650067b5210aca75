"""The comparison data as the pages read it: the hosted text wired in by load_comparison."""

from __future__ import annotations

from handbook.compare.citations import Citation, Source


def test_short_citations_always_say_draft_or_final_for_2013(ctx) -> None:
    draft = ctx.hosted.source(Citation(page="working-together/2013/consultation-draft/introduction.md#para-8"))
    final = ctx.hosted.source(Citation(page="working-together/2013/about-this-guidance.md#para-2"))
    assert (draft.short, final.short) == ("draft, para 8", "final, para 2")
    assert draft.label == "Working Together to Safeguard Children 2013 (consultation draft, June 2012), paragraph 8"
    assert final.label == "Working Together to Safeguard Children 2013 (final text), paragraph 2"
    assert Source("x", "y", None).hosted
