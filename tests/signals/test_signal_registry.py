"""The signal registry: built-ins in order, plugins by entry point, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hoaxlens.analyzer import Analyzer, AnalyzerConfig
from hoaxlens.errors import RegistryError
from hoaxlens.signals import Signal, available_signals, build_signals
from hoaxlens.signals import registry as registry_module
from hoaxlens.signals.builtin import BUILTIN_SIGNALS
from hoaxlens.types import SignalResult
from hoaxlens.verdict import load_model

SNAPSHOT = Path(__file__).with_name("registry_snapshot.json")


def _snapshot() -> list[str]:
    return json.loads(SNAPSHOT.read_text(encoding="utf-8"))


class _PluginSignal(Signal):
    id = "plugin_test.v1"
    summary = "A test plugin"

    def score(self, doc):
        return SignalResult(self.id, 0.0)


class _NoVersion(_PluginSignal):
    id = "no_version"


class _DuplicateHomoglyphs(_PluginSignal):
    id = "homoglyphs.v1"


class _EntryPoint:
    def __init__(self, obj):
        self.obj = obj

    def load(self):
        return self.obj


def _with_plugins(monkeypatch, *objects):
    monkeypatch.setattr(
        registry_module, "entry_points", lambda group: [_EntryPoint(o) for o in objects]
    )


@pytest.mark.parametrize("source", [pytest.param("BUILTIN_SIGNALS", id="builtin-tuple")])
def test_registry_builtins_match_snapshot(source):
    assert [cls.id for cls in BUILTIN_SIGNALS] == _snapshot(), (
        f"{source} changed: update tests/signals/registry_snapshot.json and retrain the model"
    )


@pytest.mark.parametrize("source", [pytest.param("available_signals", id="registry")])
def test_registry_lists_builtins_first_in_order(source):
    ids = list(available_signals())
    assert ids[: len(_snapshot())] == _snapshot()
    for signal_id, cls in available_signals().items():
        assert cls.id == signal_id
        assert cls.summary
        assert "\n" not in cls.summary


@pytest.mark.parametrize("model", [pytest.param(None, id="bundled-model")])
def test_registry_bundled_model_uses_the_default_enabled_snapshot_signals(model):
    enabled = [sid for sid in _snapshot() if available_signals()[sid].default_enabled]
    assert list(load_model(model).signal_ids) == enabled
    assert "perplexity.v1" not in enabled  # slow and optional: only when asked for


@pytest.mark.parametrize(
    "ids",
    [
        pytest.param(["emotional_language.v1", "homoglyphs.v1"], id="given-order"),
        pytest.param([], id="none"),
    ],
)
def test_registry_build_signals_in_requested_order(ids):
    signals = build_signals(ids)
    assert [s.id for s in signals] == ids
    assert all(isinstance(s, Signal) for s in signals)


@pytest.mark.parametrize(
    ("ids", "params", "attribute", "value"),
    [
        pytest.param(
            ["homoglyphs.v1"],
            {"homoglyphs.v1": {"saturation": 0.2}},
            "saturation",
            0.2,
            id="homoglyph-saturation",
        ),
        pytest.param(
            ["story_grammar.v1"],
            {"story_grammar.v1": {"half_density": 2.0}},
            "half_density",
            2.0,
            id="story-grammar-half-density",
        ),
    ],
)
def test_registry_build_signals_applies_params(ids, params, attribute, value):
    (signal,) = build_signals(ids, params)
    assert getattr(signal, attribute) == value


@pytest.mark.parametrize(
    ("ids", "params", "message"),
    [
        pytest.param(["nope.v1"], None, "`hoaxlens signals`", id="unknown-id"),
        pytest.param(["homoglyphs"], None, "unknown signal 'homoglyphs'", id="id-without-version"),
        pytest.param(
            ["homoglyphs.v1"],
            {"homoglyphs.v1": {"saturation": 0}},
            "bad parameters for signal 'homoglyphs.v1'",
            id="saturation-zero",
        ),
        pytest.param(
            ["homoglyphs.v1"],
            {"homoglyphs.v1": {"saturation": 1.5}},
            "bad parameters",
            id="saturation-above-one",
        ),
        pytest.param(
            ["homoglyphs.v1"],
            {"homoglyphs.v1": {"bogus": 1}},
            "bad parameters",
            id="unknown-keyword",
        ),
        pytest.param(
            ["story_grammar.v1"],
            {"story_grammar.v1": {"half_density": -1}},
            "bad parameters",
            id="negative-half-density",
        ),
        pytest.param(
            ["emotional_language.v1"],
            {"emotional_language.v1": {"half_density": 0}},
            "bad parameters",
            id="zero-half-density",
        ),
        pytest.param(
            ["unverifiable_attribution.v1"],
            {"unverifiable_attribution.v1": {"anchor_weight": 0}},
            "bad parameters",
            id="zero-anchor-weight",
        ),
        pytest.param(
            ["homoglyphs.v1"],
            {"story_grammar.v1": {"half_density": 1.0}},
            "not enabled",
            id="params-for-disabled-signal",
        ),
    ],
)
def test_registry_build_signals_rejects_bad_requests(ids, params, message):
    with pytest.raises(RegistryError) as info:
        build_signals(ids, params)
    assert message in str(info.value)


@pytest.mark.parametrize("plugin", [pytest.param(_PluginSignal, id="plugin-after-builtins")])
def test_registry_loads_entry_point_plugins(monkeypatch, plugin):
    _with_plugins(monkeypatch, plugin)
    ids = list(available_signals())
    assert ids == [*_snapshot(), plugin.id]
    (signal,) = build_signals([plugin.id])
    assert isinstance(signal, plugin)


@pytest.mark.parametrize(
    ("plugin", "message"),
    [
        pytest.param(_DuplicateHomoglyphs, "declared twice", id="duplicate-id"),
        pytest.param(_NoVersion, "name.vN", id="id-without-version"),
        pytest.param(object, "not a concrete Signal", id="not-a-signal"),
        pytest.param(Signal, "not a concrete Signal", id="abstract-base"),
        pytest.param(_PluginSignal(), "not a concrete Signal", id="instance-not-class"),
    ],
)
def test_registry_rejects_bad_plugins(monkeypatch, plugin, message):
    _with_plugins(monkeypatch, plugin)
    with pytest.raises(RegistryError, match=message):
        available_signals()


@pytest.mark.parametrize(
    ("signal_params", "attribute", "value"),
    [
        pytest.param(
            (("homoglyphs.v1", '{"saturation": 1.0}'),),
            "saturation",
            1.0,
            id="config-overrides-model-params",
        ),
    ],
)
def test_registry_analyzer_takes_signal_params_from_config(signal_params, attribute, value):
    analyzer = Analyzer(AnalyzerConfig(signal_params=signal_params))
    signal_id = signal_params[0][0]
    (signal,) = [s for s in analyzer.pipeline.signals if s.id == signal_id]
    assert getattr(signal, attribute) == value


@pytest.mark.parametrize(
    "signal_params",
    [
        pytest.param((("homoglyphs.v1", '{"saturation": 0}'),), id="bad-value"),
        pytest.param((("nope.v1", "{}"),), id="signal-not-in-model"),
    ],
)
def test_registry_analyzer_rejects_bad_signal_params(signal_params):
    with pytest.raises(RegistryError):
        Analyzer(AnalyzerConfig(signal_params=signal_params))
