"""The built-site check finds broken links, missing anchors and assets loaded from other hosts."""

from pathlib import Path

from handbook.site.linkcheck import SITE_NAVIGATION_BYTES, check_site, menu_key, split_navigation


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


def menu(*hrefs: str) -> str:
    """A site menu as Material writes it: a <nav> long enough to be the site navigation."""
    items = "".join(f'<li class="md-nav__item"><a href="{href}" class="md-nav__link">Page</a></li>' for href in hrefs)
    padding = "<!-- " + "x" * SITE_NAVIGATION_BYTES + " -->"
    return f'<nav class="md-nav md-nav--primary"><ul>{items}</ul>{padding}<nav class="md-nav"></nav></nav>'


def test_the_site_menu_is_cut_out_and_small_navs_are_kept() -> None:
    text = f'<nav class="md-tabs"><a href="x/">X</a></nav><p>before</p>{menu("a/")}<p>after</p>'
    split = split_navigation(text)
    assert split.rest == '<nav class="md-tabs"><a href="x/">X</a></nav><p>before</p><p>after</p>'
    assert len(split.navigation) == 1 and split.navigation[0].endswith("</nav></nav>")
    unclosed = "<p>x</p><nav><a href='y/'>"
    assert split_navigation(unclosed).rest == unclosed


def test_sibling_pages_menus_lead_to_the_same_places() -> None:
    # procedures/a/ and procedures/b/ each link to themselves as ./ and to the other as ../other/
    a = menu("../../", "./", "../b/", "#part-of-a")
    b = menu("../../", "../a/", "./", "#part-of-b")
    assert menu_key("procedures/a/index.html", a) == menu_key("procedures/b/index.html", b)
    assert menu_key("procedures/a/index.html", a) != menu_key("procedures/index.html", a)
    # the file-share edition: pages share their folder, and write the same links
    assert menu_key("procedures/a.html", menu("../index.html", "a.html")) == menu_key(
        "procedures/b.html", menu("../index.html", "a.html")
    )


def test_a_broken_menu_link_is_found_and_a_menu_read_once_per_folder(tmp_path: Path) -> None:
    page(tmp_path, "index.html", "<p>Home</p>")
    for name in ("a", "b", "c"):  # the menu lists a, b, c; each page links to itself as ./
        links = ["./" if other == name else f"../{other}/" for other in ("a", "b", "c")]
        page(tmp_path, f"procedures/{name}/index.html", menu("../../", *links, "../missing/"))
    problems = [str(problem) for problem in check_site(tmp_path)]
    # a, b and c carry the same menu: its broken link is reported once, on the first page
    assert problems == ["procedures/a/index.html: ../missing/: no such file in the built site"]


def test_a_menu_that_differs_is_read_on_its_own_page(tmp_path: Path) -> None:
    page(tmp_path, "index.html", "<p>Home</p>")
    page(tmp_path, "procedures/a/index.html", menu("../../", "./", "../b/"))
    page(tmp_path, "procedures/b/index.html", menu("../../", "../a/", "./", "../gone/"))
    problems = [str(p) for p in check_site(tmp_path)]
    assert problems == ["procedures/b/index.html: ../gone/: no such file in the built site"]


def test_a_menu_with_a_link_the_key_cannot_see_is_read_on_every_page(tmp_path: Path) -> None:
    page(tmp_path, "index.html", "<p>Home</p>")
    for name in ("a", "b"):  # the same menu, but one link in single quotes: read on both pages
        single_quoted = menu("../../").replace("</ul>", "<a href='../gone/'>x</a></ul>")
        page(tmp_path, f"procedures/{name}/index.html", single_quoted)
    assert [str(p) for p in check_site(tmp_path)] == [
        "procedures/a/index.html: ../gone/: no such file in the built site",
        "procedures/b/index.html: ../gone/: no such file in the built site",
    ]
    assert menu_key("procedures/a/index.html", menu("x/").replace("</ul>", "<a href=y>y</a></ul>"))[0] == (
        "procedures/a/index.html"
    )


def test_two_processes_find_what_one_finds(tmp_path: Path) -> None:
    """A large site's pages are read by two processes; the problems found must not change, including
    a broken anchor on a page the other process read."""
    for number in range(12):
        nav = menu(*(f"../p{other}/" for other in range(12)))
        link = f'<a href="../p{11 - number}/#here-{11 - number}">x</a>'
        page(tmp_path, f"p{number}/index.html", f'{nav}<p id="here-{number}">{number}</p>{link}')
    page(tmp_path, "p11/index.html", '<a href="../p0/#gone">x</a><a href="../p99/">y</a>')
    one = check_site(tmp_path, processes=1)
    assert [str(problem) for problem in one] == [
        "p0/index.html: ../p11/#here-11: no element with id 'here-11' on that page",
        "p11/index.html: ../p0/#gone: no element with id 'gone' on that page",
        "p11/index.html: ../p99/: no such file in the built site",
    ]
    assert check_site(tmp_path, processes=2) == one
    assert check_site(tmp_path, processes=3) == one


def test_with_no_second_process_the_pages_are_read_here(tmp_path: Path, monkeypatch) -> None:
    from handbook.site import linkcheck

    def cannot_start(*_args: object) -> None:
        raise OSError("no more processes")

    page(tmp_path, "index.html", '<a href="a/#p1">A</a><a href="b/">B</a>')
    page(tmp_path, "a/index.html", '<p id="p1">One</p><a href="../missing/">x</a>')
    monkeypatch.setattr(linkcheck, "SecondProcess", cannot_start)
    assert [str(problem) for problem in check_site(tmp_path, processes=2)] == [
        "a/index.html: ../missing/: no such file in the built site",
        "index.html: b/: no such file in the built site",
    ]
