"""``hoaxlens eval``: score labelled data and report metrics with intervals."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hoaxlens.training.metrics import (
    Estimate,
    auroc,
    bootstrap,
    confusion,
    ece,
    f1_at,
    tpr_at_fpr,
    wilson,
)
from hoaxlens.types import Failure, Label
from hoaxlens.verdict.decide import has_evidence

if TYPE_CHECKING:
    from collections.abc import Sequence

    from hoaxlens.analyzer import Analyzer
    from hoaxlens.training.labeled import LabeledItem

MAX_FPR = 0.01


@dataclass(frozen=True, slots=True)
class GroupRow:
    """Metrics for one value of the ``--by`` field (e.g. one source kind)."""

    group: str
    n: int
    fabricated: int
    flagged: int  # score >= the fabricated threshold
    correct: int
    mean_score: float


@dataclass(frozen=True, slots=True)
class EvalReport:
    """Everything ``hoaxlens eval`` prints."""

    n: int
    fabricated: int
    genuine: int
    errors: int
    threshold: float
    auroc: Estimate
    precision: Estimate
    recall: Estimate
    f1: Estimate
    fpr: Estimate
    tpr_at_1pct_fpr: Estimate
    ece: Estimate
    labels: tuple[tuple[str, int], ...]  # count per predicted label
    fabricated_without_evidence: int
    genuine_without_evidence: int  # genuine labels with no span pulling the score down
    abstained: tuple[tuple[str, int], ...]  # count per abstain_reason
    groups: tuple[GroupRow, ...]
    model_version: str


def evaluate(analyzer: Analyzer, items: Sequence[LabeledItem], *, by: str | None) -> EvalReport:
    """Analyze every labelled item and compute the report.

    Errors are counted and scored as 0.5 (no evidence either way), never dropped.
    """
    scores: list[float] = []
    labels: list[int] = []
    groups: dict[str, list[tuple[float, int]]] = defaultdict(list)
    predicted: dict[str, int] = defaultdict(int)
    errors = no_evidence = genuine_unbacked = 0
    abstained: dict[str, int] = defaultdict(int)
    for labeled in items:
        outcome = analyzer.analyze_one(labeled.item)
        if isinstance(outcome, Failure):
            errors += 1
            score, name = 0.5, "error"
        else:
            score, name = outcome.score, outcome.label.value
            backing = (outcome.signals, outcome.contributions)
            if outcome.label is Label.FABRICATED and not has_evidence(*backing, +1):
                no_evidence += 1
            if outcome.label is Label.GENUINE and not has_evidence(*backing, -1):
                genuine_unbacked += 1
            if outcome.abstain_reason is not None:
                abstained[outcome.abstain_reason.value] += 1
        predicted[name] += 1
        scores.append(score)
        labels.append(labeled.label)
        key = dict(labeled.item.meta).get(by, "(none)") if by else "all"
        groups[key].append((score, labeled.label))
    t = analyzer.thresholds.fabricated
    tp, fp, fn, tn = confusion(scores, labels, t)
    return EvalReport(
        n=len(scores),
        fabricated=sum(labels),
        genuine=len(labels) - sum(labels),
        errors=errors,
        threshold=t,
        auroc=bootstrap(auroc, scores, labels),
        precision=wilson(tp, tp + fp),
        recall=wilson(tp, tp + fn),
        f1=bootstrap(lambda s, y: f1_at(s, y, t), scores, labels),
        fpr=wilson(fp, fp + tn),
        tpr_at_1pct_fpr=bootstrap(lambda s, y: tpr_at_fpr(s, y, MAX_FPR), scores, labels),
        ece=bootstrap(ece, scores, labels),
        labels=tuple(sorted(predicted.items())),
        fabricated_without_evidence=no_evidence,
        genuine_without_evidence=genuine_unbacked,
        abstained=tuple(sorted(abstained.items())),
        groups=tuple(
            GroupRow(
                group=key,
                n=len(rows),
                fabricated=sum(y for _, y in rows),
                flagged=sum(s >= t for s, _ in rows),
                correct=sum((s >= t) == (y == 1) for s, y in rows),
                mean_score=sum(s for s, _ in rows) / len(rows),
            )
            for key, rows in sorted(groups.items())
        ),
        model_version=analyzer.model.version,
    )
