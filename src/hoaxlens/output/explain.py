"""Explanations a reviewer reads in ten seconds, built from an output record.

The record keeps every signal and every evidence span (ids, log-odds, up to 25 spans a
signal); this module turns it into what a person reads: the model's baseline and final
log-odds, the signals ranked by how far they moved the score and which way, each with a
plain name and a one-line description, and evidence items that are grouped (every
lookalike letter becomes one item), de-duplicated, and never a lone stop-word.

It works from the record (the JSON dict), not from ``Verdict`` objects, because the web
service renders stored records: the table, the UI and any later reader share one path.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal

from hoaxlens.signals.stopwords import STOPWORDS

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from hoaxlens.output.record import Record

Direction = Literal["fabricated", "genuine"]

TOP_ITEMS = 12  # evidence items a reviewer is shown, all signals together
NEGLIGIBLE = 1e-3  # |log-odds| below which a signal did not move the score at all
UNQUOTED_MIN = 1.0  # |log-odds| a reason with no evidence needs to be listed in a summary
_PROBABILITY_CLAMP = 1e-9  # keeps the log-odds of a 0 or 1 score finite

_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")  # a curly apostrophe joins a word
_GROUPED_SIGNAL = "homoglyphs."  # id prefix of the signal whose per-word spans are grouped
_LETTER_STEPS = frozenset({"fold_confusables", "fold_compat"})
_REMOVED_STEPS = frozenset({"strip_invisible", "strip_marks"})
_JOIN_STEP = "join_letters"
_PAIRS_SHOWN = 3  # the three commonest letter swaps, then "…"
_SAMPLE_WORDS = 4  # example words quoted for the grouped lookalike item


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """One thing a reviewer can check in the text.

    ``start``/``end`` index the record's ``text`` and ``text`` quotes it. An item can stand
    for several spans: the same words flagged more than once by one signal (``spans`` holds
    every occurrence, ``count`` how many), or, with ``grouped`` set, every lookalike letter
    of the document (then ``text`` quotes a few of the words and ``count`` is the number of
    obfuscated words; the replacements in the record say where each letter is).
    """

    start: int
    end: int
    text: str
    reason: str
    count: int = 1
    spans: tuple[tuple[int, int], ...] = ()
    grouped: bool = False


@dataclass(frozen=True, slots=True)
class Reason:
    """One signal's part in the verdict: which way it pushed, how far, and why."""

    signal: str  # the registry id, e.g. "lexical.v1"
    name: str  # plain words, e.g. "Wording of known farm stories"
    description: str  # one line (the signal's summary); "" for a signal this install lacks
    direction: Direction  # the label its push argues for
    contribution: float  # log-odds it added (> 0 toward fabricated, < 0 toward genuine)
    score: float  # the signal's own score in [0, 1]
    items: tuple[EvidenceItem, ...] = ()


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why a record got its score: from ``baseline`` through ``reasons`` to ``final``.

    ``baseline`` is the log-odds before any signal (the model's intercept) and ``final``
    the log-odds of the score, so ``baseline + sum(contributions) == final`` (up to the
    record's rounding). ``reasons`` is ranked by the size of each contribution.
    ``abstention`` is the plain-words message of an abstained verdict, else ``None``.
    """

    label: str | None
    score: float
    baseline: float
    final: float
    reasons: tuple[Reason, ...]
    abstention: str | None = None

    def toward(self, direction: Direction) -> tuple[Reason, ...]:
        """The reasons that pushed toward ``direction``, strongest first."""
        return tuple(
            r
            for r in self.reasons
            if r.direction == direction and abs(r.contribution) >= NEGLIGIBLE
        )


def log_odds(p: float) -> float:
    """The log-odds of probability ``p`` (clamped away from 0 and 1).

    >>> round(log_odds(0.5), 6), round(log_odds(0.75), 4)
    (0.0, 1.0986)
    """
    p = min(1.0 - _PROBABILITY_CLAMP, max(_PROBABILITY_CLAMP, p))
    return math.log(p / (1.0 - p))


def probability(x: float) -> float:
    """The probability of log-odds ``x``.

    >>> probability(0.0)
    0.5
    """
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def is_stop_text(text: str) -> bool:
    """True when ``text`` has no word, or is one stop-word (repeated): never evidence alone.

    A phrase of several words stays even when each is common: a signal's cue such as
    "What He Did Next" or "many said" means something no single word of it does (the
    n-gram signals drop stop-word-only n-grams where they pick their evidence).

    >>> [is_stop_text(t) for t in ("through", "didn't.", "No. No.", "tears", "many said")]
    [True, True, True, False, False]
    """
    words = set(_WORD.findall(text.casefold().replace("\u2019", "'")))
    return len(words) <= 1 and words <= STOPWORDS


@dataclass(frozen=True, slots=True)
class _Describe:
    name: str
    summary: str
    direction: Direction


@lru_cache(maxsize=1)
def _catalog() -> dict[str, _Describe]:
    """Plain names, summaries and directions of every installed signal, by id."""
    from hoaxlens.errors import RegistryError
    from hoaxlens.languages import language_signal_classes
    from hoaxlens.signals import available_signals

    try:
        found = {**language_signal_classes(), **available_signals()}
    except RegistryError:  # a broken plugin must not hide the explanation: fall back to ids
        return {}
    return {
        sid: _Describe(cls.name or sid, cls.summary, cls.direction) for sid, cls in found.items()
    }


def explain(record: Record | Mapping[str, Any]) -> Explanation:
    """Build the explanation of one verdict record.

    Raises:
        ValueError: for an error row (it has no score to explain).
    """
    score = record.get("score")
    if score is None:
        raise ValueError(f"record {record.get('id')!r} is an error row: nothing to explain")
    text = record.get("text") or ""
    signals = record.get("signals") or []
    total = sum(float(s["contribution"]) for s in signals)
    baseline = record.get("baseline")
    if baseline is None:  # a record from before the baseline was stored: derive it
        final = log_odds(float(score))
        baseline = final - total
    else:
        final = float(baseline) + total
    catalog = _catalog()
    reasons = []
    for s in signals:
        sid = str(s["id"])
        known = catalog.get(sid, _Describe(sid, "", "fabricated"))
        c = float(s["contribution"])
        direction: Direction = known.direction if c == 0 else "fabricated" if c > 0 else "genuine"
        if sid.startswith(_GROUPED_SIGNAL):
            items = _grouped_items(text, record.get("obfuscation", {}).get("replacements", []))
        else:
            items = _items(text, s.get("evidence") or [])
        reasons.append(
            Reason(sid, known.name, known.summary, direction, c, float(s["score"]), items)
        )
    reasons.sort(key=lambda r: -abs(r.contribution))  # stable: ties keep the record's order
    abstention = abstention_message(
        record.get("abstain_reason"), record.get("lang"), words=len(_WORD.findall(text))
    )
    return Explanation(
        record.get("label"), float(score), float(baseline), final, tuple(reasons), abstention
    )


def _items(text: str, evidence: Iterable[Mapping[str, Any]]) -> tuple[EvidenceItem, ...]:
    """Evidence spans as items: stop-word spans dropped, repeats of the same words merged.

    Each item is the first span of its words (its quote and reason) with every distinct
    span of them, in evidence order. Each item's spans are gathered in an insertion-ordered
    dict and the items built once at the end: growing a tuple per repeat cost evidence² (a
    plugin signal's 20,000 spans of one word took 7.7 s).
    """
    first: dict[str, tuple[int, int, str, str]] = {}
    spans: dict[str, dict[tuple[int, int], None]] = {}
    for ev in evidence:
        start, end = int(ev["start"]), int(ev["end"])
        quote = text[start:end]
        if is_stop_text(quote):
            continue
        key = " ".join(quote.casefold().split())
        if key not in first:
            first[key] = (start, end, quote, str(ev["reason"]))
            spans[key] = {}
        spans[key][(start, end)] = None
    return tuple(
        EvidenceItem(start, end, quote, reason, len(spans[key]), tuple(spans[key]))
        for key, (start, end, quote, reason) in first.items()
    )


def _grouped_items(
    text: str, replacements: Sequence[Mapping[str, Any]]
) -> tuple[EvidenceItem, ...]:
    """Every normalizer change as one item: "273 letters in 198 words were lookalikes: …"."""
    if not replacements:
        return ()
    words = list(_WORD.finditer(text))
    word_starts = [m.start() for m in words]
    touched: dict[int, None] = {}  # indices of obfuscated words, in text order
    letters: Counter[tuple[str, str]] = Counter()
    removed: Counter[str] = Counter()
    joined = 0
    for rep in replacements:
        start, end, step = int(rep["start"]), int(rep["end"]), str(rep.get("step", ""))
        i = bisect_right(word_starts, start) - 1
        if i >= 0 and (start < words[i].end() or start == end == words[i].end()):
            touched[i] = None
        if step == _JOIN_STEP:
            joined += 1
        elif step in _REMOVED_STEPS or not rep["replacement"]:
            removed[str(rep["original"])] += 1
        elif step in _LETTER_STEPS or end > start:
            letters[(str(rep["original"]), str(rep["replacement"]))] += 1
    parts = []
    n_words = len(touched)
    if letters:
        n_letters = sum(letters.values())
        pairs = ", ".join(f"{n} {a} → {b}" for (a, b), n in letters.most_common(_PAIRS_SHOWN))
        more = ", …" if len(letters) > _PAIRS_SHOWN else ""
        parts.append(
            f"{n_letters} {_plural(n_letters, 'letter')} in {n_words} {_plural(n_words, 'word')}"
            f" {'was a lookalike' if n_letters == 1 else 'were lookalikes'}: {pairs}{more}"
        )
    if removed:
        n_removed = sum(removed.values())
        codes = ", ".join(f"U+{ord(c[0]):04X}" for c, _ in removed.most_common(_PAIRS_SHOWN))
        parts.append(f"{n_removed} invisible {_plural(n_removed, 'character')} removed ({codes})")
    if joined:
        parts.append(f"{joined} {_plural(joined, 'word')} spelled out with separators")
    shown = [words[i] for i in list(touched)[:_SAMPLE_WORDS]]
    if shown:
        start, end = shown[0].start(), shown[0].end()
        sample = ", ".join(m.group() for m in shown) + (" …" if n_words > len(shown) else "")
    else:  # changes outside any word (a removed mark between two spaces)
        start, end = int(replacements[0]["start"]), int(replacements[0]["end"])
        sample = text[start:end]
    reason = "; ".join(parts)
    return (EvidenceItem(start, end, sample, reason, max(1, n_words), (), grouped=True),)


def _plural(n: int, word: str) -> str:
    return word if n == 1 else f"{word}s"


def top_items(explanation: Explanation, limit: int = TOP_ITEMS) -> tuple[Reason, ...]:
    """The reasons with their evidence cut to at most ``limit`` items in all.

    Items are dealt out in rounds in rank order (the strongest signal's first item, the
    next signal's first item, …, then every signal's second item), so the strongest signals
    come first and every signal that moved the score, either way, shows its best evidence
    before any signal shows its fifth. Reasons left with no item, and signals that did not
    move the score, are dropped; the grouped lookalike item counts as one.
    """
    ranked = [r for r in explanation.reasons if r.items and abs(r.contribution) >= NEGLIGIBLE]
    kept = [0] * len(ranked)
    left = limit
    depth = 0
    while left > 0 and any(len(r.items) > depth for r in ranked):
        for i, r in enumerate(ranked):
            if left > 0 and len(r.items) > depth:
                kept[i] += 1
                left -= 1
        depth += 1
    return tuple(replace(r, items=r.items[:n]) for r, n in zip(ranked, kept, strict=True) if n > 0)


def language_name(lang: str | None) -> str:
    """A language's English name from its ISO 639-1 code, capitalised to start a sentence.

    >>> language_name("es"), language_name(None)
    ('Spanish', 'Unknown language')
    """
    from hoaxlens.scope import describe_language

    name = describe_language(lang)
    return name[:1].upper() + name[1:]


def abstention_message(
    reason: str | None, lang: str | None, *, words: int | None = None
) -> str | None:
    """Plain words for an abstained verdict (``None`` when the verdict did not abstain).

    >>> abstention_message("unsupported_language", "es")
    'Spanish: this model reads English; translate it or label it yourself.'
    >>> abstention_message("too_short", "en", words=4)
    'Too short to judge: 4 words and no evidence either way; label it yourself.'
    """
    if reason is None:
        return None
    if reason == "unsupported_language":
        name = language_name(lang)
        return f"{name}: this model reads English; translate it or label it yourself."
    if reason == "too_short":
        size = "" if words is None else f"{words} {_plural(words, 'word')} and "
        return f"Too short to judge: {size}no evidence either way; label it yourself."
    if reason == "no_story_text":
        return "No story text: only a link or markup; fetch the page it points to."
    if reason == "repeated_text":
        return "Repeated text: most of it copies a few sentences, too little story to clear it."
    return f"Not judged ({reason}); label it yourself."


ARROWS: dict[Direction, str] = {"fabricated": "▲", "genuine": "▼"}


def shorten(text: str, width: int = 40) -> str:
    """``text`` on one line, cut at a word boundary to at most ``width`` characters.

    >>> shorten("Marcy Vale Quietly Paid a Stranger's Debt", 24)
    'Marcy Vale Quietly Paid…'
    """
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    cut = flat[: width - 1]
    space = cut.rfind(" ") if flat[width - 1] != " " else len(cut)
    return (cut[:space] if space > width // 2 else cut).rstrip(" ,;:—-") + "…"


def reason_line(reason: Reason, quotes: int = 2, width: int = 40) -> str:
    """One line for a reason: its plain name and its first evidence, quoted and shortened.

    >>> item = EvidenceItem(0, 5, "tears", "emotive word 'tears'")
    >>> r = Reason("emotional_language.v1", "Tear-jerker vocabulary", "", "fabricated", 2.1, 0.4)
    >>> reason_line(replace(r, items=(item,)))
    'Tear-jerker vocabulary: “tears”'
    """
    shown = []
    for item in reason.items[:quotes]:
        if item.grouped:
            shown.append(item.reason)
        else:
            times = f" ({item.count} times)" if item.count > 1 else ""
            shown.append(f"“{shorten(item.text, width)}”{times}")
    return reason.name + (": " + ", ".join(shown) if shown else "")


def summary_lines(explanation: Explanation, per_side: int = 3) -> list[tuple[Direction, str]]:
    """The top reasons for both labels, the verdict's own label first, as ``(side, line)``.

    A reason is listed when it has evidence to quote, or when it moved the score by at
    least ``UNQUOTED_MIN`` log-odds without any (a whole-headline model, say); small pushes
    with nothing to show are noise to a reader. When the verdict's own label has no reason,
    its line says so. An abstained verdict gives no lines: show ``explanation.abstention``.
    """
    if explanation.abstention:
        return []
    own = explanation.label if explanation.label in ARROWS else None
    sides: tuple[Direction, Direction] = (
        ("genuine", "fabricated") if own == "genuine" else ("fabricated", "genuine")
    )
    lines: list[tuple[Direction, str]] = []
    for side in sides:
        shown = [
            r for r in explanation.toward(side) if r.items or abs(r.contribution) >= UNQUOTED_MIN
        ]
        lines += [(side, f"{ARROWS[side]} {side}: {reason_line(r)}") for r in shown[:per_side]]
        if not shown and side == own:
            lines.append((side, f"{ARROWS[side]} {side}: no evidence points this way"))
    return lines
