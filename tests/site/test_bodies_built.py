"""Who is in charge, and what practitioners look for, on the built sites (issue 17, items 1-3, 9, 10).

Each edition names the body its own settings name (areas/<area>.yml, or mkdocs.yml for the core):
in the approval notice of every chapter written for this handbook, in the leaflets that say who
approves the procedures, and with its partners and cited history on the procedures' front page and
an area's local page. The expected text is read from the settings, never written here, so the tests
follow the settings; a tiny handbook with a board under the older LSCB arrangements shows the
other wording. The leaflets carry the designated officer, Childline and the private fostering
tests; the pages that rest on replaced editions carry the replaced-guidance banner.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from handbook import PROJECT_ROOT
from handbook.core.sources import load_pages
from handbook.governance.area_markers import DESIGNATED_OFFICER, MISSING_NUMBER
from handbook.governance.areas import Area, area_config_file, load_area
from handbook.rules.procedure_check import written_chapters
from handbook.site.build import build

from .test_leaflets_built import pdf_text

AREAS = ("cambridgeshire", "peterborough")
CHAPTERS = [page.src_uri for page in written_chapters(load_pages(PROJECT_ROOT)[0])]


def settings(area: str | None) -> Area:
    config = PROJECT_ROOT / "mkdocs.yml" if area is None else area_config_file(PROJECT_ROOT, area)
    loaded, errors = load_area(config, PROJECT_ROOT)
    assert errors == []
    return loaded.area


INLINE_TAG = re.compile(r"</?(?:a|abbr|code|em|span|strong|sup)\b[^>]*>")
SMART_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def text_of(fragment: str) -> str:
    """HTML as a reader reads it: tags dropped (inline ones without a space: the glossary wraps
    abbreviations), entities decoded, curly quotes made straight (as the settings write them),
    spaces collapsed."""
    text = re.sub(r"<[^>]+>", " ", INLINE_TAG.sub("", fragment))
    return " ".join(html.unescape(text).translate(SMART_QUOTES).split())


def words(page: str) -> str:
    """A built page's article, as a reader reads it."""
    return text_of(page[page.index("<article") : page.index("</article>")])


def read(site: Path, src_uri: str) -> str:
    stem = src_uri.removesuffix(".md").removesuffix("index")
    return (site / stem / "index.html").read_text(encoding="utf-8")


def flat(text: str) -> str:
    return " ".join(text.split())


def test_there_are_eight_written_chapters() -> None:
    assert len(CHAPTERS) == 8


@pytest.mark.parametrize("area", [None, *AREAS])
def test_each_edition_names_its_own_body_in_every_approval_notice(
    http_site: Path, area_site, area: str | None
) -> None:
    site = http_site if area is None else area_site(area)
    body = settings(area).body
    expected = f"{body.the_name[0].upper()}{body.the_name[1:]} must approve it locally"
    for src_uri in CHAPTERS:
        page = read(site, src_uri)
        box = page[page.index('class="hb-box hb-box--approval"') :]
        box = text_of(box[box.index(">") + 1 : box.index("</div>")])
        assert box.startswith("Not yet approved for use."), src_uri
        assert expected in box, src_uri
        assert "The LSCB must approve" not in box, f"{src_uri}: an area under the partners' arrangements"


@pytest.mark.parametrize("area", AREAS)
def test_each_area_shows_its_own_body_partners_and_cited_history(area_site, area: str) -> None:
    site = area_site(area)
    body = settings(area).body
    for src_uri in ("local/index.md", "procedures/index.md"):
        text = words(read(site, src_uri))
        assert f"published and approved by {body.the_name}" in text, src_uri
        assert all(partner in text for partner in body.partners), src_uri
        assert flat(body.history) in text, f"{src_uri}: the history, as the settings give it"
        assert all(source.title in text for source in body.sources), src_uri
    others = [settings(other).body.history for other in AREAS if other != area]
    assert all(flat(history) not in words(read(site, "local/index.md")) for history in others)
    local = read(site, "local/index.md")
    for source in body.sources:
        if source.url:
            assert f'href="{source.url}"' in local
    assert 'href="../procedures/preface-and-introduction/#section-1"' in local, "hosted sources are links"


