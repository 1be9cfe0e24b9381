"""A linear model over word n-grams, stored as plain JSON (n-gram → weight).

Used by the lexical and clickbait signals. Scoring needs only the standard library;
``fit_linear_text_model`` (scikit-learn, ``train`` extra) builds one from labelled texts.
"""

from __future__ import annotations

import heapq
import itertools
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from hoaxlens.errors import ConfigError, MissingExtraError
from hoaxlens.signals.ngrams import NgramFeatures, NgramTokens, features_of, ngram_features

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence


def _lookup_table(weights: Mapping[str, float]) -> dict[str, float]:
    """``dict(weights)`` built so that CPython keeps each key's hash in the table.

    A dict whose keys are all strings keeps only the key, so a miss (most of a text's
    n-grams have no weight) reads each string it passes over to compare hashes: one more
    cache miss each in a 40,000-entry table. Once a key of another type has been in the
    dict it stores the hashes itself and stays so; the look-ups give the same values
    (logit 1.16x faster in the pipeline, same process). The ``None`` key is removed again.
    """
    table: dict[object, float] = {None: 0.0}
    table.update(weights)
    del table[None]
    return cast("dict[str, float]", table)


def sigmoid(x: float) -> float:
    """Numerically safe logistic function."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


@dataclass(frozen=True, slots=True)
class LinearTextModel:
    """``logit = bias + scale · Σ weight[g]`` over the distinct n-grams ``g`` of a text.

    ``weights`` is the model's own dict, a copy of the mapping it was built with, in the
    form that keeps each key's hash (``_lookup_table``); scoring reads it directly, so a
    change to ``model.weights`` is what the next score sees. A pickle holds it once and
    rebuilds that form when loaded.
    """

    weights: Mapping[str, float]
    bias: float
    max_n: int = 2

    def __post_init__(self) -> None:
        object.__setattr__(self, "weights", _lookup_table(self.weights))

    def __reduce__(self) -> tuple[type[LinearTextModel], tuple[dict[str, float], float, int]]:
        """Pickled as its constructor's arguments: the weights once, their table rebuilt."""
        return type(self), (dict(self.weights), self.bias, self.max_n)

    def features(self, text: str) -> NgramFeatures:
        """The n-gram features this model reads from ``text``."""
        return ngram_features(text, self.max_n)

    def features_of(self, tokens: NgramTokens) -> NgramFeatures:
        """The n-gram features this model reads from tokenized text (``ngram_tokens``)."""
        return features_of(tokens, self.max_n)

    def logit(self, feats: NgramFeatures) -> float:
        """Log-odds of the positive class.

        The weights of the n-grams are added in order of first occurrence, 0.0 for the
        n-grams without one (most of them): one look-up each, in C. Adding 0.0 gives the
        same sum as skipping them (the sum starts at 0.0 and never becomes -0.0).
        """
        return self.bias + feats.scale * sum(
            map(self.weights.get, feats.distinct, itertools.repeat(0.0))
        )

    def top_positive(self, feats: NgramFeatures, k: int) -> list[tuple[str, float]]:
        """The ``k`` present n-grams that add most to the logit, largest first."""
        w = self.weights
        scale = feats.scale
        present = [(g, scale * w[g]) for g in filter(w.__contains__, feats.distinct) if w[g] > 0]
        present.sort(key=lambda gc: (-gc[1], gc[0]))
        return present[:k]

    def ranked_positive(self, feats: NgramFeatures) -> Iterator[tuple[str, float]]:
        """``top_positive(feats, len(feats.grams))``, one at a time: a heap, not a full sort.

        The order is the same: the key ``(-contribution, n-gram)`` is total (the n-grams are
        distinct), and negating a float is exact.
        """
        grams = feats.distinct
        scale = feats.scale
        weights = map(self.weights.get, grams, itertools.repeat(0.0))  # one look-up each
        heap = [(-(scale * v), g) for g, v in zip(grams, weights, strict=True) if v > 0]
        heapq.heapify(heap)
        while heap:
            negated, gram = heapq.heappop(heap)
            yield gram, -negated

    def to_params(self) -> dict[str, Any]:
        """JSON-ready parameters (what a signal's constructor takes)."""
        return {
            "weights": dict(sorted(self.weights.items())),
            "bias": self.bias,
            "max_n": self.max_n,
        }

    @classmethod
    def from_params(cls, weights: Mapping[str, float], bias: float, max_n: int) -> LinearTextModel:
        """Validate and build a model from its JSON parameters.

        Raises:
            ConfigError: for non-finite weights or an unsupported n-gram order.
        """
        if not 1 <= max_n <= 4:
            raise ConfigError(f"max_n must be 1..4, got {max_n}")
        clean = {str(g): float(v) for g, v in weights.items()}
        if not all(math.isfinite(v) for v in (*clean.values(), float(bias))):
            raise ConfigError("linear text model weights must be finite numbers")
        return cls(clean, float(bias), max_n)


def fit_linear_text_model(
    texts: Sequence[str],
    labels: Sequence[int],
    *,
    sample_weight: Sequence[float] | None = None,
    max_n: int = 2,
    min_df: int = 2,
    regularization: float = 1.0,
    keep: int = 40_000,
    seed: int = 0,
) -> LinearTextModel:
    """Fit an L2 logistic model on n-gram features; keep the ``keep`` largest weights.

    Raises:
        MissingExtraError: without scikit-learn.
    """
    try:
        import numpy as np
        from scipy.sparse import csr_matrix
        from sklearn.linear_model import LogisticRegression
    except ImportError as exc:
        raise MissingExtraError("training needs `pip install hoaxlens[train]`") from exc
    feats = [ngram_features(t, max_n) for t in texts]
    df: dict[str, int] = {}
    for f in feats:
        for g in f.distinct:
            df[g] = df.get(g, 0) + 1
    vocab = {g: i for i, g in enumerate(sorted(g for g, n in df.items() if n >= min_df))}
    rows, cols, vals = [], [], []
    for r, f in enumerate(feats):
        for g in f.distinct:
            c = vocab.get(g)
            if c is not None:
                rows.append(r)
                cols.append(c)
                vals.append(f.scale)
    x = csr_matrix((vals, (rows, cols)), shape=(len(feats), len(vocab)))
    clf = LogisticRegression(
        C=regularization, class_weight="balanced", max_iter=5000, random_state=seed
    )
    clf.fit(x, np.asarray(labels), sample_weight=sample_weight)
    coef = clf.coef_[0]
    names = sorted(vocab, key=vocab.__getitem__)
    order = np.argsort(-np.abs(coef), kind="stable")[:keep]
    weights = {names[i]: round(float(coef[i]), 5) for i in sorted(order) if coef[i] != 0}
    return LinearTextModel(weights, round(float(clf.intercept_[0]), 5), max_n)
