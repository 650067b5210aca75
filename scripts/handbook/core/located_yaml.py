"""YAML that remembers where each value came from, and pydantic errors in plain English.

Every data file and every page's front matter goes through here, so an administrator always gets
``file:line: what is wrong (what to do)`` rather than a traceback.

Two deliberate choices:
- Dates stay strings when read. PyYAML turns ``2025-12-01`` into a date itself and *crashes* on
  ``2025-13-01``; the content model parses dates instead, so a bad date is a message, not a crash.
- Lines are kept for every key and list item, at any depth, from YAML's node tree.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from handbook.core.errors import ContentError, ContentErrors

Loc = tuple[str | int, ...]
ModelT = TypeVar("ModelT", bound=BaseModel)


class PlainLoader(yaml.SafeLoader):
    """A safe loader that leaves dates as strings (see the module docstring)."""


PlainLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _FastPlainLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """``PlainLoader`` with libyaml's parser where PyYAML has it: several times faster on the
    front matter of a large handbook. Errors are re-read with ``PlainLoader``, so an author sees
    the same message either way."""


_FastPlainLoader.yaml_implicit_resolvers = PlainLoader.yaml_implicit_resolvers


@dataclass
class LocatedYaml:
    """Parsed YAML and the file line of every key and list item in it."""

    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)
    #: The line to blame for something absent (a missing key): the start of the block.
    start_line: int = 1

    def line_of(self, loc: Sequence[str | int]) -> int:
        """The line of ``loc``, or of its nearest parent that has one."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.start_line


def _collect_lines(node: yaml.Node, loc: Loc, offset: int, lines: dict[Loc, int]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            child = (*loc, str(key_node.value))
            lines[child] = key_node.start_mark.line + 1 + offset
            _collect_lines(value_node, child, offset, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = (*loc, index)
            lines[child] = item.start_mark.line + 1 + offset
            _collect_lines(item, child, offset, lines)


def load_located_yaml(text: str, path: str, first_line: int = 1) -> LocatedYaml | ContentError:
    """Parse ``text`` (which starts on line ``first_line`` of ``path``)."""
    offset = first_line - 1
    try:
        node, data = _compose_and_construct(text, _FastPlainLoader)
    except yaml.YAMLError:
        try:
            node, data = _compose_and_construct(text, PlainLoader)
        except yaml.YAMLError as exc:
            return _not_yaml(exc, path, first_line, offset)
    lines: dict[Loc, int] = {}
    if node is not None:
        _collect_lines(node, (), offset, lines)
    return LocatedYaml(data=data if data is not None else {}, lines=lines, start_line=first_line)


def _compose_and_construct(text: str, loader_class: type) -> tuple[yaml.Node | None, Any]:
    """Parse once: the node tree (for the lines) and the data built from it."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def _not_yaml(exc: yaml.YAMLError, path: str, first_line: int, offset: int) -> ContentError:
    """The YAML error as an author reads it: the line, and what to check."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = (mark.line + 1 + offset) if mark is not None else first_line
    problem = getattr(exc, "problem", None) or str(exc)
    return ContentError(
        path,
        line,
        f"this is not valid YAML ({problem}); check indentation and that text containing ':' is in quotes",
    )


def _name(loc: Sequence[str | int]) -> str:
    """The name an author recognises: the innermost key (``changes.0.date`` → ``date``)."""
    names = [part for part in loc if isinstance(part, str)]
    return names[-1] if names else "value"


def _describe(value: Any) -> str:
    return f'"{value}"' if not isinstance(value, (dict, list)) else "this value"


def explain(error: dict[str, Any], allowed: Sequence[str], hints: dict[str, str]) -> str:
    """One pydantic error as a plain-English sentence with the fix."""
    loc = error.get("loc", ())
    name = _name(loc)
    kind = error["type"]
    value = error.get("input")
    if kind == "missing":
        return f'"{name}" is missing: add a line "{name}: {hints.get(name, "...")}"'
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(name, allowed, n=1)
        hint = f'did you mean "{close[0]}"?' if close else "allowed keys: " + ", ".join(allowed)
        return f'unknown key "{name}": remove it or correct it ({hint})'
    if kind.startswith("date"):
        return f"{name} {_describe(value)} is not a date (use YYYY-MM-DD)"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return f"{name} {_describe(value)} is not allowed (use one of: {expected})"
    if kind in ("string_too_short", "string_type"):
        shown = _describe(value) if value not in (None, "") else "empty"
        return f"{name} must be some text, not {shown}"
    if kind == "value_error":
        return str(error.get("ctx", {}).get("error", error.get("msg", kind)))
    return f"{name} {_describe(value)} is not valid ({error.get('msg', kind)})"


def _fields_at(model: type[BaseModel], loc: Loc) -> tuple[str, ...]:
    """The keys allowed where ``loc`` points (for "did you mean" hints in nested blocks)."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            return ()
        current = _inner_model(info.annotation)
    return tuple(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> Any:
    """The BaseModel inside ``list[X]``, ``X | None`` and the like."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def validate_located(
    model: type[ModelT], located: LocatedYaml, path: str, hints: dict[str, str] | None = None
) -> tuple[ModelT | None, list[ContentError]]:
    """Validate YAML against ``model``; return the instance or every error, each with its line."""
    hints = hints or {}
    try:
        return model.model_validate(located.data), []
    except ValidationError as exc:
        raw = exc.errors()
    # A misspelt key shows up twice (unknown "reviewdue", missing "review_due"): say it once.
    misspelt = set()
    for error in raw:
        if error["type"] == "extra_forbidden":
            loc = tuple(error["loc"])
            for close in difflib.get_close_matches(str(loc[-1]), _fields_at(model, loc), n=1):
                misspelt.add((*loc[:-1], close))
    errors = []
    for error in raw:
        loc = tuple(error["loc"])
        if error["type"] == "missing" and loc in misspelt:
            continue
        message = explain(error, _fields_at(model, loc), hints)
        line = located.line_of(loc) if error["type"] != "missing" else located.line_of(loc[:-1])
        errors.append(ContentError(path, line, message))
    return None, errors


def _no_rules(_value: BaseModel, _located: LocatedYaml) -> list[ContentError]:
    return []


def parse_checked(
    model: type[ModelT],
    text: str,
    path: str,
    hints: dict[str, str] | None = None,
    rules: Callable[[ModelT, LocatedYaml], list[ContentError]] = _no_rules,
) -> ModelT:
    """Parse a data file, check it against ``model`` and then ``rules``; raise every problem with its line.

    The one way every data file is read, so each gives the same ``file:line: message`` errors.
    """
    located = load_located_yaml(text, path)
    if isinstance(located, ContentError):
        raise ContentErrors([located])
    value, errors = validate_located(model, located, path, hints)
    if value is None:
        raise ContentErrors(errors)
    errors = rules(value, located)
    if errors:
        raise ContentErrors(errors)
    return value
