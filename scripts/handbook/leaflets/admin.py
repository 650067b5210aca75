"""The administrators' leaflet commands: new, import from Word, publish and retire.

Each command checks everything first and writes only when all is well, so a mistake gives a
plain-English message and changes nothing. Every file it writes is validated exactly as the build
validates pages. A new or imported leaflet starts as a draft (``./run serve`` shows it; the
published site does not) because it still has "TODO" text to replace; ``publish-leaflet`` refuses
while any remains.

Commands rewrite a leaflet's front matter in a fixed order (comments in the front matter are not
kept); the Markdown body is never touched, except by ``new-leaflet`` and ``import-docx``, which
write it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from handbook.content.editions import long_date
from handbook.core.errors import ContentError, HandbookError
from handbook.core.frontmatter import parse_front_matter
from handbook.core.model import page_errors
from handbook.core.sources import Page
from handbook.leaflets.docx_import import ConvertedDocument, convert_docx, read_word_file
from handbook.leaflets.library import (
    AUDIENCES,
    LEAFLETS_DIR,
    RETIRED_NOTE,
    TODO,
    leaflet_errors,
    leaflet_from_page,
    todo_lines,
)

#: Front matter keys in the order commands write them (others follow, as found).
PAGE_KEYS = ("title", "kind", "status", "owner", "last_reviewed", "review_due", "source", "description")
LEAFLET_KEYS = ("summary", "audience", "topics", "language", "version", "published", "status", "retired_on")
RESERVED_SLUGS = {"index"}

TEMPLATE = """\
# {title}

{todo}: in one or two short paragraphs, say who this leaflet is for and what it will help them do.

## What to do

{todo}: write the steps in the order the reader takes them. Use short sentences. Say "must" only for
a legal duty, and give its source: a paragraph of the guidance held in this handbook, as a link, or
the name of a law or publication.

## Who to contact

<!-- area:contacts -->

Contact your local authority children's social care.

## Where this information comes from

{todo}: name the procedures and guidance this leaflet is based on, with links to them.
"""


class _PlainDumper(yaml.SafeDumper):
    """Writes every value in full: no "&id001" anchors when two keys share a date."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


class AdminError(HandbookError):
    """A command could not be carried out; nothing was changed. The message says why."""


@dataclass
class LeafletDetails:
    """What an administrator says about a new leaflet (on the command line or when asked)."""

    title: str | None = None
    audience: str | None = None
    owner: str | None = None
    summary: str | None = None
    topics: list[str] = field(default_factory=list)
    language: str = "en-GB"
    review_due: str | None = None  # YYYY-MM-DD, as typed
    slug: str | None = None


def slugify(title: str) -> str:
    """The web address part for a title: "Worried about a child?" → "worried-about-a-child"."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    if len(slug) > 60:
        slug = slug[:60].rsplit("-", 1)[0]
    return slug


def parse_audience(text: str) -> str:
    """An audience as typed ("Parents and carers") → its value, or AdminError listing the choices."""
    wanted = " ".join(text.split()).lower()
    if wanted in AUDIENCES:
        return wanted
    choices = ", ".join(f'"{a}"' for a in AUDIENCES)
    raise AdminError(f'"{text}" is not one of the audiences: use {choices}')


def add_one_year(day: dt.date) -> dt.date:
    """The same date next year (29 February → 28 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def leaflet_path(root: Path, slug: str) -> Path:
    return root / LEAFLETS_DIR / f"{slug}.md"


def _check_new(root: Path, details: LeafletDetails, today: dt.date) -> tuple[str, str, str, str, dt.date]:
    """Title, audience, owner, slug and review date of a new leaflet, or AdminError."""
    title = " ".join((details.title or "").split())
    if not title:
        raise AdminError('a leaflet needs a title: give one with --title "..."')
    audience = parse_audience(details.audience or "")
    owner = " ".join((details.owner or "").split())
    if not owner:
        raise AdminError('a leaflet needs an owner (the team or role responsible for it): give one with --owner "..."')
    if details.review_due:
        try:
            review_due = dt.date.fromisoformat(details.review_due)
        except ValueError:
            raise AdminError(f'the review date "{details.review_due}" is not a date: use YYYY-MM-DD') from None
        if review_due <= today:
            raise AdminError(
                f"the review date {long_date(review_due)} is not in the future: a new leaflet must be due "
                f"for review after today ({long_date(today)})"
            )
    else:
        review_due = add_one_year(today)
    slug = details.slug or slugify(title)
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug) or slug in RESERVED_SLUGS:
        raise AdminError(
            f'"{slug}" cannot be a leaflet\'s web address: use lower-case letters, digits and hyphens, '
            'e.g. --slug early-help (and not "index")'
        )
    existing = leaflet_path(root, slug)
    if existing.exists() or existing.with_suffix("").exists():
        rel = existing.relative_to(root).as_posix()
        raise AdminError(
            f"a leaflet with the web address leaflets/{slug}/ already exists ({rel}): choose a different "
            "title, or give a different address with --slug"
        )
    return title, audience, owner, slug, review_due


