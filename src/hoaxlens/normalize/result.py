"""The normalizer's result, with replacement records built when first read.

A heavily obfuscated article changes one character in three; building one ``Replacement``
per change costs more than restoring the text itself. ``normalize_text`` therefore returns
a ``NormalizedText`` whose ``replacements`` are kept as compact edit lists and turned into
records on first access (then cached). Callers see an ordinary ``NormalizedText``: equality,
hashing and ``repr`` use the records, and a pickled copy is a plain ``NormalizedText``.
"""

from __future__ import annotations

import gc
import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate, chain, compress, repeat
from operator import add, is_not, itemgetter, lt, sub
from typing import TYPE_CHECKING, Any, cast

from hoaxlens.normalize.confusables import confusables_table
from hoaxlens.types import NormalizedText, Replacement, Span

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

# One word's changes, relative to where the word starts in the output:
# (start, end, original, replacement, step).
Change = tuple[int, int, str, str, str]


def unchecked_replacement(
    start: int, end: int, original: str, replacement: str, step: str
) -> Replacement:
    """Build a ``Replacement`` without its ``__post_init__`` checks, three times faster.

    For the normalizer, whose values are valid by construction: it makes one per changed
    character, hundreds of thousands a second, and the property tests check that every one
    of them fits its span and replays to the input.

    >>> unchecked_replacement(0, 1, "п", "n", "fold_confusables") == Replacement(
    ...     Span(0, 1), "п", "n", "fold_confusables"
    ... )
    True
    """
    span = _new(Span)
    _SPAN_START(span, start)
    _SPAN_END(span, end)
    made = _new(Replacement)
    _REP_SPAN(made, span)
    _REP_ORIGINAL(made, original)
    _REP_REPLACEMENT(made, replacement)
    _REP_STEP(made, step)
    return made


def unchanged(text: str) -> NormalizedText:
    """``NormalizedText(text, text, ())`` in one slot write (the fast path), an ``UnchangedText``.

    >>> unchanged("plain") == NormalizedText("plain", "plain", ())
    True
    """
    made = _new(UnchangedText)
    _TEXT_SET(made, text)
    return made


class UnchangedText(NormalizedText):
    """A ``NormalizedText`` that changed nothing: ``original`` is ``text``, no replacements.

    Most texts a scan sees are clean, and ``normalize_text`` returns one of these for them:
    made with one slot write instead of three (0.1 µs of a 300-byte post's 1), it reads,
    compares, hashes, prints and pickles as ``NormalizedText(text, text, ())``;
    ``dataclasses.replace`` on it gives a plain ``NormalizedText``.

    >>> made = unchanged("plain")
    >>> made.original, made.replacements, made
    ('plain', (), NormalizedText(text='plain', original='plain', replacements=()))
    >>> import dataclasses
    >>> dataclasses.replace(made, text="new")
    NormalizedText(text='new', original='plain', replacements=())
    """

    __slots__ = ()
    replacements: tuple[Replacement, ...] = ()  # a class attribute: shadows the empty slot

    # ``Any``: ``__new__`` returns the base class here, which mypy allows no annotation for.
    def __new__(cls, text: str, original: str, replacements: tuple[Replacement, ...]) -> Any:  # noqa: ANN401
        """What ``dataclasses.replace`` calls: a plain ``NormalizedText`` of the values given."""
        return NormalizedText(text, original, replacements)

    @property
    def original(self) -> str:  # read-only, as the frozen field
        """The input: the text itself."""
        return self.text

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, NormalizedText):
            return NotImplemented
        return (self.text, self.text, ()) == (other.text, other.original, other.replacements)

    def __hash__(self) -> int:
        return hash((self.text, self.text, ()))

    def __repr__(self) -> str:
        return repr(NormalizedText(self.text, self.text, ()))

    def __reduce__(self) -> tuple[type[NormalizedText], tuple[str, str, tuple[()]]]:
        return (NormalizedText, (self.text, self.text, ()))


