"""Reading a check step: the check's name from the catalog and its parameters, each
checked for name, type and allowed values."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

import yaml

from wizard.procedure.checks_catalog import CHECKS, CheckSpec
from wizard.procedure.fields import Fields, a_kind, describe, did_you_mean
from wizard.procedure.model import CheckStep, ParamValue

_TAG_KIND: dict[type[Any], str] = {str: "str", int: "int", bool: "bool"}
_KIND_WORDS: dict[type[Any], str] = {str: "text", int: "a whole number", bool: "true or false"}


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


def read_check(fields: Fields, common: dict[str, Any]) -> CheckStep | None:
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
