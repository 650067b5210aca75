"""Section numbers and glossary abbreviations added to the index (search/synonyms.py)."""

from __future__ import annotations

from handbook.search.synonyms import Synonyms, expansion_phrase, section_terms
from handbook.search.tokens import js_regex, tokenize

SEPARATOR = js_regex(r"""[\s\-,:;!?=\[\]()"/“”‘]+|['’](?:s(?![A-Za-z]))?|\.(?!\d)""")
#: Test data in the glossary's shape (the real list is data/glossary.yml).
PAIRS = [
    (("ICPC", "ICPCs"), "initial child protection conference"),
    (("LADO",), "local authority designated officer"),
    (("US",), "United States"),
    (("s47",), "section 47 of the Children Act 1989 (the local authority's duty to investigate)"),
    (("HM",), "Her Majesty's (His Majesty's since September 2022)"),
]


def terms(text: str, synonyms: Synonyms | None = None) -> list[tuple[str, tuple[int, ...]]]:
    tokens = tokenize(text, SEPARATOR)
    return synonyms.extra_terms(tokens) if synonyms else section_terms(tokens)


def test_every_way_of_writing_a_section_number_gives_one_term() -> None:
    for text in ["s47", "S47", "s.47", "S.47", "s 47", "section 47", "Section 47(1)", "sec. 47"]:
        assert [term for term, _ in terms(text)] == ["s47"], text


def test_section_terms_sit_at_the_words_they_stand_for() -> None:
    assert terms("under section 47 enquiries") == [("s47", (1, 2))]
    assert [term for term, _ in terms("Sections 17 and 47 of the Children Act 1989")] == ["s17", "s47"]
    assert [term for term, _ in terms("sections 10, 11 and 47")] == ["s10", "s11", "s47"]


def test_words_that_are_not_section_numbers() -> None:
    assert terms("sessions 47") == []
    assert terms("Schedule 2") == []
    assert terms("section headings") == []


def test_abbreviation_adds_its_expansion_and_the_reverse() -> None:
    synonyms = Synonyms(PAIRS, SEPARATOR)
    assert terms("book the ICPC", synonyms) == [
        ("initial", (2,)),
        ("child", (2,)),
        ("protection", (2,)),
        ("conference", (2,)),
    ]
    # Any word form of the expansion, at the positions of all its words.
    assert terms("Initial child protection conferences are held", synonyms) == [("icpc", (0, 1, 2, 3))]
    assert [term for term, _ in terms("two ICPCs", synonyms)] == ["initial", "child", "protection", "conference"]


def test_abbreviations_are_matched_as_written() -> None:
    synonyms = Synonyms(PAIRS, SEPARATOR)
    assert [term for term, _ in terms("the US Congress", synonyms)] == ["united", "states"]
    assert terms("tell us", synonyms) == []


def test_glossary_entries_for_section_numbers_use_the_section_rule() -> None:
    synonyms = Synonyms(PAIRS, SEPARATOR)
    # "s47" is not expanded into the words of its long glossary explanation.
    assert terms("s47", synonyms) == [("s47", (0,))]
    assert all(term != "s47" for _stems, term in synonyms.query_phrases())


def test_asides_in_brackets_are_not_part_of_the_expansion() -> None:
    assert expansion_phrase("Her Majesty's (His Majesty's since September 2022)") == "Her Majesty's"
    assert expansion_phrase("the UK government's website") == "UK government's website"


def test_query_phrases_are_expansions_of_two_or_more_words() -> None:
    phrases = dict((tuple(stems), term) for stems, term in Synonyms(PAIRS, SEPARATOR).query_phrases())
    assert phrases[("initi", "child", "protect", "confer")] == "icpc"
    assert phrases[("local", "author", "design", "offic")] == "lado"
    assert "us" in phrases.values()


def test_no_pairs_means_section_numbers_only() -> None:
    synonyms = Synonyms([], SEPARATOR)
    assert not synonyms
    assert terms("ICPC under s47", synonyms) == [("s47", (2,))]
