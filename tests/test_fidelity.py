"""Fidelity: every sentence of the five source documents appears, word for word, on the built site.

The chapters were converted from the source documents in ``shared/seeds/`` once, by hand, and the
Markdown is now the source of truth. These tests make sure that no sentence of a source was lost or
reworded on the way. Only the words count: punctuation, dashes, bullets and conversion debris (``?``
for a dash, ``�`` for a footnote marker) are ignored, and so is the page furniture listed below.

A page mirrors a source when its front matter says ``source: "seeds/<file>"``. For each source the
test splits the text into sentences, turns each sentence into lowercase words (letters and digits
only), and looks for that run of words in the visible text of the built pages that mirror it.
Web addresses are checked separately: each must be the target of a link on those pages. Table A of
the 2013 consultation draft is checked cell by cell.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from handbook import PROJECT_ROOT
from handbook.core.sources import load_pages

SEEDS_DIR = PROJECT_ROOT.parent / "shared" / "seeds"

SEED_000 = "000_2d3d7286d1b319e5.txt"  # LSCB procedures: preface and introduction
SEED_001 = "001_685be4c2dfb61857.txt"  # Working Together 2010: executive summary
SEED_002 = "002_f182e7c6c64a9e74.txt"  # Working Together 2013 (final): About this guidance
SEED_003 = "003_a1e4917e631db10f.txt"  # Working Together 2013: consultation draft, June 2012
SEED_004 = "004_8b05010c0337e2e8.txt"  # a safeguarding partnership's summary of Working Together 2018
SEEDS = [SEED_000, SEED_001, SEED_002, SEED_003, SEED_004]

#: Text removed from a source on purpose: it is furniture of the page it was copied from, not part of
#: the document. Each entry says why. Anything not listed here must appear on the site.
FURNITURE: dict[str, list[str]] = {
    SEED_000: [
        # The source web site's navigation link ("View Working Together"), captured twice.
        "View Working Together View Working Together",
    ],
    SEED_001: [],
    SEED_002: [
        # Caption of a screenshot on the page the text was captured from (French-language file name).
        "Capture d’écran 2014-11-12 à 15.35.28",
        # The source page's download button.
        "Download\u00a0here",
        # The source blog's empty tag list.
        "Tagged on:",
    ],
    SEED_003: [
        # A word-processor field code left in a footnote; the address itself is kept (see URL check).
        'HYPERLINK "http://www.ukba.homeoffice.gov.uk/sitecontent/documents/policyandlaw/legislation/bci-act1/"',
    ],
    SEED_004: [],
}

#: Lines of seed 003 that are Table A (header cells and body cells); checked by test_table_a instead.
TABLE_A_START = "Table A - Bodies and individuals covered by key duties:"
TABLE_A_END = " Section 10 of the Children Act 2004 requires each local authority"

#: Paragraph numbers that must each have exactly one anchor, by the pages that must hold them.
NUMBERED = {"consultation-draft": range(1, 77), "final": range(1, 8)}

URL = re.compile(r"(?:https?://|www\.)[^\s\"\ufffd]+")
BULLET = re.compile(r"^\s*[•·\uf0b7\u2022]\s*")
LIST_NUMBER = re.compile(r"^\s*\d+\.(?:\s+|$)")  # "1." list numbering; paragraph anchors are checked apart
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
WORD = re.compile(r"[^\W_]+")

#: Elements whose text is not part of the words of the document.
SKIPPED_CLASSES = {
    "headerlink",
    "footnote-backref",
    "hb-para__num",
    # Editorial marks ("[sic]" after a slip in a source) are the handbook's words, not the source's:
    # skipping them lets the test see the source's sentence whole.
    "hb-editorial",
}
BLOCK_TAGS = {
    "p", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "table", "div",
    "dt", "dd", "dl", "blockquote", "br", "hr", "details", "summary", "figure", "figcaption",
}  # fmt: skip
VOID_TAGS = {"br", "hr", "img", "input", "meta", "link", "wbr"}


# --- Turning text into words ----------------------------------------------------------------------


def words(text: str) -> list[str]:
    """Lowercase words of ``text``: letters and digits only, so punctuation and debris do not count."""
    return WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def seed_text(name: str) -> str:
    text = (SEEDS_DIR / name).read_text(encoding="utf-8")
    for furniture in FURNITURE[name]:
        assert furniture in text, f"{name}: furniture {furniture!r} is no longer in the source: update FURNITURE"
        text = text.replace(furniture, "\n")
    if name == SEED_003:
        start = text.index(TABLE_A_START) + len(TABLE_A_START)
        end = text.index(TABLE_A_END)
        text = text[:start] + "\n" + text[end:]
    return text


def seed_units(name: str, text: str) -> list[str]:
    """Lines of a source, with bullets and list numbers removed and broken lines joined."""
    lines = text.splitlines()
    if name == SEED_004:
        # This source was copied from a PDF: its lines break mid-sentence, with blank lines between.
        lines = [line for line in lines if line.strip()]
        # Its bullets are "o" and a private-use character.
        lines = [re.sub(r"^\s*o\s+", "", line) for line in lines]
    units: list[str] = []
    previous_blank = True
    for raw in lines:
        if not raw.strip():
            previous_blank = True
            continue
        line = LIST_NUMBER.sub("", BULLET.sub("", raw)).strip()
        # A line that starts in lower case continues the line before (a sentence broken by the copy).
        if units and not previous_blank and line[:1].islower():
            units[-1] += " " + line
        else:
            units.append(line)
        previous_blank = False
    return units


def seed_sentences(name: str) -> list[str]:
    """The sentences of a source, web addresses taken out (they are checked as links)."""
    sentences = []
    for unit in seed_units(name, seed_text(name)):
        for part in URL.split(unit):
            sentences.extend(piece for piece in SENTENCE_END.split(part) if words(piece))
    return sentences


def seed_urls(name: str) -> list[str]:
    return URL.findall(seed_text(name))


def normal_url(url: str) -> str:
    return re.sub(r"^https?://", "", url).rstrip("/")


def missing_sentences(sentences: list[str], page_words: list[str]) -> list[str]:
    """The sentences whose words do not appear, in order and next to each other, in ``page_words``."""
    haystack = " " + " ".join(page_words) + " "
    return [s for s in sentences if " " + " ".join(words(s)) + " " not in haystack]


# --- Reading the built pages ----------------------------------------------------------------------


class ArticleText(HTMLParser):
    """The visible words of a page's main content, its links, its paragraph ids and its tables."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.hrefs: list[str] = []
        self.ids: list[str] = []
        self.tables: list[list[list[str]]] = []
        self._depth = 0  # depth inside <article>
        self._skip_depth = 0  # depth inside a skipped element (0: not skipping)
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if self._depth == 0:
            if tag == "article":
                self._depth = 1
            return
        if tag not in VOID_TAGS:
            self._depth += 1
        if self._skip_depth:
            if tag not in VOID_TAGS:
                self._skip_depth += 1
            return
        classes = set(values.get("class", "").split())
        footnote_ref = tag == "sup" and values.get("id", "").startswith("fnref")
        if classes & SKIPPED_CLASSES or footnote_ref:
            self._skip_depth = 1
            return
        if values.get("id", "").startswith("para-"):
            self.ids.append(values["id"])
        if tag == "a" and values.get("href"):
            self.hrefs.append(values["href"])
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        if tag in BLOCK_TAGS:
            self.chunks.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self._depth == 0 or tag in VOID_TAGS:  # "<hr />" reports an end tag too: it opened nothing
            return
        self._depth -= 1
        if self._skip_depth:
            self._skip_depth -= 1
            return
        if tag in ("td", "th") and self._cell is not None and self.tables and self.tables[-1]:
            self.tables[-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        if tag in BLOCK_TAGS:
            self.chunks.append(" ")

    def handle_data(self, data: str) -> None:
        if self._depth and not self._skip_depth:
            self.chunks.append(data)
            if self._cell is not None:
                self._cell.append(data)

    @property
    def text(self) -> str:
        return "".join(self.chunks)


def read_article(path: Path) -> ArticleText:
    parser = ArticleText()
    parser.feed(path.read_text(encoding="utf-8"))
    assert parser.chunks, f"{path}: no <article> content found"
    return parser


def built_path(site: Path, src_uri: str) -> Path:
    """Where MkDocs (with directory URLs) writes a page: a/b.md -> a/b/index.html, a/index.md -> a/index.html."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return site / (stem + ".html")
    return site / stem / "index.html"


def mirror_pages() -> dict[str, list[tuple[str, str | None]]]:
    """Source file -> [(src_uri, edition_text)] of the pages whose front matter names it."""
    pages, errors = load_pages(PROJECT_ROOT)
    assert not errors, "\n".join(str(error) for error in errors)
    found: dict[str, list[tuple[str, str | None]]] = {name: [] for name in SEEDS}
    for page in sorted(pages, key=lambda p: p.src_uri):
        match = re.fullmatch(r"seeds/(.+)", page.meta.source)
        if match and match.group(1) in found:
            found[match.group(1)].append((page.src_uri, page.meta.edition_text))
    return found


@pytest.fixture(scope="module")
def mirrors() -> dict[str, list[tuple[str, str | None]]]:
    return mirror_pages()


# --- The tests ------------------------------------------------------------------------------------


def test_every_source_is_present() -> None:
    missing = [name for name in SEEDS if not (SEEDS_DIR / name).is_file()]
    assert not missing, f"source documents not found in {SEEDS_DIR}: {missing}"


def test_every_source_has_pages(mirrors: dict[str, list[tuple[str, str | None]]]) -> None:
    empty = [name for name, pages in mirrors.items() if not pages]
    assert not empty, f"no page says 'source: \"seeds/<file>\"' for: {empty}"


@pytest.mark.slow
@pytest.mark.parametrize("name", SEEDS)
def test_every_sentence_is_on_the_site(
    name: str, http_site: Path, mirrors: dict[str, list[tuple[str, str | None]]]
) -> None:
    articles = [read_article(built_path(http_site, uri)) for uri, _ in mirrors[name]]
    page_words: list[str] = []
    for article in articles:
        page_words += [*words(article.text), "|"]  # "|" is never a word: no match across two pages
    missing = missing_sentences(seed_sentences(name), page_words)
    pages = ", ".join(uri for uri, _ in mirrors[name])
    assert not missing, f"{len(missing)} sentence(s) of seeds/{name} are not on its pages ({pages}):\n" + "\n".join(
        f"  - seeds/{name}: {sentence!r}" for sentence in missing
    )


@pytest.mark.slow
@pytest.mark.parametrize("name", SEEDS)
def test_every_web_address_is_a_link(
    name: str, http_site: Path, mirrors: dict[str, list[tuple[str, str | None]]]
) -> None:
    hrefs = {normal_url(h) for uri, _ in mirrors[name] for h in read_article(built_path(http_site, uri)).hrefs}
    missing = [url for url in seed_urls(name) if normal_url(url) not in hrefs]
    assert not missing, f"web addresses in seeds/{name} that are not linked on its pages: {missing}"


def table_a_rows() -> list[list[str]]:
    """Table A of seed 003 as rows of 7 cells: one cell per tab-started line, continuation lines joined."""
    text = (SEEDS_DIR / SEED_003).read_text(encoding="utf-8")
    start = text.index(TABLE_A_START) + len(TABLE_A_START)
    cells: list[str] = []
    for line in text[start : text.index(TABLE_A_END)].splitlines():
        if line.startswith("\t"):
            cells.append(line.strip())
        elif line.strip():
            cells[-1] = f"{cells[-1]} {line.strip()}".strip()
    rows = [cells[i : i + 7] for i in range(0, len(cells), 7)]
    return [row + [""] * (7 - len(row)) for row in rows]


@pytest.mark.slow
def test_table_a(http_site: Path, mirrors: dict[str, list[tuple[str, str | None]]]) -> None:
    """Each body's row says "Yes" (with the draft's note) where the draft marks X, and nothing elsewhere."""
    seed_rows = table_a_rows()
    tables = [t for uri, _ in mirrors[SEED_003] for t in read_article(built_path(http_site, uri)).tables]
    site = next((t for t in tables if t and t[0] and words(t[0][0]) == ["body"]), None)
    assert site is not None, "Table A (first header cell 'Body') not found on the consultation draft's pages"
    assert [words(c) for c in site[0]] == [words(c) for c in seed_rows[0]], "Table A's column headings differ"
    problems = []
    site_rows = {tuple(words(row[0])): row for row in site[1:]}
    for seed_row in seed_rows[1:]:
        row = site_rows.get(tuple(words(seed_row[0])))
        if row is None:
            problems.append(f"no row for {seed_row[0]!r}")
            continue
        for column, (expected, shown) in enumerate(zip(seed_row[1:], row[1:], strict=True), start=1):
            marked = expected[:1] in ("X", "x")
            ok = words(shown) == ["yes", *words(expected[1:])] if marked else not words(shown)
            if not ok:
                problems.append(
                    f"{seed_row[0]!r}, column {column} ({seed_rows[0][column]!r}): draft has "
                    f"{expected!r}, site shows {shown!r}"
                )
    assert len(site) - 1 == len(seed_rows) - 1, f"Table A has {len(site) - 1} rows; the draft has {len(seed_rows) - 1}"
    assert not problems, "Table A differs from seeds/" + SEED_003 + ":\n" + "\n".join(problems)


@pytest.mark.slow
@pytest.mark.parametrize(("edition_text", "name"), [("consultation-draft", SEED_003), ("final", SEED_002)])
def test_numbered_paragraphs_have_one_anchor_each(
    edition_text: str, name: str, http_site: Path, mirrors: dict[str, list[tuple[str, str | None]]]
) -> None:
    uris = [uri for uri, text in mirrors[name] if text == edition_text]
    ids = Counter(i for uri in uris for i in read_article(built_path(http_site, uri)).ids)
    expected = {f"para-{n}" for n in NUMBERED[edition_text]}
    problems = [f"{i}: {ids[i]} anchors" for i in sorted(expected, key=lambda s: int(s[5:])) if ids[i] != 1]
    problems += [f"{i}: not a paragraph of this text" for i in sorted(set(ids) - expected)]
    assert not problems, f"paragraph anchors on the {edition_text} pages ({', '.join(uris)}):\n" + "\n".join(problems)


@pytest.mark.slow
def test_published_paragraph_links(http_site: Path) -> None:
    """The home page and quick guide link to paragraph 60 of the draft on this page: it must stay there."""
    page = built_path(http_site, "working-together/2013/consultation-draft/multi-agency-responsibilities.md")
    ids = read_article(page).ids
    assert "para-60" in ids and "para-61" in ids


# --- The checker itself can fail ------------------------------------------------------------------


def test_checker_reports_a_missing_sentence() -> None:
    sentences = seed_sentences(SEED_002)
    page = words(" ".join(sentences))
    assert missing_sentences(sentences, page) == []
    dropped = sentences[3]
    assert missing_sentences(sentences, words(" ".join(s for s in sentences if s != dropped))) == [dropped]
    reworded = [s.replace("should", "must") for s in sentences]
    assert missing_sentences(sentences, words(" ".join(reworded)))


def test_checker_ignores_debris_but_not_words() -> None:
    page = words("Early years services – children's centres, nurseries")
    assert missing_sentences(["Early years services ? children's centres, nurseries"], page) == []
    assert missing_sentences(["Early years services ? children's homes"], page)


def test_checker_skips_editorial_marks() -> None:
    """A "[sic]" mark after a slip is the handbook's: the source's sentence must still be found whole."""
    article = ArticleText()
    article.feed(
        '<article><p>detained under the Mental Health Act 2005 <span class="hb-editorial" id="sic-x">'
        '<a href="#editorial-notes" aria-label="sic: editorial note">[sic]</a></span>. LSCBs should</p></article>'
    )
    sentence = "detained under the Mental Health Act 2005. LSCBs should"
    assert missing_sentences([sentence], words(article.text)) == []
    assert "sic" not in words(article.text)
