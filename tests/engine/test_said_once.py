"""Each fact is established once per run and reused: the cable step, a display already
seen, the M1 answering, a read-back just made; and the last look at the sounds names
program 00 from the file that was sent."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.engine.test_shipped_procedures import run_shipped
from wizard.demo.scripted import ScriptedOperator
from wizard.emulator import build_state
from wizard.procedure.model import KeysStep

FACTORY_PROGRAM_00 = build_state("factory").memory.programs[0]


def program_00_name() -> str:
    # Bytes 0-9 of a program record are its name (m1-sysex.md §3.2).
    return FACTORY_PROGRAM_00[:10].decode("ascii").strip()


def test_used_checklist_asks_each_fact_once(tmp_path: Path) -> None:
    _, _, operator = run_shipped("used-m1-checklist", tmp_path)
    acknowledged = operator.texts("acknowledge")
    cable_steps = [t for t in acknowledged if t.startswith("MIDI needs one cable")]
    assert len(cable_steps) == 1
    assert not any(t.startswith("One cable goes from") for t in acknowledged)
    asked = operator.texts("confirm")
    assert "Does the lower line of the display show ENA four times?" not in asked
    assert "Does the display end with Seq:OFF?" not in asked
    assert not any("press GLOBAL, 6, +, +" in q for q in asked)
    notices = operator.texts("notice")
    assert "The M1 already answered over MIDI in this run." in notices
    assert "The backup was read back and compared with the M1 in the step just done." in notices
    assert "What was sent in the step just done was read back from the M1 and matched." in notices


def test_used_checklist_asks_about_the_battery_positively_after_power_on(
    tmp_path: Path,
) -> None:
    _, _, operator = run_shipped("used-m1-checklist", tmp_path)
    paths = [p.path for p in operator.positions]
    assert paths[1:3] == ["used-m1-checklist/connect", "used-m1-checklist/battery-fine"]
    assert operator.texts("confirm")[0] == (
        "Did the M1 start up straight to the name of a sound, as it should?"
    )


def test_last_look_names_program_00_from_the_file_sent(tmp_path: Path) -> None:
    _, _, operator = run_shipped("used-m1-checklist", tmp_path)
    name = program_00_name()
    assert operator.texts("keys")[-1] == "PROG, 00"
    # The keys are a step of their own (lit on the panel), then the question.
    assert operator.texts("confirm")[-1] == (
        "Play a few keys. Do you hear the new sounds, and does the display show "
        f"program 00 “{name}”, as in your file?"
    )
    assert not any("UP, then DOWN" in q for q in operator.texts("confirm"))


def test_battery_replacement_gives_no_songs_warning_on_a_wiped_memory(tmp_path: Path) -> None:
    _, _, operator = run_shipped("battery-replacement", tmp_path)
    assert not any("may erase them" in w for w in operator.texts("acknowledge"))
    name = program_00_name()
    assert operator.texts("confirm")[-1] == (
        f"Play a few keys. Do you hear a sound, and does the display show program 00 "
        f"“{name}”, as in your file?"
    )


def test_last_look_waits_for_the_new_name_on_the_display(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The M1 keeps showing the sound from before the transfer: "Program 00" alone would
    # match a display that still shows the old name.
    displays: list[tuple[str, ...]] = []
    original = ScriptedOperator.keys

    def recording(self: ScriptedOperator, step: KeysStep) -> bool:
        displays.append(step.display)
        return original(self, step)

    monkeypatch.setattr(ScriptedOperator, "keys", recording)
    run_shipped("battery-replacement", tmp_path)
    assert displays[-1] == (f"Program 00 {program_00_name()}",)


def test_used_checklist_does_not_warn_about_songs_already_backed_up(tmp_path: Path) -> None:
    # The checklist saved everything (songs included) and read it back before the
    # allocation changes: the "save them first" warning cannot apply any more.
    _, _, operator = run_shipped("used-m1-checklist", tmp_path)
    paths = [p.path for p in operator.positions]
    assert "used-m1-checklist/allocation/songs-warning" not in paths
    assert not any("may erase them" in t for t in operator.texts("acknowledge"))
    assert "The songs are in the backup saved earlier in this run." in operator.texts("notice")


def test_allocation_alone_still_warns_about_songs(tmp_path: Path) -> None:
    _, _, operator = run_shipped("allocation-100", tmp_path)
    assert any("may erase them" in t for t in operator.texts("acknowledge"))


def test_an_m1_found_on_connecting_is_not_asked_to_be_plugged_in_again(tmp_path: Path) -> None:
    _, _, operator = run_shipped("backup", tmp_path, found_on_connecting=True)
    paths = [p.path for p in operator.positions]
    notices = operator.texts("notice")
    assert "The M1 already answered over MIDI in this run, so the cables are in." in notices
    assert not any(t.startswith("One cable goes from") for t in operator.texts("acknowledge"))
    assert "backup/connect" in paths  # passed, with the sentence above instead


def test_after_unplugging_everything_the_battery_flow_asks_for_the_cables_again(
    tmp_path: Path,
) -> None:
    # Found on connecting, then every cable out for the battery: the earlier answer
    # proves nothing about the cables plugged back in.
    _, _, operator = run_shipped("battery-replacement", tmp_path, found_on_connecting=True)
    acknowledged = operator.texts("acknowledge")
    assert any(t.startswith("The new battery starts an empty memory.") for t in acknowledged)
    assert "The M1 already answered over MIDI in this run." not in operator.texts("notice")


def test_a_protect_answer_seen_on_the_display_is_said_in_words(tmp_path: Path) -> None:
    _, _, operator = run_shipped("used-m1-checklist", tmp_path)
    said = " ".join(operator.texts("notice"))
    assert "The display showed Seq:OFF a moment ago: the sequencer protect is off too." in said
