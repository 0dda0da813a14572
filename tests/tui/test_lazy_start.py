"""Opening the wizard imports only what its home screen shows: the command line's other
commands, the emulator, the engine's runner, the MIDI transport, the screens not yet opened,
the procedure loader and YAML are imported when first needed. Checked in a fresh
interpreter, where nothing has been imported yet; which modules are loaded is the
behaviour, not how long it takes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent

DEFERRED = (
    "mido",
    "rtmidi",
    "wizard.cli.backup_cmd",
    "wizard.cli.connection",
    "wizard.cli.emulate_cmd",
    "wizard.cli.inspect_cmd",
    "wizard.cli.run_cmd",
    "wizard.device.exchange",
    "wizard.emulator.machine",
    "wizard.emulator.scenarios",
    "wizard.engine.plan",
    "wizard.engine.replay",
    "wizard.engine.runner",
    "wizard.m1.messages",
    "wizard.m1.parse",
    "wizard.operations.journal",
    "wizard.procedure.index",
    "wizard.procedure.loader",
    "wizard.procedure.model",
    "wizard.procedure.reader",
    "wizard.transport.link",
    "wizard.transport.rtmidi_ports",
    "wizard.tui.rig",
    "wizard.tui.screens.connect",
    "wizard.tui.screens.help",
    "wizard.tui.screens.maintenance",
    "wizard.tui.screens.step",
    "wizard.tui.widgets.front_panel",
    "wizard.tui.widgets.midi_log",
    "yaml",
)
"""Modules the home screen does without (it is built from the shipped procedures' index, and
the demo's fresh folder has no journal to resume from)."""


def run_python(code: str) -> dict[str, list[str]]:
    """Run `code` in a fresh interpreter; it prints one JSON object, returned here."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, list[str]] = json.loads(done.stdout.splitlines()[-1])
    return result


def test_the_demo_home_screen_is_shown_without_the_deferred_modules(tmp_path: Path) -> None:
    found = run_python(
        f"""
        import asyncio, json, sys
        from pathlib import Path

        from wizard.cli import build_parser

        args = build_parser().parse_args(["--demo"])
        assert args.demo and args.command is None

        from wizard.tui.app import WizardApp
        from wizard.tui.launch import Launch
        from wizard.tui.screens.home import HomeScreen

        deferred = {list(DEFERRED)!r}

        async def main() -> dict[str, list[str]]:
            app = WizardApp(Launch(home=Path({str(tmp_path)!r}), unit="demo-m1", demo="used"))
            async with app.run_test(size=(80, 24)) as pilot:
                while not isinstance(app.screen, HomeScreen):
                    await pilot.pause(0.01)
                await pilot.pause()
                shown = [m for m in deferred if m in sys.modules]
                await pilot.press("l")  # the maintenance log, imported on demand
                await pilot.pause()
                opened = type(app.screen).__module__
            return {{"shown": shown, "opened": [opened]}}

        print(json.dumps(asyncio.run(main())))
        """
    )
    assert found["shown"] == []
    assert found["opened"] == ["wizard.tui.screens.maintenance"]


@pytest.mark.parametrize(
    ("argv", "loaded", "left_out"),
    [
        (["--demo"], [], ["wizard.cli.inspect_cmd", "wizard.cli.run_cmd"]),
        (["inspect", "x.syx"], ["wizard.cli.inspect_cmd"], ["wizard.cli.run_cmd"]),
        (["run", "backup"], ["wizard.cli.run_cmd"], ["wizard.cli.emulate_cmd"]),
    ],
)
def test_only_the_command_being_run_is_imported(
    argv: list[str], loaded: list[str], left_out: list[str]
) -> None:
    found = run_python(
        f"""
        import json, sys
        from wizard.cli import build_parser

        args = build_parser().parse_args({argv!r})
        names = {loaded + left_out!r}
        print(json.dumps({{"imported": [n for n in names if n in sys.modules],
                          "run": [getattr(args, "run", None).__module__]
                          if hasattr(args, "run") else []}}))
        """
    )
    assert found["imported"] == loaded
    assert found["run"] == loaded


def test_the_help_still_lists_every_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "wizard.cli", "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0
    listed = re.findall(r"^ {4}(\S+) ", done.stdout, flags=re.MULTILINE)
    assert listed == [
        "inspect",
        "ports",
        "emulate",
        "detect",
        "backup",
        "restore",
        "loopback",
        "validate",
        "procedures",
        "run",
    ]


def test_names_offered_lazily_are_the_objects_not_their_modules() -> None:
    # Importing the module wizard.m1.parse first must leave wizard.m1.parse the function.
    found = run_python(
        """
        import json
        from wizard.m1.parse import peek
        import wizard.m1
        from wizard.m1 import parse
        import wizard.emulator
        packages = (wizard.m1, wizard.emulator)
        kinds = [type(getattr(p, n)).__name__ for p in packages for n in p.__all__]
        print(json.dumps({"parse": [type(parse).__name__, type(wizard.m1.parse).__name__],
                          "modules": [k for k in kinds if k == "module"]}))
        """
    )
    assert found == {"parse": ["function", "function"], "modules": []}
