"""Fit the other-language model: chargram weights, shared combiner, per-language calibration.

Needs the ``train`` extra (numpy, scipy, scikit-learn); ``scripts/train_languages.py`` reads
the data and calls ``train_language_model``. Everything is deterministic: folds come from
SHA-256 of each item's site key, the solvers are deterministic, nothing is sampled.

1. Out-of-fold chargram scores: ``FOLDS`` folds by site (a site's items are never on both
   sides), a chargram model fitted on the other folds scores each fold.
2. The combiner (a class-balanced L2 logistic regression whose weights keep their signal's
   direction: ``verdict.logistic``, as the English model's) is fitted on all
   items' features with those out-of-fold chargram scores, and again per fold to give
   out-of-fold combined log-odds.
3. Platt scaling: a shared one on every item's out-of-fold log-odds, and one per language,
   pulled toward the shared one (``CAL_PRIOR``) because each language has a few dozen items.
4. Thresholds on the out-of-fold calibrated scores of the non-English items: ``fabricated``
   the lowest score whose precision reaches ``TARGET_PRECISION``, ``genuine`` the highest that
   leaves at most ``MAX_MISS`` of fabricated items below it.
5. The shipped chargram model is fitted on every item.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from hoaxlens.languages.chargrams import CharGramModel, slots_of
from hoaxlens.languages.model import LanguageModel
from hoaxlens.verdict.logistic import fit_signed_logistic
from hoaxlens.verdict.model import Calibration, Thresholds

if TYPE_CHECKING:
    from collections.abc import Sequence

    from numpy.typing import NDArray

SIGNAL_IDS = (
    "lang_story.v1",
    "lang_teaser.v1",
    "lang_alarm.v1",
    "lang_emotion.v1",
    "punctuation.v1",
    "homoglyphs.v1",
    "chargrams.v1",
    "lang_attribution.v1",
    "lang_specifics.v1",
)
SIGNS = (1, 1, 1, 1, 1, 1, 1, -1, -1)
CHARGRAM_INDEX = SIGNAL_IDS.index("chargrams.v1")
BUCKETS = 1 << 15
FOLDS = 5
CHARGRAM_C = 32.0  # chosen on out-of-fold tune AUROC among 0.5, 2, 8, 32, 128
COMBINER_C = 1.0
CAL_PRIOR = 4.0  # strength of the pull of a language's Platt scaling toward the shared one
TARGET_PRECISION = 0.95  # the target, as the English model's (training/train.py)
MAX_MISS = 0.05


@dataclass(frozen=True, slots=True)
class TrainItem:
    """One training text with its non-chargram features already scored."""

    id: str
    text: str
    label: int  # 1 fabricated
    lang: str
    site: str  # split/fold key (registrable domain or network)
    weight: float
    features: tuple[float, ...]  # in SIGNAL_IDS order, the chargram slot ignored


def fold_of(site: str, folds: int = FOLDS) -> int:
    """The fold of a site (SHA-256 of its key; stable).

    >>> fold_of("example.com") == fold_of("example.com")
    True
    """
    return hashlib.sha256(f"fold:{site}".encode()).digest()[1] % folds


def _matrix(texts: Sequence[str], buckets: int) -> Any:  # noqa: ANN401 - scipy sparse
    from scipy.sparse import csr_matrix

    rows, cols, vals = [], [], []
    for i, text in enumerate(texts):
        distinct = sorted({s for slots in slots_of(text, buckets) for s in slots})
        value = 1.0 / np.sqrt(len(distinct)) if distinct else 0.0
        rows.extend([i] * len(distinct))
        cols.extend(distinct)
        vals.extend([value] * len(distinct))
    return csr_matrix((vals, (rows, cols)), shape=(len(texts), buckets), dtype=np.float64)


def fit_chargrams(
    texts: Sequence[str],
    labels: Sequence[int],
    weights: Sequence[float],
    *,
    buckets: int = BUCKETS,
    c: float | None = None,
) -> CharGramModel:
    """An L2 logistic regression over hashed character n-grams (class-balanced)."""
    from sklearn.linear_model import LogisticRegression

    c = CHARGRAM_C if c is None else c

    x = _matrix(texts, buckets)
    clf = LogisticRegression(C=c, class_weight="balanced", max_iter=5000, solver="lbfgs")
    clf.fit(x, np.asarray(labels), sample_weight=np.asarray(weights))
    return CharGramModel(buckets, tuple(float(v) for v in clf.coef_[0]), float(clf.intercept_[0]))


def _chargram_scores(model: CharGramModel, texts: Sequence[str]) -> list[float]:
    out = []
    for text in texts:
        logit, _ = model.logit_and_tokens(text)
        out.append(2.0 / (1.0 + np.exp(-logit)) - 1.0)
    return out


def _platt(
    logits: NDArray[np.float64],
    y: NDArray[np.int_],
    w: NDArray[np.float64],
    prior: Calibration | None = None,
    strength: float = 0.0,
) -> Calibration:
    from scipy.optimize import minimize

    a0, b0 = (prior.slope, prior.offset) if prior else (1.0, 0.0)

    def loss(theta: NDArray[np.float64]) -> float:
        z = theta[0] * logits + theta[1]
        t = 2.0 * y - 1.0
        nll = float(np.sum(w * np.logaddexp(0.0, -t * z))) / float(np.sum(w))
        penalty = float((theta[0] - a0) ** 2 + (theta[1] - b0) ** 2)
        return nll + strength * penalty / len(y)

    res = minimize(loss, np.array([a0, b0]), method="L-BFGS-B", bounds=[(0.05, 20.0), (-20, 20)])
    return Calibration(float(res.x[0]), float(res.x[1]))


def _thresholds(scores: NDArray[np.float64], y: NDArray[np.int_]) -> Thresholds:
    order = sorted(set(scores.tolist()))
    fab = 1.0
    for t in order:  # lowest cut whose precision reaches the target (and stays a majority)
        picked = scores >= t
        if picked.sum() and float(y[picked].mean()) >= TARGET_PRECISION and t >= 0.5:
            fab = t
            break
    pos = np.sort(scores[y == 1])
    gen = float(pos[int(MAX_MISS * len(pos))]) if len(pos) else 0.5
    return Thresholds(fab, min(gen, fab))


@dataclass(frozen=True, slots=True)
class Trained:
    """The fitted artifacts and the out-of-fold scores they were chosen on."""

    model: LanguageModel
    chargrams: CharGramModel
    oof_scores: tuple[float, ...]  # calibrated, per item, in input order


def train_language_model(
    items: Sequence[TrainItem], *, version: str, card: dict[str, object]
) -> Trained:
    """Fit every part of the model (see the module docstring)."""
    import json

    texts = [it.text for it in items]
    y = np.asarray([it.label for it in items])
    w = np.asarray([it.weight for it in items], dtype=np.float64)
    fold = np.asarray([fold_of(it.site) for it in items])
    x = np.asarray([list(it.features) for it in items], dtype=np.float64)
    for k in range(FOLDS):
        held = np.flatnonzero(fold == k)
        rest = np.flatnonzero(fold != k)
        cg = fit_chargrams([texts[i] for i in rest], y[rest].tolist(), w[rest].tolist())
        x[held, CHARGRAM_INDEX] = _chargram_scores(cg, [texts[i] for i in held])
    combiner = fit_signed_logistic(x, y, w, SIGNS, c=COMBINER_C)
    oof_logit = np.zeros(len(items))
    for k in range(FOLDS):
        held, rest = fold == k, fold != k
        part = fit_signed_logistic(x[rest], y[rest], w[rest], SIGNS, c=COMBINER_C)
        oof_logit[held] = part.decision_function(x[held])
    shared = _platt(oof_logit, y, w)
    langs = sorted({it.lang for it in items} - {"en"})
    by_lang = []
    for lang in langs:
        pick = np.asarray([it.lang == lang for it in items])
        by_lang.append((lang, _platt(oof_logit[pick], y[pick], w[pick], shared, CAL_PRIOR)))
    cal = dict(by_lang)
    oof = np.asarray(
        [cal.get(it.lang, shared).apply(float(z)) for it, z in zip(items, oof_logit, strict=True)]
    )
    other = np.asarray([it.lang != "en" for it in items])
    thresholds = _thresholds(oof[other], y[other])
    chargrams = fit_chargrams(texts, y.tolist(), w.tolist())
    model = LanguageModel(
        version=version,
        signal_ids=SIGNAL_IDS,
        weights=tuple(float(v) for v in combiner.coef),
        bias=float(combiner.intercept),
        thresholds=thresholds,
        calibration=shared,
        by_language=tuple(by_lang),
        card=tuple((k, json.dumps(v, sort_keys=True)) for k, v in card.items()),
    )
    return Trained(model, chargrams, tuple(float(s) for s in oof))
