"""Evaluation metrics with confidence intervals; standard library only.

AUROC is the Mann-Whitney statistic; proportions get Wilson score intervals; AUROC, F1 and
ECE get percentile-bootstrap intervals with a fixed seed (deterministic output).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

Z95 = 1.959963984540054


@dataclass(frozen=True, slots=True)
class Estimate:
    """A metric value with its 95 % confidence interval."""

    value: float
    low: float
    high: float


def auroc(scores: Sequence[float], labels: Sequence[int]) -> float:
    """Area under the ROC curve (ties count half).

    >>> auroc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])
    0.75
    """
    pairs = sorted(zip(scores, labels, strict=True))
    n_pos = sum(labels)
    n_neg = len(labels) - n_pos
    if n_pos == 0 or n_neg == 0:
        return math.nan
    rank_sum = 0.0
    i = 0
    while i < len(pairs):
        j = i
        while j < len(pairs) and pairs[j][0] == pairs[i][0]:
            j += 1
        mid_rank = (i + j + 1) / 2  # 1-based average rank of the tie block
        rank_sum += mid_rank * sum(lab for _, lab in pairs[i:j])
        i = j
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def wilson(successes: int, total: int) -> Estimate:
    """Proportion with its Wilson 95 % interval.

    >>> e = wilson(9, 10); round(e.value, 2), round(e.low, 3), round(e.high, 3)
    (0.9, 0.596, 0.982)
    """
    if total == 0:
        return Estimate(math.nan, math.nan, math.nan)
    p = successes / total
    denom = 1 + Z95**2 / total
    centre = (p + Z95**2 / (2 * total)) / denom
    half = Z95 * math.sqrt(p * (1 - p) / total + Z95**2 / (4 * total**2)) / denom
    return Estimate(p, max(0.0, centre - half), min(1.0, centre + half))


def confusion(
    scores: Sequence[float], labels: Sequence[int], threshold: float
) -> tuple[int, int, int, int]:
    """Return ``(tp, fp, fn, tn)`` for ``score >= threshold`` predicted positive."""
    tp = fp = fn = tn = 0
    for s, y in zip(scores, labels, strict=True):
        predicted = s >= threshold
        tp += predicted and y == 1
        fp += predicted and y == 0
        fn += (not predicted) and y == 1
        tn += (not predicted) and y == 0
    return tp, fp, fn, tn


def f1_at(scores: Sequence[float], labels: Sequence[int], threshold: float) -> float:
    """F1 of the positive class at ``threshold``."""
    tp, fp, fn, _ = confusion(scores, labels, threshold)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def tpr_at_fpr(scores: Sequence[float], labels: Sequence[int], max_fpr: float) -> float:
    """Highest true-positive rate at a threshold whose false-positive rate is <= ``max_fpr``.

    >>> tpr_at_fpr([0.9, 0.8, 0.7, 0.2], [1, 1, 0, 0], 0.01)
    1.0
    """
    negatives = sorted((s for s, y in zip(scores, labels, strict=True) if y == 0), reverse=True)
    positives = [s for s, y in zip(scores, labels, strict=True) if y == 1]
    if not negatives or not positives:
        return math.nan
    allowed = math.floor(max_fpr * len(negatives))  # negatives allowed above the threshold
    # Threshold just above the (allowed+1)-th highest negative score.
    bar = negatives[allowed] if allowed < len(negatives) else -math.inf
    return sum(s > bar for s in positives) / len(positives)


def ece(scores: Sequence[float], labels: Sequence[int], bins: int = 10) -> float:
    """Expected calibration error over equal-width probability bins."""
    total = len(scores)
    if total == 0:
        return math.nan
    err = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        idx = [i for i, s in enumerate(scores) if lo <= s < hi or (b == bins - 1 and s == 1.0)]
        if idx:
            conf = sum(scores[i] for i in idx) / len(idx)
            acc = sum(labels[i] for i in idx) / len(idx)
            err += len(idx) / total * abs(conf - acc)
    return err


def bootstrap(
    metric: Callable[[Sequence[float], Sequence[int]], float],
    scores: Sequence[float],
    labels: Sequence[int],
    *,
    rounds: int = 1000,
    seed: int = 0,
) -> Estimate:
    """Metric with a percentile-bootstrap 95 % interval (fixed seed, stable output)."""
    value = metric(scores, labels)
    rng = random.Random(seed)  # noqa: S311 - resampling, not cryptography; seeded for stable output
    n = len(scores)
    samples = []
    for _ in range(rounds):
        idx = [rng.randrange(n) for _ in range(n)]
        v = metric([scores[i] for i in idx], [labels[i] for i in idx])
        if not math.isnan(v):
            samples.append(v)
    if not samples:
        return Estimate(value, math.nan, math.nan)
    samples.sort()
    return Estimate(
        value, samples[int(0.025 * len(samples))], samples[int(0.975 * len(samples)) - 1]
    )
