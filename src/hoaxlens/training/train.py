"""``hoaxlens train``: learned signals, then the calibrated logistic combiner, as one JSON file.

Needs the ``train`` extra (scikit-learn). Deterministic: fixed seed, data digest recorded.

1. Every document is extracted and normalized once.
2. Trainable signals (the lexical n-gram model) are fitted fold by fold, so that each
   training document gets a score from a model that never saw it (stacking); then once
   on everything for the shipped model.
3. The logistic combiner learns from those out-of-fold scores. Its own out-of-fold
   log-odds are mapped to probabilities by Platt scaling (a one-feature logistic fit on
   held-out predictions), and the operating points are read off the calibrated
   out-of-fold probabilities, never off the evaluation split.

Sources (input files) are weighted equally by default, so that a large auxiliary corpus
(GossipCop) does not drown the genre the tool is for (viral_stories).
"""

from __future__ import annotations

import json
import platform
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from hoaxlens.analyzer import FeaturePipeline
from hoaxlens.errors import ConfigError, MissingExtraError, StageError
from hoaxlens.normalize import DEFAULT_NORMALIZE_CONFIG, NormalizeConfig
from hoaxlens.signals import available_signals, build_signals
from hoaxlens.training.metrics import auroc, confusion, ece
from hoaxlens.types import Failure
from hoaxlens.verdict.model import Calibration, Thresholds, VerdictModel

if TYPE_CHECKING:
    from collections.abc import Sequence

    from hoaxlens.signals import Signal
    from hoaxlens.training.labeled import LabeledItem
    from hoaxlens.types import Document

TARGET_PRECISION = 0.95  # the default "fabricated" operating point
TARGET_MISS_RATE = 0.05  # at most this share of fabricated items may fall below "genuine"


@dataclass(frozen=True, slots=True)
class TrainOptions:
    """How to train."""

    signal_ids: tuple[str, ...] = ()  # empty: every registered signal enabled by default
    seed: int = 0
    folds: int = 5
    regularization: float = 1.0  # inverse strength (scikit-learn's C) of the combiner
    version: str = "verdict-v2"
    balance_sources: bool = True  # each input file carries the same total weight
    normalize: NormalizeConfig = DEFAULT_NORMALIZE_CONFIG  # the user's [normalize] settings


@dataclass(frozen=True, slots=True)
class _Prepared:
    docs: list[Document]
    labels: list[int]
    groups: list[str]
    skipped: int


def _prepare(items: Sequence[LabeledItem], normalize: NormalizeConfig) -> _Prepared:
    pipeline = FeaturePipeline((), normalize)
    docs, labels, groups, skipped = [], [], [], 0
    for labeled in items:
        if isinstance(labeled.item, Failure):
            skipped += 1
            continue
        try:
            docs.append(pipeline.prepare(labeled.item))
        except StageError:
            skipped += 1
            continue
        labels.append(labeled.label)
        groups.append(labeled.item.source.rsplit("#", 1)[0])
    return _Prepared(docs, labels, groups, skipped)


def source_weights(groups: Sequence[str], balance: bool) -> list[float]:
    """Per-item weights giving every source the same total weight (mean weight 1).

    >>> source_weights(["a", "a", "a", "b"], True)
    [0.6666666666666666, 0.6666666666666666, 0.6666666666666666, 2.0]
    """
    if not balance:
        return [1.0] * len(groups)
    counts = Counter(groups)
    return [len(groups) / (len(counts) * counts[g]) for g in groups]


def _scores(signals: Sequence[Signal], docs: Sequence[Document]) -> list[list[float]]:
    pipeline = FeaturePipeline(tuple(signals), DEFAULT_NORMALIZE_CONFIG)  # docs are prepared
    return [[r.score for r in pipeline.score_signals(d)] for d in docs]


def _precision(oof: list[float], labels: list[int], weights: list[float], cut: float) -> float:
    tp = sum(w for s, y, w in zip(oof, labels, weights, strict=True) if s >= cut and y == 1)
    fp = sum(w for s, y, w in zip(oof, labels, weights, strict=True) if s >= cut and y == 0)
    return tp / max(1e-12, tp + fp)


def choose_thresholds(oof: list[float], labels: list[int], weights: list[float]) -> Thresholds:
    """Operating points from calibrated out-of-fold scores, with source weights.

    ``fabricated``: the lowest cut >= 0.5 whose (source-weighted) precision reaches
    ``TARGET_PRECISION``. ``genuine``: below it lies at most ``TARGET_MISS_RATE`` of the
    (weighted) fabricated items.

    >>> choose_thresholds([0.1, 0.2, 0.7, 0.9], [0, 0, 1, 1], [1.0] * 4)
    Thresholds(fabricated=0.7, genuine=0.5)
    """
    fabricated = next(
        (
            t
            for t in sorted(set(oof))
            if t >= 0.5 and _precision(oof, labels, weights, t) >= TARGET_PRECISION
        ),
        0.9,  # no cut reaches the target: stay conservative
    )
    positives = sorted((s, w) for s, y, w in zip(oof, labels, weights, strict=True) if y == 1)
    total = sum(w for _, w in positives)
    genuine, seen = 0.5, 0.0
    for s, w in positives:
        seen += w
        if seen > TARGET_MISS_RATE * total:
            genuine = s
            break
    genuine = min(genuine, fabricated, 0.5)
    return Thresholds(round(fabricated, 4), round(genuine, 4))


