"""The sub-commands by name, and the argparse action that imports a command's module only
when that command is run (or the help lists them all).

Each command module offers `add_parser(subparsers)`, which adds its parser and sets `run`.
Importing every module up front would load the emulator, the engine, the MIDI transport
and the procedure loader before the wizard's first screen, though opening the wizard
needs none of them; so they are imported by name, on demand.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol, cast

COMMANDS: dict[str, str] = {
    "inspect": "wizard.cli.inspect_cmd",
    "ports": "wizard.cli.ports_cmd",
    "emulate": "wizard.cli.emulate_cmd",
    "detect": "wizard.cli.detect_cmd",
    "backup": "wizard.cli.backup_cmd",
    "restore": "wizard.cli.restore_cmd",
    "loopback": "wizard.cli.loopback_cmd",
    "validate": "wizard.cli.validate_cmd",
    "procedures": "wizard.cli.procedures_cmd",
    "run": "wizard.cli.run_cmd",
}
"""Each sub-command's name and its module, in the order the help lists them."""

if TYPE_CHECKING:
    _SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]
else:  # not subscriptable at run time
    _SubParsers = argparse._SubParsersAction


class Command(Protocol):
    """A sub-command module."""

    def add_parser(self, sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
        """Add the sub-command's parser; it must `set_defaults(run=...)`."""


class LazyCommands(_SubParsers):
    """The sub-parsers action of `m1-wizard`: knows every command's name from `COMMANDS`
    and imports a command's module the first time its parser is needed.

    Pass it as `parser.add_subparsers(action=LazyCommands, ...)`.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # argparse checks a command name against `choices` before it calls the action;
        # the names are known without their parsers (typeshed wants the parsers' map).
        self.choices = tuple(COMMANDS)  # type: ignore[assignment]

    def load(self, name: str) -> None:
        """Import the command `name`'s module and add its parser, once."""
        if name not in self._name_parser_map:
            command = cast(Command, importlib.import_module(COMMANDS[name]))
            command.add_parser(self)

    def _get_subactions(self) -> list[argparse.Action]:
        # The help lists every command with its one-line help: all are loaded then.
        for name in COMMANDS:
            self.load(name)
        order = list(COMMANDS)
        return sorted(self._choices_actions, key=lambda action: order.index(action.dest))

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        """Load the chosen command's parser, then parse its arguments as usual."""
        if isinstance(values, list) and values and values[0] in COMMANDS:
            self.load(values[0])
        super().__call__(parser, namespace, values, option_string)
