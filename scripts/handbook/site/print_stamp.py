"""Printed copies say when they were printed, and that the handbook may have changed since.

The handbook's printing policy: a printed page carries "Correct as printed on <date>; check the
handbook for the current version". A static site cannot know the day someone prints, so every page
carries a line that only the print stylesheet shows, and ``assets/javascripts/print-date.js`` writes
today's date into it (on load and again on ``beforeprint``). Without JavaScript the line keeps the
build date and says so honestly: "Correct as published on <build date>".
"""

from __future__ import annotations

import datetime as dt
from html import escape

from handbook.content.editions import long_date

#: The sentence after the date, as the printing policy words it.
CHECK_CURRENT = "check the handbook for the current version."


def print_stamp_html(built: dt.date) -> str:
    """The print-only line, with the build date as the fallback the script replaces."""
    iso = built.isoformat()
    return (
        f'<p class="hb-print-stamp" data-build-date="{iso}">'
        f'Correct as published on <time datetime="{iso}">{escape(long_date(built))}</time>; {CHECK_CURRENT}'
        "</p>"
    )
