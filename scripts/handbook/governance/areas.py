"""Local areas: one core handbook, built once per area with that area's settings and local pages.

The core procedures serve more than one area (the procedures' preface names Cambridgeshire and
Peterborough). Each area has one settings file, ``areas/<area>.yml``: a MkDocs configuration that
``INHERIT``s ``mkdocs.yml`` and adds the area's block under ``extra.area``. Pages in
``areas/<area>/docs/`` overlay the core in that area's build: a page at a core page's address
replaces it, any other page is added under a navigation section named after the area.

Contact details must never be guessed. A value the LSCB has not supplied yet is written as the
placeholder ``Not yet provided by the LSCB`` (``NOT_PROVIDED``), which the pages show as it is, so
a missing number is visible to readers and listed in the build report, never silently left out.

Settings shape (read by the pages' ``<!-- area:... -->`` markers from ``config.extra.area``, see
``handbook.governance.area_markers``)::

    name: Cambridgeshire
    body:                          # who publishes and approves the procedures (see ``Body``)
      name: Cambridgeshire and Peterborough Safeguarding Children Partnership Board
      arrangements: safeguarding partners        # or: lscb
      partners: [Cambridgeshire County Council, ...]
      history: One paragraph, citing its sources by number, e.g. "... (source 1)."
      sources:
        - title: Procedures, section 1 (Preface)
          page: procedures/preface-and-introduction.md#section-1   # a page of this handbook, or
        - title: The partnership's website, "About the Board"
          url: https://example.org/about                          # a web address, or neither
    contacts:                      # at least one; shown in this order
      - label: Children's social care
        number: Not yet provided by the LSCB     # or digits, e.g. "01234 567890"
        hours: Not yet provided by the LSCB      # e.g. "Monday to Friday, 9am to 5pm"
    designated_officer:            # the LADO, for allegations against people who work with children
      number: Not yet provided by the LSCB
      hours: Not yet provided by the LSCB
    out_of_hours: Not yet provided by the LSCB   # who to call out of hours, in words, with the number
    threshold_document_url: Not yet provided by the LSCB   # or an https:// address
    administrator_email: Not yet provided by the LSCB      # or an email address
    logo: assets/images/area-logo.svg            # optional: an image in docs/ or the area's docs/
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from handbook.core.errors import ContentError
from handbook.core.located_yaml import LocatedYaml, load_located_yaml, validate_located

#: What a setting holds until the LSCB supplies the real value. Shown to readers exactly as written.
NOT_PROVIDED = "Not yet provided by the LSCB"
#: Folder of the area settings files (each ``<area>.yml``) and their local pages (``<area>/docs/``).
AREAS_DIR = "areas"
#: Inside ``areas/<area>/``: pages and files that overlay ``docs/`` in that area's build.
LOCAL_DOCS = "docs"

_PHONE = re.compile(r"\+?[0-9(][0-9 ()\-]*[0-9]")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_URL = re.compile(r"https?://\S+")
#: A source cited in a body's history: "(source 1)", "(sources 1 and 3)", "(sources 1, 2 and 4)".
SOURCE_REFERENCE = re.compile(r"\(sources? (\d+(?:(?:, | and )\d+)*)\)")

#: The statutory arrangements a body works under: a Local Safeguarding Children Board (Children
#: Act 2004, section 13, before the Children and Social Work Act 2017), or the safeguarding partners'
#: arrangements that replaced LSCBs (the 2018 edition of Working Together onwards).
ARRANGEMENTS = ("lscb", "safeguarding partners")
Arrangements = Literal["lscb", "safeguarding partners"]

HINTS: dict[str, str] = {
    "name": "the area's (or the body's) full name",
    "body": "the body that publishes and approves the procedures: name, arrangements, partners, history, sources",
    "arrangements": " or ".join(ARRANGEMENTS),
    "partners": "[the first partner, the second partner]",
    "history": "one paragraph of the body's history, citing its sources as (source 1)",
    "sources": "a list of sources, each with a title and a page of this handbook or a url",
    "title": "the name of the publication or page, as a reader would look for it",
    "designated_officer": "the designated officer (LADO): number and hours",
    "contacts": "a list of contacts, each with label, number and hours",
    "label": "who the number reaches, e.g. Children's social care",
    "number": f"the telephone number, or {NOT_PROVIDED}",
    "hours": f"when the number is answered, or {NOT_PROVIDED}",
    "out_of_hours": f"who to call out of hours and the number, or {NOT_PROVIDED}",
    "threshold_document_url": f"the https:// address of the threshold document, or {NOT_PROVIDED}",
    "administrator_email": f"the LSCB administrator's email address, or {NOT_PROVIDED}",
}


def is_provided(value: str | None) -> bool:
    """False for the placeholder: renderers must not turn it into a ``tel:``, ``mailto:`` or link."""
    return bool(value) and value.strip() != NOT_PROVIDED


def _check(value: str, pattern: re.Pattern[str], name: str, example: str) -> str:
    value = value.strip()
    if value == NOT_PROVIDED or pattern.fullmatch(value):
        return value
    raise ValueError(
        f'{name} "{value}" is not {example}: correct it, or write "{NOT_PROVIDED}" until the LSCB supplies it'
    )


def _phone(value: str) -> str:
    return _check(value, _PHONE, "number", 'a telephone number (digits and spaces, e.g. "01234 567890")')


class PhoneNumber(BaseModel):
    """A number to call and when it is answered (checked as a telephone number)."""

    model_config = ConfigDict(extra="forbid")
    number: str = Field(min_length=1)
    hours: str = Field(min_length=1)

    @field_validator("number")
    @classmethod
    def _number(cls, value: str) -> str:
        return _phone(value)


class Contact(PhoneNumber):
    """One number to call, with who answers it and when."""

    label: str = Field(min_length=1)


class DesignatedOfficer(PhoneNumber):
    """The local authority's designated officer (LADO), for allegations against people who work with children."""


