"""deploy/nginx.conf as the tests and the load check run it, and the load check's reading of answers.

Running it (nginx on loopback, headers, compression, redirects, the load itself) is tested in
tests/site/test_nginx.py; here, without nginx, what is changed in the file and what is counted.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest

from handbook.site.load_check import LoadResult, _read_answer, site_paths
from handbook.site.nginx import DEPLOY_CONF, MAIN_CONF, NginxNotAvailable, local_config


def test_only_the_address_and_the_site_folder_are_changed(tmp_path: Path) -> None:
    deploy = DEPLOY_CONF.read_text(encoding="utf-8")
    local = local_config(deploy, tmp_path, 8123)
    assert "listen 127.0.0.1:8123;" in local and "listen 80;" not in local and "[::]:80" not in local
    assert not [line for line in local.splitlines() if "/srv/handbook/site" in line.split("#")[0]]
    assert f'root "{tmp_path.resolve()}";' in local
    assert f'include "{tmp_path.resolve()}/_server/*.conf";' in local
    directives = [line for line in deploy.splitlines() if not line.lstrip().startswith("#")]
    changed = {line for line in directives if line not in local.splitlines()}
    assert changed == {
        "    listen 80;",
        "    listen [::]:80;",
        "    root /srv/handbook/site;",
        "    include /srv/handbook/site/_server/*.conf;",
    }


def test_a_folder_with_a_space_stays_one_word(tmp_path: Path) -> None:
    site = tmp_path / "LSCB handbook" / "site"
    local = local_config(DEPLOY_CONF.read_text(encoding="utf-8"), site, 8123)
    assert f'    root "{site}";' in local.splitlines()


def test_a_deploy_file_without_the_lines_changed_is_refused(tmp_path: Path) -> None:
    deploy = DEPLOY_CONF.read_text(encoding="utf-8").replace("    listen [::]:80;\n", "")
    with pytest.raises(NginxNotAvailable, match=r"no longer has listen \[::\]:80;"):
        local_config(deploy, tmp_path, 8123)


def test_nginx_writes_only_in_its_temporary_folder() -> None:
    """So it runs as any user: every path nginx writes to is under the prefix (and -e for the startup log)."""
    text = MAIN_CONF.format(prefix="/tmp/P", workers=2, mime_types="/etc/nginx/mime.types", user="")
    written = re.findall(r"^\s*(?:pid|error_log|\w+_temp_path)\s+(\S+?);?(?:\s|$)", text, re.MULTILINE)
    assert len(written) == 7
    assert all(path.startswith("/tmp/P/") for path in written)
    assert "access_log off;" in text


def answer(data: bytes) -> tuple[int, int, bool]:
    async def read() -> tuple[int, int, bool]:
        stream = asyncio.StreamReader()
        stream.feed_data(data)
        stream.feed_eof()
        return await _read_answer(stream)

    return asyncio.run(read())


def test_answers_are_read_whole_with_a_length_or_in_chunks() -> None:
    assert answer(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello") == (200, 5, True)
    chunked = b"HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n3;x=y\r\nabc\r\n0\r\n\r\n"
    assert answer(chunked) == (404, 8, True)
    assert answer(b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n") == (200, 0, False)
    with pytest.raises(asyncio.IncompleteReadError):
        answer(b"HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nshort")
    with pytest.raises(ConnectionResetError):
        answer(b"")


def test_the_report_gives_requests_per_second_and_errors() -> None:
    result = LoadResult(readers=50, seconds=20.0, requests=1000, errors=3, bytes=2_000_000)
    result.statuses.update({200: 997, 404: 3})
    result.latencies_ms = [float(n) for n in range(1, 101)]
    assert result.report("http://127.0.0.1:1/").splitlines() == [
        "Load check: 50 readers for 20.0 s against http://127.0.0.1:1/",
        "requests: 1,000 (50.0 per second); errors: 3",
        "time to a full answer: median 50.5 ms, 95th percentile 96.0 ms, longest 100.0 ms; 2.0 MB received",
        "answers: 200 × 997, 404 × 3",
    ]


def test_readers_ask_for_pages_scripts_styles_and_search_files_not_stubs(tmp_path: Path) -> None:
    for rel, text in {
        "index.html": "<p>home</p>",
        "procedures/referral/index.html": "<p>referral</p>",
        "old/index.html": '<meta http-equiv="refresh" content="0; url=../procedures/referral/">',
        "404.html": "<p>not found</p>",
        "assets/javascripts/handbook.js": "a()",
        "assets/javascripts/lunr/min/lunr.fr.min.js": "b()",
        "assets/stylesheets/handbook.css": "p{}",
        "search/part 1.json": "{}",
        "search/part 1.json.gz": "",
        "_server/nginx-csp.conf": "set $x y;",
    }.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    assert site_paths(tmp_path) == [
        "/",
        "/procedures/referral/",
        "/assets/javascripts/handbook.js",
        "/assets/stylesheets/handbook.css",
        "/search/part%201.json",
    ]
