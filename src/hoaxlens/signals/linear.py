"""A linear model over word n-grams, stored as plain JSON (n-gram → weight).

Used by the lexical and clickbait signals. Scoring needs the standard library and numpy
(``LinearTextModel.logit_of``); ``fit_linear_text_model`` (scikit-learn, ``train`` extra)
builds one from labelled texts.
"""

from __future__ import annotations

import heapq
import itertools
import math
import operator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Self, cast

import numpy as np

from hoaxlens.errors import ConfigError, MissingExtraError
from hoaxlens.signals.ngrams import (
    SEPARATOR,
    NgramFeatures,
    NgramTokens,
    features_of,
    ngram_features,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping, Sequence

    from numpy.typing import NDArray

# A text of fewer words is scored from its n-gram strings (``logit``): there numpy's calls
# cost more than the strings.
HASHED_MIN_WORDS = 48
_MULTIPLIER = 0x9E3779B97F4A7C15 - (1 << 64)  # odd, written as a signed 64-bit integer
_SLOT = np.dtype([("key", "<i8"), ("weight", "<f8")])
_SIDE_BITS = 16  # each side of a ``_HashTable`` has 2**16 slots
_MAX_KICKS = 2_000


class _HashTable:
    """A bigram model's weights keyed by a 64-bit key of each n-gram, for numpy look-ups.

    A unigram's key is ``hash(word)``, a bigram's ``hash(a) * _MULTIPLIER + hash(b)`` in
    64 bits (wrapped): a text's keys come from its words' hashes in numpy, no bigram
    string built. Each key
    sits in one of two slots (cuckoo hashing): ``key & mask`` on the first side or
    ``(key >> bits) & mask`` on the second, each slot 16 bytes (key and weight), so that a
    look-up reads two cache lines, not a dict's index, entry, key string and float.
    ``first`` is None when the weights cannot be keyed so: an n-gram of more than two
    words, a key of 0 (an empty slot's), two n-grams with one key, or no place found.
    """

    __slots__ = ("bits", "first", "second")

    def __init__(self, weights: Mapping[str, float], bits: int = _SIDE_BITS) -> None:
        self.bits = bits
        self.first: NDArray[np.void] | None = None
        self.second: NDArray[np.void] | None = None
        parts = list(map(str.split, weights, itertools.repeat(SEPARATOR)))
        lengths = np.fromiter(map(len, parts), np.int64, len(parts))
        if (lengths > 2).any():
            return
        heads = np.fromiter(map(hash, map(operator.itemgetter(0), parts)), np.int64, len(parts))
        tails = np.fromiter(map(hash, map(operator.itemgetter(-1), parts)), np.int64, len(parts))
        keys = np.where(lengths == 2, heads * np.int64(_MULTIPLIER) + tails, heads)  # (wraps)
        if len(np.unique(keys)) < len(keys) or not keys.all():
            return  # two n-grams with one key, or a key of 0 (an empty slot's)
        mask = (1 << bits) - 1
        # the n-gram numbers in each slot (-1: empty); the first to want a slot of the first
        # side takes it, the others are placed one by one (Python lists: numpy's item access
        # is slower)
        firsts = np.unique(keys & mask, return_index=True)[1]
        placed = np.full(mask + 1, -1)
        placed[keys[firsts] & mask] = firsts
        slots: list[list[int]] = [placed.tolist(), [-1] * (mask + 1)]
        key_list = keys.tolist()
        left = np.ones(len(keys), np.bool_)
        left[firsts] = False
        for number in np.flatnonzero(left).tolist():
            moving, side = number, 0
            for _ in range(_MAX_KICKS):  # place it, moving the one held there to its other slot
                side_slots = slots[side]
                slot = (key_list[moving] >> (bits * side)) & mask
                moving, side_slots[slot] = side_slots[slot], moving
                if moving < 0:
                    break
                side ^= 1
            else:
                return
        values = np.fromiter(weights.values(), np.float64, len(parts))
        tables = []
        for side_slots in slots:
            numbers = np.array(side_slots)
            filled = numbers >= 0
            table = np.zeros(mask + 1, _SLOT)
            table["key"][filled] = keys[numbers[filled]]
            table["weight"][filled] = values[numbers[filled]]
            tables.append(table)
        self.first, self.second = tables


def _hashed_logit_sum(
    first: NDArray[np.void], second: NDArray[np.void], bits: int, words: tuple[str, ...]
) -> tuple[int, float]:
    """The number of distinct n-grams (1..2) of ``words`` and the sum of their weights.

    Added as ``logit`` adds them: one after the other from 0.0 (``cumsum``), in order of
    first occurrence (word ``i``, then the bigram ending at it), 0.0 for an n-gram without
    a weight.
    """
    mask = (1 << bits) - 1
    size = len(words)
    hashes = np.fromiter(map(hash, words), np.int64, size)
    keys = np.empty(2 * size - 1, np.int64)  # in the order of ``ngrams._in_order``
    keys[0] = hashes[0]
    keys[1::2] = hashes[1:]  # word i at 2i - 1, then the bigram ending at it
    keys[2::2] = hashes[:-1] * np.int64(_MULTIPLIER) + hashes[1:]  # (int64 arrays wrap)
    order = np.argsort(keys)
    ordered = keys[order]
    starts = np.empty(len(keys), np.bool_)  # where each distinct key's run starts
    starts[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=starts[1:])
    firsts = np.minimum.reduceat(order, np.flatnonzero(starts))  # first place of each
    firsts.sort()
    distinct = keys[firsts]
    here = first[distinct & mask]
    there = second[(distinct >> bits) & mask]
    added = np.empty(len(distinct) + 1)
    added[0] = 0.0  # (``sum`` starts from 0: 0.0 + -0.0 is 0.0 there too)
    added[1:] = np.where(
        here["key"] == distinct,
        here["weight"],
        np.where(there["key"] == distinct, there["weight"], 0.0),
    )
    return len(distinct), float(np.cumsum(added)[-1])


class _Weights(dict[str, float]):
    """A model's own weights: a dict that forgets its ``_HashTable`` when it is changed."""

    __slots__ = ("hashed",)

    def __init__(self) -> None:
        super().__init__()
        self.hashed: _HashTable | None = None  # built on first use (``LinearTextModel.logit_of``)

    def __setitem__(self, key: str, value: float) -> None:
        self.hashed = None
        super().__setitem__(key, value)

    def __delitem__(self, key: str) -> None:
        self.hashed = None
        super().__delitem__(key)

    # (typeshed pairs dict's ``__ior__`` with overloads of ``__or__`` not copied here)
    def __ior__(  # type: ignore[override,misc]
        self, other: Mapping[str, float] | Iterable[tuple[str, float]]
    ) -> Self:
        self.hashed = None
        return super().__ior__(other)

    def clear(self) -> None:
        """As ``dict.clear``."""
        self.hashed = None
        super().clear()

    def pop(self, *args: Any) -> Any:  # noqa: ANN401 - as dict's
        """As ``dict.pop``."""
        self.hashed = None
        return super().pop(*args)

    def popitem(self) -> tuple[str, float]:
        """As ``dict.popitem``."""
        self.hashed = None
        return super().popitem()

    def setdefault(self, key: str, default: float = 0.0) -> float:
        """As ``dict.setdefault``."""
        self.hashed = None
        return super().setdefault(key, default)

    def update(self, *args: Any, **kwargs: float) -> None:  # noqa: ANN401 - as dict's
        """As ``dict.update``."""
        self.hashed = None
        super().update(*args, **kwargs)


def _lookup_table(weights: Mapping[str, float]) -> _Weights:
    """A copy of ``weights`` built so that CPython keeps each key's hash in the table.

    A dict whose keys are all strings keeps only the key, so a miss (most of a text's
    n-grams have no weight) reads each string it passes over to compare hashes: one more
    cache miss each in a 40,000-entry table. Once a key of another type has been in the
    dict it stores the hashes itself and stays so; the look-ups give the same values
    (logit 1.16x faster in the pipeline, same process). The ``None`` key is removed again.
    """
    table = _Weights()
    dict.__setitem__(table, cast("str", None), 0.0)
    dict.update(table, weights)
    dict.__delitem__(table, cast("str", None))
    return table


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

    def logit_of(self, tokens: NgramTokens) -> float:
        """``logit(features_of(tokens))``, the same float, without the n-gram strings.

        For a model of unigrams and bigrams and a text of at least ``HASHED_MIN_WORDS``
        words, the n-grams are 64-bit keys (``_HashTable``) worked out, counted and looked
        up in numpy; two distinct n-grams with one key (about once in 2**64 pairs) would
        count as one. Else, or when the weights cannot be keyed so, as ``logit``.
        """
        words = tokens.words
        weights = self.weights
        if self.max_n == 2 and len(words) >= HASHED_MIN_WORDS and isinstance(weights, _Weights):
            table = weights.hashed
            if table is None:
                table = weights.hashed = _HashTable(weights)
            if table.first is not None and table.second is not None:
                count, total = _hashed_logit_sum(table.first, table.second, table.bits, words)
                return self.bias + 1.0 / math.sqrt(count) * total
        return self.logit(self.features_of(tokens))

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
