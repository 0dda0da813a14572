"""Valid procedure files become the right typed objects; includes resolve across files; the
shipped folder loads; limits are enforced before parsing."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from wizard.errors import ProcedureError
from wizard.m1.panel_keys import Choice, Key
from wizard.procedure.loader import (
    ProcedureSet,
    load_all,
    load_file,
    load_files,
    read_file,
    shipped_folder,
)
from wizard.procedure.model import (
    BackupScope,
    BackupStep,
    CheckStep,
    ConfirmStep,
    Group,
    IncludeStep,
    InputRule,
    InputStep,
    InstructionStep,
    KeysStep,
    Location,
    Model,
    SafetyStep,
    TransferSource,
    TransferStep,
)
from wizard.procedure.yaml_nodes import MAX_FILE_BYTES

GOOD = Path(__file__).resolve().parent / "good"
EVERY_KIND = GOOD / "every_kind.yaml"


def test_top_level_fields() -> None:
    procedure = load_file(EVERY_KIND)
    assert procedure.schema == 1
    assert procedure.id == "every-kind"
    assert procedure.title == "Every step kind"
    assert procedure.summary == "A procedure that uses each step kind once."
    assert procedure.group is Group.REFERENCE
    assert procedure.applies_to == (Model.M1, Model.M1EX)
    assert procedure.duration == "about 10 minutes"
    assert procedure.needs == ("a MIDI interface", "CR2032 battery")
    assert procedure.risk == ("Sending a file overwrites memory: back up first.",)
    assert procedure.location == Location(str(EVERY_KIND), 2, 1)
    assert [s.kind for s in procedure.steps] == [
        "safety",
        "instruction",
        "keys",
        "keys",
        "confirm",
        "input",
        "input",
        "check",
        "backup",
        "transfer",
        "instruction",
    ]


def test_safety_and_instruction_steps() -> None:
    procedure = load_file(EVERY_KIND)
    assert procedure.step("power-off") == SafetyStep(
        id="power-off",
        title="Power off",
        warning="Switch the M1 off and unplug it.",
        acknowledge="It is unplugged",
        location=Location(str(EVERY_KIND), 15, 5),
    )
    # A folded block keeps no closing line break.
    assert procedure.step("read-me") == InstructionStep(
        id="read-me", text="Folded text on two lines.", location=Location(str(EVERY_KIND), 20, 5)
    )
    erase = procedure.step("erase-card")
    assert isinstance(erase, InstructionStep)
    assert erase.irreversible


def test_keys_steps_are_parsed_into_panel_keys() -> None:
    procedure = load_file(EVERY_KIND)
    protects = procedure.step("protects-off")
    assert isinstance(protects, KeysStep)
    assert protects.source == "global, 6, DOWN, +, B, UP/DOWN, 00 (twice)."
    assert protects.keys == (
        Key.GLOBAL,
        Key.DIGIT_6,
        Key.DOWN,
        Key.PAGE_NEXT,
        Key.B,
        Choice((Key.UP, Key.DOWN)),
        Key.DIGIT_0,
        Key.DIGIT_0,
    )
    assert protects.display == ("Global 6  Memory Protect", "Prog:OFF")
    assert protects.guide == "Battery replacement, step 10"
    as_list = procedure.step("display-as-list")
    assert isinstance(as_list, KeysStep)
    assert as_list.keys == (Key.EDIT_PROG, Key.START_STOP)
    assert as_list.display == ("Edit Prog",)
    assert as_list.guide == ""


def test_confirm_input_check_backup_and_transfer_steps() -> None:
    procedure = load_file(EVERY_KIND)
    confirm = procedure.step("init-shown")
    assert isinstance(confirm, ConfirmStep)
    assert (confirm.question, confirm.expect, confirm.if_not) == (
        "Does the display show Init Program?",
        "Init Program",
        "Switch off and on again.",
    )
    serial = procedure.step("serial")
    assert isinstance(serial, InputStep)
    assert (serial.validate, serial.pattern, serial.store_as) == (InputRule.SERIAL, "", "serial")
    card = procedure.step("card-name")
    assert isinstance(card, InputStep)
    assert (card.validate, card.pattern, card.store_as) == (
        InputRule.REGEX,
        "MCR-[0-9]{2}",
        "card_name",
    )
    check = procedure.step("allocation")
    assert isinstance(check, CheckStep)
    assert (check.check, dict(check.params), check.skippable) == (
        "allocation_is",
        {"allocation": "50/50"},
        True,
    )
    backup = procedure.step("save-programs")
    assert isinstance(backup, BackupStep)
    assert backup.what is BackupScope.PROGRAMS
    transfer = procedure.step("send-factory")
    assert isinstance(transfer, TransferStep)
    assert transfer.source is TransferSource.LATEST_BACKUP
    assert transfer.overwrites == "every program"
    assert transfer.irreversible  # by default: a transfer cannot be undone


def test_loaded_objects_are_frozen_and_params_read_only() -> None:
    procedure = load_file(EVERY_KIND)
    with pytest.raises(dataclasses.FrozenInstanceError):
        procedure.title = "changed"  # type: ignore[misc]
    check = procedure.step("allocation")
    assert isinstance(check, CheckStep)
    with pytest.raises(TypeError):
        check.params["allocation"] = "100/100"  # type: ignore[index]


def test_missing_step_id_raises_key_error() -> None:
    with pytest.raises(KeyError):
        load_file(EVERY_KIND).step("no-such-step")


def test_include_resolves_across_files_of_a_folder() -> None:
    result = load_all(GOOD)
    assert result.ok
    assert list(result.procedures) == ["every-kind", "uses-include"]
    including = result.procedures["uses-include"]
    assert including.includes == ("every-kind",)
    step = including.step("all-kinds")
    assert isinstance(step, IncludeStep)
    assert step.procedure == "every-kind"
    assert result.files == (str(EVERY_KIND), str(GOOD / "uses_include.yaml"))


def test_include_resolves_against_known_procedures() -> None:
    known = load_files([EVERY_KIND]).procedures
    result = load_files([GOOD / "uses_include.yaml"], known=known)
    assert result.ok
    assert list(result.procedures) == ["uses-include"]


def test_a_known_procedure_from_the_same_file_is_not_a_second_id() -> None:
    known = load_files([EVERY_KIND]).procedures
    assert load_files([EVERY_KIND], known=known).ok


def test_a_known_procedure_from_another_file_with_the_same_id_is_an_error(
    tmp_path: Path,
) -> None:
    copy = tmp_path / "copy.yaml"
    copy.write_text(EVERY_KIND.read_text(encoding="utf-8"), encoding="utf-8")
    known = load_files([EVERY_KIND]).procedures
    assert [str(e) for e in load_files([copy], known=known).errors] == [
        f"{copy}:3:5: procedure id 'every-kind' is also used by {EVERY_KIND}. "
        "Give each procedure an id of its own."
    ]


def test_a_procedure_that_includes_itself_is_a_cycle(tmp_path: Path) -> None:
    path = tmp_path / "self.yaml"
    path.write_text(
        "schema: 1\nid: loop\ntitle: T\nsummary: S\ngroup: repair\napplies_to: [M1]\n"
        "duration: 1 minute\nsteps:\n  - id: again\n    kind: include\n    procedure: loop\n",
        encoding="utf-8",
    )
    assert [str(e) for e in load_files([path]).errors] == [
        f"{path}:9:5: step 'again': including 'loop' makes a cycle: loop -> loop. "
        "Remove one of these includes."
    ]


def test_require_raises_the_first_error() -> None:
    broken = Path(__file__).resolve().parent / "defects" / "unknown_check.yaml"
    result = load_files([broken, EVERY_KIND])
    assert list(result.procedures) == ["every-kind"]
    assert len(result.errors_in(str(broken))) == 1
    with pytest.raises(ProcedureError, match="'m1_respond' is not a known check"):
        result.require()
    assert isinstance(load_all(GOOD).require(), ProcedureSet)


def test_the_shipped_procedures_all_validate() -> None:
    folder = shipped_folder()
    assert (folder / "SCHEMA.md").is_file()
    result = load_all(folder)
    assert [str(e) for e in result.errors] == []
    assert "enable-midi" in result.procedures
    assert len(result.procedures) == len(list(folder.glob("*.yaml")))


def test_shipped_example_transcribes_the_guide_sequence() -> None:
    procedure = load_all(shipped_folder()).procedures["enable-midi"]
    keys = procedure.step("set-filters")
    assert isinstance(keys, KeysStep)
    assert keys.source == "GLOBAL, 5, +, UP, D, UP, F, UP, H, UP"
    assert len(keys.keys) == 10


def test_file_over_the_size_limit_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    # Not YAML at all: the size alone must refuse it.
    path.write_bytes(b"\t[" * (MAX_FILE_BYTES // 2) + b"!")
    (error,) = read_file(path).errors
    assert str(error) == (
        f"{path}:1:1: the file is {MAX_FILE_BYTES + 1} bytes; a procedure file may hold at "
        f"most {MAX_FILE_BYTES} bytes (256 KiB). Check that this is a procedure file, or split "
        "it into several procedures."
    )


def test_file_at_the_size_limit_is_parsed(tmp_path: Path) -> None:
    path = tmp_path / "padded.yaml"
    body = EVERY_KIND.read_bytes()
    path.write_bytes(body + b"#" * (MAX_FILE_BYTES - len(body)))
    assert read_file(path).errors == ()


def test_unreadable_path_is_an_error_not_an_exception(tmp_path: Path) -> None:
    missing = tmp_path / "gone.yaml"
    (error,) = read_file(missing).errors
    assert str(error) == (
        f"{missing}:0:0: the file cannot be read (No such file or directory). "
        "Check the file's name and permissions."
    )


def test_bad_key_in_a_folded_sequence_points_at_the_value_start(tmp_path: Path) -> None:
    path = tmp_path / "folded.yaml"
    path.write_text(
        "schema: 1\nid: folded\ntitle: T\nsummary: S\ngroup: set-up\napplies_to: [M1]\n"
        "duration: 1 minute\nsteps:\n  - id: press\n    kind: keys\n    keys: >\n"
        "      GLOBAL, 5,\n      UPP\n",
        encoding="utf-8",
    )
    assert [str(e) for e in load_files([path]).errors] == [
        f"{path}:11:11: step 'press': 'UPP' is not a key on the M1's front panel. "
        "Did you mean 'UP'?"
    ]


def test_escaped_sequence_points_at_the_value_start(tmp_path: Path) -> None:
    path = tmp_path / "escaped.yaml"
    path.write_text(
        "schema: 1\nid: escaped\ntitle: T\nsummary: S\ngroup: set-up\napplies_to: [M1]\n"
        'duration: 1 minute\nsteps:\n  - id: press\n    kind: keys\n    keys: "\\x47LOBAL, X"\n',
        encoding="utf-8",
    )
    (error,) = load_files([path]).errors
    assert (error.line, error.column) == (11, 11)
    assert error.message == "step 'press': 'X' is not a key on the M1's front panel."


def test_the_example_in_schema_md_validates(tmp_path: Path) -> None:
    schema_md = (shipped_folder() / "SCHEMA.md").read_text(encoding="utf-8")
    example = schema_md.split("```yaml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "example.yaml"
    path.write_text(example, encoding="utf-8")
    result = load_files([path], known=load_all(shipped_folder()).procedures)
    assert [str(e) for e in result.errors] == []
    assert [s.kind for s in result.procedures["example-set-up"].steps] == [
        "safety",
        "keys",
        "confirm",
        "input",
        "check",
        "backup",
        "transfer",
        "include",
    ]
