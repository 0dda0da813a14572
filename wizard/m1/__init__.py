"""Sans-I/O model of the Korg M1's system-exclusive language: bytes in, typed objects out.

The names below are imported from their modules when first used: Python runs this file
before any module of the package, and a program that needs one small module (the wizard's
home screen reads `panel_keys` and `constants`) should not load the message classes and
the parser with it.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wizard.m1.constants import Allocation, Bank, Function, Mode
    from wizard.m1.message_kinds import MessageKind
    from wizard.m1.messages import (
        AllCombinationsDump,
        AllDataDump,
        AllProgramsDump,
        CombinationDump,
        GlobalDump,
        IdentityReply,
        IdentityRequest,
        KorgMessage,
        Message,
        ModeChange,
        ModeData,
        OpaqueKorgMessage,
        ParameterChange,
        ProgramDump,
        Request,
        SequenceDump,
        Status,
        WriteRequest,
    )
    from wizard.m1.parse import Peek, parse, peek, with_channel
    from wizard.m1.records import Combination, GlobalData, Program, SequenceData

_HOMES = {
    **dict.fromkeys(("Allocation", "Bank", "Function", "Mode"), "constants"),
    "MessageKind": "message_kinds",
    **dict.fromkeys(
        (
            "AllCombinationsDump",
            "AllDataDump",
            "AllProgramsDump",
            "CombinationDump",
            "GlobalDump",
            "IdentityReply",
            "IdentityRequest",
            "KorgMessage",
            "Message",
            "ModeChange",
            "ModeData",
            "OpaqueKorgMessage",
            "ParameterChange",
            "ProgramDump",
            "Request",
            "SequenceDump",
            "Status",
            "WriteRequest",
        ),
        "messages",
    ),
    **dict.fromkeys(("Peek", "parse", "peek", "with_channel"), "parse"),
    **dict.fromkeys(("Combination", "GlobalData", "Program", "SequenceData"), "records"),
}
"""Where each exported name lives, under wizard.m1."""

__all__ = [
    "AllCombinationsDump",
    "AllDataDump",
    "AllProgramsDump",
    "Allocation",
    "Bank",
    "Combination",
    "CombinationDump",
    "Function",
    "GlobalData",
    "GlobalDump",
    "IdentityReply",
    "IdentityRequest",
    "KorgMessage",
    "Message",
    "MessageKind",
    "Mode",
    "ModeChange",
    "ModeData",
    "OpaqueKorgMessage",
    "ParameterChange",
    "Peek",
    "Program",
    "ProgramDump",
    "Request",
    "SequenceData",
    "SequenceDump",
    "Status",
    "WriteRequest",
    "parse",
    "peek",
    "with_channel",
]


def __getattr__(name: str) -> Any:
    """Import an exported name from its module on first use (PEP 562)."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


class _Package(types.ModuleType):
    """This package, keeping `parse` the function: importing the module `wizard.m1.parse`
    binds a package's module to its name, and here the function has that name."""

    def __setattr__(self, name: str, value: object) -> None:
        if name == "parse" and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
