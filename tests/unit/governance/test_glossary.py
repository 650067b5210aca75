"""The glossary: one list, every abbreviation in the pages defined, definitions traceable to a page."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from handbook import PROJECT_ROOT
from handbook.core.errors import ContentErrors
from handbook.core.sources import load_page, load_pages
from handbook.governance.glossary import (
    GLOSSARY_FILE,
    a_to_z_markdown,
    abbreviations,
    find_abbreviations,
    focusable_abbreviations,
    load_glossary,
    local_definitions,
    terms_with_expansions,
    undefined_abbreviations,
)

#: Abbreviations the issue names: each must have an entry.
REQUIRED = [
    *("LSCB", "CCG", "ICPC", "CSPR", "CDOP", "MAPPA", "MARAC", "LADO", "FGM", "CSE", "YOT", "YOI", "STC", "UKBA"),
    *("Cafcass", "CAFCASS", "JSNA", "s17", "s47", "EPO", "SCR", "FGC", "UASC", "VBS", "DCSF", "DfE", "NSPCC"),
]


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(PROJECT_ROOT)


def all_pages() -> list[tuple[str, str, int]]:
    """(path, Markdown body, first line of the body) of every page, the areas' local pages included."""
    pages, errors = load_pages(PROJECT_ROOT)
    assert errors == []
    found = [(page.path, page.front.body, page.front.end_line + 1) for page in pages]
    for path in sorted((PROJECT_ROOT / "areas").glob("*/docs/**/*.md")):
        page, errors = load_page(path, PROJECT_ROOT, path.name)
        assert errors == [], errors
        found.append((page.path, page.front.body, page.front.end_line + 1))
    return found


def test_every_abbreviation_in_the_pages_has_a_glossary_entry(glossary) -> None:
    found = [(path, word, line) for path, body, first in all_pages() for word, line in find_abbreviations(body, first)]
    assert len(found) > 200, "the scan found too little: is it reading the pages?"
    assert undefined_abbreviations(found, glossary) == [], (
        "add each to data/glossary.yml (or, if it is not an abbreviation, to not_abbreviations with why)"
    )


def test_the_check_fails_for_an_unknown_abbreviation(glossary) -> None:
    body = (
        'The LSCB and the XYZ met.\n\n`ABC` in code, [link](https://QQQ.example/ZZZ) and <span class="WWW">x</span>.\n'
    )
    found = [("docs/x.md", word, line) for word, line in find_abbreviations(body, 10)]
    assert undefined_abbreviations(found, glossary) == ["docs/x.md:10: XYZ"]


def test_pages_do_not_define_their_own_abbreviations() -> None:
    defined = [
        f"{path}:{line}: {word}" for path, body, first in all_pages() for word, line in local_definitions(body, first)
    ]
    assert defined == [], "move these definitions into data/glossary.yml (one list for the whole handbook)"
    assert local_definitions("text\n\n*[CA]: Children Act\n", 5) == [("CA", 7)]


def test_issue_terms_are_all_defined(glossary) -> None:
    defined = abbreviations(glossary)
    assert [term for term in REQUIRED if term not in defined] == []
    assert defined["LSCB"] == defined["LSCBs"] == "Local Safeguarding Children Board"
    assert defined["CAFCASS"] == defined["Cafcass"] == "Children and Family Court Advisory and Support Service"


def test_see_links_point_at_real_pages(glossary) -> None:
    pages = {page.src_uri for page in load_pages(PROJECT_ROOT)[0]}
    assert [t.see for t in glossary.terms if t.see and t.see.split("#")[0] not in pages] == []


def test_section_47_is_a_duty_to_make_enquiries(glossary) -> None:
    """The Act's words: the authority "shall make, or cause to be made, such enquiries" (issue 17, item 4)."""
    (s47,) = [t for t in glossary.terms if t.term == "s47"]
    assert "duty to make enquiries" in s47.expansion
    assert "investigat" not in s47.expansion
    assert s47.see == "procedures/strategy-discussions-and-section-47-enquiries.md#section-4-1"


def test_terms_with_expansions_for_search_synonyms(glossary) -> None:
    terms = terms_with_expansions(glossary)
    by_term = {t.term: t for t in terms}
    assert by_term["LSCB"].forms == ("LSCB", "LSCBs")
    assert by_term["s47"].expansion.startswith("section 47 of the Children Act 1989")
    order = [t.term for t in terms]
    assert order.index("s2") < order.index("s3") < order.index("s17") < order.index("s47"), "numbers sort as numbers"
    assert order.index("BTP") < order.index("CA") < order.index("Cafcass")


