"""Bank holidays in England and Wales, from the ``holidays`` package (PyPI), read at build time.

The calculator embeds them in the page, so it asks no other host and works from ``file://``. Only
weekday holidays are kept: when Christmas Day falls on a Saturday the day off is its substitute
day, which the package lists as "(observed)" and GOV.UK calls a "substitute day".
"""

from __future__ import annotations

import datetime as dt

import holidays

from handbook.deadlines.workdays import WorkingCalendar

#: England and Wales share their bank holidays; the package lists them under the subdivision ENG.
SUBDIVISION = "ENG"


def england_and_wales(first_year: int, last_year: int) -> WorkingCalendar:
    """The working calendar of ``first_year`` to ``last_year``, with every weekday bank holiday named."""
    found = holidays.country_holidays("GB", subdiv=SUBDIVISION, years=range(first_year, last_year + 1))
    named = {
        day: _british(name)
        for day, name in sorted(found.items())
        if day.weekday() < 5 and first_year <= day.year <= last_year
    }
    return WorkingCalendar(first_year, last_year, named)


def _british(name: str) -> str:
    """The package's names in GOV.UK's words: "Boxing Day (observed)" → "Boxing Day (substitute day)"."""
    return name.replace("(observed)", "(substitute day)")


def package_version() -> str:
    return str(getattr(holidays, "__version__", "unknown"))


def as_iso(days: dict[dt.date, str]) -> dict[str, str]:
    return {day.isoformat(): name for day, name in days.items()}
