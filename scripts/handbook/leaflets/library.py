"""Supplementary leaflets: find them, check them, and write the Markdown the site shows for them.

A leaflet is a Markdown page in ``docs/leaflets/`` whose front matter has ``kind: leaflet`` and a
``leaflet:`` block (see ``core.model.LeafletMeta``). Its file name is its slug: ``docs/leaflets/early-help.md``
is published at ``leaflets/early-help/`` with a print-ready PDF at ``leaflets/early-help.pdf``.

Everything here is a plain function of the leaflets' front matter, so the library page, the
navigation and the leaflet pages' "About this leaflet" box are generated, never hand-maintained,
and each can be unit-tested without MkDocs. ``adapter/leaflets.py`` connects them to the build.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

from handbook.content.editions import long_date
from handbook.core.errors import ContentError
from handbook.core.links import relative_href
from handbook.core.model import Audience, ChangeNote, LeafletMeta
from handbook.core.sources import Page, load_page

#: Where leaflets live (relative to the project) and where they are published (relative to the site).
LEAFLETS_DIR = "docs/leaflets"
SITE_DIR = "leaflets"
#: The library page, and the line in it that the generated library replaces.
LIBRARY_SRC_URI = "leaflets/index.md"
LIBRARY_MARKER = "<!-- leaflets:library -->"
#: How the amendments log records a retirement: "Leaflet retired: <reason>" or "Leaflet retired."
RETIRED_NOTE = "Leaflet retired"
#: Text that marks a part of a leaflet still to be written; a leaflet cannot be published with it.
TODO = "TODO"

AUDIENCES: tuple[str, ...] = get_args(Audience)
AUDIENCE_LABELS = {
    "professionals": "Professionals",
    "parents and carers": "Parents and carers",
    "children and young people": "Children and young people",
}
#: Names shown for common language codes; any other valid code is shown as the code itself.
LANGUAGE_NAMES = {
    "en": "English",
    "en-GB": "English",
    "cy": "Welsh (Cymraeg)",
    "ar": "Arabic (العربية)",
    "bn": "Bengali (বাংলা)",
    "gu": "Gujarati (ગુજરાતી)",
    "lt": "Lithuanian (lietuvių)",
    "pa": "Punjabi (ਪੰਜਾਬੀ)",
    "pl": "Polish (polski)",
    "pt": "Portuguese (português)",
    "ro": "Romanian (română)",
    "so": "Somali (Soomaali)",
    "ur": "Urdu (اردو)",
}


@dataclass(frozen=True)
class Leaflet:
    """One leaflet: where it is, what its front matter says, and where its body starts."""

    slug: str
    path: str  # relative to the project, e.g. "docs/leaflets/early-help.md"
    src_uri: str  # relative to the site sources, e.g. "leaflets/early-help.md"
    title: str
    owner: str
    review_due: dt.date
    meta: LeafletMeta
    changes: tuple[ChangeNote, ...]
    body: str
    body_line: int  # file line of the first line of the body

    @property
    def status(self) -> str:
        return self.meta.status

    @property
    def pdf_site_path(self) -> str:
        return f"{SITE_DIR}/{self.slug}.pdf"

    @property
    def audience_label(self) -> str:
        return AUDIENCE_LABELS[self.meta.audience]

    @property
    def language_name(self) -> str:
        return language_name(self.meta.language)

    @property
    def retirement_reason(self) -> str | None:
        """Why the leaflet was retired, from its amendments-log note of that day, if it has one."""
        notes = [note.summary for note in self.changes if note.date == self.meta.retired_on]
        if not notes:
            return None
        note = notes[-1]
        if note.startswith(RETIRED_NOTE):
            note = note[len(RETIRED_NOTE) :].lstrip(":. ").strip()
        return note or None


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, LANGUAGE_NAMES.get(code.split("-")[0], code))


def leaflet_from_page(page: Page) -> Leaflet | None:
    """The leaflet a validated page is, or None if it is not a leaflet."""
    meta = page.meta
    if meta.kind != "leaflet" or meta.leaflet is None:
        return None
    return Leaflet(
        slug=posixpath.splitext(posixpath.basename(page.src_uri))[0],
        path=page.path,
        src_uri=page.src_uri,
        title=meta.title,
        owner=meta.owner,
        review_due=meta.review_due,
        meta=meta.leaflet,
        changes=tuple(meta.changes),
        body=page.front.body,
        body_line=page.front.end_line + 1,
    )


def leaflet_files(root: Path) -> list[Path]:
    """Every leaflet source file (every Markdown file in docs/leaflets/ except the library page)."""
    folder = root / LEAFLETS_DIR
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.glob("*.md") if path.name != "index.md")


def load_leaflets(root: Path) -> tuple[list[Leaflet], list[ContentError]]:
    """Load and check every leaflet; return the good ones and every error."""
    leaflets: list[Leaflet] = []
    errors: list[ContentError] = []
    for path in leaflet_files(root):
        src_uri = path.relative_to(root / "docs").as_posix()
        page, page_errors = load_page(path, root, src_uri)
        errors.extend(page_errors)
        if page is None:
            continue
        rel = page.path
        leaflet = leaflet_from_page(page)
        if leaflet is None:
            errors.append(
                ContentError(
                    rel,
                    page.front.line_of(("kind",)),
                    f'every page in {LEAFLETS_DIR}/ except index.md is a leaflet: set "kind: leaflet" '
                    "(and add a leaflet: block), or move the page out of the folder",
                )
            )
            continue
        errors.extend(leaflet_errors(leaflet, page.front.data, page.front.lines))
        leaflets.append(leaflet)
    return leaflets, errors


def todo_lines(text: str, first_line: int = 1) -> list[int]:
    """Lines of ``text`` (numbered from ``first_line``) still carrying a TODO placeholder."""
    return [first_line + i for i, line in enumerate(text.splitlines()) if re.search(rf"\b{TODO}\b", line)]


def leaflet_errors(leaflet: Leaflet, data: dict[str, Any], lines: dict[tuple, int]) -> list[ContentError]:
    """Rules about a leaflet's body and slug (the front matter itself is checked by the content model)."""
    errors = []
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", leaflet.slug):
        errors.append(
            ContentError(
                leaflet.path,
                1,
                f'the file name "{leaflet.slug}.md" becomes the leaflet\'s web address: use lower-case letters, '
                "digits and hyphens only, e.g. early-help.md",
            )
        )
    if leaflet.status == "current":
        front_todos = [line for key, line in lines.items() if TODO in _text_at(data, key)]
        for line in sorted(set(front_todos)) + todo_lines(leaflet.body, leaflet.body_line):
            errors.append(
                ContentError(
                    leaflet.path,
                    line,
                    f'this published leaflet still has "{TODO}" text from its template: write this part, '
                    "or set the leaflet's status back to draft",
                )
            )
    return errors


