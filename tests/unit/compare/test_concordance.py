"""The concordance: the real data is valid, and every bad input gives one exact message with its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook import PROJECT_ROOT
from handbook.compare.concordance import parse_concordance
from handbook.compare.data import load_comparison
from handbook.core.errors import ContentErrors
from tests.unit.compare.compare_fixtures import CONCORDANCE, line_of, make_handbook

DRAFT = "working-together/2013/consultation-draft/referrals.md"


def errors_for(tmp_path: Path, text: str) -> list[str]:
    hosted = make_handbook(tmp_path)
    with pytest.raises(ContentErrors) as caught:
        parse_concordance(text, hosted)
    return [str(error) for error in caught.value.errors]


def test_good_concordance_is_valid(tmp_path: Path) -> None:
    concordance = parse_concordance(CONCORDANCE, make_handbook(tmp_path))
    assert concordance.pairs == [(2010, 2013)]
    assert concordance.topic("referral").cell(2013).facts[0].cite[0].anchor == "para-61"


def _bad(old: str, new: str) -> str:
    assert old in CONCORDANCE, old
    return CONCORDANCE.replace(old, new, 1)


CASES = [
    (
        "a statement without a citation",
        _bad(
            "            cite:\n              - page: working-together/2010/chapter-5.md\n"
            "                quote: from seven to ten working days\n",
            "",
        ),
        "- statement: An initial assessment",
        'this statement has no citation: add "cite:" with a page of this handbook ("- page: <page>.md#<anchor>") '
        'or a named publication ("- publication: <id>")',
    ),
    (
        "a page that does not exist",
        _bad("chapter-5.md\n", "chapter-55.md\n"),
        "- page: working-together/2010/chapter-55.md",
        'page "working-together/2010/chapter-55.md" does not exist: give the path of a page under docs/ or '
        "procedures/, as it is published (e.g. working-together/2010/chapter-5.md)",
    ),
    (
        "an anchor the page does not have",
        _bad("referrals.md#para-61\n                quote", "referrals.md#para-62\n                quote"),
        "referrals.md#para-62",
        f'{DRAFT} has no anchor "#para-62" (its paragraphs are para-61 to para-61): cite an anchor it has, '
        'or the page without "#..."',
    ),
    (
        "a quote that is not the page's words",
        _bad("from seven to ten working days", "from seven to twelve working days"),
        "- page: working-together/2010/chapter-5.md",
        'the quote "from seven to twelve working days" is not in working-together/2010/chapter-5.md '
        '(the page\'s words stop matching after "…from seven to"): copy the words exactly from the page',
    ),
    (
        "a statement on the draft that does not say so",
        _bad("In the consultation draft, a decision", "A decision"),
        "statement: A decision is made",
        'this statement cites only the 2013 consultation draft: say so in it (e.g. "In the consultation draft, ...")',
    ),
    (
        "an unknown publication",
        _bad("publication: wt2013", "publication: wt2014"),
        "publication: wt2014",
        'publication "wt2014" is not listed: add it under "publications" or use one of: '
        "wt2010, wt2013, wt2015, wt2018, wt2023",
    ),
    (
        "a citation with both a page and a publication",
        _bad(
            "              - publication: wt2013\n", "              - publication: wt2013\n                page: x.md\n"
        ),
        "- publication: wt2013",
        'a citation has either "page" or "publication", not both: split it into two citations',
    ),
    (
        "an edition left out of a topic",
        _bad(
            CONCORDANCE[CONCORDANCE.index("      - edition: 2013") : CONCORDANCE.index("    changes:")],
            "",
        ),
        "    editions:",
        'topic "referral" says nothing about 2013: add "- edition: 2013" with facts, or with "not_stated: true"',
    ),
    (
        "no change between two editions",
        _bad(CONCORDANCE[CONCORDANCE.index("    changes:") :], ""),
        "  - id: referral",
        'topic "referral" does not say what changed from 2010 to 2013: add "- from: 2010" with "to: 2013" and '
        '"change: ..." ("not known" if the texts held do not show it)',
    ),
    (
        "editions that are not consecutive",
        _bad("      - from: 2010\n        to: 2013", "      - from: 2010\n        to: 2015"),
        ["    changes:", "- from: 2010"],
        [
            'topic "referral" does not say what changed from 2010 to 2013: add "- from: 2010" with "to: 2013" '
            'and "change: ..." ("not known" if the texts held do not show it)',
            "2010 to 2015 is not a pair of consecutive editions compared: use one of 2010 to 2013",
        ],
    ),
    (
        "facts and not_stated together",
        _bad("        short: Ten working days.\n", "        short: Ten working days.\n        not_stated: true\n"),
        "      - edition: 2010",
        'a cell has either "facts" or "not_stated: true", not both',
    ),
    (
        "a misspelt key",
        _bad("statement: An initial", "statment: An initial"),
        "statment: An initial",
        'unknown key "statment": remove it or correct it (did you mean "statement"?)',
    ),
    (
        "a change kind that does not exist",
        _bad("change: changed", "change: altered"),
        "change: altered",
        "change \"altered\" is not allowed (use one of: 'added', 'removed', 'changed', 'unchanged' or 'not known')",
    ),
    (
        "text that is not YAML",
        _bad("short: One working day.", "short: One: working: day."),
        "short: One: working: day.",
        "this is not valid YAML (mapping values are not allowed here); check indentation and that text "
        "containing ':' is in quotes",
    ),
]


@pytest.mark.parametrize(("name", "text", "needle", "message"), CASES, ids=[case[0] for case in CASES])
def test_bad_concordance_is_reported_with_file_and_line(
    tmp_path: Path, name: str, text: str, needle: str | list[str], message: str | list[str]
) -> None:
    needles = needle if isinstance(needle, list) else [needle]
    messages = message if isinstance(message, list) else [message]
    expected = [f"data/concordance.yml:{line_of(text, n)}: {m}" for n, m in zip(needles, messages, strict=True)]
    assert errors_for(tmp_path, text) == expected


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = _bad("chapter-5.md\n", "chapter-55.md\n").replace("publication: wt2013", "publication: wt2014")
    assert len(errors_for(tmp_path, text)) == 2


# --- the real data ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real():
    return load_comparison(PROJECT_ROOT)


def test_real_concordance_covers_the_issue_topics_for_every_edition(real) -> None:
    concordance = real.concordance
    assert concordance.editions == [2010, 2013, 2015, 2018, 2023]
    assert {topic.id for topic in concordance.topics} >= {
        "status-and-audience",
        "succession",
        "structure",
        "section-11-duties",
        "organisations",
        "referral-and-assessment",
        "child-protection-process",
        "local-arrangements",
        "case-reviews",
        "child-death-reviews",
        "early-help",
        "terms",
    }
    for topic in concordance.topics:
        assert [cell.edition for cell in topic.editions] == [2010, 2013, 2015, 2018, 2023], topic.id
        assert [(c.from_, c.to) for c in topic.changes] == concordance.pairs, topic.id


@pytest.mark.parametrize("year", [2015, 2023])
def test_nothing_is_claimed_from_text_the_handbook_does_not_hold(real, year: int) -> None:
    """No 2015 or 2023 text is held: their facts cite only a publication or another hosted text."""
    for topic in real.concordance.topics:
        for fact in topic.cell(year).facts:
            for citation in fact.cite:
                assert not citation.path.startswith(f"working-together/{year}/"), (topic.id, fact.statement)
            assert citation.publication or citation.path, (topic.id, fact.statement)


def test_claims_that_a_term_is_new_in_2018_hold_for_the_hosted_text(real) -> None:
    """The early-help change says the 2018 summary is the first text held to mention these terms."""
    change = real.concordance.topic("early-help").change_between(2015, 2018)
    assert "first to mention a threshold document or contextual safeguarding" in change.statement
    for uri in real.hosted.pages:
        if uri.startswith("working-together/") and not uri.startswith("working-together/2018/"):
            text = " ".join(block.text for block in real.hosted.blocks(uri)).lower()
            assert "contextual safeguarding" not in text, uri
            assert "threshold document" not in text, uri
