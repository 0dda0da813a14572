"""One run of a procedure on the step screen: what it needs, the engine's work in the worker
thread, and the typed messages that tell the screen how the run ended."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from textual.message import Message

from wizard.demo.loop_cable import loop_test
from wizard.device.connection import Connection
from wizard.device.detect import Detection
from wizard.engine.endings import RunOutcome
from wizard.engine.operator import Operator
from wizard.engine.runner import Engine
from wizard.engine.session import Session
from wizard.operations.unit import UnitFolder
from wizard.procedure.model import Procedure
from wizard.tui.launch import Launch
from wizard.tui.traffic import TrafficFeed


@dataclass(frozen=True)
class RunSetup:
    """What one run needs.

    Attributes:
        procedure: The procedure to run.
        library: Every procedure by id (for includes).
        launch: How the app was started.
        unit: The unit's files.
        rig: The connection, None for procedures without MIDI.
        detection: What the M1 said on the connect screen, if anything.
        feed: Where MIDI traffic is reported.
        demo_bank: The demo's sound bank file (None outside the demo).
        restart: Start at the first step even after an unfinished run.
    """

    procedure: Procedure
    library: Mapping[str, Procedure]
    launch: Launch
    unit: UnitFolder
    rig: Connection | None
    detection: Detection | None
    feed: TrafficFeed
    demo_bank: Path | None = None
    restart: bool = False


def run_engine(setup: RunSetup, operator: Operator) -> RunOutcome:
    """Run the procedure to its end (or until the person stops it); blocks, so it belongs
    in a thread worker.

    Args:
        setup: The procedure, the connection and the files.
        operator: Who answers the engine's questions.

    Returns:
        How the run ended.
    """
    session = Session(
        setup.unit,
        None if setup.rig is None else setup.rig.exchange,
        detection=setup.detection,
        now=setup.launch.now,
    )
    if setup.launch.is_demo:
        session.loop = loop_test  # the demo's interface test: a perfect loop cable
    engine = Engine(setup.procedure, setup.library, session, operator, restart=setup.restart)
    return engine.run()


@dataclass
class RunFinished(Message, bubble=False):
    """The engine returned (posted from its worker thread).

    Attributes:
        outcome: How the run ended.
    """

    outcome: RunOutcome


@dataclass
class RunFailed(Message, bubble=False):
    """The engine raised instead of returning (posted from its worker thread).

    Attributes:
        error: What it raised.
    """

    error: Exception
