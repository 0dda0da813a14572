"""Typed reading of one YAML mapping node: duplicate and unknown keys, wrong types, missing
fields and malformed ids become `ProcedureError`s with file:line:col, collected rather than
raised."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import TypeVar

import yaml

from wizard.errors import ProcedureError

E = TypeVar("E", bound=StrEnum)

_TAG = "tag:yaml.org,2002:"
_TYPE_WORDS = {
    _TAG + "str": "text",
    _TAG + "int": "a whole number",
    _TAG + "bool": "true or false",
    _TAG + "float": "a decimal number",
    _TAG + "null": "empty",
    _TAG + "timestamp": "a date",
    _TAG + "merge": "a merge key ('<<')",
}


def describe(node: yaml.Node) -> str:
    """What kind of value `node` is, in plain words ("text", "a list", "true or false")."""
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    return _TYPE_WORDS.get(node.tag, "other data")


def did_you_mean(written: str, allowed: Iterable[str], listing: str) -> str:
    """A hint naming the allowed word closest to `written`, else listing them all.

    Args:
        written: What the file says.
        allowed: The words that would be right here.
        listing: Start of the sentence that lists them when none is close, e.g.
            "Step kinds are".
    """
    words = list(allowed)
    # Case slips ("m1r", "Keys") are the likeliest mistake, and difflib scores them low.
    same_letters = [w for w in words if w.lower() == written.lower()]
    close = same_letters or difflib.get_close_matches(written, words, n=1, cutoff=0.6)
    if close:
        return f"Did you mean '{close[0]}'?"
    return f"{listing}: {', '.join(words)}."


def quote_hint(key: str, node: yaml.Node) -> str:
    """Advice for a value that should have been text."""
    if isinstance(node, yaml.ScalarNode) and node.tag == _TAG + "null":
        return f"Write the text after '{key}:'."
    if isinstance(node, yaml.ScalarNode):
        return f'Put the value in quotes: {key}: "{node.value}".'
    return f"Write '{key}:' followed by text on the same line."


class Problems:
    """The errors found in one file so far, and the file's lines (to place errors inside
    a value)."""

    def __init__(self, shown: str, text: str = "") -> None:
        self.shown = shown
        self.lines = text.splitlines()
        self.errors: list[ProcedureError] = []

    def add(self, node: yaml.Node, message: str, next_action: str) -> None:
        """Record an error placed at the start of `node`."""
        mark = node.start_mark
        self.errors.append(
            ProcedureError(message, self.shown, mark.line + 1, mark.column + 1, next_action)
        )

    def add_at(self, line: int, column: int, message: str, next_action: str) -> None:
        """Record an error at a 1-based line and column."""
        self.errors.append(ProcedureError(message, self.shown, line, column, next_action))


class Fields:
    """The keys of one mapping, each readable once with its expected type.

    Args:
        node: The mapping.
        problems: Where errors go.
        context: Prefix naming what the mapping is, e.g. "step 'connect': " (or "").
    """

    def __init__(self, node: yaml.MappingNode, problems: Problems, context: str) -> None:
        self.node = node
        self.problems = problems
        self.context = context
        self.keys: dict[str, yaml.Node] = {}
        self.values: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not (isinstance(key_node, yaml.ScalarNode) and key_node.tag == _TAG + "str"):
                self.fail(
                    key_node,
                    f"a key must be a word, not {describe(key_node)}.",
                    "Write the key as a plain word followed by ':'.",
                )
                continue
            name = key_node.value
            if name in self.keys:
                first = self.keys[name].start_mark.line + 1
                self.fail(
                    key_node,
                    f"'{name}' appears twice in this mapping; the first is on line {first}.",
                    "Remove one of them.",
                )
                continue
            self.keys[name] = key_node
            self.values[name] = value_node

    def fail(self, node: yaml.Node, message: str, next_action: str) -> None:
        """Record an error at `node`, prefixed with this mapping's context."""
        self.problems.add(node, self.context + message, next_action)

    def refuse_unknown(self, allowed: Sequence[str], what: str) -> None:
        """Report every key not in `allowed`; `what` completes "is not a key of ..."."""
        for name, key_node in self.keys.items():
            if name not in allowed:
                self.fail(
                    key_node,
                    f"'{name}' is not a key of {what}.",
                    did_you_mean(name, allowed, "The keys allowed here are"),
                )

    def has(self, key: str) -> bool:
        """True when the mapping has `key`."""
        return key in self.values

    def missing(self, key: str, what: str) -> None:
        """Report that `key` is required but absent; `what` names the mapping."""
        self.fail(self.node, f"{what} needs '{key}'.", f"Add '{key}:' to it.")

    def wrong_type(self, key: str, expected: str, next_action: str) -> None:
        """Report that `key`'s value is not of the `expected` kind."""
        node = self.values[key]
        self.fail(node, f"'{key}' must be {expected}, not {describe(node)}.", next_action)

    def scalar(self, key: str, tag: str, expected: str, next_action: str) -> yaml.ScalarNode | None:
        """`key`'s value when it is a scalar with `tag`, else None (reported)."""
        node = self.values.get(key)
        if node is None:
            return None
        if isinstance(node, yaml.ScalarNode) and node.tag == _TAG + tag:
            return node
        self.wrong_type(key, expected, next_action)
        return None

    def text(self, key: str, what: str, required: bool = True) -> str | None:
        """`key`'s text: None when absent (reported if `required`) or not text (reported).

        Blank text counts as missing; trailing white space (the line break a block
        scalar ends with) is dropped.
        """
        if key not in self.values:
            if required:
                self.missing(key, what)
            return None
        node = self.scalar(key, "str", "text", quote_hint(key, self.values[key]))
        if node is None:
            return None
        if not node.value.strip():
            self.fail(node, f"'{key}' is blank.", f"Write the text after '{key}:'.")
            return None
        return str(node.value).rstrip()

    def boolean(self, key: str, default: bool) -> bool:
        """`key` as true/false; `default` when absent or wrong (reported)."""
        node = self.scalar(key, "bool", "true or false", "Write true or false.")
        if node is None:
            return default
        return str(node.value).lower() in ("true", "yes", "on")

    def integer(self, key: str, what: str) -> int | None:
        """`key` as a whole number, None when absent or wrong (both reported)."""
        if key not in self.values:
            self.missing(key, what)
            return None
        hint = f"Write a whole number: {key}: 1."
        node = self.scalar(key, "int", "a whole number", hint)
        if node is None:
            return None
        try:
            return int(str(node.value).replace("_", ""), 10)
        except ValueError:  # octal, hex or sexagesimal forms YAML 1.1 also reads as numbers
            self.fail(node, f"'{key}' must be written in plain decimal digits.", hint)
            return None

    def choice(self, key: str, enum: type[E], what: str, default: E | None = None) -> E | None:
        """`key` as one of `enum`'s values; `default` when absent (missing is reported when
        there is no default), None when wrong (reported with a did-you-mean)."""
        if key not in self.values:
            if default is None:
                self.missing(key, what)
            return default
        options = [member.value for member in enum]
        node = self.scalar(key, "str", "text", f"Write one of: {', '.join(options)}.")
        if node is None:
            return None
        return self.member(node, enum, f"'{key}'")

    def member(self, node: yaml.ScalarNode, enum: type[E], name: str) -> E | None:
        """The member of `enum` whose value `node` holds, None (reported) when none."""
        options = [member.value for member in enum]
        if node.value in options:
            return enum(node.value)
        self.fail(
            node,
            f"'{node.value}' is not a value {name} can take.",
            did_you_mean(node.value, options, "The values are"),
        )
        return None

    def sequence(self, key: str, what: str, required: bool) -> list[yaml.Node] | None:
        """`key`'s list items, None when absent or not a list (reported); an empty list
        is reported as such when `required`."""
        node = self.values.get(key)
        if node is None:
            if required:
                self.missing(key, what)
            return None
        if not isinstance(node, yaml.SequenceNode):
            self.wrong_type(
                key, "a list", f"Write one '- item' per line under '{key}:', or [item, item]."
            )
            return None
        if required and not node.value:
            self.fail(node, f"'{key}' is empty.", f"Add at least one item to '{key}'.")
            return None
        return list(node.value)

    def text_list(self, key: str, what: str, required: bool = False) -> tuple[str, ...]:
        """`key` as a list of text items; items that are not text are reported."""
        items = self.sequence(key, what, required)
        texts: list[str] = []
        for item in items or ():
            if isinstance(item, yaml.ScalarNode) and item.tag == _TAG + "str" and item.value:
                texts.append(str(item.value))
            else:
                self.fail(
                    item,
                    f"every item of '{key}' must be text, not {describe(item)}.",
                    "Write each item as text on its own '- ' line, in quotes if need be.",
                )
        return tuple(texts)


ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""Procedure and step ids: lower-case words joined by hyphens."""


def a_kind(kind: str) -> str:
    """A step kind with its article, as messages name it: "a keys step", "an input step"."""
    article = "an" if kind[0] in "aeiou" else "a"
    return f"{article} {kind} step"


def valid_id(fields: Fields, key: str, what: str) -> str | None:
    """`key`'s text when it is a well-formed id (errors reported)."""
    value = fields.text(key, what)
    if value is not None and not ID_PATTERN.fullmatch(value):
        fields.fail(
            fields.values[key],
            f"'{value}' is not a valid id.",
            "Use lower-case letters, digits and hyphens, e.g. 'send-factory'.",
        )
        return None
    return value
