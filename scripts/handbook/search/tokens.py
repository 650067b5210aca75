"""Split search text into terms exactly as Material's search worker does, in Python.

The handbook builds its lunr index at build time (``search/index.py``) and the browser only loads
it. For that to give the same results as an index built in the browser, every term and every
highlight position must come out exactly as Material for MkDocs 9.8 makes them in JavaScript:

* ``tokenize`` is Material's tokenizer (``integrations/search/internal/tokenize``): the text is
  split into blocks at top-level HTML tags, each block into words at the ``separator`` expression,
  and every word carries a position ``block << 20 | index within the block`` that the worker later
  turns into a ``<mark>`` in the result's teaser;
* ``js_regex`` gives Python's ``re`` the meaning the same expression has in JavaScript;
* ``stem`` is lunr.js 2.3.9's Porter stemmer, not lunr.py's (which differs for words like "try"
  and "lay"): the worker stems the reader's words with lunr.js, so the index must use the same one;
* ``STOP_WORDS`` is lunr's English stop-word list (the same in lunr.js and lunr.py);
* ``word_stem`` adds the few irregular plurals the stemmer misses (children → child).

``tests/search/test_worker.py`` (``test_loaded_index_gives_materials_own_results``) runs Material's
own worker in Node.js, once building its index from the documents and once loading the index made
here, and checks that every result, highlighted positions included, is the same.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from lunr.stop_word_filter import WORDS as STOP_WORDS

__all__ = ["IRREGULAR", "STOP_WORDS", "Token", "js_regex", "split", "stem", "tokenize", "word_stem"]

#: What JavaScript's ``\s`` matches (ECMAScript WhiteSpace and LineTerminator); Python's differs.
_JS_WHITESPACE = "\\t\\n\\v\\f\\r \\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"


class Token(NamedTuple):
    """A word as written and its position (``block << 20 | index``) as Material encodes it."""

    original: str
    position: int

    @property
    def text(self) -> str:
        return self.original.lower()


@lru_cache(maxsize=32)
def js_regex(source: str) -> re.Pattern[str]:
    """Compile a JavaScript regular expression (no flags) so that it matches what JavaScript matches.

    Without the ``u`` flag JavaScript's ``\\d``, ``\\w`` and ``\\b`` are ASCII-only (``re.ASCII``),
    while its ``\\s`` covers a fixed set of Unicode spaces (spelt out here).
    """
    out: list[str] = []
    in_class = False
    index = 0
    while index < len(source):
        char = source[index]
        if char == "\\" and index + 1 < len(source):
            pair = source[index : index + 2]
            if pair == "\\s":
                out.append(_JS_WHITESPACE if in_class else f"[{_JS_WHITESPACE}]")
            else:
                out.append(pair)
            index += 2
            continue
        if char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        out.append(char)
        index += 1
    return re.compile("".join(out), re.ASCII)


def _split_exact(text: str, separator: re.Pattern[str]) -> list[tuple[int, int]]:
    """Material's ``split`` loop, including its handling of zero-length matches (look-aheads)."""
    spans = []
    index = 0
    position = 0
    while True:
        match = separator.search(text, position)
        until = match.start() if match else len(text)
        if index < until:
            spans.append((index, until))
        if not match:
            return spans
        index = match.end()
        position = match.end() if match.end() > match.start() else match.start() + 1
        if position > len(text):
            return spans


def split(text: str, separator: re.Pattern[str]) -> list[tuple[int, int]]:
    """The (start, end) of every non-empty stretch between separator matches (Material's ``split``).

    ``finditer`` gives the same matches as JavaScript's loop unless a match is empty; then the
    exact loop is used.
    """
    spans = []
    index = 0
    for match in separator.finditer(text):
        start, end = match.span()
        if start == end:
            return _split_exact(text, separator)
        if index < start:
            spans.append((index, start))
        index = end
    if index < len(text):
        spans.append((index, len(text)))
    return spans


def _int32(value: int) -> int:
    """JavaScript's bitwise operators work on 32-bit signed integers."""
    value &= 0xFFFFFFFF
    return value - 0x100000000 if value & 0x80000000 else value


_MARKUP = re.compile(r"[<>]")


def _blocks(text: str) -> list[tuple[int, int, int, int]]:
    """Material's ``extract``: (block, kind, start, end) for tags (kind 0 open, 2 close) and text (1).

    Material walks the string character by character; only ``<`` and ``>`` change its state, so
    this visits just those.
    """
    found = []
    block = start = 0
    stack = 0
    for match in _MARKUP.finditer(text):
        end = match.start()
        if text[end] == "<":
            if end > start:
                found.append((block, 1, start, end))
                start = end
        else:
            if start + 1 < len(text) and text[start + 1] == "/":
                stack -= 1
                if stack == 0:
                    found.append((block, 2, start, end + 1))
                    block += 1
            elif end == 0 or text[end - 1] != "/":
                if stack == 0:
                    found.append((block, 0, start, end + 1))
                stack += 1
            start = end + 1
    if len(text) > start:
        found.append((block, 1, start, len(text)))
    return found


