"""Repair UTF-8 text that was decoded as Windows-1252 or Latin-1 ("cafÃ©" → "café").

Only where the repair is unambiguous: the text must contain a typical mojibake sequence, and
ftfy's ``fix_encoding`` must remove every such sequence. Clean text is never passed to ftfy,
so it cannot be touched. (ftfy is conservative on its own; the gate makes "never touch clean
text" hold by construction rather than by ftfy's heuristics.)
"""

from __future__ import annotations

import re


def _continuation_chars() -> str:
    """Bytes 0x80-0xBF (UTF-8 continuation bytes) as Windows-1252 and Latin-1 show them."""
    chars = {chr(b) for b in range(0x80, 0xC0)}
    chars |= {bytes([b]).decode("cp1252", "ignore") for b in range(0x80, 0xC0)} - {""}
    return "".join(sorted(chars))


_CONT = re.escape(_continuation_chars())
# Lead bytes of the most common UTF-8 sequences, as Windows-1252 shows them: Â Ã (Latin-1
# supplement: é, à, ©, NBSP), Ä Å (Central European: ą ę ł ś ž), Î Ï (Greek), Ð Ñ (Cyrillic),
# and "â€" (E2 80: curly quotes, dashes, ellipsis). Leads such as É or Ö are left out: "É»"
# is ordinary French in capitals ("ALLÉ»"), while "Ã©" never is anything but mojibake.
MOJIBAKE = re.compile(f"[ÂÃÄÅÎÏÐÑ][{_CONT}]|â[€\u0080][{_CONT}]")
# Python's regex engine tests a leading character class at every position (~50 ns a
# character); ``str.__contains__`` scans for one character at memchr speed, so the lead
# characters are looked for first and most pages never reach the regex.
_LEADS = "ÂÃÄÅÎÏÐÑâ"


def has_mojibake(text: str) -> bool:
    r"""Whether ``text`` holds a typical UTF-8-read-as-Windows-1252 sequence.

    >>> has_mojibake("caf\u00c3\u00a9"), has_mojibake("it\u00e2\u20ac\u2122s")
    (True, True)
    >>> has_mojibake("it\u2019s a caf\u00e9")
    False
    """
    if text.isascii() or not any(lead in text for lead in _LEADS):
        return False
    return MOJIBAKE.search(text) is not None


def repair_mojibake(text: str) -> str | None:
    r"""Return the repaired text, or ``None`` when there is nothing to repair or no clean repair.

    Args:
        text: decoded text.

    Returns:
        The text with every mojibake sequence repaired, or ``None`` where ``text`` has no
        mojibake, or where ftfy's repair leaves some sequence in place or adds a
        replacement character (ambiguous: the text is kept as it is).

    >>> fixed = repair_mojibake("She\u00e2\u20ac\u2122s at the caf\u00c3\u00a9")
    >>> fixed == "She\u2019s at the caf\u00e9"
    True
    >>> repair_mojibake("She\u2019s at the caf\u00e9") is None
    True
    """
    if not has_mojibake(text):
        return None
    import ftfy  # only for text that needs it: importing ftfy costs ~0.1 s

    fixed = ftfy.fix_encoding(text)
    if fixed == text or has_mojibake(fixed) or fixed.count("\ufffd") > text.count("\ufffd"):
        return None
    return fixed
