"""Choosing what a transfer sends: the files the wizard knows of (the demo bank, this M1's
backups), the sound bank files, zips and folders found where downloads are saved (searched
in a thread worker, each shown with what it holds), or paths typed or pasted in."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from wizard.m1.report import listed
from wizard.m1.sources import typed_paths
from wizard.tui.candidates import find_candidates

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


def paths_problem(paths: Sequence[Path]) -> str | None:
    """Why `paths` cannot be sent, in one sentence with the fix; None when they can."""
    if not paths:
        return "No file is chosen yet: pick one from the list or type its path."
    for path in paths:
        if not path.exists():
            return f"There is no file at {path}. Check the path, or pick a file from the list."
    return None


TITLE = "Choose the sounds to send"
PATH_LABEL = "Or paste its path (a file, zip or folder; spaces between several):"
"""One line: it fits the dialog at 80 columns."""


def send_label(paths: Sequence[Path]) -> str:
    """The Send button's words for what the path field holds: one file, or a set (several
    files, a zip or a folder)."""
    if not paths:
        return "Send"
    if len(paths) > 1:
        return "Send these files"
    if paths[0].is_dir():
        return "Send this folder's files"
    if paths[0].suffix.lower() == ".zip":
        return "Send this zip's files"
    return "Send this file"


class CandidatesFound(Message):
    """The search of the download places has finished.

    Args:
        found: What it found, newest first.
    """

    def __init__(self, found: Sequence[Suggestion]) -> None:
        super().__init__()
        self.found = tuple(found)


class FileScreen(ModalScreen[tuple[Path, ...] | None]):
    """The list, the path field, Send and Cancel (Escape cancels).

    Args:
        prompt: What the file is for.
        suggestions: Files to offer, best first.
        look_in: (folder, how it is named) pairs searched for more, in a thread worker.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        prompt: str,
        suggestions: Sequence[Suggestion],
        look_in: Sequence[tuple[Path, str]] = (),
    ) -> None:
        super().__init__(id="file-choice")
        self._prompt = prompt
        self._suggestions = list(suggestions)
        self._look_in = tuple(look_in)

    def compose(self) -> ComposeResult:
        """Prompt, list, path field, problem line, buttons."""
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = TITLE
            yield Static(self._prompt + ".", classes="dialog-text", markup=False)
            listed = OptionList(
                *(Option(s.label, id=str(n)) for n, s in enumerate(self._suggestions)),
                id="file-list",
            )
            listed.display = bool(self._suggestions)
            yield listed
            if self._look_in:
                yield Static(
                    "Looking in " + _listed([where for _, where in self._look_in]) + " …",
                    id="file-search",
                    markup=False,
                )
            yield Label(PATH_LABEL, classes="field-label")
            yield Input(placeholder="e.g. ~/Downloads/M1 factory.syx", id="file-path")
            yield Static("", id="file-problem", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(send_label(()), variant="primary", id="file-send")
                yield Button("Cancel", id="file-cancel")

    def on_mount(self) -> None:
        """Put the first suggestion in the field; start the search."""
        if self._suggestions:
            self.query_one("#file-path", Input).value = str(self._suggestions[0].path)
            self.query_one("#file-list", OptionList).focus()
        else:
            self.query_one("#file-path", Input).focus()
        if self._look_in:
            self._search()

    @work(thread=True, exit_on_error=False, exclusive=True)
    def _search(self) -> None:
        """Read the candidates off the event loop (zips are opened, files parsed)."""
        skip = [s.path for s in self._suggestions]
        found = find_candidates(self._look_in, skip)
        self.post_message(CandidatesFound([Suggestion(c.path, c.label) for c in found]))

    def on_candidates_found(self, message: CandidatesFound) -> None:
        """List what the search found after what was offered first."""
        searching = self.query_one("#file-search", Static)
        if not message.found:
            places = _listed([where for _, where in self._look_in])
            other = "other " if self._suggestions else ""
            searching.update(f"No {other}sound bank files were found in {places}.")
            return
        searching.display = False
        listed = self.query_one("#file-list", OptionList)
        start = len(self._suggestions)
        self._suggestions.extend(message.found)
        listed.add_options(Option(s.label, id=str(start + n)) for n, s in enumerate(message.found))
        if not listed.display:
            listed.display = True
            if not self.query_one("#file-path", Input).value:
                listed.focus()
                listed.highlighted = 0

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """A highlighted file goes into the field."""
        if event.option.id is not None:
            self.query_one("#file-path", Input).value = str(
                self._suggestions[int(event.option.id)].path
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a file chooses it."""
        if event.option.id is not None:
            self._choose((self._suggestions[int(event.option.id)].path,))

    def on_input_changed(self, event: Input.Changed) -> None:
        """The Send button says what it will send: this file, or these files."""
        self.query_one("#file-send", Button).label = send_label(typed_paths(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the field chooses what it holds."""
        event.stop()
        self._choose(typed_paths(event.value))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Send or Cancel."""
        event.stop()
        if event.button.id == "file-send":
            self._choose(typed_paths(self.query_one("#file-path", Input).value))
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        """Escape: no file."""
        self.dismiss(None)

    def _choose(self, paths: tuple[Path, ...]) -> None:
        problem = paths_problem(paths)
        if problem is not None:
            self.query_one("#file-problem", Static).update(problem)
            return
        self.dismiss(paths)


def _listed(names: Sequence[str]) -> str:
    """The places as one phrase: "In Downloads", "On the Desktop" and "In this folder"
    become "Downloads, the Desktop and this folder"."""
    return listed([n.split(" ", 1)[1] if n.split(" ", 1)[0] in ("In", "On") else n for n in names])
