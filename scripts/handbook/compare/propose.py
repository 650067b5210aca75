"""Propose alignments between two texts by word similarity, for a curator to confirm.

A proposal is only a suggestion: the curator reads each pair against the texts before it goes into
``data/alignments.yml`` (and sets ``confirmed: true``). Nothing is written unless asked.

Similarity is the cosine of the two passages' content-word counts (common words left out, simple
endings removed), which is robust to reordering and to small rewording, and cheap enough to score
every passage of one edition against every passage of another.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass

from handbook.compare.citations import HostedText
from handbook.content.paragraphs import paragraph_id
from handbook.content.passages import Block, paragraph, plain_text

_STOPWORD_TEXT = (
    "a about after all also an and any are as at be been being between both but by can could do "
    "does each for from has have he her his how if in into is it its may more most must no not of on "
    "one or other our out over own same she should so some such than that the their them then there "
    "these they this those through to under until up upon very was we were what when where which "
    "while who whom why will with within would you your"
)
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


@dataclass(frozen=True)
class Unit:
    """A passage that can be aligned: a numbered paragraph, or a paragraph or list item of a page."""

    path: str
    name: str  # "para-9", or the words it starts with
    text: str
    selector: str | dict[str, str]  # as written in data/alignments.yml


@dataclass(frozen=True)
class Candidate:
    old: Unit
    new: Unit
    score: float
    mutual: bool  # each is the other's best match


def stem(word: str) -> str:
    """A crude stem: enough to match "reviews"/"review", "undertaking"/"undertake"."""
    for suffix, replacement in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("e", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)] + replacement
    return word


def terms(text: str) -> Counter[str]:
    words = re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))
    return Counter(stem(word) for word in words if word not in STOPWORDS and len(word) > 1)


def similarity(a: str, b: str) -> float:
    """Cosine similarity of content-word counts, 0 (nothing shared) to 1 (the same words)."""
    ta, tb = terms(a), terms(b)
    if not ta or not tb:
        return 0.0
    dot = sum(count * tb[word] for word, count in ta.items())
    return dot / (math.sqrt(sum(c * c for c in ta.values())) * math.sqrt(sum(c * c for c in tb.values())))


def _unique_start(text: str, page_text: str, minimum: int = 5) -> str:
    """The fewest leading words of ``text`` (at least ``minimum``) that occur once in the page."""
    words = text.split(" ")
    for count in range(min(minimum, len(words)), len(words) + 1):
        start = " ".join(words[:count])
        if page_text.count(start) == 1:
            return start
    return text


def units(hosted: HostedText, path: str, items: bool = False) -> list[Unit]:
    """The passages of a page: its numbered paragraphs if it has them, else its paragraphs and items.

    With ``items``, a numbered page's list items are offered as well (to align a list item by item).
    """
    blocks = hosted.blocks(path)
    page_text = plain_text(blocks)
    numbered = [b for b in blocks if b.kind == "para" and b.number]
    found: list[Unit] = []
    if numbered:
        for block in numbered:
            text = plain_text(paragraph(blocks, block.number or "") or [block])
            anchor = paragraph_id(block.number or "")
            found.append(Unit(path, anchor, text, f"{path}#{anchor}"))
    for block in blocks:
        if block.kind == "heading" or (numbered and (block.kind != "item" or not items)):
            continue
        if len(block.text.split(" ")) < 3:
            continue
        found.append(_range_unit(path, block, page_text))
    return found


def _range_unit(path: str, block: Block, page_text: str) -> Unit:
    start = _unique_start(block.text, page_text)
    end = " ".join(block.text.split(" ")[-4:])
    return Unit(path, start, block.text, {"page": path, "start": start, "end": end})


def propose(old: list[Unit], new: list[Unit], threshold: float = 0.3, top: int = 3) -> list[Candidate]:
    """For each old passage, its best-scoring new passages (at most ``top``, at least ``threshold``)."""
    scores = {(i, j): similarity(a.text, b.text) for i, a in enumerate(old) for j, b in enumerate(new)}
    best_new = {i: max(range(len(new)), key=lambda j: scores[(i, j)]) for i in range(len(old))} if new else {}
    best_old = {j: max(range(len(old)), key=lambda i: scores[(i, j)]) for j in range(len(new))} if old else {}
    found: list[Candidate] = []
    for i, unit in enumerate(old):
        ranked = sorted(range(len(new)), key=lambda j: -scores[(i, j)])[:top]
        for j in ranked:
            if scores[(i, j)] >= threshold:
                mutual = best_new[i] == j and best_old[j] == i
                found.append(Candidate(unit, new[j], round(scores[(i, j)], 3), mutual))
    return found


def _clip(text: str, length: int = 70) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _where(unit: Unit) -> str:
    if isinstance(unit.selector, str):
        return unit.selector
    return f'{unit.path} ("{_clip(unit.name, 40)}")'


def report(candidates: list[Candidate]) -> str:
    """Candidates as text for a curator: score, the two passages and how each begins."""
    if not candidates:
        return "No candidates at this threshold: try a lower --threshold."
    lines = [
        "Candidate alignments (score 0 to 1; * means each is the other's best match).",
        "Check every pair against the texts before adding it to data/alignments.yml.",
        "",
    ]
    for candidate in candidates:
        mark = "*" if candidate.mutual else " "
        lines.append(f"{candidate.score:5.2f} {mark} {_where(candidate.old)}")
        lines.append(f"        -> {_where(candidate.new)}")
        lines.append(f'        "{_clip(candidate.old.text)}"')
        lines.append(f'        "{_clip(candidate.new.text)}"')
    return "\n".join(lines)


def _selector_yaml(selector: str | dict[str, str], indent: str) -> str:
    if isinstance(selector, str):
        return f"{indent}- {selector}\n"
    lines = [f"{indent}- page: {selector['page']}\n"]
    lines += [f"{indent}  {key}: {json.dumps(selector[key], ensure_ascii=False)}\n" for key in ("start", "end")]
    return "".join(lines)


def alignment_yaml(candidates: list[Candidate], new_order: list[Unit], align_id: str, title: str, topic: str) -> str:
    """An unconfirmed alignment of the mutual best matches, in the new text's order, as YAML."""
    pairs = [c for c in candidates if c.mutual]
    position = {unit: index for index, unit in enumerate(new_order)}
    pairs.sort(key=lambda c: position.get(c.new, 0))
    out = [
        f"  - id: {align_id}\n",
        f"    title: {json.dumps(title, ensure_ascii=False)}\n",
        f"    topic: {topic}\n",
        "    confirmed: false  # proposed by 'align': check each row against the texts, then set true\n",
        "    rows:\n",
    ]
    for candidate in pairs:
        out.append(f"      # similarity {candidate.score:.2f}\n")
        out.append("      - old:\n" + _selector_yaml(candidate.old.selector, "          "))
        out.append("        new:\n" + _selector_yaml(candidate.new.selector, "          "))
    return "".join(out)


def pages_for(hosted: HostedText, spec: str) -> list[str]:
    """Pages named by a spec: a page path, an edition ("2010"), or an edition and text ("2013:final")."""
    if spec.endswith(".md"):
        if spec not in hosted.pages:
            raise ValueError(f'no page "{spec}": give a path under docs/ or procedures/')
        return [spec]
    year, _, text = spec.partition(":")
    if not year.isdigit():
        raise ValueError(f'"{spec}" is not a page path (…/x.md), an edition (2010) or an edition and text (2013:final)')
    chosen = [
        uri
        for uri, page in sorted(hosted.pages.items())
        if page.meta.edition == int(year)
        and page.meta.kind == "edition-chapter"
        and (not text or page.meta.edition_text == text)
    ]
    if not chosen:
        raise ValueError(f'no chapter pages for "{spec}"')
    return chosen
