"""The live checks a procedure may name, with their parameters, as data (the engine
implements them; the loader only needs their names and parameters)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from wizard.procedure.model import BackupScope


@dataclass(frozen=True)
class ParamSpec:
    """One parameter of a check.

    Attributes:
        name: The key written under `params:`.
        kind: The Python type of the value (str, int or bool).
        choices: The values allowed, empty when any value of `kind` is.
        required: False when the check has a default for it.
    """

    name: str
    kind: type[str] | type[int] | type[bool]
    choices: tuple[str, ...] = ()
    required: bool = True


@dataclass(frozen=True)
class CheckSpec:
    """A live check: its name, what it proves, and its parameters."""

    name: str
    summary: str
    params: tuple[ParamSpec, ...] = ()

    def param(self, name: str) -> ParamSpec | None:
        """The parameter called `name`, None when the check has none such."""
        return next((p for p in self.params if p.name == name), None)


_CHECKS = (
    CheckSpec("m1_responds", "The M1 answers a request over MIDI."),
    CheckSpec(
        "allocation_is",
        "The memory allocation is the one given (§2.4 NOTE 3-2).",
        (ParamSpec("allocation", str, ("100/100", "50/50")),),
    ),
    CheckSpec("memory_unprotected", "Program and combination memory protect are off."),
    CheckSpec("memory_initialised", "The internal memory holds the initialised data."),
    CheckSpec(
        "matches_backup",
        "The M1's memory is the same as the latest backup.",
        (ParamSpec("what", str, tuple(s.value for s in BackupScope), required=False),),
    ),
    CheckSpec("matches_file", "The M1's memory is the same as the file sent last."),
    CheckSpec("card_present", "A memory card is in the slot."),
    CheckSpec("card_writable", "The card in the slot can be written to."),
    CheckSpec("exclusive_enabled", "The M1 answers system-exclusive requests."),
    CheckSpec(
        "interface_loopback",
        "The MIDI interface, its OUT wired to its own IN, carries a long message unchanged.",
    ),
)

CHECKS: Mapping[str, CheckSpec] = MappingProxyType({c.name: c for c in _CHECKS})
"""Every check a procedure may name, by name."""
