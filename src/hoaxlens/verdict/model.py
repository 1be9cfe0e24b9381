"""The verdict model: a logistic combiner over signal scores, stored as JSON.

``score = sigmoid(bias + Σ weight_i * signal_i)``; each ``weight_i * signal_i`` is that
signal's contribution to the log-odds, shown to the user as part of the explanation.
Training (scikit-learn, ``train`` extra) writes the JSON; inference needs nothing but the
standard library.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from hoaxlens.errors import ModelError
from hoaxlens.types import Label

if TYPE_CHECKING:
    from collections.abc import Iterator

    from hoaxlens.types import SignalResult

FORMAT = "hoaxlens-verdict-model"
FORMAT_VERSION = 3
# version 1 files have no calibration (identity); version 2 one calibration for every length
READABLE_VERSIONS = (1, 2, 3)
BUNDLED_MODEL = "verdict-v2.json"


class SignalParams(Sequence[tuple[str, str]]):
    """A loaded model's ``(signal id, JSON text of its parameters)`` pairs, text on demand.

    Equal to (and hashed as) the tuple of pairs a trained model holds, the text written
    with sorted keys. ``load_model`` keeps the parameters as it parsed them and writes the
    text only when something reads it: ``params_for`` hands out the parsed parameters, and
    writing lexical.v1's 40,000 weights back to text cost ~27 ms of every start-up.
    """

    __slots__ = ("_pairs", "_parsed")

    def __init__(self, parsed: dict[str, object]) -> None:
        self._parsed = parsed
        self._pairs: tuple[tuple[str, str], ...] | None = None

    def pairs(self) -> tuple[tuple[str, str], ...]:
        """The pairs as a tuple, the text written (once) on the first call."""
        if self._pairs is None:
            self._pairs = tuple(
                (sid, json.dumps(params, sort_keys=True)) for sid, params in self._parsed.items()
            )
        return self._pairs

    def parsed(self) -> dict[str, object]:
        """Each signal's parameters as parsed, by signal id (shared: copy before changing)."""
        return self._parsed

    def __len__(self) -> int:
        return len(self._parsed)

    @overload
    def __getitem__(self, index: int) -> tuple[str, str]: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[tuple[str, str], ...]: ...

    def __getitem__(self, index: int | slice) -> tuple[str, str] | tuple[tuple[str, str], ...]:
        return self.pairs()[index]

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self.pairs())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, SignalParams):
            return self.pairs() == other.pairs()
        if isinstance(other, tuple):
            return self.pairs() == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.pairs())

    def __repr__(self) -> str:
        return repr(self.pairs())

    def __reduce__(self) -> tuple[type[SignalParams], tuple[dict[str, object]]]:
        return SignalParams, (self._parsed,)


def _parsed_params(signal_params: Sequence[tuple[str, str]]) -> dict[str, object]:
    """Each signal's parameters by id, new objects (the model's own stay as they are)."""
    if isinstance(signal_params, SignalParams):
        return {sid: json.loads(json.dumps(p)) for sid, p in signal_params.parsed().items()}
    return {sid: json.loads(text) for sid, text in signal_params}


@dataclass(frozen=True, slots=True)
class Calibration:
    """Platt scaling of the combiner's log-odds: ``p = sigmoid(slope * logit + offset)``."""

    slope: float = 1.0
    offset: float = 0.0

    def __post_init__(self) -> None:
        if not (math.isfinite(self.slope) and math.isfinite(self.offset) and self.slope > 0):
            raise ModelError(f"calibration slope must be positive and finite, got {self.slope}")

    def apply(self, logit: float) -> float:
        """Calibrated probability for a raw combiner log-odds."""
        return _sigmoid(self.slope * logit + self.offset)


@dataclass(frozen=True, slots=True)
class LengthCalibration:
    """The calibration for texts shorter than ``max_chars`` (None: no upper bound).

    Short posts give the signals little text, so their log-odds mean something else than a
    long story's: each length bucket gets its own Platt scaling, fitted on out-of-fold
    predictions of that bucket.
    """

    max_chars: int | None
    calibration: Calibration


