"""Reading one step mapping of a procedure file into its typed step, one reader per kind."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

from wizard.procedure.check_reading import read_check
from wizard.procedure.fields import Fields, Problems, a_kind, describe, did_you_mean, valid_id
from wizard.procedure.keys_reading import read_keys
from wizard.procedure.model import (
    STEP_KINDS,
    BackupScope,
    BackupStep,
    ConfirmStep,
    IncludeStep,
    InputRule,
    InputStep,
    InstructionStep,
    Location,
    SafetyStep,
    Step,
    TransferSource,
    TransferStep,
)

NAME_PATTERN = re.compile(r"[a-z][a-z0-9_]*")
"""Names answers are stored under."""

COMMON_KEYS = ("id", "kind", "title", "text", "irreversible")
KIND_KEYS = {
    "instruction": ("unless_m1_answers",),
    "keys": ("keys", "display", "guide"),
    "confirm": ("question", "expect", "if_not"),
    "input": ("prompt", "validate", "pattern", "store_as"),
    "check": ("check", "params", "skippable"),
    "backup": ("what",),
    "transfer": ("source", "overwrites"),
    "include": ("procedure",),
    "safety": ("warning", "acknowledge", "unless_backed_up", "unplugs_midi"),
}


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
    scope = None
    if fields.has("unless_backed_up"):
        scope = fields.choice("unless_backed_up", BackupScope, a_kind("safety"))
        if scope is None:
            return None
    if warning is None:
        return None
    more: dict[str, Any] = {} if acknowledge is None else {"acknowledge": acknowledge}
    unplugs = fields.boolean("unplugs_midi", False)
    return SafetyStep(
        warning=warning, unless_backed_up=scope, unplugs_midi=unplugs, **more, **common
    )


def _instruction(fields: Fields, common: dict[str, Any]) -> InstructionStep | None:
    if not common["text"]:
        if not fields.has("text"):
            fields.missing("text", a_kind("instruction"))
        return None
    return InstructionStep(unless_m1_answers=fields.boolean("unless_m1_answers", False), **common)


_READERS: dict[str, Callable[[Fields, dict[str, Any]], Step | None]] = {
    "instruction": _instruction,
    "keys": read_keys,
    "confirm": _confirm,
    "input": _input,
    "check": read_check,
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
