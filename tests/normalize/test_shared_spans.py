"""The table of one-character spans every normalization result shares, under threads."""

from __future__ import annotations

import random
import sys
import threading
from typing import TYPE_CHECKING

from hoaxlens.normalize import result
from hoaxlens.normalize.normalizer import normalize_text

if TYPE_CHECKING:
    import pytest


def test_threads_growing_the_table_at_once_leave_every_span_right(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        for trial in range(20):
            monkeypatch.setattr(result, "_SPANS", ())

            def grow(seed: int) -> None:
                rng = random.Random(seed)  # noqa: S311 - offsets, not secrets
                for _ in range(20):
                    top = rng.randrange(1, 30_000)
                    assert result._shared_spans([top], [top + 1]) == [result.Span(top, top + 1)]

            threads = [threading.Thread(target=grow, args=(10 * trial + i,)) for i in range(4)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            wrong = [
                k
                for k, span in enumerate(result._SPANS)
                if (span.start, span.end) != (k >> 1, (k >> 1) + (k & 1))
            ]
            assert wrong == [], f"trial {trial}: {len(wrong)} wrong spans"
    finally:
        sys.setswitchinterval(before)


def test_records_carry_their_own_offsets() -> None:
    out = normalize_text("Tom Hаnks and Tom Hаnks")  # Cyrillic а twice
    assert [(r.span.start, r.span.end) for r in out.replacements] == [(5, 6), (19, 20)]
