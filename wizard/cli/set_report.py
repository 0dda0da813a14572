"""What `m1-wizard inspect` says about the files it was given taken together: the set a
restore of them would send, in order, each part with its file, the conflicts that would
stop it, and Korg's factory set when it is recognised."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from wizard.m1.dump_set import DumpSet
from wizard.m1.factory_set import recognise
from wizard.m1.report import contents_of, describe_contents
from wizard.m1.sources import Sources


def set_json(sources: Sources, dump_set: DumpSet) -> dict[str, Any]:
    """The `set` object of `inspect --json`."""
    found = recognise(dump_set.dumps, several=dump_set.several)
    return {
        "parts": [
            {
                "holds": describe_contents(contents_of(m.dump)),
                "dump": str(m.dump.kind),
                "file": m.source,
                "message": m.number,
            }
            for m in dump_set.members
        ],
        "conflicts": list(dump_set.conflicts),
        "notes": list(dump_set.notes),
        "recognition": None
        if found is None
        else {"name": found.name, "present": list(found.present), "missing": list(found.missing)},
        "passed_over": [{"file": name, "why": why} for name, why in sources.passed_over],
        "sendable": bool(dump_set.members)
        and not dump_set.conflicts
        and not any(f.has_errors for f in dump_set.files),
    }


def set_text(sources: Sources, dump_set: DumpSet) -> str:
    """The set in words, for the end of `inspect`'s report."""
    lines = ["", "Taken together, as a restore would send them:"]
    if not dump_set.members:
        lines.append("  no M1 programs, combinations, global settings or songs at all.")
    for number, member in enumerate(dump_set.members, start=1):
        what = describe_contents(contents_of(member.dump))
        lines.append(f"  {number}. {what} from {PurePath(member.source).name}")
    found = recognise(dump_set.dumps, several=dump_set.several)
    if found is not None:
        lines.append(f"  {found.sentence()}")
        if found.missing:
            lines.append(f"  {found.missing_sentence()}")
    lines += [f"  note: {note}" for note in dump_set.notes]
    for conflict in dump_set.conflicts:
        lines.append(f"  conflict: {conflict}")
        lines.append("    m1-wizard will not send these together: keep one of them.")
    for name, why in sources.passed_over:
        lines.append(f"  passed over: {name} ({why})")
    return "\n".join(lines) + "\n"
