"""The home screen: the procedures grouped (repair, set-up, backup & restore, reference) with
what each one is for, how long it takes, what it needs and what can go wrong, and an entry
that resumes the last run where it stopped."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar

from rich.padding import Padding
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Footer, OptionList, Static
from textual.widgets.option_list import Option

from wizard.procedure.summary import ProcedureSummary
from wizard.tui.catalog import Resumable, grouped
from wizard.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from wizard.demo.condition import DemoAdvice

RESUME_ID = "resume"

HINT = "Choose with ↑ ↓ and Enter, or click. Press ? for help."


def _bullets(items: tuple[str, ...]) -> Content:
    return Content("\n").join(Content(f" • {' '.join(item.split())}") for item in items)


def details(procedure: ProcedureSummary, compact: bool = False) -> Content:
    """What the home screen says about a procedure; `compact` (a short screen) drops the
    title and the blank lines and lists what is needed in one sentence, so the risks fit."""
    takes = Content.styled("Takes: ", "bold") + Content(procedure.duration)
    if procedure.midi and compact:
        takes += Content.styled(" · talks to the M1 over MIDI", "$text-muted")
    # A short screen leaves the title to the highlighted entry of the list beside it.
    title = [] if compact else [Content.styled(procedure.title, "bold")]
    parts = [*title, Content(" ".join(procedure.summary.split())), takes]
    if procedure.needs and compact:
        needs = ", ".join(" ".join(item.split()) for item in procedure.needs)
        parts.append(Content.styled("You need: ", "bold") + Content(needs + "."))
    elif procedure.needs:
        parts.append(Content.styled("You need:\n", "bold") + _bullets(procedure.needs))
    if procedure.risk:
        parts.append(Content.styled("Risks:\n", "bold") + _bullets(procedure.risk))
    if procedure.midi and not compact:
        parts.append(Content.styled("Talks to the M1 over MIDI.", "$text-muted"))
    return Content("\n" if compact else "\n\n").join(parts)


def resume_details(resume: Resumable) -> Content:
    """What the home screen says about the run that can be resumed."""
    return Content("\n\n").join(
        [
            Content.styled("Resume where you left off", "bold"),
            Content(
                f"“{resume.title}” stopped before its end. It goes on at step "
                f"{resume.number} of {resume.total}: {resume.step_title}."
            ),
            Content.styled(
                "Everything done before that step is kept in this M1's journal.",
                "$text-muted",
            ),
        ]
    )


class HomeScreen(Screen[None]):
    """The list on the left, the chosen entry's details and its Start button on the right.

    Args:
        library: What to show of every procedure, by id, in file order.
        resume: The run that can be resumed, if any.
        demo: In the demo, what its emulated M1 needs now; None for a real M1.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "app.quit", "Quit"),
        Binding("question_mark", "app.help", "Help"),
        Binding("l", "app.maintenance", "Maintenance log"),
        Binding("c", "app.connect", "Connect"),
        Binding("t", "app.toggle_theme", "Light/dark"),
    ]

    class Chosen(Message):
        """The person chose a procedure (or the resume entry).

        Attributes:
            procedure: Its id.
            restart: Start at the first step even when a run stopped part way.
        """

        def __init__(self, procedure: str, restart: bool) -> None:
            super().__init__()
            self.procedure = procedure
            self.restart = restart

    def __init__(
        self,
        library: Mapping[str, ProcedureSummary],
        resume: Resumable | None,
        demo: DemoAdvice | None,
    ) -> None:
        super().__init__()
        self._library = library
        self._resume = resume
        self._demo = demo
        self._chosen: str | None = None

    def compose(self) -> ComposeResult:
        """Title, hint, list and details."""
        yield TitleBar("m1-wizard · Korg M1 maintenance and recovery", self._demo is not None)
        hint = self._demo.hint if self._demo is not None else HINT
        yield Static(hint, id="home-hint", markup=False)
        with Horizontal(id="home-body"):
            yield OptionList(*self._options(), id="procedure-list")
            with Vertical(id="procedure-pane"):
                with VerticalScroll(id="procedure-details"):
                    yield Static(id="details-text")
                with Horizontal(id="home-buttons"):
                    yield Button("Start", variant="primary", id="start")
                    yield Button("Start again from step 1", id="restart")
        yield Footer()

    def _options(self) -> list[Option | None]:
        options: list[Option | None] = []
        if self._resume is not None:
            options.append(Option(Content.styled("↻ " + self._resume.line(), "bold"), RESUME_ID))
        for heading, members in grouped(self._library.values()):
            if options:
                options.append(None)
            title = Content.styled(heading.upper(), "bold $text-accent")
            options.append(Option(title, disabled=True))
            # Padded as a block, so a title that wraps stays indented under its heading.
            options.extend(Option(Padding(p.title, (0, 0, 0, 2)), p.id) for p in members)
        return options

    def on_mount(self) -> None:
        """Highlight the resume entry, or the procedure the demo's M1 needs."""
        listing = self.query_one("#procedure-list", OptionList)
        start = self._demo.start if self._demo is not None else ""
        wanted = RESUME_ID if self._resume is not None else start
        if wanted:
            with contextlib.suppress(LookupError):
                listing.highlighted = listing.get_option_index(wanted)
        if listing.highlighted is None:
            listing.action_first()
        listing.focus()

    def on_resize(self, event: events.Resize) -> None:
        """Keep the highlighted entry in view: its title wraps anew at another width, so
        the lines above it change and the old scroll position no longer shows it."""
        listing = self.query_one("#procedure-list", OptionList)
        self.call_after_refresh(listing.scroll_to_highlight)
        # The details follow the height class (-short) the app has just set.
        # The entry chosen at refresh time: the highlight may move before it.
        self.call_after_refresh(lambda: self._show(self._chosen))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Show the highlighted entry's details."""
        self._show(event.option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on an entry starts it."""
        self._show(event.option.id)
        self._start(restart=False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Start, or start again."""
        event.stop()
        self._start(restart=event.button.id == "restart")

    def _show(self, option_id: str | None) -> None:
        if option_id is None:
            return
        self._chosen = option_id
        text = self.query_one("#details-text", Static)
        restart = self.query_one("#restart", Button)
        start = self.query_one("#start", Button)
        if option_id == RESUME_ID and self._resume is not None:
            text.update(resume_details(self._resume))
            start.label = "Resume"
            restart.display = True
        elif option_id in self._library:
            text.update(details(self._library[option_id], self.has_class("-short")))
            resume = self._resume
            if resume is not None and resume.procedure == option_id:
                start.label = f"Resume at step {resume.number}"
                restart.display = True
            else:
                start.label = "Start"
                restart.display = False
        self.query_one("#procedure-details", VerticalScroll).scroll_home(animate=False)

    def _start(self, restart: bool) -> None:
        chosen = self._chosen
        if chosen == RESUME_ID and self._resume is not None:
            self.post_message(self.Chosen(self._resume.procedure, restart))
        elif chosen is not None and chosen in self._library:
            self.post_message(self.Chosen(chosen, restart))
