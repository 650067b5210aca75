"""The print-only "Correct as printed on" line that every page carries."""

from __future__ import annotations

import datetime as dt

from handbook.adapter.material_html import add_print_stamp
from handbook.site.print_stamp import print_stamp_html

ARTICLE = '<main><article class="md-content__inner md-typeset"><h1>Title</h1></article></main>'


def test_the_line_goes_first_in_the_article_with_the_build_date_as_fallback() -> None:
    html = add_print_stamp(ARTICLE, dt.date(2026, 11, 22))
    assert html == (
        '<main><article class="md-content__inner md-typeset">'
        '<p class="hb-print-stamp" data-build-date="2026-11-22">Correct as published on '
        '<time datetime="2026-11-22">22 November 2026</time>; check the handbook for the current version.</p>'
        "<h1>Title</h1></article></main>"
    )


def test_pages_without_an_article_are_unchanged_and_the_line_is_added_once() -> None:
    assert add_print_stamp("<html><body>redirect</body></html>", dt.date(2026, 1, 2)) == (
        "<html><body>redirect</body></html>"
    )
    twice = add_print_stamp(ARTICLE + ARTICLE, dt.date(2026, 1, 2))
    assert twice.count("hb-print-stamp") == 1


def test_long_date_has_no_leading_zero() -> None:
    assert ">5 March 2027<" in print_stamp_html(dt.date(2027, 3, 5))
