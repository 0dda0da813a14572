"""`m1-wizard run ID`: plain prompts against the emulated M1, answers piped in, resume after
a quit, the maintenance log at the end, and the exit codes."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from tests.engine.helpers import factory_file
from wizard.cli import main
from wizard.engine.plan import plan_steps
from wizard.m1.panel_keys import Choice
from wizard.procedure.loader import load_all, shipped_folder
from wizard.procedure.model import (
    CheckStep,
    ConfirmStep,
    InputStep,
    InstructionStep,
    KeysStep,
    SafetyStep,
    TransferStep,
)

SAYS_YES_AFTER = frozenset({"memory_initialised", "memory_unprotected"})
"""Checks that ask the person a question after passing."""


def feed(monkeypatch: pytest.MonkeyPatch, lines: list[str]) -> None:
    """Pipe `lines` into the command as its standard input."""
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(f"{line}\n" for line in lines)))


def answers_for(procedure_id: str, file: Path) -> list[str]:
    """What a person types, step by step, to take a shipped procedure through with the
    emulated M1 (keys are pressed by the wizard; every check is expected to pass)."""
    procedures = load_all(shipped_folder()).require().procedures
    lines: list[str] = []
    for planned in plan_steps(procedures[procedure_id], procedures):
        step = planned.step
        if step.irreversible and not isinstance(step, TransferStep):
            lines.append("")  # "Go ahead" past the no-undo warning
        match step:
            case InstructionStep() | SafetyStep():
                lines.append("")
            case ConfirmStep():
                lines.append("y")
            case InputStep():
                lines.append("123456")
            case KeysStep():
                lines += [k.options[0].value for k in step.keys if isinstance(k, Choice)]
            case CheckStep() if step.check in SAYS_YES_AFTER:
                lines.append("y")
            case TransferStep():
                lines += [str(file), "yes"]
    return lines


def journal(home: Path, unit: str = "my-m1") -> list[dict[str, str]]:
    """The unit's journal entries."""
    text = (home / "units" / unit / "journal.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


def test_battery_replacement_runs_in_the_terminal_and_prints_the_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    file = factory_file(tmp_path)
    feed(monkeypatch, answers_for("battery-replacement", file))
    home = tmp_path / "home"
    code = main(
        ["run", "battery-replacement", "--emulated", "battery-dead", "--data-dir", str(home)]
    )
    out = capsys.readouterr().out
    assert code == 0, out[-2000:]
    assert "  | Global 5  MIDI Filter                    |\n" in out
    assert "  Completed: Replace the memory battery and bring the sounds back.\n" in out
    assert "Maintenance log of my-m1:\n" in out
    assert "internal battery replaced; next check due about " in out
    assert out.rstrip().endswith("(about five years later)")
    assert journal(home)[-1]["event"] == "completed"


def test_quitting_and_running_again_resumes_at_the_same_step(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    home = str(tmp_path / "home")
    feed(monkeypatch, ["", "", "", "q"])  # through three steps, quit at the fourth
    assert main(["run", "sticky-keys", "--data-dir", home]) == 1
    first = capsys.readouterr().out
    assert "\nStopped at step sticky-keys/" in first
    stopped = journal(tmp_path / "home")[-1]
    assert stopped["event"] == "stopped"

    feed(monkeypatch, ["y"] * 5)
    assert main(["run", "sticky-keys", "--data-dir", home]) == 0
    second = capsys.readouterr().out
    resumed = journal(tmp_path / "home")
    assert ("resumed", stopped["path"]) in [(e["event"], e.get("path")) for e in resumed]
    assert "  Resuming at step 4 of " in second
    assert "\nStep 1 of" not in second


def test_a_run_without_midi_steps_needs_no_port(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    feed(monkeypatch, [""] * 10)
    assert main(["run", "rom-card-sets", "--data-dir", str(tmp_path)]) == 0
    assert "  Completed: " in capsys.readouterr().out


def test_answers_running_out_stop_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    feed(monkeypatch, [])
    assert main(["run", "rom-card-sets", "--data-dir", str(tmp_path)]) == 1
    assert "\nStopped at step rom-card-sets/" in capsys.readouterr().out


def test_an_aborted_check_exits_1_with_the_problem_and_the_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # card-format: three instructions and a warning, then the card check (no card in the
    # emulated factory M1), aborted.
    feed(monkeypatch, ["", "", "", "", "a"])
    code = main(["run", "card-format", "--emulated", "factory", "--data-dir", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 1
    assert "  Problem: No card is in the program-card slot.\n" in out
    assert "  r = retry, s = skip, a = abort: a\n" in out
    assert "\nAborted at step card-format/card-writable.\n" in out


def test_an_unknown_procedure_is_a_usage_error_with_a_suggestion(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["run", "batery-replacement"]) == 2
    assert capsys.readouterr().err == (
        "m1-wizard run: there is no procedure called 'batery-replacement'. "
        "Did you mean 'battery-replacement'?\n"
    )
    assert main(["run", "xyzzy"]) == 2
    assert capsys.readouterr().err == (
        "m1-wizard run: there is no procedure called 'xyzzy'. "
        "Run `m1-wizard procedures` to list them.\n"
    )


def test_a_unit_name_without_letters_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["run", "sticky-keys", "--unit", "///"]) == 2
    assert capsys.readouterr().err == (
        "m1-wizard run: '///' cannot name a unit. Give the unit a name with letters or "
        "digits, e.g. --unit studio-m1.\n"
    )


def test_no_midi_device_exits_3(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["run", "backup", "--port", "no-such-port-anywhere", "--data-dir", str(tmp_path)])
    assert code == 3
    assert capsys.readouterr().err.startswith("m1-wizard run: ")
