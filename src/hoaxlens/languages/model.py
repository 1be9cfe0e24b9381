"""The other-language verdict model: shared weights, per-language calibration, JSON only.

``logit = bias + Σ weight_i * feature_i`` where ``feature_i`` is signal ``i``'s score
(``chargrams.v1`` centred: ``2 * score - 1``). The weights are shared by every language
(fitted on all of them at once, English included through its built-in equivalents); each
language gets its own Platt scaling ``p = sigmoid(slope * logit + offset)`` (the shared one
for a language the model has not been calibrated on). Contributions are ``slope * weight_i *
feature_i``; with ``baseline = slope * bias + offset`` they add up to the log-odds of ``p``,
the same shape as the English model's.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from hoaxlens.errors import ModelError
from hoaxlens.types import Label
from hoaxlens.verdict.model import Calibration, Thresholds

if TYPE_CHECKING:
    from collections.abc import Sequence

    from hoaxlens.types import SignalResult

FORMAT = "hoaxlens-language-model"
BUNDLED = "languages-v1.json"
CENTRED = frozenset(["chargrams.v1"])  # signals read as 2 * score - 1


@dataclass(frozen=True, slots=True)
class LanguageModel:
    """Shared logistic weights over the language signals, calibrated per language."""

    version: str
    signal_ids: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    thresholds: Thresholds
    calibration: Calibration = field(default_factory=Calibration)
    by_language: tuple[tuple[str, Calibration], ...] = ()
    card: tuple[tuple[str, str], ...] = ()
    sha256: str = ""

    def __post_init__(self) -> None:
        if len(self.weights) != len(self.signal_ids):
            raise ModelError("the language model needs one weight per signal id")
        if not all(math.isfinite(w) for w in (*self.weights, self.bias)):
            raise ModelError("language model weights must be finite")

    def calibration_for(self, lang: str) -> Calibration:
        """The language's own Platt scaling, or the shared one."""
        return dict(self.by_language).get(lang, self.calibration)

    def features(self, results: Sequence[SignalResult]) -> list[float]:
        """The combiner's inputs from signal results (checked against ``signal_ids``).

        Raises:
            ModelError: when the results do not come from the model's signals.
        """
        ids = tuple(r.signal for r in results)
        if ids != self.signal_ids:
            raise ModelError(f"language model {self.version} expects {list(self.signal_ids)}")
        return [2.0 * r.score - 1.0 if r.signal in CENTRED else r.score for r in results]

    def combine(
        self, results: Sequence[SignalResult], lang: str
    ) -> tuple[float, tuple[float, ...], float]:
        """``(probability, contributions, baseline)`` in the language's calibrated log-odds."""
        cal = self.calibration_for(lang)
        raw = [w * x for w, x in zip(self.weights, self.features(results), strict=True)]
        score = cal.apply(self.bias + sum(raw))
        return score, tuple(cal.slope * c for c in raw), cal.slope * self.bias + cal.offset

    def decide(self, score: float) -> Label:
        """The operating points' label (before the evidence rule)."""
        if score >= self.thresholds.fabricated:
            return Label.FABRICATED
        if score < self.thresholds.genuine:
            return Label.GENUINE
        return Label.UNCERTAIN

    def to_json(self) -> dict[str, Any]:
        """The artifact as a JSON-ready mapping."""
        return {
            "format": FORMAT,
            "format_version": 1,
            "version": self.version,
            "signal_ids": list(self.signal_ids),
            "weights": [round(w, 6) for w in self.weights],
            "bias": round(self.bias, 6),
            "thresholds": {
                "fabricated": round(self.thresholds.fabricated, 6),
                "genuine": round(self.thresholds.genuine, 6),
            },
            "calibration": _cal_json(self.calibration),
            "calibration_by_language": {lang: _cal_json(c) for lang, c in self.by_language},
            "card": {key: json.loads(value) for key, value in self.card},
        }


def _cal_json(cal: Calibration) -> dict[str, float]:
    return {"slope": round(cal.slope, 6), "offset": round(cal.offset, 6)}


def _cal(obj: dict[str, Any]) -> Calibration:
    return Calibration(float(obj["slope"]), float(obj["offset"]))


def model_from_json(data: bytes, *, where: str) -> LanguageModel:
    """Parse and validate a language-model artifact.

    Raises:
        ModelError: for anything but a well-formed artifact.
    """
    try:
        obj = json.loads(data)
        if obj.get("format") != FORMAT or obj.get("format_version") != 1:
            raise ModelError(f"{where} is not a {FORMAT} file of version 1")
        return LanguageModel(
            version=str(obj["version"]),
            signal_ids=tuple(str(s) for s in obj["signal_ids"]),
            weights=tuple(float(w) for w in obj["weights"]),
            bias=float(obj["bias"]),
            thresholds=Thresholds(
                float(obj["thresholds"]["fabricated"]), float(obj["thresholds"]["genuine"])
            ),
            calibration=_cal(obj["calibration"]),
            by_language=tuple(
                (str(lang), _cal(c)) for lang, c in sorted(obj["calibration_by_language"].items())
            ),
            card=tuple((k, json.dumps(v, sort_keys=True)) for k, v in obj.get("card", {}).items()),
            sha256=hashlib.sha256(data).hexdigest(),
        )
    except ModelError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ModelError(f"{where} is not a valid language model: {exc!r}") from exc


@cache
def load_language_model() -> LanguageModel:
    """The language model shipped in the package."""
    data = resources.files("hoaxlens.languages").joinpath("data", BUNDLED).read_bytes()
    return model_from_json(data, where=f"bundled {BUNDLED}")
