"""Run Debian's nginx on loopback with deploy/nginx.conf, for the tests and the load check.

The configuration tested is the one administrators install. It is an ``http{}``-level file (Debian's
/etc/nginx/nginx.conf includes conf.d/*.conf inside ``http {}``), so a run here wraps it in a small
main file of its own, as Debian's does, with every path nginx writes (pid, logs, temporary files) in
a temporary folder: it runs as any user, on a free port, beside any other nginx. Only two things of
deploy/nginx.conf are changed: where it listens (``listen 80;`` and ``listen [::]:80;`` become one
loopback address) and the site's folder (``/srv/handbook/site``).
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from handbook import PROJECT_ROOT
from handbook.core.errors import HandbookError

DEPLOY_CONF = PROJECT_ROOT / "deploy" / "nginx.conf"
#: The site's folder as deploy/nginx.conf names it.
SITE_PLACEHOLDER = "/srv/handbook/site"
LISTEN = ("    listen 80;\n", "    listen [::]:80;\n")
#: Where Debian puts nginx (not on a non-root user's PATH) and its MIME types.
NGINX_CANDIDATES = ("/usr/sbin/nginx", "/usr/bin/nginx")
MIME_TYPES = Path("/etc/nginx/mime.types")

MAIN_CONF = """\
# A run of deploy/nginx.conf on loopback (handbook.site.nginx): like Debian's nginx.conf, with every
# file nginx writes in this folder.
daemon off;
{user}worker_processes {workers};
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{
    worker_connections 4096;
}}
http {{
    sendfile on;
    tcp_nopush on;
    types_hash_max_size 2048;
    include {mime_types};
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {prefix}/handbook.conf;
}}
"""


class NginxNotAvailable(HandbookError):
    """Debian's nginx is not installed, or would not start with deploy/nginx.conf."""


def nginx_binary() -> str:
    """Debian's nginx; the message says how to install it when it is missing."""
    for candidate in NGINX_CANDIDATES:
        if Path(candidate).is_file():
            return candidate
    found = shutil.which("nginx")
    if found:
        return found
    raise NginxNotAvailable(
        "Debian's nginx is not installed: run 'sudo apt-get install nginx' (./run test installs it when run as root)."
    )


def local_config(deploy_text: str, site: Path, port: int) -> str:
    """deploy/nginx.conf for ``site`` on 127.0.0.1:``port``; raises if the file no longer has the lines changed."""
    missing = [line.strip() for line in LISTEN if line not in deploy_text]
    if missing or SITE_PLACEHOLDER not in deploy_text:
        raise NginxNotAvailable(
            f"{DEPLOY_CONF.relative_to(PROJECT_ROOT)} no longer has "
            + ", ".join(missing + ([] if SITE_PLACEHOLDER in deploy_text else [SITE_PLACEHOLDER]))
            + ": update handbook.site.nginx, which changes those lines to run it on loopback"
        )
    folder = str(site.resolve())
    if '"' in folder or "\\" in folder:
        raise NginxNotAvailable(f"nginx cannot be given this folder safely: {folder}")
    text = deploy_text.replace(LISTEN[0], f"    listen 127.0.0.1:{port};\n").replace(LISTEN[1], "")
    # Quoted, so a folder with a space in its name stays one word; comments are left as they are.
    placeholder = re.compile(r"(?m)^(\s*[a-z_]+\s+)" + re.escape(SITE_PLACEHOLDER) + r"(\S*);")
    return placeholder.sub(lambda match: f'{match[1]}"{folder}{match[2]}";', text)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(port: int, process: subprocess.Popen, log: Path, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise NginxNotAvailable("nginx stopped at once:\n" + _read(log))
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise NginxNotAvailable(f"nginx did not answer on port {port} within {timeout:.0f} s:\n" + _read(log))


def _read(log: Path) -> str:
    return log.read_text(encoding="utf-8", errors="replace") if log.is_file() else "(no error log)"


def _user_line(run_as: str | None) -> str:
    """nginx's ``user`` directive: started as root, its workers would read the site as "nobody", who
    cannot enter a folder only root may (as pytest's temporary folders are), so they stay root; run
    as anyone else, nginx has no user to switch to and the directive is left out."""
    return "user root;\n" if os.geteuid() == 0 and run_as is None else ""


@contextmanager
def nginx(
    site: Path, workers: int = 2, deploy_conf: Path = DEPLOY_CONF, run_as: str | None = None
) -> Iterator[str]:
    """Serve ``site`` with deploy/nginx.conf on a free loopback port; yields the base URL (ending in "/").

    The configuration is checked first (``nginx -t``), so a mistake in it is reported with nginx's
    own message. nginx is stopped (and waited for) on leaving, however the block ends. ``run_as``
    (when this runs as root): start nginx as that user instead, as a non-root administrator would.
    """
    binary = nginx_binary()
    with tempfile.TemporaryDirectory(prefix="handbook-nginx-") as folder:
        prefix = Path(folder)
        port = free_port()
        (prefix / "handbook.conf").write_text(
            local_config(deploy_conf.read_text(encoding="utf-8"), site, port), encoding="utf-8"
        )
        main = prefix / "nginx.conf"
        main.write_text(
            MAIN_CONF.format(prefix=prefix, workers=workers, mime_types=MIME_TYPES, user=_user_line(run_as)),
            encoding="utf-8",
        )
        as_user: dict[str, object] = {}
        if run_as is not None:
            account = pwd.getpwnam(run_as)
            for path in (prefix, main, prefix / "handbook.conf"):
                os.chown(path, account.pw_uid, account.pw_gid)
            as_user = {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}
        command = [binary, "-p", str(prefix), "-c", str(main), "-e", str(prefix / "error.log")]
        test = subprocess.run([*command, "-t", "-q"], capture_output=True, text=True, check=False, **as_user)
        if test.returncode:
            raise NginxNotAvailable("nginx refused deploy/nginx.conf:\n" + (test.stderr or test.stdout).strip())
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **as_user)
        try:
            _wait_for(port, process, prefix / "error.log")
            yield f"http://127.0.0.1:{port}/"
        finally:
            process.send_signal(signal.SIGQUIT)  # nginx's graceful stop: workers finish their requests
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
