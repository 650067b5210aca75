"""The leaflets in the built handbook: a print-ready PDF for every leaflet, the library with the PDFs'
real sizes, the navigation, and the file-share edition."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from handbook import PROJECT_ROOT
from handbook.content.editions import long_date
from handbook.governance.areas import load_area
from handbook.leaflets.library import current, format_size, load_leaflets
from handbook.leaflets.pdf import PrintJob, render_pdfs

LEAFLETS, _ERRORS = load_leaflets(PROJECT_ROOT)
CURRENT = current(LEAFLETS)
#: The body the core's settings name: the PDFs say who publishes them.
PUBLISHER = load_area(PROJECT_ROOT / "mkdocs.yml", PROJECT_ROOT)[0].area.body.name


def poppler(tool: str, *args: str) -> str:
    if not shutil.which(tool):
        pytest.fail(f"{tool} is needed to read PDFs: run ./run test (it installs poppler-utils)")
    return subprocess.run([tool, *args], capture_output=True, text=True, check=True).stdout


def pdf_info(pdf: Path) -> dict[str, str]:
    return dict(line.split(":", 1) for line in poppler("pdfinfo", str(pdf)).splitlines() if ":" in line)


def pdf_text(pdf: Path) -> str:
    """The PDF's words on one line; an address broken after a hyphen at a line end is rejoined."""
    raw = poppler("pdftotext", "-layout", str(pdf), "-")
    return " ".join(re.sub(r"(?<=\w)-\n\s*", "-", raw).split())


def test_the_starter_set_is_valid_and_has_at_least_six_leaflets() -> None:
    assert _ERRORS == []
    assert len(CURRENT) >= 6
    assert {leaf.meta.audience for leaf in CURRENT} == {
        "professionals",
        "parents and carers",
        "children and young people",
    }


@pytest.mark.parametrize("leaf", CURRENT, ids=[leaf.slug for leaf in CURRENT])
def test_every_current_leaflet_has_a_print_ready_pdf(http_site: Path, leaf) -> None:
    pdf = http_site / "leaflets" / f"{leaf.slug}.pdf"
    assert pdf.is_file()
    info = pdf_info(pdf)
    assert info["Page size"].strip().endswith("(A4)")
    assert info["Tagged"].strip() == "yes"
    assert info["Title"].strip() == leaf.title
    assert b"/Lang (en-GB)" in pdf.read_bytes()
    text = pdf_text(pdf)
    today = long_date(dt.date.today())
    for expected in (
        PUBLISHER,  # the core's settings: extra.area.body.name in mkdocs.yml
        f"Version {leaf.meta.version}",
        f"Correct as printed on {today}",
        f"Review due {long_date(leaf.review_due)}",
        f"under Leaflets (leaflets/{leaf.slug}/)",  # no site_url in the tests' builds: its place in the handbook
    ):
        assert expected in text, f"{pdf.name}: {expected!r} not in the PDF"
    assert " ".join(leaf.title.split()[:3]) in text


def test_library_shows_each_pdf_with_its_real_size(http_site: Path) -> None:
    html = (http_site / "leaflets/index.html").read_text(encoding="utf-8")
    for leaf in CURRENT:
        size = (http_site / "leaflets" / f"{leaf.slug}.pdf").stat().st_size
        assert f'<a href="{leaf.slug}.pdf">Download the PDF' in html
        assert f'data-pdf="{leaf.slug}.pdf"> (PDF, {format_size(size)})</span>' in html
        page = (http_site / "leaflets" / leaf.slug / "index.html").read_text(encoding="utf-8")
        assert f'<a href="../{leaf.slug}.pdf">Download this leaflet as a PDF</a>' in page
        assert f"(PDF, {format_size(size)})" in page
    assert re.findall(r'data-pdf="[^"]+"></span>', html) == [], "every size is filled in"


def test_leaflets_are_in_the_navigation_by_title(http_site: Path) -> None:
    html = (http_site / "leaflets/index.html").read_text(encoding="utf-8")
    listed = re.findall(r'<a href="([a-z0-9-]+)/" class="md-nav__link">', html)
    assert listed == [leaf.slug for leaf in CURRENT]


def test_print_documents_are_removed_after_printing(http_site: Path, fileshare_site: Path) -> None:
    assert list(http_site.rglob(".print-*")) == [] and list(fileshare_site.rglob(".print-*")) == []


def test_fileshare_edition_has_the_pdfs_beside_the_pages(fileshare_site: Path) -> None:
    html = (fileshare_site / "leaflets/index.html").read_text(encoding="utf-8")
    for leaf in CURRENT:
        assert (fileshare_site / "leaflets" / f"{leaf.slug}.pdf").is_file()
        page = (fileshare_site / "leaflets" / f"{leaf.slug}.html").read_text(encoding="utf-8")
        assert f'<a href="{leaf.slug}.pdf">Download this leaflet as a PDF</a>' in page
    assert '<script src="../assets/javascripts/leaflets.js"></script>' in html


@pytest.mark.slow
def test_pdf_with_area_name_web_address_and_language(tmp_path: Path) -> None:
    """One leaflet printed with the area's LSCB name, the handbook's address and a Welsh leaflet's
    language; its links become full addresses; an unchanged leaflet is copied from the cache."""
    page_dir = tmp_path / "site" / "leaflets" / "cymorth-cynnar"
    page_dir.mkdir(parents=True)
    job = PrintJob(
        title="Cymorth cynnar",
        language="cy",
        lscb_name="Test Area Local Safeguarding Children Board",
        audience="Parents and carers",
        summary="Crynodeb.",
        version="2.1",
        published=dt.date(2026, 11, 22),
        review_due=dt.date(2027, 11, 22),
        printed_on=dt.date(2026, 12, 3),
        web_address="https://handbook.example.org/sg/leaflets/cymorth-cynnar/",
        site_path="leaflets/cymorth-cynnar/",
        retired=False,
        content_html='<h1 id="c">Cymorth cynnar</h1>\n<p>Gweler <a href="../../procedures/#section-4">y '
        "gweithdrefnau</a>.</p>",
        page_url="leaflets/cymorth-cynnar/",
        page_dir=page_dir,
        output=tmp_path / "site" / "leaflets" / "cymorth-cynnar.pdf",
    )
    cache = tmp_path / "cache"
    sizes = render_pdfs([job], "https://handbook.example.org/sg/", cache_dir=cache)
    assert sizes == {job.output: job.output.stat().st_size}
    data = job.output.read_bytes()
    assert b"/Lang (cy)" in data
    text = pdf_text(job.output)
    for expected in (
        "Test Area Local Safeguarding Children Board",
        "Version 2.1",
        "Correct as printed on 3 December 2026",
        "https://handbook.example.org/sg/leaflets/cymorth-cynnar/",
        "(https://handbook.example.org/sg/procedures/#section-4)",  # a handbook link, printed in full
        "Crynodeb.",
    ):
        assert expected in text
    assert list(page_dir.iterdir()) == [], "the print document is removed"
    # Printed again unchanged: copied from the cache (no browser needed).
    job.output.unlink()
    assert render_pdfs([job], "https://handbook.example.org/sg/", cache_dir=cache, chromium="/nonexistent") == sizes
    assert job.output.read_bytes() == data
