"""The built Compare pages: a reader can answer the issue's questions from the site alone, with sources."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from handbook import PROJECT_ROOT
from handbook.cli import main as cli
from handbook.compare.data import load_comparison
from handbook.compare.pages import generated_pages
from handbook.core.links import page_url
from handbook.site.build import BuildFailed, build

from .tiny_handbook import line_with


@dataclass
class Block:
    tag: str
    text: str = ""
    hrefs: list[str] = field(default_factory=list)


class _Blocks(HTMLParser):
    """Every <li> and <p> of a page's article, with its text and the links inside it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[Block] = []
        self.blocks: list[Block] = []
        self.in_article = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.in_article = True
        if not self.in_article:
            return
        if tag in ("li", "p"):
            self.open.append(Block(tag))
        if tag == "a":
            href = dict(attrs).get("href") or ""
            for block in self.open:
                block.hrefs.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.in_article = False
        if tag in ("li", "p") and self.open and self.open[-1].tag == tag:
            self.blocks.append(self.open.pop())

    def handle_data(self, data: str) -> None:
        for block in self.open:
            block.text += data


def blocks(site: Path, src_uri: str) -> list[Block]:
    parser = _Blocks()
    parser.feed((site / page_url(src_uri) / "index.html").read_text(encoding="utf-8"))
    for block in parser.blocks:
        block.text = " ".join(block.text.split())
    return parser.blocks


def block_with(site: Path, src_uri: str, *needles: str) -> Block:
    found = [b for b in blocks(site, src_uri) if all(needle in b.text for needle in needles)]
    assert found, f"no paragraph or list item on {src_uri} says all of {needles}"
    return min(found, key=lambda b: len(b.text))


def sources_after(site: Path, src_uri: str, *needles: str) -> tuple[Block, Block]:
    """A statement on a pair page and the "Sources:" paragraph that follows it."""
    page = blocks(site, src_uri)
    statement = block_with(site, src_uri, *needles)
    following = page[page.index(statement) + 1 :]
    return statement, next(b for b in following if b.text.startswith("Sources:"))


def test_every_comparison_page_is_built(http_site: Path, fileshare_site: Path) -> None:
    ctx = load_comparison(PROJECT_ROOT)
    for src_uri in [*generated_pages(ctx), "compare/index.md"]:
        assert (http_site / page_url(src_uri) / "index.html").is_file(), src_uri
        assert (fileshare_site / page_url(src_uri, directory_urls=False)).is_file(), src_uri


def test_what_replaced_lscbs_and_when(http_site: Path) -> None:
    fact = block_with(
        http_site,
        "compare/topics/local-arrangements.md",
        "three safeguarding partners",
        "29 June 2019",
        "29 September 2019",
        "each area's LSCB ended when that area's arrangements began",
    )
    sources = block_with(
        http_site, "compare/topics/local-arrangements.md", "The safeguarding partners had to publish their arrangements"
    )
    assert "../../../working-together/2018/#safeguarding-partners" in sources.hrefs
    assert "DFE-00195-2018" in sources.text and "not held in this handbook" in sources.text
    assert "the local authority, the clinical commissioning group and the chief officer of police" in fact.text
    change, cited = sources_after(
        http_site, "compare/2015-to-2018.md", "LSCBs were replaced by three safeguarding partners"
    )
    assert "29 September 2019; each area's LSCB ended when that area's arrangements began" in change.text
    assert "Children and Social Work Act 2017" in cited.text
    assert "Working Together: transitional guidance" in cited.text, "the guidance that set the transition"
    for src_uri in ("compare/topics/local-arrangements.md", "compare/2015-to-2018.md", "compare/index.md"):
        assert not any("LSCBs ended on 29 September 2019" in b.text for b in blocks(http_site, src_uri)), src_uri
    assert "../../working-together/2018/#safeguarding-partners" in cited.hrefs
    timeline = block_with(http_site, "compare/index.md", "29 September 2019:", "Local Safeguarding Children Boards")
    assert "../working-together/2018/#safeguarding-partners" in timeline.hrefs


