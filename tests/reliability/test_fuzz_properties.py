"""Property tests of the fuzz targets (the atheris runner in `fuzz/` tries the same
functions for longer): arbitrary and mutated bytes may only give a result or one of the
project's own errors."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz.corpus import file_seeds, message_seeds, procedure_seeds, zip_seeds
from fuzz.targets import ProcedureTarget, message, syx, zip_archive

FILE_SEEDS = [data for _, data in file_seeds()]
MESSAGE_SEEDS = [data for _, data in message_seeds()]
PROCEDURE_SEEDS = [data for _, data in procedure_seeds()]
ZIP_SEEDS = [data for _, data in zip_seeds()]


@st.composite
def mutated(draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    """A seed with a few bytes changed, inserted, removed or the tail cut off, the way a
    failing interface or a careless edit damages a file."""
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 6))):
        where = draw(st.integers(0, max(len(data) - 1, 0)))
        match draw(st.sampled_from(("change", "insert", "remove", "cut"))):
            case "change" if data:
                data[where] = draw(st.integers(0, 255))
            case "insert":
                data[where:where] = draw(st.binary(min_size=1, max_size=8))
            case "remove" if data:
                del data[where : where + draw(st.integers(1, 8))]
            case "cut":
                del data[where:]
            case _:
                pass
    return bytes(data)


SLOW = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SLOW
@given(st.one_of(st.binary(max_size=2000), mutated(FILE_SEEDS)))
def test_the_file_reader_never_raises(data: bytes) -> None:
    syx(data)


@SLOW
@given(mutated(ZIP_SEEDS))
def test_the_zip_reader_refuses_or_reads_damaged_archives(data: bytes) -> None:
    zip_archive(data)


@SLOW
@given(st.one_of(st.binary(max_size=300), mutated(MESSAGE_SEEDS)))
def test_the_parser_returns_a_message_or_a_parse_error(data: bytes) -> None:
    message(data)


@pytest.fixture(scope="module")
def procedure_target() -> Iterator[Callable[[bytes], None]]:
    """One scratch file for all examples."""
    target = ProcedureTarget()
    yield target
    target.close()


@SLOW
@given(data=st.one_of(st.binary(max_size=500), mutated(PROCEDURE_SEEDS)))
def test_the_procedure_loader_reports_instead_of_raising(
    procedure_target: Callable[[bytes], None], data: bytes
) -> None:
    procedure_target(data)


@SLOW
@given(
    text=st.lists(
        st.sampled_from(
            [
                "schema: 1\n",
                "steps:\n",
                "  - id: a\n",
                "    kind: check\n",
                "    check: m1_responds\n",
                "- ",
                "[",
                "]",
                "{",
                "}",
                "&a ",
                "*a ",
                "!!python/name:os.system ",
                "<<: ",
                "\t",
                ": ",
                "'",
                '"',
                "\n",
                "\ufeff",
                "\x00",
                "?",
                "|\n",
                "---\n",
            ]
        ),
        max_size=40,
    ).map("".join)
)
def test_the_procedure_loader_survives_yaml_punctuation(
    procedure_target: Callable[[bytes], None], text: str
) -> None:
    procedure_target(text.encode("utf-8"))
