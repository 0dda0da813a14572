"""Opening a port by name when its position moves, m1-wizard's own ports, port locks."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from wizard.errors import TransportError
from wizard.transport.backend import SYSTEMS
from wizard.transport.port_lock import RUNTIME_VARIABLE, PortLocks, lock_file_name
from wizard.transport.port_names import port_part, refuse_own, split_own
from wizard.transport.rtmidi_ports import OPEN_ATTEMPTS, _open_named


class MovingPort:
    """An rtmidi port object whose list changes with each look, as other clients come
    and go; records the positions opened."""

    def __init__(self, *listings: list[str]) -> None:
        self.listings = list(listings)
        self.opened: list[int] = []
        self.closed = 0

    def get_ports(self) -> list[str]:
        return self.listings.pop(0) if len(self.listings) > 1 else self.listings[0]

    def open_port(self, index: int, _name: str) -> None:
        self.opened.append(index)

    def close_port(self) -> None:
        self.closed += 1


def open_named(port: MovingPort, name: str = "B:B MIDI IN") -> None:
    _open_named(port, name, "m1-wizard out", SYSTEMS["jack"], "output")


def test_a_port_that_moved_during_the_open_is_closed_and_opened_again_by_name() -> None:
    a, b, own = "A:A MIDI IN", "B:B MIDI IN", "m1-wizard:m1-wizard in"
    port = MovingPort([a, b], [own, a, b], [own, a, b])
    open_named(port)
    assert port.opened == [1, 2]
    assert port.closed == 1


def test_a_port_that_keeps_moving_is_refused_in_plain_words() -> None:
    # Before each open the port is first, after it a newcomer stands ahead of it.
    looks = [["B:B MIDI IN"] if i % 2 == 0 else ["N:n", "B:B MIDI IN"] for i in range(10)]
    port = MovingPort(*looks)
    with pytest.raises(TransportError) as caught:
        open_named(port)
    assert len(port.opened) == OPEN_ATTEMPTS
    assert port.closed == OPEN_ATTEMPTS
    assert str(caught.value) == (
        'The MIDI output ports kept changing while "B:B MIDI IN" was being opened (other '
        "programs were starting or stopping), so nothing was sent. Run the command again "
        "once the other programs have started or stopped."
    )


def test_a_port_gone_before_the_open_is_not_replaced_by_another() -> None:
    port = MovingPort(["A:A MIDI IN"])
    with pytest.raises(TransportError) as caught:
        open_named(port)
    assert port.opened == []
    assert str(caught.value) == (
        'The MIDI output port "B:B MIDI IN" went away while it was being opened. Check that '
        "the interface is plugged in and the device on, then run the command again."
    )


def test_own_ports_are_told_apart_by_their_port_name() -> None:
    names = ["m1-wizard:m1-wizard in", "UM-ONE:UM-ONE MIDI 1 20:0", "m1-wizard-02:m1-wizard in"]
    assert port_part("UM-ONE:UM-ONE MIDI 1 20:0") == "UM-ONE MIDI 1"
    others, own = split_own(names, {"m1-wizard in", "m1-wizard out"})
    assert others == ["UM-ONE:UM-ONE MIDI 1 20:0"]
    assert own == [names[0], names[2]]
    refuse_own(own, "UM-ONE", "output")  # another name: nothing to say
    with pytest.raises(TransportError) as caught:
        refuse_own(own, "wizard", "output")
    assert caught.value.message == (
        'The MIDI output port "m1-wizard:m1-wizard in" is one of m1-wizard\'s own ports, not '
        "a device: what is sent there comes straight back without passing any interface."
    )


def test_a_locked_port_is_refused_until_released(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(RUNTIME_VARIABLE, str(tmp_path / "run"))
    first, second = PortLocks(), PortLocks()
    first.take("M1:M1 MIDI IN", "output")
    second.take("M1:M1 MIDI OUT", "input")  # another port: free
    with pytest.raises(TransportError) as caught:
        second.take("M1:M1 MIDI IN", "output")
    assert str(caught.value) == (
        f"Another m1-wizard run (process {os.getpid()}) is using the MIDI output port "
        '"M1:M1 MIDI IN"; two runs at once would mix up their messages. Wait for that run '
        "to finish (or end it), then run this command again."
    )
    first.release()
    second.take("M1:M1 MIDI IN", "output")
    second.release()
    assert lock_file_name("a/b:c") != lock_file_name("a-b:c")


def test_no_lock_folder_means_no_lock_not_no_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(RUNTIME_VARIABLE, str(blocker / "run"))
    locks = PortLocks()
    locks.take("M1:M1 MIDI IN", "output")
    PortLocks().take("M1:M1 MIDI IN", "output")
    locks.release()
