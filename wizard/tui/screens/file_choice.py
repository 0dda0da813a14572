"""Choosing the file a transfer sends: the files the wizard knows of (the demo bank, this
M1's backups, .syx files in Downloads) or any path typed or pasted in."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

MAX_FOUND = 8
"""Files listed per folder searched."""


@dataclass(frozen=True)
class Suggestion:
    """A file offered in the list.

    Attributes:
        path: The file.
        label: How it is listed.
    """

    path: Path
    label: str


def syx_files(folder: Path, describe: str) -> list[Suggestion]:
    """The newest .syx files in `folder` (none when it does not exist), newest first."""
    try:
        found = [p for p in folder.glob("*.syx") if p.is_file()]
        found.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return []
    return [Suggestion(p, f"{describe}: {p.name}") for p in found[:MAX_FOUND]]


def typed_path(text: str) -> Path | None:
    """A path as typed or pasted (a dragged-in file often arrives in quotes); None if empty."""
    cleaned = text.strip().strip("'\"").strip()
    return Path(cleaned).expanduser() if cleaned else None


def path_problem(path: Path | None) -> str | None:
    """Why `path` cannot be sent, in one sentence with the fix; None when it can."""
    if path is None:
        return "No file is chosen yet: pick one from the list or type its path."
    if not path.is_file():
        return f"There is no file at {path}. Check the path, or pick a file from the list."
    return None


class FileScreen(ModalScreen[Path | None]):
    """The list, the path field, Send and Cancel (Escape cancels).

    Args:
        prompt: What the file is for.
        suggestions: Files to offer, best first.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, prompt: str, suggestions: Sequence[Suggestion]) -> None:
        super().__init__(id="file-choice")
        self._prompt = prompt
        self._suggestions = tuple(suggestions)

    def compose(self) -> ComposeResult:
        """Prompt, list, path field, problem line, buttons."""
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = "Choose the file to send"
            yield Static(self._prompt + ".", classes="dialog-text", markup=False)
            if self._suggestions:
                yield OptionList(
                    *(Option(s.label, id=str(n)) for n, s in enumerate(self._suggestions)),
                    id="file-list",
                )
            yield Label("Or type or paste the file's path:", classes="field-label")
            yield Input(placeholder="e.g. ~/Downloads/M1 factory.syx", id="file-path")
            yield Static("", id="file-problem", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Send this file", variant="primary", id="file-send")
                yield Button("Cancel", id="file-cancel")

    def on_mount(self) -> None:
        """Put the first suggestion in the field."""
        if self._suggestions:
            self.query_one("#file-path", Input).value = str(self._suggestions[0].path)
            self.query_one("#file-list", OptionList).focus()
        else:
            self.query_one("#file-path", Input).focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """A highlighted file goes into the field."""
        if event.option.id is not None:
            self.query_one("#file-path", Input).value = str(
                self._suggestions[int(event.option.id)].path
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a file chooses it."""
        if event.option.id is not None:
            self._choose(self._suggestions[int(event.option.id)].path)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the field chooses what it holds."""
        event.stop()
        self._choose(typed_path(event.value))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Send or Cancel."""
        event.stop()
        if event.button.id == "file-send":
            self._choose(typed_path(self.query_one("#file-path", Input).value))
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        """Escape: no file."""
        self.dismiss(None)

    def _choose(self, path: Path | None) -> None:
        problem = path_problem(path)
        if problem is not None:
            self.query_one("#file-problem", Static).update(problem)
            return
        self.dismiss(path)