def _front_matter(details: LeafletDetails, title: str, audience: str, owner: str, review_due: dt.date,
                  today: dt.date, source: str) -> dict[str, Any]:  # fmt: skip
    topics = [" ".join(t.split()) for t in details.topics if t.strip()]
    return {
        "title": title,
        "kind": "leaflet",
        "status": "information",
        "owner": owner,
        "last_reviewed": today,
        "review_due": review_due,
        "source": source,
        "leaflet": {
            "summary": " ".join((details.summary or "").split())
            or f"{TODO}: say in one or two sentences what this leaflet is about and who it is for.",
            "audience": audience,
            "topics": topics or [f"{TODO} add one or more topics"],
            "language": details.language,
            "version": "1.0",
            "published": today,
            "status": "draft",
        },
    }


def new_leaflet(root: Path, details: LeafletDetails, today: dt.date) -> Path:
    """Create a draft leaflet from the template; return its path."""
    title, audience, owner, slug, review_due = _check_new(root, details, today)
    data = _front_matter(details, title, audience, owner, review_due, today, "Written for this handbook")
    body = TEMPLATE.format(title=title, todo=TODO)
    return _write_new(root, slug, data, body, {})


def import_docx(root: Path, docx: Path, details: LeafletDetails, today: dt.date) -> tuple[Path, list[str]]:
    """Create a draft leaflet from a Word document; return its path and what to check."""
    data = read_word_file(docx)  # ImportFailed if it is not a readable .docx
    image_folder = details.slug or slugify(details.title or "") or "leaflet"
    converted: ConvertedDocument = convert_docx(data, image_folder, docx.name)
    if not details.title:
        if not converted.title:
            raise AdminError(
                f'{docx.name} has no title: give one with --title "...", or make the title the first '
                "line of the document in Word's Heading 1 style"
            )
        details.title = converted.title
    title, audience, owner, slug, review_due = _check_new(root, details, today)
    if slug != image_folder:  # the title came from the document: file the pictures under its slug
        converted = convert_docx(data, slug, docx.name)
    source = f"Imported from the Word document {docx.name}"
    front = _front_matter(details, title, audience, owner, review_due, today, source)
    body = f"# {title}\n\n{converted.markdown}"
    path = _write_new(root, slug, front, body, converted.images)
    rel = path.relative_to(root).as_posix()
    notes = [f"{rel}: {note}" for note in converted.notes]
    text = path.read_text(encoding="utf-8")
    notes += [
        f"{rel}:{number}: a picture has no alt text: describe it inside the square brackets, or delete the "
        "TODO note if it is only decoration"
        for number, line in enumerate(text.splitlines(), start=1)
        if "<!-- TODO: describe this picture" in line
    ]
    return path, notes


def publish_leaflet(root: Path, slug: str, today: dt.date) -> Path:
    """Publish a draft: it joins the library and gets a PDF. Refused while TODO text remains."""
    path, data = _read(root, slug)
    leaflet = data["leaflet"]
    status = leaflet.get("status")
    if status != "draft":
        raise AdminError(f'"{slug}" is not a draft (its status is "{status}"): only drafts can be published')
    rel = path.relative_to(root).as_posix()
    todos = todo_lines(path.read_text(encoding="utf-8"))
    if todos:
        where = ", ".join(str(line) for line in todos)
        raise AdminError(f'{rel} still has "{TODO}" text from its template on line(s) {where}: write those parts first')
    leaflet.update(status="current", published=today)
    data["last_reviewed"] = today
    if dt.date.fromisoformat(str(data["review_due"])) <= today:
        data["review_due"] = add_one_year(today)
    data.setdefault("changes", []).append({"date": today, "summary": "First published."})
    return _rewrite(root, path, data)


