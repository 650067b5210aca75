"""The handbook plugin's options, as ``mkdocs.yml`` may set them under ``plugins: handbook:``."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from handbook.leaflets.pdf import PDF_CACHE


class HandbookConfig(base.Config):
    """Options of ``HandbookPlugin``. The defaults are what the handbook uses; areas inherit them."""

    #: Printed leaflet PDFs kept between builds (git-ignored), so an unchanged leaflet is not
    #: printed again. Relative to the project root.
    pdf_cache = c.Type(str, default=PDF_CACHE)
    #: Build the search index in a second process while the pages are rendered (search/background.py).
    #: False builds it at the end, in MkDocs' process: the same index, a few seconds later on a
    #: large handbook. For a machine with one core, or to rule the second process out of a problem.
    search_in_background = c.Type(bool, default=True)
