"""The role pages' Markdown: one page per role, the index's generated list, and the navigation.

Pure functions from a RoleView (view.py) to Markdown. Each duty is shown as the text's own words
in quotation marks, or as a close summary, and links to the paragraph or section it comes from.
Duties are grouped by the text they come from: the LSCB procedures first, then the editions
newest first, each under the "Replaced guidance" label its own pages carry. The MkDocs plugin
(adapter/roles.py) only hands these pages to MkDocs. Links are relative ``.md`` links, so MkDocs
checks and rewrites them.
"""

from __future__ import annotations

from handbook.compare.citations import Citation
from handbook.content.editions import long_date, replaced_box, replaced_label, replacement_note
from handbook.core.links import markdown_link
from handbook.roles.data import Role, Roles
from handbook.roles.tags import Duty
from handbook.roles.view import PROCEDURES, RoleView

#: The hand-written index page, which the build completes at its marker.
INDEX = "roles/index.md"
INDEX_MARKER = "<!-- handbook: roles list -->"


#: Material's search weight for a role page (1 is a normal page; see front_matter).
SEARCH_BOOST = 0.5


def role_uri(role_id: str) -> str:
    return f"roles/{role_id}.md"


def nav_entries(view: RoleView) -> list[object]:
    """The "By role" section of the navigation, made from data/roles.yml."""
    return [INDEX, *({role.short_title or role.title: role_uri(role.id)} for role in view.roles.roles)]


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def front_matter(roles: Roles, title: str, description: str) -> str:
    return (
        "---\n"
        f"title: {_yaml_str(title)}\n"
        "kind: guide\n"
        "status: information\n"
        f"owner: {_yaml_str(roles.owner)}\n"
        f"last_reviewed: {roles.last_reviewed.isoformat()}\n"
        f"review_due: {roles.review_due.isoformat()}\n"
        'source: "Made by the handbook from data/roles.yml and the roles: lists in the pages\' front matter"\n'
        f"description: {_yaml_str(description)}\n"
        # Material's own per-page search weight: a role page leads to the texts, so for the same
        # words the paragraph that says it ranks above the page that lists it.
        f"search:\n  boost: {SEARCH_BOOST}\n"
        "---\n\n"
    )


def duty_line(view: RoleView, duty: Duty, from_uri: str) -> str:
    """One duty as a list item: the words (quoted) or the summary, and its citation as a link."""
    source = view.hosted.source(Citation(page=duty.target))
    link = f"[{source.label}]({markdown_link(from_uri, duty.target)})"
    if duty.quote is not None:
        return f"- “{duty.quote.strip()}” ({link})\n"
    return f"- {duty.summary.strip() if duty.summary else ''} ({link})\n"


def _group_heading(view: RoleView, key: str | int, duties: list[Duty], uri: str) -> str:
    if key == PROCEDURES:
        return (
            "## LSCB procedures {#procedures}\n\n"
            "What this LSCB's procedure chapters ask of this role, in summary. Each chapter says at its "
            "top whether the LSCB has approved it yet.\n\n"
        )
    assert isinstance(key, int)
    edition = view.editions.get(key)
    out = f"## Working Together {key} {{#wt-{key}}}\n\n"
    note = replacement_note(view.editions, key, uri)
    if note:
        out += replaced_box(replaced_label(key), f"What **{edition.title}** said. {note}") + "\n"
    texts = sorted({view.hosted.text_label(duty.path) for duty in duties})
    out += f"From the text this handbook holds: {'; '.join(texts)}."
    if any(view.hosted.pages[duty.path].meta.edition_text == "consultation-draft" for duty in duties):
        out += (
            " The consultation draft is the text the government issued for consultation in June 2012, "
            "not the final 2013 edition; its paragraph numbers are its own."
        )
    return out + "\n\n"


def role_page(view: RoleView, role: Role) -> str:
    uri = role_uri(role.id)
    current = view.editions.current
    description = (
        f"What the LSCB procedures and the editions of Working Together held in this handbook say "
        f"{role.title.lower()} must or should do, with a link to each paragraph."
    )
    out = [front_matter(view.roles, f"By role: {role.title}", description), f"# {role.title}\n\n"]
    out.append(f"{role.about.strip()}\n\n")
    if role.names:
        out.append("The texts also speak of: " + "; ".join(role.names) + ".\n\n")
    out.append(
        "Below is what the texts held in this handbook say this role must or should do. Words in "
        "quotation marks are the text's own; the rest is a close summary. Each entry links to the "
        'paragraph or section it comes from. As in the texts, "must" is a legal duty and "should" is '
        f"guidance. Part of [By role]({markdown_link(uri, INDEX)}).\n\n"
    )
    out.append(
        '<div class="admonition info" markdown>\n<p class="admonition-title">Check the current guidance</p>\n\n'
        f"The current statutory guidance is *{current.title}*, published on {long_date(current.published)}. "
        "This handbook holds none of its text, so nothing from it is listed here: read it on its "
        f"[GOV.UK publication page]({current.url}). Every edition listed below has been replaced.\n\n</div>\n\n"
    )
    for key, duties in view.groups(role.id):
        out.append(_group_heading(view, key, duties, uri))
        # Search finds the words on the page they come from; here they would only compete with it.
        out.append('<div class="hb-role-duties" data-search-exclude="" markdown>\n\n')
        out += [duty_line(view, duty, uri) for duty in duties]
        out.append("\n</div>\n\n")
    return "".join(out)


def _texts(view: RoleView, role_id: str) -> str:
    names = [
        "the LSCB procedures" if key == PROCEDURES else f"Working Together {key}" for key, _ in view.groups(role_id)
    ]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def index_generated(view: RoleView) -> str:
    """The list of roles on the index page, each with what its page draws on."""
    lines = []
    for role in view.roles.roles:
        count = len(view.duties_for(role.id))
        noun = "entry" if count == 1 else "entries"
        link = f"[{role.title}]({markdown_link(INDEX, role_uri(role.id))})"
        lines.append(f"- {link}: {count} {noun}, from {_texts(view, role.id)}.")
    return "\n".join(lines) + "\n"


def index_markdown(view: RoleView, written: str) -> str:
    """The hand-written index page with the list of roles at its marker (or at the end)."""
    generated = index_generated(view)
    if INDEX_MARKER in written:
        return written.replace(INDEX_MARKER, generated, 1)
    return written.rstrip("\n") + "\n\n" + generated


def generated_pages(view: RoleView) -> dict[str, str]:
    """Every role page: src_uri → Markdown."""
    return {role_uri(role.id): role_page(view, role) for role in view.roles.roles}
