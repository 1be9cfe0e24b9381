"""Render an ``EvalReport`` as JSON or as a terminal table."""

from __future__ import annotations

import math
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

    from hoaxlens.training.evaluate import EvalReport
    from hoaxlens.training.metrics import Estimate

METRICS = ("auroc", "precision", "recall", "f1", "fpr", "tpr_at_1pct_fpr", "ece")


def _clean(value: object) -> object:
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 4)
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def report_to_json(report: EvalReport) -> dict[str, Any]:
    """JSON-ready form: metric values with ``low``/``high`` 95 % bounds."""
    data = _clean(asdict(report))
    assert isinstance(data, dict)  # noqa: S101 - asdict always gives a dict
    data["labels"] = dict(report.labels)
    return data


def _fmt(e: Estimate) -> str:
    if math.isnan(e.value):
        return "n/a"
    return f"{e.value:.3f}  [{e.low:.3f}, {e.high:.3f}]"


def render_eval(report: EvalReport, console: Console | None = None) -> None:
    """Print the metrics table and the per-group breakdown."""
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    head = (
        f"{report.n} items ({report.fabricated} fabricated, {report.genuine} genuine), "
        f"{report.errors} errors; model {report.model_version}, "
        f"fabricated threshold {report.threshold:.3f}"
    )
    table = Table(title=head, title_justify="left")
    table.add_column("metric")
    table.add_column("value  [95% CI]")
    for name in METRICS:
        table.add_row(name, _fmt(getattr(report, name)))
    table.add_row("predicted labels", ", ".join(f"{k}={v}" for k, v in report.labels))
    table.add_row("fabricated without evidence", str(report.fabricated_without_evidence))
    table.add_row("genuine without evidence", str(report.genuine_without_evidence))
    for reason, count in report.abstained:
        table.add_row(f"abstained: {reason}", str(count))
    console.print(table)
    if len(report.groups) > 1 or report.groups[0].group != "all":
        groups = Table(title="breakdown", title_justify="left")
        for col in ("group", "n", "fabricated", "flagged", "correct", "mean score"):
            groups.add_column(col)
        for g in report.groups:
            groups.add_row(
                g.group,
                str(g.n),
                str(g.fabricated),
                str(g.flagged),
                str(g.correct),
                f"{g.mean_score:.3f}",
            )
        console.print(groups)
