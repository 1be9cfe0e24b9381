"""Evaluation metrics on cases small enough to compute by hand."""

from __future__ import annotations

import math

import pytest

from hoaxlens.training.metrics import auroc, bootstrap, confusion, ece, f1_at, tpr_at_fpr, wilson

NAN = math.nan


def _same(value, expected, abs_tol=1e-9):
    if math.isnan(expected):
        return math.isnan(value)
    return math.isclose(value, expected, abs_tol=abs_tol)


@pytest.mark.parametrize(
    ("scores", "labels", "expected"),
    [
        pytest.param([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1], 1.0, id="perfect"),
        pytest.param([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1], 0.0, id="reversed"),
        pytest.param([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1], 0.5, id="all-tied"),
        pytest.param([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1], 0.75, id="one-pair-wrong"),
        pytest.param([0.2, 0.5, 0.5, 0.9], [0, 0, 1, 1], 0.875, id="one-tie-counts-half"),
        pytest.param([0.3, 0.1, 0.7], [1, 0, 0], 0.5, id="unsorted-input"),
        pytest.param([0.1, 0.9], [1, 1], NAN, id="positives-only-nan"),
        pytest.param([0.1, 0.9], [0, 0], NAN, id="negatives-only-nan"),
    ],
)
def test_metrics_auroc(scores, labels, expected):
    assert _same(auroc(scores, labels), expected)


@pytest.mark.parametrize(
    ("successes", "total", "value", "low", "high"),
    [
        pytest.param(5, 10, 0.5, 0.2366, 0.7634, id="half-of-ten"),
        pytest.param(0, 10, 0.0, 0.0, 0.2775, id="none-of-ten"),
        pytest.param(10, 10, 1.0, 0.7225, 1.0, id="all-of-ten"),
        pytest.param(9, 10, 0.9, 0.5958, 0.9821, id="nine-of-ten"),
        pytest.param(0, 0, NAN, NAN, NAN, id="empty-is-nan"),
    ],
)
def test_metrics_wilson_interval(successes, total, value, low, high):
    estimate = wilson(successes, total)
    assert _same(estimate.value, value)
    assert _same(estimate.low, low, abs_tol=1e-4)
    assert _same(estimate.high, high, abs_tol=1e-4)


SCORES = [0.9, 0.8, 0.7, 0.6, 0.3, 0.2]
LABELS = [1, 0, 1, 1, 0, 0]


@pytest.mark.parametrize(
    ("scores", "labels", "max_fpr", "expected"),
    [
        pytest.param(SCORES, LABELS, 0.0, 1 / 3, id="no-false-positive-allowed"),
        pytest.param(SCORES, LABELS, 0.01, 1 / 3, id="one-percent-of-three-negatives"),
        pytest.param(SCORES, LABELS, 0.34, 1.0, id="one-negative-allowed"),
        pytest.param(SCORES, LABELS, 1.0, 1.0, id="everything-allowed"),
        pytest.param([0.9, 0.8, 0.7, 0.2], [1, 1, 0, 0], 0.01, 1.0, id="separable"),
        pytest.param([0.9, 0.8], [1, 1], 0.01, NAN, id="no-negatives-nan"),
    ],
)
def test_metrics_tpr_at_fpr(scores, labels, max_fpr, expected):
    assert _same(tpr_at_fpr(scores, labels, max_fpr), expected)


@pytest.mark.parametrize(
    ("scores", "labels", "bins", "expected"),
    [
        pytest.param([0.9, 0.9], [1, 0], 10, 0.4, id="overconfident-bin"),
        pytest.param([0.25, 0.75], [0, 1], 10, 0.25, id="two-bins"),
        pytest.param([0.25, 0.75], [0, 1], 1, 0.0, id="one-bin-averages-out"),
        pytest.param([1.0, 0.0], [1, 0], 10, 0.0, id="edges-in-first-and-last-bin"),
        pytest.param([1.0], [0], 10, 1.0, id="score-one-lands-in-last-bin"),
        pytest.param([], [], 10, NAN, id="empty-is-nan"),
    ],
)
def test_metrics_ece(scores, labels, bins, expected):
    assert _same(ece(scores, labels, bins), expected)


@pytest.mark.parametrize(
    ("scores", "labels", "threshold", "counts", "f1"),
    [
        pytest.param([0.9, 0.6, 0.4, 0.1], [1, 0, 1, 0], 0.5, (1, 1, 1, 1), 0.5, id="one-of-each"),
        pytest.param([0.9, 0.5], [1, 0], 0.5, (1, 1, 0, 0), 2 / 3, id="threshold-inclusive"),
        pytest.param([0.1, 0.2], [1, 0], 0.5, (0, 0, 1, 1), 0.0, id="nothing-flagged"),
    ],
)
def test_metrics_confusion_and_f1(scores, labels, threshold, counts, f1):
    assert confusion(scores, labels, threshold) == counts
    assert f1_at(scores, labels, threshold) == pytest.approx(f1)


@pytest.mark.parametrize(
    ("scores", "labels", "value", "low", "high"),
    [
        pytest.param([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1], 1.0, 1.0, 1.0, id="separable-auroc"),
        pytest.param([0.1, 0.9], [1, 1], NAN, NAN, NAN, id="undefined-metric"),
    ],
)
def test_metrics_bootstrap_auroc(scores, labels, value, low, high):
    estimate = bootstrap(auroc, scores, labels, rounds=200)
    assert _same(estimate.value, value)
    assert _same(estimate.low, low)
    assert _same(estimate.high, high)


@pytest.mark.parametrize(
    ("scores", "labels"),
    [pytest.param([0.1, 0.4, 0.35, 0.8, 0.6, 0.3], [0, 0, 1, 1, 1, 0], id="noisy")],
)
def test_metrics_bootstrap_is_deterministic_and_brackets_value(scores, labels):
    first = bootstrap(auroc, scores, labels, rounds=300, seed=7)
    again = bootstrap(auroc, scores, labels, rounds=300, seed=7)
    assert first == again
    assert first.low <= first.value <= first.high
