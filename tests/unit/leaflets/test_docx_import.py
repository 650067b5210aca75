"""Importing a Word document: a round trip through a .docx built in the test, sanitising, and every
kind of unreadable file refused with a plain message and nothing changed."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import markdown
import pytest

import handbook.cli.leaflets as commands
from handbook.cli.main import main
from handbook.leaflets.docx_import import escape_text, markdown_from_html, sanitise
from handbook.leaflets.library import load_leaflets
from tests.unit.leaflets.word_documents import leaflet_docx, password_protected_docx, png

TODAY = dt.date.today()
OPTIONS = ["--audience", "professionals", "--owner", "LSCB administrator", "--summary", "Online safety.",
           "--topic", "online safety"]  # fmt: skip


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    project = tmp_path / "handbook"
    (project / "docs" / "leaflets").mkdir(parents=True)
    monkeypatch.setattr(commands, "PROJECT_ROOT", project)
    monkeypatch.setattr(commands, "_interactive", lambda: False)
    monkeypatch.setenv("HANDBOOK_CALLER_DIR", str(tmp_path))
    return project


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_word_document_round_trip(root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    leaflet_docx(tmp_path / "Keeping safe online.docx")
    code = main(["import-docx", "Keeping safe online.docx", *OPTIONS])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    path = root / "docs/leaflets/keeping-safe-online.md"
    text = path.read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1]
    line = next(n for n, line in enumerate(text.splitlines(), start=1) if line.startswith("![]("))
    assert out.splitlines() == [
        "Created docs/leaflets/keeping-safe-online.md as a draft: ./run serve shows it, the published handbook "
        "does not yet.",
        'Next: write the leaflet, replacing every "TODO", then run ./run publish-leaflet keeping-safe-online',
        "Check these before you publish it:",
        f"  docs/leaflets/keeping-safe-online.md:{line}: a picture has no alt text: describe it inside the square "
        "brackets, or delete the TODO note if it is only decoration",
    ]
    assert body == (
        "\n"
        "# Keeping safe online\n"
        "\n"
        "Read this if you are **worried about a child** who uses the internet.\n"
        "\n"
        "## What to do\n"
        "\n"
        "- Talk to the child.\n"
        "- Tell your designated safeguarding lead.\n"
        "\n"
        "<!-- -->\n"
        "\n"
        "1. Write down what you saw.\n"
        "2. Keep your notes safe.\n"
        "\n"
        "Read the [current guidance](https://www.gov.uk/government/publications/working-together-to-safeguard-"
        "children--2).\n"
        "\n"
        "## Who can help\n"
        "\n"
        "| Who | How |\n"
        "|---|---|\n"
        "| School | Ask the office |\n"
        "| GP | Book an appointment |\n"
        "\n"
        "![A blue square standing for the school logo](keeping-safe-online/image-1.png)\n"
        "\n"
        "![](keeping-safe-online/image-2.png) <!-- TODO: describe this picture inside the square brackets (its "
        "alt text), or delete this note if the picture is only decoration -->\n"
        "\n"
        '&lt;script&gt;alert("x")&lt;/script&gt; and &lt;img src=x onerror=alert(1)&gt; stay text\n'
        "\n"
        "\\# not a heading, \\*not emphasis\\*, \\[not a link\\](http://example.com) \\{: onclick=x \\}\n"
        "\n"
        "A bad link\n"
    )
    # The pictures are saved beside the leaflet, exactly as they were in the document.
    assert (root / "docs/leaflets/keeping-safe-online/image-1.png").read_bytes() == png()
    assert (root / "docs/leaflets/keeping-safe-online/image-2.png").read_bytes() == png()
    # The result is a valid page: a draft (its missing alt text is a TODO that blocks publishing).
    (leaf,) = load_leaflets(root)[0]
    assert (leaf.title, leaf.status, leaf.meta.published) == ("Keeping safe online", "draft", TODAY)
    assert load_leaflets(root)[1] == []
    # As the site renders it: structure kept, the document's own text shown as text, no script anywhere.
    html = markdown.markdown(body, extensions=["tables", "attr_list", "md_in_html", "abbr", "def_list"])
    for kept in (
        "<h2>What to do</h2>",
        "<strong>worried about a child</strong>",
        "<ul>",
        "<ol>",
        "<table>",
        "<th>Who</th>",
        '<img alt="A blue square standing for the school logo"',
        '<a href="https://www.gov.uk/government/publications/working-together-to-safeguard-children--2">',
    ):
        assert kept in html
    assert "<script" not in html and "onerror=" not in html.replace("onerror=alert(1)&gt;", "")
    assert "javascript:" not in html and "onclick" not in html.replace("onclick=x", "")


def test_import_takes_the_title_from_the_command_line(root: Path, tmp_path: Path) -> None:
    leaflet_docx(tmp_path / "doc.docx", title="", hostile=False)
    assert main(["import-docx", "doc.docx", "--title", "Online safety", *OPTIONS]) == 0
    text = (root / "docs/leaflets/online-safety.md").read_text(encoding="utf-8")
    assert "\n# Online safety\n\nRead this if you are" in text
    assert "![A blue square standing for the school logo](online-safety/image-1.png)" in text


def test_sanitise_removes_scripts_event_handlers_styles_and_script_links() -> None:
    dirty = (
        '<p style="color:red" onclick="steal()">Hi <script>alert(1)</script><a href="javascript:alert(1)" '
        'onmouseover="x()">link</a> <a href="https://example.org/" target="_blank">ok</a>'
        '<img src="a/b.png" alt="A" onerror="x()"><iframe src="https://evil"></iframe><style>p{}</style></p>'
    )
    assert sanitise(dirty) == '<p>Hi <a>link</a> <a href="https://example.org/">ok</a><img src="a/b.png" alt="A"></p>'


def test_document_text_never_becomes_syntax() -> None:
    assert escape_text("a <b> & [c](d) *e* _f_ `g` {: .h} |") == (
        "a &lt;b&gt; &amp; \\[c\\](d) \\*e\\* \\_f\\_ \\`g\\` \\{: .h\\} \\|"
    )
    # Lines that would start a block in Markdown or one of the handbook's extensions stay text.
    html = "".join(f"<p>{line}</p>" for line in ["# x", "- x", "1. x", "!!! note", "??? x", ": x", "~~~", "[§61] x"])
    assert markdown_from_html(html) == (
        "\\# x\n\n\\- x\n\n1\\. x\n\n\\!!! note\n\n&#63;?? x\n\n&#58; x\n\n&#126;~~\n\n\\[§61\\] x\n"
    )


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        (
            "Leaflet.docx",
            lambda p: p.write_bytes(b"this is not a zip file at all"),
            "Leaflet.docx cannot be opened: it is damaged or is not really a Word document. Open it in Word, save "
            "it again as a Word Document (.docx), then import it again",
        ),
        (
            "Truncated.docx",
            lambda p: p.write_bytes(leaflet_docx(p.with_name("whole.docx")).read_bytes()[:3000]),
            "Truncated.docx cannot be opened: it is damaged or is not really a Word document. Open it in Word, "
            "save it again as a Word Document (.docx), then import it again",
        ),
        (
            "Not Word.docx",
            lambda p: zipfile.ZipFile(p, "w").writestr("notes.txt", "a zip, but not a Word document"),
            "Not Word.docx cannot be opened: it is damaged or is not really a Word document. Open it in Word, "
            "save it again as a Word Document (.docx), then import it again",
        ),
        (
            "Secret.docx",
            password_protected_docx,
            "Secret.docx is protected with a password, so it cannot be read. In Word, open it, choose File > Info "
            "> Protect Document > Encrypt with Password, delete the password, save the document, then import it "
            "again",
        ),
        (
            "Old.doc",
            lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1000),
            "Old.doc is in the old Word 97-2003 format. In Word, open it, choose File > Save As > Word Document "
            "(.docx), then import the .docx file",
        ),
        (
            "Leaflet.pdf",
            lambda p: p.write_bytes(b"%PDF-1.4\n"),
            "Leaflet.pdf is a .pdf file, not a Word document (.docx): only .docx files can be imported. If it is a "
            "Word document, open it in Word and save it as a Word Document (.docx)",
        ),
        (
            "Missing.docx",
            None,
            "{tmp}/Missing.docx was not found: check the file name and the folder",
        ),
        (
            "Untitled.docx",
            lambda p: leaflet_docx(p, title="", hostile=False),
            'Untitled.docx has no title: give one with --title "...", or make the title the first line of the '
            "document in Word's Heading 1 style",
        ),
    ],
    ids=["corrupt", "truncated", "zip-not-word", "password-protected", "old-doc", "not-docx", "missing", "no-title"],
)
def test_bad_word_files_are_refused_and_nothing_changes(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, make: object, message: str
) -> None:
    if make is not None:
        make(tmp_path / name)  # type: ignore[operator]
    before = snapshot(root)
    code = main(["import-docx", name, *OPTIONS])
    out, err = capsys.readouterr()
    assert (code, out) == (1, "")
    assert err == message.format(tmp=tmp_path) + "\nNothing was changed.\n"
    assert snapshot(root) == before


def test_the_crafted_password_protected_file_is_a_compound_file_not_a_zip(tmp_path: Path) -> None:
    """The test file must look like Word's: an OLE compound file whose directory names the streams."""
    data = password_protected_docx(tmp_path / "s.docx").read_bytes()
    assert data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" and not zipfile.is_zipfile(tmp_path / "s.docx")
    assert len(data) == 512 * (1 + 1 + 1 + 16)  # header, FAT, directory, two 8-sector streams
    directory = data[1024:1536]
    assert directory[128 : 128 + 28].decode("utf-16-le") == "EncryptionInfo"
    assert directory[256 : 256 + 32].decode("utf-16-le") == "EncryptedPackage"


def test_duplicate_slug_on_import_changes_nothing(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    leaflet_docx(tmp_path / "a.docx", hostile=False)
    assert main(["import-docx", "a.docx", *OPTIONS]) == 0
    capsys.readouterr()
    before = snapshot(root)
    assert main(["import-docx", "a.docx", *OPTIONS]) == 1
    assert capsys.readouterr().err == (
        "a leaflet with the web address leaflets/keeping-safe-online/ already exists "
        "(docs/leaflets/keeping-safe-online.md): choose a different title, or give a different address with "
        "--slug\nNothing was changed.\n"
    )
    assert snapshot(root) == before
