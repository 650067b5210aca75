"""End to end, as an administrator works: import a Word document, publish it, retire another leaflet,
start a draft, build, and read the pages and PDFs that come out."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from handbook.content.editions import long_date
from handbook.leaflets.admin import LeafletDetails, import_docx, new_leaflet, publish_leaflet, retire_leaflet
from handbook.leaflets.library import format_size
from handbook.site.build import build
from tests.unit.leaflets.word_documents import leaflet_docx

from .test_leaflets_built import pdf_text, poppler

TODAY = dt.date.today()
BODY_NAME = re.compile(r"(?m)^(    body:\n      name: ).*$")
SITE_URL = "https://handbook.example.org/safeguarding/"


@pytest.mark.slow
def test_import_publish_retire_and_build(
    tiny_project_with_leaflets: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tiny_project_with_leaflets
    # The area's settings and the handbook's address, as an area's build would have them.
    config = project / "mkdocs.yml"
    named = BODY_NAME.sub(r"\g<1>Test Area Local Safeguarding Children Board", config.read_text(), count=1)
    assert named != config.read_text()
    config.write_text(named, encoding="utf-8")
    monkeypatch.setenv("HANDBOOK_SITE_URL", SITE_URL)
    details = LeafletDetails(audience="professionals", owner="LSCB administrator", summary="Online safety.",
                             topics=["online safety"])  # fmt: skip
    page, notes = import_docx(project, leaflet_docx(tmp_path / "Keeping safe online.docx"), details, TODAY)
    assert len(notes) == 1 and "a picture has no alt text" in notes[0]
    text = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r" <!-- TODO: describe this picture.*?-->", "", text), encoding="utf-8")  # decorative
    publish_leaflet(project, "keeping-safe-online", TODAY)
    retire_leaflet(project, "private-fostering", "Replaced by the area's own leaflet.", TODAY)
    new_leaflet(project, LeafletDetails(title="Neglect", audience="professionals", owner="LSCB administrator"), TODAY)

    site = build("http", root=project)

    # The library: the imported leaflet with its PDF's real size; not the retired one, not the draft.
    library = (site / "leaflets/index.html").read_text(encoding="utf-8")
    pdf = site / "leaflets/keeping-safe-online.pdf"
    assert f'data-pdf="keeping-safe-online.pdf"> (PDF, {format_size(pdf.stat().st_size)})</span>' in library
    assert "Private fostering" not in library.split('class="md-content"')[1]
    assert "Neglect" not in library
    assert not (site / "leaflets/neglect").exists() and not (site / "leaflets/neglect.pdf").exists()

    # The imported leaflet as the site shows it: Word's structure kept, its text never run as code.
    imported = (site / "leaflets/keeping-safe-online/index.html").read_text(encoding="utf-8")
    article = imported[imported.index("<article") : imported.index("</article>")]
    for kept in (
        '<h2 id="what-to-do">',
        "<strong>worried about a child</strong>",
        "<ul>",
        "<ol>",
        "<table>",
        '<img alt="A blue square standing for the school logo" src="image-1.png"',
        '<img alt="" src="image-2.png"',
        'href="https://www.gov.uk/government/publications/working-together-to-safeguard-children--2"',
    ):
        assert kept in article, kept
    assert "&lt;script&gt;" in article and "<script" not in article
    assert 'href="javascript:' not in article
    assert re.search(r"<[^>]*\son[a-z]+=", article) is None, "no event handler attributes"
    assert re.search(r"<[^>]*\sstyle=", article) is None, "no inline styles"
    assert (site / "leaflets/keeping-safe-online/image-1.png").is_file()

    # Its PDF: the area's LSCB name, the version, the print date and the full web address.
    text = pdf_text(pdf)
    for expected in (
        "Test Area Local Safeguarding Children Board",
        "Version 1.0",
        f"Correct as printed on {long_date(TODAY)}",
        f"{SITE_URL}leaflets/keeping-safe-online/",
        "Who How School Ask the office",
    ):
        assert expected in text, expected
    images = poppler("pdfimages", "-list", str(pdf)).splitlines()[2:]
    assert len(images) == 2, "both pictures are in the PDF"

    # The retired leaflet: its address still works and shows a notice linking to the library.
    retired = (site / "leaflets/private-fostering/index.html").read_text(encoding="utf-8")
    assert "This leaflet has been retired" in retired
    assert f"It was retired on {long_date(TODAY)}" in retired
    assert "Reason: Replaced by the area's own leaflet." in retired
    assert '<a href="../">leaflets library</a>' in retired
    assert "What private fostering is" not in retired
    assert "This leaflet has been retired" in pdf_text(site / "leaflets/private-fostering.pdf")
    # ... and it has left the navigation; the amendments log records the retirement.
    assert 'href="private-fostering/"' not in library
    source = (project / "docs/leaflets/private-fostering.md").read_text(encoding="utf-8")
    assert f"- date: {TODAY}\n  summary: 'Leaflet retired: Replaced by the area''s own leaflet.'" in source
