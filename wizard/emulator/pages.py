"""What every page of the emulated front panel is made of: fields under the cursor keys,
the 2 x 40-character LCD text, the answer to G, and a plain page for places the owner's
guide never visits."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar, TypeVar

from wizard.emulator.actions import PanelAction
from wizard.emulator.state import M1State
from wizard.m1.panel_keys import Key

LCD_WIDTH = 40
LCD_LINES = 2
ARE_YOU_SURE = "Are you sure?"
COMPLETED = "Completed"
MEMORY_PROTECTED = "Memory Protected"

T = TypeVar("T")


def fit(text: str) -> str:
    """One LCD line: `text` padded (or cut) to exactly 40 characters."""
    return text[:LCD_WIDTH].ljust(LCD_WIDTH)


def lcd(line1: str, line2: str = "") -> tuple[str, str]:
    """Both LCD lines, each exactly 40 characters."""
    return fit(line1), fit(line2)


def stepped(values: Sequence[T], current: T, delta: int) -> T:
    """The value `delta` places away from `current` in `values`, stopping at both ends
    (UP and DOWN on the M1 do not wrap around)."""
    index = values.index(current) + delta
    return values[max(0, min(len(values) - 1, index))]


def clamped(value: int, delta: int, low: int, high: int) -> int:
    """`value + delta` kept within low..high."""
    return max(low, min(high, value + delta))


def on_off(flag: bool) -> str:
    """A protect flag as the display shows it."""
    return "ON" if flag else "OFF"


def ena_dis(flag: bool) -> str:
    """A MIDI filter as the display shows it."""
    return "ENA" if flag else "DIS"


@dataclass(frozen=True)
class JobResult:
    """What pressing G on a page did.

    Attributes:
        message: Shown on the second LCD line until the next key press ("" for none).
        actions: What the emulator must transmit.
    """

    message: str = ""
    actions: tuple[PanelAction, ...] = ()


class Page:
    """One page (or sub-page) of a mode.

    Class attributes:
        fields: The cursor keys that select a field on this page; the cursor starts on
            the first. Other cursor keys do nothing here.
        executes: G carries out the page's job (dump, load, save, format, erase).
        confirms: G first asks "Are you sure?" and a second G carries the job out.
    """

    fields: ClassVar[tuple[Key, ...]] = ()
    executes: ClassVar[bool] = False
    confirms: ClassVar[bool] = False

    def __init__(self, state: M1State) -> None:
        self.state = state

    def lines(self) -> tuple[str, str]:
        """The two LCD lines (unpadded is fine: the panel pads them)."""
        raise NotImplementedError

    def change(self, field: Key, delta: int) -> str:
        """UP (+1) or DOWN (-1) on `field`; returns a message to show, or ""."""
        return ""

    def refusal(self) -> str:
        """Why G cannot run now (shown on the display), or "" when it can."""
        return ""

    def execute(self) -> JobResult:
        """Carry out the page's job; only called when `refusal()` is ""."""
        return JobResult()


PageFactory = Callable[[M1State], Page]


class PlainPage(Page):
    """A page the owner's guide never visits: its title only, nothing to change."""

    def __init__(self, state: M1State, title: str) -> None:
        super().__init__(state)
        self.title = title

    def lines(self) -> tuple[str, str]:
        return self.title, ""


def plain(title: str) -> PageFactory:
    """A factory of plain pages titled `title`."""

    def build(state: M1State) -> Page:
        return PlainPage(state, title)

    return build


def plain_pages(prefix: str, numbers: range) -> dict[int, tuple[PageFactory, ...]]:
    """Plain single pages "prefix n" for each page number."""
    return {n: (plain(f"{prefix} {n}"),) for n in numbers}
