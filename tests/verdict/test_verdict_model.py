"""The verdict model: the bundled artifact, its JSON format, combining and deciding."""

from __future__ import annotations

import hashlib
import json
import math

import pytest
from click.testing import CliRunner

from hoaxlens.analyzer import Analyzer, AnalyzerConfig
from hoaxlens.cli import cli
from hoaxlens.errors import ModelError
from hoaxlens.signals import build_signals
from hoaxlens.types import Label, MediaType, RawDocument, SignalResult
from hoaxlens.verdict import Thresholds, VerdictModel, load_model
from hoaxlens.verdict.model import model_from_json


def _artifact(**changes):
    """The bundled model's JSON with some fields changed (``None`` deletes a field)."""
    data = load_model().to_json()
    for key, value in changes.items():
        if value is None:
            data.pop(key)
        else:
            data[key] = value
    return data


def _write(tmp_path, data, name="model.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("path", [pytest.param(None, id="bundled")])
def test_model_bundled_loads_with_one_weight_per_signal(path):
    model = load_model(path)
    assert model.version == "verdict-v2"
    assert len(model.weights) == len(model.signal_ids) == 9
    assert model.calibration.slope > 0
    assert len(set(model.signal_ids)) == len(model.signal_ids)
    assert all(math.isfinite(w) for w in (*model.weights, model.bias))
    assert 0.0 <= model.thresholds.genuine <= model.thresholds.fabricated <= 1.0
    assert len(model.sha256) == 64
    assert set(model.params_for()) == set(model.signal_ids)


@pytest.mark.parametrize("path", [pytest.param(None, id="bundled")])
def test_model_json_round_trip_keeps_every_field(tmp_path, path):
    model = load_model(path)
    again = load_model(_write(tmp_path, model.to_json()))
    assert again.to_json() == model.to_json()  # every field of the artifact


@pytest.mark.parametrize(
    "scores",
    [
        pytest.param((0.0, 0.0, 0.0, 0.0), id="all-zero-is-sigmoid-of-bias"),
        pytest.param((1.0, 0.5, 0.25, 0.0), id="mixed"),
        pytest.param((1.0, 1.0, 1.0, 1.0), id="all-one"),
    ],
)
def test_model_combine_is_calibrated_logistic_over_weighted_scores(scores):
    model = load_model()
    scores = (*scores, 0.5, 0.5, 0.5, 0.5, 0.5)  # nine signals
    results = [SignalResult(sid, s) for sid, s in zip(model.signal_ids, scores, strict=True)]
    score, contributions = model.combine(results)
    slope, offset = model.calibration.slope, model.calibration.offset
    raw = [w * s for w, s in zip(model.weights, scores, strict=True)]
    assert contributions == pytest.approx([slope * r for r in raw])
    logit = slope * (model.bias + sum(raw)) + offset
    assert score == pytest.approx(1 / (1 + math.exp(-logit)))
    assert 0.0 <= score <= 1.0


@pytest.mark.parametrize(
    ("model_ids", "result_ids"),
    [
        pytest.param(["homoglyphs.v1"], None, id="model-on-one-signal-given-four"),
        pytest.param(
            None,
            [
                "story_grammar.v1",
                "homoglyphs.v1",
                "unverifiable_attribution.v1",
                "emotional_language.v1",
            ],
            id="same-signals-other-order",
        ),
        pytest.param(None, ["homoglyphs.v1"], id="missing-signals"),
    ],
)
def test_model_combine_rejects_mismatched_signals(tmp_path, model_ids, result_ids):
    bundled = load_model()
    if model_ids is not None:
        data = _artifact(
            signal_ids=model_ids,
            weights=[1.0] * len(model_ids),
            signal_params={sid: {} for sid in model_ids},
        )
        model = load_model(_write(tmp_path, data))
    else:
        model = bundled
    ids = result_ids or list(bundled.signal_ids)
    with pytest.raises(ModelError, match="retrain"):
        model.combine([SignalResult(sid, 0.5) for sid in ids])


@pytest.mark.parametrize(
    "model_ids", [pytest.param(["story_grammar.v1", "homoglyphs.v1"], id="two-signal-model")]
)
def test_model_analyzer_runs_the_signals_its_model_names(tmp_path, fabricated_text, model_ids):
    data = _artifact(
        signal_ids=model_ids, weights=[2.0, 1.0], signal_params={s: {} for s in model_ids}
    )
    analyzer = Analyzer(AnalyzerConfig(model_path=str(_write(tmp_path, data))))
    raw = RawDocument("d", fabricated_text, MediaType.TEXT, "test")
    verdict = analyzer.analyze_one(raw)
    assert [s.signal for s in verdict.signals] == model_ids
    assert len(verdict.contributions) == 2


MALFORMED = [
    pytest.param("not json at all", "not a valid verdict model", id="not-json"),
    pytest.param("[1, 2, 3]", "not a valid verdict model", id="json-array"),
    pytest.param(
        _artifact(format="something-else"), "is not a hoaxlens-verdict-model", id="wrong-format"
    ),
    pytest.param(_artifact(format_version=99), "of version", id="future-format-version"),
    pytest.param(_artifact(weights=None), "not a valid verdict model", id="missing-weights"),
    pytest.param(_artifact(weights=[1.0, 2.0]), "one weight per signal", id="too-few-weights"),
    pytest.param(_artifact(weights=["a"] * 6), "not a valid", id="non-numeric-weights"),
    pytest.param(
        _artifact(calibration={"slope": -1.0, "offset": 0.0}), "slope", id="negative-slope"
    ),
    pytest.param(
        json.dumps(_artifact()).replace('"bias": ', '"bias": NaN, "x": '), "finite", id="nan-bias"
    ),
    pytest.param(
        _artifact(thresholds={"fabricated": 0.2, "genuine": 0.8}),
        "thresholds must",
        id="thresholds-reversed",
    ),
    pytest.param(_artifact(thresholds={"fabricated": 0.9}), "not a valid", id="threshold-missing"),
    pytest.param(_artifact(signal_params=["x"]), "not a valid", id="params-not-a-mapping"),
]


@pytest.mark.parametrize(("content", "message"), MALFORMED)
def test_model_malformed_file_raises_model_error(tmp_path, content, message):
    path = _write(tmp_path, content)
    with pytest.raises(ModelError, match=message):
        load_model(path)


@pytest.mark.parametrize("name", [pytest.param("missing.json", id="missing-file")])
def test_model_missing_file_raises_model_error(tmp_path, name):
    with pytest.raises(ModelError, match="cannot read model file"):
        load_model(tmp_path / name)


@pytest.mark.parametrize(("content", "message"), MALFORMED[:1])
def test_model_malformed_file_fails_the_cli(tmp_path, content, message):
    path = _write(tmp_path, content)
    result = CliRunner().invoke(cli, ["scan", "--model", str(path), "-"], input="text")
    assert result.exit_code == 1
    assert isinstance(result.exception, ModelError)


@pytest.mark.parametrize(
    ("score", "thresholds", "label"),
    [
        pytest.param(0.80, Thresholds(0.8, 0.2), Label.FABRICATED, id="at-fabricated-threshold"),
        pytest.param(0.99, Thresholds(0.8, 0.2), Label.FABRICATED, id="above"),
        pytest.param(0.79, Thresholds(0.8, 0.2), Label.UNCERTAIN, id="just-below"),
        pytest.param(0.20, Thresholds(0.8, 0.2), Label.UNCERTAIN, id="at-genuine-threshold"),
        pytest.param(0.19, Thresholds(0.8, 0.2), Label.GENUINE, id="below-genuine"),
        pytest.param(0.50, Thresholds(0.5, 0.5), Label.FABRICATED, id="single-cut-at"),
        pytest.param(0.49, Thresholds(0.5, 0.5), Label.GENUINE, id="single-cut-below"),
        pytest.param(0.0, Thresholds(1.0, 0.0), Label.UNCERTAIN, id="everything-uncertain"),
    ],
)
def test_model_decide_maps_scores_to_labels(score, thresholds, label):
    assert load_model().decide(score, thresholds) is label


@pytest.mark.parametrize(
    ("where", "label"),
    [
        pytest.param(1.0, Label.FABRICATED, id="at-bundled-fabricated-point"),
        pytest.param(0.5, Label.UNCERTAIN, id="between-the-points"),
        pytest.param(-0.001, Label.GENUINE, id="just-below-bundled-genuine-point"),
    ],
)
def test_model_decide_uses_its_own_thresholds(where, label):
    model = load_model()
    t = model.thresholds
    assert t.genuine < t.fabricated
    score = t.genuine + where * (t.fabricated - t.genuine) if where >= 0 else t.genuine + where
    assert model.decide(score) is label


@pytest.mark.parametrize(
    ("fabricated", "genuine"),
    [
        pytest.param(0.3, 0.6, id="genuine-above-fabricated"),
        pytest.param(1.2, 0.5, id="above-one"),
        pytest.param(0.5, -0.1, id="negative"),
    ],
)
def test_model_thresholds_reject_bad_operating_points(fabricated, genuine):
    with pytest.raises(ModelError, match="thresholds must satisfy"):
        Thresholds(fabricated, genuine)


@pytest.mark.parametrize(
    ("weights", "bias"),
    [
        pytest.param((1.0,), 0.0, id="one-weight-two-signals"),
        pytest.param((1.0, math.inf), 0.0, id="infinite-weight"),
        pytest.param((1.0, 1.0), math.nan, id="nan-bias"),
    ],
)
def test_model_rejects_inconsistent_weights(weights, bias):
    with pytest.raises(ModelError):
        VerdictModel("v", ("a.v1", "b.v1"), weights, bias, Thresholds(0.8, 0.2))


@pytest.mark.parametrize("where", [pytest.param("inline", id="inline-bytes")])
def test_model_from_json_records_digest(where):
    data = json.dumps(_artifact()).encode()
    assert model_from_json(data, where=where).sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    "ids", [pytest.param(("homoglyphs.v1", "story_grammar.v1"), id="two-builtins")]
)
def test_model_combine_accepts_results_of_built_signals(make_document, fabricated_text, ids):
    data = _artifact(
        signal_ids=list(ids),
        weights=[1.0, 1.0],
        bias=0.0,
        signal_params={s: {} for s in ids},
        calibration={"slope": 1.0, "offset": 0.0},
    )
    model = model_from_json(json.dumps(data).encode(), where="test")
    doc = make_document(fabricated_text)
    results = [s.score(doc) for s in build_signals(ids)]
    score, contributions = model.combine(results)
    assert contributions == pytest.approx(tuple(r.score for r in results))
    assert score == pytest.approx(1 / (1 + math.exp(-sum(r.score for r in results))))
    assert score > 0.5


