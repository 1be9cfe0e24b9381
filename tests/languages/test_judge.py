import math

import pytest
from languages_helpers import FIXTURES, LANGS, doc_of

from hoaxlens.languages import judge, supported_languages
from hoaxlens.languages.model import load_language_model
from hoaxlens.types import Label


def test_supported_languages_are_the_folders():
    assert set(LANGS) <= set(supported_languages())
    model = load_language_model()
    assert {lang for lang, _ in model.by_language} == set(LANGS)


@pytest.mark.parametrize("lang", ["en", "ru", "xx", "zh", ""])
def test_unsupported_languages_return_none(lang):
    assert judge(doc_of("Some text of a story that is long enough."), lang) is None


@pytest.mark.parametrize("lang", LANGS)
def test_judge_gives_verdict_shapes_that_add_up(lang):
    for kind in ("fabricated", "genuine"):
        v = judge(doc_of(FIXTURES[lang][kind]), lang)
        assert v is not None
        assert v.lang == lang
        assert 0.0 <= v.score <= 1.0
        assert len(v.signals) == len(v.contributions)
        logit = v.baseline + sum(v.contributions)
        assert math.isclose(1 / (1 + math.exp(-logit)), v.score, rel_tol=1e-9, abs_tol=1e-12)
        assert v.model_version == load_language_model().version


@pytest.mark.parametrize("lang", LANGS)
def test_fixture_stories_rank_the_right_way(lang):
    fab = judge(doc_of(FIXTURES[lang]["fabricated"]), lang)
    gen = judge(doc_of(FIXTURES[lang]["genuine"]), lang)
    assert fab is not None
    assert gen is not None
    assert fab.score > gen.score
    assert gen.label is not Label.FABRICATED


@pytest.mark.parametrize("lang", LANGS)
def test_labels_follow_the_evidence_rule(lang):
    for kind in ("fabricated", "genuine"):
        v = judge(doc_of(FIXTURES[lang][kind]), lang)
        assert v is not None
        pairs = list(zip(v.signals, v.contributions, strict=True))
        if v.label is Label.FABRICATED:
            assert any(r.evidence and c > 0 for r, c in pairs)
        if v.label is Label.GENUINE:
            assert any(r.evidence and c < 0 for r, c in pairs)


def test_chargram_evidence_points_the_way_of_its_contribution():
    v = judge(doc_of(FIXTURES["es"]["fabricated"]), "es")
    assert v is not None
    i = [r.signal for r in v.signals].index("chargrams.v1")
    reasons = [e.reason for e in v.signals[i].evidence]
    toward = "fabricated" if v.contributions[i] > 0 else "genuine"
    assert all(toward in r for r in reasons)
