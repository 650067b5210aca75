"""Applying the procedure-chapter rules as administrators meet them: file, line and what to do."""

from __future__ import annotations

from pathlib import Path

from handbook import PROJECT_ROOT
from handbook.core.links import published_href
from handbook.core.sources import load_page, load_pages
from handbook.rules.procedure_check import (
    chapter_errors,
    line_of,
    markdown_errors,
    markdown_settings,
    page_renderer,
    written_chapters,
)
from tests.unit.core.test_model import GOOD

CHAPTER = GOOD + """
<div class="hb-box hb-box--approval" markdown>

**Not yet approved for use.** The LSCB must approve this chapter locally
([Procedures, section 2.2](preface-and-introduction.md#section-2-2)).

</div>

<div class="hb-box hb-box--scope" markdown>

## Scope {#scope}

For everyone. See [Assessment](assessment.md).

</div>

<div class="hb-box hb-box--related" markdown>

## Related chapters {#related-chapters}

- [Assessment](assessment.md)

</div>

<div class="hb-box hb-box--guidance" markdown>

## Relevant guidance {#relevant-guidance}

- [Working Together 2010, chapter 5](../working-together/2010/chapter-5.md)

</div>

## 1. Referral {#section-1}

A social worker *decides* what happens next and tells
the referrer within **one working day** ([Working Together 2010](../working-together/2010/chapter-5.md)).

## 2. Feedback {#section-2}

Nothing here needs a source.
"""


def chapter(tmp_path: Path, text: str = CHAPTER):
    path = tmp_path / "procedures" / "referrals.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    page, errors = load_page(path, tmp_path, "procedures/referrals.md")
    assert errors == [] and page is not None
    return page


def test_a_sentence_is_found_on_the_line_where_it_starts_whatever_its_markup() -> None:
    source = "Intro.\n\nA social worker *decides* what happens next and tells\nthe referrer within **one** day.\n"
    assert line_of(source, "A social worker decides what happens next and tells the referrer", 10) == 12
    assert line_of(source, "the referrer within one day.", 10) == 13
    assert line_of("[§61] Local authorities should act.\n", "61 Local authorities should act.") == 1
    assert line_of("See [the guide](guide.md#x) now.\n", "See the guide now.") == 1
    assert line_of(source, "Words that are nowhere in it") is None
    assert line_of(source, None) is None


def test_links_are_read_as_the_site_publishes_them() -> None:
    uri = "procedures/referrals.md"
    chapter_5 = "/working-together/2010/chapter-5/#para-5"
    assert published_href("../working-together/2010/chapter-5.md#para-5", uri) == chapter_5
    preface = "/procedures/preface-and-introduction/#section-2-2"
    assert published_href("preface-and-introduction.md#section-2-2", uri) == preface
    assert published_href("index.md", uri) == "/procedures/"
    assert published_href("https://www.gov.uk/x", uri) == "https://www.gov.uk/x"
    assert published_href("#section-1", uri) == "#section-1"


def test_the_markdown_settings_are_mkdocs_ymls() -> None:
    names, settings = markdown_settings(PROJECT_ROOT)
    assert "handbook.content.paragraphs" in names and "md_in_html" in names and "attr_list" in names
    assert settings["toc"]["permalink"] is True
    fence = settings["pymdownx.superfences"]["custom_fences"][0]
    assert fence["name"] == "mermaid" and callable(fence["format"])


def test_a_chapter_that_keeps_the_rules_has_no_errors(tmp_path: Path) -> None:
    page = chapter(tmp_path)
    (tmp_path / "mkdocs.yml").write_text((PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    html = page_renderer(tmp_path)(page)
    assert 'href="/procedures/assessment/"' in html and 'id="section-1"' in html
    assert chapter_errors(html, page) == []


def test_each_broken_rule_names_the_file_the_line_and_what_to_do(tmp_path: Path) -> None:
    broken = CHAPTER.replace(" ([Working Together 2010](../working-together/2010/chapter-5.md)).", ".").replace(
        "## 2. Feedback {#section-2}", "## 2. Feedback {#fb}"
    )
    page = chapter(tmp_path, broken)
    (tmp_path / "mkdocs.yml").write_text((PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    errors = [str(error) for error in chapter_errors(page_renderer(tmp_path)(page), page)]
    lines = broken.splitlines()
    heading = lines.index("## 2. Feedback {#fb}") + 1
    sentence = next(n for n, row in enumerate(lines, 1) if row.startswith("A social worker"))
    assert errors == [
        f'procedures/referrals.md:{heading}: procedure rule, stable anchor: "2. Feedback" has id fb, not section-2 '
        "(give the heading its number as a fixed anchor, for example: ## 2.1 Aim {#section-2-1})",
        f"procedures/referrals.md:{sentence}: procedure rule, no source: A social worker decides what happens next "
        "and tells the referrer within one working day. (link the sentence to the paragraph of the guidance it comes "
        "from, or name the statute or publication inside an hb-box--outside box)",
    ]


def test_a_rule_about_the_whole_chapter_points_at_its_title(tmp_path: Path) -> None:
    start = CHAPTER.index('<div class="hb-box hb-box--approval"')
    end = CHAPTER.index('<div class="hb-box hb-box--scope"')
    page = chapter(tmp_path, CHAPTER[:start] + CHAPTER[end:])
    (tmp_path / "mkdocs.yml").write_text((PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    errors = [str(error) for error in chapter_errors(page_renderer(tmp_path)(page), page)]
    title = CHAPTER.splitlines().index("# Making a referral") + 1
    assert errors == [
        f"procedures/referrals.md:{title}: procedure rule, approval notice: the first thing after the title is not "
        'an hb-box--approval box (put the hb-box--approval box straight after the title, saying the LSCB "must '
        'approve" the chapter "locally" (copy it from another chapter))'
    ]


def test_the_real_chapters_keep_the_rules_and_the_lscbs_own_text_is_not_checked() -> None:
    pages, errors = load_pages(PROJECT_ROOT)
    assert errors == []
    checked = [page.src_uri for page in written_chapters(pages)]
    assert len(checked) >= 8 and "procedures/preface-and-introduction.md" not in checked
    assert markdown_errors(pages, PROJECT_ROOT) == []
