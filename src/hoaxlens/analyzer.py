"""The per-document pipeline: extract → normalize → signals → verdict.

``Analyzer`` is built once per process (it loads the model and sets up signals) and is then
a pure function of each ``RawDocument``; batch adapters wrap ``analyze_many``.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, TypeVar

from hoaxlens.errors import HoaxlensError, StageError
from hoaxlens.extract import extract_article
from hoaxlens.ingest import IngestConfig
from hoaxlens.ingest.posts import join_teaser
from hoaxlens.normalize import DEFAULT_NORMALIZE_CONFIG, NormalizeConfig, normalize_text
from hoaxlens.people import find_all_people
from hoaxlens.scope import assess_scope
from hoaxlens.signals import build_signals
from hoaxlens.types import (
    AbstainReason,
    Document,
    Failure,
    Label,
    RawDocument,
    SignalResult,
    Stage,
    Verdict,
)
from hoaxlens.verdict import Thresholds, load_model
from hoaxlens.verdict.decide import SHORT_WORDS, decide_label, needs_reread
from hoaxlens.verdict.repetition import Repetition, kept_replacements, repetition, without_copies

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from hoaxlens.signals import Signal

logger = logging.getLogger(__name__)
_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class AnalyzerConfig:
    """Everything an ``Analyzer`` needs; small and picklable, so workers can rebuild one."""

    normalize: NormalizeConfig = DEFAULT_NORMALIZE_CONFIG
    ingest: IngestConfig = field(default_factory=IngestConfig)
    model_path: str | None = None  # None: the model shipped in the package
    fabricated_threshold: float | None = None  # None: the model's own operating point
    genuine_threshold: float | None = None  # None: the model's own (capped at fabricated)
    signal_params: tuple[tuple[str, str], ...] = ()  # (signal id, JSON of parameters) overrides


def _stage(stage: Stage, fn: Callable[[], _T]) -> _T:
    """Run one stage; whatever it raises becomes a ``StageError`` naming the stage."""
    try:
        return fn()
    except StageError:
        raise
    except Exception as exc:
        if not isinstance(exc, HoaxlensError):
            logger.exception("unexpected error in stage %s", stage.value)
        raise StageError(stage.value, exc) from exc


def failed_row(raw: RawDocument, failed: StageError) -> Failure:
    """The error row of a document a stage failed on."""
    message = str(failed)
    if failed.error_type.startswith("internal:"):
        message = f"{raw.source}: {message}"
    return Failure.from_raw(raw, Stage(failed.stage), failed.error_type, message)


class FeaturePipeline:
    """Extract → normalize → signals for one document; no model (used for training too)."""

    def __init__(self, signals: tuple[Signal, ...], normalize: NormalizeConfig) -> None:
        self.signals = signals
        self.normalize = normalize

    def prepare(self, raw: RawDocument) -> Document:
        """Extract and normalize one document (the input every signal sees)."""
        article = _stage(Stage.EXTRACT, lambda: extract_article(raw))
        if raw.post is not None:  # a link post and its page: the teaser, then the story
            article = join_teaser(article, raw.post)
        body = _stage(Stage.NORMALIZE, lambda: normalize_text(article.body, self.normalize))
        title = (
            _stage(Stage.NORMALIZE, lambda: normalize_text(article.title, self.normalize).text)
            if article.title
            else ""
        )
        return Document(
            id=raw.id,
            title=title,
            text=body.text,
            original_text=article.body,
            replacements=body.replacements,
            raw=raw,
            removed=article.removed,
            article=article,
        )

    def score_signals(self, doc: Document) -> tuple[SignalResult, ...]:
        """Run every enabled signal on a prepared document."""
        return _stage(Stage.SIGNALS, lambda: tuple(s.score(doc) for s in self.signals))


class Analyzer:
    """Runs the per-document pipeline; build once per process, call many times."""

    def __init__(self, config: AnalyzerConfig | None = None) -> None:
        self.config = config or AnalyzerConfig()
        self.model = load_model(self.config.model_path)
        params = self.model.params_for()
        for signal_id, value in self.config.signal_params:  # the config file's, over the model's
            params[signal_id] = {**params.get(signal_id, {}), **json.loads(value)}
        signals = build_signals(self.model.signal_ids, params)
        self.pipeline = FeaturePipeline(signals, self.config.normalize)
        base = self.model.thresholds
        fabricated = self.config.fabricated_threshold
        fabricated = base.fabricated if fabricated is None else fabricated
        genuine = self.config.genuine_threshold
        genuine = base.genuine if genuine is None else genuine
        self.thresholds = Thresholds(fabricated, min(genuine, fabricated))

    def prepare(self, raw: RawDocument) -> Document:
        """Extract and normalize one document."""
        return self.pipeline.prepare(raw)

    def score_signals(self, doc: Document) -> tuple[SignalResult, ...]:
        """Run every signal the model was trained on."""
        return self.pipeline.score_signals(doc)

    def _verdict(self, doc: Document, results: tuple[SignalResult, ...]) -> Verdict:
        # the calibration reads the length copies counted once
        copies = _stage(Stage.VERDICT, lambda: repetition(doc.text))
        chars = copies.distinct_chars
        scope = _stage(
            Stage.VERDICT,
            lambda: assess_scope(
                doc.text,
                doc.title,
                confidence=False,
                words_up_to=SHORT_WORDS,
                split=doc.view.words,  # split once, by the signals' word counts
            ),
        )
        if scope.reason is AbstainReason.UNSUPPORTED_LANGUAGE and scope.lang is not None:
            lang = scope.lang  # another language: its own model, where one is good enough
            from hoaxlens.languages import judge_for_pipeline as judge_language

            other = _stage(Stage.VERDICT, lambda: judge_language(doc, lang))
            if other is not None:
                return Verdict(
                    document=doc,
                    label=other.label,
                    score=other.score,
                    signals=other.signals,
                    contributions=other.contributions,
                    people=_stage(Stage.VERDICT, lambda: find_all_people(doc.text, doc.title)),
                    model_version=other.model_version,
                    lang=other.lang,
                    abstain_reason=other.abstain_reason,
                    baseline=other.baseline,
                )
        score, contributions = _stage(Stage.VERDICT, lambda: self.model.combine(results, chars))
        label = self.model.decide(score, self.thresholds)
        once = None  # rule 4 of verdict.decide: the label with repeated sentences counted once
        if needs_reread(label, copies):
            once = _stage(Stage.VERDICT, lambda: self._reread(doc, copies))
        label, abstain = decide_label(label, results, contributions, scope, copies, once)
        return Verdict(
            document=doc,
            label=label,
            score=score,
            signals=results,
            contributions=contributions,
            people=_stage(Stage.VERDICT, lambda: find_all_people(doc.text, doc.title)),
            model_version=self.model.version,
            lang=scope.lang,
            abstain_reason=abstain,
            baseline=self.model.baseline(chars),
        )

    def _reread(self, doc: Document, copies: Repetition) -> Label:
        """The operating points' label for ``doc`` with its copies left out (rule 4).

        The normalizer's replacements outside the copies come along, moved to the shorter
        text: homoglyphs.v1 reads the same disguise in the re-read as in the first read.
        """
        alone = replace(
            doc,
            text=without_copies(doc.text, copies.spans),
            replacements=kept_replacements(doc.replacements, copies.spans),
        )
        score, _ = self.model.combine(self.score_signals(alone), copies.distinct_chars)
        return self.model.decide(score, self.thresholds)

    def _run(self, raw: RawDocument) -> Verdict:
        doc = self.prepare(raw)
        return self._verdict(doc, self.score_signals(doc))

    def analyze(self, raw: RawDocument) -> Verdict:
        """Analyze one document.

        Raises:
            HoaxlensError: when a stage cannot process the document (the stage's own
                error; an unexpected exception, a bug, propagates as it is).
        """
        try:
            return self._run(raw)
        except StageError as failed:
            raise failed.cause from None

    def analyze_one(self, raw: RawDocument | Failure) -> Verdict | Failure:
        """Analyze one document, returning a ``Failure`` row instead of raising.

        A ``Failure`` from ingest passes through unchanged.
        """
        if isinstance(raw, Failure):
            return raw
        try:
            return self._run(raw)
        except StageError as failed:
            logger.info("%s failed at %s: %s", raw.id, failed.stage, failed)
            return failed_row(raw, failed)

    def analyze_many(self, items: Iterable[RawDocument | Failure]) -> Iterator[Verdict | Failure]:
        """Analyze a stream in order; ingest failures pass through as they are."""
        for item in items:
            yield self.analyze_one(item)
