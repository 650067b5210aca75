"""The local area's contacts, threshold document and feedback address, shown where a page asks.

Pages do not repeat phone numbers: they carry a marker, and the build puts in the area's settings
(``extra.area`` in mkdocs.yml, or an area's own config that INHERITs it). So a number is corrected
in one place, and every area built from the same core shows its own contacts.

Markers, each on a line of its own in Markdown:

``<!-- area:contacts -->``
    the area's contact numbers, including out of hours
``<!-- area:threshold -->``
    a link to the area's threshold document
``<!-- area:feedback -->``
    how to send feedback: a mailto link to the LSCB administrator

A setting the LSCB has not filled in yet is never guessed: the page says plainly that the LSCB has
not added it, so a reader knows to look elsewhere rather than trusting a blank.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from .errors import ContentError, ContentErrors
from .located_yaml import Loc, LocatedYaml, _collect_lines

#: A marker line: ``<!-- area:contacts -->``, possibly indented (in a list item or an admonition).
MARKER = re.compile(r"^(?P<indent>[ \t]*)<!--\s*area:(?P<name>[a-z_-]+)\s*-->[ \t]*$", re.MULTILINE)

#: What a reader sees where the LSCB has not filled a setting in.
MISSING_NUMBER = "Your LSCB has not yet added this number."
MISSING_THRESHOLD = (
    "Your LSCB has not yet added a link to its threshold document. Ask your designated safeguarding "
    "lead for the current version."
)
MISSING_EMAIL = (
    "Your LSCB has not yet added the LSCB administrator's email address to this handbook. Until it "
    "does, ask your organisation's designated safeguarding lead how to contact the LSCB administrator."
)
NO_CONTACTS = (
    "Your LSCB has not yet added its contact numbers to this handbook. Use the children's social care "
    "numbers, including the out-of-hours number, that your local authority publishes."
)

_PHONE = re.compile(r"^\+?[0-9][0-9 ()-]*[0-9]$")
_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z]{2,}$")


def _as_text(value: Any) -> Any:
    """YAML reads an empty value as None (treat it as "not filled in yet") and 999 as a number."""
    if value is None:
        return ""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


class AreaContact(BaseModel):
    """One contact: what it is for, its number and when it is answered."""

    model_config = ConfigDict(extra="ignore")

    label: str = ""
    number: str = ""
    hours: str = ""

    @field_validator("label", "number", "hours", mode="before")
    @classmethod
    def _text(cls, value: Any) -> Any:
        return _as_text(value)

    @field_validator("number")
    @classmethod
    def _is_phone_number(cls, value: str) -> str:
        value = value.strip()
        if value and not (_PHONE.match(value) and len(re.sub(r"[^0-9]", "", value)) >= 3):
            raise ValueError(
                f'"{value}" is not a phone number: use digits and spaces only, e.g. "01632 960000", or '
                "leave it empty until the number is confirmed"
            )
        return value


class AreaSettings(BaseModel):
    """The settings of one local area that pages show (other keys, such as a logo, are ignored)."""

    model_config = ConfigDict(extra="ignore")

    name: str = ""
    lscb_name: str = ""
    contacts: list[AreaContact] = []
    #: The out-of-hours service: a contact, or just its number.
    out_of_hours: AreaContact | None = None
    threshold_document_url: str = ""
    administrator_email: str = ""

    @field_validator("name", "lscb_name", "threshold_document_url", "administrator_email", mode="before")
    @classmethod
    def _text(cls, value: Any) -> Any:
        return _as_text(value)

    @field_validator("contacts", mode="before")
    @classmethod
    def _no_contacts(cls, value: Any) -> Any:
        return [] if value is None else value

    @field_validator("out_of_hours", mode="before")
    @classmethod
    def _number_only(cls, value: Any) -> Any:
        if value is None or value == "":
            return None
        if isinstance(value, (str, int)):
            return {"label": "Out of hours", "number": str(value)}
        return value

    @field_validator("administrator_email")
    @classmethod
    def _is_email(cls, value: str) -> str:
        value = value.strip()
        if value and not _EMAIL.match(value):
            raise ValueError(f'"{value}" is not an email address: write it as name@example.org, or leave it empty')
        return value

    @field_validator("threshold_document_url")
    @classmethod
    def _is_address(cls, value: str) -> str:
        value = value.strip()
        if value and not value.startswith(("https://", "http://")):
            raise ValueError(f'"{value}" is not a web address: it must start with https://')
        return value

    def all_contacts(self) -> list[AreaContact]:
        """The contacts in the order a reader needs them: day-time ones, then out of hours."""
        return [*self.contacts, *([self.out_of_hours] if self.out_of_hours else [])]


def config_lines(config_text: str) -> dict[Loc, int]:
    """The line of every key in a MkDocs config file, read without running its ``!!python`` tags."""
    try:
        node = yaml.compose(config_text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    lines: dict[Loc, int] = {}
    if node is not None:
        _collect_lines(node, (), 0, lines)
    return lines


def area_settings(
    extra: Mapping[str, Any] | None, config_file: str = "mkdocs.yml", config_text: str = ""
) -> AreaSettings:
    """Read ``extra.area`` from the MkDocs config; a mistake is reported in plain English with its line.

    No ``extra.area`` at all is allowed: every setting then shows as "not yet added". The line is
    found in ``config_text`` when the setting is written there (not when it comes from an INHERITed file).
    """
    raw = (extra or {}).get("area")
    if raw is None:
        return AreaSettings()
    located = LocatedYaml(data=None, lines=config_lines(config_text), start_line=1)
    if not isinstance(raw, Mapping):
        line = located.line_of(("extra", "area"))
        message = "extra.area must be a block of settings (name, contacts, ...)"
        raise ContentErrors([ContentError(config_file, line, message)])
    try:
        return AreaSettings.model_validate(dict(raw))
    except ValidationError as exc:
        errors = []
        for error in exc.errors():
            loc = ("extra", "area", *error["loc"])
            where = ".".join(str(part) for part in loc)
            message = str(error.get("ctx", {}).get("error", error["msg"]))
            errors.append(ContentError(config_file, located.line_of(loc), f"{where}: {message}"))
        raise ContentErrors(errors) from exc


def _tel(number: str) -> str:
    """The ``tel:`` address of a number as written: ``01632 960 001`` → ``tel:01632960001``."""
    return "tel:" + re.sub(r"[^0-9+]", "", number)


def render_contacts(area: AreaSettings) -> str:
    """The contact list as HTML: each number is a ``tel:`` link; a missing one says so."""
    contacts = area.all_contacts()
    if not contacts:
        return f'<p class="hb-contacts hb-contacts--missing">{escape(NO_CONTACTS)}</p>'
    items = []
    for contact in contacts:
        label = escape(contact.label or "Contact")
        if contact.number:
            number = f'<a href="{escape(_tel(contact.number))}">{escape(contact.number)}</a>'
        else:
            number = f'<span class="hb-contacts__missing">{escape(MISSING_NUMBER)}</span>'
        hours = f' <span class="hb-contacts__hours">({escape(contact.hours)})</span>' if contact.hours else ""
        items.append(f'<li><span class="hb-contacts__label">{label}</span>: {number}{hours}</li>')
    return '<ul class="hb-contacts">\n' + "\n".join(items) + "\n</ul>"


def render_threshold(area: AreaSettings) -> str:
    """A link to the area's threshold document, or a plain statement that there is none yet."""
    if not area.threshold_document_url:
        return f'<p class="hb-threshold hb-threshold--missing">{escape(MISSING_THRESHOLD)}</p>'
    owner = escape(area.lscb_name or "the LSCB")
    link = f'<a href="{escape(area.threshold_document_url)}">threshold document</a>'
    return f'<p class="hb-threshold">Read {owner}\'s {link}: it says which level of need calls for which response.</p>'


