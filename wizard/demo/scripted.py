"""An `Operator` that answers from a script: for tests and demonstrations. It presses the
keys of keys steps on an emulated M1, so the emulated instrument really changes, checks
the display each keys step expects, and records everything it was asked."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from wizard.demo.panel import display_matches, display_of, press_keys
from wizard.device.progress import Progress
from wizard.engine.checks.result import CheckResult
from wizard.engine.operator import Navigation, OperatorQuit, Recovery, StepPosition, Validator
from wizard.m1.panel_keys import Choice, Key
from wizard.operations.driver import Overwrite
from wizard.procedure.model import InputRule, InputStep, KeysStep, Step
from wizard.transport.link import EmulatorLink

T = TypeVar("T")

DEFAULT_ANSWERS = {
    InputRule.SERIAL: "123456",
    InputRule.YES_NO: "yes",
    InputRule.NUMBER: "1",
    InputRule.TEXT: "scripted answer",
}


@dataclass(frozen=True)
class Asked:
    """One thing the operator was asked or shown.

    Attributes:
        kind: The method: "begin_step", "keys", "confirm", "ask", "acknowledge",
            "confirm_overwrite", "recover", "choose_file", "notice".
        step: The id of the step under way ("" before the first).
        text: What was asked or shown.
    """

    kind: str
    step: str
    text: str


@dataclass
class Script:
    """Answers by step id (or step path); each list is used up in order, then the default.

    Attributes:
        confirm: Answers to yes/no questions; default yes.
        recover: Choices after a failure; default ABORT (so a failure shows in a test).
        acknowledge: Answers to warnings; default accept.
        overwrite: Answers to overwrite questions; default yes.
        keys_done: Whether a keys step reports done; default yes.
        choices: Keys picked at each choice of a keys step; default the first option.
        inputs: Answers to input steps, by step id or `store_as`; default a valid answer
            for the step's rule.
        files: Files chosen, in order; default none. A name with "*" is a pattern for
            a file made during the run: the last match in name order is chosen.
        quit_at: Step ids or paths at whose start the person quits.
        back_at: Step ids or paths at whose start the person asks once to go back.
    """

    confirm: dict[str, list[bool]] = field(default_factory=dict)
    recover: dict[str, list[Recovery]] = field(default_factory=dict)
    acknowledge: dict[str, list[bool]] = field(default_factory=dict)
    overwrite: dict[str, list[bool]] = field(default_factory=dict)
    keys_done: dict[str, list[bool]] = field(default_factory=dict)
    choices: dict[str, list[Key]] = field(default_factory=dict)
    inputs: dict[str, str] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    quit_at: set[str] = field(default_factory=set)
    back_at: set[str] = field(default_factory=set)


class ScriptedOperator:
    """Answers from a `Script`; presses keys on `link` when one is given.

    Args:
        script: The answers.
        link: The emulated M1's link, whose panel the keys steps press.
    """

    def __init__(self, script: Script | None = None, link: EmulatorLink | None = None) -> None:
        self.script = script if script is not None else Script()
        self.link = link
        self.asked: list[Asked] = []
        self.positions: list[StepPosition] = []
        self.progress_reports: list[Progress] = []
        self.display_mismatches: list[str] = []
        self._step = ""
        self._path = ""
        self._current: Step | None = None

    def _take(self, answers: Mapping[str, list[T]], default: T) -> T:
        for key in (self._path, self._step):
            queue = answers.get(key)
            if queue:
                return queue.pop(0)
        return default

    def _note(self, kind: str, text: str) -> None:
        self.asked.append(Asked(kind, self._step, text))

    def texts(self, kind: str) -> list[str]:
        """Everything shown or asked with method `kind`, in order."""
        return [a.text for a in self.asked if a.kind == kind]

    def begin_step(self, step: Step, position: StepPosition) -> Navigation:
        """Note the step; quit or go back where the script says so."""
        self._step, self._path, self._current = step.id, position.path, step
        self.positions.append(position)
        self._note("begin_step", position.path)
        if {step.id, position.path} & self.script.quit_at:
            raise OperatorQuit()
        for key in (position.path, step.id):
            if key in self.script.back_at:
                self.script.back_at.discard(key)
                return Navigation.BACK
        return Navigation.PROCEED

    def _choose(self, choice: Choice) -> Key:
        return self._take(self.script.choices, choice.options[0])

    def keys(self, step: KeysStep) -> bool:
        """Press the keys on the emulated panel (if any) and compare the display."""
        self._note("keys", step.source)
        if self.link is not None:
            press_keys(self.link, step, self._choose)
            lines = display_of(self.link)
            if not display_matches(step.display, lines):
                self.display_mismatches.append(
                    f"{self._path}: expected {list(step.display)}, display shows {list(lines)}"
                )
        return self._take(self.script.keys_done, True)

    def display_shown(self, step: KeysStep) -> bool:
        """True when the emulated display shows what the step wants (never without one)."""
        return self.link is not None and display_matches(step.display, display_of(self.link))

    def confirm(self, question: str, expect: str) -> bool:
        """The scripted yes/no."""
        self._note("confirm", question)
        return self._take(self.script.confirm, True)

    def ask(self, prompt: str, validate: Validator) -> str:
        """The scripted answer; it must pass `validate` (a wrong script fails loudly)."""
        self._note("ask", prompt)
        answer = self.script.inputs.get(self._path) or self.script.inputs.get(self._step)
        if answer is None:
            answer = self._default_answer()
        problem = validate(answer)
        if problem is not None:
            raise AssertionError(f"scripted answer {answer!r} refused: {problem}")
        return answer

    def _default_answer(self) -> str:
        step = self._current
        if not isinstance(step, InputStep):
            return DEFAULT_ANSWERS[InputRule.TEXT]
        if step.store_as in self.script.inputs:
            return self.script.inputs[step.store_as]
        return DEFAULT_ANSWERS.get(step.validate, DEFAULT_ANSWERS[InputRule.TEXT])

    def acknowledge(self, warning: str, button: str) -> bool:
        """The scripted acceptance."""
        self._note("acknowledge", warning)
        return self._take(self.script.acknowledge, True)

    def confirm_overwrite(self, facts: Overwrite) -> bool:
        """The scripted overwrite answer."""
        self._note("confirm_overwrite", f"{facts.what} | {facts.why_safe}")
        return self._take(self.script.overwrite, True)

    def recover(self, result: CheckResult, can_skip: bool) -> Recovery:
        """The scripted recovery; ABORT when the script has none."""
        self._note("recover", result.text())
        return self._take(self.script.recover, Recovery.ABORT)

    def choose_file(self, prompt: str) -> tuple[Path, ...] | None:
        """The next scripted file, as a set of one."""
        self._note("choose_file", prompt)
        if not self.script.files:
            return None
        chosen = self.script.files.pop(0)
        if "*" in chosen.name:
            # A pattern stands for a file made during the run (a time-stamped backup).
            found = sorted(chosen.parent.glob(chosen.name))
            return (found[-1],) if found else None
        return (chosen,)

    def progress(self, progress: Progress) -> None:
        """Keep the report."""
        self.progress_reports.append(progress)

    def notice(self, text: str) -> None:
        """Keep the notice."""
        self._note("notice", text)
