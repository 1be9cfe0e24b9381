"""``hoaxlens train``: learned signals, then the calibrated logistic combiner, as one JSON file.

Needs the ``train`` extra (scikit-learn). Deterministic: fixed seed, data digest recorded.

1. Every document is extracted and normalized once.
2. Trainable signals (the lexical n-gram model) are fitted fold by fold, so that each
   training document gets a score from a model that never saw it (stacking); then once
   on everything for the shipped model.
3. The logistic combiner learns from those out-of-fold scores, each weight kept on the
   side of its signal's ``direction`` (:mod:`hoaxlens.verdict.logistic`). Its own
   out-of-fold log-odds are mapped to probabilities by Platt scaling (a one-feature
   logistic fit on held-out predictions), once overall and once per length bucket, and
   the operating points are read off the calibrated out-of-fold probabilities, never off
   the evaluation split.

Short texts are in scope: every training story also yields short variants (its headline,
its first sentence, its first two sentences), labelled as the story, kept in the story's
fold (so no fold scores a variant of a story it trained on), together weighing
``SHORT_VARIANT_WEIGHT`` of the story.

Sources (input files) are weighted equally by default, so that a large auxiliary corpus
(GossipCop) does not drown the genre the tool is for (viral_stories).
"""

from __future__ import annotations

