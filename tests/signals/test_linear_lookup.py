"""The linear text model scores from its own copy of the weights: same logits, same model."""

from __future__ import annotations

import dataclasses
import math
import pickle

from hoaxlens.signals.linear import LinearTextModel
from hoaxlens.signals.ngrams import ngram_features

WEIGHTS = {"the": 0.5, "shocking": 1.25, "the shocking": -0.75, "truth": 2.0, "x y": 3.0}
TEXT = "The shocking truth: the truth they hid. Shocking!"


def _plain_logit(model: LinearTextModel, text: str) -> float:
    feats = ngram_features(text, model.max_n)
    total = math.fsum(model.weights.get(g, 0.0) for g in feats.distinct)
    return model.bias + feats.scale * total


def test_logit_is_the_weighted_sum_of_present_ngrams() -> None:
    model = LinearTextModel(WEIGHTS, -0.5, 2)
    feats = model.features(TEXT)
    assert math.isclose(model.logit(feats), _plain_logit(model, TEXT), rel_tol=1e-12)
    assert model.logit(model.features("nothing weighted here")) == -0.5


def test_ranking_reads_the_same_weights() -> None:
    model = LinearTextModel(WEIGHTS, 0.0, 2)
    feats = model.features(TEXT)
    ranked = list(model.ranked_positive(feats))
    assert [g for g, _ in ranked] == ["truth", "shocking", "the"]
    assert ranked == model.top_positive(feats, 10)


def test_the_table_is_no_part_of_the_model_value() -> None:
    model = LinearTextModel(WEIGHTS, 0.25, 2)
    assert model == LinearTextModel(dict(WEIGHTS), 0.25, 2)
    assert repr(model) == f"LinearTextModel(weights={WEIGHTS!r}, bias=0.25, max_n=2)"
    assert model.to_params() == {"weights": dict(sorted(WEIGHTS.items())), "bias": 0.25, "max_n": 2}


def test_copies_score_the_same() -> None:
    model = LinearTextModel(WEIGHTS, 0.25, 2)
    feats = model.features(TEXT)
    unpickled = pickle.loads(pickle.dumps(model))  # noqa: S301 - our own bytes
    for copy in (unpickled, dataclasses.replace(model, bias=0.25)):
        assert copy == model
        assert copy.logit(feats) == model.logit(feats)
    changed = dataclasses.replace(model, weights={**WEIGHTS, "truth": 0.0})
    assert changed.logit(feats) < model.logit(feats)


def test_a_change_to_the_weights_is_what_the_next_score_reads() -> None:
    model = LinearTextModel(WEIGHTS, 0.0, 2)
    feats = model.features(TEXT)
    before = model.logit(feats)
    weights = model.weights
    assert isinstance(weights, dict)
    weights["truth"] = 0.0  # the model's own copy: the caller's mapping is left as it was
    assert WEIGHTS["truth"] == 2.0
    assert model.logit(feats) < before
    assert math.isclose(model.logit(feats), _plain_logit(model, TEXT), rel_tol=1e-12)
    assert [g for g, _ in model.ranked_positive(feats)] == ["shocking", "the"]


def test_a_pickle_holds_the_weights_once() -> None:
    many = {f"word{i} gram{i}": i / 7 for i in range(2_000)}
    model = LinearTextModel(many, 0.5, 2)
    size = len(pickle.dumps(model))
    assert size < len(pickle.dumps(many)) + 200  # a second table of them would add ~18 KB
    unpickled = pickle.loads(pickle.dumps(model))  # noqa: S301 - our own bytes
    assert unpickled == model
    feats = model.features("word3 gram3 and word5 gram5")
    assert unpickled.logit(feats) == model.logit(feats) > 0.5