def bucket_calibration(buckets: Sequence[LengthCalibration], chars: int) -> Calibration | None:
    """The calibration of the first bucket a text of ``chars`` characters falls in.

    >>> short, rest = Calibration(2.0, 0.0), Calibration(1.0, 0.0)
    >>> buckets = (LengthCalibration(300, short), LengthCalibration(None, rest))
    >>> bucket_calibration(buckets, 120) is short, bucket_calibration(buckets, 900) is rest
    (True, True)
    """
    for bucket in buckets:
        if bucket.max_chars is None or chars < bucket.max_chars:
            return bucket.calibration
    return None


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Operating points: ``score >= fabricated`` → fabricated, ``< genuine`` → genuine."""

    fabricated: float
    genuine: float

    def __post_init__(self) -> None:
        if not 0.0 <= self.genuine <= self.fabricated <= 1.0:
            raise ModelError(
                f"thresholds must satisfy 0 <= genuine ({self.genuine}) <= "
                f"fabricated ({self.fabricated}) <= 1"
            )


@dataclass(frozen=True, slots=True)
class VerdictModel:
    """A trained logistic combiner, loaded from its JSON artifact."""

    version: str
    signal_ids: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    thresholds: Thresholds
    # signal id -> JSON text of its parameters (a loaded model's: a ``SignalParams``)
    signal_params: Sequence[tuple[str, str]] = ()
    sha256: str = ""
    card: tuple[tuple[str, str], ...] = field(default=())  # provenance, for display
    calibration: Calibration = field(default_factory=Calibration)
    # per length bucket, ascending max_chars, the last unbounded; empty: ``calibration``
    by_length: tuple[LengthCalibration, ...] = ()

    def __post_init__(self) -> None:
        if len(self.weights) != len(self.signal_ids):
            raise ModelError("the model needs exactly one weight per signal id")
        if not all(math.isfinite(w) for w in (*self.weights, self.bias)):
            raise ModelError("model weights must be finite numbers")
        if self.by_length:
            inner = [b.max_chars for b in self.by_length[:-1]]
            bounded = [b for b in inner if b is not None]
            if (
                self.by_length[-1].max_chars is not None
                or len(bounded) != len(inner)
                or bounded != sorted(set(bounded))
            ):
                raise ModelError("length calibrations need rising max_chars, the last unbounded")

    def calibration_for(self, chars: int | None) -> Calibration:
        """The calibration of a text of ``chars`` characters (None: the overall one)."""
        if chars is None:
            return self.calibration
        return bucket_calibration(self.by_length, chars) or self.calibration

    def baseline(self, chars: int | None = None) -> float:
        """Calibrated log-odds before any signal: where the explanation chart starts."""
        cal = self.calibration_for(chars)
        return cal.slope * self.bias + cal.offset

    def params_for(self) -> dict[str, dict[str, object]]:
        """Signal parameters the model was trained with, by signal id.

        Each call gives new mappings (a shallow copy of each signal's): a caller may add,
        drop or rebind keys without changing the model, but values that are themselves
        lists or mappings (a linear model's weights) are the model's own: copy before
        changing them in place.
        """
        if not isinstance(self.signal_params, SignalParams):
            return {sid: json.loads(text) for sid, text in self.signal_params}
        return {
            sid: dict(params) if isinstance(params, dict) else json.loads(json.dumps(params))
            for sid, params in self.signal_params.parsed().items()
        }

    def combine(
        self, results: Sequence[SignalResult], chars: int | None = None
    ) -> tuple[float, tuple[float, ...]]:
        """Return the calibrated probability of "fabricated" and each signal's contribution.

        Contributions are in calibrated log-odds: they add up, with ``baseline(chars)``, to
        the log-odds of the returned probability. ``chars`` (the text's length) picks the
        length bucket's calibration; None uses the overall one.

        Raises:
            ModelError: when ``results`` do not come from the signals the model was trained on.
        """
        ids = tuple(r.signal for r in results)
        if ids != self.signal_ids:
            raise ModelError(
                f"model {self.version} was trained on signals {list(self.signal_ids)}, "
                f"got {list(ids)}; retrain with `hoaxlens train` or enable the same signals"
            )
        raw = tuple(w * r.score for w, r in zip(self.weights, results, strict=True))
        cal = self.calibration_for(chars)
        score = cal.apply(self.bias + sum(raw))
        return score, tuple(cal.slope * c for c in raw)

    def decide(self, score: float, thresholds: Thresholds | None = None) -> Label:
        """Map a probability to a label with the model's (or the given) operating points."""
        t = thresholds or self.thresholds
        if score >= t.fabricated:
            return Label.FABRICATED
        if score < t.genuine:
            return Label.GENUINE
        return Label.UNCERTAIN

    def to_json(self) -> dict[str, Any]:
        """The artifact as a JSON-ready mapping (no digest; it is computed on load)."""
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "version": self.version,
            "signal_ids": list(self.signal_ids),
            "signal_params": _parsed_params(self.signal_params),
            "weights": list(self.weights),
            "bias": self.bias,
            "thresholds": {
                "fabricated": self.thresholds.fabricated,
                "genuine": self.thresholds.genuine,
            },
            "calibration": {"slope": self.calibration.slope, "offset": self.calibration.offset},
            "calibration_by_length": [
                {
                    "max_chars": b.max_chars,
                    "slope": b.calibration.slope,
                    "offset": b.calibration.offset,
                }
                for b in self.by_length
            ],
            "card": {key: json.loads(value) for key, value in self.card},
        }


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


def model_from_json(data: bytes, *, where: str) -> VerdictModel:
    """Parse and validate a model artifact.

    Raises:
        ModelError: for anything but a well-formed artifact of a known format version.
    """
    try:
        obj = json.loads(data)
        if obj.get("format") != FORMAT or obj.get("format_version") not in READABLE_VERSIONS:
            raise ModelError(f"{where} is not a {FORMAT} file of version {READABLE_VERSIONS}")
        cal = obj.get("calibration", {"slope": 1.0, "offset": 0.0})
        return VerdictModel(
            version=str(obj["version"]),
            signal_ids=tuple(obj["signal_ids"]),
            weights=tuple(float(w) for w in obj["weights"]),
            bias=float(obj["bias"]),
            thresholds=Thresholds(
                float(obj["thresholds"]["fabricated"]), float(obj["thresholds"]["genuine"])
            ),
            signal_params=SignalParams(dict(obj["signal_params"].items())),
            sha256=hashlib.sha256(data).hexdigest(),
            card=tuple((k, json.dumps(v, sort_keys=True)) for k, v in obj.get("card", {}).items()),
            calibration=Calibration(float(cal["slope"]), float(cal["offset"])),
            by_length=tuple(
                LengthCalibration(
                    None if b["max_chars"] is None else int(b["max_chars"]),
                    Calibration(float(b["slope"]), float(b["offset"])),
                )
                for b in obj.get("calibration_by_length", [])
            ),
        )
    except ModelError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ModelError(f"{where} is not a valid verdict model: {exc!r}") from exc


def load_model(path: str | Path | None = None) -> VerdictModel:
    """Load a model artifact; with no path, the model shipped in the package.

    Raises:
        ModelError: if the file is missing or invalid.
    """
    if path is None:
        data = resources.files("hoaxlens.verdict").joinpath("data", BUNDLED_MODEL).read_bytes()
        return model_from_json(data, where=f"bundled {BUNDLED_MODEL}")
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ModelError(f"cannot read model file {path}: {exc.strerror or exc}") from exc
    return model_from_json(data, where=str(path))
