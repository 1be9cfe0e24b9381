"""Lexical model: a linear model over word n-grams, trained by ``hoaxlens train``."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from hoaxlens.errors import ConfigError
from hoaxlens.signals.base import Signal
from hoaxlens.signals.linear import LinearTextModel, fit_linear_text_model, sigmoid
from hoaxlens.signals.ngrams import SEPARATOR, view_tokens
from hoaxlens.signals.stopwords import is_content_word
from hoaxlens.types import Document, Evidence, SignalResult, Span

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

EVIDENCE_NGRAMS = 8


class LexicalSignal(Signal):
    """Probability from a linear model over the story's word unigrams and bigrams.

    Score is the model's probability that the wording is that of a fabricated story
    (0.5 = no lean). Evidence, only when it leans fabricated: the present n-grams with the
    largest positive weights, each at its first occurrence, with its share of the log-odds.
    Its weights are learned by ``hoaxlens train`` (out-of-fold, so the combiner never sees
    it score its own training texts) and travel inside the verdict model file.
    Known false positives: genuine human-interest pieces share vocabulary with the genre
    ("tears", "stage", "crowd"); the verdict model weighs it with sourcing signals.
    Style rewrites (SheepDog) move it most.
    """

    id = "lexical.v1"
    summary = "Linear model over word n-grams; its top-weighted n-grams are the evidence"
    name = "Wording of known farm stories"

    def __init__(
        self,
        *,
        weights: Mapping[str, float] | None = None,
        bias: float = 0.0,
        max_n: int = 2,
    ) -> None:
        self.model = None if weights is None else LinearTextModel.from_params(weights, bias, max_n)

    trainable = True

    @classmethod
    def fit(
        cls, docs: Sequence[Document], labels: Sequence[int], weights: Sequence[float], seed: int
    ) -> dict[str, object]:
        """Fit the n-gram weights on the titles and bodies of ``docs``."""
        model = fit_linear_text_model(
            [d.text for d in docs],
            labels,
            sample_weight=weights,
            seed=seed,
            max_n=2,
            min_df=2,
            regularization=4.0,
            keep=40_000,
        )
        return model.to_params()

    def setup(self) -> None:
        """Fail early when no trained weights were given.

        Raises:
            ConfigError: without weights (they come with the verdict model).
        """
        if self.model is None:
            raise ConfigError(
                f"{self.id} needs trained weights; they ship inside the verdict model "
                "(hoaxlens train writes them)"
            )

    def score(self, doc: Document) -> SignalResult:
        """Score ``doc``'s wording; evidence is its most fabricated-leaning n-grams."""
        if self.model is None:
            raise ConfigError(f"{self.id} was not set up")
        feats = self.model.features_of(view_tokens(doc.view))
        logit = self.model.logit(feats)
        if logit <= 0:  # the wording leans genuine: no n-gram is evidence of fabrication
            return SignalResult(self.id, sigmoid(logit))
        # Ranked by weight; an n-gram of stop-words only ("his", "in the") is never shown.
        ranked = self.model.ranked_positive(feats)  # as top_positive(feats, all), lazily
        shown = list(
            itertools.islice(
                ((g, c) for g, c in ranked if any(map(is_content_word, g.split(SEPARATOR)))),
                EVIDENCE_NGRAMS,
            )
        )
        spans = feats.spans([g for g, _ in shown])
        evidence = tuple(
            Evidence(
                Span(*span),
                f"wording typical of fabricated stories: {g!r} (+{c:.2f} log-odds)",
            )
            for (g, c), span in zip(shown, spans, strict=True)
        )
        return SignalResult(self.id, sigmoid(logit), evidence)
