"""The duties and expectations tagged on the pages (``roles:`` in their front matter), checked.

Tagging lives beside the content: a page's front matter lists what that page says each role must
or should do, by anchor, as the page's exact words (``quote``) or a close summary (``summary``).
Nothing here trusts a tag: every role must be one ``data/roles.yml`` defines, every anchor one the
page publishes, and every quote the words of the passage at that anchor, not just of the page.
Every problem is reported with the page's file and the line of the tag, all at once.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from handbook.compare.citations import HostedText
from handbook.content.passages import Block, contains_quote, heading_anchors, matched_words, paragraph
from handbook.core.errors import ContentError, ContentErrors
from handbook.core.sources import Page
from handbook.roles.data import ROLES_FILE, Roles

#: Kinds of page that may carry role tags: the texts a duty can come from.
TAGGABLE_KINDS = ("procedure", "edition", "edition-chapter")


@dataclass(frozen=True)
class Duty:
    """One tagged duty or expectation: which roles, which page and anchor, and the words to show."""

    roles: tuple[str, ...]
    path: str  # the page's site path (src_uri), e.g. "procedures/assessment.md"
    anchor: str | None
    quote: str | None
    summary: str | None
    #: Where the tag is written (file and line), for messages and for the order on a role page.
    source: str
    line: int

    @property
    def target(self) -> str:
        """The citation: the page and anchor, as a Markdown link target from the site root."""
        return self.path + (f"#{self.anchor}" if self.anchor else "")


def passage_blocks(hosted: HostedText, path: str, anchor: str | None) -> list[Block]:
    """The text at an anchor: a numbered paragraph with its list, or a heading's text up to the next
    heading; the whole page if there is no anchor. A quote must come from here."""
    blocks = hosted.blocks(path)
    if anchor is None:
        return blocks
    if anchor.startswith("para-"):
        found = paragraph(blocks, anchor[len("para-") :].replace("-", "."))
        if found is not None:
            return found
    text = dict(heading_anchors(hosted.pages[path].front.body)).get(anchor)
    for index, block in enumerate(blocks):
        if block.kind == "heading" and block.text == text:
            following = []
            for later in blocks[index + 1 :]:
                if later.kind == "heading":
                    break
                following.append(later)
            return following
    return []


def _tag_errors(page: Page, hosted: HostedText, known: list[str]) -> list[ContentError]:
    """Everything wrong with one page's role tags."""
    front, errors = page.front, []
    if page.meta.roles and page.meta.kind not in TAGGABLE_KINDS:
        message = (
            f'a page of kind "{page.meta.kind}" cannot carry role tags: tag the procedure chapter or the '
            "edition's text the duty comes from"
        )
        return [ContentError(page.path, front.line_of(("roles",)), message)]
    for index, tag in enumerate(page.meta.roles):
        for position, role in enumerate(tag.role):
            if role not in known:
                line = front.line_of(("roles", index, "role", position))
                errors.append(ContentError(page.path, line, _unknown_role(role, known)))
        if tag.at is not None:
            problem = hosted.target_problem(f"{page.src_uri}#{tag.at}")
            if problem:
                errors.append(ContentError(page.path, front.line_of(("roles", index, "at")), problem))
                continue
        if tag.quote is not None:
            problem = _quote_problem(passage_blocks(hosted, page.src_uri, tag.at), tag.quote, tag.at)
            if problem:
                errors.append(ContentError(page.path, front.line_of(("roles", index, "quote")), problem))
    return errors


def _unknown_role(role: str, known: list[str]) -> str:
    """What to say about a role data/roles.yml does not define: the nearest id, or the ids there are."""
    close = difflib.get_close_matches(role, known, n=1)
    if close:
        hint = f'did you mean "{close[0]}"? Roles are defined in {ROLES_FILE}'
    elif known:
        hint = "the roles are: " + ", ".join(known) + f"; roles are defined in {ROLES_FILE}"
    else:
        hint = f"no roles are defined: add them to {ROLES_FILE}"
    return f'unknown role "{role}" ({hint})'


def _quote_problem(passage: list[Block], quote: str, anchor: str | None) -> str | None:
    """Why a quote is not the words of its passage (and where it stops matching), or None."""
    if contains_quote(passage, quote):
        return None
    found = matched_words(passage, quote)
    where = f"#{anchor}" if anchor else "this page"
    why = f'its words stop matching after "…{found[-50:]}"' if found else "no words of it are there"
    return (
        f"the quote is not the words of {where} ({why}): copy the words exactly from that "
        'paragraph or section, or write "summary:" in our words instead'
    )


def tagged_duties(pages: Iterable[Page], roles: Roles, hosted: HostedText) -> list[Duty]:
    """Every duty tagged on every page, checked; raise ContentErrors listing every problem.

    A role that no page tags is an error too (once every tag is right): the handbook has a page only
    for roles the hosted texts say something about.
    """
    known = roles.ids()
    errors: list[ContentError] = []
    duties: list[Duty] = []
    for page in pages:
        errors += _tag_errors(page, hosted, known)
        for index, tag in enumerate(page.meta.roles):
            line = page.front.line_of(("roles", index))
            duties.append(Duty(tuple(tag.role), page.src_uri, tag.at, tag.quote, tag.summary, page.path, line))
    tagged = {role for duty in duties for role in duty.roles}
    # A misspelt tag also leaves its role untagged: report that only once the tags are right.
    for role in [] if errors else roles.roles:
        if role.id not in tagged:
            message = (
                f'no page tags role "{role.id}": add it to the "roles:" list of a page that says what this '
                "role must or should do, or remove the role"
            )
            errors.append(ContentError(ROLES_FILE, roles.line_of(role.id), message))
    if errors:
        raise ContentErrors(errors)
    return duties
