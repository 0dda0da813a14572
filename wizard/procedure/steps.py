"""Reading one step mapping of a procedure file into its typed step, one reader per kind."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import yaml

from wizard.errors import ParseError
from wizard.m1 import panel_keys
from wizard.procedure.checks_catalog import CHECKS, CheckSpec
from wizard.procedure.fields import Fields, Problems, describe, did_you_mean
from wizard.procedure.model import (
    LCD_LINES,
    LCD_WIDTH,
    STEP_KINDS,
    BackupScope,
    BackupStep,
    CheckStep,
    ConfirmStep,
    IncludeStep,
    InputRule,
    InputStep,
    InstructionStep,
    KeysStep,
    Location,
    ParamValue,
    SafetyStep,
    Step,
    TransferSource,
    TransferStep,
)

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""Procedure and step ids: lower-case words joined by hyphens."""
NAME_PATTERN = re.compile(r"[a-z][a-z0-9_]*")
"""Names answers are stored under."""

COMMON_KEYS = ("id", "kind", "title", "text", "irreversible")
KIND_KEYS = {
    "instruction": (),
    "keys": ("keys", "display", "guide"),
    "confirm": ("question", "expect", "if_not"),
    "input": ("prompt", "validate", "pattern", "store_as"),
    "check": ("check", "params", "skippable"),
    "backup": ("what",),
    "transfer": ("source", "overwrites"),
    "include": ("procedure",),
    "safety": ("warning", "acknowledge"),
}
_TAG_KIND: dict[type[Any], str] = {str: "str", int: "int", bool: "bool"}
_KIND_WORDS: dict[type[Any], str] = {str: "text", int: "a whole number", bool: "true or false"}


def a_kind(kind: str) -> str:
    """ "a keys step", "an input step"."""
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


@dataclass(frozen=True)
class IncludeRef:
    """An include step, kept even when its file has other errors (to resolve ids)."""

    procedure: str
    step: str
    location: Location


@dataclass(frozen=True)
class StepReading:
    """What reading one step found; `step` is None when it had errors."""

    step: Step | None
    id: str | None
    id_node: yaml.Node | None
    include: IncludeRef | None


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


def _keys(fields: Fields, common: dict[str, Any]) -> KeysStep | None:
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


def _confirm(fields: Fields, common: dict[str, Any]) -> ConfirmStep | None:
    question = fields.text("question", a_kind("confirm"))
    expect = fields.text("expect", "", required=False) or ""
    if_not = fields.text("if_not", "", required=False) or ""
    if question is None:
        return None
    return ConfirmStep(question=question, expect=expect, if_not=if_not, **common)


def _input(fields: Fields, common: dict[str, Any]) -> InputStep | None:
    what = a_kind("input")
    prompt = fields.text("prompt", what)
    rule = fields.choice("validate", InputRule, what, InputRule.TEXT)
    pattern = fields.text("pattern", what, required=rule is InputRule.REGEX)
    store_as = fields.text("store_as", what)
    if pattern is not None and rule is not InputRule.REGEX:
        fields.fail(
            fields.values["pattern"],
            "'pattern' only goes with 'validate: regex'.",
            "Write 'validate: regex', or remove 'pattern'.",
        )
        return None
    if pattern is not None:
        try:
            re.compile(pattern)
        except re.error as failure:
            fields.fail(
                fields.values["pattern"],
                f"'pattern' is not a valid regular expression ({failure}).",
                "Correct the expression.",
            )
            return None
    if store_as is not None and not NAME_PATTERN.fullmatch(store_as):
        fields.fail(
            fields.values["store_as"],
            f"'{store_as}' is not a valid name to store an answer under.",
            "Use lower-case letters, digits and '_', starting with a letter, e.g. 'serial'.",
        )
        return None
    if prompt is None or rule is None or store_as is None:
        return None
    return InputStep(
        prompt=prompt, validate=rule, pattern=pattern or "", store_as=store_as, **common
    )


def _params(fields: Fields, spec: CheckSpec) -> dict[str, ParamValue] | None:
    node = fields.values.get("params")
    values: dict[str, ParamValue] = {}
    if node is None:
        entries: dict[str, yaml.Node] = {}
        key_nodes: dict[str, yaml.Node] = {}
        where: yaml.Node = fields.values["check"]
    elif not isinstance(node, yaml.MappingNode):
        fields.wrong_type("params", "a mapping", "Write 'name: value' lines under 'params:'.")
        return None
    else:
        inner = Fields(node, fields.problems, fields.context)
        entries, key_nodes, where = inner.values, inner.keys, node
    ok = True
    names = [p.name for p in spec.params]
    for name, key_node in key_nodes.items():
        if spec.param(name) is None:
            hint = (
                did_you_mean(name, names, "Its parameters are")
                if names
                else f"Check '{spec.name}' takes no parameters."
            )
            fields.fail(key_node, f"'{name}' is not a parameter of check '{spec.name}'.", hint)
            ok = False
    for param in spec.params:
        value_node = entries.get(param.name)
        if value_node is None:
            if param.required:
                fields.fail(
                    where,
                    f"check '{spec.name}' needs the parameter '{param.name}'.",
                    f"Add '{param.name}:' under 'params:'.",
                )
                ok = False
            continue
        tag = "tag:yaml.org,2002:" + _TAG_KIND[param.kind]
        if not (isinstance(value_node, yaml.ScalarNode) and value_node.tag == tag):
            fields.fail(
                value_node,
                f"parameter '{param.name}' must be {_KIND_WORDS[param.kind]}, "
                f"not {describe(value_node)}.",
                f"Write one of: {', '.join(param.choices)} (in quotes)."
                if param.choices
                else f"Write {_KIND_WORDS[param.kind]}.",
            )
            ok = False
            continue
        raw = str(value_node.value)
        if param.choices and raw not in param.choices:
            fields.fail(
                value_node,
                f"'{raw}' is not a value parameter '{param.name}' can take.",
                did_you_mean(raw, param.choices, "The values are"),
            )
            ok = False
            continue
        if param.kind is bool:
            values[param.name] = raw.lower() in ("true", "yes", "on")
        elif param.kind is int:
            values[param.name] = int(raw)
        else:
            values[param.name] = raw
    return values if ok else None


