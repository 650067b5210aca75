"""Search synonyms, added to the index at build time: abbreviations and section numbers.

Practitioners write "ICPC" where the guidance writes "initial child protection conference", and
"s47", "S.47" or "section 47" for the same duty. Rather than widening the reader's query (which,
with lunr's "any word may match" queries, would drown the results in every page that says "child"),
the index records, at the place where a page uses one form, the words of the other form:

* where a page writes an abbreviation (``ICPC``, ``ICPCs``), the words of its expansion are added
  at that position; where it writes the expansion (in any word form: "conferences"), the
  abbreviation is added at the position of the phrase's words. Either way, the reader's words
  find the place, and Material's result teaser highlights the words the page actually uses;
* every way of writing a section number (``s47``, ``S.47``, ``s 47``, ``section 47``, ``sections
  17 and 47``) adds one term, ``s47``; the search box rewrites the reader's query the same way
  (``search.query.rewrite_query`` and its twin in ``search/worker.js``).

The abbreviations come from one place only: the glossary (``data/glossary.yml``), passed in as
pairs of (forms, expansion) by the search feature of the plugin. There is no second list here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from handbook.governance.glossary import Glossary, load_glossary, terms_with_expansions
from handbook.search.tokens import Token, tokenize, word_stem

#: A section reference written as one word: s47, s.47, S17A.
SECTION_WORD = re.compile(r"^s\.?([0-9]+[a-z]?)$")
#: Words that introduce section numbers: "section 47", "sections 17 and 47", "s 47", "sec. 47".
SECTION_LEAD = re.compile(r"^(?:s|ss|sec|sect|section|sections)\.?$")
#: A number after such a word, allowing the punctuation a separator may leave on it ("47,").
SECTION_NUMBER = re.compile(r"^([0-9]+[a-z]?)[,;:.)]*$")
#: Words that continue a list of section numbers: "sections 10, 11 and 47" (numbers in a list go up,
#: which tells "sections 10, 11" from "section 47(1)" once punctuation has been split off).
SECTION_JOIN = {"and", "or", "to", "&amp;"}
#: The glossary's own entries for section numbers (s17, s47): the section rule above serves them.
SECTION_TERM = re.compile(r"^s[0-9]+[a-z]?$", re.IGNORECASE)

#: Words added to the index: the term and the positions (in Material's encoding) of the words it stands for.
Extra = tuple[str, tuple[int, ...]]


def section_term(number: str) -> str:
    """The one index term for a section number: ``47`` → ``s47``."""
    return "s" + number.lower()


def _number(text: str) -> int:
    return int(re.match(r"[0-9]+", text).group(0))


def section_terms(tokens: Sequence[Token], words: Sequence[str] | None = None) -> list[Extra]:
    """An ``sN`` term for every section reference in the tokens, at the positions of its words.

    ``words``: the tokens in lower case, if the caller has them already.
    """
    found: list[Extra] = []
    if words is None:
        words = [token.original.lower() for token in tokens]
    index = 0
    while index < len(tokens):
        word = words[index]
        if word[:1] != "s":
            index += 1
            continue
        lead = SECTION_LEAD.match(word)
        if not lead:
            single = SECTION_WORD.match(word)
            if single:
                found.append((section_term(single.group(1)), (tokens[index].position,)))
            index += 1
            continue
        cursor = index + 1
        previous = -1
        while cursor < len(tokens):
            number = SECTION_NUMBER.match(words[cursor])
            if not number or _number(number.group(1)) <= previous:
                break  # "section 47(1)": the 1 is a subsection, not section 1
            previous = _number(number.group(1))
            if cursor == index + 1:
                positions: tuple[int, ...] = (tokens[index].position, tokens[cursor].position)
            else:
                positions = (tokens[cursor].position,)
            found.append((section_term(number.group(1)), positions))
            cursor += 1
            if cursor + 1 < len(tokens) and words[cursor] in SECTION_JOIN and SECTION_NUMBER.match(words[cursor + 1]):
                cursor += 1
        index = max(cursor, index + 1)
    return found


def expansion_phrase(expansion: str) -> str:
    """The words a page would write for a glossary expansion: without asides in brackets or a leading "the"."""
    phrase = re.sub(r"\([^)]*\)", " ", expansion)
    phrase = re.sub(r"^\s*the\s+", "", phrase, flags=re.IGNORECASE)
    return " ".join(phrase.split())


@dataclass(frozen=True)
class _Entry:
    abbreviation: str  # the index term for the abbreviation: "icpc"
    words: tuple[str, ...]  # the expansion's words, lower case: ("initial", "child", "protection", "conference")
    stems: tuple[str, ...]  # their stems, to find the phrase in any word form


class Synonyms:
    """Abbreviation ↔ expansion pairs, ready to find either form in a page's words."""

    def __init__(self, pairs: Iterable[tuple[Sequence[str], str]], separator: re.Pattern[str]) -> None:
        """``pairs``: (every form the pages write, e.g. ("ICPC", "ICPCs"), and the expansion)."""
        #: first word of a form as written → (the form's words, entry), longest first
        self._forms: dict[str, list[tuple[tuple[str, ...], _Entry]]] = {}
        #: stem of an expansion's first word → entries
        self._phrases: dict[str, list[_Entry]] = {}
        for forms, expansion in pairs:
            forms = [form for form in forms if form.strip()]
            if not forms or SECTION_TERM.match(forms[0]):
                continue  # no forms, or a section number: section_terms() covers every way it is written
            words = tuple(token.text for token in tokenize(expansion_phrase(expansion), separator))
            main = tuple(token.text for token in tokenize(forms[0], separator))
            if not words or not main or words == main:
                continue
            entry = _Entry(" ".join(main), words, tuple(word_stem(word) for word in words))
            for form in forms:
                written = tuple(token.original for token in tokenize(form, separator))
                if written:
                    self._forms.setdefault(written[0], []).append((written, entry))
            self._phrases.setdefault(entry.stems[0], []).append(entry)
        for candidates in self._forms.values():
            candidates.sort(key=lambda candidate: -len(candidate[0]))

    def __bool__(self) -> bool:
        return bool(self._forms)

    def query_phrases(self) -> list[tuple[list[str], str]]:
        """(stems of an expansion of two or more words, its abbreviation's term), for the search box.

        A reader who types "initial child protection conference" wants the places that say exactly
        that (or ICPC) before those that merely use the four words; the index has "icpc" at both,
        so the search box adds it to the query (``rewrite_query``), unseen by the reader.
        """
        found: dict[tuple[str, ...], str] = {}
        for entries in self._phrases.values():
            for entry in entries:
                if len(entry.stems) > 1 and " " not in entry.abbreviation:
                    found.setdefault(entry.stems, entry.abbreviation)
        return [[list(stems), term] for stems, term in sorted(found.items())]

    def extra_terms(self, tokens: Sequence[Token], words: Sequence[str] | None = None) -> list[Extra]:
        """The words to add to the index for the tokens of one field (abbreviations and section numbers).

        ``words``: the tokens in lower case, if the caller has them already.
        """
        if words is None:
            words = [token.original.lower() for token in tokens]
        found = section_terms(tokens, words)
        if not self._forms:
            return found
        originals = [token.original for token in tokens]
        stems = [word_stem(word) for word in words]
        for index in range(len(tokens)):
            # An abbreviation as the pages write it (case matters: "US" is not "us").
            for written, entry in self._forms.get(originals[index], ()):
                end = index + len(written)
                if tuple(originals[index:end]) == written:
                    positions = tuple(token.position for token in tokens[index:end])
                    found += [(word, positions) for word in entry.words]
                    break
            # An expansion, in any word form ("initial child protection conferences").
            for entry in self._phrases.get(stems[index], ()):
                end = index + len(entry.stems)
                if tuple(stems[index:end]) == entry.stems:
                    found.append((entry.abbreviation, tuple(token.position for token in tokens[index:end])))
        return found


def glossary_pairs(root: Path) -> list[tuple[tuple[str, ...], str]]:
    """THE ONE SOURCE OF SEARCH SYNONYMS: the glossary (``data/glossary.yml``, read by
    ``handbook.governance.glossary``).

    Returns (every form the pages write, expansion) for each glossary term. Nothing else in the
    search code knows any abbreviation (section numbers follow a rule, not a list).
    """
    return synonym_pairs(load_glossary(root))


def synonym_pairs(glossary: Glossary) -> list[tuple[tuple[str, ...], str]]:
    """``glossary_pairs`` for a glossary already loaded (the build loads it once)."""
    return [(tuple(term.forms), term.expansion) for term in terms_with_expansions(glossary)]
