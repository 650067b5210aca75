"""Word-level differences between two passages, and their accessible HTML.

Trainers show what changed between editions word by word. Colour must never be the only signal,
so removed words are ``<del>`` (struck through) and added words ``<ins>`` (underlined), and each
carries a visually hidden label ("[removed: ...]", "[added: ...]") that screen readers read out
and that print shows (see handbook.css).

Everything here is pure: text in, segments or HTML out. Golden files in tests/unit/golden/worddiff
hold the expected HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from html import escape
from typing import Literal

Op = Literal["equal", "delete", "insert"]

#: A word (with its apostrophes and hyphens), a run of whitespace, or one other character.
_TOKEN = re.compile(r"\s+|\w+(?:['’\-]\w+)*|[^\w\s]")
#: Between two changes, a bit of matching text this small reads better as part of the change:
#: whitespace, punctuation, or one short word ("the", "of", "and").
_WEAK = re.compile(r"^\W*(?:\w{1,3})?\W*$")

LABELS = {"delete": "removed", "insert": "added"}
TAGS = {"delete": "del", "insert": "ins"}


@dataclass(frozen=True)
class Segment:
    """A run of text that is the same in both passages, only in the old one, or only in the new one."""

    op: Op
    text: str


def tokens(text: str) -> list[str]:
    """Words, whitespace and punctuation, in order; joined they give back ``text`` exactly."""
    return _TOKEN.findall(text)


def word_diff(old: str, new: str) -> list[Segment]:
    """The changes that turn ``old`` into ``new``, word by word, tidied for reading."""
    a, b = tokens(old), tokens(new)
    raw: list[Segment] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            raw.append(Segment("equal", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            raw.append(Segment("delete", "".join(a[i1:i2])))
        if j2 > j1:
            raw.append(Segment("insert", "".join(b[j1:j2])))
    return _tidy(raw)


def _tidy(segments: list[Segment]) -> list[Segment]:
    """Fold small matches between changes into the changes; put each change's removal first."""
    folded: list[Segment] = []
    for index, segment in enumerate(segments):
        between_changes = 0 < index < len(segments) - 1 and (
            segments[index - 1].op != "equal" and segments[index + 1].op != "equal"
        )
        if segment.op == "equal" and between_changes and _WEAK.match(segment.text):
            folded += [Segment("delete", segment.text), Segment("insert", segment.text)]
        else:
            folded.append(segment)
    result: list[Segment] = []
    run: list[Segment] = []
    for segment in [*folded, Segment("equal", "")]:
        if segment.op != "equal":
            run.append(segment)
            continue
        removed = "".join(s.text for s in run if s.op == "delete")
        added = "".join(s.text for s in run if s.op == "insert")
        if removed:
            result.append(Segment("delete", removed))
        if added:
            result.append(Segment("insert", added))
        run = []
        if segment.text:
            if result and result[-1].op == "equal":
                result[-1] = Segment("equal", result[-1].text + segment.text)
            else:
                result.append(segment)
    return result


#: Indentation at the start of a line (nested list items): kept out of the strike-through.
_INDENT = re.compile(r"(?<=\n)([ \t]+)")


def _text(text: str) -> str:
    """Escaped text; indentation after a line break in a span that text decoration does not cross."""
    return _INDENT.sub(r'<span class="hb-diff__indent">\1</span>', escape(text, quote=False))


def _change(segment: Segment) -> str:
    tag, label = TAGS[segment.op], LABELS[segment.op]
    return (
        f'<{tag} class="hb-diff__{segment.op}"><span class="hb-vh">[{label}: </span>'
        f'{_text(segment.text)}<span class="hb-vh">]</span></{tag}>'
    )


def render_inline(segments: list[Segment]) -> str:
    """One text with removals and additions marked in place."""
    return "".join(_text(s.text) if s.op == "equal" else _change(s) for s in segments)


def render_old(segments: list[Segment]) -> str:
    """The old text, with what was removed marked."""
    return "".join(_text(s.text) if s.op == "equal" else _change(s) for s in segments if s.op != "insert")


def render_new(segments: list[Segment]) -> str:
    """The new text, with what was added marked."""
    return "".join(_text(s.text) if s.op == "equal" else _change(s) for s in segments if s.op != "delete")


def counts(segments: list[Segment]) -> dict[str, int]:
    """Words removed and added (for a one-line summary above a comparison)."""
    words = {"delete": 0, "insert": 0}
    for segment in segments:
        if segment.op in words:
            words[segment.op] += len(re.findall(r"\w+", segment.text))
    return {"removed": words["delete"], "added": words["insert"]}
