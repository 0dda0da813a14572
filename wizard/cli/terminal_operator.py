"""The `Operator` of `m1-wizard run`: plain prompts on the terminal (works over SSH and with
answers piped in from a script). With the emulated M1 it presses each keys step on the
emulated panel and shows the emulated display; with a real M1 it prints the keys and waits."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

from wizard.cli.connection import ProgressLine
from wizard.demo.panel import display_matches, display_of, press_keys
from wizard.device.progress import Progress
from wizard.engine.checks.result import CheckResult
from wizard.engine.operator import Navigation, OperatorQuit, Recovery, StepPosition, Validator
from wizard.engine.runner import title_of
from wizard.m1.panel_keys import Choice, Key, format_sequence
from wizard.m1.sources import typed_paths
from wizard.operations.driver import Overwrite
from wizard.procedure.model import InstructionStep, KeysStep, Step
from wizard.transport.link import EmulatorLink

WIDTH = 78
QUIT_WORDS = frozenset({"q", "quit"})
YES_WORDS = frozenset({"y", "yes"})
NO_WORDS = frozenset({"n", "no"})


class TerminalOperator:
    """Asks on stdin, shows on stdout; progress on stderr.

    End of input (Ctrl-D, or a script that ran out of answers), Ctrl-C at a prompt, or
    typing q stops the run; the journal keeps the place for the next run.

    Args:
        link: The emulated M1, whose panel keys steps press; None for a real M1.
        read: Reads one line of input after showing a prompt (`input` by default).
        write: Shows one line (`print` by default).
        echo: Show each answer after its prompt, as a terminal would; by default when
            the answers come from a pipe or a file rather than a terminal.
    """

    def __init__(
        self,
        link: EmulatorLink | None = None,
        read: Callable[[str], str] = input,
        write: Callable[[str], None] = print,
        echo: bool | None = None,
    ) -> None:
        self.link = link
        self._read = read
        self._write = write
        self._echo = (not sys.stdin.isatty()) if echo is None else echo
        self._progress = ProgressLine()

    def _show(self, text: str = "", indent: str = "") -> None:
        self._progress.finish()
        if not text:
            self._write("")
            return
        for line in textwrap.wrap(
            " ".join(text.split()), WIDTH, initial_indent=indent, subsequent_indent=indent
        ):
            self._write(line)

    def _answer(self, prompt: str) -> str:
        self._progress.finish()
        try:
            answer = self._read(prompt).strip()
        except (EOFError, KeyboardInterrupt):
            self._write("")
            raise OperatorQuit() from None
        if self._echo:
            self._write(answer)
        if answer.lower() in QUIT_WORDS:
            raise OperatorQuit()
        return answer

    def begin_step(self, step: Step, position: StepPosition) -> Navigation:
        """Print the step's number and title, and its text where no later prompt shows it."""
        self._show()
        self._write(f"Step {position.number} of {position.total}: {title_of(step)}")
        if step.text and not isinstance(step, InstructionStep):
            self._show(step.text, "  ")
        return Navigation.PROCEED

    def _choose(self, choice: Choice) -> Key:
        options = [key.value for key in choice.options]
        while True:
            answer = self._answer(f"  Press which one ({' or '.join(options)})? ").upper()
            if answer in options:
                return Key(answer)
            self._write(f"  Type one of: {', '.join(options)}.")

    def keys(self, step: KeysStep) -> bool:
        """Emulated: press the keys and show the display. Real: print them and wait for the
        person to say whether it worked."""
        self._write(f"  On the M1, press: {format_sequence(step.keys)}")
        if step.guide:
            self._write(f"  (owner's guide: {step.guide})")
        if self.link is None:
            if step.display:
                self._write(f"  The display should then show: {' / '.join(step.display)}")
            answer = self._answer("  Press Enter when done (n if it did not work, q to stop): ")
            return answer.lower() not in NO_WORDS
        press_keys(self.link, step, self._choose)
        lines = display_of(self.link)
        self._write("  The emulated M1 now shows:")
        for line in lines:
            self._write(f"  | {line} |")
        if not display_matches(step.display, lines):
            self._write(f"  (The procedure expects: {' / '.join(step.display)})")
        return True

    def display_shown(self, step: KeysStep) -> bool:
        """Emulated: the display is read; with a real M1 the person was not asked."""
        return self.link is not None and display_matches(step.display, display_of(self.link))

    def confirm(self, question: str, expect: str) -> bool:
        """Ask until the answer is yes or no."""
        self._show(question, "  ")
        if expect:
            self._show(f"(You should see: {expect})", "  ")
        while True:
            answer = self._answer("  [y/n] ").lower()
            if answer in YES_WORDS:
                return True
            if answer in NO_WORDS:
                return False
            self._write("  Answer y or n (q to stop).")

    def ask(self, prompt: str, validate: Validator) -> str:
        """Ask until `validate` accepts the answer."""
        while True:
            answer = self._answer(f"  {prompt}: ")
            problem = validate(answer)
            if problem is None:
                return answer
            self._write(f"  {problem}")

    def acknowledge(self, warning: str, button: str) -> bool:
        """Show the warning (or instruction) and wait for Enter."""
        self._show(warning, "  ")
        answer = self._answer(f"  Press Enter for “{button}” (q to stop): ")
        return answer.lower() not in NO_WORDS

    def confirm_overwrite(self, facts: Overwrite) -> bool:
        """Say what is overwritten and what makes it safe; only "yes" goes ahead."""
        self._show(f"This overwrites in the M1: {facts.what}.", "  ")
        self._show(facts.why_safe, "  ")
        return self._answer("  Type yes to overwrite now: ").lower() == "yes"

    def recover(self, result: CheckResult, can_skip: bool) -> Recovery:
        """Show what went wrong and the fix; ask retry, skip (when allowed) or abort."""
        self._show(f"Problem: {result.reason}", "  ")
        if result.fix:
            self._show(f"What to do: {result.fix}", "  ")
        choices = {"r": Recovery.RETRY, "a": Recovery.ABORT}
        prompt = "  r = retry, a = abort"
        if can_skip:
            choices["s"] = Recovery.SKIP
            prompt = "  r = retry, s = skip, a = abort"
        while True:
            answer = self._answer(f"{prompt}: ").lower()[:1]
            if answer in choices:
                return choices[answer]
            self._write("  Type r, " + ("s, " if can_skip else "") + "or a.")

    def choose_file(self, prompt: str) -> tuple[Path, ...] | None:
        """Paths typed by the person (a file, zip or folder, or several files separated by
        spaces, quoted as a terminal quotes a dragged-in file); empty for none."""
        answer = self._answer(f"  {prompt}. Path (empty for none): ")
        paths = typed_paths(answer)
        return paths or None

    def progress(self, progress: Progress) -> None:
        """One progress line on stderr."""
        self._progress(progress)

    def notice(self, text: str) -> None:
        """A state message."""
        self._show(text, "  ")