import json
import platform
import re
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from hoaxlens.analyzer import FeaturePipeline
from hoaxlens.errors import ConfigError, MissingExtraError, StageError
from hoaxlens.normalize import DEFAULT_NORMALIZE_CONFIG, NormalizeConfig
from hoaxlens.signals import available_signals, build_signals
from hoaxlens.training.metrics import auroc, confusion, ece
from hoaxlens.types import Failure, MediaType, RawDocument
from hoaxlens.verdict.logistic import fit_signed_logistic
from hoaxlens.verdict.model import (
    Calibration,
    LengthCalibration,
    Thresholds,
    VerdictModel,
    bucket_calibration,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from hoaxlens.signals import Signal
    from hoaxlens.training.labeled import LabeledItem
    from hoaxlens.types import Document

TARGET_PRECISION = 0.95  # the default "fabricated" operating point
TARGET_MISS_RATE = 0.05  # at most this share of fabricated items may fall below "genuine"
LENGTH_BUCKETS = (300, 1500)  # chars: short posts, ledes and snippets, full stories
SHORT_VARIANT_WEIGHT = 1.0  # all short variants of a story together weigh this much of it
MIN_BUCKET_ITEMS = 40  # fewer items of either label in a bucket: it uses the overall Platt
_SENTENCE_END = re.compile(r"(?<=[.!?\u2026])[\"'\u201d\u2019)]*\s+")


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
    short_variants: bool = True  # also train on each story's headline and first sentences


@dataclass(frozen=True, slots=True)
class _Prepared:
    docs: list[Document]
    labels: list[int]
    groups: list[str]  # input file: the unit of source balancing
    stories: list[int]  # index of the story a document is (a variant of): the fold unit
    variant_share: list[float]  # 1.0 for a story, its share of SHORT_VARIANT_WEIGHT else
    is_story: list[bool]  # False for a short variant
    skipped: int


def short_variants(doc: Document) -> list[str]:
    """Short texts a story yields: its headline, its first sentence, its first two.

    Only variants of three words or more, shorter than the story, each once.

    >>> from hoaxlens.types import Document, RawDocument, MediaType
    >>> raw = RawDocument("x", "", MediaType.TEXT, "-")
    >>> body = "He stopped the show. The crowd wept. Then he sang again."
    >>> short_variants(Document("x", "A star stops the show", body, body, (), raw))
    ['A star stops the show', 'He stopped the show.', 'He stopped the show. The crowd wept.']
    """
    sentences = [s for s in _SENTENCE_END.split(doc.text.strip(), maxsplit=2) if s]
    candidates = [doc.title.strip()]
    if len(sentences) > 1:
        candidates.append(sentences[0].strip())
    if len(sentences) > 2:
        candidates.append(f"{sentences[0].strip()} {sentences[1].strip()}")
    out: list[str] = []
    for text in candidates:
        if len(text.split()) >= 3 and len(text) < len(doc.text) and text not in out:
            out.append(text[:600])
    return out


def _prepare(items: Sequence[LabeledItem], normalize: NormalizeConfig, variants: bool) -> _Prepared:
    pipeline = FeaturePipeline((), normalize)
    out = _Prepared([], [], [], [], [], [], 0)
    skipped = stories = 0
    for labeled in items:
        if isinstance(labeled.item, Failure):
            skipped += 1
            continue
        try:
            story = pipeline.prepare(labeled.item)
        except StageError:
            skipped += 1
            continue
        docs = [story]
        for k, text in enumerate(short_variants(story) if variants else [], start=1):
            raw = RawDocument(f"{story.id}#short{k}", text, MediaType.TEXT, story.raw.source)
            try:
                docs.append(pipeline.prepare(raw))
            except StageError:
                continue
        group = labeled.item.source.rsplit("#", 1)[0]
        for k, doc in enumerate(docs):
            out.docs.append(doc)
            out.labels.append(labeled.label)
            out.groups.append(group)
            out.stories.append(stories)
            out.variant_share.append(SHORT_VARIANT_WEIGHT / (len(docs) - 1) if k else 1.0)
            out.is_story.append(not k)
        stories += 1
    return _Prepared(
        out.docs, out.labels, out.groups, out.stories, out.variant_share, out.is_story, skipped
    )


def source_weights(groups: Sequence[str], balance: bool) -> list[float]:
    """Per-item weights giving every source the same total weight (mean weight 1).

    >>> source_weights(["a", "a", "a", "b"], True)
    [0.6666666666666666, 0.6666666666666666, 0.6666666666666666, 2.0]
    """
    if not balance:
        return [1.0] * len(groups)
    counts = Counter(groups)
    return [len(groups) / (len(counts) * counts[g]) for g in groups]


def _weights(prepared: _Prepared, balance: bool) -> list[float]:
    """Source-balanced weights of the stories, shared out among each story's variants."""
    stories = [g for g, story in zip(prepared.groups, prepared.is_story, strict=True) if story]
    per_group = dict(zip(stories, source_weights(stories, balance), strict=True))
    return [
        per_group[g] * share
        for g, share in zip(prepared.groups, prepared.variant_share, strict=True)
    ]


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
        from sklearn.model_selection import StratifiedGroupKFold
    except ImportError as exc:
        raise MissingExtraError("training needs `pip install hoaxlens[train]`") from exc
    known = available_signals()
    signal_ids = options.signal_ids or tuple(s for s, cls in known.items() if cls.default_enabled)
    prepared = _prepare(items, options.normalize, options.short_variants)
    labels = prepared.labels
    story_labels = [y for y, story in zip(labels, prepared.is_story, strict=True) if story]
    if min(sum(story_labels), len(story_labels) - sum(story_labels)) < options.folds:
        raise ConfigError(f"need at least {options.folds} items of each label to train")
    weights = _weights(prepared, options.balance_sources)
    y, w = np.asarray(labels), np.asarray(weights)
    folds = list(  # a story and its short variants always share a fold
        StratifiedGroupKFold(options.folds, shuffle=True, random_state=options.seed).split(
            np.zeros(len(labels)), y, groups=prepared.stories
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

    signs = [1 if known[sid].direction == "fabricated" else -1 for sid in signal_ids]
    oof_logit = np.zeros(len(labels))
    for train_idx, test_idx in folds:
        fold_clf = fit_signed_logistic(
            x[train_idx], y[train_idx], w[train_idx], signs, options.regularization
        )
        oof_logit[test_idx] = fold_clf.decision_function(x[test_idx])

    def platt(mask: Any) -> Calibration:  # noqa: ANN401 - a numpy boolean mask
        fit = LogisticRegression(C=1e6, random_state=options.seed)
        fit.fit(oof_logit[mask].reshape(-1, 1), y[mask], sample_weight=w[mask])
        return Calibration(round(float(fit.coef_[0][0]), 6), round(float(fit.intercept_[0]), 6))

    calibration = platt(np.ones(len(labels), dtype=bool))
    chars = np.asarray([len(d.text) for d in prepared.docs])
    by_length = []
    for low, high in zip((0, *LENGTH_BUCKETS), (*LENGTH_BUCKETS, None), strict=True):
        mask = (chars >= low) & (chars < high if high is not None else True)
        enough = min(int(y[mask].sum()), int((1 - y[mask]).sum())) >= MIN_BUCKET_ITEMS
        by_length.append(LengthCalibration(high, platt(mask) if enough else calibration))
    oof = [
        (bucket_calibration(by_length, int(n)) or calibration).apply(float(v))
        for n, v in zip(chars, oof_logit, strict=True)
    ]
    clf = fit_signed_logistic(x, y, w, signs, options.regularization)
    thresholds = choose_thresholds(oof, labels, weights)
    tp, fp, fn, _ = confusion(oof, labels, thresholds.fabricated)
    story_groups = [
        (g, lab)
        for g, lab, story in zip(prepared.groups, labels, prepared.is_story, strict=True)
        if story
    ]
    per_source = {
        group.rsplit("/", 1)[-1]: {
            "items": sum(1 for g, _ in story_groups if g == group),
            "fabricated": sum(lab for g, lab in story_groups if g == group),
        }
        for group in sorted(set(prepared.groups))
    }
    card = {
        "trained": datetime.now(UTC).strftime("%Y-%m-%d"),
        "data": data_info,
        "items": {
            "fabricated": sum(story_labels),
            "genuine": len(story_labels) - sum(story_labels),
            "short_variants": len(labels) - len(story_labels),
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
        weights=tuple(round(float(v), 6) for v in clf.coef),
        bias=round(clf.intercept, 6),
        thresholds=thresholds,
        signal_params=tuple(
            (sid, json.dumps(learned_params.get(sid, {}), sort_keys=True, ensure_ascii=False))
            for sid in signal_ids
        ),
        card=tuple((k, json.dumps(v, sort_keys=True)) for k, v in card.items()),
        calibration=calibration,
        by_length=tuple(by_length),
    )
