"""Repeats of the same evidence words are merged in linear time, into the same items.

At 8e4a339 each repeat of an item's words asked whether its span was among the item's spans
so far and copied them into a new tuple: evidence² in one signal's evidence count. Built-in
signals keep 25 spans, but a plugin signal can give more: 20,000 spans of one word took
7.7 s, 50,000 about a minute. The scale case runs in a child process with a limit on its CPU
time (``tests/cpuchild.py``); the property checks the items against that plain merge.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cpuchild import child_cpu, run_child
from hoaxlens.output.explain import EvidenceItem, _items, is_stop_text

CPU_SECONDS = 10.0  # 50,000 spans of one word: ~0.1 s now, ~50 s at 8e4a339

_CHILD = """
import sys, time
from hoaxlens.output.explain import explain
k = int(sys.argv[1])
text = "shocking " * k
evidence = [{"start": 9 * i, "end": 9 * i + 8, "reason": "r"} for i in range(k)]
evidence += evidence[: k // 2]  # repeats of the same spans count once
record = {
    "id": "x", "score": 0.9, "baseline": 0.0, "text": text, "label": "fabricated",
    "signals": [{"id": "plugin", "contribution": 1.0, "score": 0.9, "evidence": evidence}],
}
started = time.process_time()
explanation = explain(record)
cpu = time.process_time() - started
(item,) = explanation.reasons[0].items
assert item.count == len(item.spans) == k and item.spans[-1] == (9 * (k - 1), 9 * k - 1)
print(cpu)
"""


def _reference(text: str, evidence: list[dict[str, Any]]) -> tuple[EvidenceItem, ...]:
    """The merge of 8e4a339: one item per casefolded quote, its distinct spans in order."""
    merged: dict[str, EvidenceItem] = {}
    for ev in evidence:
        start, end = int(ev["start"]), int(ev["end"])
        quote = text[start:end]
        if is_stop_text(quote):
            continue
        key = " ".join(quote.casefold().split())
        seen = merged.get(key)
        if seen is None:
            merged[key] = EvidenceItem(start, end, quote, str(ev["reason"]), 1, ((start, end),))
        elif (start, end) not in seen.spans:
            merged[key] = replace(seen, count=seen.count + 1, spans=(*seen.spans, (start, end)))
    return tuple(merged.values())


@pytest.mark.slow
def test_many_repeats_of_one_word_are_merged_in_linear_time() -> None:
    output = run_child(_CHILD, "50000", wall_seconds=240.0, what="explain")
    cpu = child_cpu(output)
    assert cpu < CPU_SECONDS, f"explain took {cpu:.1f} s of CPU on 50,000 spans of one word"


_WORDS = ["Hoax", "hoax", "HOAX", "the", "The", "a", "vaccine", "many said", "no. no."]


@st.composite
def _evidence(draw: st.DrawFn) -> tuple[str, list[dict[str, Any]]]:
    text = " ".join(draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=12)))
    place = st.integers(0, len(text))
    spans = draw(st.lists(st.tuples(place, place), max_size=30))
    reasons = st.sampled_from(["first", "second", "third"])
    evidence = [{"start": min(a, b), "end": max(a, b), "reason": draw(reasons)} for a, b in spans]
    repeats = draw(st.lists(st.integers(0, max(0, len(evidence) - 1)), max_size=10))
    if evidence:
        evidence += [dict(evidence[i], reason="again") for i in repeats]
    return text, evidence


@given(_evidence())
def test_items_equal_the_plain_merge(case: tuple[str, list[dict[str, Any]]]) -> None:
    text, evidence = case
    assert _items(text, evidence) == _reference(text, evidence)


def test_repeated_words_keep_the_first_reason_and_every_distinct_span() -> None:
    text = "Hoax! the hoax, a HOAX"
    evidence = [
        {"start": 0, "end": 4, "reason": "first"},
        {"start": 6, "end": 9, "reason": "stop word"},
        {"start": 10, "end": 14, "reason": "second"},
        {"start": 0, "end": 4, "reason": "again"},
        {"start": 18, "end": 22, "reason": "third"},
    ]
    (item,) = _items(text, evidence)
    assert (item.start, item.end, item.text, item.reason) == (0, 4, "Hoax", "first")
    assert item.count == 3
    assert item.spans == ((0, 4), (10, 14), (18, 22))
