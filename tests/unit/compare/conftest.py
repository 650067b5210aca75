"""Fixtures of the comparison tests: the real handbook's comparison data, loaded once per test module."""

from __future__ import annotations

import pytest

from handbook import PROJECT_ROOT
from handbook.compare.data import Context, load_comparison


@pytest.fixture(scope="module")
def ctx() -> Context:
    """The real concordance, alignments, editions and hosted text (read only: no test changes them)."""
    return load_comparison(PROJECT_ROOT)