def _text_at(data: Any, key: tuple) -> str:
    """The scalar at ``key`` in nested front matter, as text ('' for mappings and lists)."""
    for part in key:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return ""
    return data if isinstance(data, str) else ""


# --- Where things are on the site -------------------------------------------------------------




def format_size(size: int) -> str:
    """A file size as people read it: 850 bytes, 84 KB, 1.2 MB."""
    if size < 1000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{round(size / 1000)} KB"
    return f"{size / 1_000_000:.1f} MB"


def size_placeholder(pdf_name: str) -> str:
    """An empty span the build fills with the PDF's size once the PDF exists."""
    return f'<span class="hb-pdf-size" data-pdf="{html.escape(pdf_name, quote=True)}"></span>'


_SIZE_SPAN = re.compile(r'<span class="hb-pdf-size" data-pdf="([^"]+)"></span>')


def fill_pdf_sizes(page_html: str, sizes: dict[str, int]) -> str:
    """Put each PDF's size into its placeholder ("PDF, 84 KB"); leave unknown PDFs empty."""

    def fill(match: re.Match[str]) -> str:
        size = sizes.get(html.unescape(match.group(1)))
        if size is None:
            return match.group(0)
        return match.group(0).replace("></span>", f"> (PDF, {format_size(size)})</span>")

    return _SIZE_SPAN.sub(fill, page_html)


