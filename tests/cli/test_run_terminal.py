"""The terminal operator of `m1-wizard run`: what it prints and how it reads answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.device.helpers import ready_state
from tests.engine.helpers import keys_step, link_of, session_for
from wizard.cli.terminal_operator import TerminalOperator
from wizard.engine.checks.result import failed
from wizard.engine.operator import OperatorQuit, Recovery
from wizard.operations.driver import Overwrite


class Console:
    """Scripted answers in, printed lines out."""

    def __init__(self, *answers: str) -> None:
        self.answers = list(answers)
        self.lines: list[str] = []

    def read(self, prompt: str) -> str:
        self.lines.append(prompt)
        if not self.answers:
            raise EOFError
        return self.answers.pop(0)

    def operator(self) -> TerminalOperator:
        return TerminalOperator(None, self.read, self.lines.append, echo=False)


PROBLEM = failed("exclusive_enabled", "The M1 did not answer.", "Enable exclusive.")


def test_recover_offers_skip_only_where_it_is_allowed() -> None:
    console = Console("s", "x", "r")
    assert console.operator().recover(PROBLEM, can_skip=False) is Recovery.RETRY
    assert console.lines == [
        "  Problem: The M1 did not answer.",
        "  What to do: Enable exclusive.",
        "  r = retry, a = abort: ",
        "  Type r, or a.",
        "  r = retry, a = abort: ",
        "  Type r, or a.",
        "  r = retry, a = abort: ",
    ]
    assert Console("skip").operator().recover(PROBLEM, can_skip=True) is Recovery.SKIP
    assert Console("a").operator().recover(PROBLEM, can_skip=True) is Recovery.ABORT


def test_ask_repeats_until_the_answer_is_accepted() -> None:
    console = Console("12", "013537")

    def six_digits(answer: str) -> str | None:
        return None if len(answer) == 6 else "A serial number is six digits."

    assert console.operator().ask("Serial number", six_digits) == "013537"
    assert console.lines == [
        "  Serial number: ",
        "  A serial number is six digits.",
        "  Serial number: ",
    ]


def test_confirm_takes_only_yes_or_no() -> None:
    console = Console("maybe", "N")
    assert console.operator().confirm("Is it on?", "Excl:ENA") is False
    assert console.lines == [
        "  Is it on?",
        "  (You should see: Excl:ENA)",
        "  [y/n] ",
        "  Answer y or n (q to stop).",
        "  [y/n] ",
    ]


@pytest.mark.parametrize("answers", [(), ("q",), ("QUIT",)])
def test_end_of_input_or_q_quits(answers: tuple[str, ...]) -> None:
    with pytest.raises(OperatorQuit):
        Console(*answers).operator().confirm("Is it on?", "")


def test_a_real_m1_gets_the_keys_printed_and_says_whether_it_worked() -> None:
    console = Console("n", "")
    operator = console.operator()
    step = keys_step("pick", "GLOBAL, 6, UP/DOWN", "Prog:OFF")
    assert operator.keys(step) is False
    assert operator.keys(step) is True
    assert console.lines[:3] == [
        "  On the M1, press: GLOBAL, 6, UP/DOWN",
        "  The display should then show: Prog:OFF",
        "  Press Enter when done (n if it did not work, q to stop): ",
    ]


def test_only_the_word_yes_overwrites() -> None:
    facts = Overwrite(("the programs",), (("100 programs", "x.syx"),), "", "Backup at x.")
    assert Console("yes").operator().confirm_overwrite(facts) is True
    assert Console("y").operator().confirm_overwrite(facts) is False


def test_choose_file_expands_home_and_empty_means_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", "/home/someone")
    assert Console("~/banks/m1.syx").operator().choose_file("The file") == (
        Path("/home/someone/banks/m1.syx"),
    )
    assert Console("").operator().choose_file("The file") is None


def test_choose_file_takes_several_quoted_paths_as_one_set() -> None:
    typed = "'/tmp/Korg M1/ORIGPROG.SYX' /tmp/ORIGGLOB.SYX"
    assert Console(typed).operator().choose_file("The files") == (
        Path("/tmp/Korg M1/ORIGPROG.SYX"),
        Path("/tmp/ORIGGLOB.SYX"),
    )


def test_piped_answers_are_echoed_after_their_prompt() -> None:
    console = Console("y")
    operator = TerminalOperator(None, console.read, console.lines.append, echo=True)
    operator.confirm("Is it on?", "")
    assert console.lines[-2:] == ["  [y/n] ", "y"]


def test_the_emulated_m1_gets_the_keys_pressed_and_its_display_shown(tmp_path: Path) -> None:
    state = ready_state("factory")
    _, session = session_for(state, tmp_path)
    console = Console("left", "down")
    operator = TerminalOperator(link_of(session), console.read, console.lines.append, echo=False)
    assert operator.keys(keys_step("pick", "GLOBAL, 6, UP/DOWN", "Prog:ON")) is True
    assert state.protect_program is False  # DOWN was chosen
    assert console.lines[1:] == [
        "  Press which one (UP or DOWN)? ",
        "  Type one of: UP, DOWN.",
        "  Press which one (UP or DOWN)? ",
        "  The emulated M1 now shows:",
        "  | Global 6  Memory Protect                 |",
        "  | Prog:OFF                                 |",
        "  (The procedure expects: Prog:ON)",
    ]
