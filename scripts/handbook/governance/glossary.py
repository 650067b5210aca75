"""The glossary: every abbreviation the handbook uses, defined once in ``data/glossary.yml``.

The same data gives three things: the hover and keyboard-focus definition of each abbreviation
wherever it appears (Python-Markdown's ``abbr`` extension, fed from here, plus Material's tooltips),
the A–Z glossary page, and the list of terms with their expansions (for search synonyms).

Definitions must be factual: an entry gives the expansion and, where a page of this handbook
explains the term, a link to it (``see``). A longer ``definition`` is allowed only with ``see``, so
every explanation can be checked against the page it comes from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from handbook.core.errors import ContentError
from handbook.core.links import markdown_link
from handbook.core.located_yaml import LocatedYaml, parse_checked

GLOSSARY_FILE = "data/glossary.yml"
#: Where the A–Z list goes on the glossary page.
MARKER = "<!-- glossary:a-z -->"

HINTS = {
    "term": "the abbreviation as the pages write it, e.g. LSCB",
    "expansion": "what it stands for, e.g. Local Safeguarding Children Board",
    "word": "a word that looks like an abbreviation but is not one",
    "why": "why it is not an abbreviation",
}


def _plain(value: str) -> str:
    # Material puts a tooltip's text into the page as HTML: keep markup characters out of it.
    if any(char in value for char in '<>&"'):
        raise ValueError(f'"{value}" must not contain < > & or double quotes: write them out in words')
    return value.strip()


class Term(BaseModel):
    """One abbreviation and what it stands for."""

    model_config = ConfigDict(extra="forbid")
    term: str = Field(min_length=1)
    expansion: str = Field(min_length=1)
    #: Other ways the pages write it: plurals (LSCBs) and other capitalisations (CAFCASS).
    also: list[str] = Field(default_factory=list)
    #: A page of this handbook that explains the term: ``path.md`` or ``path.md#anchor``.
    see: str | None = None
    #: A short explanation, taken from the ``see`` page.
    definition: str | None = None

    @field_validator("term", "expansion", "definition")
    @classmethod
    def _text(cls, value: str | None) -> str | None:
        return _plain(value) if value is not None else None

    @field_validator("see")
    @classmethod
    def _see(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[^\s#]+\.md(#[A-Za-z0-9_\-]+)?", value):
            raise ValueError(f'see "{value}" must be a page of this handbook, e.g. procedures/index.md#section-2')
        return value

    @model_validator(mode="after")
    def _definition_needs_source(self) -> Term:
        if self.definition and not self.see:
            raise ValueError(
                f'the definition of {self.term} needs "see:", the page of this handbook it comes from '
                "(or remove the definition and keep the expansion)"
            )
        return self

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.term, *self.also)

    @property
    def anchor(self) -> str:
        return "term-" + re.sub(r"[^a-z0-9]+", "-", self.term.lower()).strip("-")


class NotAnAbbreviation(BaseModel):
    """A word in capitals that is not an abbreviation (a Roman numeral, part of a name), with why."""

    model_config = ConfigDict(extra="forbid")
    word: str = Field(min_length=1)
    why: str = Field(min_length=1)


class Glossary(BaseModel):
    model_config = ConfigDict(extra="forbid")
    terms: list[Term] = Field(min_length=1)
    #: Words the abbreviation check must not ask a glossary entry for, each with its reason.
    not_abbreviations: list[NotAnAbbreviation] = Field(default_factory=list)


def _each_form_once(glossary: Glossary, located: LocatedYaml) -> list[ContentError]:
    errors: list[ContentError] = []
    seen: dict[str, int] = {}
    for index, term in enumerate(glossary.terms):
        for position, form in enumerate(term.forms):
            loc = ("terms", index, "term") if position == 0 else ("terms", index, "also", position - 1)
            line = located.line_of(loc)
            if form in seen:
                errors.append(
                    ContentError(
                        GLOSSARY_FILE, line, f"{form} is already defined on line {seen[form]}: define each term once"
                    )
                )
            else:
                seen[form] = line
    for index, item in enumerate(glossary.not_abbreviations):
        if item.word in seen:
            line = located.line_of(("not_abbreviations", index, "word"))
            errors.append(
                ContentError(GLOSSARY_FILE, line, f"{item.word} has a glossary entry: remove it from not_abbreviations")
            )
    return errors


def load_glossary(root: Path) -> Glossary:
    """Read and check data/glossary.yml; raise ContentErrors (file:line) on any problem."""
    text = (root / GLOSSARY_FILE).read_text(encoding="utf-8")
    return parse_checked(Glossary, text, GLOSSARY_FILE, HINTS, _each_form_once)


# --- What other parts of the handbook use ---------------------------------------------------------


@dataclass(frozen=True)
class Expansion:
    """A term, every way the pages write it, and what it stands for (e.g. for search synonyms)."""

    term: str
    forms: tuple[str, ...]
    expansion: str


def terms_with_expansions(glossary: Glossary) -> list[Expansion]:
    """Every term with its forms and expansion, in A–Z order."""
    return [Expansion(t.term, t.forms, t.expansion) for t in sorted(glossary.terms, key=_sort_key)]


def abbreviations(glossary: Glossary) -> dict[str, str]:
    """Form → title, for the ``abbr`` extension's ``glossary`` option (the hover definitions)."""
    return {form: term.expansion for term in glossary.terms for form in term.forms}