class Source(BaseModel):
    """A source a body's history cites: a page this handbook hosts, a web page, or a named publication."""

    model_config = ConfigDict(extra="forbid")
    title: str = Field(min_length=1)
    #: A page of this handbook (``procedures/preface-and-introduction.md#section-1``); the build checks the link.
    page: str | None = None
    url: str | None = None

    @field_validator("page")
    @classmethod
    def _page(cls, value: str | None) -> str | None:
        if value is not None and not value.partition("#")[0].endswith(".md"):
            raise ValueError(
                f'page "{value}" is not a page of this handbook: write its Markdown file, '
                'e.g. "procedures/preface-and-introduction.md#section-1", or use "url:" for a web page'
            )
        return value

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is not None and not _URL.fullmatch(value.strip()):
            raise ValueError(f'url "{value}" is not a web address starting https:// or http://')
        return value

    @model_validator(mode="after")
    def _one_place(self) -> Source:
        if self.page and self.url:
            raise ValueError(f'source "{self.title}" gives both a page and a url: keep the one the history cites')
        return self


def cited_sources(history: str) -> set[int]:
    """The source numbers a history cites: "(source 1)" and "(sources 2 and 3)" → {1, 2, 3}."""
    return {int(number) for numbers in SOURCE_REFERENCE.findall(history) for number in re.findall(r"\d+", numbers)}


