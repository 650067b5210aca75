"""Turn a Word document (.docx) into leaflet Markdown: checked, converted, sanitised.

1. ``read_word_file`` refuses, with a plain-English reason, anything that is not a readable .docx:
   another file type, an old .doc, a password-protected document (Word stores those in an OLE
   "compound file" with an ``EncryptedPackage`` stream, not as a zip) or a damaged file.
2. ``convert_docx`` uses mammoth (pinned) to turn the document's structure into HTML: headings,
   lists, tables, bold, italics and links. Pictures are kept as files with their alt text; a
   picture without alt text, or in a format browsers cannot show, is flagged.
3. ``sanitise`` (nh3, pinned) keeps only the elements and attributes a leaflet needs: no scripts,
   no event handlers, no styles, no ``javascript:`` links.
4. ``markdown_from_html`` writes Markdown in which every piece of the document's own text is
   escaped, so nothing typed in Word can become HTML or a Markdown extension's syntax.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from handbook.core.errors import HandbookError
from handbook.core.html_reader import Element, parse_html

#: The signature of an OLE compound file (old .doc files and password-protected .docx files).
CFB_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: The stream name (UTF-16, as in a compound file's directory) of an encrypted Office document.
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
#: Pictures every browser shows, with the file extension they are saved under.
WEB_IMAGES = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif"}

ALLOWED_TAGS = {
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "strong", "b", "em", "i", "a", "ul", "ol", "li",
    "table", "thead", "tbody", "tr", "th", "td", "img", "sup", "sub",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href"}, "img": {"src", "alt"}}
URL_SCHEMES = {"http", "https", "mailto"}


class ImportFailed(HandbookError):
    """The document cannot be imported; the message says why and what to do."""


@dataclass
class ConvertedDocument:
    """A Word document as leaflet Markdown."""

    title: str | None  # the text of its first Heading 1, if it has one
    markdown: str  # the body, without that heading
    images: dict[str, bytes] = field(default_factory=dict)  # file name → contents
    notes: list[str] = field(default_factory=list)  # things the administrator should check


def read_word_file(path: Path) -> bytes:
    """The bytes of a readable .docx file, or ImportFailed saying what is wrong with it."""
    name = path.name
    if not path.is_file():
        raise ImportFailed(f"{path} was not found: check the file name and the folder")
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if data.startswith(CFB_SIGNATURE) and suffix in (".docx", ".doc", ".docm"):
        if ENCRYPTED_PACKAGE in data:
            raise ImportFailed(
                f"{name} is protected with a password, so it cannot be read. In Word, open it, choose "
                "File > Info > Protect Document > Encrypt with Password, delete the password, save the "
                "document, then import it again"
            )
        raise ImportFailed(
            f"{name} is in the old Word 97-2003 format. In Word, open it, choose File > Save As > Word "
            "Document (.docx), then import the .docx file"
        )
    if suffix != ".docx":
        kind = f"a {suffix} file" if suffix else "a file with no extension"
        raise ImportFailed(
            f"{name} is {kind}, not a Word document (.docx): only .docx files can be imported. If it "
            "is a Word document, open it in Word and save it as a Word Document (.docx)"
        )
    damaged = (
        f"{name} cannot be opened: it is damaged or is not really a Word document. Open it in Word, save "
        "it again as a Word Document (.docx), then import it again"
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/document.xml" not in archive.namelist() or archive.testzip() is not None:
                raise ImportFailed(damaged)
    except zipfile.BadZipFile as exc:
        raise ImportFailed(damaged) from exc
    return data


def convert_docx(data: bytes, image_folder: str, name: str = "the document") -> ConvertedDocument:
    """Convert a .docx (already checked by ``read_word_file``); pictures go under ``image_folder``."""
    import mammoth

    images: dict[str, bytes] = {}
    notes: list[str] = []
    count = 0

    def keep_image(image: object) -> dict[str, str]:
        nonlocal count
        count += 1
        content_type = getattr(image, "content_type", None) or "unknown"
        extension = WEB_IMAGES.get(content_type)
        if extension is None:
            notes.append(
                f"picture {count} is a {content_type} picture, which web browsers cannot show, so it was "
                "left out: in Word, replace it with a PNG or JPEG picture and import again, or add it by hand"
            )
            return {"src": ""}
        file_name = f"image-{count}.{extension}"
        with image.open() as stream:  # type: ignore[attr-defined]
            images[file_name] = stream.read()
        return {"src": f"{image_folder}/{file_name}"}

    try:
        result = mammoth.convert_to_html(io.BytesIO(data), convert_image=mammoth.images.img_element(keep_image))
    except Exception as exc:  # mammoth raises many kinds of error for a malformed document
        raise ImportFailed(
            f"{name} cannot be read: its contents are damaged ({type(exc).__name__}). Open it in Word, save "
            "it again as a Word Document (.docx), then import it again"
        ) from exc
    clean = sanitise(result.value)
    title, body_html = _take_title(clean)
    markdown = markdown_from_html(body_html)
    if "#footnote" in clean or "#endnote" in clean:
        notes.append("the document has footnotes: they are kept as a numbered list at the end; check them")
    return ConvertedDocument(title=title, markdown=markdown, images=images, notes=notes)


def sanitise(html_text: str) -> str:
    """Only the elements and attributes a leaflet needs; no scripts, event handlers or styles."""
    import nh3

    return nh3.clean(
        html_text,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


def _take_title(html_text: str) -> tuple[str | None, str]:
    """The first Heading 1's text (the leaflet's title) and the HTML without it."""
    match = re.search(r"<h1>(.*?)</h1>", html_text, flags=re.DOTALL)
    if match is None:
        return None, html_text
    title = " ".join(_plain_text(match.group(1)).split())
    return (title or None), html_text[: match.start()] + html_text[match.end() :]


def _plain_text(fragment: str) -> str:
    root = parse_html(fragment)
    return _text_of(root)


# --- HTML (sanitised) to Markdown ---------------------------------------------------------------


def _text_of(node: Element | str) -> str:
    if isinstance(node, str):
        return node
    return "".join(_text_of(child) for child in node.children)


#: Characters Python-Markdown reads as syntax anywhere in a line; a backslash makes them plain.
_INLINE_SYNTAX = re.compile(r"([\\`*_{}\[\]|])")
#: Characters that start a block (heading, quote, list, fence, admonition, details, definition...).
_LINE_START = {"#": "\\#", "-": "\\-", "+": "\\+", "=": "&#61;", "~": "&#126;", ":": "&#58;",
               "!": "\\!", "?": "&#63;", "%": "&#37;"}  # fmt: skip


def escape_text(text: str) -> str:
    """Document text as Markdown that shows exactly that text (never HTML, never syntax)."""
    text = re.sub(r"\s+", " ", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _INLINE_SYNTAX.sub(r"\\\1", text)


def _safe_line_start(line: str) -> str:
    """Stop a line being read as the start of a block (a list, heading, fence, admonition...)."""
    line = line.lstrip()
    if line.startswith("!["):  # a picture this module wrote: a "[" from the document is escaped
        return line
    if line[:1] in _LINE_START:
        return _LINE_START[line[0]] + line[1:]
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", line)


def _inline(node: Element | str, in_heading: bool = False) -> str:
    if isinstance(node, str):
        return escape_text(node)
    inner = "".join(_inline(child, in_heading) for child in node.children)
    tag = node.tag
    if tag in ("strong", "b", "em", "i"):
        if in_heading or not inner.strip():
            return inner
        mark = "**" if tag in ("strong", "b") else "*"
        lead, core, trail = re.match(r"^(\s*)(.*?)(\s*)$", inner, flags=re.DOTALL).groups()  # type: ignore[union-attr]
        return f"{lead}{mark}{core}{mark}{trail}"
    if tag == "a":
        href = node.attrs.get("href", "")
        if not href or href.startswith("#"):  # in-document links (footnotes, bookmarks): text only
            return "" if inner.strip() == "↑" else inner
        return f"[{inner}]({quote(href, safe=':/?#&=%@+,;~!$*')})"
    if tag == "img":
        src = node.attrs.get("src", "")
        if not src:
            return ""
        alt = escape_text(node.attrs.get("alt", "")).strip()
        note = "" if alt else f" <!-- {NO_ALT_NOTE} -->"
        return f"![{alt}]({quote(src, safe='/:')}){note}"
    if tag == "br":
        return "<br>"
    if tag in ("sup", "sub"):
        return f"<{tag}>{inner}</{tag}>" if inner.strip() else ""
    return inner


#: Left after a picture that has no alt text; the TODO stops the leaflet being published until fixed.
NO_ALT_NOTE = (
    "TODO: describe this picture inside the square brackets (its alt text), or delete this note if "
    "the picture is only decoration"
)


def _paragraph(node: Element) -> str:
    text = "".join(_inline(child) for child in node.children).strip()
    text = re.sub(r"(<br>\s*)+$", "", text).strip()
    if not text:
        return ""
    return "  \n".join(_safe_line_start(part) for part in re.split(r"\s*<br>\s*", text))


def _list(node: Element, depth: int = 0) -> list[str]:
    lines = []
    number = 0
    for item in node.children:
        if not isinstance(item, Element) or item.tag != "li":
            continue
        number += 1
        marker = f"{number}." if node.tag == "ol" else "-"
        text_parts, nested = [], []
        for child in item.children:
            if isinstance(child, Element) and child.tag in ("ul", "ol"):
                nested.append(child)
            elif isinstance(child, Element) and child.tag == "p":
                text_parts.append(_paragraph(child).replace("  \n", " "))
            else:
                text_parts.append(_inline(child))
        text = _safe_line_start(" ".join(part.strip() for part in text_parts if part.strip()))
        lines.append("    " * depth + f"{marker} {text}".rstrip())
        for child in nested:
            lines.extend(_list(child, depth + 1))
    return lines


def _table(node: Element) -> str:
    rows: list[list[str]] = []

    def collect(element: Element) -> None:
        for child in element.children:
            if not isinstance(child, Element):
                continue
            if child.tag == "tr":
                cells = []
                for cell in child.children:
                    if isinstance(cell, Element) and cell.tag in ("td", "th"):
                        parts = [
                            _paragraph(part) if isinstance(part, Element) and part.tag == "p" else _inline(part).strip()
                            for part in cell.children
                        ]
                        cells.append("<br>".join(p.replace("  \n", "<br>") for p in parts if p))
                rows.append(cells)
            elif child.tag in ("thead", "tbody"):
                collect(child)

    collect(node)
    if not rows:
        return ""
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return "\n".join(lines)


def markdown_from_html(html_text: str) -> str:
    """Markdown for sanitised HTML. Headings are shifted so that the highest is level 2 (level 1 is
    the leaflet's title)."""
    root = parse_html(html_text)
    levels = [int(n.tag[1]) for n in root.children if isinstance(n, Element) and re.fullmatch(r"h[1-6]", n.tag)]
    shift = 2 - min(levels) if levels and min(levels) < 2 else 0
    blocks: list[str] = []
    previous_was_list = False
    for node in root.children:
        if isinstance(node, str):
            text = _safe_line_start(escape_text(node).strip()) if node.strip() else ""
            block = text
        elif re.fullmatch(r"h[1-6]", node.tag):
            text = "".join(_inline(child, in_heading=True) for child in node.children).strip()
            block = "#" * min(6, int(node.tag[1]) + shift) + " " + text if text else ""
        elif node.tag in ("ul", "ol"):
            block = "\n".join(_list(node))
        elif node.tag == "table":
            block = _table(node)
        elif node.tag == "p":
            block = _paragraph(node)
        else:
            block = _paragraph(Element("p", children=[node]))
        if block:
            if previous_was_list and node.tag in ("ul", "ol"):  # keep two lists apart in Markdown
                blocks.append("<!-- -->")
            blocks.append(block)
        previous_was_list = bool(block) and isinstance(node, Element) and node.tag in ("ul", "ol")
    return "\n\n".join(blocks) + "\n" if blocks else ""
