"""The index built at build time (search/index.py)."""

from __future__ import annotations

import json
import math

import pytest

from handbook import PROJECT_ROOT
from handbook.content.editions import load_editions
from handbook.search.index import (
    K1,
    IndexSettings,
    build_index,
    decode_postings,
    lunr_json_from_compact,
    prebuild_search_index,
)
from handbook.search.shards import FORMAT, read_shards
from handbook.search.synonyms import Synonyms

MATERIAL_CONFIG = {
    "lang": ["en"],
    "separator": r"[\s\-]+",
    "pipeline": ["stopWordFilter"],
    "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}},
}


def test_settings_come_from_materials_configuration() -> None:
    settings = IndexSettings.from_material(MATERIAL_CONFIG)
    assert settings.separator == r"[\s\-]+"
    assert settings.fields == (("title", 1000.0), ("text", 1.0), ("tags", 1000000.0))
    assert settings.stop_words and not settings.stemming and not settings.trimmer
    with pytest.raises(ValueError, match="English only"):
        IndexSettings.from_material({**MATERIAL_CONFIG, "lang": ["de"]})


def test_terms_of_a_word() -> None:
    plain = IndexSettings()
    stemming = IndexSettings(stemming=True)
    assert plain.terms("the") == ()
    assert plain.terms("safeguarding") == ("safeguarding",)
    assert stemming.terms("safeguarding") == ("safeguarding", "safeguard")
    assert stemming.terms("children") == ("children", "child")
    assert stemming.terms("child") == ("child",)
    assert IndexSettings(trimmer=True).terms("(lscb)") == ("lscb",)


def test_compact_postings_round_trip_with_large_frequencies() -> None:
    docs = [
        {"location": "a/", "title": "Child", "text": " ".join(["child"] * 9)},
        {"location": "b/", "title": "Other", "text": "child"},
        {"location": "c/", "title": "Other", "text": "nothing"},
    ]
    builder = build_index(docs, IndexSettings(stemming=False))
    compact = builder.compact()
    number = compact["terms"].index("child")
    title, text, tags = (decode_postings(ints) for ints in compact["postings"][number])
    assert title == [(0, 1)]
    assert text == [(0, 9), (1, 1)]  # a frequency of 8 or more takes a second number
    assert tags == []
    assert compact["documents"] == 3


def test_scores_are_lunrs() -> None:
    docs = [{"location": f"d{i}/", "title": "", "text": "neglect" if i < 2 else "other"} for i in range(10)]
    settings = IndexSettings(fields=(("title", 10.0), ("text", 1.0)), length_normalisation=0.0)
    builder = build_index(docs, settings)
    index = lunr_json_from_compact(builder.compact(), docs, settings)
    vectors = dict(index["fieldVectors"])
    term = dict(index["invertedIndex"])["neglect"]["_index"]
    idf = math.log(1 + abs((10 - 2 + 0.5) / (2 + 0.5)))
    expected = round(idf * (K1 + 1) * 1 / (K1 + 1), 3)
    assert vectors["text/d0/"] == [term, expected]
    assert vectors["title/d0/"] == []
    assert sorted(dict(index["invertedIndex"])["neglect"]["text"]) == ["d0/", "d1/"]


def test_synonym_words_are_indexed_with_their_positions_kept_for_highlighting() -> None:
    settings = IndexSettings(stemming=True)
    synonyms = Synonyms([(("ICPC",), "initial child protection conference")], settings.pattern)
    builder = build_index([{"location": "a/", "title": "ICPC", "text": "Initial child protection conference"}],
                          settings, synonyms)  # fmt: skip
    compact = builder.compact()
    for term in ("icpc", "initial", "confer", "conference"):
        assert term in compact["terms"], term
    words = compact["words"]
    extra = {(field, words[word]): positions for _doc, field, word, *positions in compact["extra"]}
    assert extra[(0, "conference")] == [0]  # the title's "ICPC" stands for "conference" too
    assert extra[(1, "icpc")] == [0, 1, 2, 3]  # the text's four words stand for "icpc"


def test_prebuild_leaves_only_the_manifest_in_materials_index_and_writes_the_shards(tmp_path) -> None:
    search = tmp_path / "search"
    search.mkdir()
    docs = [
        {"location": "procedures/x/", "title": "Referrals", "text": "<p>Refer under section 47.</p>"},
        {"location": "procedures/x/#section-1", "title": "1. Aim", "text": "<p>Aim.</p>"},
    ]
    (search / "search_index.json").write_text(json.dumps({"config": MATERIAL_CONFIG, "docs": docs}))
    from handbook.search.docs import PageFacts

    result = prebuild_search_index(
        search / "search_index.json", {"procedures/x/": PageFacts("procedure")}, {}, load_editions(PROJECT_ROOT), []
    )
    data = json.loads((search / "search_index.json").read_text())
    manifest = data["config"]["handbook"]
    assert data["docs"] == [], "every page loads search_index.json: the documents are in the shards"
    assert manifest["format"] == FORMAT and manifest["folder"] == f"search/{result.shards.folder}/"
    config, read_docs, compact = read_shards(search)
    assert config == data["config"]
    assert read_docs[0]["tags"] == ["LSCB procedure"] and [doc["location"] for doc in read_docs] == [
        "procedures/x/", "procedures/x/#section-1"]
    assert "s47" in compact["terms"]
    assert result.documents == 2 and result.terms == len(compact["terms"])
