"""The list of sub-commands; each module offers `add_parser(subparsers)` setting `run`."""

from __future__ import annotations

import argparse
from typing import Protocol

from wizard.cli import (
    backup_cmd,
    detect_cmd,
    emulate_cmd,
    inspect_cmd,
    loopback_cmd,
    ports_cmd,
    procedures_cmd,
    restore_cmd,
    run_cmd,
    validate_cmd,
)


class Command(Protocol):
    """A sub-command module."""

    def add_parser(self, sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
        """Add the sub-command's parser; it must `set_defaults(run=...)`."""


COMMANDS: list[Command] = []
COMMANDS.append(inspect_cmd)
COMMANDS.append(ports_cmd)
COMMANDS.append(emulate_cmd)
COMMANDS.append(detect_cmd)
COMMANDS.append(backup_cmd)
COMMANDS.append(restore_cmd)
COMMANDS.append(loopback_cmd)
COMMANDS.append(validate_cmd)
COMMANDS.append(procedures_cmd)
COMMANDS.append(run_cmd)
