"""Bytes → text, with clear errors for binary, empty and mis-encoded input."""

from __future__ import annotations

import codecs
import re

from hoaxlens.errors import IngestError

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_SNIFF_BYTES = 8192
# Control characters that never occur in text files (tab, newline, CR, FF are fine).
_BINARY_BYTES = frozenset(range(9)) | (frozenset(range(14, 32)) - {27})  # ESC counts as text


def _check_not_binary(data: bytes, what: str) -> None:
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head or sum(b in _BINARY_BYTES for b in head) > 0.05 * len(head):
        raise IngestError(f"{what} looks like a binary file, not text", error_type="binary_file")


def _decode_strict(data: bytes, encoding: str, what: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise IngestError(
            f"{what} is not valid {exc.encoding}: byte 0x{data[exc.start]:02x} at offset "
            f"{exc.start} ({exc.reason}); re-save it as UTF-8",
            error_type="invalid_encoding",
        ) from exc


def decode_text(data: bytes, what: str) -> str:
    r"""Decode a text file's bytes as UTF-8 (a UTF-8/16 byte-order mark is honoured).

    Args:
        data: the raw bytes.
        what: how to name the input in error messages.

    Returns:
        The decoded text.

    Raises:
        IngestError: for empty, binary or invalid UTF-8 input.

    >>> decode_text(b"\xef\xbb\xbfHello", "x")
    'Hello'
    """
    if not data.strip():
        raise IngestError(f"{what} is empty", error_type="empty_document")
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return _decode_strict(data[len(bom) :], encoding, what)
    _check_not_binary(data, what)
    return _decode_strict(data, "utf-8", what)


def decode_html(data: bytes, what: str) -> str:
    """Decode HTML bytes: byte-order mark, then ``<meta charset>``, then UTF-8.

    Args:
        data: the raw bytes of the page.
        what: how to name the input in error messages.

    Returns:
        The decoded markup.

    Raises:
        IngestError: for empty, binary or undecodable input.
    """
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_text(data, what)
    if not data.strip():
        raise IngestError(f"{what} is empty", error_type="empty_document")
    _check_not_binary(data, what)
    declared = _META_CHARSET.search(data[:_SNIFF_BYTES])
    if declared:
        name = declared.group(1).decode("ascii", "replace").lower()
        try:
            encoding = codecs.lookup(name).name
        except LookupError:
            encoding = "utf-8"
        return _decode_strict(data, encoding, what)
    return _decode_strict(data, "utf-8", what)
