"""Search documents: a result per numbered paragraph, labels, boosts, charts left out (search/docs.py)."""

from __future__ import annotations

import pytest

from handbook import PROJECT_ROOT
from handbook.content.editions import load_editions
from handbook.search.docs import (
    BOOSTS,
    SECTION_BOOST,
    PageFacts,
    exclude_charts,
    label_documents,
    labels_and_standing,
    numbered_paragraphs,
    split_paragraphs,
)

PAGE = "working-together/2013/consultation-draft/introduction/"


@pytest.fixture(scope="module")
def editions():
    return load_editions(PROJECT_ROOT)


def test_numbered_paragraphs_are_found_in_the_pages_html() -> None:
    html = (
        '<p class="hb-para" data-para="1" id="para-1"><a class="hb-para__num" href="#para-1">1</a> One</p>'
        '<p>Plain</p><p id="para-2-1" class="hb-para" data-para="2.1">Two</p>'
    )
    assert numbered_paragraphs(html) == [("1", "para-1"), ("2.1", "para-2-1")]


def test_each_numbered_paragraph_becomes_a_result_of_its_own() -> None:
    docs = [
        {"location": PAGE, "title": "Introduction", "text": "<p>Intro text.</p> <p>1 First para.</p>"},
        {"location": PAGE + "#more", "title": "More", "text": "<p>2 Second.</p><ul><li>item</li></ul><p>3 Third.</p>"},
    ]
    paragraphs = {PAGE: [("1", "para-1"), ("2", "para-2"), ("3", "para-3")]}
    assert split_paragraphs(docs, paragraphs) == [
        {"location": PAGE, "title": "Introduction", "text": "<p>Intro text.</p>"},
        {"location": PAGE + "#para-1", "title": "Paragraph 1", "text": "<p>1 First para.</p>"},
        {"location": PAGE + "#more", "title": "More", "text": ""},
        {"location": PAGE + "#para-2", "title": "Paragraph 2", "text": "<p>2 Second.</p><ul><li>item</li></ul>"},
        {"location": PAGE + "#para-3", "title": "Paragraph 3", "text": "<p>3 Third.</p>"},
    ]


def test_a_number_at_the_start_of_an_ordinary_paragraph_is_not_a_paragraph_number() -> None:
    docs = [{"location": PAGE, "title": "T", "text": "<p>615 children were referred.</p> <p>1 First.</p>"}]
    out = split_paragraphs(docs, {PAGE: [("1", "para-1")]})
    assert [doc["location"] for doc in out] == [PAGE, PAGE + "#para-1"]
    assert out[0]["text"] == "<p>615 children were referred.</p>"


def test_labels_say_where_a_result_comes_from(editions) -> None:
    assert labels_and_standing(PageFacts("procedure"), editions) == (["LSCB procedure"], "current")
    assert labels_and_standing(PageFacts("edition-chapter", 2010, "executive-summary"), editions) == (
        ["Working Together 2010 (executive summary)", "Replaced guidance"],
        "replaced",
    )
    assert labels_and_standing(PageFacts("edition-chapter", 2013, "consultation-draft"), editions) == (
        ["Working Together 2013 (consultation draft)", "Replaced guidance"],
        "replaced",
    )
    assert labels_and_standing(PageFacts("guide"), editions) == ([], "other")


def test_labels_go_on_the_page_and_boosts_on_every_document(editions) -> None:
    docs = [
        {"location": "procedures/x/", "title": "X", "text": ""},
        {"location": "procedures/x/#section-1", "title": "1", "text": ""},
        {"location": "working-together/2010/chapter-5/", "title": "C5", "text": ""},
        {"location": "quick-guide/", "title": "Q", "text": ""},
    ]
    facts = {
        "procedures/x/": PageFacts("procedure"),
        "working-together/2010/chapter-5/": PageFacts("edition-chapter", 2010),
        "quick-guide/": PageFacts("guide"),
    }
    out = label_documents(docs, facts, editions)
    assert out[0]["tags"] == ["LSCB procedure"] and "tags" not in out[1]
    assert out[0]["boost"] == BOOSTS["current"]
    assert out[1]["boost"] == BOOSTS["current"] * SECTION_BOOST
    assert out[2]["tags"] == ["Working Together 2010", "Replaced guidance"]
    assert out[2]["boost"] == BOOSTS["replaced"]
    assert "boost" not in out[3] and "tags" not in out[3]
    # For the same match, current text ranks above replaced guidance.
    assert BOOSTS["current"] > BOOSTS["other"] > BOOSTS["replaced"] > 0


def test_chart_sources_are_marked_not_to_be_indexed() -> None:
    html = '<pre class="mermaid"><code>graph TD; A--&gt;B</code></pre><div class="mermaid">x</div><pre>code</pre>'
    assert exclude_charts(html) == (
        '<pre class="mermaid" data-search-exclude=""><code>graph TD; A--&gt;B</code></pre>'
        '<div class="mermaid" data-search-exclude="">x</div><pre>code</pre>'
    )
    already = '<pre class="mermaid" data-search-exclude="">x</pre>'
    assert exclude_charts(already) == already
