"""Every defect fixture gives exactly the errors a person would read, word for word."""

from __future__ import annotations

from pathlib import Path

import pytest

from wizard.errors import ProcedureError
from wizard.procedure.loader import load_file, load_files

DEFECTS = Path(__file__).resolve().parent / "defects"

# file -> the errors it must produce, each as "line:column: message next-action".
EXPECTED: dict[str, list[str]] = {
    "duplicate_key.yaml": [
        "6:1: 'title' appears twice in this mapping; the first is on line 3. Remove one of them.",
    ],
    "unknown_key.yaml": [
        "9:5: step 'set-filters': a keys step needs 'keys'. Add 'keys:' to it.",
        "11:5: step 'set-filters': 'kyes' is not a key of a keys step. Did you mean 'keys'?",
    ],
    "bad_panel_key.yaml": [
        "11:35: step 'protects-off': 'DWN' is not a key on the M1's front panel. "
        "Did you mean 'DOWN'?",
    ],
    "dangling_include.yaml": [
        "9:5: step 'first': no procedure has the id 'dangling-includes'. "
        "Did you mean 'dangling-include'?",
        "12:5: step 'second': no procedure has the id 'no-such-procedure'. "
        "Check the id, or validate the file that defines it together with this one.",
    ],
    "unknown_step_kind.yaml": [
        "10:11: step 'set-filters': 'key' is not a step kind. Did you mean 'keys'?",
    ],
    "unknown_check.yaml": [
        "11:12: step 'answers': 'm1_respond' is not a known check. Did you mean 'm1_responds'?",
    ],
    "duplicate_step_id.yaml": [
        "12:9: step id 'press' is used twice; the first is on line 9. "
        "Give each step an id of its own.",
    ],
    "wrong_type.yaml": [
        "6:13: 'applies_to' must be a list, not text. "
        "Write one '- item' per line under 'applies_to:', or [item, item].",
        "12:16: step 'answers': 'skippable' must be true or false, not text. Write true or false.",
    ],
    "missing_required.yaml": [
        "1:1: a procedure needs 'summary'. Add 'summary:' to it.",
        "8:5: step 'looks-right': a confirm step needs 'question'. Add 'question:' to it.",
    ],
    "bad_schema_version.yaml": [
        # The unknown key further down is not reported: the format may differ from here on.
        "1:9: schema 2 is not supported; this m1-wizard reads schema 1. "
        "Write 'schema: 1', or update m1-wizard.",
    ],
    "python_tag.yaml": [
        "3:8: the tag '!!python/object/apply:os.system' is not allowed: a procedure file "
        "holds plain data only. Remove the tag (quote the value if it is text).",
    ],
    "tab_indentation.yaml": [
        "9:1: a tab character cannot indent YAML. Indent with spaces only.",
    ],
    "yaml_syntax_error.yaml": [
        "12:1: the file is not valid YAML: found unexpected end of stream (while scanning "
        "a quoted scalar from line 3, column 8). Fix the YAML at this place "
        "(procedures/SCHEMA.md shows the format).",
    ],
    "bad_applies_to.yaml": [
        "6:18: 'm1r' is not a value 'applies_to' can take. Did you mean 'M1R'?",
        "6:23: 'Wavestation' is not a value 'applies_to' can take. "
        "The values are: M1, M1R, M1EX, M1REX.",
    ],
    "empty_file.yaml": [
        "1:1: the file is empty. Write a procedure into it; procedures/SCHEMA.md shows the format.",
    ],
    "anchor_and_alias.yaml": [
        "3:8: the anchor '&name' is not allowed in a procedure file. "
        "Remove the anchor and write repeated values out in full.",
    ],
    "nested_too_deep.yaml": [
        "12:21: the data is nested more than 8 levels deep. "
        "Flatten it; procedures/SCHEMA.md shows the format.",
    ],
    "not_a_mapping.yaml": [
        "1:1: a procedure file must be a mapping of keys to values, not a list. "
        "Start with 'schema: 1' and the keys procedures/SCHEMA.md lists.",
    ],
    "two_documents.yaml": [
        "12:1: the file holds more than one YAML document. "
        "Put each procedure in a file of its own and remove the '---'.",
    ],
    "display_too_long.yaml": [
        "12:14: step 'set-filters': 'display' gives 3 lines; the M1's display has 2. "
        "Keep the two lines the display shows.",
    ],
    "bad_check_params.yaml": [
        "13:19: step 'allocation': '75/25' is not a value parameter 'allocation' can take. "
        "Did you mean '50/50'?",
        "14:7: step 'allocation': 'alocation' is not a parameter of check 'allocation_is'. "
        "Did you mean 'allocation'?",
    ],
    "transfer_not_irreversible.yaml": [
        "13:19: step 'send-factory': a transfer overwrites the M1's memory, so it is always "
        "irreversible. Remove 'irreversible: false'.",
    ],
    "pattern_without_regex.yaml": [
        "13:14: step 'serial': 'pattern' only goes with 'validate: regex'. "
        "Write 'validate: regex', or remove 'pattern'.",
    ],
    "yes_unquoted.yaml": [
        "11:15: step 'read': 'question' must be text, not true or false. "
        'Put the value in quotes: question: "Yes".',
    ],
    "bad_backed_up_part.yaml": [
        "12:23: step 'songs-warning': 'songs' is not a value 'unless_backed_up' can take. "
        "The values are: all, programs, combinations, global, sequence.",
    ],
    "bad_step_id.yaml": [
        "9:9: step 1: 'Send Factory' is not a valid id. "
        "Use lower-case letters, digits and hyphens, e.g. 'send-factory'.",
    ],
    "not_utf8.yaml": [
        "3:11: the file is not UTF-8 text (byte E9). Save the file as UTF-8.",
    ],
    "control_character.yaml": [
        "3:15: the file holds the character U+0007, which YAML does not allow. "
        "Remove it (it is often pasted in by accident).",
    ],
}

