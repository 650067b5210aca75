"""What the web server needs to know about a build, written by the build into ``site/_server/``.

deploy/nginx.conf sends a Content-Security-Policy that runs no inline script but those it names by
hash, and answers a renamed page's old address with a real redirect. Both depend on the build: the
few inline scripts Material writes into every page differ with the page's depth in the site
(``__md_scope=new URL("../..",location)``), and the redirects are those mkdocs-redirects wrote as
stub pages. So the build lists them beside the pages it made, and the server reads them at start:

- ``_server/nginx-csp.conf``: ``set $handbook_script_hashes "'sha256-…' …";``
- ``_server/nginx-redirects.conf``: a ``location = /old/ { return 301 /new/; }`` per renamed page
- ``_server/csp-script-hashes.txt``: the same hashes, one a line, for other servers (IIS, Apache)

An inline event handler (``onclick="…"``) cannot be allowed by a hash without ``'unsafe-hashes'``,
so a page that has one stops the build: move the code into a script file.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from handbook.core.errors import HandbookError
from handbook.site.ledger import REDIRECT

SERVER_DIR = "_server"
CSP_CONF = "nginx-csp.conf"
REDIRECTS_CONF = "nginx-redirects.conf"
HASHES_TXT = "csp-script-hashes.txt"

#: An inline ``<script>`` (no ``src``): its attributes and its text, exactly as the browser hashes it.
INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
TYPE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]+)""", re.I)
#: Script types a browser runs (anything else, such as Material's application/json, is data).
RUNNABLE = {"", "text/javascript", "application/javascript", "module"}
#: An inline event handler attribute in a tag (``<img onerror="…">``).
HANDLER = re.compile(r"<[a-zA-Z][^<>]*?\s(on[a-z]+)\s*=", re.S)
#: What every inline handler holds, found fast (a literal start): the page is read closely only if one
#: follows a space, as an attribute does.
HANDLER_HINT = re.compile(r"on[a-z]+\s*=")
#: Text where a tag-like string is not markup: comments, and the text of scripts and styles (not their tags).
NOT_MARKUP = re.compile(r"(<(script|style)\b[^>]*>).*?(</\2>)|<!--.*?-->", re.S | re.I)


class InlineHandler(HandbookError):
    """A built page has an inline event handler, which the Content-Security-Policy blocks."""


@dataclass(frozen=True)
class ServerFiles:
    """What a build tells the web server: the inline scripts' hashes and the redirects."""

    script_hashes: list[str]
    redirects: dict[str, str]  # old address -> new address, both from the site root


def csp_hash(script: str) -> str:
    """The CSP source that allows an inline script with this exact text: ``'sha256-<base64>'``."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script a browser would run in this page."""
    found = []
    for match in INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if re.search(r"\ssrc\s*=", attrs, re.I):
            continue
        kind = TYPE.search(attrs)
        if (kind.group(1).lower() if kind else "") in RUNNABLE:
            found.append(match.group("body"))
    return found


def inline_handlers(html: str) -> list[str]:
    """The names of the inline event handler attributes in this page (``onerror``, ``onclick`` …)."""
    if not any(match.start() and html[match.start() - 1].isspace() for match in HANDLER_HINT.finditer(html)):
        return []
    return [match.group(1) for match in HANDLER.finditer(NOT_MARKUP.sub(r"\1\3", html))]


def page_address(site: Path, path: Path) -> str:
    """The address of a built page from the site root: ``/a/b/`` for ``a/b/index.html``."""
    rel = path.relative_to(site).as_posix()
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def collect(site: Path) -> ServerFiles:
    """Read every built page: the inline scripts' hashes and the redirect stubs' targets.

    Raises InlineHandler, naming the pages, if any page has an inline event handler.
    """
    hashes: set[str] = set()
    redirects: dict[str, str] = {}
    handlers: list[str] = []
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        address = page_address(site, path)
        moved = REDIRECT.search(html)
        if moved:  # nginx answers it with a redirect; other servers serve the stub, whose script keeps the #anchor
            redirects[address] = urljoin(address, moved.group(1))
        hashes.update(csp_hash(script) for script in inline_scripts(html))
        handlers += [f"{path.relative_to(site).as_posix()}: {name}" for name in sorted(set(inline_handlers(html)))]
    if handlers:
        raise InlineHandler(
            "The built site has inline event handlers, which the web server's Content-Security-Policy "
            "blocks (deploy/nginx.conf). Move the code into a script file under docs/assets/javascripts/:\n"
            + "\n".join(handlers[:20])
        )
    return ServerFiles(sorted(hashes), redirects)


def nginx_csp(files: ServerFiles) -> str:
    """``_server/nginx-csp.conf``: the hashes, as the variable deploy/nginx.conf puts in script-src."""
    return (
        "# Written by the build (handbook.site.server_files): the inline scripts the pages run.\n"
        f'set $handbook_script_hashes "{" ".join(files.script_hashes)}";\n'
    )


def nginx_redirects(files: ServerFiles) -> str:
    """``_server/nginx-redirects.conf``: a permanent redirect for each renamed page's old address."""
    lines = ["# Written by the build (handbook.site.server_files): renamed pages (mkdocs.yml redirect_maps)."]
    for old, new in sorted(files.redirects.items()):
        lines.append(f"location = {_quoted(old)} {{ return 301 {_quoted(new)}; }}")
        if old.endswith("/"):  # the stub itself, asked for by its file name
            lines.append(f"location = {_quoted(old + 'index.html')} {{ return 301 {_quoted(new)}; }}")
    return "\n".join(lines) + "\n"


def _quoted(address: str) -> str:
    """An address as one nginx word (quoted: it may hold characters nginx reads specially)."""
    if any(char in address for char in '"\\\n'):
        raise ValueError(f"an address nginx cannot be given safely: {address!r}")
    return f'"{address}"'


def write_server_files(site: Path) -> ServerFiles:
    """Write ``site/_server/`` for the built site in ``site``; return what was written."""
    files = collect(site)
    folder = site / SERVER_DIR
    folder.mkdir(exist_ok=True)
    (folder / CSP_CONF).write_text(nginx_csp(files), encoding="utf-8")
    (folder / REDIRECTS_CONF).write_text(nginx_redirects(files), encoding="utf-8")
    (folder / HASHES_TXT).write_text("".join(f"{h}\n" for h in files.script_hashes), encoding="utf-8")
    return files
