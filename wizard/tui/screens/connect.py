"""The connect screen: pick the MIDI interface from the ports found (or the built-in emulated
M1 in the demo), and see in plain words what the M1 said about itself, or what to do when
nothing answered."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Footer, OptionList, Static
from textual.widgets.option_list import Option

from wizard.device.connection import Connection
from wizard.device.detect import Detection, detect
from wizard.device.outcomes import ENABLE_MIDI_KEYS, DeviceError, Outcome
from wizard.engine.plan import plan_steps
from wizard.errors import WizardError
from wizard.procedure.model import Procedure, TransferStep
from wizard.transport.port_names import PortChoice
from wizard.transport.sound_cards import RawDevice, list_raw_devices
from wizard.tui.launch import Launch
from wizard.tui.rig import demo_rig, port_rig
from wizard.tui.screens.error import error_text
from wizard.tui.traffic import TrafficFeed
from wizard.tui.widgets.loop_test import LoopTest
from wizard.tui.widgets.title_bar import TitleBar

EMULATOR_ID = "emulator"

INTRO = (
    "The MIDI interface is the USB MIDI cable or box plugged into the computer. Its MIDI "
    "OUT goes to MIDI IN on the back of the M1, and the M1's MIDI OUT to the interface's "
    "MIDI IN. Choose the interface in the list and press Enter."
)
DEMO_SCAN = "Real MIDI interfaces are not looked for in the demo; press r (Re-scan) to list them."
LOOKING = "Looking for the M1: asking on all 16 MIDI channels (a few seconds) …"
SILENT_EXPECTED = (
    "That is expected while the M1 is switched off or unplugged, or while its Excl filter "
    "(the switch that lets sound banks in over MIDI) is still off, as after a lost memory "
    "and on many second-hand units: it then "
    f"ignores the computer until MIDI is enabled on it ({ENABLE_MIDI_KEYS}). The procedure "
    "says when to connect and shows the keys, so press Continue."
)
SILENT_CHECKS = (
    "If the M1 should have answered, check the cables (the interface's MIDI OUT to the "
    "M1's MIDI IN, the M1's MIDI OUT back to the interface's MIDI IN) and that no other "
    "program (a music program, MIDI-OX) is using the interface; then press Try again."
)


@dataclass(frozen=True)
class PortOption:
    """An interface in the list: the input and output port that belong together."""

    input: str
    output: str
    title: str | None = None

    @property
    def label(self) -> str:
        """How it is listed."""
        if self.title is not None:
            return self.title
        return self.input if self.input == self.output else f"{self.input} / {self.output}"


def raw_options(devices: list[RawDevice]) -> list[PortOption]:
    """ALSA raw MIDI devices as interfaces, listed first: they carry whole messages of any
    size, which the sequencer and JACK do not (a full ALL DATA or sequencer dump)."""
    return [
        PortOption(str(d.path), str(d.path), f"{d.name} - raw MIDI {d.hw}, any message size")
        for d in devices
    ]


def pair_ports(inputs: tuple[str, ...], outputs: tuple[str, ...]) -> list[PortOption]:
    """Each input port with the output port of the same interface: the same name, else the
    most similar one."""
    pairs: list[PortOption] = []
    for name in inputs:
        if name in outputs:
            pairs.append(PortOption(name, name))
            continue
        close = difflib.get_close_matches(name, list(outputs), n=1, cutoff=0.0)
        if close:
            pairs.append(PortOption(name, close[0]))
    return pairs


@dataclass(frozen=True)
class ConnectResult:
    """What Connect found.

    Attributes:
        rig: The open connection (None when it could not be opened).
        detection: What the M1 said, None when it said nothing.
        problem: Why the ports could not be opened or the M1 could not be asked.
    """

    rig: Connection | None
    detection: Detection | None
    problem: WizardError | None


@dataclass
class PortsListed(Message, bubble=False):
    """The scan worker listed the MIDI ports.

    Attributes:
        inputs: The input ports' names.
        outputs: The output ports' names.
        system: The MIDI system's name.
    """

    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    system: str
    raw: tuple[RawDevice, ...] = ()


@dataclass
class ScanFailed(Message, bubble=False):
    """The scan worker could not list the ports.

    Attributes:
        error: What it raised.
    """

    error: Exception


@dataclass
class ConnectFinished(Message, bubble=False):
    """The connect worker opened the ports and asked the M1 (or says why it could not).

    Attributes:
        connection: What it found.
    """

    connection: ConnectResult


@dataclass
class ConnectWaiting(Message, bubble=False):
    """The connect worker waits for something the person should know of (the M1 still
    sending a dump an interrupted run asked for).

    Attributes:
        text: What it waits for, in words.
    """

    text: str


@dataclass
class ConnectFailed(Message, bubble=False):
    """The connect worker broke off with an error it has no words for.

    Attributes:
        error: What it raised.
    """

    error: Exception


def sends_sounds(procedure: Procedure, library: Mapping[str, Procedure]) -> bool:
    """True when the procedure (or one it includes) sends sounds into the M1."""
    return any(isinstance(p.step, TransferStep) for p in plan_steps(procedure, library))


def found_text(rig: Connection, detection: Detection) -> Content:
    """The detection result in plain words."""
    lines = detection.lines(version=False)
    return (
        Content.styled(f"✓ {lines[0]}", "bold $text-success")
        + Content(f"\nConnected through: {rig.name}\n")
        + Content("\n".join(lines[1:]))
    )


def problem_text(problem: WizardError) -> Content:
    """What went wrong, and what to do."""
    if isinstance(problem, DeviceError) and problem.outcome is Outcome.SILENT:
        return Content.styled("Nothing answered.", "bold $text-warning") + Content(
            f"\n{SILENT_EXPECTED}\n\n{SILENT_CHECKS}"
        )
    message, next_action = error_text(problem)
    return (
        Content.styled(f"✗ {message}", "bold $text-error")
        + Content("\n")
        + Content.styled("What to do: ", "bold")
        + Content(next_action)
    )


class ConnectScreen(Screen[ConnectResult | None]):
    """The list of interfaces, Connect, Re-scan, and the result; dismissed with the open
    connection and what the M1 said (Continue), or None (Back).

    Args:
        launch: How the app was started (demo scenario, data folder, clocks).
        feed: Where MIDI traffic is reported.
        purpose: What the connection is for, e.g. the procedure's title.
        offer_loop_test: Offer the interface test (before a procedure that sends sounds).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "connect", "Connect"),
        Binding("r", "rescan", "Re-scan"),
        Binding("i", "loop_test", "Test interface"),
        Binding("escape", "back", "Back"),
        Binding("question_mark", "app.help", "Help"),
        Binding("t", "app.toggle_theme", "Light/dark"),
        # The body itself takes no focus (Tab would stop on it and show nothing): the
        # result under the list scrolls with these keys instead.
        Binding("pageup", "scroll_body(-1)", "Scroll up", show=False),
        Binding("pagedown", "scroll_body(1)", "Scroll down", show=False),
    ]

    def __init__(
        self, launch: Launch, feed: TrafficFeed, purpose: str, *, offer_loop_test: bool = False
    ) -> None:
        super().__init__()
        self._offer_loop_test = offer_loop_test
        self._launch = launch
        self._feed = feed
        self._purpose = purpose
        self._ports: list[PortOption] = []
        self._connection: ConnectResult | None = None

    def compose(self) -> ComposeResult:
        """Intro, list, scan note, result, buttons."""
        yield TitleBar(f"Connect the M1 · {self._purpose}", self._launch.is_demo)
        with VerticalScroll(id="connect-body", can_focus=False):
            yield Static(INTRO, id="connect-intro", markup=False)
            yield OptionList(*self._options(), id="port-list")
            yield Static("", id="scan-note", markup=False)
            yield Static("", id="detect-result")
            if self._offer_loop_test:
                yield LoopTest(self._launch.is_demo, self._chosen_ports, self._close_connection)
        with Horizontal(id="connect-buttons", classes="action-bar"):
            yield Button("Connect", variant="primary", id="connect-go")
            yield Button("Continue", variant="success", id="connect-continue")
            yield Button("Re-scan", id="connect-scan")
            yield Button("Back", id="connect-back")
        yield Footer()

    def _options(self) -> list[Option]:
        options: list[Option] = []
        if self._launch.demo is not None:
            options.append(Option(f"Built-in emulated M1 (demo: {self._launch.demo})", EMULATOR_ID))
        options.extend(Option(p.label, str(n)) for n, p in enumerate(self._ports))
        return options

    def on_mount(self) -> None:
        """List the ports (not in the demo, whose result must not depend on the machine)."""
        self.query_one("#connect-continue", Button).display = False
        self.query_one("#detect-result", Static).display = False
        listing = self.query_one("#port-list", OptionList)
        if self._launch.is_demo:
            self.query_one("#scan-note", Static).update(DEMO_SCAN)
            listing.highlighted = 0
            listing.focus()
        else:
            self.action_rescan()

    @property
    def focus_chain(self) -> list[Widget]:
        """Tab goes from the list to Connect, Continue, Re-scan and Back; the interface
        test, a side road before a restore, comes after them."""
        chain = super().focus_chain
        side = [w for w in chain if w.id == "loop-go"]
        return [w for w in chain if w.id != "loop-go"] + side

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """c waits while Connect is asking the M1; i only where the interface test is."""
        if action == "connect":
            return None if self.query_one("#connect-go", Button).disabled else True
        if action == "loop_test":
            return self._offer_loop_test
        return True

    def action_loop_test(self) -> None:
        """i: Test the interface, as its button does."""
        buttons = self.query("#loop-go").results(Button)
        for button in buttons:
            if not button.disabled:
                button.press()

    def action_scroll_body(self, direction: int) -> None:
        """Page Up / Page Down: scroll the result under the list."""
        body = self.query_one("#connect-body", VerticalScroll)
        if direction < 0:
            body.scroll_page_up(animate=False)
        else:
            body.scroll_page_down(animate=False)

    def action_rescan(self) -> None:
        """Look for MIDI ports again."""
        self.query_one("#scan-note", Static).update("Looking for MIDI interfaces …")
        self._scan()

    @work(thread=True, exit_on_error=False, exclusive=True, group="scan")
    def _scan(self) -> None:
        from wizard.transport.rtmidi_ports import list_ports

        raw = tuple(list_raw_devices())
        try:
            listing = list_ports()
        except Exception as error:
            if raw:  # the raw devices work without a sequencer or JACK
                self.post_message(PortsListed((), (), "ALSA raw MIDI", raw))
                return
            self.post_message(ScanFailed(error))
            raise  # the worker keeps its error (and its state) too
        system = listing.system.label
        self.post_message(PortsListed(listing.inputs, listing.outputs, system, raw))

    def on_ports_listed(self, message: PortsListed) -> None:
        """List the interfaces found."""
        self._scanned(message.inputs, message.outputs, message.system, list(message.raw))

    def on_scan_failed(self, message: ScanFailed) -> None:
        """Say why the ports could not be listed."""
        text, next_action = error_text(message.error)
        self.query_one("#scan-note", Static).update(f"{text} {next_action}")

    def _scanned(
        self,
        inputs: tuple[str, ...],
        outputs: tuple[str, ...],
        system: str,
        raw: list[RawDevice] | None = None,
    ) -> None:
        self._ports = raw_options(raw or []) + pair_ports(inputs, outputs)
        listing = self.query_one("#port-list", OptionList)
        listing.clear_options()
        listing.add_options(self._options())
        listing.display = listing.option_count > 0
        note = self.query_one("#scan-note", Static)
        if self._ports:
            count = len(self._ports)
            note.update(f"{count} MIDI interface{'s' if count > 1 else ''} found ({system}).")
            listing.highlighted = 0
            listing.focus()
        else:
            note.update(
                f"No MIDI interface was found ({system}). Plug it in, wait a few seconds, "
                "then press Re-scan."
            )

    def _chosen_ports(self) -> PortChoice | None:
        """The highlighted interface's ports, for the interface test."""
        index = self.query_one("#port-list", OptionList).highlighted
        if index is None:
            return None
        option_id = self.query_one("#port-list", OptionList).get_option_at_index(index).id
        if option_id == EMULATOR_ID:
            return None
        port = self._ports[int(option_id or 0)]
        return PortChoice(port.input, port.output)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on an interface connects to it."""
        event.stop()
        self.action_connect()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """The four buttons."""
        event.stop()
        match event.button.id:
            case "connect-go":
                self.action_connect()
            case "connect-scan":
                self.action_rescan()
            case "connect-continue":
                self._finish()
            case _:
                self.action_back()

    def action_connect(self) -> None:
        """Open the highlighted interface and ask the M1 who it is."""
        listing = self.query_one("#port-list", OptionList)
        index = listing.highlighted
        if index is None:
            self.query_one("#scan-note", Static).update("Choose an interface in the list first.")
            return
        option_id = listing.get_option_at_index(index).id
        self._close_connection()
        result = self.query_one("#detect-result", Static)
        result.display = True
        result.update(LOOKING)
        self.query_one("#connect-go", Button).disabled = True
        self.refresh_bindings()
        self._connect(None if option_id == EMULATOR_ID else self._ports[int(option_id or 0)])

    @work(thread=True, exit_on_error=False, exclusive=True, group="connect")
    def _connect(self, port: PortOption | None) -> None:
        try:
            connection = self._open_and_ask(port)
        except Exception as error:
            self.post_message(ConnectFailed(error))
            raise  # the worker keeps its error (and its state) too
        self.post_message(ConnectFinished(connection))

    def _open_and_ask(self, port: PortOption | None) -> ConnectResult:
        """Open the interface (or the emulated M1) and ask the M1 who it is; blocks."""
        launch = self._launch
        try:
            if port is None:
                scenario = launch.demo or "factory"
                rig = demo_rig(
                    scenario,
                    launch.home,
                    self._feed,
                    now=launch.now(),
                    timing=launch.timing,
                    timeouts=launch.timeouts,
                    notice=self._waiting,
                )
            else:
                choice = PortChoice(port.input, port.output)
                rig = port_rig(
                    choice,
                    launch.home,
                    self._feed,
                    now=launch.now(),
                    timeouts=launch.timeouts,
                    notice=self._waiting,
                )
        except WizardError as error:
            return ConnectResult(None, None, error)
        try:
            return ConnectResult(rig, detect(rig.exchange), None)
        except WizardError as error:
            return ConnectResult(rig, None, error)

    def _waiting(self, text: str) -> None:
        """From the worker's thread: say what the connection waits for."""
        self.post_message(ConnectWaiting(text))

    def on_connect_waiting(self, message: ConnectWaiting) -> None:
        """Show the wait under the interface list until the M1 is found."""
        self.query_one("#detect-result", Static).update(message.text)

    def on_connect_finished(self, message: ConnectFinished) -> None:
        """Show what Connect found."""
        self.query_one("#connect-go", Button).disabled = False
        self.refresh_bindings()
        self._show(message.connection)

    def on_connect_failed(self, message: ConnectFailed) -> None:
        """Show the error Connect broke off with."""
        self.query_one("#connect-go", Button).disabled = False
        self.refresh_bindings()
        problem = WizardError(*error_text(message.error))
        self._show(ConnectResult(None, None, problem))

    def _show(self, connection: ConnectResult) -> None:
        self._connection = connection
        result = self.query_one("#detect-result", Static)
        go = self.query_one("#connect-go", Button)
        proceed = self.query_one("#connect-continue", Button)
        proceed.display = connection.rig is not None
        if connection.rig is not None and connection.detection is not None:
            result.update(found_text(connection.rig, connection.detection))
            result.set_classes("-found")
            proceed.label = "Continue"
            go.variant, proceed.variant = "default", "primary"
            go.label = "Connect again"
            proceed.focus()
            return
        silent = isinstance(connection.problem, DeviceError) and (
            connection.problem.outcome is Outcome.SILENT
        )
        result.set_classes("-silent" if silent else "-problem")
        result.update(problem_text(connection.problem or WizardError("", "")))
        go.label = "Try again"
        proceed.label = "Continue"
        # Silence is what a switched-off or wiped M1 gives: going on is the likely wish.
        main, other = (proceed, go) if silent and connection.rig is not None else (go, proceed)
        main.variant, other.variant = "primary", "default"
        main.focus()

    def _finish(self) -> None:
        connection = self._connection
        if connection is None or connection.rig is None:
            return
        self._connection = None  # handed over: the app closes it from now on
        self.dismiss(connection)

    def _close_connection(self) -> None:
        if self._connection is not None and self._connection.rig is not None:
            self._connection.rig.close()
        self._connection = None

    def action_back(self) -> None:
        """Leave without a connection."""
        self._close_connection()
        self.dismiss(None)
