"""The Compare section of the navigation and the generated pages' addresses."""

from __future__ import annotations

from handbook.compare.navigation import HUB, nav_entries
from handbook.compare.pages import generated_pages


def test_navigation_lists_every_page(ctx) -> None:
    nav = nav_entries(ctx)
    assert nav[0] == HUB
    listed = [uri for section in nav[1:] for entry in next(iter(section.values())) for uri in entry.values()]
    assert sorted(listed) == sorted(generated_pages(ctx))