def retire_leaflet(root: Path, slug: str, reason: str | None, today: dt.date) -> Path:
    """Retire a leaflet: it leaves the library; its address shows a notice; the log records it."""
    path, data = _read(root, slug)
    leaflet = data["leaflet"]
    status = leaflet.get("status")
    if status == "retired":
        retired_on = dt.date.fromisoformat(str(leaflet["retired_on"]))
        raise AdminError(f'"{slug}" was already retired on {long_date(retired_on)}')
    if status == "draft":
        rel = path.relative_to(root).as_posix()
        raise AdminError(f'"{slug}" is a draft and was never published: delete {rel} instead of retiring it')
    leaflet.update(status="retired", retired_on=today)
    reason = " ".join((reason or "").split())
    note = f"{RETIRED_NOTE}: {reason}" if reason else f"{RETIRED_NOTE}."
    data.setdefault("changes", []).append({"date": today, "summary": note})
    return _rewrite(root, path, data)


# --- Reading and writing leaflet files -----------------------------------------------------------


def _read(root: Path, slug: str) -> tuple[Path, dict[str, Any]]:
    path = leaflet_path(root, slug)
    if not path.is_file():
        known = sorted(p.stem for p in (root / LEAFLETS_DIR).glob("*.md") if p.stem != "index")
        listed = ", ".join(known) if known else "none"
        raise AdminError(f'there is no leaflet "{slug}" in {LEAFLETS_DIR}/ (the leaflets are: {listed})')
    rel = path.relative_to(root).as_posix()
    front = parse_front_matter(path.read_text(encoding="utf-8"), rel)
    if isinstance(front, ContentError):
        raise AdminError(f"fix this first: {front}")
    meta, errors = page_errors(front, rel)
    if errors:
        raise AdminError("fix this first:\n" + "\n".join(str(e) for e in errors))
    if meta is None or meta.leaflet is None:
        raise AdminError(f'{rel} is not a leaflet (its kind is not "leaflet")')
    data = dict(front.data)
    data["leaflet"] = dict(data["leaflet"])
    data["changes"] = [dict(note) for note in data.get("changes") or []]
    return path, data


def _dates(value: Any, key: str = "") -> Any:
    """Date strings as dates, so YAML writes them plainly (2027-11-22, not '2027-11-22')."""
    if isinstance(value, dict):
        return {k: _dates(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates(v, key) for v in value]
    if isinstance(value, str) and key in ("last_reviewed", "review_due", "published", "retired_on", "date"):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _ordered(data: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {**{k: data[k] for k in keys if k in data}, **{k: v for k, v in data.items() if k not in keys}}


def document_text(data: dict[str, Any], body: str) -> str:
    """A page file: front matter in the commands' fixed order, then the body."""
    data = _dates(dict(data))
    if isinstance(data.get("leaflet"), dict):
        data["leaflet"] = _ordered(data["leaflet"], LEAFLET_KEYS)
    data = _ordered(data, PAGE_KEYS)
    if not data.get("changes"):
        data.pop("changes", None)
    front = yaml.dump(
        data, Dumper=_PlainDumper, sort_keys=False, allow_unicode=True, width=1000, default_flow_style=False
    )
    return f"---\n{front}---\n\n{body.lstrip()}"


def _validate(root: Path, path: Path, text: str) -> None:
    """The checks the build makes on a leaflet; AdminError listing every problem."""
    rel = path.relative_to(root).as_posix()
    front = parse_front_matter(text, rel)
    if isinstance(front, ContentError):
        raise AdminError(str(front))
    meta, errors = page_errors(front, rel)
    if meta is not None and not errors:
        leaflet = leaflet_from_page(Page(path=rel, src_uri=rel.removeprefix("docs/"), meta=meta, front=front))
        if leaflet is not None:
            errors = leaflet_errors(leaflet, front.data, front.lines)
    if errors:
        raise AdminError("the leaflet would not be valid:\n" + "\n".join(str(e) for e in errors))


def _atomic_write(path: Path, text: str) -> None:
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


def _rewrite(root: Path, path: Path, data: dict[str, Any]) -> Path:
    front = parse_front_matter(path.read_text(encoding="utf-8"), path.name)
    assert not isinstance(front, ContentError)  # read and validated by _read
    text = document_text(data, front.body)
    _validate(root, path, text)
    _atomic_write(path, text)
    return path


def _write_new(root: Path, slug: str, data: dict[str, Any], body: str, images: dict[str, bytes]) -> Path:
    path = leaflet_path(root, slug)
    text = document_text(data, body)
    _validate(root, path, text)
    path.parent.mkdir(parents=True, exist_ok=True)
    folder = path.with_suffix("")
    try:
        if images:
            folder.mkdir()
            for name, content in images.items():
                (folder / name).write_bytes(content)
        with path.open("x", encoding="utf-8") as handle:  # never overwrite a leaflet
            handle.write(text)
    except BaseException:
        if images:
            shutil.rmtree(folder, ignore_errors=True)
        raise
    return path
