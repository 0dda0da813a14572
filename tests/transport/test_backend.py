"""Reading MIDO_BACKEND."""

from __future__ import annotations

import pytest

from wizard.errors import TransportError
from wizard.transport.backend import requested_api, system_for_api


@pytest.mark.parametrize(
    ("value", "api"),
    [
        ("", None),
        ("mido.backends.rtmidi", None),
        ("mido.backends.rtmidi/UNIX_JACK", "jack"),
        ("mido.backends.rtmidi/LINUX_ALSA", "alsa"),
        ("mido.backends.rtmidi/MACOSX_CORE", "core"),
        ("mido.backends.rtmidi/WINDOWS_MM", "winmm"),
        ("mido.backends.rtmidi/jack", "jack"),
        ("mido.backends.rtmidi/UNSPECIFIED", None),
    ],
)
def test_accepted_values(value: str, api: str | None) -> None:
    assert requested_api({"MIDO_BACKEND": value}) == api


def test_unset_lets_rtmidi_choose() -> None:
    assert requested_api({}) is None


def test_another_mido_backend_is_refused() -> None:
    with pytest.raises(TransportError) as caught:
        requested_api({"MIDO_BACKEND": "mido.backends.portmidi"})
    assert str(caught.value) == (
        "MIDO_BACKEND is set to 'mido.backends.portmidi', but m1-wizard talks to MIDI "
        "through python-rtmidi only. Unset MIDO_BACKEND, or set it to mido.backends.rtmidi "
        "with an API, for example mido.backends.rtmidi/UNIX_JACK."
    )


def test_unknown_api_is_refused() -> None:
    with pytest.raises(TransportError) as caught:
        requested_api({"MIDO_BACKEND": "mido.backends.rtmidi/PULSE"})
    assert str(caught.value) == (
        "MIDO_BACKEND names the MIDI API 'PULSE', which python-rtmidi does not know. "
        "Put LINUX_ALSA, UNIX_JACK, MACOSX_CORE or WINDOWS_MM after the slash, for example "
        "mido.backends.rtmidi/UNIX_JACK."
    )


def test_limits_per_system() -> None:
    assert system_for_api("jack").max_message_size == 16379
    assert system_for_api("alsa").max_message_size == 16355
    assert system_for_api("core").max_message_size is None
    assert not system_for_api("winmm").virtual_ports
    assert system_for_api("web").label == "the web MIDI API"
