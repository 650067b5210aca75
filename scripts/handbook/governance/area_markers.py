"""The local area's contacts, threshold document and feedback address, shown where a page asks.

Pages do not repeat phone numbers: they carry a marker, and the build puts in the area's settings
(``extra.area`` in mkdocs.yml, or an area's own config that INHERITs it), validated by
``handbook.governance.areas`` (the one model of an area's settings). So a number is corrected
in one place, and every area built from the same core shows its own contacts.

Markers, each on a line of its own in Markdown:

``<!-- area:contacts -->``
    the area's contact numbers, including out of hours
``<!-- area:threshold -->``
    a link to the area's threshold document
``<!-- area:feedback -->``
    how to send feedback: a mailto link to the LSCB administrator
``<!-- area:details -->``
    the area's settings in full, on an area's own "local" page

The marker syntax and the check for unknown markers are ``handbook.core.markers``'s, shared by
every feature.

A setting the LSCB has not filled in yet (``areas.NOT_PROVIDED``) is never guessed: the page says
plainly that the LSCB has not added it, so a reader knows to look elsewhere rather than trusting a
blank or a placeholder dressed as a link.
"""

from __future__ import annotations

import re
from html import escape
from urllib.parse import quote

from handbook.core.markers import MARKER
from handbook.governance.areas import Area, area_details_markdown, is_provided

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

def _tel(number: str) -> str:
    """The ``tel:`` address of a number as written: ``01632 960 001`` → ``tel:01632960001``."""
    return "tel:" + re.sub(r"[^0-9+]", "", number)


def render_contacts(area: Area) -> str:
    """The contact list as HTML: each number is a ``tel:`` link; a missing one says so."""
    items = []
    for contact in area.contacts:
        label = escape(contact.label)
        if is_provided(contact.number):
            number = f'<a href="{escape(_tel(contact.number))}">{escape(contact.number)}</a>'
        else:
            number = f'<span class="hb-contacts__missing">{escape(MISSING_NUMBER)}</span>'
        hours = ""
        if is_provided(contact.hours):
            hours = f' <span class="hb-contacts__hours">({escape(contact.hours)})</span>'
        items.append(f'<li><span class="hb-contacts__label">{label}</span>: {number}{hours}</li>')
    if is_provided(area.out_of_hours):
        out_of_hours = escape(area.out_of_hours)
    else:
        out_of_hours = f'<span class="hb-contacts__missing">{escape(MISSING_NUMBER)}</span>'
    items.append(f'<li><span class="hb-contacts__label">Out of hours</span>: {out_of_hours}</li>')
    return '<ul class="hb-contacts">\n' + "\n".join(items) + "\n</ul>"


def render_threshold(area: Area) -> str:
    """A link to the area's threshold document, or a plain statement that there is none yet."""
    if not is_provided(area.threshold_document_url):
        return f'<p class="hb-threshold hb-threshold--missing">{escape(MISSING_THRESHOLD)}</p>'
    owner = escape(area.lscb_name)
    link = f'<a href="{escape(area.threshold_document_url)}">threshold document</a>'
    return f'<p class="hb-threshold">Read {owner}\'s {link}: it says which level of need calls for which response.</p>'


def feedback_mailto(email: str, subject: str) -> str:
    """A ``mailto:`` address with a subject line, encoded as RFC 6068 requires."""
    return f"mailto:{email}?subject={quote(subject)}"


def render_feedback(area: Area, site_name: str) -> str:
    """How to send feedback: a mailto link to the LSCB administrator, or why there is none."""
    if not is_provided(area.administrator_email):
        return f'<p class="hb-feedback hb-feedback--missing">{escape(MISSING_EMAIL)}</p>'
    href = feedback_mailto(area.administrator_email, f"Feedback on the {site_name}")
    link = f'<a class="hb-feedback__link" href="{escape(href)}">{escape(area.administrator_email)}</a>'
    return f'<p class="hb-feedback">Email the LSCB administrator: {link}.</p>'


#: What each marker becomes.
RENDERERS = {
    "contacts": lambda area, site_name: render_contacts(area),
    "threshold": lambda area, site_name: render_threshold(area),
    "feedback": lambda area, site_name: render_feedback(area, site_name),
    "details": lambda area, site_name: area_details_markdown(area),
}


def render_area_markers(markdown: str, area: Area, site_name: str) -> str:
    """Replace every known area marker in a page's Markdown (``marker_errors`` reports unknown ones)."""

    def replace(match: re.Match[str]) -> str:
        render = RENDERERS.get(match.group("name") or "") if match.group("family") == "area" else None
        if render is None:
            return match.group(0)
        # Blank lines around the HTML make it a block of its own; the indent keeps it where it stands.
        indent = match.group("indent")
        html = "\n".join(indent + line for line in render(area, site_name).splitlines())
        return f"\n{html}\n"

    return MARKER.sub(replace, markdown)
