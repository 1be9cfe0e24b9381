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
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from hoaxlens.normalize.confusables import confusables_table
from hoaxlens.types import NormalizedText, Replacement, Span

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

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
    """``NormalizedText(text, text, ())`` without the dataclass ``__init__`` (the fast path).

    >>> unchanged("plain") == NormalizedText("plain", "plain", ())
    True
    """
    made = _new(NormalizedText)
    _TEXT_SET(made, text)
    _ORIGINAL_SET(made, text)
    _REPLACEMENTS_SET(made, ())
    return made


# Slot setters behind ``unchecked_replacement`` (frozen dataclasses block plain assignment).
_new = object.__new__
_SPAN_START = Span.__dict__["start"].__set__
_SPAN_END = Span.__dict__["end"].__set__
_REP_SPAN = Replacement.__dict__["span"].__set__
_REP_ORIGINAL = Replacement.__dict__["original"].__set__
_REP_REPLACEMENT = Replacement.__dict__["replacement"].__set__
_REP_STEP = Replacement.__dict__["step"].__set__
_TEXT_SET = NormalizedText.__dict__["text"].__set__
_ORIGINAL_SET = NormalizedText.__dict__["original"].__set__
_REPLACEMENTS_SET = NormalizedText.__dict__["replacements"].__set__


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

    The hot loop of a heavily obfuscated text (one record per changed character): records
    are made inline with the slot setters (as ``unchecked_replacement`` does, without its
    call), and a folded line is cut at its changed characters with one ``split`` rather
    than a match object per character.
    """
    out: list[Replacement] = []
    append = out.append
    new_object, span_cls, rep_cls = _new, Span, Replacement
    set_start, set_end, set_span = _SPAN_START, _SPAN_END, _REP_SPAN
    set_original, set_replacement, set_step = _REP_ORIGINAL, _REP_REPLACEMENT, _REP_STEP
    cut = _splitter(changed)
    for base, edits in pending:
        if isinstance(edits, FoldedLine):
            strokes = dict(edits.strokes)
            parts = cut(edits.line)
            at = base  # where the next character of the line lands in the output
            i = 0  # its index in the line
            for k in range(1, len(parts), 2):
                gap = len(parts[k - 1])
                at += gap
                i += gap
                ch = parts[k]
                if strokes and i in strokes:
                    kind = confusables_table()[ch].kind
                    step = "fold_compat" if kind == "compat" else "fold_confusables"
                    width, original, replacement = 1, ch, strokes[i]
                else:
                    fold = folds.get(ch)
                    if fold is None:
                        at += 1
                        i += 1
                        continue
                    _, width, original, replacement, step = fold
                span = new_object(span_cls)
                set_start(span, at)
                set_end(span, at + width)
                made = new_object(rep_cls)
                set_span(made, span)
                set_original(made, original)
                set_replacement(made, replacement)
                set_step(made, step)
                append(made)
                at += width
                i += 1
            continue
        for start, end, original, replacement, step in edits:
            span = new_object(span_cls)
            set_start(span, base + start)
            set_end(span, base + end)
            made = new_object(rep_cls)
            set_span(made, span)
            set_original(made, original)
            set_replacement(made, replacement)
            set_step(made, step)
            append(made)
    return tuple(out)


_SPLITTERS: dict[re.Pattern[str], Callable[[str], list[str]]] = {}


def _splitter(changed: re.Pattern[str]) -> Callable[[str], list[str]]:
    """``split`` by ``changed`` (one character class) kept: text, character, text..."""
    cut = _SPLITTERS.get(changed)
    if cut is None:
        cut = _SPLITTERS[changed] = re.compile(f"({changed.pattern})", changed.flags).split
    return cut
