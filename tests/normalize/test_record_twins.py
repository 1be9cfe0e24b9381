"""Records made through the twin classes are plain, frozen ``Replacement`` and ``Span`` objects.

``result._ChangeRecord`` and ``result._SpanTwin`` store their slots directly and then become
``Replacement`` and ``Span`` by ``__class__`` assignment (the dataclasses are frozen, so
filling them field by field through the slot descriptors cost twice as much). A user of the
records sees ordinary, immutable dataclass instances: equal to, hashing like and pickling
like the ones the public constructors make, and the slot-setter fallback makes the same.
"""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from hoaxlens.normalize import normalize_text, result, undo
from hoaxlens.types import Replacement, Span

TEXTS = [
    "Tһе ѕтогу іѕ fаkе.\nАпԁ ѕо іѕ тһіѕ опе.",  # lines folded whole
    "Oпe Step for Yoυ, Достоевский",  # word by word beside genuine Cyrillic
    "the \ufb01nal o\ufb03ce\u200b news",  # ligatures (two-letter spans), a deletion
    "T\u0336h\u0336e\u0336 e\u0301\u0302\u0303n\u0301\u0302\u0303d",  # marks deleted
    "\U0001d42d\U0001d428\U0001d41d\U0001d41a\U0001d432 and ɑ ɡood dаy",  # math, IPA
]


def _checked(r: Replacement) -> Replacement:
    return Replacement(Span(r.span.start, r.span.end), r.original, r.replacement, r.step)


@pytest.mark.parametrize("text", TEXTS)
def test_records_are_plain_frozen_dataclasses(text: str) -> None:
    normalized = normalize_text(text)
    records = normalized.replacements
    assert records
    for r in records:
        assert type(r) is Replacement
        assert type(r.span) is Span
        assert r == _checked(r)
        assert hash(r) == hash(_checked(r))
        assert repr(r) == repr(_checked(r))
        assert pickle.loads(pickle.dumps(r)) == r  # noqa: S301 - our own bytes
        with pytest.raises(dataclasses.FrozenInstanceError):
            r.original = "x"  # type: ignore[misc]
        with pytest.raises(dataclasses.FrozenInstanceError):
            r.span.start = 0  # type: ignore[misc]
        assert normalized.text[r.span.start : r.span.end] == r.replacement
    assert undo(normalized.text, records) == text


def test_the_slot_setter_fallback_makes_the_same_records() -> None:
    changes = [(0, 1, "п", "n", "fold_confusables"), (3, 3, "\u200b", "", "strip_invisible")]
    changes.append((5, 7, "\ufb01", "fi", "fold_compat"))
    in_use: object = result._from_change
    assert in_use is result._ChangeRecord  # the twin is what normalize_text uses here
    for base in (0, 7, 70_000):  # inside the shared span table and past its limit
        for change in changes:
            twin = result._from_change(base, change)
            fallback = result._change_by_setters(base, change)
            assert type(twin) is Replacement
            assert type(fallback) is Replacement
            assert twin == fallback == _checked(fallback)
            assert (twin.span.start, twin.span.end) == (base + change[0], base + change[1])
