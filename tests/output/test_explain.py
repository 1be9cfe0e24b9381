# ruff: noqa: RUF001, RUF002 - lookalike letters are the subject of these tests
"""Explanations from output records: ranking, both directions, grouping, at most 12 items."""

from __future__ import annotations

import math
import re

import pytest

from hoaxlens.output.explain import (
    TOP_ITEMS,
    abstention_message,
    explain,
    is_stop_text,
    summary_lines,
    top_items,
)

OBFUSCATED_WORDS = "Oпe Yoυ Daпced Aloпe stυdio bυzziпg rυппiпg"


def span(text: str, needle: str, nth: int = 0) -> dict[str, int]:
    """The ``nth`` occurrence of ``needle`` in ``text`` as a record span."""
    found = [m.start() for m in re.finditer(re.escape(needle), text)][nth]
    return {"start": found, "end": found + len(needle)}


def evidence(text: str, *needles: str, reason: str = "flagged") -> list[dict[str, object]]:
    return [span(text, n) | {"reason": f"{reason} {n!r}"} for n in needles]


def make_record(
    text: str,
    signals: list[dict[str, object]],
    *,
    baseline: float | None = -2.0,
    label: str = "fabricated",
    replacements: list[dict[str, object]] | None = None,
    abstain_reason: str | None = None,
    lang: str | None = "en",
) -> dict[str, object]:
    total = sum(float(s["contribution"]) for s in signals)
    final = (baseline if baseline is not None else -2.0) + total
    reps = replacements or []
    return {
        "id": "doc",
        "source": "test",
        "url": None,
        "title": None,
        "label": label,
        "score": round(1 / (1 + math.exp(-final)), 6),
        "abstain_reason": abstain_reason,
        "lang": lang,
        "text": text,
        "obfuscation": {"count": len(reps), "replacements": reps},
        "signals": signals,
        "people": [],
        "error": None,
        "baseline": baseline,
    }


def signal(sid: str, contribution: float, ev: list[dict[str, object]] | None = None) -> dict:
    return {"id": sid, "score": 0.5, "contribution": contribution, "evidence": ev or []}


def folded(original_text: str) -> tuple[str, list[dict[str, object]]]:
    """Fold п and υ like the normalizer: the restored text and its replacements."""
    swaps = {"п": "n", "υ": "u"}
    reps = [
        {
            "start": i,
            "end": i + 1,
            "original": c,
            "replacement": swaps[c],
            "step": "fold_confusables",
        }
        for i, c in enumerate(original_text)
        if c in swaps
    ]
    return "".join(swaps.get(c, c) for c in original_text), reps


# -- ranking and direction ---------------------------------------------------------------


def test_reasons_are_ranked_by_size_whichever_way_they_push():
    text = "Reuters reported the crowd wept as the star stopped the show."
    rec = make_record(
        text,
        [
            signal("emotional_language.v1", 0.8, evidence(text, "wept")),
            signal("attributed_source.v1", -2.5, evidence(text, "Reuters")),
            signal("lexical.v1", 1.6, evidence(text, "stopped the show")),
        ],
    )
    ex = explain(rec)
    assert [r.signal for r in ex.reasons] == [
        "attributed_source.v1",
        "lexical.v1",
        "emotional_language.v1",
    ]
    assert [r.direction for r in ex.reasons] == ["genuine", "fabricated", "fabricated"]
    assert [r.signal for r in ex.toward("genuine")] == ["attributed_source.v1"]
    assert [r.signal for r in ex.toward("fabricated")] == ["lexical.v1", "emotional_language.v1"]


def test_baseline_plus_contributions_is_the_final_log_odds():
    text = "A short story about a kind singer."
    rec = make_record(
        text, [signal("lexical.v1", 3.0), signal("x.v1", -1.0)], baseline=-4.0, label="uncertain"
    )
    ex = explain(rec)
    assert ex.baseline == -4.0
    assert ex.final == pytest.approx(-2.0)
    assert ex.final == pytest.approx(math.log(ex.score / (1 - ex.score)), abs=1e-4)


def test_a_record_without_baseline_derives_it_from_the_score():
    rec = make_record("Some story text here.", [signal("lexical.v1", 2.0)], baseline=None)
    rec["score"] = 0.5
    ex = explain(rec)
    assert ex.final == pytest.approx(0.0, abs=1e-9)
    assert ex.baseline == pytest.approx(-2.0)


