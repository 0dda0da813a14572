"""Zip archives as downloaded: their members read in memory, never unpacked to disk, and
archives not worth opening refused with the limit they break."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

ZIP_SIGNATURE = b"PK\x03\x04"
"""A zip archive's first bytes (a local file header); recognised by content, never name."""
MAX_MEMBERS = 1000
"""Members an archive of M1 dumps may have; a download of a few files has far fewer."""
MAX_UNPACKED_BYTES = 32 * 1024 * 1024
"""Total unpacked size of all members together."""
MAX_RATIO = 100
"""How many times larger than stored a member may unpack. M1 dumps shrink 2-5 times;
a thousandfold is a zip bomb."""
RATIO_FLOOR = 1024 * 1024
"""Members unpacking to less than this are not judged by ratio: a small file of zero
padding shrinks to almost nothing and harms no one."""
_ENCRYPTED = 0x1  # general-purpose flag bit 0 (PKWARE APPNOTE 4.4.4)
_CHUNK = 64 * 1024
_SHOWN_NAME = 60
# Errors the standard zip reader raises on damaged or unusual archives.
_DAMAGED = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    NotImplementedError,
    RuntimeError,
    ValueError,
    EOFError,
    OSError,
    zlib.error,
    struct.error,
    KeyError,
    IndexError,
)


class ArchiveRefused(Exception):
    """The archive is not opened; `reason` says why in one sentence (without a subject:
    the caller names the archive)."""

    def __init__(self, reason: str, damaged: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.damaged = damaged


@dataclass(frozen=True)
class Member:
    """One file inside an archive.

    Attributes:
        name: Its name inside the archive (folders included), as stored.
        data: Its unpacked bytes.
    """

    name: str
    data: bytes


def is_zip(data: bytes) -> bool:
    """True when `data` starts like a zip archive (by content, never by name)."""
    return data.startswith(ZIP_SIGNATURE)


def shown(name: str) -> str:
    """A member name fit to print: control characters as "?", long names cut."""
    clean = "".join(c if c.isprintable() else "?" for c in name)
    return clean if len(clean) <= _SHOWN_NAME else clean[: _SHOWN_NAME - 3] + "..."


def _leaves(name: str) -> bool:
    """True for a name that would point outside the archive if used as a path."""
    parts = name.replace("\\", "/").split("/")
    absolute = name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":")
    return absolute or ".." in parts


def _is_quiet(name: str) -> bool:
    """Folders, and the resource-fork copies macOS adds to zips it makes, are skipped
    without a word (as hidden files in folders are)."""
    base = name.rstrip("/").rsplit("/", 1)[-1]
    return name.endswith("/") or name.startswith("__MACOSX/") or base.startswith(".")


def _check(infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_MEMBERS:
        raise ArchiveRefused(
            f"it has {len(infos)} members, over the limit of {MAX_MEMBERS} for an archive "
            "of M1 dumps"
        )
    for info in infos:
        if _leaves(info.filename):
            raise ArchiveRefused(
                f'it has a member named "{shown(info.filename)}", a name that points '
                "outside the archive"
            )
    for info in infos:
        if info.flag_bits & _ENCRYPTED:
            raise ArchiveRefused(
                f'its member "{shown(info.filename)}" is encrypted (password-protected)'
            )
    for info in infos:
        stored = max(info.compress_size, 1)
        if info.file_size >= RATIO_FLOOR and info.file_size > MAX_RATIO * stored:
            raise ArchiveRefused(
                f'its member "{shown(info.filename)}" would unpack {info.file_size // stored} '
                f"times larger than it is stored, over the limit of {MAX_RATIO} times "
                "(a zip bomb)"
            )
    total = sum(info.file_size for info in infos)
    if total > MAX_UNPACKED_BYTES:
        raise ArchiveRefused(
            f"it would unpack to {_mib(total)}, over the {_mib(MAX_UNPACKED_BYTES)} limit "
            "for an archive of M1 dumps"
        )


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0") + " MiB"


def _unpack(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    """A member's bytes, read in chunks so that a header that understates the size cannot
    make it unpack past what was checked."""
    limit = min(info.file_size, budget)
    chunks: list[bytes] = []
    got = 0
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            got += len(chunk)
            if got > limit:
                raise ArchiveRefused(
                    f'its member "{shown(info.filename)}" unpacks to more than its header '
                    "says (a zip bomb)"
                )
            chunks.append(chunk)
    return b"".join(chunks)


def open_zip(data: bytes, max_member: int) -> tuple[list[Member], list[tuple[str, str]]]:
    """The members of a zip archive worth reading, and those passed over.

    Args:
        data: The whole archive.
        max_member: Members declaring more bytes than this are passed over unread.

    Returns:
        (members in archive order, (name, why) of members passed over).

    Raises:
        ArchiveRefused: The archive is damaged or breaks a limit: too many members, a
            name pointing outside, an encrypted member, a zip bomb, too large unpacked.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            _check(infos)
            return _read_members(archive, infos, max_member)
    except ArchiveRefused:
        raise
    except zipfile.BadZipFile as failure:
        if "not a zip file" in str(failure):
            # The list of members is at the end of an archive: a cut-off download lacks it.
            raise ArchiveRefused(
                "it is cut short: the list of files at its end is missing", damaged=True
            ) from None
        raise ArchiveRefused(f"it is damaged ({_damage_words(failure)})", damaged=True) from None
    except _DAMAGED as failure:
        raise ArchiveRefused(f"it is damaged ({_damage_words(failure)})", damaged=True) from None


def _damage_words(failure: Exception) -> str:
    text = str(failure).strip().rstrip(".")
    return text[:80] if text else type(failure).__name__


def _read_members(
    archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], max_member: int
) -> tuple[list[Member], list[tuple[str, str]]]:
    members: list[Member] = []
    passed: list[tuple[str, str]] = []
    budget = MAX_UNPACKED_BYTES
    for info in _wanted(infos):
        if info.file_size > max_member:
            passed.append((info.filename, f"is over the {_mib(max_member)} limit for M1 data"))
            continue
        body = _unpack(archive, info, budget)
        budget -= len(body)
        if is_zip(body):
            passed.append(
                (info.filename, "is itself a zip archive; archives inside archives are not opened")
            )
            continue
        members.append(Member(info.filename, body))
    return members, passed


def _wanted(infos: list[zipfile.ZipInfo]) -> Iterator[zipfile.ZipInfo]:
    return (info for info in infos if not _is_quiet(info.filename))
