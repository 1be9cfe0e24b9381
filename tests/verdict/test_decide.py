"""No false all-clear: the scope gate and the evidence rules decide the final label."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from hoaxlens import Analyzer
from hoaxlens.languages import supported_languages
from hoaxlens.languages.model import load_language_model
from hoaxlens.output.record import to_record
from hoaxlens.scope import Scope
from hoaxlens.types import (
    AbstainReason,
    Evidence,
    Label,
    MediaType,
    RawDocument,
    SignalResult,
    Span,
)
from hoaxlens.verdict.decide import SHORT_WORDS, decide_label

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "scope"

EV = (Evidence(Span(0, 4), "a cue"),)
UP = SignalResult("teaser.v1", 0.9, EV)
DOWN = SignalResult("sourcing.v1", 0.9, EV)
QUIET = SignalResult("emotional_language.v1", 0.1)


def scope(words: int = 200, reason: AbstainReason | None = None) -> Scope:
    return Scope("en", 0.99, words, reason, "")


@pytest.mark.parametrize("label", list(Label))
def test_out_of_scope_is_uncertain_whatever_the_score(label):
    out = decide_label(label, (UP, DOWN), (3.0, -1.0), scope(reason=AbstainReason.NO_STORY_TEXT))
    assert out == (Label.UNCERTAIN, AbstainReason.NO_STORY_TEXT)


def test_fabricated_needs_a_span_that_pushed_up():
    assert decide_label(Label.FABRICATED, (UP, DOWN), (2.0, -1.0), scope()) == (
        Label.FABRICATED,
        None,
    )
    # the only span pulled the score down: nothing to show for "fabricated"
    assert decide_label(Label.FABRICATED, (QUIET, DOWN), (5.0, -1.0), scope()) == (
        Label.UNCERTAIN,
        None,
    )


def test_genuine_needs_a_span_that_pulled_down():
    assert decide_label(Label.GENUINE, (UP, DOWN), (0.5, -3.0), scope()) == (Label.GENUINE, None)
    assert decide_label(Label.GENUINE, (UP, QUIET), (0.5, 0.1), scope()) == (
        Label.UNCERTAIN,
        None,
    )


def test_short_text_without_evidence_either_way_abstains_as_too_short():
    short = scope(words=SHORT_WORDS - 1)
    assert decide_label(Label.GENUINE, (QUIET,), (0.1,), short) == (
        Label.UNCERTAIN,
        AbstainReason.TOO_SHORT,
    )
    # a one-sentence post whose words carry the evidence is judged
    assert decide_label(Label.FABRICATED, (UP,), (4.0,), short) == (Label.FABRICATED, None)


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def _raw(text: str, i: int = 0) -> RawDocument:
    return RawDocument(f"doc-{i}", text, MediaType.TEXT, "test")


def test_every_out_of_scope_input_is_uncertain_with_a_reason(analyzer):
    lines = (FIXTURES / "out_of_scope.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    assert len(rows) >= 100
    assert len({r["lang"] for r in rows if r["kind"] == "language"}) >= 8
    labelled = []
    for i, row in enumerate(rows):
        verdict = analyzer.analyze(_raw(row["text"], i))
        if verdict.model_version == load_language_model().version:
            # a language with its own model (issue 21): judged, the evidence rule holds
            assert verdict.lang in supported_languages(), row["id"]
            pairs = list(zip(verdict.signals, verdict.contributions, strict=True))
            if verdict.label is Label.FABRICATED:
                assert any(r.evidence and c > 0 for r, c in pairs), row["id"]
            if verdict.label is Label.GENUINE:
                assert any(r.evidence and c < 0 for r, c in pairs), row["id"]
            continue
        if verdict.label is not Label.UNCERTAIN or verdict.abstain_reason is None:
            labelled.append((row["id"], verdict.label.value, verdict.abstain_reason))
    assert labelled == []


def test_languages_without_a_model_still_abstain(analyzer):
    text = (
        "Zanger stopte het concert toen hij een huilend meisje op de eerste rij zag. "
        "Wat hij daarna deed, bracht 50.000 mensen tot tranen. Niemand had het verwacht."
    )
    verdict = analyzer.analyze(_raw(text))
    assert (verdict.label, verdict.abstain_reason, verdict.lang) == (
        Label.UNCERTAIN,
        AbstainReason.UNSUPPORTED_LANGUAGE,
        "nl",
    )


def test_spanish_tear_jerker_record_says_why(analyzer):
    text = (
        "Shakira detuvo el concierto cuando vio a una niña llorando en primera fila. "
        "Lo que hizo después dejó a 50.000 personas en lágrimas. Nadie lo vio venir."
    )
    record = to_record(analyzer.analyze(_raw(text)))
    # Spanish has its own model (hoaxlens.languages, issue 21): judged, not abstained
    assert (record["abstain_reason"], record["lang"]) == (None, "es")
    assert record["label"] != "genuine"
    assert {s["id"] for s in record["signals"]} >= {"lang_story.v1", "chargrams.v1"}


def test_bare_link_and_two_words_are_not_judged(analyzer):
    link = analyzer.analyze(_raw("https://www.facebook.com/share/p/1AbCdEfGh/"))
    assert (link.label, link.abstain_reason) == (Label.UNCERTAIN, AbstainReason.NO_STORY_TEXT)
    two = analyzer.analyze(_raw("so sad"))
    assert (two.label, two.abstain_reason) == (Label.UNCERTAIN, AbstainReason.TOO_SHORT)


def test_english_story_is_in_scope_and_baseline_adds_up(analyzer):
    text = Path(__file__).resolve().parents[2].joinpath("examples", "farm_collapse.txt").read_text()
    verdict = analyzer.analyze(_raw(text))
    assert verdict.abstain_reason is None
    assert verdict.lang == "en"

    logit = math.log(verdict.score / (1 - verdict.score))
    assert verdict.baseline + sum(verdict.contributions) == pytest.approx(logit, abs=1e-6)