@pytest.mark.parametrize(
    ("sid", "name", "has_description"),
    [
        pytest.param("lexical.v1", "Wording of known farm stories", True, id="builtin"),
        pytest.param("plugin_thing.v3", "plugin_thing.v3", False, id="unknown-plugin"),
    ],
)
def test_reasons_have_plain_names_and_descriptions(sid, name, has_description):
    ex = explain(make_record("Text of the story.", [signal(sid, 1.0)]))
    assert ex.reasons[0].name == name
    assert bool(ex.reasons[0].description) is has_description


def test_an_error_row_has_nothing_to_explain():
    rec = make_record("x", [])
    rec["score"] = None
    with pytest.raises(ValueError, match="error row"):
        explain(rec)


# -- evidence items ----------------------------------------------------------------------


def test_lookalike_letters_become_one_grouped_item():
    text, reps = folded(f"“{OBFUSCATED_WORDS}” — and more пight")
    words = re.findall(r"\w+", text)
    per_word = [span(text, w) | {"reason": f"{w!r} was obfuscated"} for w in words[:6]]
    rec = make_record(text, [signal("homoglyphs.v1", 0.6, per_word)], replacements=reps)
    (reason,) = explain(rec).reasons
    (item,) = reason.items
    n_n = sum(r["replacement"] == "n" for r in reps)
    n_u = sum(r["replacement"] == "u" for r in reps)
    assert item.grouped
    assert item.reason == (
        f"{n_n + n_u} letters in 8 words were lookalikes: {n_n} п → n, {n_u} υ → u"
    )
    assert item.count == 8
    assert item.text == "One, You, Danced, Alone …"
    assert text[item.start : item.end] == "One"


def test_removed_invisible_characters_are_counted_in_the_grouped_item():
    text = "Kindness goes viral"
    reps = [
        {"start": 4, "end": 4, "original": "\u200b", "replacement": "", "step": "strip_invisible"},
        {"start": 6, "end": 6, "original": "\u200b", "replacement": "", "step": "strip_invisible"},
    ]
    rec = make_record(text, [signal("homoglyphs.v1", 0.4)], replacements=reps)
    (item,) = explain(rec).reasons[0].items
    assert item.reason == "2 invisible characters removed (U+200B)"
    assert item.count == 1  # both inside "Kindness"


@pytest.mark.parametrize(
    ("quote", "dropped"),
    [
        pytest.param("his", True, id="stop-word"),
        pytest.param("through", True, id="stop-word-2"),
        pytest.param("But", True, id="capitalised-stop-word"),
        pytest.param("didn’t", True, id="curly-contraction"),
        pytest.param("No. No.", True, id="only-stop-words-and-punctuation"),
        pytest.param("—", True, id="punctuation-only"),
        pytest.param("room", True, id="filler-the-issue-names"),
        pytest.param("tears", False, id="content-word"),
        pytest.param("$38,000", False, id="a-number"),
        pytest.param("But fate had other plans.", False, id="sentence-with-stop-words"),
    ],
)
def test_stop_word_spans_never_stand_as_evidence(quote, dropped):
    assert is_stop_text(quote) is dropped
    text = f"Intro. {quote} Outro."
    rec = make_record(text, [signal("lexical.v1", 1.0, evidence(text, quote))])
    items = explain(rec).reasons[0].items
    assert (items == ()) is dropped


def test_duplicate_spans_and_repeated_words_merge():
    text = "Tears. Then tears again, and silence."
    ev = [
        *evidence(text, "Tears", "silence"),
        span(text, "Tears") | {"reason": "emotive word 'Tears'"},  # the very same span
        span(text, "tears") | {"reason": "emotive word 'tears'"},  # same word elsewhere
    ]
    rec = make_record(text, [signal("emotional_language.v1", 1.0, ev)])
    items = explain(rec).reasons[0].items
    assert [(i.text, i.count) for i in items] == [("Tears", 2), ("silence", 1)]
    assert items[0].spans == ((0, 5), (12, 17))