def feedback_mailto(email: str, subject: str) -> str:
    """A ``mailto:`` address with a subject line, encoded as RFC 6068 requires."""
    return f"mailto:{email}?subject={quote(subject)}"


def render_feedback(area: AreaSettings, site_name: str) -> str:
    """How to send feedback: a mailto link to the LSCB administrator, or why there is none."""
    if not area.administrator_email:
        return f'<p class="hb-feedback hb-feedback--missing">{escape(MISSING_EMAIL)}</p>'
    href = feedback_mailto(area.administrator_email, f"Feedback on the {site_name}")
    link = f'<a class="hb-feedback__link" href="{escape(href)}">{escape(area.administrator_email)}</a>'
    return f'<p class="hb-feedback">Email the LSCB administrator: {link}.</p>'


#: What each marker becomes.
RENDERERS = {
    "contacts": lambda area, site_name: render_contacts(area),
    "threshold": lambda area, site_name: render_threshold(area),
    "feedback": lambda area, site_name: render_feedback(area, site_name),
}


def marker_errors(text: str, path: str) -> list[ContentError]:
    """Every unknown ``<!-- area:... -->`` marker in a source file, with its line in that file."""
    known = ", ".join(f"<!-- area:{name} -->" for name in RENDERERS)
    return [
        ContentError(
            path,
            text.count("\n", 0, match.start("name")) + 1,
            f'unknown marker "<!-- area:{match.group("name")} -->" (use one of: {known})',
        )
        for match in MARKER.finditer(text)
        if match.group("name") not in RENDERERS
    ]


def marker_errors_in_files(sources: Iterable[Path], root: Path) -> list[ContentError]:
    """``marker_errors`` for every source file, each named relative to the project ``root``."""
    errors = []
    for source in sources:
        resolved = source.resolve()
        shown = resolved.relative_to(root).as_posix() if resolved.is_relative_to(root) else str(source)
        errors += marker_errors(resolved.read_text(encoding="utf-8"), shown)
    return errors


def render_area_markers(markdown: str, area: AreaSettings, site_name: str) -> str:
    """Replace every known area marker in a page's Markdown (``marker_errors`` reports unknown ones)."""

    def replace(match: re.Match[str]) -> str:
        render = RENDERERS.get(match.group("name"))
        if render is None:
            return match.group(0)
        # Blank lines around the HTML make it a block of its own; the indent keeps it where it stands.
        indent = match.group("indent")
        html = "\n".join(indent + line for line in render(area, site_name).splitlines())
        return f"\n{html}\n"

    return MARKER.sub(replace, markdown)
