"""Published addresses and anchors never break: a move needs a redirect, an anchor must survive."""

from __future__ import annotations

from pathlib import Path

from handbook.site.ledger import ledger_problems, published_addresses, read_ledger, unrecorded, update_ledger

REDIRECT_STUB = '<html><head><meta http-equiv="refresh" content="0; url={to}"></head></html>'


def page(site: Path, rel: str, html: str) -> None:
    path = site / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")


def make_site(site: Path) -> None:
    page(site, "index.html", "<h1>Home</h1>")
    page(site, "wt/2013/draft/index.html", '<p id="para-60">60</p><p id="para-61">61</p><h2 id="intro">I</h2>')
    page(site, "404.html", "<h1>Not found</h1>")


def test_addresses_and_only_stable_anchors_are_collected(tmp_path: Path) -> None:
    make_site(tmp_path)
    assert published_addresses(tmp_path) == {"/": [], "/wt/2013/draft/": ["para-60", "para-61"]}


def test_rename_without_redirect_fails_and_with_redirect_passes(tmp_path: Path) -> None:
    make_site(tmp_path)
    ledger = published_addresses(tmp_path)
    assert ledger_problems(ledger, tmp_path) == []

    # The page moves and nothing is left at the old address.
    old = tmp_path / "wt/2013/draft/index.html"
    html = old.read_text(encoding="utf-8")
    old.unlink()
    page(tmp_path, "wt/2013/consultation-draft/index.html", html)
    assert ledger_problems(ledger, tmp_path) == [
        "/wt/2013/draft/ was published but is gone: restore the page or add a redirect to where it moved "
        "(plugins.redirects.redirect_maps in mkdocs.yml)"
    ]

    # A redirect stub (what mkdocs-redirects writes) at the old address fixes it.
    page(tmp_path, "wt/2013/draft/index.html", REDIRECT_STUB.format(to="../consultation-draft/"))
    assert ledger_problems(ledger, tmp_path) == []
    assert "/wt/2013/draft/" not in published_addresses(tmp_path), "redirect stubs are not pages"


def test_lost_anchor_fails_even_behind_a_redirect(tmp_path: Path) -> None:
    make_site(tmp_path)
    ledger = published_addresses(tmp_path)
    (tmp_path / "wt/2013/draft/index.html").write_text(REDIRECT_STUB.format(to="../new/"), encoding="utf-8")
    page(tmp_path, "wt/2013/new/index.html", '<p id="para-60">60</p>')
    assert ledger_problems(ledger, tmp_path) == [
        "/wt/2013/draft/ (now /wt/2013/new/)#para-61 was published but the page no longer has that anchor"
    ]


def test_update_only_adds(tmp_path: Path) -> None:
    site = tmp_path / "site"
    make_site(site)
    (tmp_path / "data").mkdir()
    assert update_ledger(tmp_path, site) == 4  # two pages, two anchors
    page(site, "new/index.html", '<p id="section-2-1">2.1</p>')
    (site / "wt/2013/draft/index.html").unlink()
    assert unrecorded(read_ledger(tmp_path), site) == ["/new/", "/new/#section-2-1"]
    assert update_ledger(tmp_path, site) == 2
    ledger = read_ledger(tmp_path)
    assert ledger["/wt/2013/draft/"] == ["para-60", "para-61"], "entries for pages that went are kept"
    assert ledger["/new/"] == ["section-2-1"]

