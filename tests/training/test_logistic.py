"""The sign-constrained combiner: sklearn's objective, weights on their signal's side."""

from __future__ import annotations

import numpy as np
import pytest

from hoaxlens.training.train import short_variants
from hoaxlens.types import Document, MediaType, RawDocument
from hoaxlens.verdict.logistic import fit_signed_logistic

sklearn = pytest.importorskip("sklearn.linear_model")


def _data(seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.random((400, 3))
    logit = 4 * x[:, 0] - 3 * x[:, 1] + 0.5 * x[:, 2] - 0.5
    y = (rng.random(400) < 1 / (1 + np.exp(-logit))).astype(int)
    w = rng.uniform(0.5, 2.0, 400)
    return x, y, w


def test_unconstrained_fit_equals_scikit_learn():
    x, y, w = _data()
    ours = fit_signed_logistic(x, y, w, [0, 0, 0], c=1.0)
    ref = sklearn.LogisticRegression(C=1.0, class_weight="balanced", tol=1e-10, max_iter=5000)
    ref.fit(x, y, sample_weight=w)
    np.testing.assert_allclose(ours.coef, ref.coef_[0], atol=1e-4)
    assert ours.intercept == pytest.approx(ref.intercept_[0], abs=1e-4)


def test_weights_stay_on_their_signals_side():
    x, y, w = _data()
    # signal 1 really pushes toward genuine: declared "fabricated", it is held at zero
    wrong = fit_signed_logistic(x, y, w, [1, 1, 1])
    assert wrong.coef[1] == 0.0
    assert wrong.coef[0] > 0
    right = fit_signed_logistic(x, y, w, [1, -1, 1])
    assert right.coef[1] < 0
    assert right.coef[0] > 0


def test_short_variants_are_headline_and_first_sentences():
    raw = RawDocument("x", "", MediaType.TEXT, "-")
    body = "Blake Shelton stopped the show. Then the crowd cried. Nobody moved. " * 3
    doc = Document("x", "The night Blake stopped", body, body, (), raw)
    assert short_variants(doc) == [
        "The night Blake stopped",
        "Blake Shelton stopped the show.",
        "Blake Shelton stopped the show. Then the crowd cried.",
    ]
    two_words = Document("x", "So sad", "One line only, no second sentence", "", (), raw)
    assert short_variants(two_words) == []
