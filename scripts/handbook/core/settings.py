"""The build's settings from the environment, read once: today, the build date, the site's
address and which Chromium prints the leaflets.

Before, "today" was worked out in three places (review dates, the print line and the leaflets'
"printed on"), each its own way. Now a build reads ``Settings`` once and every feature asks it.

- ``HANDBOOK_TODAY`` (YYYY-MM-DD): the day the build treats as today for review dates, badges and
  the feed, so tests and rehearsals can build "as of" another day. Unset: the real date.
- ``SOURCE_DATE_EPOCH`` (seconds, the reproducible-builds convention): the build date printed on
  pages and leaflets. Unset: the real date.
- ``HANDBOOK_SITE_URL``: the address the intranet serves the handbook at, if known (mkdocs.yml reads
  it too, as ``site_url``).
- ``HANDBOOK_CHROMIUM``: another Chromium binary than Debian's.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from handbook.core.chromium import chromium_path
from handbook.core.errors import HandbookError

TODAY_VARIABLE = "HANDBOOK_TODAY"
EPOCH_VARIABLE = "SOURCE_DATE_EPOCH"
SITE_URL_VARIABLE = "HANDBOOK_SITE_URL"


class SettingsError(HandbookError, ValueError):
    """A setting in the environment that cannot be used; the message says how to fix it."""


@dataclass(frozen=True)
class Settings:
    today: dt.date
    build_date: dt.date
    site_url: str | None
    chromium: str

    @property
    def site_path(self) -> str:
        """The path the site is served under (``/`` unless ``HANDBOOK_SITE_URL`` says otherwise)."""
        return urlsplit(self.site_url or "/").path or "/"


def read_settings(environ: Mapping[str, str] = os.environ) -> Settings:
    """Read every setting at once; raise SettingsError for one that is set but unusable."""
    return Settings(
        today=today(environ),
        build_date=build_date(environ),
        site_url=environ.get(SITE_URL_VARIABLE) or None,
        chromium=chromium_path(environ),
    )


def today(environ: Mapping[str, str] = os.environ) -> dt.date:
    """The build's date: ``HANDBOOK_TODAY`` if set, else the real date."""
    value = environ.get(TODAY_VARIABLE, "").strip()
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise SettingsError(
            f'{TODAY_VARIABLE}="{value}" is not a date: use YYYY-MM-DD, or unset it to use today'
        ) from None


def build_date(environ: Mapping[str, str] = os.environ) -> dt.date:
    """Today, or the date in ``SOURCE_DATE_EPOCH`` (set for reproducible builds)."""
    epoch = environ.get(EPOCH_VARIABLE, "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()
