"""How a handbook error stops a MkDocs build: as a PluginError carrying the plain-English message."""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from handbook.core.errors import ContentError, ContentErrors


def plugin_error(exc: Exception | str) -> PluginError:
    """MkDocs prints a PluginError's message and stops, with no traceback: the reader sees
    ``file:line: what is wrong (what to do)``."""
    return PluginError(exc.report() if isinstance(exc, ContentErrors) else str(exc))


def content_failure(errors: list[ContentError]) -> PluginError:
    """Stop the build with every error listed at once."""
    return plugin_error(ContentErrors(errors))