PAIRS = {
    ("include_cycle_a.yaml", "include_cycle_b.yaml"): [
        "include_cycle_a.yaml:12:5: step 'go-to-b': the included procedure "
        "'include-cycle-b' has errors. Fix the errors reported for 'include-cycle-b' first.",
        "include_cycle_b.yaml:9:5: step 'back-to-a': including 'include-cycle-a' makes a "
        "cycle: include-cycle-a -> include-cycle-b -> include-cycle-a. "
        "Remove one of these includes.",
    ],
    ("same_id_a.yaml", "same_id_b.yaml"): [
        "same_id_b.yaml:2:5: procedure id 'same-id' is also used by {folder}/same_id_a.yaml. "
        "Give each procedure an id of its own.",
    ],
}


def test_every_defect_fixture_is_in_the_table() -> None:
    named = set(EXPECTED) | {name for pair in PAIRS for name in pair}
    assert {p.name for p in DEFECTS.glob("*.yaml")} == named


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_defect_errors_verbatim(name: str) -> None:
    path = DEFECTS / name
    result = load_files([path])
    assert [str(e) for e in result.errors] == [f"{path}:{text}" for text in EXPECTED[name]]
    assert dict(result.procedures) == {}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_load_file_raises_the_first_error(name: str) -> None:
    path = DEFECTS / name
    if name == "dangling_include.yaml":  # includes are resolved across files, not here
        assert load_file(path).id == "dangling-include"
        return
    with pytest.raises(ProcedureError) as raised:
        load_file(path)
    assert str(raised.value) == f"{path}:{EXPECTED[name][0]}"


@pytest.mark.parametrize("pair", sorted(PAIRS))
def test_defects_across_two_files(pair: tuple[str, str]) -> None:
    result = load_files([DEFECTS / name for name in pair])
    expected = [f"{DEFECTS}/{text.format(folder=DEFECTS)}" for text in PAIRS[pair]]
    assert [str(e) for e in result.errors] == expected
    assert list(result.procedures) == (["same-id"] if pair[0] == "same_id_a.yaml" else [])


def test_error_carries_path_line_and_column_apart() -> None:
    path = DEFECTS / "bad_panel_key.yaml"
    (error,) = load_files([path]).errors
    assert (error.path, error.line, error.column) == (str(path), 11, 35)
    assert error.message == "step 'protects-off': 'DWN' is not a key on the M1's front panel."
    assert error.next_action == "Did you mean 'DOWN'?"


def test_one_file_of_a_cycle_alone_is_a_dangling_include() -> None:
    path = DEFECTS / "include_cycle_a.yaml"
    assert [str(e) for e in load_files([path]).errors] == [
        f"{path}:12:5: step 'go-to-b': no procedure has the id 'include-cycle-b'. "
        "Did you mean 'include-cycle-a'?"
    ]
