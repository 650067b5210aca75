"""The word-level comparison on a Compare wording page: an alignment's passages as HTML.

worddiff.py is pure text in, HTML out; this module applies it to a confirmed alignment from
data/alignments.yml: it resolves each row's passages in the hosted text, links each side to the
paragraphs it quotes, counts the words removed and added, and offers two views (side by side, and
one text with the changes marked in place). The view switch is radio buttons and CSS, so it works
without JavaScript; that is why this part of the page is raw HTML rather than Markdown, and why
its links are made for the build at hand with ``site_href`` (MkDocs does not rewrite raw HTML).
pages.py puts the result on the wording page.
"""

from __future__ import annotations

from html import escape

from handbook.compare.alignments import Alignment, Side, resolve_side
from handbook.compare.data import Context, and_list
from handbook.compare.worddiff import counts, render_inline, render_new, render_old, word_diff
from handbook.core.links import site_href


def _side_links(side: Side, from_uri: str, directory_urls: bool) -> str:
    """ "Working Together 2013, consultation draft (June 2012), paragraphs 6 and 7", each a link."""
    links = [
        f'<a href="{escape(site_href(from_uri, target, directory_urls))}">{escape(label)}</a>'
        for target, label in side.targets
    ]
    return f"{escape(side.prefix)}, " + and_list(links)


def diff_html(ctx: Context, alignment: Alignment, from_uri: str) -> str:
    """The comparison: a choice of view (works without JavaScript), side by side and inline."""
    old_label, new_label = ctx.sides(alignment)
    du = ctx.directory_urls
    key = f"hb-diff-{alignment.id}"
    side_rows: list[str] = []
    inline_rows: list[str] = []
    total = {"removed": 0, "added": 0}
    for row in alignment.rows:
        old = resolve_side(row.old, ctx.hosted) if row.old else None
        new = resolve_side(row.new, ctx.hosted) if row.new else None
        segments = word_diff(old.text if old else "", new.text if new else "")
        for name, value in counts(segments).items():
            total[name] += value
        old_where = _side_links(old, from_uri, du) if old else f"Nothing in {escape(old_label)}"
        new_where = _side_links(new, from_uri, du) if new else f"Nothing in {escape(new_label)}"
        note = f'<p class="hb-diff__note">{escape(row.note)}</p>' if row.note else ""
        old_cell = (
            f'<p class="hb-diff__where">{old_where}</p><div class="hb-diff__text">{render_old(segments)}</div>'
            if old
            else f'<p class="hb-diff__where">{old_where}: added in the newer text.</p>'
        )
        new_cell = (
            f'<p class="hb-diff__where">{new_where}</p><div class="hb-diff__text">{render_new(segments)}</div>'
            if new
            else f'<p class="hb-diff__where">{new_where}: removed from the older text.</p>'
        )
        side_rows.append(f"<tr><td>{note}{old_cell}</td><td>{new_cell}</td></tr>")
        words = counts(segments)
        inline_rows.append(
            f'<li class="hb-diff__row"><p class="hb-diff__where">{old_where} <span aria-hidden="true">→</span>'
            f'<span class="hb-vh"> compared with </span> {new_where}. '
            f"{words['removed']} words removed, {words['added']} added.</p>{note}"
            f'<div class="hb-diff__text">{render_inline(segments)}</div></li>'
        )
    summary = f"In all, {total['removed']} words removed and {total['added']} added."
    return (
        f'<div class="hb-diff" id="{key}">\n'
        f'<p class="hb-diff__summary">{summary}</p>\n'
        '<fieldset class="hb-diff__views"><legend>Show the comparison</legend>\n'
        + _choice(key, "side", "Side by side", checked=True)
        + _choice(key, "inline", "As one text, changes marked in place")
        + "</fieldset>\n"
        '<div class="hb-diff__view hb-diff__view--side">\n'
        '<table class="hb-diff__table">'
        f'<caption class="hb-vh">{escape(old_label)} and {escape(new_label)}, side by side</caption>\n'
        f'<thead><tr><th scope="col">{escape(old_label)}</th><th scope="col">{escape(new_label)}</th></tr></thead>\n'
        "<tbody>\n" + "\n".join(side_rows) + "\n</tbody></table>\n</div>\n"
        # A <section>, not a <div>: Material's search parser matches elements by tag name only, so an
        # excluded <div> would end at the first </div> inside it. Excluded: it repeats the side view.
        '<section class="hb-diff__view hb-diff__view--inline" data-search-exclude="">\n'
        '<ol class="hb-diff__rows">\n' + "\n".join(inline_rows) + "\n</ol>\n</section>\n"
        "</div>"
    )


def _choice(key: str, view: str, label: str, checked: bool = False) -> str:
    """One radio button of the view switch (CSS shows the view whose button is checked)."""
    return (
        f'<input type="radio" name="{key}-view" id="{key}-{view}" '
        f'class="hb-diff__choice hb-diff__choice--{view}"{" checked" if checked else ""}>\n'
        f'<label for="{key}-{view}">{label}</label>\n'
    )
