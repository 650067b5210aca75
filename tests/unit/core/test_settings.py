"""The build's settings come from the environment, read once, with one error for a bad value."""

from __future__ import annotations

import datetime as dt

import pytest

from handbook.core.errors import HandbookError
from handbook.core.settings import SettingsError, build_date, read_settings, today


def test_today_is_injectable() -> None:
    assert today({"HANDBOOK_TODAY": "2026-05-02"}) == dt.date(2026, 5, 2)
    assert today({"HANDBOOK_TODAY": " "}) == dt.date.today()
    assert today({}) == dt.date.today()
    with pytest.raises(SettingsError, match=r'HANDBOOK_TODAY="2026-13-01" is not a date: use YYYY-MM-DD'):
        today({"HANDBOOK_TODAY": "2026-13-01"})


def test_build_date_is_today_or_source_date_epoch() -> None:
    assert build_date({}) == dt.date.today()
    assert build_date({"SOURCE_DATE_EPOCH": "1700000000"}) == dt.date(2023, 11, 14)
    assert build_date({"SOURCE_DATE_EPOCH": "not a number"}) == dt.date.today()


def test_every_setting_is_read_at_once() -> None:
    settings = read_settings(
        {
            "HANDBOOK_TODAY": "2027-01-04",
            "SOURCE_DATE_EPOCH": "1700000000",
            "HANDBOOK_SITE_URL": "https://intranet.example/safeguarding/",
            "HANDBOOK_CHROMIUM": "/opt/chromium",
        }
    )
    assert (settings.today, settings.build_date) == (dt.date(2027, 1, 4), dt.date(2023, 11, 14))
    assert settings.site_path == "/safeguarding/"
    assert settings.chromium == "/opt/chromium"
    plain = read_settings({})
    assert (plain.site_url, plain.site_path, plain.chromium) == (None, "/", "/usr/bin/chromium")


def test_a_bad_setting_is_a_handbook_error_the_commands_report() -> None:
    with pytest.raises(HandbookError):
        read_settings({"HANDBOOK_TODAY": "tomorrow"})
