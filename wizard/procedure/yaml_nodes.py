"""Reading a procedure file into a YAML node tree that keeps line and column, refusing
everything that is not plain data (tags, anchors, aliases, deep nesting, huge files)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Protocol

import yaml

from wizard.errors import ProcedureError

_Loader: type[yaml.SafeLoader] | type[yaml.CSafeLoader]
try:
    _Loader = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

MAX_FILE_BYTES = 256 * 1024
"""Procedure files are a few kilobytes; anything this large is not one."""
MAX_DEPTH = 8
"""Deepest nesting a procedure needs is 4 (procedure, steps, step, params)."""

_STANDARD_TAG = "tag:yaml.org,2002:"


class _Mark(Protocol):
    """A place in the text as PyYAML and libyaml both report it (0-based)."""

    line: int
    column: int


def _error(path: str, mark: _Mark | None, message: str, next_action: str) -> ProcedureError:
    if mark is None:
        return ProcedureError(message, path, 1, 1, next_action)
    return ProcedureError(message, path, mark.line + 1, mark.column + 1, next_action)


def _too_large(what: str, shown: str) -> ProcedureError:
    return ProcedureError(
        f"the file {what}; a procedure file may hold at most {MAX_FILE_BYTES} bytes (256 KiB).",
        shown,
        1,
        1,
        "Check that this is a procedure file, or split it into several procedures.",
    )


def read_text(path: Path, shown: str) -> str:
    """The file's text, refused before parsing when too large or not UTF-8.

    Args:
        path: The file.
        shown: How the file is named in errors.

    Raises:
        ProcedureError: The file cannot be read, is too large or is not UTF-8 text.
    """
    try:
        with path.open("rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            if size > MAX_FILE_BYTES:
                raise _too_large(f"is {size} bytes", shown)
            # One byte past the limit at most: a pipe or a device reports no size up front
            # and may never end.
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as failure:
        raise ProcedureError(
            f"the file cannot be read ({failure.strerror or failure}).",
            shown,
            0,
            0,
            "Check the file's name and permissions.",
        ) from failure
    if len(raw) > MAX_FILE_BYTES:
        raise _too_large(f"holds more than {MAX_FILE_BYTES} bytes", shown)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as failure:
        before = raw[: failure.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise ProcedureError(
            f"the file is not UTF-8 text (byte {raw[failure.start]:02X}).",
            shown,
            line,
            column,
            "Save the file as UTF-8.",
        ) from failure


def _syntax_error(text: str, shown: str, failure: yaml.MarkedYAMLError) -> ProcedureError:
    mark = failure.problem_mark or failure.context_mark
    if mark is not None:
        lines = text.splitlines()
        line = lines[mark.line] if mark.line < len(lines) else ""
        if mark.column < len(line) and line[mark.column] == "\t":
            return _error(
                shown, mark, "a tab character cannot indent YAML.", "Indent with spaces only."
            )
    # PyYAML and libyaml word their problems slightly differently; both say what is wrong.
    problem = failure.problem or "unreadable YAML"
    start = failure.context_mark
    if failure.context and start is not None and failure.problem_mark is not None:
        # "end of stream" alone says little; name what was open and where it began.
        problem += f" ({failure.context} from line {start.line + 1}, column {start.column + 1})"
    return _error(
        shown,
        mark,
        f"the file is not valid YAML: {problem}.",
        "Fix the YAML at this place (procedures/SCHEMA.md shows the format).",
    )


def _pure_python_error(text: str, failure: yaml.MarkedYAMLError) -> yaml.MarkedYAMLError:
    """The same syntax error as PyYAML's pure-Python parser words it.

    libyaml and PyYAML describe the same mistake in different words; asking PyYAML
    again (only when there is an error) keeps messages the same on every machine.
    """
    if _Loader is yaml.SafeLoader:
        return failure
    try:
        yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as again:
        return again
    return failure


def _reader_error(text: str, shown: str, failure: yaml.reader.ReaderError) -> ProcedureError:
    """A character YAML does not allow in a file (control characters and the like)."""
    before = text[: failure.position]
    line = before.count("\n") + 1
    column = failure.position - (before.rfind("\n") + 1) + 1
    code = failure.character if isinstance(failure.character, int) else ord(failure.character)
    return ProcedureError(
        f"the file holds the character U+{code:04X}, which YAML does not allow.",
        shown,
        line,
        column,
        "Remove it (it is often pasted in by accident).",
    )


def _tag_shown(tag: str) -> str:
    return "!!" + tag[len(_STANDARD_TAG) :] if tag.startswith(_STANDARD_TAG) else tag


def _check_events(text: str, shown: str) -> None:
    """Refuses what safe_load would accept or misread but a procedure never needs."""
    depth = 0
    documents = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise _error(
                    shown,
                    event.start_mark,
                    "the file holds more than one YAML document.",
                    "Put each procedure in a file of its own and remove the '---'.",
                )
        if isinstance(event, yaml.AliasEvent):
            raise _error(
                shown,
                event.start_mark,
                f"the alias '*{event.anchor}' repeats other data; procedure files may not.",
                "Write the value out in full.",
            )
        if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
            raise _error(
                shown,
                event.start_mark,
                f"the anchor '&{event.anchor}' is not allowed in a procedure file.",
                "Remove the anchor and write repeated values out in full.",
            )
        tag = getattr(event, "tag", None)
        if isinstance(event, yaml.NodeEvent) and tag is not None:
            raise _error(
                shown,
                event.start_mark,
                f"the tag '{_tag_shown(tag)}' is not allowed: a procedure file holds plain "
                "data only.",
                "Remove the tag (quote the value if it is text).",
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _error(
                    shown,
                    event.start_mark,
                    f"the data is nested more than {MAX_DEPTH} levels deep.",
                    "Flatten it; procedures/SCHEMA.md shows the format.",
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def compose(text: str, shown: str) -> yaml.Node:
    """The single document in `text` as a node tree.

    Args:
        text: The file's text.
        shown: How the file is named in errors.

    Raises:
        ProcedureError: YAML syntax error (a tab in the indentation gets its own
            sentence), an empty file, more than one document, a tag, an anchor or
            alias, or nesting deeper than MAX_DEPTH.
    """
    try:
        _check_events(text, shown)
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as failure:
        raise _syntax_error(text, shown, _pure_python_error(text, failure)) from failure
    except yaml.reader.ReaderError as failure:
        raise _reader_error(text, shown, failure) from failure
    if node is None:
        raise ProcedureError(
            "the file is empty.",
            shown,
            1,
            1,
            "Write a procedure into it; procedures/SCHEMA.md shows the format.",
        )
    return node
