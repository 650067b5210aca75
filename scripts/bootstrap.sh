#!/usr/bin/env bash
# Install everything the handbook needs, on a fresh Debian machine or an existing checkout.
# Fast when nothing changed: each step is skipped while its lock file's checksum is unchanged.
#   scripts/bootstrap.sh            Python packages (.venv) and JavaScript packages (node_modules)
#   scripts/bootstrap.sh --pdf      also Debian's Chromium (the build prints the leaflets' PDFs with it)
#   scripts/bootstrap.sh --browser  also Chromium, Java, poppler-utils and nginx (browser, HTML, PDF, server tests)
#   scripts/bootstrap.sh --server   also Debian's nginx (the load check runs deploy/nginx.conf with it)
#   scripts/bootstrap.sh --python   only the Python packages (./run installs them before any command)
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m%s\033[0m\n' "$*" >&2; }
fail() { printf 'Set-up failed: %s\n' "$*" >&2; exit 1; }

case "${1:-}" in  # the options above, and no other (python -m handbook declares which each command needs)
  ""|--python|--pdf|--browser|--server) ;;
  *) printf 'Set-up failed: unknown option %s (the options are at the top of scripts/bootstrap.sh)\n' "$1" >&2
     exit 2 ;;
esac

# --- Python 3.11+ and the pinned packages ------------------------------------------------------
PYTHON=${PYTHON:-python3}
command -v "$PYTHON" >/dev/null || fail "Python 3.11 or newer is needed: install python3 (apt-get install python3 python3-venv)."
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || fail "Python 3.11 or newer is needed; $PYTHON is $("$PYTHON" --version 2>&1)."
if [ ! -x .venv/bin/python ]; then
  say "Creating the Python virtual environment in .venv"
  "$PYTHON" -m venv .venv || fail "could not create .venv (on Debian: apt-get install python3-venv)."
fi
want=$(cat requirements.txt pyproject.toml | sha256sum | cut -d' ' -f1)
if [ "$(cat .venv/.requirements.sha256 2>/dev/null)" != "$want" ]; then
  say "Installing the pinned Python packages (requirements.txt) and the handbook's MkDocs plugin"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-input -r requirements.txt
  # The handbook itself, editable: this registers its MkDocs plugin (pyproject.toml, entry point
  # "handbook"); the code stays in scripts/handbook. setuptools is pinned in requirements.txt.
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-input \
    --no-deps --no-build-isolation --editable .
  echo "$want" > .venv/.requirements.sha256
fi

[ "${1:-}" = "--python" ] && exit 0

# --- JavaScript served by the site (Mermaid, iframe-worker) and axe-core for the tests ----------
command -v npm >/dev/null || fail "Node.js 20 and npm are needed: install them (apt-get install nodejs npm)."
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.package-lock.sha256 2>/dev/null)" != "$want" ]; then
  say "Installing the pinned JavaScript packages (package-lock.json)"
  npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
  echo "$want" > node_modules/.package-lock.sha256
fi

# --- Chromium (leaflet PDFs, browser tests), Java (HTML validator), poppler-utils (PDF tests), ----
# --- nginx (deploy/nginx.conf is tested with Debian's nginx, run on loopback as any user) -------
if [ -n "${1:-}" ]; then
  missing=()
  if [ "${1:-}" = "--browser" ] || [ "${1:-}" = "--pdf" ]; then
    [ -x /usr/bin/chromium ] || missing+=(chromium)
  fi
  if [ "${1:-}" = "--browser" ]; then
    command -v java >/dev/null || missing+=(default-jre-headless)
    command -v pdftotext >/dev/null || missing+=(poppler-utils)
  fi
  if [ "${1:-}" = "--browser" ] || [ "${1:-}" = "--server" ]; then
    [ -x /usr/sbin/nginx ] || missing+=(nginx)   # not on a non-root PATH; the tests look there
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
      say "Installing Debian packages: ${missing[*]}"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq
      # Where Debian's nginx package starts its service (port 80), it does no harm: the tests and the
      # load check start nginx of their own, on a free loopback port (handbook/site/nginx.py).
      apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
      fail "the handbook needs Debian's ${missing[*]}: run 'sudo apt-get install ${missing[*]}', then try again."
    fi
  fi
fi
