"""The row of buttons at the foot of a screen that answers the question under way: the
primary answer first; pressing an answer settles the question, pressing a tool (such as
"Start the keys again") only tells the screen."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button, Static
from textual.widgets._button import ButtonVariant


class Quit:
    """The answer of a question the person walked away from (quit, or the app closing)."""

    def __repr__(self) -> str:
        return "QUIT"


QUIT = Quit()


@dataclass(frozen=True)
class Answer:
    """One button of the bar.

    Attributes:
        name: Short name; the button's id is "act-<name>".
        label: The words on the button.
        value: What the question is answered with.
        variant: The button's look ("primary" for the main answer).
        disabled: Start greyed out (the screen enables it when it becomes possible).
        tool: Do not settle the question; post `ActionBar.ToolUsed` instead.
    """

    name: str
    label: str
    value: object = None
    variant: ButtonVariant = "default"
    disabled: bool = False
    tool: bool = False


class ActionBar(Horizontal):
    """The answers to one question at a time."""

    class ToolUsed(Message):
        """A tool button was pressed.

        Attributes:
            name: The answer's name.
        """

        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._answers: dict[str, Answer] = {}
        self._future: asyncio.Future[Any] | None = None
        self.asked = 0
        """How many questions have been offered (tells one question from the next)."""

    @property
    def pending(self) -> bool:
        """True while a question waits for its answer."""
        return self._future is not None and not self._future.done()

    async def offer(self, answers: Sequence[Answer]) -> asyncio.Future[Any]:
        """Show `answers` (the first enabled one focused) and return the future they settle."""
        self.settle(QUIT)
        await self.remove_children()
        self._answers = {answer.name: answer for answer in answers}
        await self.mount_all(
            Button(
                answer.label,
                variant=answer.variant,
                id=f"act-{answer.name}",
                disabled=answer.disabled,
            )
            for answer in answers
        )
        self._future = asyncio.get_running_loop().create_future()
        self.asked += 1
        return self._future

    async def show(self, answers: Sequence[Answer]) -> None:
        """Show buttons that answer no question (e.g. at the end of a run): each one posts
        `ToolUsed`."""
        self.settle(QUIT)
        await self.remove_children()
        self._answers = {a.name: a for a in answers}
        await self.mount_all(
            Button(a.label, variant=a.variant, id=f"act-{a.name}", disabled=a.disabled)
            for a in answers
        )

    async def wait(self, label: str = "") -> None:
        """No answers for now (the engine is working): the buttons go, `label` shows."""
        self.settle(QUIT)
        await self.remove_children()
        self._answers = {}
        if label:
            await self.mount(Static(label, classes="action-wait", markup=False))

    def settle(self, value: object) -> None:
        """Answer the question under way with `value` (nothing happens when none is)."""
        if self._future is not None and not self._future.done():
            self._future.set_result(value)
        self._future = None

    def button(self, name: str) -> Button:
        """The button of the answer called `name`."""
        return self.query_one(f"#act-{name}", Button)

    def has(self, name: str) -> bool:
        """True when an answer called `name` is on show."""
        return name in self._answers

    def primary(self) -> Button | None:
        """The main answer (the first button), the one Enter presses; None while it is
        greyed out or there is none."""
        buttons = list(self.query(Button))
        if buttons and not buttons[0].disabled:
            return buttons[0]
        return None

    def freeze(self) -> None:
        """Grey every button out (the answer was given; the engine is working)."""
        for button in self.query(Button):
            button.disabled = True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Settle the question, or tell the screen about a tool."""
        name = (event.button.id or "").removeprefix("act-")
        answer = self._answers.get(name)
        if answer is None:
            return
        event.stop()
        if answer.tool or not self.pending:
            self.post_message(self.ToolUsed(name))
            return
        self.settle(answer.value)
