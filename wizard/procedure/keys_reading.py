"""Reading a keys step: the guide-style sequence parsed into panel keys, errors placed on
the very key that is wrong, and the expected display text."""

from __future__ import annotations

from typing import Any

import yaml

from wizard.errors import ParseError
from wizard.m1 import panel_keys
from wizard.procedure.fields import Fields, Problems, a_kind
from wizard.procedure.model import LCD_LINES, LCD_WIDTH, KeysStep


def _value_column(problems: Problems, node: yaml.ScalarNode, offset: int) -> tuple[int, int]:
    """Line and column of character `offset` of a scalar's value; the scalar's start when
    the value is not written verbatim on one line (escapes, folded or block text)."""
    start, end = node.start_mark, node.end_mark
    if (
        start.line == end.line
        and node.style in (None, "'", '"')
        and start.line < len(problems.lines)
    ):
        quote = 1 if node.style else 0
        raw = problems.lines[start.line][start.column : end.column]
        if raw[quote : len(raw) - quote] == node.value:
            return start.line + 1, start.column + 1 + quote + offset
    return start.line + 1, start.column + 1


def _sentence_tail(message: str) -> str:
    """A message made to follow "step 'x': " (lower-case first word)."""
    if message[:1].isupper() and message[1:2].islower():
        return message[0].lower() + message[1:]
    return message


def read_keys(fields: Fields, common: dict[str, Any]) -> KeysStep | None:
    source = fields.text("keys", a_kind("keys"))
    display = _display(fields)
    guide = fields.text("guide", "", required=False) or ""
    if source is None:
        return None
    try:
        keys = panel_keys.parse_sequence(source)
    except ParseError as failure:
        node = fields.values["keys"]
        assert isinstance(node, yaml.ScalarNode)  # text() accepted it
        line, column = _value_column(fields.problems, node, failure.offset or 0)
        fields.problems.add_at(
            line, column, fields.context + _sentence_tail(failure.message), failure.next_action
        )
        return None
    if display is None:
        return None
    return KeysStep(keys=keys, source=source, display=display, guide=guide, **common)


def _display(fields: Fields) -> tuple[str, ...] | None:
    node = fields.values.get("display")
    if node is None:
        return ()
    if isinstance(node, yaml.SequenceNode):
        lines = fields.text_list("display", "")
        if len(lines) != len(node.value):
            return None
    else:
        text = fields.text("display", "", required=False)
        if text is None:
            return None
        lines = tuple(text.rstrip("\n").split("\n"))
    if len(lines) > LCD_LINES:
        fields.fail(
            node,
            f"'display' gives {len(lines)} lines; the M1's display has {LCD_LINES}.",
            "Keep the two lines the display shows.",
        )
        return None
    for number, line in enumerate(lines, 1):
        if len(line) > LCD_WIDTH:
            fields.fail(
                node,
                f"line {number} of 'display' is {len(line)} characters long; the M1's "
                f"display shows {LCD_WIDTH}.",
                "Shorten it to what the display shows.",
            )
            return None
    return lines
