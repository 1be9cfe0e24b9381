"""``LinearTextModel.logit_of`` (n-gram keys in numpy) gives the float ``logit`` gives."""

# ruff: noqa: S311 - seeded generators make test inputs, not secrets

from __future__ import annotations

import random

import pytest

from hoaxlens.signals.linear import HASHED_MIN_WORDS, LinearTextModel
from hoaxlens.signals.ngrams import ngram_features, ngram_tokens

WORDS = ["then", "it", "happened", "tears", "stage", "crowd", "a", "b", "don't", "café", "x9"]


def _texts(rng: random.Random, count: int) -> list[str]:
    out = []
    for _ in range(count):
        size = rng.choice([0, 1, 2, 5, HASHED_MIN_WORDS - 1, HASHED_MIN_WORDS, 200, 700])
        out.append(" ".join(rng.choice(WORDS) for _ in range(size)))
    return out


def _weights(rng: random.Random, texts: list[str]) -> dict[str, float]:
    grams = sorted({g for t in texts for g in ngram_features(t).grams})
    weights = {g: rng.uniform(-3, 3) for g in grams if rng.random() < 0.6}
    weights[grams[0]] = -0.0
    weights["not in any text"] = 5.0  # two words more than a bigram: not keyed, not found
    return weights


def _same(model: LinearTextModel, text: str) -> bool:
    tokens = ngram_tokens(text)
    return model.logit_of(tokens).hex() == model.logit(model.features_of(tokens)).hex()


def test_logit_of_is_logit_to_the_last_bit():
    rng = random.Random(18)
    texts = _texts(rng, 300)
    weights = _weights(rng, texts)
    weights.pop("not in any text")
    model = LinearTextModel(weights, 0.25, 2)
    assert all(_same(model, text) for text in texts)
    assert model.weights.hashed is not None  # the long texts took the keyed path
    assert model.weights.hashed.first is not None


@pytest.mark.parametrize("bias", [0.0, -0.0, -1.5])
def test_a_text_with_no_weighted_ngram_scores_the_bias(bias):
    model = LinearTextModel({"zebra": 1.0, "zebra crossing": 2.0}, bias, 2)
    text = " ".join(["crowd"] * HASHED_MIN_WORDS)
    assert model.logit_of(ngram_tokens(text)).hex() == (bias + 1.0 * 0).hex()
    assert _same(model, text)


def test_a_change_to_the_weights_is_what_logit_of_reads():
    rng = random.Random(5)
    texts = [t for t in _texts(rng, 60) if len(t.split()) >= HASHED_MIN_WORDS]
    weights = _weights(rng, texts)
    weights.pop("not in any text")
    model = LinearTextModel(weights, 0.0, 2)
    assert all(_same(model, t) for t in texts)
    gram = next(iter(weights))
    changes = [
        lambda w: w.__setitem__(gram, 7.0),
        lambda w: w.__delitem__(gram),
        lambda w: w.update({"crowd": -4.0}),
        lambda w: w.__ior__({"tears stage": 3.5}),
        lambda w: w.pop("crowd"),
        lambda w: w.setdefault("happened", 1.25),
        lambda w: w.popitem(),
        lambda w: w.clear(),
    ]
    for change in changes:  # each read by the next score (the keyed table made again)
        change(model.weights)
        assert all(_same(model, t) for t in texts)
    assert all(model.logit_of(ngram_tokens(t)) == 0.0 for t in texts)  # no weights left


def test_weights_that_cannot_be_keyed_score_as_logit():
    rng = random.Random(9)
    texts = _texts(rng, 80)
    weights = _weights(rng, texts)  # with a three-word n-gram: no keys for this model
    model = LinearTextModel(weights, 0.5, 2)
    assert all(_same(model, text) for text in texts)
    assert model.weights.hashed is not None
    assert model.weights.hashed.first is None
    trigrams = LinearTextModel(weights, 0.5, 3)  # other orders take the strings too
    assert all(_same(trigrams, text) for text in texts)
