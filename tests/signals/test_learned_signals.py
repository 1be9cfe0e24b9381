"""The learned text signals: n-gram features, the linear model, lexical and clickbait."""

from __future__ import annotations

import re

import pytest

from hoaxlens.errors import ConfigError
from hoaxlens.signals import build_signals
from hoaxlens.signals.builtin.clickbait import ClickbaitHeadlineSignal, headline_of
from hoaxlens.signals.builtin.lexical import LexicalSignal
from hoaxlens.signals.linear import LinearTextModel, fit_linear_text_model
from hoaxlens.signals.ngrams import ngram_features
from hoaxlens.types import Document, MediaType, RawDocument

FAKE = [
    "Then it happened. The crowd fell silent and tears streamed down his face.",
    "No one saw it coming. Tears streamed down her face as the crowd fell silent.",
    "The crowd fell silent. Then it happened, and tears streamed down every face.",
    "What happened next left fans in tears. The crowd fell silent.",
]
REAL = [
    "The singer announced a tour on Monday, according to a statement from her label.",
    "According to court filings seen by Reuters, the actor settled the case on Friday.",
    "The band told the Associated Press that the album will be released in March.",
    "A spokesperson confirmed on Tuesday that the show was renewed, Variety reported.",
]


def _doc(text: str, title: str = "") -> Document:
    raw = RawDocument(id="d", content=text, media_type=MediaType.TEXT, source="t")
    return Document(id="d", title=title, text=text, original_text=text, replacements=(), raw=raw)


def test_ngram_spans_point_at_the_words_in_the_text():
    text = "Tears Streamed down. His face\u2019s tears"
    feats = ngram_features(text)
    for gram, (start, end) in feats.first_span.items():
        words = re.findall(r"[^\W_]+(?:'[^\W_]+)?", text[start:end].lower().replace("\u2019", "'"))
        assert words == gram.split()
    assert "face's" in feats.first_span
    assert feats.scale == pytest.approx(1 / len(feats.first_span) ** 0.5)


def test_fitted_model_separates_the_two_styles_and_round_trips_through_params():
    model = fit_linear_text_model(FAKE + REAL, [1] * 4 + [0] * 4, min_df=1, regularization=10.0)
    fake = model.logit(model.features("Then it happened: the crowd fell silent, in tears."))
    real = model.logit(model.features("According to a statement on Monday, the label confirmed."))
    assert fake > 0 > real
    again = LinearTextModel.from_params(**model.to_params())
    assert again == model


def test_lexical_signal_evidence_names_the_ngrams_it_points_at():
    params = LexicalSignal.fit([_doc(t) for t in FAKE + REAL], [1] * 4 + [0] * 4, [1.0] * 8, seed=0)
    (signal,) = build_signals(["lexical.v1"], {"lexical.v1": params})
    text = "Then it happened. The crowd fell silent."
    result = signal.score(_doc(text))
    assert result.score > 0.5
    assert result.evidence
    for ev in result.evidence:
        quoted = ev.reason.split("'")[1]
        assert text[ev.span.start : ev.span.end].lower().startswith(quoted.split()[0])
    genuine = signal.score(_doc("According to Reuters, the label said on Monday."))
    assert genuine.score < 0.5


def test_lexical_signal_without_weights_fails_with_a_clear_message():
    with pytest.raises(ConfigError, match="trained weights"):
        build_signals(["lexical.v1"])


@pytest.mark.parametrize(
    ("headline", "bait"),
    [
        pytest.param("You Won't Believe What This Singer Did For A Fan", True, id="bait"),
        pytest.param("17 Times Celebrities Made Us Cry This Year", True, id="listicle"),
        pytest.param("Parliament passes budget after late-night vote", False, id="news"),
        pytest.param("Court rejects appeal in copyright case against studio", False, id="court"),
    ],
)
def test_clickbait_signal_reads_headlines(headline, bait):
    result = ClickbaitHeadlineSignal().score(_doc(headline + "\n\nBody text.", title=headline))
    assert (result.score >= 0.5) is bait
    assert bool(result.evidence) is bait
    if bait:
        span = result.evidence[0].span
        assert span.start == 0
        assert span.end == len(headline)


def test_headline_falls_back_to_the_first_line_without_a_title():
    doc = _doc("  First line here\nsecond line")
    headline, span = headline_of(doc)
    assert headline == "First line here"
    assert span is not None
    assert doc.text[span.start : span.end] == headline
