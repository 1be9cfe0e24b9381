"""Turn an output record into what the result page draws: text pieces, notes and the chart.

Pure functions over the record and its :class:`~hoaxlens.output.explain.Explanation`; the
templates escape every string they print (Jinja2 autoescape), so nothing from a document
is ever rendered as HTML. Geometry is computed here (SVG attributes, never inline
styles: the page's CSP allows style sheets from this server only).
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hoaxlens.output.explain import ARROWS, NEGLIGIBLE, probability, shorten

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from hoaxlens.output.explain import Direction, Explanation, Reason

CHART_WIDTH = 360.0  # viewBox units; the SVG scales to its column
CHART_PAD = 8.0  # left and right margin inside the chart
ROW = 34.0  # height of one bar row: a label line, then the bar
HEAD = 24.0  # the baseline marker's label row
FOOT = 26.0  # the final marker's label row
QUOTE_WIDTH = 60  # characters of an evidence quote shown in the list
CHAR = 6.2  # mean width of one character of an 11 px label, for placing labels


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of text with the same highlights.

    ``obfuscated`` describes the original characters where the normalizer restored this run;
    ``deleted`` describes characters it removed just before it (zero-width marks);
    ``evidence`` holds the numbers of the evidence notes covering it and ``direction`` the
    label the first of them argues for.
    """

    text: str
    obfuscated: str | None = None
    deleted: str | None = None
    evidence: tuple[int, ...] = ()
    direction: str = "fabricated"


@dataclass(frozen=True, slots=True)
class Note:
    """One shown evidence item, numbered for the list and the highlights in the text.

    ``spans`` are the places it highlights: every occurrence of its words, or none for the
    grouped lookalike-letters item (the restored letters are marked separately).
    """

    number: int
    signal: str
    name: str
    direction: Direction
    text: str
    reason: str
    count: int
    grouped: bool
    spans: tuple[tuple[int, int], ...]

    @property
    def arrow(self) -> str:
        """▲ toward fabricated, ▼ toward genuine."""
        return ARROWS[self.direction]

    @property
    def quote(self) -> str:
        """The quoted words, cut to one short line (a whole headline can be evidence)."""
        return shorten(self.text, QUOTE_WIDTH)


@dataclass(frozen=True, slots=True)
class Bar:
    """One signal's step in the waterfall: from the running log-odds to the next."""

    signal: str
    name: str
    description: str
    direction: Direction
    score: float
    contribution: float
    x: float  # left edge
    width: float
    y: float  # top of the bar
    label: str  # "▲ Wording of known farm stories +9.43"
    label_x: float
    label_y: float
    anchor: str  # SVG text-anchor of the label: "start" or "end"


@dataclass(frozen=True, slots=True)
class Marker:
    """A labelled vertical line: the baseline (top label) or the final score (bottom)."""

    kind: str  # "baseline" or "final"
    x: float
    y: float
    height: float
    label: str
    label_x: float
    anchor: str  # SVG text-anchor: "start", "middle" or "end"
    label_y: float


@dataclass(frozen=True, slots=True)
class Chart:
    """The two-sided "Why" chart: baseline marker, one bar per signal, final marker."""

    width: float
    height: float
    bars: tuple[Bar, ...]
    baseline: Marker
    final: Marker
    idle: tuple[str, ...]  # plain names of the signals that did not move the score
    baseline_percent: str  # "0.005 %"
    final_percent: str


def describe(original: str) -> str:
    """Name each character: what a reader sees when hovering a restored letter.

    >>> describe("п")
    "'п' U+043F CYRILLIC SMALL LETTER PE"
    """
    return ", ".join(
        f"'{c}' U+{ord(c):04X} {unicodedata.name(c, 'UNNAMED CHARACTER')}" for c in original[:8]
    ) + (" …" if len(original) > 8 else "")


def percent(p: float) -> str:
    """A probability as a percentage with the digits that matter at either end.

    >>> percent(0.00005), percent(0.42), percent(0.999927), percent(1.0)
    ('0.005 %', '42 %', '99.993 %', '100 %')
    """
    v = 100.0 * p
    if 1.0 <= v <= 99.0:
        return f"{v:.0f} %"
    if v <= 0.0 or v >= 100.0:
        return f"{v:.0f} %"
    tail = v if v < 1.0 else 100.0 - v
    digits = max(1, -math.floor(math.log10(tail)))
    text = f"{v:.{digits}f}".rstrip("0").rstrip(".")
    return f"{text} %"


_LOG_ODDS_NOTE = re.compile(r" ?\([+-]?\d{1,6}(?:\.\d{1,9})? log-odds\)$")


def brief(reason: str, quote: str) -> str:
    """A signal's reason without what the list already shows: the quote and log-odds.

    >>> brief("wording typical of fabricated stories: 'quiet' (+0.16 log-odds)", "quiet")
    'wording typical of fabricated stories'
    >>> brief("emotive word 'Tears'", "tears"), brief("no named outlet anywhere", "Title")
    ('emotive word', 'no named outlet anywhere')
    """
    out = _LOG_ODDS_NOTE.sub("", reason)
    for sep in (": ", " "):
        tail = f"{sep}{quote!r}"
        if out.casefold().endswith(tail.casefold()) and len(out) > len(tail):
            return out[: -len(tail)]
    return out


