"""The Textual wizard app: home screen, connect screen and step screen, against a real M1 or,
in the demo, the built-in emulated one."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from wizard.errors import WizardError
from wizard.operations.unit import UnitFolder, unit_slug
from wizard.procedure.summary import shipped_folder
from wizard.tui.launch import Launch
from wizard.tui.library import Library
from wizard.tui.screens.error import ErrorScreen
from wizard.tui.screens.home import HomeScreen
from wizard.tui.traffic import TrafficFeed

# The connection, the connect and step screens (with the engine, the emulator and the MIDI
# transport behind them) and the maintenance log are imported where they are first used:
# the home screen needs none of them, and it appears sooner without them. So are the
# procedure loader and YAML where the home screen is built from the shipped folder's index.
if TYPE_CHECKING:
    from wizard.demo.condition import DemoAdvice
    from wizard.device.connection import Connection
    from wizard.device.detect import Detection
    from wizard.engine.endings import RunOutcome
    from wizard.procedure.loader import ProcedureSet
    from wizard.procedure.model import Procedure
    from wizard.tui.screens.connect import ConnectResult

THEMES = ("textual-dark", "textual-light")


class WizardApp(App[int]):
    """The wizard.

    Args:
        launch: How it was started (demo or real M1, data folder, procedure to open).
    """

    CSS_PATH = "app.tcss"
    TITLE = "m1-wizard"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (116, "-wide")]  # noqa: RUF012 (Textual's own)
    VERTICAL_BREAKPOINTS = [(0, "-short"), (34, "-tall")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(self, launch: Launch) -> None:
        super().__init__()
        self.launch = launch
        self.feed = TrafficFeed(launch.monotonic)
        self.unit = UnitFolder(launch.home, unit_slug(launch.unit))
        self.rig: Connection | None = None
        self.last_outcome: RunOutcome | None = None
        self.detection: Detection | None = None
        self.library = Library(launch.folder or shipped_folder())
        self._demo_bank: Path | None = None

    @property
    def procedures(self) -> ProcedureSet:
        """Every procedure, read in full the first time they are needed."""
        return self.library.procedures

    def on_mount(self) -> None:
        """Show the home screen (and the first error of the procedure files), open the
        procedure asked for."""
        errors = self.library.open()
        self.push_screen(self._home())
        if errors:
            self.push_screen(ErrorScreen(errors[0].message, errors[0].next_action))
        if self.launch.connect_at_start:
            self._connect_at_start()
        if self.launch.procedure is not None:
            self.open_procedure(self.launch.procedure, self.launch.restart)

    def _connect_at_start(self) -> None:
        from wizard.tui.rig import demo_rig, port_rig

        launch = self.launch
        try:
            if launch.demo is not None:
                self.rig = demo_rig(
                    launch.demo,
                    launch.home,
                    self.feed,
                    now=launch.now(),
                    timing=launch.timing,
                    timeouts=launch.timeouts,
                )
            elif launch.ports is not None:
                self.rig = port_rig(
                    launch.ports, launch.home, self.feed, now=launch.now(), timeouts=launch.timeouts
                )
        except WizardError as error:
            # The connect screen opens instead, where another interface can be picked.
            self.push_screen(ErrorScreen(error.message, error.next_action))

    def _home(self) -> HomeScreen:
        try:
            resume = self.library.resumable(self.unit)
        except WizardError:
            resume = None
        return HomeScreen(self.library.summaries, resume, self._demo_advice())

    def _demo_advice(self) -> DemoAdvice | None:
        """In the demo, what its emulated M1 needs as it is now (connected, or as the last
        run kept it); None for a real M1."""
        if self.launch.demo is None:
            return None
        from wizard.demo.condition import demo_advice
        from wizard.demo.saved_m1 import load_m1

        backups = self.unit.backups
        backed_up = backups.is_dir() and any(backups.glob("*.syx"))
        if self.rig is not None and self.rig.link is not None:
            with self.rig.link.locked() as emulator:
                return demo_advice(self.launch.demo, emulator.state, backed_up)
        return demo_advice(self.launch.demo, load_m1(self.launch.home), backed_up)

    def on_home_screen_chosen(self, message: HomeScreen.Chosen) -> None:
        """Open the procedure chosen on the home screen."""
        self.open_procedure(message.procedure, message.restart)

    def open_procedure(self, procedure_id: str, restart: bool = False) -> None:
        """Run a procedure: through the connect screen first when it needs MIDI and no M1
        is connected yet."""
        procedure = self.procedures.procedures.get(procedure_id)
        if procedure is None:
            self.push_screen(
                ErrorScreen(
                    f"There is no procedure called '{procedure_id}'.",
                    "Choose one from the list on the home screen.",
                )
            )
            return
        if self.rig is None and self.library.needs_midi(procedure.id):
            from wizard.tui.screens.connect import ConnectScreen, sends_sounds

            def connected(connection: ConnectResult | None) -> None:
                if connection is not None:
                    self._use(connection)
                    self._begin(procedure, restart)

            library = self.procedures.procedures
            offer = sends_sounds(procedure, library)
            screen = ConnectScreen(self.launch, self.feed, procedure.title, offer_loop_test=offer)
            self.push_screen(screen, connected)
            return
        self._begin(procedure, restart)

    def _use(self, connection: ConnectResult) -> None:
        if self.rig is not None and self.rig is not connection.rig:
            self.rig.close()
        self.rig, self.detection = connection.rig, connection.detection

    def _begin(self, procedure: Procedure, restart: bool) -> None:
        from wizard.demo.bank import write_demo_bank
        from wizard.tui.screens.step import RunSetup, StepScreen

        if self.launch.demo is not None and self._demo_bank is None:
            try:
                self._demo_bank = write_demo_bank(self.launch.home / "demo")
            except WizardError as error:
                self.push_screen(ErrorScreen(error.message, error.next_action))
        setup = RunSetup(
            procedure,
            self.procedures.procedures,
            self.launch,
            self.unit,
            self.rig,
            self.detection,
            self.feed,
            self._demo_bank,
            restart,
        )
        self.push_screen(StepScreen(setup), self._run_left)

    def _run_left(self, outcome: RunOutcome | None) -> None:
        self.last_outcome = outcome
        self._keep_demo_m1()
        # The home screen is rebuilt so that its resume entry matches the journal.
        self.switch_screen(self._home())

    def action_help(self) -> None:
        """Show the help."""
        # Imported here: its Markdown widget costs a tenth of a second at start-up.
        from wizard.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_maintenance(self) -> None:
        """Show this unit's maintenance log."""
        from wizard.tui.screens.maintenance import MaintenanceScreen

        if not isinstance(self.screen, MaintenanceScreen):
            self.push_screen(MaintenanceScreen(self.unit))

    def action_toggle_theme(self) -> None:
        """Switch between the dark and the light theme."""
        self.theme = THEMES[1] if self.theme == THEMES[0] else THEMES[0]

    def action_connect(self) -> None:
        """Choose (another) MIDI interface."""
        from wizard.tui.screens.connect import ConnectScreen

        self.push_screen(
            ConnectScreen(self.launch, self.feed, "choose the interface"),
            lambda connection: None if connection is None else self._use(connection),
        )

    async def action_quit(self) -> None:
        """Stop a run under way (it resumes next time), close the ports, and leave."""
        # No run can be under way when the step screen was never imported; quitting from
        # the home screen then does not import it.
        step = sys.modules.get("wizard.tui.screens.step")
        if step is not None:
            for screen in list(self.screen_stack):
                if isinstance(screen, step.StepScreen):
                    await screen.stop_and_wait()
                    self.last_outcome = screen.outcome
        self._keep_demo_m1()
        if self.rig is not None:
            self.rig.close()
        self.exit(0)

    def _keep_demo_m1(self) -> None:
        """The demo's emulated M1 is kept with its journal, so a run resumes next time."""
        if self.rig is None or not self.launch.is_demo:
            return
        from wizard.tui.rig import keep_demo_m1

        try:
            keep_demo_m1(self.rig, self.launch.home)
        except WizardError as error:
            self.notify(f"{error.message} {error.next_action}", severity="warning")


def run_app(launch: Launch) -> WizardApp:
    """Run the wizard in the terminal until the person quits; returns the app (its
    `last_outcome` tells how the last run ended)."""
    from wizard.tui.hangup import quit_on_hangup

    app = WizardApp(launch)
    with quit_on_hangup(app):
        app.run()
    return app
