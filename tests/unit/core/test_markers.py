"""One marker syntax and one check, for every feature's markers, in every page."""

from __future__ import annotations

from pathlib import Path

from handbook.core.markers import FAMILIES, find_markers, marker_errors, marker_errors_in_files


def test_unknown_markers_are_reported_with_file_and_line() -> None:
    text = "---\ntitle: X\n---\n\nText\n<!-- area:contact -->\n<!-- area:contacts -->\n"
    errors = marker_errors(text, "docs/x.md")
    assert [(error.path, error.line) for error in errors] == [("docs/x.md", 6)]
    assert "<!-- area:contacts -->" in errors[0].message  # says what to write instead


def test_an_unknown_kind_of_marker_is_reported_with_the_kinds_there_are() -> None:
    errors = marker_errors("x\n  <!-- glosary:a-z -->\n", "docs/glossary.md")
    assert [(error.line, error.message) for error in errors] == [
        (2, 'unknown marker "<!-- glosary:a-z -->" (the kinds of marker are: ' + ", ".join(sorted(FAMILIES)) + ")")
    ]


def test_chart_markers_take_any_name_the_charts_check_it() -> None:
    text = "<!-- flowchart: referral -->\n<!-- flowcharts: 2013 -->\n"
    found = [(m.family, m.name, m.line) for m in find_markers(text)]
    assert found == [("flowchart", "referral", 1), ("flowcharts", "2013", 2)]
    assert marker_errors(text, "docs/x.md") == []


def test_ordinary_comments_and_markers_inside_text_are_not_markers() -> None:
    text = "<!-- TODO: describe this picture -->\nSee <!-- area:contacts --> here\n<!-- a note -->\n"
    assert find_markers(text) == []


def test_every_marker_the_real_pages_use_is_known() -> None:
    from handbook import PROJECT_ROOT

    patterns = ("docs/**/*.md", "procedures/*.md", "areas/*/docs/**/*.md")
    pages = [page for pattern in patterns for page in PROJECT_ROOT.glob(pattern)]
    assert marker_errors_in_files(pages, PROJECT_ROOT) == []
    families = {m.family for page in pages for m in find_markers(page.read_text(encoding="utf-8"))}
    assert {"area", "glossary", "changes", "leaflets", "flowchart", "flowcharts"} <= families


def test_marker_errors_in_files_names_files_from_the_project_root(tmp_path: Path) -> None:
    page = tmp_path / "docs" / "page.md"
    page.parent.mkdir()
    page.write_text("x\n<!-- area:phone -->\n", encoding="utf-8")
    errors = marker_errors_in_files([page], tmp_path)
    assert len(errors) == 1
    assert str(errors[0]).startswith("docs/page.md:2: unknown marker")
