"""Word documents built in the tests: a real .docx (python-docx), a password-protected one (an OLE
compound file holding an ``EncryptedPackage`` stream, as Word writes it) and damaged ones."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn


def png(width: int = 4, height: int = 3, rgb: tuple[int, int, int] = (29, 58, 138)) -> bytes:
    """A small solid-colour PNG, made without an imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


def _hyperlink(paragraph: object, text: str, url: str) -> None:
    part = paragraph.part  # type: ignore[attr-defined]
    rel_id = part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    run = OxmlElement("w:r")
    text_element = OxmlElement("w:t")
    text_element.text = text
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)  # type: ignore[attr-defined]


def _picture(document: docx.document.Document, alt: str | None) -> None:
    document.add_picture(io.BytesIO(png()))
    drawing = document.paragraphs[-1]._p.xpath(".//wp:docPr")[0]
    drawing.set("descr", alt or "")


def leaflet_docx(path: Path, *, title: str = "Keeping safe online", hostile: bool = True) -> Path:
    """A Word document with everything an import must keep: a Heading 1 title, headings, bold text,
    a link, a bulleted and a numbered list, a table, a picture with alt text and one without.
    With ``hostile``, it also carries text that must stay text (HTML, Markdown syntax) and a
    ``javascript:`` link that must not survive."""
    document = docx.Document()
    if title:
        document.add_heading(title, level=1)
    intro = document.add_paragraph("Read this if you are ")
    intro.add_run("worried about a child").bold = True
    intro.add_run(" who uses the internet.")
    document.add_heading("What to do", level=2)
    document.add_paragraph("Talk to the child.", style="List Bullet")
    document.add_paragraph("Tell your designated safeguarding lead.", style="List Bullet")
    document.add_paragraph("Write down what you saw.", style="List Number")
    document.add_paragraph("Keep your notes safe.", style="List Number")
    linked = document.add_paragraph("Read the ")
    _hyperlink(
        linked,
        "current guidance",
        "https://www.gov.uk/government/publications/working-together-to-safeguard-children--2",
    )
    linked.add_run(".")
    document.add_heading("Who can help", level=2)
    table = document.add_table(rows=3, cols=2)
    for row, (who, how) in enumerate([("Who", "How"), ("School", "Ask the office"), ("GP", "Book an appointment")]):
        table.cell(row, 0).text = who
        table.cell(row, 1).text = how
    _picture(document, "A blue square standing for the school logo")
    _picture(document, None)
    if hostile:
        document.add_paragraph('<script>alert("x")</script> and <img src=x onerror=alert(1)> stay text')
        document.add_paragraph("# not a heading, *not emphasis*, [not a link](http://example.com) {: onclick=x }")
        bad = document.add_paragraph("A ")
        _hyperlink(bad, "bad link", "javascript:alert(1)")
    document.save(path)
    return path


def password_protected_docx(path: Path) -> Path:
    """What Word writes for "Encrypt with Password": an OLE compound file (not a zip) with the
    streams EncryptionInfo and EncryptedPackage. Built sector by sector (512-byte sectors)."""
    sector = 512
    end, free, fat_sector = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    stream_sectors = 8  # 4096 bytes each: at the mini-stream cut-off, so both live in normal sectors
    info_start, package_start = 2, 2 + stream_sectors
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\x00" * 6
    header += struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
    header += struct.pack("<I", 0) + struct.pack("<I", free) * 108  # DIFAT: the FAT is sector 0
    fat = [fat_sector, end]
    for start in (info_start, package_start):
        fat += [start + i + 1 for i in range(stream_sectors - 1)] + [end]
    fat_bytes = b"".join(struct.pack("<I", entry) for entry in fat).ljust(sector, b"\xff")

    def entry(name: str, kind: int, left: int, right: int, child: int, start: int, size: int) -> bytes:
        encoded = (name + "\x00").encode("utf-16-le")
        return (
            encoded.ljust(64, b"\x00")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", left, right, child)
            + b"\x00" * 16
            + b"\x00" * 4
            + b"\x00" * 16
            + struct.pack("<IQ", start, size)
        )

    directory = (
        entry("Root Entry", 5, free, free, 1, end, 0)
        + entry("EncryptionInfo", 2, free, 2, free, info_start, 4096)
        + entry("EncryptedPackage", 2, free, free, free, package_start, 4096)
        + b"\x00" * 128
    )
    streams = b"\x04\x00\x04\x00" + b"\x00" * (4096 - 4) + b"\x00" * 4096
    path.write_bytes(header + fat_bytes + directory + streams)
    return path