# --- Generated Markdown -------------------------------------------------------------------------


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _facts(rows: list[tuple[str, str]], css: str) -> str:
    items = "\n".join(f"<div><dt>{html.escape(k)}</dt><dd>{html.escape(v)}</dd></div>" for k, v in rows)
    return f'<dl class="{css}">\n{items}\n</dl>'


def current(leaflets: list[Leaflet]) -> list[Leaflet]:
    """The leaflets in the library: published and not retired, by title."""
    return sorted((leaf for leaf in leaflets if leaf.status == "current"), key=lambda leaf: leaf.title.lower())


def library_markdown(leaflets: list[Leaflet]) -> str:
    """The library: a filter form (shown only when JavaScript runs) and every current leaflet,
    grouped by audience. Without JavaScript every leaflet is listed, each with its topics."""
    shown = current(leaflets)
    if not shown:
        return "No leaflets have been published in this handbook yet. Ask the LSCB administrator for them.\n"
    lines = [_filter_form(shown), ""]
    count = "1 leaflet" if len(shown) == 1 else f"{len(shown)} leaflets"
    lines += [f'<p class="hb-filter__status" role="status" data-search-exclude="">Showing all {count}.</p>', ""]
    for audience in AUDIENCES:
        group = [leaf for leaf in shown if leaf.meta.audience == audience]
        if not group:
            continue
        label = AUDIENCE_LABELS[audience]
        lines += [f'<section class="hb-library__group" data-audience="{html.escape(audience)}" markdown>', ""]
        lines += [f"## For {label[0].lower() + label[1:]} {{#for-{_slug(audience)}}}", ""]
        for leaf in group:
            lines += [_library_entry(leaf), ""]
        lines += ["</section>", ""]
    return "\n".join(lines)


def _library_entry(leaf: Leaflet) -> str:
    topics = "|".join(leaf.meta.topics)
    facts = _facts(
        [
            ("Topics", ", ".join(leaf.meta.topics)),
            ("Language", leaf.language_name),
            ("Version", leaf.meta.version),
            ("Review due", long_date(leaf.review_due)),
        ],
        "hb-leaflet-card__facts",
    )
    pdf = f"{leaf.slug}.pdf"
    title = html.escape(leaf.title)
    return "\n".join(
        [
            f'<article class="hb-leaflet-card" data-audience="{html.escape(leaf.meta.audience, quote=True)}" '
            f'data-topics="{html.escape(topics, quote=True)}" markdown>',
            "",
            f"### [{_md_text(leaf.title)}]({leaf.slug}.md)",
            "",
            _md_text(leaf.meta.summary),
            "",
            facts,
            "",
            f'<p class="hb-leaflet-card__pdf"><a href="{pdf}">Download the PDF'
            f'<span class="hb-visually-hidden"> of “{title}”</span></a>{size_placeholder(pdf)}</p>',
            "",
            "</article>",
        ]
    )


def _filter_form(shown: list[Leaflet]) -> str:
    """Checkboxes for audiences and topics; ``hidden`` until leaflets.js wires them up."""
    audiences = [a for a in AUDIENCES if any(leaf.meta.audience == a for leaf in shown)]
    topics = sorted({topic for leaf in shown for topic in leaf.meta.topics}, key=str.lower)

    def box(group: str, value: str, label: str) -> str:
        ident = f"hb-filter-{group}-{_slug(value)}"
        return (
            f'<div class="hb-filter__option"><input type="checkbox" id="{ident}" name="{group}" '
            f'value="{html.escape(value, quote=True)}"><label for="{ident}">{html.escape(label)}</label></div>'
        )

    audience_boxes = "\n".join(box("audience", a, AUDIENCE_LABELS[a]) for a in audiences)
    topic_boxes = "\n".join(box("topic", t, t[0].upper() + t[1:]) for t in topics)
    return "\n".join(
        [
            '<form class="hb-filter" hidden data-search-exclude="" aria-labelledby="hb-filter-title">',
            '<h2 id="hb-filter-title">Choose which leaflets to show</h2>',
            "<p>Tick one or more boxes. Leave a group empty to show all of it.</p>",
            '<fieldset class="hb-filter__group"><legend>Who the leaflet is for</legend>',
            audience_boxes,
            "</fieldset>",
            '<fieldset class="hb-filter__group"><legend>Topic</legend>',
            topic_boxes,
            "</fieldset>",
            '<button type="reset" class="hb-filter__reset">Show all leaflets</button>',
            "</form>",
        ]
    )


