"""The leaflets' generated Markdown (library, leaflet pages, retirement notice, nav) and checks."""

from __future__ import annotations

import os
import re
from pathlib import Path

import markdown
import pytest

from handbook.core.links import relative_href
from handbook.leaflets.library import (
    fill_pdf_sizes,
    format_size,
    leaflet_page_markdown,
    library_markdown,
    load_leaflets,
    nav_with_leaflets,
    retired_markdown,
)

GOLDEN = Path(__file__).parent / "golden"


def leaflet_text(title: str, audience: str, topics: list[str], status: str = "current", extra: str = "") -> str:
    topic_lines = "".join(f"  - {topic}\n" for topic in topics)
    return (
        "---\n"
        f'title: "{title}"\n'
        "kind: leaflet\nstatus: information\nowner: LSCB administrator\n"
        "last_reviewed: 2026-11-22\nreview_due: 2027-11-22\nsource: Written for this handbook\n"
        "leaflet:\n"
        f"  summary: Summary of {title}.\n"
        f"  audience: {audience}\n"
        f"  topics:\n{topic_lines}"
        "  language: en-GB\n"
        '  version: "1.0"\n'
        "  published: 2026-11-22\n"
        f"  status: {status}\n"
        f"{extra}"
        "---\n\n"
        f"# {title}\n\nBody of {title}.\n"
    )


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "docs" / "leaflets"
    folder.mkdir(parents=True)
    (folder / "index.md").write_text("not a leaflet: the library page is skipped", encoding="utf-8")
    files = {
        "worried.md": leaflet_text("Worried about a child?", "professionals", ["child protection", "referrals"]),
        "conference.md": leaflet_text("What happens at a conference", "parents and carers", ["child protection"]),
        "sharing.md": leaflet_text("Information sharing", "professionals", ["information sharing"]),
        "old.md": leaflet_text(
            "Old leaflet",
            "professionals",
            ["referrals"],
            status="retired",
            extra="  retired_on: 2026-12-01\nchanges:\n- date: 2026-12-01\n  summary: 'Leaflet retired: replaced.'\n",
        ),
        "new.md": leaflet_text("New draft", "children and young people", ["TODO add topics"], status="draft"),
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_load_leaflets(root: Path) -> None:
    leaflets, errors = load_leaflets(root)
    assert errors == []
    assert {leaf.slug: leaf.status for leaf in leaflets} == {
        "conference": "current",
        "new": "draft",
        "old": "retired",
        "sharing": "current",
        "worried": "current",
    }
    old = next(leaf for leaf in leaflets if leaf.slug == "old")
    assert old.retirement_reason == "replaced."
    assert old.pdf_site_path == "leaflets/old.pdf"


def test_library_markdown_matches_golden_file(root: Path) -> None:
    leaflets, _ = load_leaflets(root)
    text = library_markdown(leaflets)
    golden = GOLDEN / "leaflets-library.md"
    if os.environ.get("HANDBOOK_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_library_lists_only_current_leaflets_grouped_by_audience(root: Path) -> None:
    leaflets, _ = load_leaflets(root)
    text = library_markdown(leaflets)
    html = re.sub(r">\s+<", "><", markdown.markdown(text, extensions=["attr_list", "md_in_html"]))
    # Grouped: professionals first, in title order; empty groups (children and young people: a draft) left out.
    headings = ["For professionals", ">Information sharing</a>", ">Worried about a child?</a>"]
    headings += ["For parents and carers", ">What happens at a conference</a>"]
    order = [html.index(heading) for heading in headings]
    assert order == sorted(order)
    assert "For children and young people" not in html
    assert "Old leaflet" not in html and "New draft" not in html
    # Each entry: its summary, review date, language, topics and PDF link, with a size placeholder.
    assert "Summary of Information sharing." in html
    assert "<dt>Review due</dt><dd>22 November 2027</dd>" in html
    assert "<dt>Language</dt><dd>English</dd>" in html
    assert 'data-topics="child protection|referrals"' in html
    assert '<a href="sharing.pdf">Download the PDF' in html
    assert '<span class="hb-pdf-size" data-pdf="sharing.pdf"></span>' in html
    assert '<a href="sharing.md">Information sharing</a>' in html
    # The filter form is hidden until the script shows it; one checkbox per audience and topic in use.
    assert '<form class="hb-filter" hidden' in html
    assert html.count('name="audience"') == 2
    assert html.count('name="topic"') == 3
    assert "Showing all 3 leaflets." in html


def test_library_with_no_leaflets() -> None:
    assert library_markdown([]).startswith("No leaflets have been published in this handbook yet.")


def test_leaflet_page_gets_about_box_after_its_title(root: Path) -> None:
    leaflets, _ = load_leaflets(root)
    leaf = next(leaf for leaf in leaflets if leaf.slug == "worried")
    page = leaflet_page_markdown(leaf, "# Worried about a child?\n\nBody.\n", "leaflets/worried/")
    title, rest = page.split("\n", 1)
    assert title == "# Worried about a child?"
    assert rest.index('<div class="hb-leaflet-about hb-web-only" markdown>') < rest.index("Body.")
    assert '<a href="../worried.pdf">Download this leaflet as a PDF</a>' in rest
    assert "<dt>For</dt><dd>Professionals</dd>" in rest
    assert "<dt>Published</dt><dd>22 November 2026</dd>" in rest
    assert "[See all leaflets](index.md)" in rest
    # The file-share edition's pages are .html files beside the PDFs.
    assert 'href="worried.pdf"' in leaflet_page_markdown(leaf, "# T\n", "leaflets/worried.html")


def test_retired_leaflet_shows_only_a_notice(root: Path) -> None:
    leaflets, _ = load_leaflets(root)
    old = next(leaf for leaf in leaflets if leaf.slug == "old")
    assert leaflet_page_markdown(old, "# Old leaflet\n\nBody of Old leaflet.\n", "leaflets/old/") == retired_markdown(
        old
    )
    assert retired_markdown(old) == (
        "# Old leaflet\n\n"
        '!!! warning "This leaflet has been retired"\n'
        "    It was retired on 1 December 2026 and is no longer in use. Do not rely on printed or saved copies of it.\n"
        "\n"
        "    Reason: replaced.\n"
        "\n"
        "    Find the current leaflets in the [leaflets library](index.md).\n"
    )


def test_nav_lists_current_leaflets_after_the_library(root: Path) -> None:
    leaflets, _ = load_leaflets(root)
    nav = [{"Home": "index.md"}, {"Leaflets": ["leaflets/index.md", {"Sharing": "leaflets/sharing.md"}]}]
    assert nav_with_leaflets(nav, leaflets) == [
        {"Home": "index.md"},
        {
            "Leaflets": [
                "leaflets/index.md",
                {"Sharing": "leaflets/sharing.md"},  # already listed: kept, not repeated
                {"What happens at a conference": "leaflets/conference.md"},
                {"Worried about a child?": "leaflets/worried.md"},
            ]
        },
    ]


def test_a_published_leaflet_with_template_text_is_refused(root: Path) -> None:
    path = root / "docs/leaflets/sharing.md"
    path.write_text(path.read_text().replace("Body of Information sharing.", "TODO: write this."), encoding="utf-8")
    _, errors = load_leaflets(root)
    assert [str(e) for e in errors] == [
        'docs/leaflets/sharing.md:22: this published leaflet still has "TODO" text from its template: write this '
        "part, or set the leaflet's status back to draft"
    ]


def test_a_page_in_the_leaflets_folder_must_be_a_leaflet(root: Path) -> None:
    text = leaflet_text("X", "professionals", ["a"]).replace("kind: leaflet", "kind: guide")
    text = text[: text.index("leaflet:\n")] + "---\n\n# X\n"
    (root / "docs/leaflets/guide.md").write_text(text, encoding="utf-8")
    _, errors = load_leaflets(root)
    assert [str(e) for e in errors] == [
        'docs/leaflets/guide.md:3: every page in docs/leaflets/ except index.md is a leaflet: set "kind: leaflet" '
        "(and add a leaflet: block), or move the page out of the folder"
    ]


def test_a_file_name_that_cannot_be_an_address(root: Path) -> None:
    (root / "docs/leaflets/Early Help.md").write_text(leaflet_text("Early help", "professionals", ["a"]))
    _, errors = load_leaflets(root)
    assert [str(e) for e in errors] == [
        'docs/leaflets/Early Help.md:1: the file name "Early Help.md" becomes the leaflet\'s web address: use '
        "lower-case letters, digits and hyphens only, e.g. early-help.md"
    ]


@pytest.mark.parametrize(
    ("target", "page", "expected"),
    [
        ("leaflets/a.pdf", "leaflets/", "a.pdf"),
        ("leaflets/a.pdf", "leaflets/a/", "../a.pdf"),
        ("leaflets/a.pdf", "leaflets/a.html", "a.pdf"),
        ("assets/javascripts/leaflets.js", "leaflets/", "../assets/javascripts/leaflets.js"),
        ("assets/javascripts/leaflets.js", "leaflets/index.html", "../assets/javascripts/leaflets.js"),
    ],
)
def test_relative_href(target: str, page: str, expected: str) -> None:
    assert relative_href(target, page) == expected


@pytest.mark.parametrize(("size", "text"), [(850, "850 bytes"), (61_234, "61 KB"), (1_234_567, "1.2 MB")])
def test_format_size(size: int, text: str) -> None:
    assert format_size(size) == text


def test_fill_pdf_sizes() -> None:
    html = '<a href="a.pdf">A</a><span class="hb-pdf-size" data-pdf="a.pdf"></span>'
    html += '<span class="hb-pdf-size" data-pdf="gone.pdf"></span>'
    assert fill_pdf_sizes(html, {"a.pdf": 61_234}) == (
        '<a href="a.pdf">A</a><span class="hb-pdf-size" data-pdf="a.pdf"> (PDF, 61 KB)</span>'
        '<span class="hb-pdf-size" data-pdf="gone.pdf"></span>'
    )