def test_params_for_gives_the_artifacts_parameters_each_time_afresh():
    import json as _json

    from hoaxlens.verdict.model import load_model

    model = load_model()
    first = model.params_for()
    assert first == {sid: _json.loads(text) for sid, text in model.signal_params}
    first["lexical.v1"]["bias"] = 99.0  # a caller's change stays with the caller
    assert model.params_for()["lexical.v1"]["bias"] != 99.0


def test_a_loaded_model_equals_one_holding_its_parameters_as_sorted_json_text():
    import pickle
    from dataclasses import replace

    model = load_model()
    raw = json.loads(_bundled_bytes())
    as_text = tuple((sid, json.dumps(p, sort_keys=True)) for sid, p in raw["signal_params"].items())
    trained = replace(model, signal_params=as_text)  # as training builds one
    assert list(model.signal_params) == list(as_text)
    assert model.signal_params[0] == as_text[0]
    assert len(model.signal_params) == len(as_text)
    assert model == trained
    assert hash(model) == hash(trained)
    assert trained.params_for() == model.params_for()
    assert pickle.loads(pickle.dumps(model)) == model  # noqa: S301 - our own bytes


def test_to_json_gives_parameters_a_caller_may_change():
    model = load_model()
    data = model.to_json()
    data["signal_params"]["lexical.v1"]["weights"].clear()
    assert model.params_for()["lexical.v1"]["weights"]
    assert model.to_json()["signal_params"]["lexical.v1"]["weights"]


def _bundled_bytes() -> bytes:
    from importlib import resources

    from hoaxlens.verdict.model import BUNDLED_MODEL

    return resources.files("hoaxlens.verdict").joinpath("data", BUNDLED_MODEL).read_bytes()
