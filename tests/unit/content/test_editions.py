"""Edition data and the replaced-edition banner."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook import PROJECT_ROOT
from handbook.content.editions import insert_after_title, load_editions, long_date, rests_on_banner, superseded_banner
from handbook.core.errors import ContentErrors


@pytest.fixture(scope="module")
def editions():
    return load_editions(PROJECT_ROOT)


def test_real_data_succession(editions) -> None:
    chain = {edition.year: edition.replaced_by for edition in editions.editions}
    assert chain == {2010: 2013, 2013: 2015, 2015: 2018, 2018: 2023, 2023: None}
    assert editions.current.year == 2023
    assert long_date(editions.get(2023).published) == "15 December 2023"


def test_banner_for_an_old_edition_names_successor_and_current(editions) -> None:
    banner = superseded_banner(editions, 2010, "working-together/2010/chapter-5.md", "compare/index.md")
    assert banner.startswith('<div class="admonition warning hb-superseded" data-search-exclude="" markdown>')
    assert "Replaced guidance: 2010 edition" in banner
    assert (
        "It was replaced by [Working Together to Safeguard Children 2013](../2013/index.md), "
        "published on 21 March 2013." in banner
    )
    assert (
        "It is not the current guidance: the current statutory guidance is "
        "[Working Together to Safeguard Children 2023](../2023/index.md), "
        "published on 15 December 2023." in banner
    )
    assert "[Compare the editions](../../compare/index.md)" in banner


def test_banner_for_2018_names_2023_as_current(editions) -> None:
    banner = superseded_banner(editions, 2018, "working-together/2018/index.md", "compare/index.md")
    assert (
        "It was replaced by [Working Together to Safeguard Children 2023](../2023/index.md), "
        "published on 15 December 2023, which is the current statutory guidance." in banner
    )
    assert "It is not the current guidance" not in banner


def test_no_banner_for_current_edition(editions) -> None:
    assert superseded_banner(editions, 2023, "x.md", "compare/index.md") == ""


def test_insert_after_title() -> None:
    assert insert_after_title("intro\n# Title\nBody\n", "BANNER\n") == "intro\n# Title\n\nBANNER\n\nBody\n"
    assert insert_after_title("Body\n", "BANNER\n") == "BANNER\n\nBody\n"


def test_bad_editions_data_is_reported_with_lines(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "editions.yml").write_text(
        "editions:\n"
        "  - year: 2010\n"
        "    title: Working Together 2010\n"
        "    published: 2010-03-32\n"
        "    reference: DCSF\n"
        "    replaced: 2006 edition\n"
        "    page: working-together/2010/index.md\n"
        "  - year: 2013\n"
        "    title: Working Together 2013\n"
        "    published: 2013-03-21\n"
        "    reference: DfE\n"
        "    replaced: 2010 edition\n"
        "    replaced_by: 2031\n"
        "    page: working-together/2013/index.md\n"
        "    publisher: DfE\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentErrors) as caught:
        load_editions(tmp_path)
    assert [str(error) for error in caught.value.errors] == [
        'data/editions.yml:4: published "2010-03-32" is not a date (use YYYY-MM-DD)',
        'data/editions.yml:15: unknown key "publisher": remove it or correct it (did you mean "published"?)',
    ]
    # Once the data is well-formed, the succession is checked too.
    path = tmp_path / "data" / "editions.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("2010-03-32", "2010-03-17").replace("    publisher: DfE\n", ""),
        encoding="utf-8",
    )
    with pytest.raises(ContentErrors) as caught:
        load_editions(tmp_path)
    assert [str(error) for error in caught.value.errors] == [
        "data/editions.yml:13: replaced_by 2031 is not an edition listed in this file"
    ]


def test_rests_on_banner_looks_like_an_edition_pages_and_names_what_replaced_it(editions) -> None:
    banner = rests_on_banner(editions, [2015], "procedures/preface-and-introduction.md", "compare/index.md")
    edition_banner = superseded_banner(editions, 2015, "working-together/2015/index.md", "compare/index.md")
    assert banner.splitlines()[0] == edition_banner.splitlines()[0], "the same banner: class, search exclusion"
    assert "Replaced guidance: rests on the 2015 edition" in banner
    assert (
        "This page rests on **Working Together to Safeguard Children 2015**. It was replaced by "
        "[Working Together to Safeguard Children 2018](../working-together/2018/index.md), published on 4 July 2018."
        in banner
    )
    assert (
        "The current statutory guidance is [Working Together to Safeguard Children 2023]"
        "(../working-together/2023/index.md), published on 15 December 2023." in banner
    )
    assert "[Compare the editions](../compare/index.md)" in banner


def test_rests_on_banner_for_several_editions_and_none_for_the_current_one(editions) -> None:
    banner = rests_on_banner(editions, [2013, 2010], "leaflets/telling-someone.md", "compare/index.md")
    assert "Replaced guidance: rests on the 2010 and 2013 editions" in banner
    assert (
        "This page rests on **Working Together to Safeguard Children 2010** and "
        "**Working Together to Safeguard Children 2013**, which have been replaced." in banner
    )
    assert "Working Together to Safeguard Children 2023](../working-together/2023/index.md)" in banner
    assert "which is the current statutory guidance" in rests_on_banner(editions, [2018], "x.md", "compare/index.md")
    assert rests_on_banner(editions, [2023], "x.md", "compare/index.md") == ""
