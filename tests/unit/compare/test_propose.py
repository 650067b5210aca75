"""The alignment proposer: similarity, candidates on the real texts, and writing only when asked."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from handbook import PROJECT_ROOT
from handbook.cli import main as cli
from handbook.compare.alignments import parse_alignments
from handbook.compare.data import load_comparison
from handbook.compare.propose import alignment_yaml, pages_for, propose, report, similarity, stem, units

DRAFT = "working-together/2013/consultation-draft/status-of-this-guidance.md"
FINAL = "working-together/2013/about-this-guidance.md"


def test_similarity_is_about_shared_content_words() -> None:
    assert similarity("Undertaking serious case reviews", "undertake a serious case review") == pytest.approx(1.0)
    assert similarity("the and of", "the and of") == 0.0, "common words alone are not similarity"
    assert similarity("child death reviews", "early help assessment") == 0.0
    assert 0 < similarity("review child deaths", "review the deaths of all children") < 1
    assert stem("reviews") == "review" and stem("undertaking") == "undertak" == stem("undertake")


def test_units_are_numbered_paragraphs_where_a_page_has_them(ctx) -> None:
    found = units(ctx.hosted, DRAFT)
    assert [u.name for u in found] == ["para-9", "para-10", "para-11", "para-12"]
    assert found[0].selector == f"{DRAFT}#para-9"
    with_items = units(ctx.hosted, DRAFT, items=True)
    assert len(with_items) > len(found) and isinstance(with_items[-1].selector, dict)


def test_units_of_a_page_without_numbers_are_ranges_that_resolve(ctx) -> None:
    found = units(ctx.hosted, "working-together/2010/chapter-3.md")
    scr = next(u for u in found if u.text == "undertaking Serious Case Reviews.")
    assert scr.selector == {
        "page": "working-together/2010/chapter-3.md",
        "start": "undertaking Serious Case Reviews.",
        "end": "undertaking Serious Case Reviews.",
    }


def test_proposals_for_the_2013_draft_and_final_text_match_the_curated_alignment(ctx) -> None:
    candidates = propose(units(ctx.hosted, DRAFT), units(ctx.hosted, FINAL))
    best = {(c.old.name, c.new.name) for c in candidates if c.mutual}
    assert best == {("para-9", "para-3"), ("para-10", "para-5"), ("para-11", "para-6"), ("para-12", "para-1")}
    curated = next(a for a in ctx.alignments.confirmed if a.id == "status-and-purpose")
    pairs = {(row.old[0].anchor, row.new[0].anchor) for row in curated.rows if row.old and row.new}
    assert best == pairs
    assert all(c.score >= 0.3 for c in candidates)
    assert report(candidates).splitlines()[0].startswith("Candidate alignments")


def test_threshold_and_top_limit_the_candidates(ctx) -> None:
    old, new = units(ctx.hosted, DRAFT), units(ctx.hosted, FINAL)
    assert len(propose(old, new, threshold=0.3, top=1)) == 4
    assert propose(old, new, threshold=1.01) == []
    assert report([]) == "No candidates at this threshold: try a lower --threshold."


def test_written_proposal_is_valid_and_unconfirmed(ctx) -> None:
    new = units(ctx.hosted, FINAL)
    block = alignment_yaml(propose(units(ctx.hosted, DRAFT), new), new, "draft-final", "Draft and final", "structure")
    text = (PROJECT_ROOT / "data" / "alignments.yml").read_text(encoding="utf-8") + "\n" + block
    alignments = parse_alignments(text, ctx.hosted, ctx.concordance)
    added = alignments.alignments[-1]
    assert (added.id, added.confirmed) == ("draft-final", False)
    assert [row.new[0].anchor for row in added.rows] == ["para-1", "para-3", "para-5", "para-6"], "new text order"
    assert "draft-final" not in [a.id for a in alignments.confirmed]


def test_pages_for_an_edition_and_text(ctx) -> None:
    assert pages_for(ctx.hosted, "2013:final") == [FINAL]
    assert len(pages_for(ctx.hosted, "2010")) == 12
    with pytest.raises(ValueError, match="no chapter pages"):
        pages_for(ctx.hosted, "2015")


@pytest.fixture
def project_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for folder in ("docs", "procedures", "data"):
        shutil.copytree(PROJECT_ROOT / folder, tmp_path / folder)
    shutil.copy2(PROJECT_ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")  # check reads its Markdown settings
    monkeypatch.setattr(cli, "PROJECT_ROOT", tmp_path)
    return tmp_path


def test_align_command_writes_nothing_unless_asked(project_copy: Path, capsys: pytest.CaptureFixture) -> None:
    before = (project_copy / "data" / "alignments.yml").read_text(encoding="utf-8")
    assert cli.main(["align", "--old", DRAFT, "--new", FINAL]) == 0
    assert "working-together/2013/about-this-guidance.md#para-5" in capsys.readouterr().out
    assert (project_copy / "data" / "alignments.yml").read_text(encoding="utf-8") == before


def test_align_command_writes_an_unconfirmed_alignment_when_asked(project_copy: Path) -> None:
    args = ["align", "--old", DRAFT, "--new", FINAL, "--write", "proposal", "--title", "Proposal", "--topic", "terms"]
    assert cli.main(args) == 0
    ctx = load_comparison(project_copy)
    assert [a.id for a in ctx.alignments.alignments][-1] == "proposal"
    assert "proposal" not in [a.id for a in ctx.alignments.confirmed]


def test_align_command_explains_a_bad_page(project_copy: Path, capsys: pytest.CaptureFixture) -> None:
    assert cli.main(["align", "--old", "nope.md", "--new", FINAL]) == 1
    assert 'no page "nope.md"' in capsys.readouterr().err


def test_check_command_reports_bad_comparison_data(project_copy: Path, capsys: pytest.CaptureFixture) -> None:
    path = project_copy / "data" / "alignments.yml"
    text = path.read_text(encoding="utf-8").replace("topic: local-arrangements", "topic: local-arrangement", 1)
    path.write_text(text, encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "topic: local-arrangement" in row)
    assert cli.main(["check"]) == 1
    assert (
        f'data/alignments.yml:{line}: topic "local-arrangement" is not in data/concordance.yml'
        in capsys.readouterr().err
    )