# Slot setters behind ``unchecked_replacement`` (frozen dataclasses block plain assignment).
_new = object.__new__
_SPAN_START = Span.__dict__["start"].__set__
_SPAN_END = Span.__dict__["end"].__set__
_REP_SPAN = Replacement.__dict__["span"].__set__
_REP_ORIGINAL = Replacement.__dict__["original"].__set__
_REP_REPLACEMENT = Replacement.__dict__["replacement"].__set__
_REP_STEP = Replacement.__dict__["step"].__set__
_TEXT_SET = NormalizedText.__dict__["text"].__set__


@dataclass(frozen=True, slots=True)
class FoldedLine:
    """A line folded whole with ``str.translate``.

    Every character in the fold table changed (or was deleted), and each bare stroke at the
    ``strokes`` indices became the letter given.
    """

    line: str
    strokes: tuple[tuple[int, str], ...] = ()


# Pending edits, in output order: (output offset, changes) for a word or a spelled-out name,
# or (output offset, line) for a line folded whole.
Pending = tuple[int, tuple[Change, ...] | FoldedLine]

_TEXT = cast("Any", NormalizedText.__dict__["text"])
_ORIGINAL = cast("Any", NormalizedText.__dict__["original"])
_REPLACEMENTS = cast("Any", NormalizedText.__dict__["replacements"])


class LazyNormalizedText(NormalizedText):
    """A ``NormalizedText`` that builds its replacement records on first access."""

    __slots__ = ("_changed", "_folds", "_pending")
    _changed: re.Pattern[str] | None
    _folds: Mapping[str, Change]
    _pending: list[Pending]

    def __init__(
        self,
        text: str,
        original: str,
        replacements: tuple[Replacement, ...] | None = None,
        *,
        pending: list[Pending] | None = None,
        folds: Mapping[str, Change] | None = None,
        changed: re.Pattern[str] | None = None,
    ) -> None:
        """Keep the ``pending`` edits to build the records from.

        ``folds`` and ``changed`` are explained at ``_build``; ``replacements`` given directly
        (as ``dataclasses.replace`` does) are used as they are.
        """
        _TEXT.__set__(self, text)
        _ORIGINAL.__set__(self, original)
        if replacements is not None:
            _REPLACEMENTS.__set__(self, replacements)
        object.__setattr__(self, "_pending", pending or [])
        object.__setattr__(self, "_folds", folds or {})
        object.__setattr__(self, "_changed", changed)

    @property
    def replacements(self) -> tuple[Replacement, ...]:
        """Every change, located in ``text`` (built once, on first access)."""
        try:
            built: tuple[Replacement, ...] = _REPLACEMENTS.__get__(self)
        except AttributeError:
            built = ()
            if self._changed:
                built = _build_quietly(self._pending, self._folds, self._changed)
            _REPLACEMENTS.__set__(self, built)
        return built

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, NormalizedText):
            return NotImplemented
        return (self.text, self.original, self.replacements) == (
            other.text,
            other.original,
            other.replacements,
        )

    def __hash__(self) -> int:
        return hash((self.text, self.original, self.replacements))

    def __repr__(self) -> str:
        return repr(NormalizedText(self.text, self.original, self.replacements))

    def __reduce__(self) -> tuple[type[NormalizedText], tuple[str, str, tuple[Replacement, ...]]]:
        return (NormalizedText, (self.text, self.original, self.replacements))