def train_model(
    items: Sequence[LabeledItem], options: TrainOptions, data_info: dict[str, object]
) -> VerdictModel:
    """Fit learned signals and the calibrated combiner; choose operating points.

    Raises:
        MissingExtraError: without scikit-learn.
        ConfigError: with too little data of either class.
    """
    try:
        import numpy as np
        from sklearn import __version__ as sklearn_version
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import StratifiedKFold
    except ImportError as exc:
        raise MissingExtraError("training needs `pip install hoaxlens[train]`") from exc
    known = available_signals()
    signal_ids = options.signal_ids or tuple(s for s, cls in known.items() if cls.default_enabled)
    prepared = _prepare(items, options.normalize)
    labels = prepared.labels
    if min(sum(labels), len(labels) - sum(labels)) < options.folds:
        raise ConfigError(f"need at least {options.folds} items of each label to train")
    weights = source_weights(prepared.groups, options.balance_sources)
    y, w = np.asarray(labels), np.asarray(weights)
    folds = list(
        StratifiedKFold(options.folds, shuffle=True, random_state=options.seed).split(
            np.zeros(len(labels)), y
        )
    )
    trainable = [sid for sid in signal_ids if known[sid].trainable]
    fixed = build_signals([sid for sid in signal_ids if sid not in trainable])
    fixed_scores = _scores(fixed, prepared.docs)
    learned_oof: dict[str, list[float]] = {}
    learned_params: dict[str, dict[str, object]] = {}
    for sid in trainable:
        cls, oof = known[sid], [0.0] * len(labels)
        for train_idx, test_idx in folds:
            params = cls.fit(
                [prepared.docs[i] for i in train_idx],
                [labels[i] for i in train_idx],
                [weights[i] for i in train_idx],
                options.seed,
            )
            (signal,) = build_signals([sid], {sid: params})
            for i, row in zip(
                test_idx, _scores([signal], [prepared.docs[i] for i in test_idx]), strict=True
            ):
                oof[i] = row[0]
        learned_oof[sid] = oof
        learned_params[sid] = cls.fit(prepared.docs, labels, weights, options.seed)
    fixed_pos = {s.id: k for k, s in enumerate(fixed)}
    x = np.asarray(
        [
            [
                learned_oof[sid][i] if sid in learned_oof else fixed_scores[i][fixed_pos[sid]]
                for sid in signal_ids
            ]
            for i in range(len(labels))
        ]
    )

    def combiner() -> Any:  # noqa: ANN401 - scikit-learn is untyped
        return LogisticRegression(
            C=options.regularization, class_weight="balanced", random_state=options.seed
        )

    oof_logit = np.zeros(len(labels))
    for train_idx, test_idx in folds:
        fold_clf = combiner().fit(x[train_idx], y[train_idx], sample_weight=w[train_idx])
        oof_logit[test_idx] = fold_clf.decision_function(x[test_idx])
    platt = LogisticRegression(C=1e6, random_state=options.seed)
    platt.fit(oof_logit.reshape(-1, 1), y, sample_weight=w)
    calibration = Calibration(
        round(float(platt.coef_[0][0]), 6), round(float(platt.intercept_[0]), 6)
    )
    oof = [calibration.apply(float(v)) for v in oof_logit]
    clf = combiner().fit(x, y, sample_weight=w)
    thresholds = choose_thresholds(oof, labels, weights)
    tp, fp, fn, _ = confusion(oof, labels, thresholds.fabricated)
    per_source = {
        group.rsplit("/", 1)[-1]: {
            "items": sum(1 for g in prepared.groups if g == group),
            "fabricated": sum(
                lab for g, lab in zip(prepared.groups, labels, strict=True) if g == group
            ),
        }
        for group in sorted(set(prepared.groups))
    }
    card = {
        "trained": datetime.now(UTC).strftime("%Y-%m-%d"),
        "data": data_info,
        "items": {
            "fabricated": sum(labels),
            "genuine": len(labels) - sum(labels),
            "skipped": prepared.skipped,
            "by_source": per_source,
            "balance_sources": options.balance_sources,
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
            "ece": round(ece(oof, labels), 4),
        },
    }
    return VerdictModel(
        version=options.version,
        signal_ids=signal_ids,
        weights=tuple(round(float(v), 6) for v in clf.coef_[0]),
        bias=round(float(clf.intercept_[0]), 6),
        thresholds=thresholds,
        signal_params=tuple(
            (sid, json.dumps(learned_params.get(sid, {}), sort_keys=True, ensure_ascii=False))
            for sid in signal_ids
        ),
        card=tuple((k, json.dumps(v, sort_keys=True)) for k, v in card.items()),
        calibration=calibration,
    )
