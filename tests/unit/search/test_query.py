"""The search box's query handling, in Python (search/query.py)."""

from __future__ import annotations

import pytest

from handbook.search.index import IndexSettings
from handbook.search.query import hidden_terms, material_query, rewrite_query
from handbook.search.tokens import js_regex

SETTINGS = IndexSettings(separator=r"""[\s\-,:;!?=\[\]()"/“”‘]+|['’](?:s(?![A-Za-z]))?|\.(?!\d)""", stemming=True)
PHRASES = [[["initi", "child", "protect", "confer"], "icpc"], [["child", "in", "need"], "cin"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("s47", "s47^4 s47"),
        ("S.47", "s47^4 s47"),
        ("section 47 enquiries", "s47^4 s47 enquiri^4 enquiri"),
        ("sec 17", "s17^4 s17"),
        ("safeguarded children", "safeguard^4 safeguard child^4 child"),
        ("assessm", "assessm^4 assessm"),  # a word being typed: a prefix of "assessment"
        ("child in need", "child^4 child need^4 need cin^4"),
        ("child in", "child^4 child in^4 in"),  # "in" may be the start of "initial"
        (
            "initial child protection conferences",
            "initi^4 initi child^4 child protect^4 protect confer^4 confer icpc^4",
        ),
        ("+police -policy", "+polic -polici"),
        ('"child protection plan"', '"child protection plan"'),
        ("title:lscb", "title:lscb"),
        ("the", "the^4 the"),
        ("c", "c^4"),  # a first letter being typed is a word, not a prefix ("c*" fetches a tenth of the index)
        ("child p", "child^4 child p^4"),
        ("s ", "s^4 s"),  # typed and finished (a space after it): an ordinary word
    ],
)
def test_rewrite(query: str, expected: str) -> None:
    assert rewrite_query(query, SETTINGS, PHRASES) == expected


def test_without_stemming_words_stay_as_typed() -> None:
    settings = IndexSettings(stemming=False)
    assert rewrite_query("Safeguarded children", settings) == "safeguarded^4 safeguarded children^4 children"


def test_hidden_terms_need_the_whole_phrase() -> None:
    assert hidden_terms(["initial", "child", "protection", "conference"], PHRASES) == ["icpc"]
    assert hidden_terms(["child", "protection", "conference"], PHRASES) == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("child protection", "child* protection*"),
        # Material keeps the rest of a hyphenated word around each part, as its code does; lunr then
        # splits at the hyphen again.
        ("multi-agency", "multi-agency* multi-agency*"),
        ('"child protection"', "+child +protection"),
        ("police^4 police", "police^4 police*"),
        ("+required -excluded", "+required -excluded"),
        ("", ""),
    ],
)
def test_materials_own_transformation(query: str, expected: str) -> None:
    assert material_query(query, js_regex(r"[\s\-]+")) == expected
