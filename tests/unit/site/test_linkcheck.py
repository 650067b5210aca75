"""The built-site check finds broken links, missing anchors and assets loaded from other hosts."""

from pathlib import Path

from handbook.site.linkcheck import check_site


def page(root: Path, rel: str, body: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<!doctype html><html><head></head><body>{body}</body></html>", encoding="utf-8")


def test_clean_site_has_no_problems(tmp_path: Path) -> None:
    page(tmp_path, "index.html", '<a href="a/#p1">A</a><a href="https://www.gov.uk/">GOV.UK</a>')
    page(tmp_path, "a/index.html", '<p id="p1">One</p><a href="../index.html">Home</a><a href="#p1">Self</a>')
    assert check_site(tmp_path) == []


def test_finds_each_kind_of_problem(tmp_path: Path) -> None:
    page(
        tmp_path,
        "index.html",
        '<a href="missing/">x</a><a href="a/#nope">y</a>'
        '<script src="https://unpkg.com/mermaid@11/dist/mermaid.min.js"></script>'
        '<link rel="stylesheet" href="//fonts.googleapis.com/css">'
        '<link rel="canonical" href="https://example.org/">',
    )
    page(tmp_path, "a/index.html", '<p id="p1">One</p>')
    problems = [str(problem) for problem in check_site(tmp_path)]
    assert problems == [
        "index.html: //fonts.googleapis.com/css: loaded from another host (offline readers cannot load it)",
        "index.html: a/#nope: no element with id 'nope' on that page",
        "index.html: https://unpkg.com/mermaid@11/dist/mermaid.min.js: loaded from another host "
        "(offline readers cannot load it)",
        "index.html: missing/: no such file in the built site",
    ]


def test_root_relative_links_use_the_site_path(tmp_path: Path) -> None:
    page(tmp_path, "404.html", '<link rel="stylesheet" href="/handbook/assets/x.css"><a href="/handbook/a/">A</a>')
    page(tmp_path, "a/index.html", "<p>A</p>")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "x.css").write_text("", encoding="utf-8")
    assert check_site(tmp_path, base_path="/handbook/") == []
    assert [str(p) for p in check_site(tmp_path)] == [
        "404.html: /handbook/a/: no such file in the built site",
        "404.html: /handbook/assets/x.css: no such file in the built site",
    ]
