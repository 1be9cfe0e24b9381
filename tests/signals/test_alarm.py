"""alarm.v1: the framing of fake breaking death and health stories (texts written for the test)."""

from __future__ import annotations

import pytest

from hoaxlens.signals.builtin.alarm import AlarmSignal
from hoaxlens.types import Document, MediaType, RawDocument


def _doc(text: str) -> Document:
    raw = RawDocument("t", text, MediaType.TEXT, "test")
    return Document("t", "", text, text, (), raw)


def _spans(text: str) -> list[str]:
    result = AlarmSignal().score(_doc(text))
    return [text[e.span.start : e.span.end] for e in result.evidence]


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("\U0001f6a8 Country legend Dale Rowe has died \U0001f6a8", "\U0001f6a8"),
        ("SAD NEWS: the beloved host said goodbye tonight.", "SAD NEWS"),
        ("15 minutes ago, the family of a famous singer asked for prayers.", "15 minutes ago"),
        ("[R.I.P] Actor Tom Vale died in a car crash. His driver was drunk.", "[R.I.P]"),
        ("R.IP Actor Tom Vale died in a car crash. His driver was drunk.", "R.IP"),
        ("[RI.P] Actor Tom Vale died in a car crash. His driver was drunk.", "[RI.P]"),
        ("[CNN BREAKING NEWS]: the famous actor was found in his home", "[CNN BREAKING NEWS]"),
        ("The actor passed away suddenly this morning at his ranch.", "passed away suddenly"),
        ("Legend finally says his last goodbye #whodiedtoday", "#whodiedtoday"),
    ],
)
def test_alarm_cues_are_found_with_their_span(text, cue):
    assert cue in _spans(text)
    assert AlarmSignal().score(_doc(text)).score > 0.6


def test_sourced_death_report_does_not_count_as_alarm():
    text = (
        "NASHVILLE, Tenn. (AP) - Dale Rowe, the country singer, died suddenly on Monday at 71, "
        "his publicist said in a statement."
    )
    result = AlarmSignal().score(_doc(text))
    assert result.score == 0.0
    assert result.evidence == ()


def test_lower_case_breaking_in_prose_is_not_alarm():
    text = "The record-breaking tour ended in Denver, and the band said it was breaking up."
    assert AlarmSignal().score(_doc(text)).score == 0.0


def test_score_does_not_depend_on_length():
    cue = "SAD NEWS: "
    short = AlarmSignal().score(_doc(cue + "a beloved singer is gone."))
    long = AlarmSignal().score(_doc(cue + "a beloved singer is gone. " + "She sang. " * 200))
    assert short.score == pytest.approx(long.score)
