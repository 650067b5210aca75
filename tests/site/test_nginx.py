"""deploy/nginx.conf, run by Debian's nginx on loopback over the real build: headers, compression,
caching, the 404 page, every published address and redirect, and a short load check.

The browser tests (tests/browser/test_nginx.py) load the pages it serves in Chromium; here every
answer is read with http.client, so a header or a byte that is wrong is named.
"""

from __future__ import annotations

import gzip
import http.client
import os
import pwd
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from handbook import PROJECT_ROOT
from handbook.core.links import page_url
from handbook.core.sources import load_pages
from handbook.site.build import build
from handbook.site.ledger import STABLE_ANCHOR, read_ledger
from handbook.site.load_check import load_check, site_paths
from handbook.site.nginx import DEPLOY_CONF, NginxNotAvailable, nginx
from handbook.site.server_files import HASHES_TXT, SERVER_DIR, collect

from .tiny_handbook import make_tiny_handbook

pytestmark = pytest.mark.slow

YEAR = "public, max-age=31536000, immutable"
#: Material's fingerprinted files: name.<8 hex digits>.min.js or .css (and their maps), straight under
#: assets/javascripts/ or assets/stylesheets/.
FINGERPRINTED = re.compile(r"^assets/(javascripts|stylesheets)/[^/]+\.[0-9a-f]{8}\.min\.(js|css)(\.map)?$")
#: The search worker keeps Material's fingerprinted name, but the build rewrites it.
WORKER = re.compile(r"^assets/javascripts/workers/search\.[0-9a-f]{8}\.min\.js$")


class Answer:
    """One answer of nginx, as received (the body decompressed if it was sent gzipped)."""

    def __init__(self, response: http.client.HTTPResponse) -> None:
        self.status = response.status
        self.headers = response.headers
        self.raw = response.read()
        self.body = gzip.decompress(self.raw) if self.headers.get("Content-Encoding") == "gzip" else self.raw


def get(base: str, path: str, gzip_ok: bool = True, method: str = "GET") -> Answer:
    """Ask nginx for ``path`` (from the root), as a browser would, without following redirects."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request(method, path, headers={"Accept-Encoding": "gzip, deflate"} if gzip_ok else {})
        return Answer(connection.getresponse())
    finally:
        connection.close()


def follow(base: str, path: str, hops: int = 5) -> tuple[list[str], Answer]:
    """Ask for ``path`` and follow redirects: (every address asked for, the last answer)."""
    asked = [path]
    answer = get(base, path)
    while answer.status in (301, 302, 307, 308) and len(asked) <= hops:
        location = answer.headers["Location"]
        assert location.startswith("/"), f"{asked[-1]} redirects to another host or an absolute URL: {location}"
        asked.append(urljoin(asked[-1], location).split("#")[0])
        answer = get(base, asked[-1])
    return asked, answer


@pytest.fixture(scope="module")
def served(http_site: Path) -> Iterator[str]:
    with nginx(http_site) as base:
        yield base


def page_of_every_kind(site: Path) -> list[str]:
    """One built page address of each kind the pages declare (home, guide, procedure, edition, …)."""
    pages, errors = load_pages(PROJECT_ROOT)
    assert not errors, errors
    chosen: dict[str, str] = {}
    for page in sorted(pages, key=lambda p: p.src_uri):
        chosen.setdefault(page.meta.kind, "/" + page_url(page.src_uri, directory_urls=True))
    assert len(chosen) >= 8, chosen
    return sorted(chosen.values())


def test_every_answer_carries_the_security_headers(served: str, http_site: Path) -> None:
    hashes = (http_site / SERVER_DIR / HASHES_TXT).read_text(encoding="utf-8").split()
    assert len(hashes) >= 3, "Material's pages have inline scripts: the build lists their hashes"
    expected_script_src = "script-src 'self' " + " ".join(hashes)
    for path, status in [
        ("/", 200),
        ("/procedures/", 200),
        ("/assets/javascripts/handbook.js", 200),
        ("/search/search_index.json", 200),
        ("/no-such-page/", 404),
        ("/procedures", 301),
    ]:
        answer = get(served, path)
        assert answer.status == status, path
        policy = [part.strip() for part in answer.headers["Content-Security-Policy"].split(";")]
        assert policy[0] == "default-src 'self'", path
        assert expected_script_src in policy, path
        assert "frame-ancestors 'self'" in policy and "object-src 'none'" in policy
        assert not re.search(r"https?:|\*", answer.headers["Content-Security-Policy"]), "no other host, no wildcard"
        assert "unsafe-inline" not in next(part for part in policy if part.startswith("script-src"))
        assert "unsafe-eval" not in answer.headers["Content-Security-Policy"]
        assert answer.headers["X-Content-Type-Options"] == "nosniff", path
        assert answer.headers["Referrer-Policy"] == "no-referrer", path
        assert "Server: nginx/" not in str(answer.headers), "the version is not announced"


def compressible(site: Path) -> list[str]:
    """Pages of every kind, Material's and the handbook's scripts and styles, and every search file."""
    files = [
        "assets/javascripts/handbook.js",
        "assets/stylesheets/handbook.css",
        "assets/vendor/mermaid/mermaid.min.js",
        next(path.relative_to(site).as_posix() for path in (site / "assets/javascripts").glob("bundle.*.min.js")),
        next(path.relative_to(site).as_posix() for path in (site / "assets/stylesheets").glob("main.*.min.css")),
        # The search files by folder and kind, whatever they are called and however many there are.
        *sorted(p.relative_to(site).as_posix() for p in (site / "search").rglob("*") if p.suffix in (".js", ".json")),
    ]
    return ["/" + path for path in files]


def test_pages_scripts_styles_and_search_files_are_sent_gzipped_to_browsers_that_accept_it(
    served: str, http_site: Path
) -> None:
    search_files = [path for path in compressible(http_site) if path.startswith("/search/")]
    assert any(path.endswith(".json") for path in search_files), "the http edition's search files are .json"
    for path in page_of_every_kind(http_site) + compressible(http_site):
        on_disk = (http_site / path.lstrip("/")).read_bytes() if not path.endswith("/") else None
        if on_disk is None:
            on_disk = (http_site / path.lstrip("/") / "index.html").read_bytes()
        zipped = get(served, path)
        assert zipped.status == 200, path
        assert zipped.headers["Content-Encoding"] == "gzip", f"{path} is not compressed"
        assert "Accept-Encoding" in zipped.headers["Vary"], path
        assert zipped.body == on_disk, f"{path}: the decompressed answer is not the file"
        if len(on_disk) >= 4096:  # a small search shard (under 1 kB) cannot shrink by half
            sent = len(zipped.raw)
            assert sent < len(on_disk) / 2, f"{path}: compressed to {sent} of {len(on_disk)} bytes"
        plain = get(served, path, gzip_ok=False)
        assert "Content-Encoding" not in plain.headers, f"{path} is compressed for a client that cannot read it"
        assert plain.body == on_disk, path


def test_scripts_styles_and_search_files_are_sent_as_the_build_compressed_them(served: str, http_site: Path) -> None:
    """gzip_static: nginx sends the build's .gz (the same bytes), not a compression of its own."""
    for path in compressible(http_site):
        packed = http_site / (path.lstrip("/") + ".gz")
        assert packed.is_file(), f"the build wrote no {packed.name}"
        assert get(served, path).raw == packed.read_bytes(), f"{path} is not the build's {packed.name}"


