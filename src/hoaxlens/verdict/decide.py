"""From a score to a label a reviewer can trust: operating points, then the evidence rules.

1. Outside the model's scope (``Scope.reason``: another language, no story text, a
   couple of words) the label is ``uncertain`` whatever the score.
2. ``fabricated`` needs at least one evidence span from a signal that pushed the score up;
   ``genuine`` at least one from a signal that pulled it down (checkable sourcing). Without
   it the label is ``uncertain``: no verdict either way without something to check.
3. A short text (under ``SHORT_WORDS`` words) with no evidence either way abstains as
   ``too_short``: its words could not carry a judgement.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hoaxlens.types import AbstainReason, Label

if TYPE_CHECKING:
    from collections.abc import Sequence

    from hoaxlens.scope import Scope
    from hoaxlens.types import SignalResult

SHORT_WORDS = 40  # a post or a lede; a story is longer


def has_evidence(
    results: Sequence[SignalResult], contributions: Sequence[float], sign: int
) -> bool:
    """Whether a signal with evidence spans moved the log-odds in the direction ``sign``."""
    return any(r.evidence for r, c in zip(results, contributions, strict=True) if c * sign > 0)


def decide_label(
    label: Label,
    results: Sequence[SignalResult],
    contributions: Sequence[float],
    scope: Scope,
) -> tuple[Label, AbstainReason | None]:
    """Apply the scope gate and the evidence rules to the operating points' ``label``.

    Returns the final label and, when the text is outside what the model can judge, why.
    """
    if scope.reason is not None:
        return Label.UNCERTAIN, scope.reason
    toward_fabricated = has_evidence(results, contributions, +1)
    toward_genuine = has_evidence(results, contributions, -1)
    unsupported = {Label.FABRICATED: not toward_fabricated, Label.GENUINE: not toward_genuine}
    if unsupported.get(label, False):
        label = Label.UNCERTAIN
    if scope.words < SHORT_WORDS and not (toward_fabricated or toward_genuine):
        return Label.UNCERTAIN, AbstainReason.TOO_SHORT
    return label, None