def tokenize(value: str | list[str] | None, separator: re.Pattern[str]) -> list[Token]:
    """Words of a search field with Material's positions; a list (tags) continues the block count."""
    if value is None:
        return []
    inputs = value if isinstance(value, list) else [value]
    tokens: list[Token] = []
    counts: list[int] = []  # entries per block in Material's position table (tags and words)
    for text in inputs:
        total = len(counts)
        for block, kind, start, end in _blocks(text):
            block += total
            while len(counts) <= block:
                counts.append(0)
            if kind != 1:
                counts[block] += 1
                continue
            section = text[start:end]
            count = counts[block]
            base = block << 20
            spans = split(section, separator)
            if block < 2048:  # the position fits in 31 bits: no 32-bit wrap-around to imitate
                tokens += [Token(section[first:until], base | (count + i)) for i, (first, until) in enumerate(spans)]
            else:
                tokens += [Token(section[f:u], _int32(base | (count + i))) for i, (f, u) in enumerate(spans)]
            counts[block] = count + len(spans)
    return tokens


# --- lunr.js 2.3.9's Porter stemmer, line for line -------------------------------------------------

_STEP2 = {
    "ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize", "bli": "ble",
    "alli": "al", "entli": "ent", "eli": "e", "ousli": "ous", "ization": "ize", "ation": "ate",
    "ator": "ate", "alism": "al", "iveness": "ive", "fulness": "ful", "ousness": "ous", "aliti": "al",
    "iviti": "ive", "biliti": "ble", "logi": "log",
}  # fmt: skip
_STEP3 = {"icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "", "ness": ""}
_c = "[^aeiou]"
_v = "[aeiouy]"
_C = _c + "[^aeiouy]*"
_V = _v + "[aeiou]*"
_MGR0 = re.compile("^(" + _C + ")?" + _V + _C)
_MEQ1 = re.compile("^(" + _C + ")?" + _V + _C + "(" + _V + ")?$")
_MGR1 = re.compile("^(" + _C + ")?" + _V + _C + _V + _C)
_S_V = re.compile("^(" + _C + ")?" + _v)
_RE_1A = re.compile(r"^(.+?)(ss|i)es$")
_RE2_1A = re.compile(r"^(.+?)([^s])s$")
_RE_1B = re.compile(r"^(.+?)eed$")
_RE2_1B = re.compile(r"^(.+?)(ed|ing)$")
_RE2_1B_2 = re.compile(r"(at|bl|iz)$")
_RE3_1B_2 = re.compile(r"([^aeiouylsz])\1$")
_RE4_1B_2 = re.compile("^" + _C + _v + "[^aeiouwxy]$")
_RE_1C = re.compile(r"^(.+?[^aeiou])y$")
_RE_2 = re.compile("^(.+?)(" + "|".join(_STEP2) + ")$")
_RE_3 = re.compile("^(.+?)(" + "|".join(_STEP3) + ")$")
_RE_4 = re.compile(r"^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$")
_RE2_4 = re.compile(r"^(.+?)(s|t)(ion)$")
_RE_5 = re.compile(r"^(.+?)e$")
_RE_5_1 = re.compile(r"ll$")
_RE3_5 = re.compile("^" + _C + _v + "[^aeiouwxy]$")


def _search(pattern: re.Pattern[str], word: str) -> re.Match[str] | None:
    """JavaScript's ``.`` does not match line breaks and ``$`` only matches at the very end."""
    match = pattern.search(word)
    if match and pattern.pattern.endswith("$") and match.end() != len(word):
        return None
    return match


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """lunr.js's ``porterStemmer`` (lunr 2.3.9), so the index and the browser agree on every stem."""
    if len(word) < 3:
        return word
    first = word[0]
    w = "Y" + word[1:] if first == "y" else word
    # Step 1a
    if (m := _search(_RE_1A, w)) or (m := _search(_RE2_1A, w)):
        w = m.group(1) + m.group(2)
    # Step 1b
    if m := _search(_RE_1B, w):
        if _MGR0.search(m.group(1)):
            w = w[:-1]
    elif m := _search(_RE2_1B, w):
        base = m.group(1)
        if _S_V.search(base):
            w = base
            if _search(_RE2_1B_2, w):
                w = w + "e"
            elif _search(_RE3_1B_2, w):
                w = w[:-1]
            elif _search(_RE4_1B_2, w):
                w = w + "e"
    # Step 1c
    if m := _search(_RE_1C, w):
        w = m.group(1) + "i"
    # Step 2
    if (m := _search(_RE_2, w)) and _MGR0.search(m.group(1)):
        w = m.group(1) + _STEP2[m.group(2)]
    # Step 3
    if (m := _search(_RE_3, w)) and _MGR0.search(m.group(1)):
        w = m.group(1) + _STEP3[m.group(2)]
    # Step 4
    if m := _search(_RE_4, w):
        if _MGR1.search(m.group(1)):
            w = m.group(1)
    elif (m := _search(_RE2_4, w)) and _MGR1.search(m.group(1) + m.group(2)):
        w = m.group(1) + m.group(2)
    # Step 5
    if m := _search(_RE_5, w):
        base = m.group(1)
        if _MGR1.search(base) or (_search(_MEQ1, base) and not _search(_RE3_5, base)):
            w = base
    if _search(_RE_5_1, w) and _MGR1.search(w):
        w = w[:-1]
    if first == "y":
        w = "y" + w[1:]
    return w


#: Plurals the Porter stemmer cannot reduce, that matter in this field ("child" must find "children").
#: The worker gets this list from the index's settings (``settings.irregular``, search/worker.js).
IRREGULAR = {"children": "child", "people": "person", "women": "woman", "men": "man"}


def word_stem(word: str) -> str:
    """The stem the handbook indexes and searches for a lower-case word: lunr's, or the singular."""
    return IRREGULAR.get(word) or stem(word)