def test_only_material_fingerprinted_files_are_kept_for_a_year(served: str, http_site: Path) -> None:
    long_kept, short_kept = set(), set()
    for path in sorted((http_site / "assets").rglob("*")):
        if path.is_file() and path.suffix != ".gz":
            rel = path.relative_to(http_site).as_posix()
            control = get(served, "/" + rel, method="HEAD").headers["Cache-Control"]
            (long_kept if control == YEAR else short_kept).add(rel)
            assert control in (YEAR, "no-cache"), rel
    assert long_kept == {rel for rel in long_kept | short_kept if FINGERPRINTED.match(rel)}
    assert any(rel.endswith(".min.js") for rel in long_kept) and any(rel.endswith(".min.css") for rel in long_kept)
    rewritten = [rel for rel in short_kept if WORKER.match(rel)]
    assert len(rewritten) == 1, "the search worker, rewritten by the build under Material's name, is revalidated"
    for path in [*page_of_every_kind(http_site), "/search/search_index.json", "/404.html", "/no-such-page/"]:
        assert get(served, path, method="HEAD").headers["Cache-Control"] == "no-cache", path


def test_an_unknown_address_gets_the_handbooks_404_page(served: str, http_site: Path) -> None:
    for path in ["/no-such-page/", "/procedures/no-such-chapter/", "/assets/nothing.js"]:
        answer = get(served, path)
        assert answer.status == 404, path
        assert answer.body == (http_site / "404.html").read_bytes(), path
        assert answer.headers["Content-Type"] == "text/html; charset=utf-8"


def test_the_build_files_for_the_server_are_not_served(served: str, http_site: Path) -> None:
    assert sorted(path.name for path in (http_site / SERVER_DIR).iterdir())  # they exist on disk
    for path in ["/_server/", "/_server/nginx-csp.conf", "/_server/nginx-redirects.conf", f"/_server/{HASHES_TXT}"]:
        answer = get(served, path)
        assert answer.status == 404, path
        assert answer.body == (http_site / "404.html").read_bytes(), path


