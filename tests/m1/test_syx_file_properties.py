"""Reading dump files from arbitrary bytes: never an exception, and every good message found."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tests.m1.files import make_fixtures as recipes
from wizard.m1.report import Severity
from wizard.m1.syx_file import DumpFile, FileFormat, read_dump_bytes

SKIPPED = "Nothing to do: only the F0 ... F7 messages are read, the rest is skipped."


def h(text: str) -> bytes:
    """Bytes from a spaced hex string as m1-sysex.md writes them."""
    return bytes.fromhex(text)


SMALL_MESSAGES = [
    h("F0 42 30 19 12 F7"),
    h("F0 42 35 19 1C 00 F7"),
    h("F0 42 30 19 4E 02 00 F7"),
    h("F0 7E 00 06 02 42 19 00 00 00 01 00 02 00 F7"),
    recipes.program_dump(),
    recipes.global_dump(),
]
junk = st.binary(max_size=20).map(lambda b: bytes(x for x in b if x not in (0xF0, 0xF7)))


def _check_invariants(dump: DumpFile) -> None:
    assert dump.has_errors == any(p.severity is Severity.ERROR for p in dump.problems)
    end = -1
    for i, message in enumerate(dump.messages):
        assert message.index == i and message.offset > end
        assert message.data[:1] == b"\xf0"
        end = message.offset
        if message.message is not None:
            assert message.message.to_bytes() == message.data
    assert len(dump.dumps) <= len(dump.messages)
    assert isinstance(dump.summary, str)


@settings(max_examples=300)
@given(st.binary(max_size=600))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    _check_invariants(read_dump_bytes(data))


@settings(max_examples=200)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_after_an_smf_header_never_raise(data: bytes) -> None:
    _check_invariants(read_dump_bytes(b"MThd\x00\x00\x00\x06\x00\x01\x00\x01\x00\x60" + data))
    _check_invariants(read_dump_bytes(b"MThd" + data))


@settings(max_examples=200)
@given(st.lists(st.tuples(junk, st.sampled_from(SMALL_MESSAGES)), max_size=6), junk)
def test_valid_messages_are_found_among_junk(parts: list[tuple[bytes, bytes]], tail: bytes) -> None:
    data = b"".join(j + m for j, m in parts) + tail
    assume(not data.startswith(b"MThd"))  # that would make it a MIDI file
    dump = read_dump_bytes(data)
    _check_invariants(dump)
    if not parts:
        return
    assert [m.data for m in dump.messages] == [m for _, m in parts]
    assert not dump.has_errors
    junk_runs = sum(1 for j, _ in parts if j) + (1 if tail else 0)
    skipped = [p for p in dump.problems if p.next_action == SKIPPED]
    assert len(skipped) == junk_runs


@settings(max_examples=200)
@given(st.lists(st.sampled_from(SMALL_MESSAGES), min_size=1, max_size=4), st.data())
def test_truncations_lose_only_the_cut_message(messages: list[bytes], draw: st.DataObject) -> None:
    whole = b"".join(messages)
    cut = draw.draw(st.integers(min_value=1, max_value=len(whole) - 1))
    dump = read_dump_bytes(whole[:cut])
    _check_invariants(dump)
    complete, pos = 0, 0
    for message in messages:
        if pos + len(message) > cut:
            break
        complete, pos = complete + 1, pos + len(message)
    assert [m.data for m in dump.messages[:complete]] == messages[:complete]
    if pos < cut:
        assert dump.messages[-1].has_errors
        assert (
            dump.messages[-1]
            .problems[0]
            .message.startswith(f"Message {complete + 1} at byte {pos} is unterminated")
        )


@settings(max_examples=100)
@given(st.binary(max_size=200), st.sampled_from([" ", ",", ", ", "\n", "\t"]), st.booleans())
def test_hex_text_round_trip(data: bytes, separator: str, prefix: bool) -> None:
    data += b"\x80"  # one byte outside ASCII, so the binary is never taken for text itself
    text = separator.join(("0x" if prefix else "") + f"{b:02x}" for b in data)
    dump = read_dump_bytes(text.encode("ascii"))
    assert dump.format is FileFormat.HEX_TEXT
    assert dump.problems[0].message.startswith(
        f"The file is hex text, not binary MIDI data; it spells out {len(data)} bytes"
    )
    assert read_dump_bytes(data).messages == dump.messages


@settings(max_examples=200)
@given(st.text(alphabet="0123456789abcdefFxX ,\n\t", max_size=120))
def test_arbitrary_hex_like_text_never_raises(text: str) -> None:
    dump = read_dump_bytes(text.encode("ascii"))
    _check_invariants(dump)
    if not text.strip(" ,\n\t"):
        assert dump.has_errors and dump.messages == ()
