"""`m1-wizard inspect PATH [PATH ...] [--json]`: what dump files hold, what is wrong with
them, and what they make taken together."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from wizard.cli import exit_codes
from wizard.cli.set_report import set_json, set_text
from wizard.errors import FileFormatError
from wizard.m1.constants import Bank
from wizard.m1.dump_set import gather
from wizard.m1.file_message import FileMessage
from wizard.m1.report import Problem
from wizard.m1.sources import Sources, read_sources
from wizard.m1.syx_file import DumpFile, FileFormat, read_dump_file

NAME_COLUMNS = 4
FORMAT_WORDS = {
    FileFormat.SYX: "binary .syx",
    FileFormat.HEX_TEXT: "hex text",
    FileFormat.HEX_DUMP: "hex dump (xxd / hexdump -C)",
    FileFormat.SMF: "Standard MIDI File",
    FileFormat.ZIP: "zip archive",
    FileFormat.TEXT: "text",
    FileFormat.OTHER: "not MIDI data",
}


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `inspect`."""
    parser = sub.add_parser(
        "inspect",
        help="show what a .syx / .mid file holds and whether it is safe to send",
        description="List every message in a dump file with its program, combination and "
        "song names, and every problem found. The file is only read, never changed.",
    )
    parser.add_argument(
        "paths",
        metavar="PATH",
        nargs="+",
        help="a .syx, .mid, hex-text or .zip file (any name), or a folder of them; several "
        "are described one by one, then as the one set a restore would send",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object instead")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Inspect the paths; exit 0 without errors, 1 with, 2 when one cannot be read."""
    shown: list[DumpFile] = []  # what the person named: a zip as a whole, a folder's files
    files: list[DumpFile] = []  # what a restore of them would take as one set
    passed: list[tuple[str, str]] = []
    for path in args.paths:
        try:
            if Path(path).is_dir():
                found = read_sources([Path(path)])
                shown += found.files
            else:
                named = read_dump_file(path)
                shown.append(named)
                found = read_sources([Path(path)])
        except FileFormatError as failure:  # missing, a pipe, too large: unusable
            # A script reading --json gets JSON on standard output either way; the person
            # watching gets the sentence on standard error.
            if args.json:
                print(json.dumps(refused_json(path, failure), indent=2, ensure_ascii=False))
            print(f"m1-wizard inspect: {failure}", file=sys.stderr)
            return exit_codes.USAGE  # as the README says: a missing or unusable file
        files += found.files
        passed += found.passed_over
    sources = Sources(tuple(files), tuple(passed))
    dump_set = gather(sources.files)
    alone = len(shown) == 1
    if args.json:
        report: dict[str, Any] = (
            dump_json(shown[0]) if alone else {"files": [dump_json(f) for f in shown]}
        )
        report["set"] = set_json(sources, dump_set)
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        sys.stdout.write("\n".join(render_text(f) for f in shown))
        if len(files) > 1:
            sys.stdout.write(set_text(sources, dump_set))
    failed = any(f.has_errors for f in shown) or any(f.has_errors for f in files)
    return exit_codes.FAILED if failed else exit_codes.OK


def _function_hex(message: FileMessage) -> str | None:
    code = message.function_code
    return None if code is None else f"{code:02X}"


def _bank_name(bank: Bank | None) -> str | None:
    return None if bank is None else bank.name.lower()


def problem_json(problem: Problem) -> dict[str, Any]:
    """One problem as a JSON object."""
    return {
        "severity": str(problem.severity),
        "message": problem.message,
        "next_action": problem.next_action,
        "offset": problem.offset,
        "message_index": problem.message_index,
    }


def message_json(message: FileMessage) -> dict[str, Any]:
    """One message as a JSON object."""
    contents = message.contents
    return {
        "index": message.index,
        "offset": message.offset,
        "kind": message.kind,
        "function": _function_hex(message),
        "label": message.label,
        "channel": message.channel,
        "length": message.length,
        "expected_length": message.expected_length,
        "allocation": None if message.allocation is None else message.allocation.short,
        "bank": _bank_name(message.bank),
        "events": message.events,
        "ok": not message.has_errors,
        "programs": list(contents.programs),
        "combinations": list(contents.combinations),
        "songs": list(contents.songs),
        "global": contents.has_global,
    }


def dump_json(dump: DumpFile) -> dict[str, Any]:
    """The whole report as one JSON object (`inspect --json`)."""
    return {
        "file": dump.path,
        "format": str(dump.format),
        "size": dump.size,
        "sha256": dump.sha256,
        "summary": dump.summary,
        "ok": not dump.has_errors,
        "messages": [message_json(m) for m in dump.messages],
        "problems": [problem_json(p) for p in dump.problems],
        "members": [dump_json(m) for m in dump.members],
        "passed_over": [{"file": name, "why": why} for name, why in dump.passed_over],
    }


def refused_json(path: str, failure: FileFormatError) -> dict[str, Any]:
    """The JSON report for a file refused before reading (missing, a folder, too large)."""
    return {
        "file": path,
        "ok": False,
        "messages": [],
        "problems": [
            {
                "severity": "error",
                "message": failure.message,
                "next_action": failure.next_action,
                "offset": None,
                "message_index": None,
            }
        ],
    }


def _name_grid(names: tuple[str, ...], width: int) -> list[str]:
    cells = [f"{number:0{width}d} {name:<10}" for number, name in enumerate(names)]
    return [
        "    " + "   ".join(cells[row : row + NAME_COLUMNS]).rstrip()
        for row in range(0, len(cells), NAME_COLUMNS)
    ]


def _message_lines(message: FileMessage) -> list[str]:
    length = f"{message.length} bytes"
    if message.expected_length is not None:
        length += f" (expected {message.expected_length})"
    head = f"Message {message.index + 1} at byte {message.offset}: {message.label}"
    if message.channel is not None:
        head += f", channel {message.channel}"
    lines = [f"{head}, {length}"]
    details = []
    if message.allocation is not None:
        details.append(f"memory {message.allocation.short}")
    if message.bank is not None:
        details.append(f"{_bank_name(message.bank)} bank")
    if message.events is not None:
        details.append(f"{message.events} sequencer events")
    if details:
        lines.append("  " + ", ".join(details))
    contents = message.contents
    if contents.has_global:
        lines.append("  Global data with drum kits")
    for title, names, width in (
        ("Combinations", contents.combinations, 2),
        ("Programs", contents.programs, 2),
        ("Songs", contents.songs, 1),
    ):
        if names:
            lines.append(f"  {title}:")
            lines += _name_grid(names, width)
    if message.has_errors:
        lines.append("  Not usable: see the problems below.")
    return lines


def _same_problem(problem: Problem) -> tuple[str, str, str] | None:
    """What a message's problem says apart from which message it is (None for problems
    that do not name one message)."""
    if problem.message_index is None or problem.offset is None:
        return None
    prefix = f"Message {problem.message_index + 1} at byte {problem.offset}"
    if not problem.message.startswith(prefix):
        return None
    return str(problem.severity), problem.message[len(prefix) :], problem.next_action


def _grouped(run: list[Problem], rest: str) -> str:
    """One sentence for the same problem of messages a-b."""
    first, last = run[0].message_index or 0, run[-1].message_index or 0
    subject = f"Messages {first + 1}-{last + 1}"
    if rest.startswith(":"):
        return subject + rest
    return subject + rest.replace(" is ", " are each ", 1)


def problem_lines(problems: tuple[Problem, ...]) -> list[str]:
    """The problems as the human report prints them: the same problem of consecutive
    messages once, as "Messages 1-128: ...", so a file of another instrument's data
    reads as one finding rather than a page of them."""
    lines: list[str] = []
    index = 0
    while index < len(problems):
        problem, key = problems[index], _same_problem(problems[index])
        run = [problem]
        while key is not None and index + len(run) < len(problems):
            following = problems[index + len(run)]
            if _same_problem(following) != key or following.message_index != (
                (run[-1].message_index or 0) + 1
            ):
                break
            run.append(following)
        text = problem.message if len(run) == 1 or key is None else _grouped(run, key[1])
        lines.append(f"  {problem.severity}: {text}")
        if problem.next_action:
            lines.append(f"  {' ' * len(problem.severity)}  {problem.next_action}")
        index += len(run)
    return lines


def render_text(dump: DumpFile) -> str:
    """The human report of `inspect`; for a zip archive, the archive and then each file in
    it that holds some message."""
    lines = [
        f"File:     {dump.path}",
        f"Format:   {FORMAT_WORDS[dump.format]}, {dump.size} bytes, sha256 {dump.sha256}",
    ]
    if dump.format is not FileFormat.ZIP:
        lines.append(f"Contents: {dump.summary}")
    else:
        names = ", ".join(m.path.removeprefix(dump.path + ":") for m in dump.members)
        lines.append(f"Contents: {len(dump.members)} file(s) with MIDI data: {names or 'none'}")
    for message in dump.messages:
        lines.append("")
        lines += _message_lines(message)
    errors, warnings = len(dump.errors), len(dump.warnings)
    lines.append("")
    if not dump.problems:
        lines.append("No problems found.")
    else:
        lines.append(f"Problems: {errors} error(s), {warnings} warning(s)")
        lines += problem_lines(dump.problems)
    for name, why in dump.passed_over:
        lines.append(f"Passed over: {name} {why}.")
    text = "\n".join(lines) + "\n"
    return text + "".join("\n" + render_text(member) for member in dump.members)