def _sort_key(term: Term) -> tuple[list[str | int], str]:
    """A–Z, ignoring case, with numbers in number order (s2, s3, s17, s47)."""
    parts = re.split(r"([0-9]+)", term.term.casefold())
    return ([int(part) if part.isdigit() else part for part in parts], term.term)


# --- The A–Z page ------------------------------------------------------------------------------------


def _letter(term: Term) -> str:
    first = term.term[0].upper()
    return first if "A" <= first <= "Z" else "#"


def a_to_z_markdown(glossary: Glossary, from_src_uri: str) -> str:
    """The glossary page's list: letter links, then a heading and a definition list per letter."""
    terms = sorted(glossary.terms, key=_sort_key)
    letters = sorted({_letter(term) for term in terms})
    jump = " ".join(f"[{letter}](#letter-{letter.lower()})" for letter in letters)
    parts = [f'<nav class="hb-az" aria-label="Glossary by letter" markdown>\n{jump}\n</nav>\n']
    for letter in letters:
        parts.append(f"## {letter} {{#letter-{letter.lower()}}}\n")
        for term in (t for t in terms if _letter(t) == letter):
            parts.append(f"{escape(term.term)} {{: #{term.anchor} }}")
            text = term.expansion + "."
            if term.definition:
                text += " " + term.definition.rstrip(".") + "."
            variants = [form for form in term.also if form != term.term + "s"]
            if variants:
                text += " Also written " + " or ".join(variants) + "."
            if term.see:
                link = markdown_link(from_src_uri, term.see)
                text += f" [Read more about {term.term}]({link})."
            parts.append(f":   {text}\n")
    return "\n".join(parts)


# --- Keyboard access --------------------------------------------------------------------------------

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>")
#: Elements a focusable <abbr> must not sit inside (nested interactive content).
_INTERACTIVE = {"a", "button", "summary", "label", "select", "textarea"}


def focusable_abbreviations(html: str) -> str:
    """Make the first ``<abbr>`` of each term on a page keyboard-focusable (``tabindex="0"``).

    Material shows an ``abbr``'s definition as a tooltip on hover and on focus, but an ``abbr``
    cannot take focus by itself. One tab stop per term per page lets a keyboard user read every
    definition without adding a tab stop for every repeat. An ``abbr`` inside a link or button is
    skipped: a focusable element inside another is an accessibility error.
    """
    out: list[str] = []
    position = 0
    depth = 0
    seen: set[str] = set()
    for match in _TAG.finditer(html):
        closing, name, attrs = match.group(1), match.group(2).lower(), match.group(3)
        if name in _INTERACTIVE and not attrs.rstrip().endswith("/"):
            depth = max(0, depth - 1) if closing else depth + 1
            continue
        if name != "abbr" or closing or depth or "tabindex" in attrs:
            continue
        title = re.search(r'\btitle="([^"]*)"', attrs)
        if title is None or title.group(1) in seen:
            continue
        seen.add(title.group(1))
        out.append(html[position : match.end() - 1] + ' tabindex="0">')
        position = match.end()
    out.append(html[position:])
    return "".join(out)


# --- Finding abbreviations in the pages -------------------------------------------------------------

#: A word with two or more capitals (LSCB, LSCBs, DfE, SoS, GOV.UK), or a section number (s47).
ABBREVIATION = re.compile(r"\b(?=[A-Za-z.]*[A-Z][A-Za-z.]*[A-Z])[A-Za-z]+(?:\.[A-Za-z]+)*\b|\bs[0-9]+[A-Z]?\b")
#: A page's own abbreviation definition (``*[CA]: Children Act``): not allowed, the glossary is the one list.
LOCAL_DEFINITION = re.compile(r"^\*\[([^\]]+)\]:", re.MULTILINE)
_FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)
_HIDDEN = [
    re.compile(r"`[^`\n]*`"),  # inline code
    re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"),  # link targets
    re.compile(r"<[^>\n]*>"),  # HTML tags and autolinks
    re.compile(r"\{[:#.][^}\n]*\}"),  # attribute lists
    re.compile(r"https?://\S+"),  # bare addresses
    re.compile(r"^\*\[[^\]]*\]:.*$", re.MULTILINE),  # abbreviation definitions
    re.compile(r"^\[\^[^\]]+\]:", re.MULTILINE),  # footnote labels
    re.compile(r"\[\^[^\]]+\]"),  # footnote references
]


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def find_abbreviations(markdown: str, first_line: int = 1) -> list[tuple[str, int]]:
    """Every abbreviation-like word in a page's Markdown text, with its line (code and URLs skipped)."""
    text = _FENCE.sub(_blank, markdown)
    for pattern in _HIDDEN:
        text = pattern.sub(_blank, text)
    found = []
    for number, line in enumerate(text.splitlines(), start=first_line):
        found += [(match.group(0), number) for match in ABBREVIATION.finditer(line)]
    return found


def local_definitions(markdown: str, first_line: int = 1) -> list[tuple[str, int]]:
    """Abbreviations a page defines itself (each belongs in data/glossary.yml instead), with lines."""
    return [
        (match.group(1), first_line + markdown.count("\n", 0, match.start()))
        for match in LOCAL_DEFINITION.finditer(_FENCE.sub(_blank, markdown))
    ]


def undefined_abbreviations(found: Iterable[tuple[str, str, int]], glossary: Glossary) -> list[str]:
    """``path:line: WORD`` for every abbreviation (path, word, line) with no glossary entry."""
    known = set(abbreviations(glossary)) | {item.word for item in glossary.not_abbreviations}
    return [f"{path}:{line}: {word}" for path, word, line in found if word not in known]
