"""``hoaxlens train``: fit the logistic combiner on labelled data and write the JSON artifact.

Needs the ``train`` extra (scikit-learn). Deterministic: fixed seed, data digest recorded.
Operating points come from out-of-fold predictions on the training data, never from the
evaluation split.
"""

from __future__ import annotations

import json
import platform
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from hoaxlens.analyzer import FeaturePipeline, _StageFailedError
from hoaxlens.errors import ConfigError, MissingExtraError
from hoaxlens.normalize import DEFAULT_NORMALIZE_CONFIG
from hoaxlens.signals import available_signals, build_signals
from hoaxlens.types import Failure
from hoaxlens.verdict.metrics import auroc, confusion
from hoaxlens.verdict.model import Thresholds, VerdictModel

if TYPE_CHECKING:
    from collections.abc import Sequence

    from hoaxlens.verdict.labeled import LabeledItem

TARGET_PRECISION = 0.95  # the default "fabricated" operating point
TARGET_MISS_RATE = 0.05  # at most this share of fabricated items may fall below "genuine"


@dataclass(frozen=True, slots=True)
class TrainOptions:
    """How to train."""

    signal_ids: tuple[str, ...] = ()  # empty: every registered signal
    seed: int = 0
    folds: int = 5
    regularization: float = 1.0  # inverse strength (scikit-learn's C)
    version: str = "verdict-v1"


def featurize(
    items: Sequence[LabeledItem], signal_ids: tuple[str, ...]
) -> tuple[list[list[float]], list[int], int]:
    """Signal scores per trainable item; returns features, labels and the skip count."""
    pipeline = FeaturePipeline(build_signals(signal_ids), DEFAULT_NORMALIZE_CONFIG)
    features, labels, skipped = [], [], 0
    for labeled in items:
        if isinstance(labeled.item, Failure):
            skipped += 1
            continue
        try:
            doc = pipeline.prepare(labeled.item)
            results = pipeline.score_signals(doc)
        except _StageFailedError:
            skipped += 1
            continue
        features.append([r.score for r in results])
        labels.append(labeled.label)
    return features, labels, skipped


def _precision(oof: list[float], labels: list[int], threshold: float) -> float:
    tp, fp, _, _ = confusion(oof, labels, threshold)
    return tp / max(1, tp + fp)


def _thresholds(oof: list[float], labels: list[int]) -> Thresholds:
    """Lowest cut >= 0.5 reaching the target precision; the genuine cut keeps misses rare."""
    fabricated = next(
        (
            t
            for t in sorted(set(oof))
            if t >= 0.5 and _precision(oof, labels, t) >= TARGET_PRECISION
        ),
        0.9,  # no cut reaches the target: stay conservative
    )
    positives = sorted(s for s, y in zip(oof, labels, strict=True) if y == 1)
    genuine = positives[int(TARGET_MISS_RATE * len(positives))] if positives else 0.5
    genuine = min(genuine, fabricated, 0.5)
    return Thresholds(round(fabricated, 4), round(genuine, 4))


def train_model(
    items: Sequence[LabeledItem], options: TrainOptions, data_info: dict[str, object]
) -> VerdictModel:
    """Fit the combiner and choose operating points from out-of-fold predictions.

    Raises:
        MissingExtraError: without scikit-learn.
        ConfigError: with too little data of either class.
    """
    try:
        import numpy as np
        from sklearn import __version__ as sklearn_version
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import StratifiedKFold, cross_val_predict
    except ImportError as exc:
        raise MissingExtraError("training needs `pip install hoaxlens[train]`") from exc
    signal_ids = options.signal_ids or tuple(available_signals())
    features, labels, skipped = featurize(items, signal_ids)
    if min(sum(labels), len(labels) - sum(labels)) < options.folds:
        raise ConfigError(f"need at least {options.folds} items of each label to train")
    x, y = np.asarray(features), np.asarray(labels)
    clf = LogisticRegression(
        C=options.regularization, class_weight="balanced", random_state=options.seed
    )
    folds = StratifiedKFold(options.folds, shuffle=True, random_state=options.seed)
    oof = [float(p) for p in cross_val_predict(clf, x, y, cv=folds, method="predict_proba")[:, 1]]
    clf.fit(x, y)
    thresholds = _thresholds(oof, labels)
    tp, fp, fn, _ = confusion(oof, labels, thresholds.fabricated)
    card = {
        "trained": datetime.now(UTC).strftime("%Y-%m-%d"),
        "data": data_info,
        "items": {
            "fabricated": sum(labels),
            "genuine": len(labels) - sum(labels),
            "skipped": skipped,
        },
        "seed": options.seed,
        "regularization_C": options.regularization,
        "scikit_learn": sklearn_version,
        "python": platform.python_version(),
        "cross_validation": {
            "folds": options.folds,
            "auroc": round(auroc(oof, labels), 4),
            "precision": round(tp / max(1, tp + fp), 4),
            "recall": round(tp / max(1, tp + fn), 4),
        },
    }
    return VerdictModel(
        version=options.version,
        signal_ids=signal_ids,
        weights=tuple(round(float(w), 6) for w in clf.coef_[0]),
        bias=round(float(clf.intercept_[0]), 6),
        thresholds=thresholds,
        signal_params=tuple((sid, json.dumps({})) for sid in signal_ids),
        card=tuple((k, json.dumps(v, sort_keys=True)) for k, v in card.items()),
    )
