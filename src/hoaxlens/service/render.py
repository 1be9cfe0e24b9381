"""Turn an output record into what the result page draws: text pieces, notes and bars.

Pure functions over the record; the templates escape every string they print (Jinja2
autoescape), so nothing from a document is ever rendered as HTML.
"""

from __future__ import annotations

import bisect
import itertools
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

CHART_HALF = 140.0  # px from the zero line to the longest bar


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of text with the same highlights.

    ``obfuscated`` describes the original characters where the normalizer restored this run;
    ``deleted`` describes characters it removed just before it (zero-width marks);
    ``evidence`` holds the numbers of the evidence notes covering it.
    """

    text: str
    obfuscated: str | None = None
    deleted: str | None = None
    evidence: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Note:
    """One evidence span, numbered for the legend."""

    number: int
    signal: str
    reason: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Bar:
    """One signal's contribution to the log-odds, drawn from a zero line."""

    signal: str
    score: float
    contribution: float
    x: float
    width: float


def describe(original: str) -> str:
    """Name each character: what a reader sees when hovering a restored letter.

    >>> describe("п")
    "'п' U+043F CYRILLIC SMALL LETTER PE"
    """
    return ", ".join(
        f"'{c}' U+{ord(c):04X} {unicodedata.name(c, 'UNNAMED CHARACTER')}" for c in original[:8]
    ) + (" …" if len(original) > 8 else "")


def notes_of(signals: Sequence[Mapping[str, Any]]) -> list[Note]:
    """Number every evidence span of every signal, in signal order."""
    out: list[Note] = []
    for signal in signals:
        for ev in signal["evidence"]:
            out.append(Note(len(out) + 1, signal["id"], ev["reason"], ev["start"], ev["end"]))
    return out


def pieces_of(
    text: str, replacements: Sequence[Mapping[str, Any]], notes: Sequence[Note]
) -> list[Piece]:
    """Cut ``text`` at every replacement and evidence boundary.

    >>> reps = [{"start": 1, "end": 2, "original": "п", "replacement": "n"}]
    >>> [(p.text, bool(p.obfuscated), p.evidence) for p in pieces_of("One", reps, [])]
    [('O', False, ()), ('n', True, ()), ('e', False, ())]
    """
    n = len(text)
    cuts = {0, n}
    spans = [(min(r["start"], n), min(r["end"], n), r["original"]) for r in replacements]
    for start, end, _ in spans:
        cuts.update((start, end))
    for note in notes:
        cuts.update((min(note.start, n), min(note.end, n)))
    bounds = sorted(cuts)
    deleted = {s: o for s, e, o in spans if s == e}
    restored = sorted((s, e, o) for s, e, o in spans if e > s)
    starts = [s for s, _, _ in restored]
    pieces = []
    for a, b in itertools.pairwise(bounds):
        i = bisect.bisect_right(starts, a) - 1
        original = restored[i][2] if i >= 0 and restored[i][1] >= b else None
        pieces.append(
            Piece(
                text=text[a:b],
                obfuscated=describe(original) if original else None,
                deleted=describe(deleted[a]) if a in deleted else None,
                evidence=tuple(x.number for x in notes if x.start <= a and b <= x.end),
            )
        )
    if n in deleted:
        pieces.append(Piece("", deleted=describe(deleted[n])))
    return pieces


def bars_of(signals: Sequence[Mapping[str, Any]]) -> list[Bar]:
    """Bars for the contribution chart: positive to the right of the zero line."""
    biggest = max((abs(s["contribution"]) for s in signals), default=0.0) or 1.0
    out = []
    for s in signals:
        c = float(s["contribution"])
        width = abs(c) / biggest * CHART_HALF
        x = CHART_HALF if c >= 0 else CHART_HALF - width
        out.append(Bar(s["id"], float(s["score"]), c, round(x, 1), round(width, 1)))
    return out
