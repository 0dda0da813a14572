"""How the command line opens the wizard: no command on a terminal or `--demo` opens it,
`run ID` on a terminal opens it straight into the procedure, `--plain` and pipes keep the
plain prompts, and the options that do not fit together are usage errors."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pytest

from wizard.cli import main
from wizard.engine.endings import RunOutcome, RunStatus
from wizard.tui.launch import Launch


@dataclass
class Opened:
    """What the stand-in for the wizard app was asked to open, and how its run ended."""

    launch: Launch | None = None
    last_outcome: RunOutcome | None = None


class Terminal(io.StringIO):
    """Standard input or output that says it is a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> Opened:
    """Replace the app's runner with one that records its launch (the app itself needs a
    real terminal; the pilot tests drive it)."""
    record = Opened()

    def run_app(launch: Launch) -> Opened:
        record.launch = launch
        return record

    monkeypatch.setattr("wizard.tui.app.run_app", run_app)
    return record


def on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> Terminal:
    """Standard input and output as a terminal; returns the output."""
    out = Terminal()
    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setattr("sys.stdout", out)
    return out


def test_no_command_on_a_terminal_opens_the_home_screen(
    monkeypatch: pytest.MonkeyPatch, opened: Opened, tmp_path: Path
) -> None:
    monkeypatch.setenv("M1_WIZARD_HOME", str(tmp_path))
    on_a_terminal(monkeypatch)
    assert main([]) == 0
    assert opened.launch is not None
    assert (opened.launch.home, opened.launch.demo, opened.launch.procedure) == (
        tmp_path,
        None,
        None,
    )


def test_no_command_without_a_terminal_prints_the_help(
    monkeypatch: pytest.MonkeyPatch, opened: Opened, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO())
    assert main([]) == 0
    assert opened.launch is None
    assert "usage: m1-wizard" in capsys.readouterr().out


def test_demo_opens_the_chosen_scenario_in_a_folder_of_its_own(
    monkeypatch: pytest.MonkeyPatch, opened: Opened, tmp_path: Path
) -> None:
    monkeypatch.setenv("M1_WIZARD_HOME", str(tmp_path))
    assert main(["--demo", "--scenario", "used"]) == 0
    launch = opened.launch
    assert launch is not None and launch.demo == "used" and launch.unit == "demo-m1"
    assert launch.home != tmp_path  # never mixed with a real M1's journal
    assert not launch.home.exists()  # nothing is made before the app runs
    assert main(["--demo"]) == 0
    assert opened.launch is not None and opened.launch.demo == "battery-dead"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--scenario", "used"], "m1-wizard: error: --scenario goes with --demo."),
        (
            ["--demo", "procedures"],
            "m1-wizard: error: --demo opens the wizard and takes no command; to run a "
            "procedure against the emulated M1 use `m1-wizard run ID --emulated SCENARIO`.",
        ),
    ],
)
def test_options_that_do_not_fit_together_are_usage_errors(
    argv: list[str], message: str, opened: Opened, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    assert message in capsys.readouterr().err
    assert opened.launch is None


def test_run_on_a_terminal_opens_the_wizard_at_the_procedure(
    monkeypatch: pytest.MonkeyPatch, opened: Opened, tmp_path: Path
) -> None:
    on_a_terminal(monkeypatch)
    opened.last_outcome = RunOutcome(RunStatus.COMPLETED, "enable-midi", "run-1")
    argv = ["run", "enable-midi", "--emulated", "used", "--data-dir", str(tmp_path)]
    assert main([*argv, "--unit", "Studio M1", "--restart", "--timeout", "3"]) == 0
    launch = opened.launch
    assert launch is not None
    assert (launch.procedure, launch.demo, launch.unit, launch.home) == (
        "enable-midi",
        "used",
        "Studio M1",
        tmp_path,
    )
    assert launch.restart and launch.connect_at_start
    assert launch.timeouts is not None and launch.timeouts.first_reply == 3.0


def test_run_in_the_wizard_exits_1_when_the_person_left_before_the_end(
    monkeypatch: pytest.MonkeyPatch, opened: Opened, tmp_path: Path
) -> None:
    on_a_terminal(monkeypatch)
    assert main(["run", "enable-midi", "--data-dir", str(tmp_path)]) == 1
    opened.last_outcome = RunOutcome(RunStatus.STOPPED, "enable-midi", "run-1", "x", "y")
    assert main(["run", "enable-midi", "--data-dir", str(tmp_path)]) == 1
    launch = opened.launch
    assert launch is not None and launch.ports is None and not launch.connect_at_start


def test_plain_keeps_the_prompts_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch, opened: Opened, tmp_path: Path
) -> None:
    out = on_a_terminal(monkeypatch)
    # The terminal has no answers to give: the first prompt ends the run, which stops.
    code = main(["run", "sticky-keys", "--plain", "--data-dir", str(tmp_path)])
    assert code == 1
    assert opened.launch is None
    assert "Step 1 of" in out.getvalue()