def notes_of(shown: Sequence[Reason]) -> list[Note]:
    """Number the shown evidence items (``top_items``), strongest signal first."""
    out: list[Note] = []
    for reason in shown:
        for item in reason.items:
            spans = () if item.grouped else (item.spans or ((item.start, item.end),))
            out.append(
                Note(
                    len(out) + 1,
                    reason.signal,
                    reason.name,
                    reason.direction,
                    item.text,
                    item.reason if item.grouped else brief(item.reason, item.text),
                    item.count,
                    item.grouped,
                    spans,
                )
            )
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
    marked = [(min(s, n), min(e, n), note) for note in notes for s, e in note.spans]
    for start, end, _ in marked:
        cuts.update((start, end))
    bounds = sorted(cuts)
    deleted = {s: o for s, e, o in spans if s == e}
    restored = sorted((s, e, o) for s, e, o in spans if e > s)
    starts = [s for s, _, _ in restored]
    pieces = []
    for a, b in itertools.pairwise(bounds):
        i = bisect.bisect_right(starts, a) - 1
        original = restored[i][2] if i >= 0 and restored[i][1] >= b else None
        covering = [note for s, e, note in marked if s <= a and b <= e]
        pieces.append(
            Piece(
                text=text[a:b],
                obfuscated=describe(original) if original else None,
                deleted=describe(deleted[a]) if a in deleted else None,
                evidence=tuple(dict.fromkeys(note.number for note in covering)),
                direction=covering[0].direction if covering else "fabricated",
            )
        )
    if n in deleted:
        pieces.append(Piece("", deleted=describe(deleted[n])))
    return pieces


def chart_of(explanation: Explanation) -> Chart:
    """The waterfall from the model's baseline to the final log-odds, one bar per signal.

    Bars run right (toward fabricated) or left (toward genuine) from where the previous
    one ended, strongest first; the first starts at the baseline marker and the last ends
    at the final marker. Signals that did not move the score get no bar.
    """
    moved = [r for r in explanation.reasons if abs(r.contribution) >= NEGLIGIBLE]
    idle = tuple(r.name for r in explanation.reasons if abs(r.contribution) < NEGLIGIBLE)
    running = [explanation.baseline]
    for r in moved:
        running.append(running[-1] + r.contribution)
    lo, hi = min(*running, explanation.final), max(*running, explanation.final)
    span = max(hi - lo, 1.0)
    lo, hi = lo - 0.04 * span, hi + 0.04 * span
    inner = CHART_WIDTH - 2 * CHART_PAD

    def x_of(v: float) -> float:
        return CHART_PAD + (v - lo) / (hi - lo) * inner

    bars = []
    for i, r in enumerate(moved):
        a, b = x_of(running[i]), x_of(running[i + 1])
        top = HEAD + i * ROW
        label = f"{ARROWS[r.direction]} {r.name} {r.contribution:+.2f}"
        # the label starts where the push starts and reads the way the bar runs
        push = r.contribution > 0
        label_x, anchor = _place(min(a, b) if push else max(a, b), label, push)
        bars.append(
            Bar(
                r.signal,
                r.name,
                r.description,
                r.direction,
                r.score,
                r.contribution,
                x=round(min(a, b), 1),
                width=round(max(abs(b - a), 1.0), 1),
                y=top + 15,
                label=label,
                label_x=label_x,
                label_y=top + 11,
                anchor=anchor,
            )
        )
    bottom = HEAD + len(moved) * ROW
    base_x, final_x = x_of(explanation.baseline), x_of(explanation.final)
    base_percent = percent(probability(explanation.baseline))
    final_percent = percent(probability(explanation.final))
    base_label, final_label = f"baseline {base_percent}", f"final {final_percent}"
    base_at, base_anchor = _place(base_x, base_label, None)
    final_at, final_anchor = _place(final_x, final_label, None)
    baseline = Marker(
        "baseline",
        round(base_x - 1, 1),
        14.0,
        bottom - 14.0,
        base_label,
        base_at,
        base_anchor,
        11.0,
    )
    final = Marker(
        "final",
        round(final_x - 1, 1),
        HEAD,
        bottom - HEAD + 6,
        final_label,
        final_at,
        final_anchor,
        bottom + 18,
    )
    return Chart(
        CHART_WIDTH, bottom + FOOT, tuple(bars), baseline, final, idle, base_percent, final_percent
    )


def _place(x: float, label: str, rightward: bool | None) -> tuple[float, str]:
    """Where a label goes and its SVG ``text-anchor``, kept inside the chart.

    ``rightward`` True: the text starts at ``x``; False: it ends there; None: centred.
    Near an edge the text is pinned to that edge instead (anchored there, so an
    estimate of its width never lets it spill over).
    """
    est = len(label) * CHAR
    lo, hi = CHART_PAD, CHART_WIDTH - CHART_PAD
    if rightward is None:
        if x - est / 2 < lo:
            return lo, "start"
        if x + est / 2 > hi:
            return hi, "end"
        return round(x, 1), "middle"
    if rightward:
        return (round(x, 1), "start") if x + est <= hi else (hi, "end")
    return (round(x, 1), "end") if x - est >= lo else (lo, "start")
