"""Word-level differences: the pure function, its accessible HTML, and golden files.

Golden files hold the exact HTML for each case in golden/worddiff/cases.json. To regenerate them
after an intended change, run with UPDATE_GOLDEN=1 and review the diff before committing.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from handbook.compare.worddiff import Segment, counts, render_inline, render_new, render_old, tokens, word_diff

GOLDEN = Path(__file__).parent / "golden"
CASES = json.loads((GOLDEN / "cases.json").read_text(encoding="utf-8"))


def rendered(old: str, new: str) -> str:
    segments = word_diff(old, new)
    return (
        f"<!-- inline -->\n{render_inline(segments)}\n"
        f"<!-- old -->\n{render_old(segments)}\n"
        f"<!-- new -->\n{render_new(segments)}\n"
    )


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name: str) -> None:
    case = CASES[name]
    actual = rendered(case["old"], case["new"])
    path = GOLDEN / f"{name}.html"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8")
    assert path.is_file(), f"no golden file for {name}: run with UPDATE_GOLDEN=1 and review it"
    assert actual == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(CASES))
def test_segments_rebuild_both_texts(name: str) -> None:
    case = CASES[name]
    segments = word_diff(case["old"], case["new"])
    assert "".join(s.text for s in segments if s.op != "insert") == case["old"]
    assert "".join(s.text for s in segments if s.op != "delete") == case["new"]


def test_tokens_join_back_exactly() -> None:
    text = "Children’s social care – within 1 working day; see para 2.3 (draft)."
    assert "".join(tokens(text)) == text
    assert "Children’s" in tokens(text) and "working" in tokens(text)


def test_a_changed_word_is_removed_then_added() -> None:
    assert word_diff("within seven working days", "within ten working days") == [
        Segment("equal", "within "),
        Segment("delete", "seven"),
        Segment("insert", "ten"),
        Segment("equal", " working days"),
    ]


def test_a_short_word_between_two_changes_joins_them() -> None:
    assert word_diff("red of blue", "green of yellow") == [
        Segment("delete", "red of blue"),
        Segment("insert", "green of yellow"),
    ]


def test_counts_words_not_characters() -> None:
    segments = word_diff("does not have the full force of statute, but should", "should")
    assert counts(segments) == {"removed": 9, "added": 0}


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_change_is_marked_for_screen_readers_and_print(name: str) -> None:
    """Colour is never the only signal: every <del>/<ins> says in words what it is."""
    case = CASES[name]
    html = render_inline(word_diff(case["old"], case["new"]))
    for tag, label in (("del", "removed"), ("ins", "added")):
        elements = re.findall(rf"<{tag} [^>]*>(.*?)</{tag}>", html, flags=re.S)
        for inner in elements:
            assert inner.startswith(f'<span class="hb-vh">[{label}: </span>'), inner
            assert inner.endswith('<span class="hb-vh">]</span>'), inner
        assert len(elements) == html.count(f"<{tag}")


def test_old_and_new_views_show_only_their_own_changes() -> None:
    segments = word_diff("seven working days", "ten working days")
    assert "<ins" not in render_old(segments) and "<del" in render_old(segments)
    assert "<del" not in render_new(segments) and "<ins" in render_new(segments)


def test_text_is_escaped() -> None:
    html = render_inline(word_diff("a <b> & c", "a <b> & d"))
    assert "<b>" not in html and "&lt;b&gt; &amp;" in html


def test_indentation_is_kept_out_of_the_strike_through() -> None:
    html = render_inline(word_diff("Items:\n    ◦ one", "Items:"))
    assert '<span class="hb-diff__indent">    </span>' in html