def test_every_published_address_and_anchor_is_answered(served: str, http_site: Path) -> None:
    """The ledger (data/published-anchors.yml) through nginx: each address is a page, or a real redirect to one."""
    ledger = read_ledger(PROJECT_ROOT)
    assert len(ledger) > 50
    for url, anchors in sorted(ledger.items()):
        asked, answer = follow(served, url)
        assert answer.status == 200, f"{url} ends with {answer.status} after {asked}"
        present = set(STABLE_ANCHOR.findall(answer.body.decode("utf-8")))
        assert set(anchors) <= present, f"{url}: missing anchors {sorted(set(anchors) - present)}"
        assert b'http-equiv="refresh"' not in answer.body, f"{url} is answered with a redirect page, not a redirect"
    for old, new in collect(http_site).redirects.items():  # each redirect page the build wrote
        answer = get(served, old)
        assert (answer.status, answer.headers["Location"]) == (301, new), old


def test_an_address_without_its_slash_is_redirected_without_naming_a_host(served: str) -> None:
    answer = get(served, "/procedures")
    assert (answer.status, answer.headers["Location"]) == (301, "/procedures/")


@pytest.fixture(scope="module")
def renamed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny handbook after two renames: the old addresses are in mkdocs.yml's redirect_maps."""
    root = make_tiny_handbook(tmp_path_factory.mktemp("renamed") / "handbook")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "redirect_maps: {}" in text
    config.write_text(
        text.replace(
            "redirect_maps: {}",
            "redirect_maps: {'guide.md': 'administrators-guide.md', "
            "'welcome.md': 'index.md#tiny-handbook'}",
        ),
        encoding="utf-8",
    )
    return build("http", tmp_path_factory.mktemp("renamed-site") / "site", root=root)


def test_a_renamed_page_is_a_permanent_redirect(renamed_site: Path) -> None:
    assert collect(renamed_site).redirects == {
        "/guide/": "/administrators-guide/",
        "/welcome/": "/#tiny-handbook",
    }
    with nginx(renamed_site) as base:
        for old, new in [
            ("/guide/", "/administrators-guide/"),
            ("/guide/index.html", "/administrators-guide/"),
            ("/welcome/", "/#tiny-handbook"),
        ]:
            answer = get(base, old)
            assert (answer.status, answer.headers["Location"]) == (301, new), old
            assert answer.headers["Content-Security-Policy"].startswith("default-src 'self'")
            asked, final = follow(base, old)
            assert final.status == 200 and b"http-equiv" not in final.body, asked
        assert b'id="tiny-handbook"' in follow(base, "/welcome/")[1].body


def test_nginx_runs_as_an_ordinary_user(renamed_site: Path, tmp_path: Path) -> None:
    """Every file nginx writes is in its temporary folder: started by a user who is not root, it serves."""
    if os.geteuid() != 0:  # the whole module already runs as an ordinary user
        user = None
        site = renamed_site
    else:
        user = "nobody"
        pwd.getpwnam(user)
        site = Path(tempfile.mkdtemp(prefix="handbook-site-")) / "site"  # a folder "nobody" may read
        site.parent.chmod(0o755)
        shutil.copytree(renamed_site, site)
    try:
        with nginx(site, run_as=user) as base:
            assert get(base, "/").status == 200
            assert get(base, "/guide/").status == 301
            assert get(base, "/no-such-page/").status == 404
    finally:
        if user:
            shutil.rmtree(site.parent)


def test_a_mistake_in_the_configuration_is_reported_with_nginxs_words(http_site: Path, tmp_path: Path) -> None:
    broken = tmp_path / "nginx.conf"
    broken.write_text(DEPLOY_CONF.read_text(encoding="utf-8").replace("gzip_vary on;", "gzip_vary of;"))
    refused = pytest.raises(NginxNotAvailable, match=r"nginx refused deploy/nginx.conf:\n.*gzip_vary")
    with refused, nginx(http_site, deploy_conf=broken):
        pass


def test_the_load_check_counts_answers_and_errors(served: str, http_site: Path) -> None:
    paths = site_paths(http_site)
    assert len(paths) > 80 and "/search/search_index.json" in paths
    result = load_check(served, paths, readers=5, seconds=2)
    assert result.requests > 20 and result.per_second > 10
    assert result.errors == 0 and set(result.statuses) == {200}, result.report(served)
    missing = load_check(served, ["/no-such-page/"], readers=2, seconds=0.5)
    assert missing.requests > 0 and missing.errors == missing.requests and set(missing.statuses) == {404}


def test_the_load_check_command_prints_requests_per_second_and_errors(http_site: Path) -> None:
    options = ["--site-dir", str(http_site), "--readers", "4", "--seconds", "1"]
    result = subprocess.run(
        [sys.executable, "-m", "handbook", "load-check", *options],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert re.search(r"^Load check: 4 readers for 1\.\d s against http://127\.0\.0\.1:\d+/$", result.stdout, re.M)
    assert re.search(r"^requests: [\d,]+ \([\d,.]+ per second\); errors: 0$", result.stdout, re.M)


def test_the_load_check_command_needs_a_built_site(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "handbook", "load-check", "--site-dir", str(tmp_path)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"{tmp_path} is not a built http site (it has no _server/ folder): run ./run build first."
    )
