"""The demo's emulated M1 kept between runs: its whole state written as JSON when the demo
closes and read back when it opens again, so that "run it again to resume" holds in the demo
too (the journal and backups stay in the same demo folder)."""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from enum import Enum
from pathlib import Path
from typing import Any

from wizard.emulator.state import M1State
from wizard.errors import WizardError

SAVED_NAME = "emulated-m1.json"


def _plain(value: Any) -> Any:
    """A JSON-ready copy: bytes as hex, enums by value, dataclasses as objects."""
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return value


def _typed(kind: Any, value: Any) -> Any:
    """`value` read back as `kind` (the field's type hint)."""
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        kind = next(k for k in typing.get_args(kind) if k is not type(None))
        origin = typing.get_origin(kind)
    if origin is list:
        (item,) = typing.get_args(kind)
        return [_typed(item, v) for v in value]
    if kind is bytes:
        return bytes.fromhex(value)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(value)
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        return kind(**{name: _typed(hints[name], v) for name, v in value.items()})
    return value


def save_m1(state: M1State, folder: Path) -> None:
    """Write the emulated M1's state into `folder` (replacing the last one whole).

    Raises:
        WizardError: The file cannot be written.
    """
    path = folder / SAVED_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
        part = path.with_suffix(".part")
        part.write_text(json.dumps(_plain(state)), encoding="utf-8")
        part.replace(path)
    except OSError as error:
        raise WizardError(
            f"Could not keep the demo's emulated M1 in {path}: {error.strerror or error}.",
            "Start the demo afresh with m1-wizard --demo --fresh.",
        ) from error


def load_m1(folder: Path) -> M1State | None:
    """The emulated M1 kept in `folder`; None when there is none or it cannot be read
    (the demo then starts from its scenario)."""
    path = folder / SAVED_NAME
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
        state = _typed(M1State, kept)
    except (OSError, ValueError, TypeError, KeyError, StopIteration):
        return None
    return state if isinstance(state, M1State) else None
