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
``<!-- area:designated-officer -->``
    the designated officer's (LADO's) number, for allegations against people who work with children
``<!-- area:publisher -->``
    one sentence naming the body that publishes and approves the procedures (``Body``)
``<!-- area:history -->``
    that body's partners and its history, with the sources the history cites
``<!-- area:approval -->``
    the "Not yet approved for use" notice of a procedure chapter, naming the body that approves it

The body is named from the settings, never written into a page: the handbook speaks as an LSCB's,
but an area under the safeguarding partners' arrangements (the 2018 edition of Working Together
onwards) is shown its safeguarding partnership, not an "LSCB" that no longer exists there.

The marker syntax and the check for unknown markers are ``handbook.core.markers``'s, shared by
every feature.

A setting the LSCB has not filled in yet (``areas.NOT_PROVIDED``) is never guessed: the page says
plainly that the LSCB has not added it, so a reader knows to look elsewhere rather than trusting a
blank or a placeholder dressed as a link.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from urllib.parse import quote

from handbook.core.links import markdown_link
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
#: The label of the designated officer's line in the contacts.
DESIGNATED_OFFICER = "Designated officer (LADO), for allegations against people who work with children"
#: Pages the approval notice and the publisher sentence cite (hosted text, so the build checks the links).
PROCEDURES_FUNCTIONS = "procedures/preface-and-introduction.md#section-2-2"
PARTNERS_REPLACED_LSCBS = "working-together/2018/index.md#safeguarding-partners"
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
    items.append(_designated_officer_item(area))
    if is_provided(area.out_of_hours):
        out_of_hours = escape(area.out_of_hours)
    else:
        out_of_hours = f'<span class="hb-contacts__missing">{escape(MISSING_NUMBER)}</span>'
    items.append(f'<li><span class="hb-contacts__label">Out of hours</span>: {out_of_hours}</li>')
    return '<ul class="hb-contacts">\n' + "\n".join(items) + "\n</ul>"


def _designated_officer_item(area: Area) -> str:
    officer = area.designated_officer
    if is_provided(officer.number):
        number = f'<a href="{escape(_tel(officer.number))}">{escape(officer.number)}</a>'
    else:
        number = f'<span class="hb-contacts__missing">{escape(MISSING_NUMBER)}</span>'
    hours = f' <span class="hb-contacts__hours">({escape(officer.hours)})</span>' if is_provided(officer.hours) else ""
    return f'<li><span class="hb-contacts__label">{escape(DESIGNATED_OFFICER)}</span>: {number}{hours}</li>'


def render_designated_officer(area: Area) -> str:
    """The designated officer's number on its own, for the pages about allegations."""
    return '<ul class="hb-contacts">\n' + _designated_officer_item(area) + "\n</ul>"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def render_publisher(area: Area, src_uri: str) -> str:
    """One sentence: who publishes and approves the procedures here, and under which arrangements."""
    body = area.body
    if body.arrangements == "lscb":
        return (
            f"In {area.name}, these procedures are published and approved by {body.the_name}, the Local "
            "Safeguarding Children Board (LSCB), whose functions include developing them "
            f"([Procedures, section 2.2]({markdown_link(src_uri, PROCEDURES_FUNCTIONS)}))."
        )
    return (
        f"In {area.name}, these procedures are published and approved by {body.the_name}, through which "
        "the area's safeguarding partners work together. Safeguarding partners replaced Local "
        "Safeguarding Children Boards (LSCBs) under the 2018 edition of Working Together "
        f"([Working Together 2018]({markdown_link(src_uri, PARTNERS_REPLACED_LSCBS)}))."
    )


def render_history(area: Area, src_uri: str) -> str:
    """The body's partners, its one-paragraph history and the sources it cites, as Markdown."""
    body = area.body
    heading = "Safeguarding partners" if body.arrangements == "safeguarding partners" else "Board partners"
    lines = [f"**{heading}:**", ""]
    lines += [f"- {partner}" for partner in body.partners]
    lines += ["", body.history, "", "Sources of this history:", ""]
    for number, source in enumerate(body.sources, start=1):
        if source.page:
            where = f"[{source.title}]({markdown_link(src_uri, source.page)})"
        elif source.url:
            where = f"[{source.title}]({source.url})"
        else:
            where = source.title
        lines.append(f"{number}. {where}")
    return "\n".join(lines)


def render_approval(area: Area, src_uri: str) -> str:
    """The notice at the top of a chapter written for this handbook: who must approve it, and why them."""
    body = area.body
    functions = f"[Procedures, section 2.2]({markdown_link(src_uri, PROCEDURES_FUNCTIONS)})"
    if body.arrangements == "lscb":
        why = f"developing these procedures is one of the LSCB's functions ({functions})"
    else:
        replaced = f"[Working Together 2018]({markdown_link(src_uri, PARTNERS_REPLACED_LSCBS)})"
        why = (
            f"developing these procedures was one of the functions of the Local Safeguarding Children Board "
            f"({functions}), and the safeguarding partners' arrangements replaced the LSCB ({replaced})"
        )
    return (
        "**Not yet approved for use.** This chapter was written for this handbook. "
        f"{_capital(body.the_name)} must approve it locally before anyone relies on it as a procedure: "
        f"{why}. Until then, follow your own agency's current procedure."
    )


def render_threshold(area: Area) -> str:
    """A link to the area's threshold document, or a plain statement that there is none yet."""
    if not is_provided(area.threshold_document_url):
        return f'<p class="hb-threshold hb-threshold--missing">{escape(MISSING_THRESHOLD)}</p>'
    owner = escape(_capital(area.body.the_name))
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


#: What each marker becomes, given the area, the site's name and the page's source path (for links).
RENDERERS: dict[str, Callable[[Area, str, str], str]] = {
    "contacts": lambda area, site_name, src_uri: render_contacts(area),
    "threshold": lambda area, site_name, src_uri: render_threshold(area),
    "feedback": lambda area, site_name, src_uri: render_feedback(area, site_name),
    "details": lambda area, site_name, src_uri: area_details_markdown(area),
    "designated-officer": lambda area, site_name, src_uri: render_designated_officer(area),
    "publisher": lambda area, site_name, src_uri: render_publisher(area, src_uri),
    "history": lambda area, site_name, src_uri: render_history(area, src_uri),
    "approval": lambda area, site_name, src_uri: render_approval(area, src_uri),
}


def render_area_markers(markdown: str, area: Area, site_name: str, src_uri: str = "index.md") -> str:
    """Replace every known area marker in a page's Markdown (``marker_errors`` reports unknown ones).

    ``src_uri`` is the page's source path: the links a marker writes are relative to it.
    """

    def replace(match: re.Match[str]) -> str:
        render = RENDERERS.get(match.group("name") or "") if match.group("family") == "area" else None
        if render is None:
            return match.group(0)
        # Blank lines around the HTML make it a block of its own; the indent keeps it where it stands.
        indent = match.group("indent")
        html = "\n".join((indent + line).rstrip() for line in render(area, site_name, src_uri).splitlines())
        return f"\n{html}\n"

    return MARKER.sub(replace, markdown)