def write_glossary(tmp_path: Path, text: str) -> Path:
    (tmp_path / "data").mkdir()
    (tmp_path / GLOSSARY_FILE).write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "terms:\n  - term: LSCB\n    expansion: A\n  - term: CCG\n    expansion: B\n    also: [LSCB]\n",
            ["data/glossary.yml:6: LSCB is already defined on line 2: define each term once"],
        ),
        (
            "terms:\n  - term: LSCB\n    expansion: A\n    definition: Something made up\n",
            [
                'data/glossary.yml:2: the definition of LSCB needs "see:", the page of this handbook it comes from '
                "(or remove the definition and keep the expansion)"
            ],
        ),
        (
            "terms:\n  - term: LSCB\n    expansion: A <b>board</b>\n",
            ['data/glossary.yml:3: "A <b>board</b>" must not contain < > & or double quotes: write them out in words'],
        ),
        (
            "terms:\n  - term: LSCB\n    expansion: A\n    see: https://example.org/\n",
            [
                'data/glossary.yml:4: see "https://example.org/" must be a page of this handbook, '
                "e.g. procedures/index.md#section-2"
            ],
        ),
        (
            "terms:\n  - term: LSCB\n    expanson: A\n",
            ['data/glossary.yml:3: unknown key "expanson": remove it or correct it (did you mean "expansion"?)'],
        ),
        (
            "terms:\n  - term: LSCB\n    expansion: A\nnot_abbreviations:\n  - word: LSCB\n    why: because\n",
            ["data/glossary.yml:5: LSCB has a glossary entry: remove it from not_abbreviations"],
        ),
    ],
)
def test_bad_glossary_entries_name_file_and_line(tmp_path: Path, text: str, expected: list[str]) -> None:
    root = write_glossary(tmp_path, text)
    with pytest.raises(ContentErrors) as caught:
        load_glossary(root)
    assert [str(error) for error in caught.value.errors] == expected


A_TO_Z = """\
terms:
  - term: s47
    expansion: section 47 of the Children Act 1989
  - term: Cafcass
    expansion: Children and Family Court Advisory and Support Service
    also: [CAFCASS]
  - term: LSCB
    expansion: Local Safeguarding Children Board
    also: [LSCBs]
    see: working-together/lscbs.md#para-62
    definition: The board that scrutinises local arrangements
"""


def test_a_to_z_page(tmp_path: Path) -> None:
    glossary = load_glossary(write_glossary(tmp_path, A_TO_Z))
    text = a_to_z_markdown(glossary, "glossary.md")
    assert text == (
        '<nav class="hb-az" aria-label="Glossary by letter" markdown>\n[C](#letter-c) [L](#letter-l) [S](#letter-s)\n'
        "</nav>\n\n"
        "## C {#letter-c}\n\n"
        "Cafcass {: #term-cafcass }\n"
        ":   Children and Family Court Advisory and Support Service. Also written CAFCASS.\n\n"
        "## L {#letter-l}\n\n"
        "LSCB {: #term-lscb }\n"
        ":   Local Safeguarding Children Board. The board that scrutinises local arrangements. "
        "[Read more about LSCB](working-together/lscbs.md#para-62).\n\n"
        "## S {#letter-s}\n\n"
        "s47 {: #term-s47 }\n"
        ":   section 47 of the Children Act 1989.\n"
    )
    html = markdown.markdown(text, extensions=["attr_list", "def_list", "md_in_html", "toc"])
    assert '<dt id="term-lscb">LSCB</dt>' in html
    assert '<h2 id="letter-s">S</h2>' in html
    assert '<a href="#letter-c">C</a>' in html
    assert "../working-together/lscbs.md#para-62" in a_to_z_markdown(glossary, "guide/glossary.md")


def test_first_use_of_each_term_is_keyboard_focusable() -> None:
    html = (
        '<p>The <abbr title="Local Safeguarding Children Board">LSCB</abbr> and the '
        '<abbr title="Local Safeguarding Children Board">LSCBs</abbr>; '
        '<a href="x"><abbr title="Serious Case Review">SCR</abbr></a> then '
        '<abbr title="Serious Case Review">SCR</abbr> and <abbr title="Serious Case Review">SCR</abbr>.</p>'
    )
    assert focusable_abbreviations(html) == (
        '<p>The <abbr title="Local Safeguarding Children Board" tabindex="0">LSCB</abbr> and the '
        '<abbr title="Local Safeguarding Children Board">LSCBs</abbr>; '
        '<a href="x"><abbr title="Serious Case Review">SCR</abbr></a> then '
        '<abbr title="Serious Case Review" tabindex="0">SCR</abbr> and '
        '<abbr title="Serious Case Review">SCR</abbr>.</p>'
    )
    assert focusable_abbreviations("<p>No abbreviations.</p>") == "<p>No abbreviations.</p>"


def test_scan_skips_code_links_and_markup() -> None:
    body = (
        "Intro with LSCB.\n"
        "```\nCODE BLOCK ABC\n```\n"
        'See [GOV.UK](https://www.gov.uk/ABC) and `XYZ`, {#section-ABC} <div class="QQQ">\n'
        "A section 47 (s47) enquiry; DfE, SoS.[^DEF]\n"
    )
    assert find_abbreviations(body) == [("LSCB", 1), ("GOV.UK", 5), ("s47", 6), ("DfE", 6), ("SoS", 6)]


def test_glossary_html_renders_through_the_abbr_extension(glossary) -> None:
    html = markdown.markdown(
        "The LSCB told the DfE (see GOV.UK).",
        extensions=["abbr"],
        extension_configs={"abbr": {"glossary": abbreviations(glossary)}},
    )
    assert '<abbr title="Local Safeguarding Children Board">LSCB</abbr>' in html
    assert '<abbr title="Department for Education">DfE</abbr>' in html
    assert '<abbr title="the UK government\'s website">GOV.UK</abbr>' in html
