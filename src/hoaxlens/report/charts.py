"""Charts rendered offline by matplotlib into inline SVG (no scripts, no network)."""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence
    from types import ModuleType

    from matplotlib.figure import Figure

_PROLOGUE = re.compile(r"^.*?(?=<svg)", re.S)


def _svg(fig: Figure) -> str:
    import matplotlib.pyplot as plt

    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    return _PROLOGUE.sub("", buffer.getvalue(), count=1)


def _pyplot() -> ModuleType:
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams["svg.hashsalt"] = "hoaxlens"  # stable element ids
    matplotlib.rcParams["svg.fonttype"] = "path"  # text as paths: no font needed to view
    import matplotlib.pyplot as plt

    return plt


def bar_chart(labels: Sequence[str], values: Sequence[int], title: str) -> str:
    """Horizontal bar chart (largest on top) as an ``<svg>`` element."""
    plt = _pyplot()
    height = 0.9 + 0.32 * max(len(labels), 1)
    fig, ax = plt.subplots(figsize=(6.4, height))
    shown = [label if len(label) <= 40 else label[:39] + "…" for label in labels]
    ax.barh(range(len(values)), values, color="#c0392b")
    ax.set_yticks(range(len(values)), shown)
    ax.invert_yaxis()
    ax.set_title(title, loc="left", fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig)


def histogram(scores: Sequence[float], threshold: float | None, title: str) -> str:
    """Score distribution in ten bins over [0, 1], with the fabricated threshold marked."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6.4, 2.6))
    ax.hist(scores, bins=[i / 10 for i in range(11)], color="#34495e", edgecolor="white")
    if threshold is not None:
        ax.axvline(threshold, color="#c0392b", linestyle="--", label=f"threshold {threshold:.2f}")
        ax.legend(frameon=False, fontsize=8)
    ax.set_xlim(0, 1)
    ax.set_xlabel("score (probability fabricated)")
    ax.set_ylabel("stories")
    ax.set_title(title, loc="left", fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig)