class Body(BaseModel):
    """Who publishes and approves the procedures in an area, its partners and its history.

    The handbook speaks as an LSCB's (its administrators are LSCB staff), but the body's name and
    history are facts that differ between areas and change over time: LSCBs were replaced by the
    safeguarding partners' arrangements under the 2018 edition of Working Together, and health's
    partner changed in 2022. So they are settings, shown wherever a page names the body, and the
    history must cite every source it lists, by number.
    """

    model_config = ConfigDict(extra="forbid")
    #: The body's full name, as it would follow "the": "Cambridgeshire and Peterborough Safeguarding ...".
    name: str = Field(min_length=1)
    arrangements: Arrangements
    #: The safeguarding partners (or, for an LSCB, its board partners), in the order shown.
    partners: list[Annotated[str, Field(min_length=1)]]
    history: str = Field(min_length=1)
    #: Numbered from 1 in the order listed; the history cites them as "(source 1)".
    sources: list[Source]

    @field_validator("partners")
    @classmethod
    def _some_partners(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError(
                "partners is empty: list the safeguarding partners (for an LSCB, its board partners), one a line"
            )
        return value

    @field_validator("history")
    @classmethod
    def _one_paragraph(cls, value: str) -> str:
        value = value.strip()
        if "\n" in value:  # a folded (>-) paragraph has no line breaks left; a blank line leaves one
            raise ValueError("history must be one paragraph: remove the blank line (use >- and one block of text)")
        if not SOURCE_REFERENCE.search(value):
            raise ValueError('history cites no source: say where each fact comes from, e.g. "... (source 1)."')
        return value

    @model_validator(mode="after")
    def _sources_cited(self) -> Body:
        cited = cited_sources(self.history)
        listed = set(range(1, len(self.sources) + 1))
        unknown = sorted(cited - listed)
        if unknown:
            raise ValueError(
                f"history cites source {', '.join(map(str, unknown))}, but only {len(self.sources)} "
                "source(s) are listed under sources: add it, or correct the number"
            )
        unused = sorted(listed - cited)
        if unused:
            raise ValueError(
                f"source {', '.join(map(str, unused))} is listed but the history never cites it: cite it "
                '(e.g. "(source 2)") or remove it'
            )
        return self

    @property
    def the_name(self) -> str:
        """The name as a sentence uses it: "the Cambridgeshire ... Board" (never "the The ...")."""
        return self.name if self.name.lower().startswith("the ") else f"the {self.name}"


class Area(BaseModel):
    """An area's settings (``extra.area``): every key is required, so nothing is silently inherited."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1)
    body: Body
    contacts: list[Contact] = Field(min_length=1)
    designated_officer: DesignatedOfficer
    out_of_hours: str = Field(min_length=1)
    threshold_document_url: str = Field(min_length=1)
    administrator_email: str = Field(min_length=1)
    logo: str | None = None

    @field_validator("threshold_document_url")
    @classmethod
    def _url(cls, value: str) -> str:
        return _check(value, _URL, "threshold_document_url", "a web address starting https://")

    @field_validator("administrator_email")
    @classmethod
    def _email(cls, value: str) -> str:
        return _check(value, _EMAIL, "administrator_email", "an email address")


def not_provided(area: Area) -> list[str]:
    """Every setting that still holds the placeholder, named as an administrator would look for it."""
    missing = []
    for contact in area.contacts:
        missing += [f"{contact.label}: {key}" for key in ("number", "hours") if not is_provided(getattr(contact, key))]
    officer = area.designated_officer
    missing += [f"designated_officer: {key}" for key in ("number", "hours") if not is_provided(getattr(officer, key))]
    for key in ("out_of_hours", "threshold_document_url", "administrator_email"):
        if not is_provided(getattr(area, key)):
            missing.append(key)
    return missing


def area_details_markdown(area: Area) -> str:
    """The area's publisher, threshold document and administrator, for a local page.

    A value not yet supplied is shown as the placeholder text, never as a broken link.
    """
    threshold = area.threshold_document_url
    email = area.administrator_email
    threshold_text = f"[{area.name} threshold document]({threshold})" if is_provided(threshold) else NOT_PROVIDED
    email_text = f"[{email}](mailto:{email})" if is_provided(email) else NOT_PROVIDED
    return (
        f"- **Published by:** {area.body.name}\n"
        f"- **Threshold document** (how to judge the level of need, and the response to each): {threshold_text}\n"
        f"- **LSCB administrator:** {email_text}\n"
        f"- **Out of hours:** {area.out_of_hours}\n"
    )


# --- Finding and validating an area's settings ---------------------------------------------------


class AreaSettings(BaseModel):
    """Validated settings and where they came from."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    area: Area
    #: The configuration file that holds the ``extra.area`` block (relative to the project root).
    path: str
    #: ``areas/<area>/docs`` if the settings belong to an area with a folder of local pages.
    local_docs: Path | None = None


def _mapping_item(node: yaml.Node | None, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if getattr(key_node, "value", None) == key:
                return key_node, value_node
    return None


def _mapping_value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    item = _mapping_item(node, key)
    return item[1] if item else None


def _compose(text: str) -> yaml.Node | None:
    """The node tree of a MkDocs config (tags such as ``!!python/name`` are kept, never executed)."""
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _block(text: str, node: yaml.Node, path: str) -> LocatedYaml | ContentError:
    """Re-read one block of a file on its own, keeping the file's line numbers."""
    start, end = node.start_mark, node.end_mark
    source = " " * start.column + text[start.index : end.index]
    lines = source.splitlines()
    indent = min((len(line) - len(line.lstrip()) for line in lines if line.strip()), default=0)
    return load_located_yaml("\n".join(line[indent:] for line in lines), path, first_line=start.line + 1)


def find_area_block(config_file: Path, root: Path) -> tuple[str, LocatedYaml] | ContentError | None:
    """The ``extra.area`` block that applies to ``config_file``, following ``INHERIT`` to the core.

    The block is read from the file that writes it (an area file, or ``mkdocs.yml`` for the core),
    not from MkDocs' merged configuration, so a key missing from an area file is reported rather
    than silently taken from the core's defaults.
    """
    seen: set[Path] = set()
    current = config_file.resolve()
    while current not in seen:
        seen.add(current)
        rel = _relative(current, root)
        text = current.read_text(encoding="utf-8")
        try:
            tree = _compose(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            problem = getattr(exc, "problem", None) or str(exc)
            message = f"this is not valid YAML ({problem}); check indentation and that text containing ':' is in quotes"
            return ContentError(rel, (mark.line + 1) if mark else 1, message)
        area = _mapping_item(_mapping_value(tree, "extra"), "area")
        if area is not None:
            block = _block(text, area[1], rel)
            if isinstance(block, ContentError):
                return block
            block.start_line = area[0].start_mark.line + 1  # a missing key is blamed on "area:"
            return rel, block
        parent = _mapping_value(tree, "INHERIT")
        if parent is None:
            return None
        current = (current.parent / str(parent.value)).resolve()
    return None


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def load_area(config_file: Path, root: Path) -> tuple[AreaSettings | None, list[ContentError]]:
    """Find, validate and check the area settings for a build configuration."""
    found = find_area_block(config_file, root)
    if isinstance(found, ContentError):
        return None, [found]
    if found is None:
        rel = _relative(config_file, root)
        return None, [
            ContentError(rel, 1, 'no area settings: add an "extra:" block with "area:" settings (see areas/)')
        ]
    path, located = found
    area, errors = validate_located(Area, located, path, HINTS)
    if area is None:
        return None, _explain_old_keys(errors, located, path)
    local = root / path[: -len(".yml")] / LOCAL_DOCS if _is_area_file(path) else None
    settings = AreaSettings(area=area, path=path, local_docs=local if local and local.is_dir() else None)
    if area.logo and not _logo_exists(area.logo, root, settings.local_docs):
        line = located.line_of(("logo",))
        return None, [ContentError(path, line, f'logo "{area.logo}" is not a file in docs/ or {path[:-4]}/docs/')]
    return settings, []


#: Settings an older handbook used, and what replaced them.
OLD_KEYS = {
    "lscb_name": (
        'lscb_name is now the "body:" block (name, arrangements, partners, history and sources): '
        "move the name to body: name: and see areas/README.md"
    ),
}


def _explain_old_keys(errors: list[ContentError], located: LocatedYaml, path: str) -> list[ContentError]:
    """An old key gets one message saying what replaced it, instead of "unknown key" and "missing"."""
    data = located.data if isinstance(located.data, dict) else {}
    old = [key for key in OLD_KEYS if key in data]
    if not old:
        return errors
    replaced = {"body"} if "lscb_name" in old else set()
    kept = [
        error
        for error in errors
        if not any(f'"{key}"' in error.message for key in old)
        and not any(error.message.startswith(f'"{key}" is missing') for key in replaced)
    ]
    return sorted(kept + [ContentError(path, located.line_of((key,)), OLD_KEYS[key]) for key in old])


def _is_area_file(path: str) -> bool:
    return posixpath.dirname(path) == AREAS_DIR and path.endswith(".yml")


def _logo_exists(logo: str, root: Path, local_docs: Path | None) -> bool:
    return any((folder / logo).is_file() for folder in (root / "docs", local_docs) if folder is not None)


# --- Local pages -----------------------------------------------------------------------------------


def local_files(local_docs: Path | None) -> dict[str, Path]:
    """Site path (src_uri) → file, for every file in an area's local docs folder."""
    if local_docs is None:
        return {}
    return {
        path.relative_to(local_docs).as_posix(): path
        for path in sorted(local_docs.rglob("*"))
        if path.is_file() and not path.name.startswith(".")
    }


def local_only_pages(local: dict[str, Path], core_src_uris: set[str]) -> list[str]:
    """Local Markdown pages that add to the core (rather than replace a core page), index first."""
    pages = [uri for uri in local if uri.endswith(".md") and uri not in core_src_uris]
    return sorted(pages, key=lambda uri: (posixpath.dirname(uri), posixpath.basename(uri) != "index.md", uri))


def with_local_section(nav: list[Any], title: str, pages: list[str], after: str = "Quick guide") -> list[Any]:
    """The navigation with a section ``title`` listing ``pages``, placed after the ``after`` section."""
    if not pages:
        return nav
    section = {title: list(pages)}
    keys = [next(iter(item)) if isinstance(item, dict) and len(item) == 1 else None for item in nav]
    position = keys.index(after) + 1 if after in keys else len(nav)
    return [*nav[:position], section, *nav[position:]]


# --- Area configuration files ----------------------------------------------------------------------


def config_path_problems(area_config: dict[str, Any], core_config: dict[str, Any], path: str) -> list[str]:
    """Settings an area file must re-point, because MkDocs reads paths from the area file's folder.

    ``INHERIT`` merges mappings but replaces lists, and every relative path (docs_dir,
    theme.custom_dir, watch) is resolved from the folder of the file being built (``areas/``).
    """

    def up(value: str) -> str:
        return posixpath.normpath(posixpath.join("..", value))

    custom_dir = (core_config.get("theme") or {}).get("custom_dir")
    expected = {
        "docs_dir": up(core_config.get("docs_dir", "docs")),
        "theme.custom_dir": up(custom_dir) if custom_dir else None,
        "watch": [up(item) for item in core_config["watch"]] if "watch" in core_config else None,
    }
    actual = {
        "docs_dir": area_config.get("docs_dir"),
        "theme.custom_dir": (area_config.get("theme") or {}).get("custom_dir"),
        "watch": area_config.get("watch"),
    }
    problems = []
    for key, want in expected.items():
        if want is not None and actual[key] != want:
            problems.append(
                f"{path}: {key} must be {want!r} (the core's setting, read from areas/), not {actual[key]!r}"
            )
    return problems


def area_names(root: Path) -> list[str]:
    """The areas that have a settings file, e.g. ["cambridgeshire", "peterborough"]."""
    folder = root / AREAS_DIR
    return (
        sorted(path.stem for path in folder.glob("*.yml") if not path.name.startswith(".")) if folder.is_dir() else []
    )


def area_config_file(root: Path, area: str) -> Path:
    """``areas/<area>.yml``; a plain-English error for an unknown area."""
    path = root / AREAS_DIR / f"{area}.yml"
    if not path.is_file():
        known = ", ".join(area_names(root)) or "none yet"
        raise FileNotFoundError(f'There is no area called "{area}" (no file {AREAS_DIR}/{area}.yml). Areas: {known}.')
    return path


def local_pages(root: Path, config: Path) -> list[tuple[Any, list[ContentError]]]:
    """(page or None, errors) for each Markdown page in the local folder of an area file (none for the core)."""
    from handbook.core.sources import load_page  # sources does not import areas; imported here to keep it light

    local = config.with_suffix("") / LOCAL_DOCS if config.parent == root / AREAS_DIR else None
    return [
        load_page(path, root, src_uri)
        for src_uri, path in local_files(local if local and local.is_dir() else None).items()
        if src_uri.endswith(".md")
    ]


def settings_errors(root: Path) -> list[ContentError]:
    """Every problem in the core's and every area's settings and local pages (for ``./run check``)."""
    errors: list[ContentError] = []
    configs = [root / "mkdocs.yml", *(area_config_file(root, area) for area in area_names(root))]
    for config in configs:
        errors += load_area(config, root)[1]
        for _page, page_errors in local_pages(root, config):
            errors += page_errors
    return errors


def edition_pages(root: Path, core: list[Any], area: str | None) -> list[Any]:
    """The pages an edition publishes: the core's, with an area's local pages replacing or adding to them.

    ``core`` is ``sources.load_pages(root)[0]``; local pages with invalid front matter are left out
    (``settings_errors`` reports them).
    """
    if area is None:
        return list(core)
    pages = {page.src_uri: page for page in core}
    for page, _errors in local_pages(root, area_config_file(root, area)):
        if page is not None:
            pages[page.src_uri] = page
    return list(pages.values())


def fileshare_config_text(area: str, fileshare_config: str) -> str:
    """A file-share configuration for an area: the core's file-share settings on top of the area's.

    MkDocs' ``INHERIT`` takes one parent, so the file-share edition of an area is a generated file
    beside the area file that inherits the area and repeats ``mkdocs.fileshare.yml``'s own settings.
    """
    body = re.sub(r"(?m)^INHERIT:.*$", f"INHERIT: {area}.yml", fileshare_config, count=1)
    header = f"# Generated by the build for the file-share edition of {area}: do not edit or commit.\n"
    return header + re.sub(r"(?m)^site_dir:.*\n", "", body)