def _build_quietly(
    pending: list[Pending], folds: Mapping[str, Change], changed: re.Pattern[str]
) -> tuple[Replacement, ...]:
    """``_build`` with the cyclic garbage collector paused while the records are made.

    The records hold only strings and ints, so they can never form a cycle, but the
    collector still walks every one of them each time a generation fills: on a 4 MB page
    of 800,000 changes that walk costs more than building the records (issue 15). It is
    turned back on (if it was on) as soon as they are built.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _build(pending, folds, changed)
    finally:
        if was_enabled:
            gc.enable()


def _build(
    pending: list[Pending], folds: Mapping[str, Change], changed: re.Pattern[str]
) -> tuple[Replacement, ...]:
    """Replacement records from pending edits.

    ``folds`` gives each fold-table character's change (located at 0, empty for a deletion);
    ``changed`` finds the characters of a folded line that may have changed.

    The hot path of a heavily obfuscated text (one record per changed character) has no
    Python loop per record: a folded line is cut at its changed characters with one
    ``split`` and their offsets summed with ``accumulate``, runs of word edits are flattened
    with ``chain``, and ``map`` makes each (offset, change) pair a record with
    ``_ChangeRecord`` (one Python call per record, which stores its slots directly).
    """
    parts: list[Sequence[Replacement]] = []
    cut = _splitter(changed)
    n = len(pending)
    i = 0
    while i < n:
        base, edits = pending[i]
        if isinstance(edits, FoldedLine):
            parts.append(_line_records(base, edits, folds, cut))
            i += 1
            continue
        j = i + 1  # a run of word edits, up to the next folded line
        while j < n and not isinstance(pending[j][1], FoldedLine):
            j += 1
        run = pending[i:j]
        i = j
        words = cast("list[tuple[Change, ...]]", [edits for _, edits in run])
        changes = list(chain.from_iterable(words))
        if not changes:
            continue
        # The last change ends furthest (edits are in output order): the shared spans then
        # reach every change of the run (one out of reach is made by ``_ChangeRecord``).
        top = 2 * (run[-1][0] + max(change[1] for change in words[-1] or [(0, 0)]))
        if len(_SPANS) <= top < 2 * _SHARED_SPAN_LIMIT:
            _grown_spans(top + 1)
        bases = chain.from_iterable(map(repeat, [base for base, _ in run], map(len, words)))
        parts.append(list(map(_from_change, bases, changes)))
    return tuple(chain.from_iterable(parts))


_SECOND = itemgetter(1)
_KEEP: Change = (-1, 1, "", "", "")  # a changeable character that stayed: no record


def _line_records(
    base: int,
    edits: FoldedLine,
    folds: Mapping[str, Change],
    cut: Callable[[str], list[str]],
) -> list[Replacement]:
    """The records of a line folded whole.

    ``cut`` gives gap, character, gap, ... ; a character's output offset is ``base`` plus
    the gaps before it and the widths of the characters before it (0 for a deletion). A
    bare stroke read as a letter (``edits.strokes``, by index in the line) is one record of
    that letter. Each character's change comes from ``folds`` (located at 0).
    """
    parts = cut(edits.line)
    chars = parts[1::2]
    if not chars:
        return []
    found = list(map(folds.get, chars, repeat(_KEEP)))
    lengths = list(map(len, parts))
    if edits.strokes:
        # Where each character stands in the line: after the gaps and characters before it.
        where = list(accumulate(lengths))[0::2]
        table = confusables_table()
        for i, letter in edits.strokes:
            k = bisect_left(where, i)
            ch = chars[k]
            step = "fold_compat" if table[ch].kind == "compat" else "fold_confusables"
            found[k] = (0, 1, ch, letter, step)
    lengths[1::2] = map(_SECOND, found)
    # offsets[2k + 1] is where character k starts (the last entry is the line's end).
    starts = list(accumulate(lengths, initial=base))[1:-1:2]
    if _KEEP in found:  # a few characters stayed: leave them out
        kept = list(map(is_not, found, repeat(_KEEP)))
        starts = list(compress(starts, kept))
        found = list(compress(found, kept))
    top = 2 * (starts[-1] + found[-1][1]) if starts else 0
    if len(_SPANS) <= top < 2 * _SHARED_SPAN_LIMIT:
        _grown_spans(top + 1)
    return list(map(_from_change, starts, found))


class _SpanTwin:
    """A mutable class with ``Span``'s slots that turns each new instance into a ``Span``.

    A frozen dataclass can only be filled field by field through its slot descriptors (one
    C call each, after ``object.__new__``); an ``__init__`` that stores its slots directly
    and then assigns ``__class__`` (allowed between classes with the same slots) makes the
    same object, a plain ``Span``, about 40 % faster.
    """

    __slots__ = ("end", "start")

    def __init__(self, start: int, end: int) -> None:
        self.start = start
        self.end = end
        self.__class__ = Span  # type: ignore[assignment]


class _ChangeRecord:
    """A word's ``Change`` at output offset ``base``, made a ``Replacement`` (``_SpanTwin``).

    One Python call per record that unpacks the change, takes its span from ``_SPANS``
    (or makes it, for a wider span or one past the table) and stores the slots: about half
    the cost of gathering the fields as columns and filling them column by column.
    """

    __slots__ = ("original", "replacement", "span", "step")

    def __init__(self, base: int, change: Change) -> None:
        start, end, self.original, self.replacement, self.step = change
        start += base
        end += base
        if end - start < 2:
            try:
                self.span = _SPANS[start + end]
            except IndexError:
                self.span = _span_made(start, end)
        else:
            self.span = _span_made(start, end)
        self.__class__ = Replacement  # type: ignore[assignment]


def _by_setters(cls: type[Any], names: tuple[str, ...]) -> Callable[..., Any]:
    """``cls`` made without ``__init__``, field by field (where no twin fits)."""
    setters = [cls.__dict__[name].__set__ for name in names]

    def made(*values: object) -> Any:  # noqa: ANN401 - an instance of ``cls``
        obj = _new(cls)
        for setter, value in zip(setters, values, strict=True):
            setter(obj, value)
        return obj

    return made


# A twin only stands in while it has the dataclass's slots (``__class__`` assignment checks
# the layouts and would raise); a field added to ``types`` falls back to the slot setters.
_span_made = cast(
    "Callable[[int, int], Span]",
    _SpanTwin
    if sorted(Span.__slots__) == sorted(_SpanTwin.__slots__)
    else _by_setters(Span, ("start", "end")),
)
_made_by_setters = _by_setters(Replacement, ("span", "original", "replacement", "step"))


def _change_by_setters(base: int, change: Change) -> Replacement:
    start, end, original, replacement, step = change
    return cast(
        "Replacement",
        _made_by_setters(_span_made(start + base, end + base), original, replacement, step),
    )


_from_change = cast(
    "Callable[[int, Change], Replacement]",
    _ChangeRecord
    if sorted(Replacement.__slots__) == sorted(_ChangeRecord.__slots__)
    else _change_by_setters,
)


# Spans of one character or none, made once and shared by every result: ``_SPANS[2 * k + w]``
# is ``Span(k, k + w)`` for ``w`` 0 or 1 (a ``Span`` is immutable, so sharing one is safe).
# Almost every record's span is one of these; taking it from the list is one C call where
# making it is three. Kept for offsets below ``_SHARED_SPAN_LIMIT`` (at most 65,536 spans).
# The table grows by rebinding a longer tuple: a thread reads the old one or the new one, and
# both are right (extending a shared list from two threads at once interleaved their spans).
_SHARED_SPAN_LIMIT = 1 << 15
_SPANS: tuple[Span, ...] = ()


def _shared_spans(starts: list[int], ends: list[int]) -> list[Span]:
    """The spans ``[starts[i], ends[i])``, shared from ``_SPANS`` where they are there.

    ``start + end`` indexes ``_SPANS`` when a span is one character wide or empty; the few
    wider ones (a ligature's two letters) are made and put in their place.
    """
    if not starts:
        return []
    keys = list(map(add, starts, ends))
    top = max(keys)
    if top >= 2 * _SHARED_SPAN_LIMIT:
        return list(map(_span_made, starts, ends))
    spans = _SPANS if top < len(_SPANS) else _grown_spans(top + 1)
    shared = list(map(spans.__getitem__, keys))
    widths = list(map(sub, ends, starts))
    if max(widths) > 1:
        for i in compress(range(len(widths)), map(lt, repeat(1), widths)):
            shared[i] = _span_made(starts[i], ends[i])
    return shared


def _grown_spans(size: int) -> tuple[Span, ...]:
    """``_SPANS`` with at least ``size`` spans, published by one rebinding."""
    global _SPANS
    spans = _SPANS
    if size > len(spans):
        more = (unchecked_span(k >> 1, (k >> 1) + (k & 1)) for k in range(len(spans), size))
        spans = _SPANS = spans + tuple(more)
    return spans


def unchecked_span(start: int, end: int) -> Span:
    """Build a ``Span`` without its ``__post_init__`` check (``unchecked_replacement``)."""
    span = _new(Span)
    _SPAN_START(span, start)
    _SPAN_END(span, end)
    return span


# By the pattern's ``id`` (hashing a compiled pattern hashes its whole code), with the pattern
# kept beside its splitter: an ``id`` is reused only once its pattern is gone.
_SPLITTERS: dict[int, tuple[re.Pattern[str], Callable[[str], list[str]]]] = {}


def _splitter(changed: re.Pattern[str]) -> Callable[[str], list[str]]:
    """``split`` by ``changed`` (one character class) kept: text, character, text..."""
    entry = _SPLITTERS.get(id(changed))
    if entry is None or entry[0] is not changed:
        cut = re.compile(f"({changed.pattern})", changed.flags).split
        entry = _SPLITTERS[id(changed)] = (changed, cut)
    return entry[1]


def compose(first: NormalizedText, second: NormalizedText) -> NormalizedText:
    r"""One result for two passes: ``second`` normalized ``first.text`` again.

    Each record of ``first`` is moved to where its text lies after ``second``; where records
    of the two passes cover the same characters of ``first.text`` (a letter folded by the
    first pass inside a span the second replaced), they become one record, from the first
    input to the final text, named by the second pass's step. Records that only touch stay
    apart, ordered as their characters stood, so ``undo`` replays the first input.

    >>> from hoaxlens.normalize import normalize_text
    >>> fold = Replacement(Span(2, 3), "\u043e", "o", "fold_confusables")
    >>> first = NormalizedText("J.o.h.n", "J.\u043e.h.n", (fold,))
    >>> both = compose(first, normalize_text(first.text))
    >>> both.text, [(r.span.start, r.span.end, r.original) for r in both.replacements]
    ('John', [(1, 1, '.'), (1, 2, '\u043e'), (2, 2, '.'), (3, 3, '.')])
    """
    middle = first.text
    # Every record as (start, end in the middle text, pass, record); the second pass's
    # records are located in its output, so their middle offsets are found by undoing the
    # length changes before them.
    items: list[tuple[int, int, int, Replacement]] = []
    shift = 0
    for rep in sorted(second.replacements, key=lambda r: (r.span.start, r.span.end)):
        start = rep.span.start - shift
        items.append((start, start + len(rep.original), 1, rep))
        shift += rep.span.length - len(rep.original)
    items.extend((rep.span.start, rep.span.end, 0, rep) for rep in first.replacements)
    items.sort(key=lambda item: (item[0], item[1], item[2]))
    # Clusters of records that overlap in the middle text (an empty span overlaps a record
    # only strictly inside it).
    clusters: list[list[tuple[int, int, int, Replacement]]] = []
    end = -1
    for item in items:
        start, stop = item[0], item[1]
        if clusters and start < end and (start < stop or clusters[-1][0][0] < start):
            clusters[-1].append(item)
            end = max(end, stop)
        else:
            clusters.append([item])
            end = stop
    made: list[tuple[int, int, int, int, Replacement]] = []
    shift = 0  # length change of the second pass's records before the cluster
    for cluster in clusters:
        low = cluster[0][0]
        high = max(item[1] for item in cluster)
        grow = sum(item[3].span.length - len(item[3].original) for item in cluster if item[2])
        out_start = low + shift
        if len(cluster) == 1:
            rep = cluster[0][3]
            if cluster[0][2] == 0:
                rep = unchecked_replacement(
                    out_start, out_start + rep.span.length, rep.original, rep.replacement, rep.step
                )
            made.append((out_start, out_start + rep.span.length, low, high, rep))
        else:
            # The first input's characters under the cluster: the middle text with the first
            # pass's records in it undone.
            pieces: list[str] = []
            cursor = low
            for start, stop, which, rep in cluster:
                if which == 0:
                    pieces.append(middle[cursor:start])
                    pieces.append(rep.original)
                    cursor = stop
            pieces.append(middle[cursor:high])
            original = "".join(pieces)
            out_end = out_start + (high - low) + grow
            replacement = second.text[out_start:out_end]
            step = next(item[3].step for item in cluster if item[2])
            if original != replacement:
                made.append(
                    (
                        out_start,
                        out_end,
                        low,
                        high,
                        unchecked_replacement(out_start, out_end, original, replacement, step),
                    )
                )
        shift += grow
    made.sort(key=lambda item: item[:4])
    return NormalizedText(second.text, first.original, tuple(item[4] for item in made))
