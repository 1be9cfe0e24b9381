"""Bytes → text, with clear errors for binary, empty and mis-encoded input.

Text files and exports must be UTF-8 (a byte-order mark may say UTF-16). HTML is decoded the
way a browser would find its charset, with two fallbacks a browser lacks: statistical
detection (charset-normalizer) for undeclared legacy pages, and repair of UTF-8 text that was
read as Windows-1252 ("mojibake"), where the repair is unambiguous.
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass

from hoaxlens.errors import IngestError
from hoaxlens.ingest.mojibake import repair_mojibake

logger = logging.getLogger(__name__)

# [^<>]: a scan from one "<meta" stops at the next tag, so a page of "<meta<meta…" is linear.
# Blank runs possessive: a run between two ``\s*`` was tried at every split (8 KB of
# blanks after "<meta charset=": over a second).
_META_CHARSET = re.compile(
    rb"""<meta[^<>]+charset\s*+=\s*+["']?\s*+([A-Za-z0-9_\-:.]+)""", re.IGNORECASE
)
_SNIFF_BYTES = 8192
# Control characters that never occur in text files (tab, newline, CR, FF are fine).
_BINARY_BYTES = bytes(sorted(set(range(9)) | (set(range(14, 32)) - {27})))  # ESC counts as text


def check_not_binary(data: bytes, what: str) -> None:
    """Raise ``binary_file`` when the first bytes hold NULs or many control characters.

    Raises:
        IngestError: for binary data.
    """
    head = data[:_SNIFF_BYTES]
    # translate() deletes the control bytes in C: the byte count is what they took up.
    controls = len(head) - len(head.translate(None, _BINARY_BYTES))
    if b"\x00" in head or controls > 0.05 * len(head):
        raise IngestError(f"{what} looks like a binary file, not text", error_type="binary_file")


def decode_strict(data: bytes, encoding: str, what: str) -> str:
    """Decode ``data`` or raise ``invalid_encoding`` naming the first bad byte.

    Raises:
        IngestError: when ``data`` is not valid ``encoding``.
    """
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
            return decode_strict(data[len(bom) :], encoding, what)
    check_not_binary(data, what)
    return decode_strict(data, "utf-8", what)


# Labels that browsers read as another, wider encoding (WHATWG Encoding Standard, "labels"):
# a page labelled ISO-8859-1 is decoded as Windows-1252, so that its curly quotes (0x91-0x97)
# come out as quotes rather than C1 control characters. Keys are Python codec names.
_WHATWG_SUPERSETS = {
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "euc_kr": "cp949",
}
_TIE_BREAK = "cp1252"
_CHAOS_SLACK = 0.05  # charset-normalizer "mess ratio" differences within noise
_COHERENCE_SLACK = 0.01  # language-coherence differences within noise
_UTF16 = frozenset({"utf-16", "utf-16-le", "utf-16-be"})


@dataclass(frozen=True, slots=True)
class DecodedHtml:
    """Decoded markup and how its encoding was found.

    ``charset_source`` is one of ``bom``, ``http`` (the server's Content-Type), ``meta``,
    ``utf-8`` (valid UTF-8: undeclared, or declared as a legacy charset it cannot be) or
    ``detected`` (charset-normalizer's guess).
    """

    text: str
    encoding: str  # Python codec name
    charset_source: str
    mojibake_repaired: bool = False


