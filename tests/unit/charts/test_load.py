"""Chart sources: a good chart loads; every kind of mistake is reported with its file and line.

The fixture handbook (tests/unit/fixtures/charts) has two edition pages, a procedure and two charts.
Each bad input below is the sample chart with one mistake written in, and the test names the line
and the words an administrator will see.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from handbook import PROJECT_ROOT
from handbook.charts.load import find_markers, load_and_check, read_chart
from handbook.content.editions import load_editions
from handbook.core.errors import ContentError
from handbook.core.sources import load_pages

FIXTURE = Path(__file__).parent / "fixtures" / "charts"
SAMPLE = (FIXTURE / "flowcharts" / "sample.yml").read_text(encoding="utf-8")
YEARS = [2010, 2013, 2015, 2018, 2023]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the fixture handbook that a test may change."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    return root


def check(root: Path) -> tuple[list, list[ContentError]]:
    pages, page_errors = load_pages(root)
    assert page_errors == []
    return load_and_check(root, pages, YEARS)


def with_sample(root: Path, old: str, new: str) -> list[ContentError]:
    """Write the sample chart with ``old`` replaced by ``new``; return the errors."""
    assert old in SAMPLE, old
    (root / "flowcharts" / "sample.yml").write_text(SAMPLE.replace(old, new, 1), encoding="utf-8")
    return check(root)[1]


def line_of(text: str, fragment: str) -> int:
    """The line of ``fragment`` in ``text`` (1-based)."""
    return text[: text.index(fragment)].count("\n") + 1


def test_good_charts_load_in_order_with_citations(project: Path) -> None:
    charts, errors = check(project)
    assert errors == []
    assert [chart.id for chart in charts] == ["other", "sample"]  # by "order"
    sample = charts[1]
    assert sample.src_uri == "flowcharts/sample.md"
    assert sample.editions == [2010, 2013, 2018]
    # Derived from the page's cite_as and the paragraph number.
    assert (
        sample.sources[("before", "refer")].cite == "Working Together 2013 (consultation draft, June 2012), paragraph 1"
    )
    assert sample.sources[("before", "refer")].page_title == "Draft text (paragraphs 1–3)"
    assert sample.sources[("before", "procedure")].cite == "Local procedure, section 2"
    outside = sample.sources[("after", "outside")]
    assert outside.outside and outside.cite == "Working Together to Safeguard Children 2013 (DFE-00030-2013)"
    assert "before-refer" in sample.anchors() and "outside-sources" in sample.anchors()


def test_the_real_charts_are_valid() -> None:
    pages, page_errors = load_pages(PROJECT_ROOT)
    assert page_errors == []
    years = [edition.year for edition in load_editions(PROJECT_ROOT).editions]
    charts, errors = load_and_check(PROJECT_ROOT, pages, years)
    assert [str(error) for error in errors] == []
    assert len(charts) >= 6
    for chart in charts:
        for diagram in chart.chart.diagrams:
            assert diagram.acc_title and diagram.acc_descr
            for node_id in diagram.nodes:
                assert (diagram.id, node_id) in chart.sources, f"{chart.path}: {node_id} has no citation"


@pytest.mark.parametrize(
    ("old", "new", "at", "message"),
    [
        pytest.param(
            "link: wt/draft.md#para-2",
            "link: wt/missing.md#para-2",
            "link: wt/missing.md",
            'step "decide": link "wt/missing.md#para-2" goes to a page the handbook does not publish',
            id="unknown-page",
        ),
        pytest.param(
            "link: wt/draft.md#para-2",
            "link: draft.md#para-2",
            "link: draft.md",
            'did you mean "wt/draft.md"?',
            id="unknown-page-with-hint",
        ),
        pytest.param(
            "link: wt/draft.md#para-2",
            "link: wt/draft.md#para-99",
            "link: wt/draft.md#para-99",
            'step "decide": the page wt/draft.md has no anchor "#para-99"',
            id="missing-paragraph",
        ),
        pytest.param(
            "link: wt/draft.md#duties-of-the-board",
            "link: wt/draft.md#not-an-anchor",
            "link: wt/draft.md#not-an-anchor",
            'has no anchor "#not-an-anchor"',
            id="anchor-only-in-code",
        ),
        pytest.param(
            "link: procedures/proc.md#section-2",
            "link: procedures/proc.md#section-3",
            "link: procedures/proc.md#section-3",
            'has no anchor "#section-3"',
            id="missing-section",
        ),
        pytest.param(
            "link: wt/draft.md#para-2",
            "link: Wt/Draft.md",
            "link: Wt/Draft.md",
            'must look like "folder/page.md#anchor"',
            id="malformed-link",
        ),
        pytest.param(
            '          outside: "no"',
            '          nowhere: "no"',
            'nowhere: "no"',
            'step "decide" goes next to "nowhere", which is not a step of this diagram',
            id="unknown-next",
        ),
        pytest.param(
            "        next: [procedure]",
            "        next: [refer]",
            "next: [refer]",
            'step "refer" must not lead to itself',
            id="loop-to-itself",
        ),
        pytest.param(
            "    acc_title: The new way\n",
            "",
            "  - id: after",
            '"acc_title" is missing: add a line "acc_title: a short title',
            id="missing-acc-title",
        ),
        pytest.param(
            "    acc_descr: Someone refers the child, then the procedure applies.\n",
            "",
            "  - id: before",
            '"acc_descr" is missing',
            id="missing-acc-descr",
        ),
        pytest.param(
            "        cite: Local procedure, section 2\n",
            "",
            "link: procedures/proc.md#section-2",
            'step "procedure": add a line "cite: ..."',
            id="missing-cite",
        ),
        pytest.param(
            "cite: Local procedure, section 2",
            "cite: Local procedure, section 3",
            "cite: Local procedure, section 3",
            'it links to section 2, so its citation must say "section 2"',
            id="wrong-section-cited",
        ),
        pytest.param(
            "cite: Working Together 2013 (consultation draft, June 2012), duties of the board",
            "cite: Working Together 2013, duties of the board",
            "cite: Working Together 2013, duties",
            "it links to the 2013 consultation draft, so its citation must say so",
            id="draft-not-labelled",
        ),
        pytest.param(
            "        link: wt/draft.md#para-2\n",
            "        link: wt/draft.md#para-2\n        cite: Working Together 2013 (consultation draft), paragraph 3\n",
            "cite: Working Together 2013 (consultation draft), paragraph 3",
            'it links to paragraph 2, so its citation must say "paragraph 2"',
            id="wrong-paragraph-cited",
        ),
        pytest.param(
            "cite: Working Together to Safeguard Children 2013 (DFE-00030-2013)",
            "cite: Working Together to Safeguard Children 2013 (DFE-00030-2013), paragraph 80",
            "cite: Working Together to Safeguard Children 2013 (DFE-00030-2013), paragraph 80",
            "cite the publication by name only: remove the paragraph number",
            id="outside-cites-a-paragraph",
        ),
        pytest.param(
            "        link: wt/index.md\n",
            "        link: wt/draft.md#para-3\n",
            "link: wt/draft.md#para-3",
            "must not link to a numbered paragraph as if that paragraph said it",
            id="outside-links-a-paragraph",
        ),
        pytest.param(
            "      report:\n",
            "      Report:\n",
            "      Report:",
            'step id "Report" must start with a letter and use only a-z, 0-9 and _',
            id="bad-node-id",
        ),
        pytest.param(
            "      report:\n        label: The board publishes a report\n",
            "      decide:\n        label: The board publishes a report\n",
            "      decide:\n        label: The board",
            '"decide" is written twice (first on line 38): rename one',
            id="duplicate-node-id",
        ),
        pytest.param(
            '    heading: "After: the new way"\n',
            "",
            "  - id: after",
            'a chart with two diagrams needs a "heading" for each',
            id="missing-heading",
        ),
        pytest.param(
            "continues: other",
            "continues: nowhere",
            "continues: nowhere",
            'step "outside" continues in chart "nowhere", which does not exist',
            id="unknown-continues",
        ),
        pytest.param(
            "review_due: 2027-01-01",
            "review_due: 2025-01-01",
            "review_due: 2025-01-01",
            'review_due "2025-01-01" must be after last_reviewed "2026-01-01"',
            id="review-dates",
        ),
        pytest.param(
            "kind: decision",
            "kind: question",
            "kind: question",
            'kind "question" is not allowed (use one of: ',
            id="unknown-kind",
        ),
        pytest.param(
            "    editions: [2013, 2018]",
            "    editions: [2012]",
            "editions: [2012]",
            "is not allowed",
            id="unknown-edition",
        ),
        pytest.param(
            "        timescale: within one working day\n",
            "        timescale: within one working day\n        colour: red\n",
            "colour: red",
            'unknown key "colour"',
            id="unknown-key",
        ),
        pytest.param(
            "    acc_title: The new way",
            "    acc_title: The new way & the old",
            "acc_title: The new way & the old",
            '"The new way & the old" must not contain &: screen readers would hear it wrongly',
            id="ampersand-in-accessible-title",
        ),
        pytest.param(
            'title: "Sample: a referral"',
            "title: Sample: a referral",
            "title: Sample",
            "this is not valid YAML",
            id="invalid-yaml",
        ),
    ],
)
def test_each_mistake_is_reported_with_file_and_line(project: Path, old: str, new: str, at: str, message: str) -> None:
    errors = with_sample(project, old, new)
    written = (project / "flowcharts" / "sample.yml").read_text(encoding="utf-8")
    expected_line = line_of(written, at)
    found = [error for error in errors if message in error.message]
    assert found, f"no error containing {message!r}; got: {[str(e) for e in errors]}"
    assert found[0].path == "flowcharts/sample.yml"
    assert found[0].line == expected_line, str(found[0])


def test_an_unconnected_step_is_an_error(project: Path) -> None:
    errors = with_sample(project, "        next: [procedure]\n", "")
    assert any('step "refer" is not connected to any other step' in e.message for e in errors), errors
    assert any('step "procedure" is not connected' in e.message for e in errors), errors


def test_a_bad_file_name_is_an_error() -> None:
    _chart, errors = read_chart(SAMPLE, "flowcharts/Bad Name.yml")
    assert [e.message for e in errors] == ['the file name "Bad Name.yml" must be lower case letters, digits and dashes']


def test_a_chart_cannot_take_a_page_address(project: Path) -> None:
    page = (project / "docs" / "wt" / "index.md").read_text(encoding="utf-8")
    (project / "docs" / "flowcharts").mkdir()
    (project / "docs" / "flowcharts" / "sample.md").write_text(page, encoding="utf-8")
    errors = check(project)[1]
    assert [str(e) for e in errors] == [
        "flowcharts/sample.yml:1: docs/flowcharts/sample.md is published at this chart's address: rename one"
    ]


def test_all_errors_are_reported_at_once(project: Path) -> None:
    broken = SAMPLE.replace("#para-1", "#para-98").replace("#para-2", "#para-97")
    (project / "flowcharts" / "sample.yml").write_text(broken, encoding="utf-8")
    errors = check(project)[1]
    assert sorted(e.line for e in errors) == [line_of(broken, "#para-98"), line_of(broken, "#para-97")]


# --- Markers in pages --------------------------------------------------------------------------------


def test_markers_are_found_with_their_lines() -> None:
    text = (
        "# A\n\n<!-- flowchart: referral -->\n\n  <!-- flowchart: assessment/model-2010 -->\n"
        "<!-- flowcharts: 2010 -->\n"
    )
    markers = find_markers(text, first_line=10)
    assert [(m.line, m.chart, m.diagram, m.listing) for m in markers] == [
        (12, "referral", None, None),
        (14, "assessment", "model-2010", None),
        (15, None, None, "2010"),
    ]
    assert find_markers("Text <!-- flowchart: referral --> in a sentence") == []


@pytest.mark.parametrize(
    ("marker", "message"),
    [
        ("<!-- flowchart: nowhere -->", 'there is no chart "nowhere" (charts: other, sample)'),
        ("<!-- flowchart: sample/nowhere -->", 'chart "sample" has no diagram "nowhere" (diagrams: before, after)'),
        ("<!-- flowcharts: 2011 -->", "there is no 2011 edition (use all, or one of [2010, 2013, 2015, 2018, 2023])"),
    ],
)
def test_a_marker_naming_nothing_is_an_error(project: Path, marker: str, message: str) -> None:
    page = project / "docs" / "wt" / "index.md"
    text = page.read_text(encoding="utf-8") + f"\n{marker}\n"
    page.write_text(text, encoding="utf-8")
    errors = check(project)[1]
    assert [str(e) for e in errors] == [f"docs/wt/index.md:{line_of(text, marker)}: {marker}: {message}"]
