"""Per-document look-ups of ``find_people`` answered without reading every word (issue 18).

``find_people`` asks two questions of a story's words: which lines are title case, and
whether a word also occurs in lower case. Reading every word of the text to answer them (a
Unicode letter class tried at each of its characters) cost a third of the recognizer; each
answer here is that of the full reading, checked in ``tests/people/test_people_lookups.py``:

- ``headline_flags``: each line's letter runs are bounded (exactly counted on an ASCII
  line) with ``bytes.count`` over a one-byte-a-character code; only a line the bounds
  leave open is tokenized;
- ``LowerWords``: a word is looked for with ``str.find`` and confirmed with the regex at
  each place it occurs; a question whose answer could depend on a match that started
  earlier (the word right after an apostrophe or hyphen), or a document that asks too many
  questions of a long text, falls back to the full reading once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import re
    from collections.abc import Callable

# Each line's characters, one byte each of UTF-8 read as: U a capital A-Z or the first byte
# of a character beyond ASCII (which may be a capital), l a small letter a-z, N another
# ASCII character, c a continuation byte (the rest of a character beyond ASCII).
_CLASSES = bytes(
    ord("U" if 65 <= b <= 90 or b >= 0xC0 else "l" if 97 <= b <= 122 else "c" if b >= 0x80 else "N")
    if b != 10
    else 10
    for b in range(256)
)
_SCAN_STEPS = 256  # look-ups (``str.find`` plus a regex match) before a full reading
_SCAN_TEXT = 50_000  # a longer text is read whole at the first question
# What a match holds (``names._LOWER_WORD``): a word with any other character is no match.
_MATCH_CHARS = "abcdefghijklmnopqrstuvwxyz'\u2019-"


def headline_flags(lines: list[str], exact: Callable[[str], bool]) -> list[bool]:
    """``[exact(line) for line in lines]`` for ``exact`` = ``names._is_headline_case``.

    A title-case line has at least four letter runs, three quarters of them capitalized:
    with ``c`` capitalized runs and ``s`` others, ``c >= 3 * s`` and ``c >= 3``. The
    lines are coded one byte a byte of UTF-8 (``_CLASSES``) and counted with
    ``bytes.count``: a line whose upper bound on ``c`` falls below 3, or below three times
    its lower bound on ``s``, is not title case. On an ASCII line the counts are exact;
    ``exact`` decides the others (a title, a list of names: three lines in a hundred). No
    line may hold a line break.
    """
    if not lines:
        return []
    coded = "\n".join(lines).encode("utf-8", "surrogatepass").translate(_CLASSES)
    # capitalized runs: at most the capitals after a non-letter (or after a character
    # beyond ASCII, which may be one) and at the start; small runs: at least the a-z after
    # an ASCII non-letter and at the start
    flags = []
    for line, piece in zip(lines, coded.split(b"\n"), strict=True):
        ascii_only = line.isascii()  # no "c" byte: A-Z and a-z are the only letters
        capitals = piece.count(b"NU") + piece.startswith(b"U")
        if not ascii_only:
            capitals += piece.count(b"cU")
        if capitals < 3:
            flags.append(False)
            continue
        smalls = piece.count(b"Nl") + piece.startswith(b"l")
        if capitals < 3 * smalls:
            flags.append(False)
        elif ascii_only:  # the counts are exact
            flags.append(capitals + smalls >= 4 and capitals >= 0.75 * (capitals + smalls))
        else:
            flags.append(exact(line))
    return flags


class LowerWords:
    """``word in set(pattern.findall(text))`` for a word pattern that matches no space.

    ``pattern`` (``names._LOWER_WORD``) matches only at a word boundary, with characters
    of ``a-z``, apostrophes and hyphens: a match that starts before a place covers it only
    through an apostrophe or hyphen right before it, so an occurrence after any other
    character is confirmed by matching there. A word that does not start with ``a-z`` or
    holds another character is no match: it is answered without reading the text.
    """

    __slots__ = ("_full", "_known", "_pattern", "_steps", "_text")

    def __init__(self, text: str, pattern: re.Pattern[str]) -> None:
        self._text = text
        self._pattern = pattern
        self._known: dict[str, bool] = {}
        self._full: frozenset[str] | None = None
        self._steps = 0 if len(text) <= _SCAN_TEXT else _SCAN_STEPS

    def _read(self) -> frozenset[str]:
        if self._full is None:
            self._full = frozenset(self._pattern.findall(self._text))
        return self._full

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        if not ("a" <= word[:1] <= "z") or word.strip(_MATCH_CHARS):
            return False  # no match starts without a-z or holds another character
        if self._full is not None or self._steps >= _SCAN_STEPS:
            return word in self._read()
        found = self._known.get(word)
        if found is None:
            found = self._look(word)
            if found is None:
                return word in self._read()
            self._known[word] = found
        return found

    def _look(self, word: str) -> bool | None:
        text, match = self._text, self._pattern.match
        at = text.find(word) if word else -1
        # a match ends at a word boundary: one that ends with a word character is not
        # followed by one (a word character is what ``\w`` matches)
        after = len(word) if word[-1:].isalnum() else -1
        while at >= 0:
            self._steps += 1
            before = text[at - 1] if at else ""
            if self._steps >= _SCAN_STEPS or (before and before in "'\u2019-"):
                return None
            if not (before.isalnum() or before == "_"):  # else no boundary before it
                end = at + after
                if after < 0 or end >= len(text) or not (text[end].isalnum() or text[end] == "_"):
                    m = match(text, at)
                    if m is not None and m.group() == word:
                        return True
            at = text.find(word, at + 1)
        return False
