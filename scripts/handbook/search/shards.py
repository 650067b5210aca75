"""The search index cut into small files, so that a page load carries none of it and a query fetches
only what it needs.

One index for the whole handbook, fetched by every page load, costs 15 MB at 1,000 chapters
(README, Search performance). Here the build writes the index the browser searches
(``IndexBuilder.compact``) as:

* a **manifest** in Material's ``search_index.json`` (a few kB), which every page loads: the
  settings, the first term of each term chunk and the first document of each document chunk;
* **term chunks**: consecutive terms in lunr's order with their postings, about
  ``TERM_CHUNK_BYTES`` each. A query word is a prefix (Material adds ``*``), and the terms a prefix
  begins are consecutive, so a word needs the one or few chunks whose range it falls in;
* **the document table**: every document's field lengths (for lunr's length normalisation, which
  needs every matching document's length; as base-36 digits) and the pages (first document,
  address, title), which ranking and the result list need for every match; fetched once, by the
  first query;
* **document chunks**: one page's documents (location, title, text, tags, boost) and the synonym
  words added to them (a page longer than ``DOC_CHUNK_BYTES`` is cut), fetched only for results
  the reader is shown.

Each file is written as ``.json`` for http and, in the file-share edition, also as ``.js`` for
``file://``, where a browser fetches nothing but still runs scripts
(``self.__handbookShard(name, data)``). The files live in a folder
named after a digest of their content, so a page from an earlier build can never mix in a newer
file: it finds its own folder gone and says so in the search box (search/worker.js).

``read_shards`` joins the files back into one index: the search box in Python (``search.query``) and
the relevance suite read the built site through it, so they test what the browser is sent.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: Version of this layout; search/worker.js refuses another.
FORMAT = 2
#: Target size of a term chunk, as stored. Small enough that a query's words cost tens of kB, large
#: enough that a handbook of 1,000 chapters has a few hundred chunks, not thousands of files.
TERM_CHUNK_BYTES = 12_000
#: Largest size of a document chunk. A chunk holds one page's documents (it never spans pages), so
#: a result shown costs one file; only a page longer than this is cut, so that a long page with one
#: matching section does not fetch all its text. (At 8 kB, the ten pages a query shows came in
#: about 19 files, and the second round of fetching took longer than the first.)
DOC_CHUNK_BYTES = 24_000
#: The document table's file name, inside the shard folder.
DOCUMENTS = "documents"
#: What the page loads: the folder's name begins with this, then the content digest.
FOLDER_PREFIX = "shards-"
#: The function a ``.js`` shard calls (search/worker.js defines it).
SCRIPT_CALLBACK = "self.__handbookShard"


_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _chunks(sizes: Sequence[int], target: int, breaks: Sequence[int] = ()) -> list[int]:
    """Where each chunk starts: consecutive items until a chunk reaches ``target`` bytes, and at
    every item in ``breaks`` (a result fetches its page's chunks: they should hold no other page)."""
    starts: list[int] = []
    at_break = set(breaks)
    filled = target
    for number, size in enumerate(sizes):
        if filled >= target or number in at_break:
            starts.append(number)
            filled = 0
        filled += size
    return starts


def encode_boosts(docs: Sequence[Mapping[str, Any]]) -> tuple[list[float], str]:
    """The documents' boosts: the few values there are, and one base-36 digit per document naming its value."""
    values = sorted({float(doc.get("boost") or 1) for doc in docs} | {1.0})
    if len(values) > len(_DIGITS):
        raise ValueError(f"the search documents have {len(values)} different boosts; the index allows {len(_DIGITS)}")
    number = {value: n for n, value in enumerate(values)}
    return values, "".join(_DIGITS[number[float(doc.get("boost") or 1)]] for doc in docs)


def _base36(number: int, width: int) -> str:
    digits = ""
    for _ in range(width):
        number, digit = divmod(number, 36)
        digits = _DIGITS[digit] + digits
    return digits


def encode_lengths(lengths: Sequence[int], fields: int) -> list[str]:
    """Each field's lengths as one string of fixed-width base-36 numbers (the width its longest needs).

    Every query needs every matching document's lengths, so the table is fetched by the first one;
    as JSON numbers it would be the largest file a query fetches."""
    encoded = []
    for field in range(fields):
        values = lengths[field::fields]
        width = 1
        while max(values, default=0) >= 36**width:
            width += 1
        encoded.append("".join(_base36(value, width) for value in values))
    return encoded


def decode_lengths(encoded: Sequence[str], count: int) -> list[int]:
    """``encode_lengths`` undone: the lengths, document by document, field by field."""
    columns = []
    for text in encoded:
        width = len(text) // count if count else 1
        columns.append([int(text[i : i + width], 36) for i in range(0, len(text), width)])
    return [column[doc] for doc in range(count) for column in columns]


def front_code(locations: Sequence[str]) -> list[list[Any]]:
    """Each location as [characters shared with the previous one, the rest]: pages in a folder share most."""
    coded: list[list[Any]] = []
    previous = ""
    for location in locations:
        shared = 0
        while shared < min(len(location), len(previous)) and location[shared] == previous[shared]:
            shared += 1
        coded.append([shared, location[shared:]])
        previous = location
    return coded


def front_decode(coded: Sequence[Sequence[Any]]) -> list[str]:
    locations: list[str] = []
    previous = ""
    for shared, rest in coded:
        previous = previous[:shared] + rest
        locations.append(previous)
    return locations


def page_starts(docs: Sequence[Mapping[str, Any]]) -> list[int]:
    """The first document of each page. Material takes a page's first document for the page, and the
    worker finds a document's page by its number, so a page's documents must be consecutive."""
    starts: list[int] = []
    seen: set[str] = set()
    previous = None
    for number, doc in enumerate(docs):
        page = doc["location"].split("#")[0]
        if page != previous:
            if page in seen:
                raise ValueError(f"the search documents of {page or 'the home page'} are not together")
            seen.add(page)
            starts.append(number)
            previous = page
    return starts


def shown_title(docs: Sequence[Mapping[str, Any]], start: int) -> str:
    """The title Material shows for a page: its first section's (setupSearchDocumentMap gives the
    page the title and text of its first section, the page's heading)."""
    page = docs[start]["location"]
    following = docs[start + 1] if start + 1 < len(docs) else None
    if following is not None and following["location"].startswith(page + "#"):
        return following["title"]
    return docs[start]["title"]


@dataclass(frozen=True)
class ShardFiles:
    """What was written: for the build log, the manifest and the tests."""

    folder: str
    term_chunks: int
    doc_chunks: int
    bytes: int
    manifest: dict[str, Any]


def shard_payloads(
    compact: Mapping[str, Any], docs: Sequence[Mapping[str, Any]]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The files' contents (name → data) and the manifest, before the folder's name is known."""
    terms, postings = compact["terms"], compact["postings"]
    term_sizes = [len(_dumps(term)) + len(_dumps(posting)) for term, posting in zip(terms, postings, strict=True)]
    term_starts = _chunks(term_sizes, TERM_CHUNK_BYTES)
    files: dict[str, Any] = {}
    for number, start in enumerate(term_starts):
        end = term_starts[number + 1] if number + 1 < len(term_starts) else len(terms)
        files[f"t{number}"] = {"start": start, "terms": terms[start:end], "postings": postings[start:end]}
    extra_by_doc: dict[int, list[list[Any]]] = {}
    for doc, field, word, *positions in compact["extra"]:
        extra_by_doc.setdefault(doc, []).append([doc, field, compact["words"][word], *positions])
    doc_sizes = [len(_dumps(doc)) + len(_dumps(extra_by_doc.get(n, []))) for n, doc in enumerate(docs)]
    starts = page_starts(docs)
    doc_starts = _chunks(doc_sizes, DOC_CHUNK_BYTES, starts)
    for number, start in enumerate(doc_starts):
        end = doc_starts[number + 1] if number + 1 < len(doc_starts) else len(docs)
        extra = [entry for doc in range(start, end) for entry in extra_by_doc.get(doc, [])]
        files[f"d{number}"] = {"start": start, "docs": list(docs[start:end]), "extra": extra}
    boost_values, boosts = encode_boosts(docs)
    files[DOCUMENTS] = {
        "lengths": encode_lengths(compact["lengths"], len(compact["fields"])),
        "boostValues": boost_values,
        "boosts": boosts,
        "starts": starts,
        "locations": front_code([docs[start]["location"] for start in starts]),
        "titles": [shown_title(docs, start) for start in starts],
    }
    manifest = {
        "format": FORMAT,
        "documents": len(docs),
        "terms": len(terms),
        "fields": compact["fields"],
        "b": compact["b"],
        "termChunks": [terms[start] for start in term_starts],
        "termStarts": term_starts,
        "docChunks": doc_starts,
    }
    return files, manifest


def write_shards(
    search_dir: Path, compact: Mapping[str, Any], docs: Sequence[Mapping[str, Any]], scripts: bool = True
) -> ShardFiles:
    """Write the shard folder beside ``search_index.json``; return the manifest for it.

    ``scripts``: also write each file as a script, for ``file://`` (the file-share edition; an
    edition served over http only ever fetches the ``.json``)."""
    files, manifest = shard_payloads(compact, docs)
    bodies = {name: _dumps(data) for name, data in files.items()}
    digest = hashlib.sha256()
    for name in sorted(bodies):
        digest.update(name.encode() + b"\0" + bodies[name].encode("utf-8") + b"\0")
    build = digest.hexdigest()[:16]
    folder = FOLDER_PREFIX + build
    for old in search_dir.glob(FOLDER_PREFIX + "*"):
        shutil.rmtree(old)
    target = search_dir / folder
    target.mkdir(parents=True)
    total = 0
    for name, body in bodies.items():
        stamped = body[:-1] + f',"build":"{build}"}}'  # every file says which build it belongs to
        (target / f"{name}.json").write_text(stamped, encoding="utf-8")
        if scripts:
            (target / f"{name}.js").write_text(f'{SCRIPT_CALLBACK}("{name}",{stamped});\n', encoding="utf-8")
        total += len(stamped.encode("utf-8"))
    manifest = {**manifest, "build": build, "folder": f"search/{folder}/"}
    terms = sum(1 for name in files if name.startswith("t"))
    return ShardFiles(folder, terms, len(files) - terms - 1, total, manifest)


def _read(folder: Path, name: str, build: str) -> dict[str, Any]:
    path = folder / f"{name}.json"
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: build the site again")
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("build") != build:
        raise ValueError(f"{path} is from another build than {folder.parent / 'search_index.json'}")
    return data


def read_shards(search_dir: Path) -> tuple[dict[str, Any], list[dict[str, Any]], dict[str, Any]]:
    """Material's config, every search document and the compact index, from a built ``search/`` folder."""
    data = json.loads((search_dir / "search_index.json").read_text(encoding="utf-8"))
    config = data["config"]
    manifest = config.get("handbook") or {}
    if manifest.get("format") != FORMAT:
        raise ValueError(f"{search_dir / 'search_index.json'} has no search index of format {FORMAT}")
    folder = search_dir.parent / manifest["folder"]
    build = manifest["build"]
    terms: list[str] = []
    postings: list[Any] = []
    for number in range(len(manifest["termChunks"])):
        chunk = _read(folder, f"t{number}", build)
        terms += chunk["terms"]
        postings += chunk["postings"]
    docs: list[dict[str, Any]] = []
    extra_words: list[list[Any]] = []
    for number in range(len(manifest["docChunks"])):
        chunk = _read(folder, f"d{number}", build)
        docs += chunk["docs"]
        extra_words += chunk["extra"]
    table = _read(folder, DOCUMENTS, build)
    words = sorted({entry[2] for entry in extra_words})
    number_of = {word: n for n, word in enumerate(words)}
    compact = {
        "format": FORMAT,
        "build": build,
        "documents": len(docs),
        "fields": manifest["fields"],
        "b": manifest["b"],
        "lengths": decode_lengths(table["lengths"], len(docs)),
        "terms": terms,
        "postings": postings,
        "words": words,
        "extra": [[doc, field, number_of[word], *positions] for doc, field, word, *positions in extra_words],
    }
    return config, docs, compact
