"""Training the combiner (scikit-learn) on a small synthetic labelled set."""

from __future__ import annotations

import json

import pytest

from hoaxlens.analyzer import Analyzer, AnalyzerConfig
from hoaxlens.errors import ConfigError
from hoaxlens.training.card import write_model
from hoaxlens.training.labeled import parse_where, read_labeled
from hoaxlens.training.train import TrainOptions, train_model
from hoaxlens.types import MediaType, RawDocument
from hoaxlens.verdict import load_model

pytest.importorskip("sklearn")

BUILTIN_IDS = (
    "homoglyphs.v1",
    "story_grammar.v1",
    "unverifiable_attribution.v1",
    "emotional_language.v1",
    "clickbait_headline.v1",
    "teaser.v1",
    "alarm.v1",
    "sourcing.v1",
    "lexical.v1",
)
DATA_INFO = {"files": ["labeled.jsonl"], "sha256": "0" * 64, "where": {}}


@pytest.mark.parametrize(
    ("n", "signal_ids"),
    [
        pytest.param(6, (), id="all-signals"),
        pytest.param(6, ("story_grammar.v1", "emotional_language.v1"), id="two-signals"),
    ],
)
def test_train_model_round_trips_through_load_model(labeled_jsonl, tmp_path, n, signal_ids):
    items = read_labeled([labeled_jsonl(n)], {})
    model = train_model(items, TrainOptions(signal_ids=signal_ids, seed=0), DATA_INFO)
    assert model.signal_ids == (signal_ids or BUILTIN_IDS)
    assert len(model.weights) == len(model.signal_ids)
    card_path = write_model(model, tmp_path / "out" / "model.json")
    assert card_path.read_text(encoding="utf-8").startswith(f"# Model card: {model.version}")
    loaded = load_model(tmp_path / "out" / "model.json")
    assert loaded.to_json() == model.to_json()  # every field of the artifact
    card = {k: json.loads(v) for k, v in loaded.card}
    assert {k: card["items"][k] for k in ("fabricated", "genuine", "skipped")} == {
        "fabricated": n,
        "genuine": n,
        "skipped": 0,
    }
    if "lexical.v1" in model.signal_ids:  # learned weights travel inside the model file
        assert loaded.params_for()["lexical.v1"]["weights"]
    assert card["data"] == DATA_INFO
    assert 0.0 <= loaded.thresholds.genuine <= loaded.thresholds.fabricated <= 1.0


@pytest.mark.parametrize("seed", [pytest.param(3, id="seed-3")])
def test_train_model_is_deterministic(labeled_jsonl, seed):
    items = read_labeled([labeled_jsonl(6)], {})
    first = train_model(items, TrainOptions(seed=seed), DATA_INFO)
    second = train_model(items, TrainOptions(seed=seed), DATA_INFO)
    assert (first.weights, first.bias, first.thresholds) == (
        second.weights,
        second.bias,
        second.thresholds,
    )


@pytest.mark.parametrize(
    ("kind", "higher_than"),
    [pytest.param("fabricated", "genuine", id="fabricated-story-scores-higher")],
)
def test_train_model_separates_the_training_classes(
    labeled_jsonl, tmp_path, fabricated_text, genuine_text, kind, higher_than
):
    model = train_model(read_labeled([labeled_jsonl(6)], {}), TrainOptions(), DATA_INFO)
    path = tmp_path / "model.json"
    write_model(model, path)
    analyzer = Analyzer(AnalyzerConfig(model_path=str(path)))
    texts = {"fabricated": fabricated_text, "genuine": genuine_text}
    scores = {
        k: analyzer.analyze(RawDocument(k, t, MediaType.TEXT, "test")).score
        for k, t in texts.items()
    }
    assert scores[kind] > scores[higher_than]


@pytest.mark.parametrize(
    ("n", "where", "message"),
    [
        pytest.param(4, {}, "need at least 5 items of each label", id="too-few-items"),
        pytest.param(6, {"split": "a"}, "need at least 5", id="one-label-only"),
    ],
)
def test_train_model_refuses_too_little_data(labeled_jsonl, n, where, message):
    items = read_labeled([labeled_jsonl(n)], where)
    with pytest.raises(ConfigError, match=message):
        train_model(items, TrainOptions(), DATA_INFO)


@pytest.mark.parametrize(
    ("lines", "where", "message"),
    [
        pytest.param(['{"text": "x", "label": "fake"}'], {}, "label must be", id="unknown-label"),
        pytest.param(['{"text": "x"}'], {}, "label must be", id="missing-label"),
        pytest.param(["{not json"], {}, "cannot read labelled data", id="malformed-line"),
        pytest.param(
            ['{"text": "x", "label": "genuine", "split": "a"}'],
            {"split": "b"},
            "no labelled records",
            id="filter-matches-nothing",
        ),
    ],
)
def test_read_labeled_rejects_bad_data(tmp_path, lines, where, message):
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        read_labeled([path], where)


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        pytest.param(["split=dev"], {"split": "dev"}, id="one"),
        pytest.param(["a=1", "b=x=y"], {"a": "1", "b": "x=y"}, id="value-with-equals"),
        pytest.param(["a="], {"a": ""}, id="empty-value"),
    ],
)
def test_parse_where_reads_key_value_pairs(pairs, expected):
    assert parse_where(pairs) == expected


@pytest.mark.parametrize(
    "pairs", [pytest.param(["split"], id="no-equals"), pytest.param(["=dev"], id="no-key")]
)
def test_parse_where_rejects_malformed_filters(pairs):
    with pytest.raises(ConfigError, match="KEY=VALUE"):
        parse_where(pairs)


def test_genuine_direction_signals_never_get_a_positive_weight(labeled_jsonl):
    items = read_labeled([labeled_jsonl(8)], {})
    model = train_model(items, TrainOptions(seed=0), DATA_INFO)
    weights = dict(zip(model.signal_ids, model.weights, strict=True))
    assert weights["sourcing.v1"] <= 0
    assert all(w >= 0 for sid, w in weights.items() if sid != "sourcing.v1")
    # one calibration per length bucket, the last unbounded
    assert [b.max_chars for b in model.by_length] == [300, 1500, None]
