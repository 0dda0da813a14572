"""Every procedure in procedures/ loads and runs to completion against the emulated M1 with
a scripted operator, starting from the state it is meant for, and does what it promises."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.device.helpers import connect, ready_state
from tests.engine.helpers import factory_file, link_of
from wizard.demo.loop_cable import loop_test
from wizard.demo.scripted import Script, ScriptedOperator
from wizard.device.detect import detect
from wizard.emulator import build_state
from wizard.emulator.initial import initialised_memory
from wizard.emulator.pages_memory import change_allocation
from wizard.emulator.state import Card, M1State
from wizard.engine.endings import RunStatus
from wizard.engine.runner import Engine
from wizard.engine.session import Session
from wizard.m1.constants import Allocation
from wizard.operations.maintenance import read_log
from wizard.operations.unit import UnitFolder
from wizard.operations.words import OFFER_BACKUP
from wizard.procedure.loader import load_all, shipped_folder

SHIPPED = sorted(shipped_folder().glob("*.yaml"))
FACTORY = build_state("factory").memory


def used_ready_for_banks() -> M1State:
    """A used M1 after its set-up: MIDI on, protects off, 100/100, its own sounds."""
    state = ready_state("used")
    change_allocation(state, Allocation.P100_C100)
    return state


def dead_with_exclusive_on() -> M1State:
    """A battery-dead M1 whose exclusive filter someone already enabled (protects on)."""
    state = build_state("battery-dead")
    state.excl_enabled = True
    return state


def with_card(base: Callable[[], M1State], card: Callable[[], Card]) -> Callable[[], M1State]:
    """`base` with `card` in the program-card slot."""

    def build() -> M1State:
        state = base()
        state.card = card()
        return state

    return build


def factory_card() -> Card:
    """A RAM card holding the synthetic factory sounds."""
    return Card(memory=FACTORY.copy())


def empty_card() -> Card:
    """A RAM card formatted for 100/100 holding only initialised data."""
    return Card(memory=initialised_memory(Allocation.P100_C100))


def card_formatted_50() -> Card:
    """A RAM card formatted for 50/50, so formatting it for 100/100 shows."""
    return Card(formatted=Allocation.P50_C50)


START: dict[str, Callable[[], M1State]] = {
    "battery-replacement": lambda: build_state("battery-dead"),
    "used-m1-checklist": lambda: build_state("used"),
    "allocation-100": lambda: ready_state("used"),
    "backup": lambda: ready_state("used"),
    "enable-midi": lambda: build_state("battery-dead"),
    "memory-protect-off": dead_with_exclusive_on,
    "factory-restore": used_ready_for_banks,
    "card-load": with_card(dead_with_exclusive_on, factory_card),
    "card-save": with_card(lambda: ready_state("factory"), empty_card),
    "card-format": with_card(lambda: ready_state("factory"), card_formatted_50),
    "ram-card-battery": with_card(lambda: ready_state("factory"), factory_card),
}
"""The state each procedure starts from; the rest start from a factory-fresh M1."""


def holds_factory_sounds(state: M1State) -> bool:
    """True when programs, combinations and global data are the synthetic factory set."""
    memory = state.memory
    return (memory.programs, memory.combinations, memory.global_data) == (
        FACTORY.programs,
        FACTORY.combinations,
        FACTORY.global_data,
    )


def backups_of(session: Session) -> list[Path]:
    """The backup files saved in the unit's folder."""
    return sorted(session.unit.backups.glob("*.syx"))


def battery_replaced(state: M1State, session: Session) -> None:
    assert holds_factory_sounds(state)
    restored, entry = read_log(session.unit.maintenance)
    # The test bank is no Korg set, so the log says what it held, not "factory sounds".
    assert restored.what.startswith("restored global settings with drum kits, 100 combinations")
    assert entry.what == "internal battery replaced"
    assert entry.next_due is not None
    assert entry.next_due.year == entry.day.year + 5


def checklist_done(state: M1State, session: Session) -> None:
    assert (state.excl_enabled, state.protect_program, state.protect_combination) == (
        True,
        False,
        False,
    )
    assert len(backups_of(session)) == 1  # what the last owner left
    assert holds_factory_sounds(state)


def bank_restored(state: M1State, session: Session) -> None:
    assert len(backups_of(session)) == 1
    assert holds_factory_sounds(state)
    assert [e.what.partition(" ")[0] for e in read_log(session.unit.maintenance)] == [
        "verified",  # backup saved
        "restored",  # what the test bank held: it is no Korg set
    ]


def backed_up(state: M1State, session: Session) -> None:
    (saved,) = backups_of(session)
    assert saved.name.endswith("-all.syx")


def card_loaded(state: M1State, session: Session) -> None:
    assert state.memory.programs == FACTORY.programs
    assert state.memory.combinations == FACTORY.combinations