def _check(fields: Fields, common: dict[str, Any]) -> CheckStep | None:
    name = fields.text("check", a_kind("check"))
    skippable = fields.boolean("skippable", False)
    if name is None:
        return None
    spec = CHECKS.get(name)
    if spec is None:
        fields.fail(
            fields.values["check"],
            f"'{name}' is not a known check.",
            did_you_mean(name, CHECKS, "The checks are"),
        )
        return None
    params = _params(fields, spec)
    if params is None:
        return None
    return CheckStep(check=name, params=MappingProxyType(params), skippable=skippable, **common)


def _backup(fields: Fields, common: dict[str, Any]) -> BackupStep | None:
    scope = fields.choice("what", BackupScope, a_kind("backup"), BackupScope.ALL)
    return None if scope is None else BackupStep(what=scope, **common)


def _transfer(fields: Fields, common: dict[str, Any]) -> TransferStep | None:
    what = a_kind("transfer")
    source = fields.choice("source", TransferSource, what)
    overwrites = fields.text("overwrites", what)
    if not common.pop("irreversible"):
        fields.fail(
            fields.values["irreversible"],
            "a transfer overwrites the M1's memory, so it is always irreversible.",
            "Remove 'irreversible: false'.",
        )
        return None
    if source is None or overwrites is None:
        return None
    return TransferStep(source=source, overwrites=overwrites, **common)


def _include(fields: Fields, common: dict[str, Any]) -> IncludeStep | None:
    target = valid_id(fields, "procedure", a_kind("include"))
    return None if target is None else IncludeStep(procedure=target, **common)


def _safety(fields: Fields, common: dict[str, Any]) -> SafetyStep | None:
    warning = fields.text("warning", a_kind("safety"))
    acknowledge = fields.text("acknowledge", "", required=False)
    if warning is None:
        return None
    if acknowledge is None:
        return SafetyStep(warning=warning, **common)
    return SafetyStep(warning=warning, acknowledge=acknowledge, **common)


def _instruction(fields: Fields, common: dict[str, Any]) -> InstructionStep | None:
    if not common["text"]:
        if not fields.has("text"):
            fields.missing("text", a_kind("instruction"))
        return None
    return InstructionStep(**common)


_READERS: dict[str, Callable[[Fields, dict[str, Any]], Step | None]] = {
    "instruction": _instruction,
    "keys": _keys,
    "confirm": _confirm,
    "input": _input,
    "check": _check,
    "backup": _backup,
    "transfer": _transfer,
    "include": _include,
    "safety": _safety,
}


def read_step(node: yaml.Node, number: int, problems: Problems) -> StepReading:
    """The typed step a step mapping describes; errors go to `problems`.

    Args:
        node: The step's node (a mapping when well formed).
        number: Its 1-based place in `steps`, naming it when it has no usable id.
        problems: Where errors go.
    """
    errors_before = len(problems.errors)
    if not isinstance(node, yaml.MappingNode):
        problems.add(
            node,
            f"step {number} must be a mapping with 'id' and 'kind', not {describe(node)}.",
            "Start the step with '- id: ...' and give 'kind: ...' on the next line.",
        )
        return StepReading(None, None, None, None)
    fields = Fields(node, problems, f"step {number}: ")
    step_id = valid_id(fields, "id", "a step")
    if step_id is not None:
        fields.context = f"step '{step_id}': "
    kind = fields.text("kind", "a step")
    if kind is not None and kind not in STEP_KINDS:
        fields.fail(
            fields.values["kind"],
            f"'{kind}' is not a step kind.",
            did_you_mean(kind, STEP_KINDS, "The step kinds are"),
        )
        kind = None
    if kind is None:
        return StepReading(None, step_id, fields.values.get("id"), None)
    fields.refuse_unknown(COMMON_KEYS + KIND_KEYS[kind], a_kind(kind))
    mark = node.start_mark
    common: dict[str, Any] = {
        "id": step_id or "",
        "title": fields.text("title", "", required=False) or "",
        "text": fields.text("text", a_kind(kind), required=False) or "",
        "irreversible": fields.boolean("irreversible", kind == "transfer"),
        "location": Location(problems.shown, mark.line + 1, mark.column + 1),
    }
    step = _READERS[kind](fields, common)
    include = None
    if isinstance(step, IncludeStep) and step_id is not None:
        include = IncludeRef(step.procedure, step_id, step.location)
    if step_id is None or len(problems.errors) > errors_before:
        step = None
    return StepReading(step, step_id, fields.values.get("id"), include)
