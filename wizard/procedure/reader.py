"""Reading one procedure file's node tree into a `Procedure`, collecting every error."""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from wizard.errors import ProcedureError
from wizard.procedure.fields import Fields, Problems, describe, valid_id
from wizard.procedure.model import (
    SCHEMA_VERSION,
    Group,
    Location,
    Model,
    Procedure,
    Step,
)
from wizard.procedure.steps import IncludeRef, read_step

TOP_LEVEL_KEYS = (
    "schema",
    "id",
    "title",
    "summary",
    "group",
    "applies_to",
    "duration",
    "needs",
    "risk",
    "steps",
)
_WHAT = "a procedure"


@dataclass(frozen=True)
class FileReading:
    """What reading one file found.

    Attributes:
        path: The file as named in errors.
        procedure: The procedure, None when the file has errors.
        id: The procedure's id when it could be read, even if other things are wrong.
        id_location: Where the id is written.
        includes: Every include step that names a well-formed id.
        errors: Every error found, in the order met.
    """

    path: str
    procedure: Procedure | None
    id: str | None
    id_location: Location
    includes: tuple[IncludeRef, ...]
    errors: tuple[ProcedureError, ...]


def _applies_to(fields: Fields) -> tuple[Model, ...]:
    models: list[Model] = []
    for item in fields.sequence("applies_to", _WHAT, required=True) or ():
        if not (isinstance(item, yaml.ScalarNode) and item.tag == "tag:yaml.org,2002:str"):
            fields.fail(
                item,
                f"every item of 'applies_to' must be a model name, not {describe(item)}.",
                "Write M1, M1R, M1EX or M1REX.",
            )
            continue
        model = fields.member(item, Model, "'applies_to'")
        if model in models:
            fields.fail(item, f"'{model}' is listed twice in 'applies_to'.", "Remove one.")
        elif model is not None:
            models.append(model)
    return tuple(models)


def _steps(fields: Fields, problems: Problems) -> tuple[tuple[Step, ...], tuple[IncludeRef, ...]]:
    steps: list[Step] = []
    includes: list[IncludeRef] = []
    first_line: dict[str, int] = {}
    for number, node in enumerate(fields.sequence("steps", _WHAT, required=True) or (), 1):
        reading = read_step(node, number, problems)
        if reading.id is not None and reading.id_node is not None:
            if reading.id in first_line:
                problems.add(
                    reading.id_node,
                    f"step id '{reading.id}' is used twice; the first is on line "
                    f"{first_line[reading.id]}.",
                    "Give each step an id of its own.",
                )
            else:
                first_line[reading.id] = reading.id_node.start_mark.line + 1
        if reading.step is not None:
            steps.append(reading.step)
        if reading.include is not None:
            includes.append(reading.include)
    return tuple(steps), tuple(includes)


def _schema(fields: Fields) -> bool:
    """True when the file says it is written in the schema this loader reads."""
    version = fields.integer("schema", _WHAT)
    if version is None or version == SCHEMA_VERSION:
        return True
    fields.fail(
        fields.values["schema"],
        f"schema {version} is not supported; this m1-wizard reads schema {SCHEMA_VERSION}.",
        f"Write 'schema: {SCHEMA_VERSION}', or update m1-wizard.",
    )
    return False


def read_procedure(root: yaml.Node, problems: Problems) -> FileReading:
    """The procedure a file's root node describes.

    Args:
        root: The document's root node.
        problems: Where errors go (its `shown` names the file).
    """
    nowhere = Location(problems.shown, 1, 1)
    if not isinstance(root, yaml.MappingNode):
        problems.add(
            root,
            f"a procedure file must be a mapping of keys to values, not {describe(root)}.",
            "Start with 'schema: 1' and the keys procedures/SCHEMA.md lists.",
        )
        return FileReading(problems.shown, None, None, nowhere, (), tuple(problems.errors))
    fields = Fields(root, problems, "")
    # A file in a schema this loader does not know would only produce noise past this.
    if not _schema(fields):
        return FileReading(problems.shown, None, None, nowhere, (), tuple(problems.errors))
    fields.refuse_unknown(TOP_LEVEL_KEYS, _WHAT)
    procedure_id = valid_id(fields, "id", _WHAT)
    id_node = fields.values.get("id", root)
    id_location = Location(
        problems.shown, id_node.start_mark.line + 1, id_node.start_mark.column + 1
    )
    title = fields.text("title", _WHAT)
    summary = fields.text("summary", _WHAT)
    group = fields.choice("group", Group, _WHAT)
    applies_to = _applies_to(fields)
    duration = fields.text("duration", _WHAT)
    needs = fields.text_list("needs", _WHAT)
    risk = fields.text_list("risk", _WHAT)
    steps, includes = _steps(fields, problems)
    procedure = None
    if (
        not problems.errors
        and procedure_id is not None
        and title is not None
        and summary is not None
        and group is not None
        and duration is not None
    ):
        mark = root.start_mark
        procedure = Procedure(
            schema=SCHEMA_VERSION,
            id=procedure_id,
            title=title,
            summary=summary,
            group=group,
            applies_to=applies_to,
            duration=duration,
            needs=needs,
            risk=risk,
            steps=steps,
            location=Location(problems.shown, mark.line + 1, mark.column + 1),
        )
    return FileReading(
        problems.shown, procedure, procedure_id, id_location, includes, tuple(problems.errors)
    )