def card_saved(state: M1State, session: Session) -> None:
    assert state.card is not None
    assert state.card.memory.programs == FACTORY.programs


def card_formatted(state: M1State, session: Session) -> None:
    assert state.card is not None and state.card.formatted is Allocation.P100_C100


def exclusive_on(state: M1State, session: Session) -> None:
    assert state.excl_enabled


def protects_off(state: M1State, session: Session) -> None:
    assert not (state.protect_program or state.protect_combination or state.protect_sequence)


def allocation_100(state: M1State, session: Session) -> None:
    assert state.memory.allocation is Allocation.P100_C100


def sounds_back_after_reset(state: M1State, session: Session) -> None:
    assert state.memory.allocation is Allocation.P100_C100
    assert len(backups_of(session)) == 3  # songs, combinations, programs
    assert state.memory.programs == FACTORY.programs
    assert state.memory.combinations == FACTORY.combinations


EFFECTS: dict[str, Callable[[M1State, Session], None]] = {
    "battery-replacement": battery_replaced,
    "used-m1-checklist": checklist_done,
    "factory-restore": bank_restored,
    "backup": backed_up,
    "card-load": card_loaded,
    "card-save": card_saved,
    "card-format": card_formatted,
    "enable-midi": exclusive_on,
    "memory-protect-off": protects_off,
    "allocation-100": allocation_100,
    "sequencer-memory-reset": sounds_back_after_reset,
}
"""What the emulated M1 (and the unit's files) must show after a procedure."""


def files_for(procedure: str, session: Session, folder: Path) -> list[Path]:
    """What the person chooses when a transfer asks for a file."""
    if procedure == "sequencer-memory-reset":
        return [session.unit.backups / "*-combinations.syx"]
    return [factory_file(folder)]


def run_shipped(
    procedure: str, folder: Path, *, found_on_connecting: bool = False
) -> tuple[M1State, Session, ScriptedOperator]:
    """Run one shipped procedure on a fresh emulated M1; assert that it completed.

    `found_on_connecting`: the M1 answered before the run, as on the wizard's connect
    screen."""
    procedures = load_all(shipped_folder()).require().procedures
    state = START.get(procedure, lambda: ready_state("factory"))()
    _, exchange = connect(state)
    session = Session(UnitFolder(folder / "home", "unit"), exchange)
    if found_on_connecting:
        # An M1 whose memory is gone does not answer before MIDI is enabled: it answered
        # before the battery came out, as one with a low battery still does.
        answered = exchange if state.excl_enabled else connect(ready_state("factory"))[1]
        session.detection = detect(answered)
    if procedure == "interface-test":
        session.loop = loop_test  # the interface's OUT wired to its own IN
    operator = ScriptedOperator(
        Script(files=files_for(procedure, session, folder)), link_of(session)
    )
    outcome = Engine(procedures[procedure], procedures, session, operator).run()
    assert operator.texts("recover") == [], "a step failed"
    assert outcome.status is RunStatus.COMPLETED
    assert operator.display_mismatches == []
    return state, session, operator


def test_every_shipped_procedure_loads() -> None:
    loaded = load_all(shipped_folder())
    assert [str(e) for e in loaded.errors] == []
    assert sorted(loaded.procedures) == [p.stem for p in SHIPPED]


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_procedure_runs_to_completion(path: Path, tmp_path: Path) -> None:
    state, session, _ = run_shipped(path.stem, tmp_path)
    effect = EFFECTS.get(path.stem)
    if effect is not None:
        effect(state, session)


def test_battery_replacement_quit_before_sending_resumes_at_the_transfer(
    tmp_path: Path,
) -> None:
    procedures = load_all(shipped_folder()).require().procedures
    state = build_state("battery-dead")
    _, exchange = connect(state)
    unit = UnitFolder(tmp_path / "home", "unit")
    first = Session(unit, exchange)
    quitter = ScriptedOperator(Script(quit_at={"send-bank"}), link_of(first))
    top = procedures["battery-replacement"]
    stopped = Engine(top, procedures, first, quitter).run()
    assert (stopped.status, stopped.path) == (
        RunStatus.STOPPED,
        "battery-replacement/send-bank",
    )
    second = Session(unit, exchange)
    operator = ScriptedOperator(Script(files=[factory_file(tmp_path)]), link_of(second))
    assert Engine(top, procedures, second, operator).run().status is RunStatus.COMPLETED
    total = operator.positions[0].total
    assert operator.positions[0].path == "battery-replacement/send-bank"
    assert operator.texts("notice")[0] == (
        f"Resuming at step {total - 3} of {total}: Send the sound bank."
    )
    # The initialised-memory confirmation of the first start still counts.
    assert OFFER_BACKUP not in operator.texts("confirm")
    assert holds_factory_sounds(state)