def test_how_assessment_timescales_changed_between_2010_and_2013(http_site: Path) -> None:
    statement, sources = sources_after(
        http_site, "compare/2010-to-2013.md", "ten working days", "one working day", "45 working days"
    )
    assert "seven before 1 April 2010" in statement.text
    assert "removed the separate initial and core assessments" in statement.text
    # The one-working-day decision was not new in 2013: the 2010 edition had it, with the 35-day core assessment.
    assert "was not new in 2013: the 2010 edition already asked for it" in statement.text
    assert "core assessment within 35 working days" in statement.text
    assert "The 2013 consultation draft kept the one-working-day decision" in statement.text
    assert "../../working-together/2010/chapter-5/" in sources.hrefs
    assert "../../working-together/2013/consultation-draft/multi-agency-responsibilities/#para-61" in sources.hrefs
    assert "consultation draft, June 2012" in sources.text, "the draft is labelled as the draft"
    assert "DFE-00030-2013" in sources.text and "not held in this handbook" in sources.text
    assert "DCSF-00305-2010" in sources.text, "the 2010 edition itself is named: the summary held lacks the timescales"
    topic = block_with(
        http_site, "compare/topics/referral-and-assessment.md", "extended from seven to ten working days"
    )
    assert "../../../working-together/2010/chapter-5/" in topic.hrefs
    fact = block_with(
        http_site,
        "compare/topics/referral-and-assessment.md",
        "A decision on the type of response was to be made within one working day",
        "a core assessment within 35 working days",
    )
    assert "the executive summary held gives only the change" in fact.text
    assert "DCSF-00305-2010" in fact.text and "not held in this handbook" in fact.text, "cited to the 2010 edition"


def test_what_the_2013_edition_replaced(http_site: Path) -> None:
    fact = block_with(
        http_site,
        "compare/topics/succession.md",
        "The final text replaces Working Together to Safeguard Children (2010)",
        "The Framework for the Assessment of Children in Need and their Families (2000)",
        "section 11 of the Children Act 2004 (2007)",
    )
    assert "../../../working-together/2013/about-this-guidance/#para-2" in fact.hrefs
    timeline = block_with(http_site, "compare/index.md", "21 March 2013:", "It replaced")
    assert "The Framework for the Assessment of Children in Need and their Families (2000)" in timeline.text


def test_edition_pages_link_to_the_topic_in_other_editions(http_site: Path) -> None:
    page = "working-together/2013/consultation-draft/local-safeguarding-children-boards.md"
    html = (http_site / page_url(page) / "index.html").read_text(encoding="utf-8")
    assert 'id="other-editions"' in html
    block = block_with(http_site, page, "2018:", "Three safeguarding partners")
    assert "../../../2018/#safeguarding-partners" in block.hrefs
    assert 'href="../../../../compare/topics/local-arrangements/"' in html


@pytest.mark.parametrize("site_name", ["http_site", "fileshare_site"])
def test_wording_pages_mark_every_change_in_words(request: pytest.FixtureRequest, site_name: str) -> None:
    site: Path = request.getfixturevalue(site_name)
    directory_urls = site_name == "http_site"
    ctx = load_comparison(PROJECT_ROOT)
    for alignment in ctx.alignments.confirmed:
        built = site / page_url(f"compare/wording/{alignment.id}.md", directory_urls)
        html = (built / "index.html" if directory_urls else built).read_text(encoding="utf-8")
        assert html.count("<del ") == html.count('<span class="hb-vh">[removed: ') > 0, alignment.id
        assert html.count("<ins ") == html.count('<span class="hb-vh">[added: ') > 0, alignment.id
        suffix = "/#para-" if directory_urls else ".html#para-"
        assert suffix in html, "links to paragraphs work in this build"


@pytest.mark.slow
def test_a_citation_to_a_missing_anchor_stops_the_build_with_file_and_line(tiny_project: Path) -> None:
    """The whole pipeline: a bad anchor in the data fails ./run build with the data file and line."""
    root = tiny_project
    data = root / "data" / "concordance.yml"
    text = data.read_text(encoding="utf-8")
    good = "procedures/preface-and-introduction.md#para-2\n"
    assert good in text
    data.write_text(text.replace(good, good.replace("para-2", "para-161"), 1), encoding="utf-8")
    line = line_with(data, "para-161")
    with pytest.raises(BuildFailed) as caught:
        build("http", root=root)
    assert (
        f'data/concordance.yml:{line}: procedures/preface-and-introduction.md has no anchor "#para-161" '
        "(its paragraphs are para-1 to para-2)"
    ) in str(caught.value)
    assert not (root / "site").exists(), "nothing was published"
    assert cli.main(["check"]) == 0, "the real data is valid"
