"""The learned component: a linear model over hashed character n-grams, shipped as JSON.

Character n-grams carry across languages where word lists do not: the same punctuation and
emoji, the same names, cognate stems (``emocion-``, ``emoçã-``, ``émotion``), the same
number formats. Every token (a run of word characters, or of other non-space characters) is
lower-cased, wrapped as ``<token>`` and cut into its 3- to 5-character n-grams plus the whole
token; each is hashed with CRC-32 into ``buckets`` slots. Features are binary, scaled by
``1/sqrt(distinct slots)``. ``logit = bias + scale * Σ weight[slot]``. The weights are stored
as integers (``weight * quantum``) in ``data/chargrams-v1.json``: no pickle, no download.

The signal ``chargrams.v1`` reports ``sigmoid(logit)``; its evidence is the tokens that push
the logit the way it points (toward fabricated when it is above 0, toward genuine below).
"""

from __future__ import annotations

import json
import math
import re
import zlib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, ClassVar, Literal

from hoaxlens.errors import ModelError
from hoaxlens.signals.base import Signal
from hoaxlens.types import Document, Evidence, SignalResult, Span

if TYPE_CHECKING:
    from collections.abc import Sequence

FORMAT = "hoaxlens-chargram-model"
BUNDLED = "chargrams-v1.json"
MAX_CHARS = 6_000  # only the first this many characters give features
MAX_TOKEN = 24  # longer tokens are cut
N_MIN, N_MAX = 3, 5
EVIDENCE_TOKENS = 5
_TOKEN = re.compile(r"\w+|[^\w\s]+")


def token_grams(token: str) -> list[str]:
    """The n-grams of one lower-cased token, and the token itself.

    >>> token_grams("sí")
    ['<sí', 'sí>', '<sí>', 'w:sí']
    """
    padded = f"<{token[:MAX_TOKEN]}>"
    grams = [padded[i : i + n] for n in range(N_MIN, N_MAX + 1) for i in range(len(padded) - n + 1)]
    grams.append(f"w:{token[:MAX_TOKEN]}")
    return grams


def bucket(gram: str, buckets: int) -> int:
    """The slot of an n-gram (CRC-32: stable across processes and platforms)."""
    return zlib.crc32(gram.encode("utf-8")) % buckets


def tokens_of(text: str) -> list[re.Match[str]]:
    """The tokens of the first ``MAX_CHARS`` characters of ``text``."""
    return list(_TOKEN.finditer(text[:MAX_CHARS]))


def slots_of(text: str, buckets: int) -> list[list[int]]:
    """Per token, the slots of its n-grams (training and scoring share this)."""
    return [[bucket(g, buckets) for g in token_grams(m.group().lower())] for m in tokens_of(text)]


@dataclass(frozen=True, slots=True)
class CharGramModel:
    """Weights per slot; ``logit(text)`` as described in the module docstring."""

    buckets: int
    weights: tuple[float, ...]
    bias: float
    version: str = "chargrams-v1"

    def __post_init__(self) -> None:
        if len(self.weights) != self.buckets or self.buckets <= 0:
            raise ModelError("chargram model needs one weight per bucket")

    def logit_and_tokens(self, text: str) -> tuple[float, list[tuple[int, int, float]]]:
        """Log-odds of ``text`` and each token's ``(start, end, share of the sum)``."""
        matches = tokens_of(text)
        per_token = [
            {bucket(g, self.buckets) for g in token_grams(m.group().lower())} for m in matches
        ]
        distinct = set().union(*per_token) if per_token else set()
        if not distinct:
            return self.bias, []
        scale = 1.0 / math.sqrt(len(distinct))
        w = self.weights
        total = scale * sum(w[s] for s in distinct)
        shares = [
            (m.start(), m.end(), scale * sum(w[s] for s in slots))
            for m, slots in zip(matches, per_token, strict=True)
        ]
        return self.bias + total, shares

    def to_json(self, quantum: int = 10_000) -> dict[str, object]:
        """The artifact as a JSON-ready mapping (weights as integers)."""
        return {
            "format": FORMAT,
            "format_version": 1,
            "version": self.version,
            "buckets": self.buckets,
            "n": [N_MIN, N_MAX],
            "max_chars": MAX_CHARS,
            "quantum": quantum,
            "bias": round(self.bias, 6),
            "weights": [round(x * quantum) for x in self.weights],
        }


def model_from_json(data: bytes, *, where: str) -> CharGramModel:
    """Parse a chargram artifact.

    Raises:
        ModelError: for anything but a well-formed artifact.
    """
    try:
        obj = json.loads(data)
        if obj.get("format") != FORMAT or obj.get("format_version") != 1:
            raise ModelError(f"{where} is not a {FORMAT} file of version 1")
        if list(obj["n"]) != [N_MIN, N_MAX] or int(obj["max_chars"]) != MAX_CHARS:
            raise ModelError(f"{where} was built with other n-gram settings")
        quantum = float(obj["quantum"])
        weights = tuple(int(x) / quantum for x in obj["weights"])
        return CharGramModel(int(obj["buckets"]), weights, float(obj["bias"]), str(obj["version"]))
    except ModelError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ModelError(f"{where} is not a valid chargram model: {exc!r}") from exc


@cache
def load_chargrams() -> CharGramModel:
    """The chargram model shipped in the package."""
    data = resources.files("hoaxlens.languages").joinpath("data", BUNDLED).read_bytes()
    return model_from_json(data, where=f"bundled {BUNDLED}")


class CharGramSignal(Signal):
    """Learned character n-gram score, trained across languages (``scripts/train_languages.py``).

    Score: ``sigmoid(logit)`` of the chargram model; the language model reads it centred
    (``2 * score - 1``), so it pushes either way. Evidence: the few tokens whose n-grams
    push the logit furthest in the direction it points. Known false positives: a genuine text
    written like the farms' (the bench sets' lifestyle sites); its weights come from a few
    hundred texts, so it is kept one signal among others.
    """

    id = "chargrams.v1"
    name = "Learned character n-grams"
    summary = "Hashed character n-gram model trained on the genre in six languages"
    direction: ClassVar[Literal["fabricated", "genuine"]] = "fabricated"

    def __init__(self, *, model: CharGramModel | None = None) -> None:
        self.model = model

    def setup(self) -> None:
        """Load the shipped weights unless a model was given."""
        if self.model is None:
            self.model = load_chargrams()

    def score(self, doc: Document) -> SignalResult:
        """Score ``doc``; evidence: the tokens pushing the way the logit points."""
        if self.model is None:
            self.setup()
        assert self.model is not None  # noqa: S101 - set by setup
        text = doc.text
        logit, shares = self.model.logit_and_tokens(text)
        sign = 1.0 if logit >= 0 else -1.0
        toward = "fabricated" if sign > 0 else "genuine"
        strongest = sorted(
            (t for t in shares if t[2] * sign > 0 and t[1] - t[0] >= 3),
            key=lambda t: -abs(t[2]),
        )[:EVIDENCE_TOKENS]
        evidence = tuple(
            Evidence(Span(s, e), f"character n-grams of {text[s:e]!r} lean {toward}")
            for s, e, _ in sorted(strongest)
        )
        return SignalResult(self.id, _sigmoid(logit), evidence)


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


def centred(scores: Sequence[float]) -> list[float]:
    """The chargram feature the combiner reads: ``2 * score - 1`` in [-1, 1]."""
    return [2.0 * s - 1.0 for s in scores]