def test_an_area_under_the_lscb_arrangements_names_its_board(tiny_project: Path) -> None:
    """The older arrangements' wording, in a tiny handbook whose settings name an LSCB."""
    config = tiny_project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    name = settings(None).body.name
    board = "Tinyshire Local Safeguarding Children Board"
    text = text.replace(f"name: {name}", f"name: {board}", 1).replace(
        "arrangements: safeguarding partners", "arrangements: lscb", 1
    )
    config.write_text(text, encoding="utf-8")
    chapter = tiny_project / "procedures" / "referrals.md"
    source = chapter.read_text(encoding="utf-8")
    notice = re.search(r"\*\*Not yet approved for use\.\*\*.*?\n\n", source, re.S).group(0)
    chapter.write_text(source.replace(notice, "<!-- area:approval -->\n\n"), encoding="utf-8")
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\n<!-- area:publisher -->\n", encoding="utf-8")
    site = build("http", root=tiny_project)
    text = words(read(site, "procedures/referrals.md"))
    assert f"The {board} must approve it locally" in text
    assert "developing these procedures is one of the LSCB's functions" in text
    assert "Working Together 2018" not in text.split("Until then")[0], "no partners' wording for an LSCB"
    assert f"published and approved by the {board}, the Local Safeguarding Children Board (LSCB)" in text


# --- The leaflets: the designated officer, Childline, the private fostering tests ------------------


@pytest.mark.parametrize("area", [None, *AREAS])
def test_allegations_leaflet_names_the_designated_officer_and_how_to_reach_them(
    http_site: Path, area_site, area: str | None
) -> None:
    site = http_site if area is None else area_site(area)
    page = read(site, "leaflets/allegations-against-people-who-work-with-children.md")
    text = words(page)
    assert "The role is often called the LADO (local authority designated officer)" in text
    officer = settings(area).designated_officer
    line = text[text.index(DESIGNATED_OFFICER) :][:200]
    assert (MISSING_NUMBER in line) if officer.number.startswith("Not yet") else (officer.number in line)
    assert 'href="../../procedures/allegations-against-people-who-work-with-children/#section-4"' in page
    approver = settings(area).body.the_name
    assert f"published and approved by {approver}" in text


def test_childrens_leaflet_gives_childline_and_cites_the_nspcc(http_site: Path) -> None:
    page = read(http_site, "leaflets/telling-someone.md")
    text = words(page)
    assert '<a href="tel:08001111">0800 1111</a>' in page
    assert "Childline is a national service run by the NSPCC" in text
    assert 'href="https://learning.nspcc.org.uk/services/childline"' in page
    pdf = pdf_text(http_site / "leaflets" / "telling-someone.pdf")
    assert "0800 1111" in pdf and "NSPCC" in pdf, "the printed leaflet carries it too"


def test_private_fostering_leaflet_gives_the_tests_with_their_sources(http_site: Path) -> None:
    text = words(read(http_site, "leaflets/private-fostering.md"))
    for fact, source in (
        ("the child is under 16, or under 18 if they are disabled", "Children Act 1989, section 66(1) and (4)"),
        ("the arrangement has lasted, or is meant to last, 28 days or more", "Children Act 1989, section 66(2)"),
        ("grandparents, brothers, sisters, uncles, aunts and step-parents", "sections 66(1) and 105"),
        (
            "must tell the local authority at least six weeks before the arrangement begins",
            "Children (Private Arrangements for Fostering) Regulations 2005, regulation 3(1)",
        ),
    ):
        assert fact in text
        assert source in text[text.index(fact) :][:400], f"{fact!r} is cited beside it"
    pdf = pdf_text(http_site / "leaflets" / "private-fostering.pdf")
    assert "28 days or more" in pdf and "six weeks" in pdf


# --- Replaced-guidance banners on the pages that rest on replaced editions -------------------------


@pytest.mark.parametrize(
    ("src_uri", "title", "named"),
    [
        ("procedures/preface-and-introduction.md", "Replaced guidance: rests on the 2015 edition", "2018"),
        ("leaflets/telling-someone.md", "Replaced guidance: rests on the 2010 and 2013 editions", "2023"),
    ],
)
@pytest.mark.parametrize("edition", ["http", "fileshare"])
def test_pages_resting_on_replaced_editions_carry_the_banner(
    http_site: Path, fileshare_site: Path, edition: str, src_uri: str, title: str, named: str
) -> None:
    if edition == "http":
        page = read(http_site, src_uri)
    else:
        page = (fileshare_site / src_uri.replace(".md", ".html")).read_text(encoding="utf-8")
    banner = r'<div class="admonition warning hb-superseded" data-search-exclude="">(.*?)</div>'
    banners = re.findall(banner, page, re.S)
    assert len(banners) == 1
    text = text_of(banners[0])
    assert text.startswith(title)
    assert f"Working Together to Safeguard Children {named}" in text
    assert "The current statutory guidance is Working Together to Safeguard Children 2023" in text or (
        "which is the current statutory guidance" in text
    )