def test_at_most_twelve_items_dealt_by_rank_both_ways():
    words = [f"word{i}" for i in range(40)]
    text = " ".join(words)
    signals = [
        signal("lexical.v1", 9.0, evidence(text, *words[0:10])),
        signal("story_grammar.v1", 3.0, evidence(text, *words[10:20])),
        signal("attributed_source.v1", -2.0, evidence(text, *words[20:22])),
        signal("emotional_language.v1", 1.0, evidence(text, *words[22:32])),
        signal("silent.v1", 0.0, evidence(text, *words[32:40])),  # moved nothing: no items
        signal("clickbait_headline.v1", 0.8),  # no evidence at all
    ]
    shown = top_items(explain(make_record(text, signals)))
    assert sum(len(r.items) for r in shown) == TOP_ITEMS
    assert [r.signal for r in shown] == [
        "lexical.v1",
        "story_grammar.v1",
        "attributed_source.v1",
        "emotional_language.v1",
    ]
    assert [len(r.items) for r in shown] == [4, 3, 2, 3]
    assert [i.text for i in shown[0].items] == words[0:4]  # each signal keeps its order
    assert {r.direction for r in shown} == {"fabricated", "genuine"}
    assert sum(len(r.items) for r in top_items(explain(make_record(text, signals)), 5)) == 5


def test_seed_sized_record_shows_one_grouped_item_and_at_most_twelve(analyzer, seeds_dir):
    from hoaxlens.output import to_record
    from hoaxlens.types import MediaType, RawDocument

    for path in sorted(seeds_dir.glob("*.txt")):
        raw = RawDocument(path.name, path.read_text("utf-8"), MediaType.TEXT, str(path))
        rec = to_record(analyzer.analyze(raw))
        shown = top_items(explain(rec))
        items = [i for r in shown for i in r.items]
        assert len(items) <= TOP_ITEMS, path.name
        assert sum(i.grouped for i in items) == (1 if rec["obfuscation"]["count"] else 0)
        assert not any(is_stop_text(i.text) for i in items if not i.grouped)


# -- words for people ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reason", "lang", "words", "message"),
    [
        pytest.param(None, "en", None, None, id="judged"),
        pytest.param(
            "unsupported_language",
            "es",
            None,
            "Spanish: this model reads English; translate it or label it yourself.",
            id="spanish",
        ),
        pytest.param(
            "unsupported_language",
            None,
            None,
            "Unknown language: this model reads English; translate it or label it yourself.",
            id="unknown-language",
        ),
        pytest.param(
            "too_short",
            "en",
            3,
            "Too short to judge: 3 words and no evidence either way; label it yourself.",
            id="too-short",
        ),
        pytest.param(
            "no_story_text",
            None,
            1,
            "No story text: only a link or markup; fetch the page it points to.",
            id="bare-link",
        ),
    ],
)
def test_abstention_messages_in_plain_words(reason, lang, words, message):
    assert abstention_message(reason, lang, words=words) == message


def test_an_abstained_record_carries_its_message_and_no_summary_lines():
    rec = make_record(
        "Bare teaser here",
        [signal("lexical.v1", 2.0)],
        label="uncertain",
        abstain_reason="too_short",
    )
    ex = explain(rec)
    assert ex.abstention == (
        "Too short to judge: 3 words and no evidence either way; label it yourself."
    )
    assert summary_lines(ex) == []


def test_summary_lines_show_both_labels_own_label_first():
    text = "The AP reported the singer wept on stage, witnesses said."
    signals = [
        signal("lexical.v1", 4.0, evidence(text, "wept")),
        signal("unverifiable_attribution.v1", 1.5, evidence(text, "witnesses said")),
        signal("attributed_source.v1", -7.0, evidence(text, "The AP reported")),
        signal("clickbait_headline.v1", 0.3),  # small and nothing to quote: left out
    ]
    lines = summary_lines(explain(make_record(text, signals, label="genuine")))
    assert [side for side, _ in lines] == ["genuine", "fabricated", "fabricated"]
    assert lines[0][1] == "▼ genuine: attributed_source.v1: “The AP reported”"
    assert lines[1][1] == "▲ fabricated: Wording of known farm stories: “wept”"


def test_a_genuine_label_without_genuine_evidence_says_so():
    rec = make_record("Plain text.", [signal("lexical.v1", 0.2)], label="uncertain")
    assert summary_lines(explain(rec)) == []
    rec = make_record("Plain text.", [signal("lexical.v1", 0.2)], label="genuine")
    assert summary_lines(explain(rec)) == [("genuine", "▼ genuine: no evidence points this way")]


@pytest.mark.parametrize("cue", ["What He Did Next", "many said"])
def test_a_cue_of_common_words_is_still_evidence(cue):
    # a phrase cue from a pattern signal means something none of its words does alone
    assert not is_stop_text(cue)
