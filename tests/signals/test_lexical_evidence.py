"""lexical.v1's evidence: ranked by weight, never a stop-word n-gram; the score is unchanged."""

from __future__ import annotations

import pytest

from hoaxlens.signals.builtin.lexical import LexicalSignal
from hoaxlens.signals.ngrams import SEPARATOR
from hoaxlens.signals.stopwords import STOPWORDS, is_content_word
from hoaxlens.verdict import load_model

# Written for this test in the genre's register (not copied from any page).
FIXTURE = (
    "It was supposed to be an ordinary night at the small diner. Then he walked in through "
    "the back door, and the whole room fell silent. His hands were shaking as he sat down. "
    "No one could have known what he was about to do. Tears streamed down the waitress's "
    "face when she read the note he left behind on the table, and the crowd outside went "
    "wild. What happened next left everyone in tears."
)
WEIGHTS = {"his": 3.0, "in the": 2.5, "room": 2.0, "tears": 1.0, "his hands": 1.5, "2025": 2.2}


def _grams(result):
    return [e.reason.split("'")[1] for e in result.evidence]


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        pytest.param(
            "In the room his hands shook and tears fell in 2025.",
            ["his hands", "tears"],
            id="stop-words-and-numbers-skipped",
        ),
        pytest.param("His room was in the house.", [], id="only-stop-words"),
    ],
)
def test_lexical_evidence_needs_a_content_word(make_document, text, shown):
    signal = LexicalSignal(weights=WEIGHTS, bias=0.0)
    result = signal.score(make_document(text))
    assert result.score > 0.5  # the stop-words still count toward the score
    assert _grams(result) == shown


def test_lexical_score_is_unchanged_by_the_evidence_filter(make_document):
    signal = LexicalSignal(weights=WEIGHTS, bias=-0.5)
    doc = make_document("In the room his hands shook.")
    feats = signal.model.features(doc.text)
    assert signal.score(doc).score == pytest.approx(
        1 / (1 + pow(2.718281828459045, -signal.model.logit(feats)))
    )


@pytest.mark.parametrize("model", [pytest.param(None, id="bundled-model")])
def test_lexical_bundled_model_never_shows_stop_word_ngrams(make_document, model):
    params = load_model(model).params_for()["lexical.v1"]
    signal = LexicalSignal(**params)
    result = signal.score(make_document(FIXTURE))
    assert result.evidence, "the fixture leans fabricated"
    weights = [float(e.reason.rsplit("+", 1)[1].split()[0]) for e in result.evidence]
    assert weights == sorted(weights, reverse=True)
    for gram in _grams(result):
        words = gram.split(SEPARATOR)
        assert any(map(is_content_word, words)), gram
        assert not (len(words) == 1 and words[0] in STOPWORDS), gram
