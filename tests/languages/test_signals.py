import pytest
from languages_helpers import FIXTURES, LANGS, doc_of

from hoaxlens.languages.signals import (
    AlarmCues,
    AttributionCues,
    EmotionCues,
    PunctuationSignal,
    SpecificsCues,
    StoryCues,
    TeaserCues,
)

FAB = (StoryCues, TeaserCues, AlarmCues, EmotionCues)
GEN = (AttributionCues, SpecificsCues)


@pytest.mark.parametrize("lang", LANGS)
def test_fabricated_fixture_fires_the_genre_cues_with_spans(lang):
    doc = doc_of(FIXTURES[lang]["fabricated"])
    for cls in FAB:
        result = cls(lang=lang).score(doc)
        assert result.score > 0, f"{lang} {cls.id}"
        assert result.evidence
        for ev in result.evidence:
            assert 0 <= ev.span.start < ev.span.end <= len(doc.text)
            assert ev.reason
    for cls in GEN:
        assert cls(lang=lang).score(doc).score < 0.6


@pytest.mark.parametrize("lang", LANGS)
def test_genuine_fixture_fires_the_sourcing_cues(lang):
    doc = doc_of(FIXTURES[lang]["genuine"])
    assert AttributionCues(lang=lang).score(doc).evidence
    assert SpecificsCues(lang=lang).score(doc).evidence
    assert StoryCues(lang=lang).score(doc).score == 0
    assert TeaserCues(lang=lang).score(doc).score == 0


def test_span_text_is_the_phrase():
    doc = doc_of("Y entonces... nadie lo vio venir. Según informó la policía, no hubo heridos.")
    story = StoryCues(lang="es").score(doc)
    assert [doc.text[e.span.start : e.span.end] for e in story.evidence] == ["nadie lo vio venir"]
    attribution = AttributionCues(lang="es").score(doc)
    assert any("Según informó" in doc.text[e.span.start : e.span.end] for e in attribution.evidence)


def test_name_placeholder_needs_a_capital():
    sig = AttributionCues(lang="es")
    assert sig.score(doc_of("Lo dijo, según Marta Ruiz, portavoz.")).evidence
    assert not any("según" in e.reason for e in sig.score(doc_of("lo hizo según pudo")).evidence)


def test_punctuation_signal_is_language_independent():
    doc = doc_of("Increíble!!! 😭😭 👇👇 #viral")
    result = PunctuationSignal().score(doc)
    assert result.score > 0.8
    assert len(result.evidence) >= 4
    assert PunctuationSignal().score(doc_of("Una frase tranquila.")).score == 0
