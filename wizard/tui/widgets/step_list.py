"""The procedure's steps with done / current / to-come markers (✓, ▶, ·)."""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static


class StepMark(Enum):
    """Where a step stands; the value is the marker printed before its title."""

    DONE = "✓"
    CURRENT = "▶"
    NEXT = "·"


def mark_for(index: int, current: int) -> StepMark:
    """The marker of step `index` while step `current` is under way."""
    if index < current:
        return StepMark.DONE
    return StepMark.CURRENT if index == current else StepMark.NEXT


class StepList(VerticalScroll, can_focus=False):
    """The steps of a procedure, one line (or more, for a long title) each.

    It only shows: clicking a step does nothing, because whether a step can be run again
    is the engine's decision (there is no going back over an irreversible one).

    Args:
        titles: The steps' titles, in order.
        current: The index of the step under way; `len(titles)` once all are done.
        name: The widget's name.
        id: The widget's id.
        classes: CSS classes.
    """

    DEFAULT_CSS = """
    StepList {
        height: auto;
        max-height: 100%;
        width: 1fr;
        border: round $border-blurred;
        border-title-color: $foreground;
        scrollbar-size-vertical: 1;
    }
    StepList > .step {
        width: 1fr;
        padding: 0 1;
    }
    StepList > .-done {
        color: $text-success;
    }
    StepList > .-current {
        background: $accent-muted;
        color: $text;
        text-style: bold;
    }
    StepList > .-next {
        color: $text-muted;
    }
    """

    def __init__(
        self,
        titles: Iterable[str] = (),
        current: int = 0,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._titles = tuple(titles)
        self._current = self._valid(current)

    def compose(self) -> ComposeResult:
        """One line per step."""
        for title in self._titles:
            yield Static(title, classes="step", markup=False)

    def on_mount(self) -> None:
        """Markers for the starting position."""
        self._show()

    @property
    def titles(self) -> tuple[str, ...]:
        """The steps' titles."""
        return self._titles

    @property
    def current(self) -> int:
        """The index of the step under way (`len(titles)` once all are done)."""
        return self._current

    def marks(self) -> tuple[StepMark, ...]:
        """Every step's marker, in order."""
        return tuple(mark_for(index, self._current) for index in range(len(self._titles)))

    async def set_steps(self, titles: Iterable[str], current: int = 0) -> None:
        """Show another procedure's steps."""
        self._titles = tuple(titles)
        self._current = self._valid(current)
        await self.remove_children()
        await self.mount_all(Static(title, classes="step", markup=False) for title in self._titles)
        self._show()

    def set_current(self, index: int) -> None:
        """Mark steps before `index` done and `index` current; `len(titles)`: all done.

        Raises:
            IndexError: `index` is below 0 or past `len(titles)`.
        """
        self._current = self._valid(index)
        self._show()

    def _valid(self, index: int) -> int:
        if not 0 <= index <= len(self._titles):
            raise IndexError(f"step {index} is not in a list of {len(self._titles)} steps")
        return index

    def _show(self) -> None:
        rows = list(self.query(".step").results(Static))
        for index, (row, mark) in enumerate(zip(rows, self.marks(), strict=True)):
            row.update(f"{mark.value} {self._titles[index]}")
            for kind in StepMark:
                row.set_class(kind is mark, f"-{kind.name.lower()}")
        total = len(self._titles)
        if not total:
            self.border_title = "Steps"
        elif self._current >= total:
            self.border_title = f"Steps · all {total} done"
        else:
            self.border_title = f"Steps · {self._current + 1} of {total}"
        if self._current < len(rows):
            self.scroll_to_widget(rows[self._current], animate=False)
