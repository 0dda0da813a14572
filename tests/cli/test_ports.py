"""`m1-wizard ports`: the MIDI system and its ports, or plainly why there are none."""

from __future__ import annotations

import uuid

import pytest

from wizard.cli import main
from wizard.transport.rtmidi_ports import open_virtual_ports


def test_no_jack_server_is_explained(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MIDO_BACKEND", "mido.backends.rtmidi/UNIX_JACK")
    monkeypatch.setenv("JACK_DEFAULT_SERVER", f"absent-{uuid.uuid4().hex}")
    monkeypatch.setenv("JACK_NO_START_SERVER", "1")
    assert main(["ports"]) == 3
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "m1-wizard ports: No MIDI system found: the JACK server is not running. "
        "Start JACK (for example with QjackCtl), or unset MIDO_BACKEND to use ALSA.\n"
    )


def test_a_backend_other_than_rtmidi_is_refused(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MIDO_BACKEND", "mido.backends.pygame")
    assert main(["ports"]) == 3
    assert capsys.readouterr().err == (
        "m1-wizard ports: MIDO_BACKEND is set to 'mido.backends.pygame', but m1-wizard talks "
        "to MIDI through python-rtmidi only. Unset MIDO_BACKEND, or set it to "
        "mido.backends.rtmidi with an API, for example mido.backends.rtmidi/UNIX_JACK.\n"
    )


@pytest.mark.jack
def test_jack_without_ports_says_no_interface(
    jack_server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ports"]) == 3
    assert capsys.readouterr().err == (
        "m1-wizard ports: No MIDI interface was found (JACK MIDI has no ports). "
        "Plug the interface in and run `m1-wizard ports`.\n"
    )


@pytest.mark.jack
def test_ports_are_listed_with_the_system(
    jack_server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    name = f"Lister {uuid.uuid4().hex[:6]}"
    with open_virtual_ports(name):
        assert main(["ports"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        "MIDI system: JACK MIDI (MIDO_BACKEND=mido.backends.rtmidi/UNIX_JACK); "
        "largest single message: at most 16379 bytes."
    )
    assert out[1] == "Input ports (connect the M1's MIDI OUT here):"
    assert out[2].startswith(f"  {name}") and out[2].endswith(f":{name} MIDI OUT")
    assert out[3] == "Output ports (connect these to the M1's MIDI IN):"
    assert out[4].startswith(f"  {name}") and out[4].endswith(f":{name} MIDI IN")
    assert len(out) == 5
