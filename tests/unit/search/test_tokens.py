"""Material's tokenizer and lunr.js's stemmer, in Python (search/tokens.py)."""

from __future__ import annotations

import pytest

from handbook.search.tokens import Token, js_regex, split, stem, tokenize, word_stem

MATERIAL = js_regex(r"[\s\-]+")
HANDBOOK = js_regex(r"""[\s\-,:;!?=\[\]()"/“”‘]+|['’](?:s(?![A-Za-z]))?|\.(?!\d)""")


def test_words_and_positions_follow_materials_blocks() -> None:
    # Each top-level element is a block; a position is block << 20 | index of the entry in the
    # block, where the opening tag is entry 0.
    tokens = tokenize("<p>Child protection</p><ul><li>Section 47</li></ul>", MATERIAL)
    assert tokens == [
        Token("Child", 0 << 20 | 1),
        Token("protection", 0 << 20 | 2),
        Token("Section", 1 << 20 | 1),
        Token("47", 1 << 20 | 2),
    ]
    assert [token.text for token in tokens] == ["child", "protection", "section", "47"]


def test_text_outside_tags_and_a_list_of_tags() -> None:
    assert tokenize("Safeguarding partners", MATERIAL) == [Token("Safeguarding", 0), Token("partners", 1)]
    # A list (Material's tags) continues the block numbering from one item to the next.
    assert tokenize(["LSCB procedure", "Leaflet"], MATERIAL) == [
        Token("LSCB", 0),
        Token("procedure", 1),
        Token("Leaflet", 1 << 20 | 0),
    ]
    assert tokenize(None, MATERIAL) == []


def test_the_handbooks_separator_splits_punctuation_but_keeps_section_numbers() -> None:
    words = [token.text for token in tokenize("Children’s social care (CSC), s.47 and 1.2; e.g. LSCBs.", HANDBOOK)]
    assert words == ["children", "social", "care", "csc", "s.47", "and", "1.2", "e", "g", "lscbs"]


def test_javascript_whitespace_is_not_pythons() -> None:
    # \x1c is whitespace to Python's str.isspace(), not to JavaScript's \s; U+FEFF is the reverse.
    assert split("a\x1cb", MATERIAL) == [(0, 3)]
    assert split("a\ufeffb", MATERIAL) == [(0, 1), (2, 3)]


def test_split_handles_empty_matches_like_javascript() -> None:
    camel = js_regex(r"(?=[A-Z])")
    assert split("childProtectionPlan", camel) == [(0, 5), (5, 15), (15, 19)]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("safeguarding", "safeguard"),
        ("safeguarded", "safeguard"),
        ("assessments", "assess"),
        ("enquiries", "enquiri"),
        ("enquiry", "enquiri"),
        ("conferences", "confer"),
        ("try", "tri"),  # lunr.js; lunr.py's own stemmer says "try"
        ("lay", "lay"),  # lunr.js; lunr.py's own stemmer says "lai"
        ("yelling", "yell"),
        ("s47", "s47"),
    ],
)
def test_stemmer_is_lunr_js(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_irregular_plurals() -> None:
    assert word_stem("children") == "child"
    assert word_stem("child") == "child"
    assert word_stem("people") == "person"