def _md_text(text: str) -> str:
    """Plain text for Markdown: nothing in it is read as Markdown or HTML."""
    text = html.escape(text, quote=False)
    return re.sub(r"([\\`*_{}\[\]()#+!|])", r"\\\1", text)


def leaflet_page_markdown(leaf: Leaflet, markdown: str, page_url: str) -> str:
    """A leaflet page as the site shows it: the "About this leaflet" box after the title, or, for a
    retired leaflet, only a notice that links to the library (its address keeps working)."""
    pdf = relative_href(leaf.pdf_site_path, page_url)
    if leaf.status == "retired":
        return retired_markdown(leaf)
    box = _about_box(leaf, pdf)
    title_line = re.search(r"^# .*$", markdown, flags=re.MULTILINE)
    if title_line is None:
        return box + "\n\n" + markdown
    end = title_line.end()
    return markdown[:end] + "\n\n" + box + "\n" + markdown[end:]


def _about_box(leaf: Leaflet, pdf_href: str) -> str:
    facts = _facts(
        [
            ("For", leaf.audience_label),
            ("Topics", ", ".join(leaf.meta.topics)),
            ("Version", leaf.meta.version),
            ("Published", long_date(leaf.meta.published)),
            ("Review due", long_date(leaf.review_due)),
            ("Language", leaf.language_name),
        ],
        "hb-leaflet-facts",
    )
    pdf_name = posixpath.basename(pdf_href)
    return "\n".join(
        [
            '<div class="hb-leaflet-about hb-web-only" markdown>',
            "",
            f'<p class="hb-leaflet-about__summary">{html.escape(leaf.meta.summary)}</p>',
            "",
            facts,
            "",
            f'<p class="hb-leaflet-about__links"><a href="{pdf_href}">Download this leaflet as a PDF</a>'
            f"{size_placeholder(pdf_name)}</p>",
            "",
            "[See all leaflets](index.md)",
            "",
            "</div>",
            "",
        ]
    )


def retired_markdown(leaf: Leaflet) -> str:
    """What a retired leaflet's address shows instead of its text."""
    reason = leaf.retirement_reason
    lines = [
        f"# {_md_text(leaf.title)}",
        "",
        '!!! warning "This leaflet has been retired"',
        f"    It was retired on {long_date(leaf.meta.retired_on)} and is no longer in use. "  # type: ignore[arg-type]
        "Do not rely on printed or saved copies of it.",
    ]
    if reason:
        lines += ["", f"    Reason: {_md_text(reason)}"]
    lines += ["", "    Find the current leaflets in the [leaflets library](index.md).", ""]
    return "\n".join(lines)


def nav_with_leaflets(nav: list[Any], leaflets: list[Leaflet]) -> list[Any]:
    """The site's nav with every current leaflet listed (by title) after the library page.

    The leaflets go into whichever section holds ``leaflets/index.md``; entries already there are
    kept. Administrators never edit mkdocs.yml to publish a leaflet."""
    result = []
    for item in nav:
        if isinstance(item, dict):
            ((name, value),) = item.items()
            if isinstance(value, list) and LIBRARY_SRC_URI in [v for v in value if isinstance(v, str)]:
                listed = {str(v) for entry in value for v in (entry.values() if isinstance(entry, dict) else [entry])}
                extra = [{leaf.title: leaf.src_uri} for leaf in current(leaflets) if leaf.src_uri not in listed]
                item = {name: [*value, *extra]}
        result.append(item)
    return result
