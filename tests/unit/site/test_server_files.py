"""What the build tells the web server: inline scripts by hash, renamed pages, precompressed files.

deploy/nginx.conf allows only the inline scripts the build lists (site/_server/nginx-csp.conf) and
answers the old address of a renamed page with a redirect (site/_server/nginx-redirects.conf). These
tests check how the lists are made; tests/site/test_nginx.py and tests/browser/test_nginx.py run
nginx with them.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
from pathlib import Path

import pytest

from handbook.site.precompress import precompress
from handbook.site.server_files import (
    InlineHandler,
    ServerFiles,
    collect,
    csp_hash,
    inline_handlers,
    inline_scripts,
    nginx_csp,
    nginx_redirects,
    write_server_files,
)

STUB = (
    '<!doctype html><html><head><script>var anchor=window.location.hash.substr(1);location.href="{to}"'
    '+(anchor?"#"+anchor:"")</script><meta http-equiv="refresh" content="0; url={to}"></head></html>'
)


def write(site: Path, rel: str, text: str) -> Path:
    path = site / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_hash_is_the_base64_sha256_a_browser_asks_for() -> None:
    # Chromium names this hash for an empty inline style it blocks ("a hash ('sha256-47DEQ…') is required").
    assert csp_hash("") == "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
    text = '__md_scope=new URL("..",location)'
    expected = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
    assert csp_hash(text) == f"'sha256-{expected}'"


def test_only_inline_scripts_a_browser_runs_are_listed() -> None:
    html = (
        '<script src="a.js"></script>'
        '<script id="__config" type="application/json">{"base": ".."}</script>'
        "<script>var a = 1;</script>"
        '<script type="module">import x from "./x.js";</script>'
        "<SCRIPT type='text/javascript'>\nb()\n</SCRIPT>"
    )
    assert inline_scripts(html) == ["var a = 1;", 'import x from "./x.js";', "\nb()\n"]


def test_inline_event_handlers_are_found_in_tags_not_in_text_or_scripts() -> None:
    html = (
        '<script src="m.js" onerror="x()"></script>'
        '<p>Write <code>&lt;img onerror="x"&gt;</code></p>'
        '<!-- <a onclick="old()"> -->'
        '<script>document.body.innerHTML = "<a onclick=1>";</script>'
        '<button type="button"\n  onclick="go()">Go</button>'
    )
    assert inline_handlers(html) == ["onerror", "onclick"]


def test_the_build_lists_each_inline_script_once_and_every_redirect(tmp_path: Path) -> None:
    write(tmp_path, "index.html", '<script>__md_scope=new URL(".",location)</script>')
    write(tmp_path, "a/index.html", '<script>__md_scope=new URL("..",location)</script>')
    write(tmp_path, "b/index.html", '<script>__md_scope=new URL("..",location)</script>')
    write(tmp_path, "old-name/index.html", STUB.format(to="../a/"))
    write(tmp_path, "older/page/index.html", STUB.format(to="../../a/#section-2"))
    files = collect(tmp_path)
    assert files.redirects == {"/old-name/": "/a/", "/older/page/": "/a/#section-2"}
    stub_script = 'var anchor=window.location.hash.substr(1);location.href="../a/"+(anchor?"#"+anchor:"")'
    assert set(files.script_hashes) == {
        csp_hash('__md_scope=new URL(".",location)'),
        csp_hash('__md_scope=new URL("..",location)'),
        csp_hash(stub_script),  # the stub's script keeps the #anchor where a server has no redirects
        csp_hash(stub_script.replace("../a/", "../../a/#section-2")),
    }
    assert files.script_hashes == sorted(files.script_hashes)


def test_a_page_with_an_inline_event_handler_stops_the_build(tmp_path: Path) -> None:
    write(tmp_path, "index.html", "<p>Fine</p>")
    write(tmp_path, "flowcharts/referral/index.html", '<script src="m.js" onerror="fallback()"></script>')
    with pytest.raises(InlineHandler) as error:
        collect(tmp_path)
    assert str(error.value).endswith("docs/assets/javascripts/:\nflowcharts/referral/index.html: onerror")


def test_the_nginx_files_hold_the_hashes_and_the_redirects() -> None:
    files = ServerFiles(["'sha256-AAA='", "'sha256-BBB='"], {"/old/": "/new/#para-2", "/a.html": "/b/"})
    assert nginx_csp(files).splitlines()[-1] == "set $handbook_script_hashes \"'sha256-AAA=' 'sha256-BBB='\";"
    assert nginx_redirects(files).splitlines()[1:] == [
        'location = "/a.html" { return 301 "/b/"; }',
        'location = "/old/" { return 301 "/new/#para-2"; }',
        'location = "/old/index.html" { return 301 "/new/#para-2"; }',
    ]
    with pytest.raises(ValueError, match="nginx cannot be given safely"):
        nginx_redirects(ServerFiles([], {'/a"b/': "/c/"}))


def test_the_files_are_written_into_site_server(tmp_path: Path) -> None:
    write(tmp_path, "index.html", "<script>a()</script>")
    write_server_files(tmp_path)
    written = sorted(path.name for path in (tmp_path / "_server").iterdir())
    assert written == ["csp-script-hashes.txt", "nginx-csp.conf", "nginx-redirects.conf"]
    assert (tmp_path / "_server" / "csp-script-hashes.txt").read_text(encoding="utf-8") == csp_hash("a()") + "\n"


def test_scripts_stylesheets_and_search_files_are_precompressed_pages_are_not(tmp_path: Path) -> None:
    big = "var handbook = 1;\n" * 100
    write(tmp_path, "assets/javascripts/handbook.js", big)
    write(tmp_path, "search/part-1.json", '{"docs": []}' * 50)
    write(tmp_path, "assets/javascripts/tiny.js", "a()")  # under 256 bytes: sent as it is
    write(tmp_path, "assets/javascripts/bundle.min.js.map", big)  # only developer tools ask for maps
    write(tmp_path, "index.html", "<p>page</p>" * 100)  # pages: nginx compresses them as it sends them
    write(tmp_path, "_server/nginx-csp.conf", "x" * 500)
    assert precompress(tmp_path) == 2
    assert sorted(path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*.gz")) == [
        "assets/javascripts/handbook.js.gz",
        "search/part-1.json.gz",
    ]
    packed = (tmp_path / "assets/javascripts/handbook.js.gz").read_bytes()
    assert gzip.decompress(packed).decode() == big
    precompress(tmp_path)
    assert (tmp_path / "assets/javascripts/handbook.js.gz").read_bytes() == packed, "a rebuild writes the same bytes"
