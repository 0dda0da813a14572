"""The fuzz targets: bytes in, and nothing out but a result or one of m1-wizard's own errors.

Each target is a plain function, so the hypothesis tests in `tests/reliability` and the
atheris runner in `fuzz.run` check exactly the same promises:

- `syx`: `read_dump_bytes` never raises on any bytes (its documented promise) and its
  result is self-consistent;
- `message`: `peek` never raises; `parse` returns a message or raises `ParseError`, and a
  parsed message builds back to the very bytes it came from (except the top bits of a
  short final 7-in-8 group, which carry no data and come back as 0);
- `zip`: the zip reader (`open_zip`) raises nothing but `ArchiveRefused`, and the
  dump-file reader, given a zip, keeps the promises of `syx` for every member;
- `yaml`: `read_file` never raises on any file (it reports problems instead), and
  `load_file` raises nothing but `ProcedureError`.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Callable
from pathlib import Path

from wizard.errors import ParseError, ProcedureError
from wizard.m1.archive import ArchiveRefused, open_zip
from wizard.m1.messages import Message
from wizard.m1.parse import PAYLOAD_START, parse, peek
from wizard.m1.sizes import DUMP_PREFIX
from wizard.m1.syx_file import MAX_FILE_BYTES, DumpFile, read_dump_bytes
from wizard.procedure.loader import load_file, read_file


class BrokenPromise(AssertionError):
    """A target's result contradicts what its function promises (a finding)."""


def _consistent(dump: DumpFile, data: bytes) -> None:
    if dump.size != len(data):
        raise BrokenPromise(f"size {dump.size} for {len(data)} bytes")
    _consistent_parts(dump)


def _consistent_parts(dump: DumpFile) -> None:
    if dump.has_errors != bool(dump.errors):
        raise BrokenPromise("has_errors disagrees with errors")
    for found in dump.messages:
        if found.message is not None:
            builds_back(found.data, found.message)
    # Reading every derived view must not raise either: the inspect command prints them.
    _ = (dump.summary, dump.dumps, dump.m1_messages, dump.warnings)


def syx(data: bytes) -> None:
    """The dump-file reader on arbitrary file contents."""
    _consistent(read_dump_bytes(data, "fuzz.syx"), data)


def zip_archive(data: bytes) -> None:
    """The zip reader, and the dump-file reader on what it unpacks."""
    with contextlib.suppress(ArchiveRefused):  # a refusal is a result, like a list
        open_zip(data, MAX_FILE_BYTES)
    dump = read_dump_bytes(data, "fuzz.zip")
    _consistent(dump, data)
    for member in dump.members:
        if not member.path.startswith("fuzz.zip:") or not member.messages:
            raise BrokenPromise(f"member {member.path!r} kept without a message")
        _consistent_parts(member)


def unused_top_bits(data: bytes) -> int | None:
    """Index of the top-bit byte of a dump's short final 7-in-8 group, or None.

    Every M1 dump is one packed stream up to F7 (m1-sysex.md §3.1); when its raw length is
    not a multiple of 7 the last group holds r < 7 bytes and bits r..6 of its top-bit byte
    carry nothing. The parser ignores them, so they come back as 0.
    """
    function = peek(data).function
    if function not in DUMP_PREFIX:
        return None
    packed = len(data) - 1 - (PAYLOAD_START + DUMP_PREFIX[function])
    rest = packed % 8
    return len(data) - 1 - rest if rest > 1 else None


def builds_back(data: bytes, parsed: Message) -> None:
    """Check that `parsed`, read from `data`, builds back to `data`.

    Raises:
        BrokenPromise: It does not, beyond the top bits that carry no data.
    """
    built = parsed.to_bytes()
    if built == bytes(data):
        return
    at = unused_top_bits(data)
    if (
        at is None
        or len(built) != len(data)
        or built[:at] + built[at + 1 :] != (data[:at] + data[at + 1 :])
    ):
        raise BrokenPromise("a parsed message does not build back to its bytes")
    used = (1 << (len(data) - 2 - at)) - 1  # one bit per data byte of the short group
    if (built[at] ^ data[at]) & used:
        raise BrokenPromise("a top bit that carries data was lost")


def message(data: bytes) -> None:
    """The message parser on one arbitrary 'message'."""
    peek(data)
    try:
        parsed = parse(data)
    except ParseError:
        return
    builds_back(data, parsed)


class ProcedureTarget:
    """The procedure loader on arbitrary file contents, through a real file.

    The loader reads files (its size limit and UTF-8 check sit in the reading), so each
    input is written to one scratch file that is reused for every run.
    """

    def __init__(self) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="m1-wizard-fuzz-")
        self.path = Path(self._folder.name) / "fuzz.yaml"

    def __call__(self, data: bytes) -> None:
        self.path.write_bytes(data)
        reading = read_file(self.path)
        if reading.procedure is None and not reading.errors:
            raise BrokenPromise("no procedure and no error")
        try:
            load_file(self.path)
        except ProcedureError:
            return

    def close(self) -> None:
        """Remove the scratch folder."""
        self._folder.cleanup()


TARGETS: dict[str, Callable[[], Callable[[bytes], None]]] = {
    "syx": lambda: syx,
    "message": lambda: message,
    "zip": lambda: zip_archive,
    "yaml": ProcedureTarget,
}
"""Each target's name and a factory for its callable."""
