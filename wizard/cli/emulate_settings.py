"""`m1-wizard emulate` options that change the emulated M1's settings and switch on faults,
so a librarian (or a test) can meet an M1 with exclusive off, protects on, another channel,
or a cable that loses bytes."""

from __future__ import annotations

import argparse
import math
from dataclasses import fields

from wizard.cli.option_values import whole_number
from wizard.emulator import Faults
from wizard.emulator.state import M1State
from wizard.errors import BuildError

PROTECTS = ("program", "combination", "sequence")
FAULT_NAMES = {f.name.replace("_", "-"): f for f in fields(Faults)}


def add_settings_options(parser: argparse.ArgumentParser) -> None:
    """`--channel`, `--exclusive`, `--protect`, `--fault`."""
    group = parser.add_argument_group("the emulated M1's settings (after the scenario)")
    group.add_argument(
        "--channel", type=whole_number(1, 16, "a MIDI channel"), help="global MIDI channel 1-16"
    )
    group.add_argument(
        "--exclusive", choices=("on", "off"), help="the EXCL filter of GLOBAL page 5"
    )
    group.add_argument(
        "--protect",
        metavar="LIST",
        help="memory protects that are ON, comma separated: program, combination, sequence, "
        "all or none",
    )
    group.add_argument(
        "--fault",
        action="append",
        default=[],
        metavar="NAME[=VALUE]",
        help="switch on a fault, e.g. drop-input=2, corrupt-output=1, silent, late=0.5, "
        "reply-channel=3, sensing-in-dumps=4, mode-change-before-dumps (repeatable)",
    )


def apply_settings(state: M1State, args: argparse.Namespace) -> None:
    """Change `state` as the options say.

    Raises:
        BuildError: A value is out of range or a protect name is unknown.
    """
    if args.channel is not None:
        if not 1 <= args.channel <= 16:
            raise BuildError(f"MIDI channel {args.channel} does not exist (1-16).")
        state.global_channel = args.channel
    if args.exclusive is not None:
        state.excl_enabled = args.exclusive == "on"
    if args.protect is not None:
        names = {n.strip() for n in args.protect.split(",") if n.strip()}
        if names == {"all"}:
            names = set(PROTECTS)
        elif names == {"none"}:
            names = set()
        unknown = names - set(PROTECTS)
        if unknown:
            raise BuildError(
                f"unknown memory protect {sorted(unknown)[0]!r}: use program, combination, "
                "sequence, all or none."
            )
        state.protect_program = "program" in names
        state.protect_combination = "combination" in names
        state.protect_sequence = "sequence" in names


def faults_from(specs: list[str]) -> Faults:
    """The Faults that `--fault NAME[=VALUE]` options describe.

    Raises:
        BuildError: An unknown fault name or a value of the wrong kind.
    """
    values: dict[str, object] = {}
    for spec in specs:
        name, _, text = spec.partition("=")
        field = FAULT_NAMES.get(name.strip())
        if field is None:
            known = ", ".join(sorted(FAULT_NAMES))
            raise BuildError(f"unknown fault {name!r}; the faults are: {known}.")
        kind = field.type if isinstance(field.type, str) else field.type.__name__
        try:
            if kind == "bool":
                values[field.name] = text.strip().lower() not in ("0", "off", "false", "no")
            elif kind == "float":
                number = float(text)
                if not math.isfinite(number):
                    raise ValueError(text)  # inf or nan: a reply that never comes
                values[field.name] = number
            else:
                values[field.name] = int(text)
        except ValueError:
            raise BuildError(f"fault {name!r} needs a number, as in {name}=2.") from None
    return Faults(**values)  # type: ignore[arg-type]
