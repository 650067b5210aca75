"""The index cut into files (search/shards.py): what each file holds, and reading them back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from handbook.search import shards
from handbook.search.index import IndexSettings, build_index
from handbook.search.shards import (
    DOCUMENTS,
    decode_lengths,
    encode_lengths,
    front_code,
    front_decode,
    page_starts,
    read_shards,
    shown_title,
    write_shards,
)


def _docs(pages: int, sections: int) -> list[dict]:
    docs = []
    for page in range(pages):
        docs.append({"location": f"p{page}/", "title": f"Page {page}", "text": ""})
        for section in range(sections):
            text = f"child protection word{page}x{section} " + "referral " * section
            docs.append({"location": f"p{page}/#s{section}", "title": f"Section {page}.{section}", "text": text})
    docs[3]["boost"] = 2.0
    return docs


def _site(tmp_path: Path, docs: list[dict], monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict, dict]:
    monkeypatch.setattr(shards, "TERM_CHUNK_BYTES", 200)
    monkeypatch.setattr(shards, "DOC_CHUNK_BYTES", 300)
    search = tmp_path / "search"
    search.mkdir()
    compact = build_index(docs, IndexSettings()).compact()
    written = write_shards(search, compact, docs)
    config = {"lang": ["en"], "handbook": written.manifest}
    (search / "search_index.json").write_text(json.dumps({"config": config, "docs": []}))
    return search, compact, written.manifest


def test_reading_the_shards_gives_back_the_index_and_documents(tmp_path, monkeypatch) -> None:
    docs = _docs(6, 4)
    search, compact, manifest = _site(tmp_path, docs, monkeypatch)
    assert len(manifest["termChunks"]) > 3 and len(manifest["docChunks"]) > 3, "small targets make many files"
    _config, read_docs, read = read_shards(search)
    assert read_docs == docs
    for key in ("terms", "postings", "lengths", "fields", "b"):
        assert read[key] == compact[key], key


def test_a_document_chunk_holds_one_pages_documents(tmp_path, monkeypatch) -> None:
    docs = _docs(6, 4)
    search, _compact, manifest = _site(tmp_path, docs, monkeypatch)
    folder = search.parent / manifest["folder"]
    assert set(page_starts(docs)) <= set(manifest["docChunks"]), "every page starts a chunk"
    for number in range(len(manifest["docChunks"])):
        chunk = json.loads((folder / f"d{number}.json").read_text())
        assert len({doc["location"].split("#")[0] for doc in chunk["docs"]}) == 1


def test_term_chunks_are_consecutive_ranges_named_by_their_first_term(tmp_path, monkeypatch) -> None:
    search, compact, manifest = _site(tmp_path, _docs(6, 4), monkeypatch)
    folder = search.parent / manifest["folder"]
    for number, (first, start) in enumerate(zip(manifest["termChunks"], manifest["termStarts"], strict=True)):
        chunk = json.loads((folder / f"t{number}.json").read_text())
        assert chunk["start"] == start and chunk["terms"][0] == first == compact["terms"][start]
        assert chunk["build"] == manifest["build"]
        script = (folder / f"t{number}.js").read_text()
        assert script == f'self.__handbookShard("t{number}",{(folder / f"t{number}.json").read_text()});\n'


def test_the_document_table_has_every_length_the_boosts_and_the_pages(tmp_path, monkeypatch) -> None:
    docs = _docs(3, 2)
    search, compact, manifest = _site(tmp_path, docs, monkeypatch)
    table = json.loads((search.parent / manifest["folder"] / f"{DOCUMENTS}.json").read_text())
    assert decode_lengths(table["lengths"], len(docs)) == compact["lengths"]
    assert len(compact["lengths"]) == len(docs) * 3
    assert table["boostValues"] == [1.0, 2.0] and table["boosts"] == "000100000"
    assert table["starts"] == [0, 3, 6] and front_decode(table["locations"]) == ["p0/", "p1/", "p2/"]
    assert table["titles"] == ["Section 0.0", "Section 1.0", "Section 2.0"]


@pytest.mark.parametrize("lengths", [[0, 5, 1, 35, 36, 2], [1295, 0, 0, 1296, 46655, 7], []])
def test_lengths_survive_their_encoding(lengths: list[int]) -> None:
    encoded = encode_lengths(lengths, 3)
    assert decode_lengths(encoded, len(lengths) // 3) == lengths
    assert all(len(text) % max(1, len(lengths) // 3) == 0 for text in encoded)


def test_locations_are_front_coded() -> None:
    locations = ["procedures/a/", "procedures/ab/", "x/", "x/", ""]
    assert front_code(locations)[1] == [12, "b/"]
    assert front_decode(front_code(locations)) == locations


def test_a_page_is_titled_as_material_titles_it() -> None:
    docs = [{"location": "a/", "title": "A"}, {"location": "a/#h", "title": "Heading"},
            {"location": "b/", "title": "B"}]  # fmt: skip
    assert shown_title(docs, 0) == "Heading", "Material gives a page its first section's title"
    assert shown_title(docs, 2) == "B"


def test_a_pages_documents_must_be_together() -> None:
    assert page_starts([{"location": "a/"}, {"location": "a/#x"}, {"location": "b/"}]) == [0, 2]
    with pytest.raises(ValueError, match="not together"):
        page_starts([{"location": "a/"}, {"location": "b/"}, {"location": "a/#x"}])


def test_a_missing_or_stale_shard_is_refused(tmp_path, monkeypatch) -> None:
    search, _compact, manifest = _site(tmp_path, _docs(3, 2), monkeypatch)
    folder = search.parent / manifest["folder"]
    chunk = json.loads((folder / "d1.json").read_text())
    chunk["build"] = "an older build"
    (folder / "d1.json").write_text(json.dumps(chunk))
    with pytest.raises(ValueError, match="another build"):
        read_shards(search)
    (folder / "d1.json").unlink()
    with pytest.raises(FileNotFoundError, match="build the site again"):
        read_shards(search)


def test_a_new_build_replaces_the_old_folder(tmp_path, monkeypatch) -> None:
    search, _compact, first = _site(tmp_path, _docs(3, 2), monkeypatch)
    docs = _docs(3, 3)
    second = write_shards(search, build_index(docs, IndexSettings()).compact(), docs)
    assert second.manifest["build"] != first["build"]
    assert [path.name for path in search.iterdir() if path.is_dir()] == [second.folder]
