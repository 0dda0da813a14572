"""Naming files that are not MIDI data at all (documents, pictures, sound, archives) by the
signature their own formats put in their first bytes, never by their name."""

from __future__ import annotations

from wizard.m1.constants import SYSEX_START

# (first bytes, what the file is); each signature is the one its format's specification
# puts at byte 0. MP3 frames and RIFF/FORM containers need a closer look (below).
_SIGNATURES = (
    (b"ID3", "an MP3 audio file"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"OggS", "an Ogg audio file"),
    (b"fLaC", "a FLAC audio file"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"BZh", "a bzip2-compressed file"),
    (b"\x7fELF", "a program (ELF executable)"),
    (b"MZ", "a Windows program"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
)
# Documents that may be plain text: named even when the file reads as text.
_TEXT_SIGNATURES = (
    (b"%PDF", "a PDF document"),
    (b"{\\rtf", "an RTF document"),
    (b"<!DOCTYPE html", "a web page (HTML)"),
    (b"<!doctype html", "a web page (HTML)"),
    (b"<html", "a web page (HTML)"),
)
_RIFF_KINDS = {b"WAVE": "a WAVE audio file", b"AVI ": "an AVI video", b"WEBP": "a WebP image"}
_FORM_KINDS = {b"AIFF": "an AIFF audio file", b"AIFC": "an AIFF audio file"}
_PK_KINDS = (b"PK\x05\x06", b"PK\x07\x08")  # an empty zip, a spanned zip


def _mpeg_frame(data: bytes) -> bool:
    """True for an MPEG audio frame header: 11 sync bits, then a layer that exists
    (MP3 files without an ID3 tag start so)."""
    if len(data) < 4 or data[0] != 0xFF or data[1] & 0xE0 != 0xE0 or data[1] & 0x06 == 0:
        return False
    # A real bit rate (not "free", not the forbidden 1111) and sample rate (not 11): MIDI
    # real-time bytes (FF FE FE ...) never pass this.
    bit_rate, sample_rate = data[2] >> 4, (data[2] >> 2) & 0x03
    return 0 < bit_rate < 0x0F and sample_rate != 0x03


def what_file_is(data: bytes, text: bool = False) -> str | None:
    """What kind of file `data` is when it is plainly not MIDI data, e.g. "a PDF document".

    Args:
        data: The whole file.
        text: True when it reads as text: only documents are then looked for (a UTF-16
            byte-order mark, FF FE, would otherwise pass for an MP3 frame).

    Returns:
        None for anything else, MIDI files and system-exclusive data included, so the
        caller goes on to read it as MIDI.
    """
    if not data or data[0] == SYSEX_START:
        return None
    for signature, kind in _TEXT_SIGNATURES:
        if data.startswith(signature):
            return kind
    if text:
        return None
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    if data.startswith(b"RIFF") and len(data) >= 12:
        if data[8:12] == b"RMID":
            return None  # a MIDI file in a RIFF wrapper: read as such
        return _RIFF_KINDS.get(data[8:12], "a RIFF file that is not MIDI data")
    if data.startswith(b"FORM") and len(data) >= 12:
        return _FORM_KINDS.get(data[8:12])
    if data.startswith(_PK_KINDS):
        return "a zip archive"
    if _mpeg_frame(data):
        return "an MP3 audio file"
    return None
