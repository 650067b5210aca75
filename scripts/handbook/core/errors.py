"""The handbook's errors: one base class, and one error type for everything an author can get wrong.

Administrators are not developers: every problem is reported as ``file:line: what is wrong (what
to do)`` so that they can open the file, go to the line and fix it. Every exception the handbook
raises on purpose is a ``HandbookError`` whose message is written for that reader, so the MkDocs
adapter and the commands report all of them the same way (the message, never a traceback).
"""

from __future__ import annotations

from dataclasses import dataclass


class HandbookError(Exception):
    """Base of every error the handbook raises on purpose; ``str()`` is the plain-English message."""


@dataclass(frozen=True, order=True)
class ContentError:
    """A problem in a source file, located by file (relative to the project) and line (1-based)."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class ContentErrors(HandbookError):
    """Raised when sources are invalid; carries every error found, not just the first."""

    def __init__(self, errors: list[ContentError]) -> None:
        self.errors = sorted(errors)
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.errors)
        noun = "problem" if count == 1 else "problems"
        lines = [f"The handbook was not built: {count} {noun} in the content."]
        lines += [str(error) for error in self.errors]
        lines.append("Fix each line above, then build again. The last good site has not been changed.")
        return "\n".join(lines)