def _codec(label: str | None, *, from_meta: bool) -> str | None:
    """Python codec for a charset label, widened as browsers do; ``None`` if unknown."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    if from_meta and name in _UTF16:
        return "utf-8"  # a <meta> read as ASCII cannot be UTF-16 (WHATWG: use UTF-8)
    return _WHATWG_SUPERSETS.get(name, name)


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _detect(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes  # only for undeclared, non-UTF-8 pages

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    # charset-normalizer cannot tell the Latin code pages apart on a short page: French read
    # as cp1257 ("Hélčne") scores as well as cp1252. Within that noise the WHATWG default,
    # Windows-1252, wins (measured on short fr/de/en/es pages; the cost: an undeclared
    # Czech or Polish page reads as Windows-1252, as in a Western-locale browser).
    for match in matches:
        if (
            _TIE_BREAK in match.could_be_from_charset
            and match.chaos <= best.chaos + _CHAOS_SLACK
            and match.coherence >= best.coherence - _COHERENCE_SLACK
        ):
            text = _try_decode(data, _TIE_BREAK)
            if text is not None:
                return text, _TIE_BREAK
            break
    return str(best), best.encoding


def _sniff_charset(data: bytes, what: str, http_charset: str | None) -> DecodedHtml:
    """Find the encoding: BOM, HTTP header, ``<meta>``, strict UTF-8, then detection."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return DecodedHtml(decode_strict(data[len(bom) :], encoding, what), encoding, "bom")
    check_not_binary(data, what)
    declared = _META_CHARSET.search(data[:_SNIFF_BYTES])
    meta_label = declared.group(1).decode("ascii", "replace") if declared else None
    # Bytes that are valid UTF-8 and not plain ASCII are UTF-8, whatever the label says:
    # legacy text almost never forms valid multi-byte sequences, while "iso-8859-1" or
    # "windows-1251" left in the template of a UTF-8 site is common. A single-byte label
    # would otherwise "decode" anything, into mojibake that only Windows-1252 can repair.
    utf8 = None if data.isascii() else _try_decode(data, "utf-8")
    for label, source in ((http_charset, "http"), (meta_label, "meta")):
        codec = _codec(label, from_meta=source == "meta")
        if codec is None:
            continue
        if utf8 is not None and codec != "utf-8":
            logger.debug("%s: declared %s charset %r, but the bytes are UTF-8", what, source, label)
            return DecodedHtml(utf8, "utf-8", "utf-8")
        text = _try_decode(data, codec)
        if text is not None:
            return DecodedHtml(text, codec, source)
        logger.debug("%s: declared %s charset %r does not fit; trying others", what, source, label)
    text = _try_decode(data, "utf-8")
    if text is not None:
        return DecodedHtml(text, "utf-8", "utf-8")
    detected = _detect(data)
    if detected is None:  # the data is not UTF-8: this raises, naming the first bad byte
        return DecodedHtml(decode_strict(data, "utf-8", what), "utf-8", "utf-8")
    return DecodedHtml(detected[0], detected[1], "detected")


def decode_html_bytes(data: bytes, what: str, *, http_charset: str | None = None) -> DecodedHtml:
    r"""Decode HTML bytes, then repair mojibake where the repair is unambiguous.

    The encoding is taken from, in order: a byte-order mark; the HTTP ``Content-Type``
    charset (``http_charset``, e.g. from a WARC response); ``<meta charset>`` or
    ``<meta http-equiv="Content-Type">``; valid UTF-8; charset-normalizer's best guess. A
    declared charset that the bytes do not fit is skipped, not trusted into an error, and
    bytes that are valid non-ASCII UTF-8 are read as UTF-8 whatever the declared charset.

    Args:
        data: the raw bytes of the page.
        what: how to name the input in error messages.
        http_charset: the charset the server declared, if any.

    Returns:
        The markup with the encoding used and where it came from.

    Raises:
        IngestError: for empty, binary or undecodable input.

    >>> page = b'<meta charset="windows-1252"><p>Caf\xe9 \x93open\x94</p>'
    >>> decode_html_bytes(page, "x").text.endswith("<p>Caf\u00e9 \u201copen\u201d</p>")
    True
    """
    if not data.strip():
        raise IngestError(f"{what} is empty", error_type="empty_document")
    found = _sniff_charset(data, what, http_charset)
    repaired = repair_mojibake(found.text)
    if repaired is None:
        return found
    logger.debug("%s: repaired UTF-8 text read as a legacy charset", what)
    return DecodedHtml(repaired, found.encoding, found.charset_source, mojibake_repaired=True)


def decode_html(data: bytes, what: str, *, http_charset: str | None = None) -> str:
    """Decode HTML bytes to text; see ``decode_html_bytes`` for how the charset is found.

    Args:
        data: the raw bytes of the page.
        what: how to name the input in error messages.
        http_charset: the charset the server declared, if any.

    Returns:
        The decoded markup.

    Raises:
        IngestError: for empty, binary or undecodable input.
    """
    return decode_html_bytes(data, what, http_charset=http_charset).text
