"""``assess_scope(confidence=False)`` (the analyzer's call) decides exactly as the full gate."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from hoaxlens.scope import assess_scope

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "scope"


def _items() -> list[tuple[str, str]]:
    items = []
    for name in ("in_scope.jsonl", "out_of_scope.jsonl"):
        for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            items.append((record.get("text") or "", record.get("title") or ""))
    return items


@pytest.mark.parametrize(("text", "title"), _items())
def test_skipping_the_detector_changes_no_decision(text, title):
    full = assess_scope(text, title)
    fast = assess_scope(text, title, confidence=False)
    assert (fast.lang, fast.words, fast.reason) == (full.lang, full.words, full.reason)
    if math.isnan(fast.confidence):
        assert fast.lang == "en"


def test_a_long_english_sample_skips_the_detector():
    text = "The singer said that she was with her family when the news came, and they were " * 8
    assert math.isnan(assess_scope(text, confidence=False).confidence)
    assert not math.isnan(assess_scope(text).confidence)
