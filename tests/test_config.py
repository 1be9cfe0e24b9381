"""The configuration file: one default per setting, stage sections checked, params merged."""

from __future__ import annotations

import dataclasses

import pytest

from hoaxlens.analyzer import Analyzer
from hoaxlens.cluster import ClusterConfig
from hoaxlens.config import Settings, stage_sections
from hoaxlens.errors import ConfigError
from hoaxlens.ingest import IngestConfig
from hoaxlens.normalize import NormalizeConfig


def write(tmp_path, text):
    path = tmp_path / "hoaxlens.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_stage_sections_default_to_the_stage_dataclasses():
    settings = Settings()
    assert settings.normalize == NormalizeConfig()
    assert settings.ingest == IngestConfig()
    assert settings.cluster == ClusterConfig()
    assert set(stage_sections()) == {"normalize", "ingest", "cluster"}
    # the API and the CLI build the same analyzer config from no file
    assert Settings().analyzer_config().normalize == Analyzer().config.normalize


def test_a_setting_in_a_file_reaches_the_stage(tmp_path):
    path = write(tmp_path, "[normalize]\nmin_compat_letters = 4\n[cluster]\nthreshold = 0.6\n")
    settings = Settings.from_toml(path)
    assert settings.analyzer_config().normalize.min_compat_letters == 4
    assert settings.cluster == dataclasses.replace(ClusterConfig(), threshold=0.6)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[cluster]\ntreshold = 0.4\n", "unknown setting 'treshold'"),
        ("[normalize]\nlatin_line_share = 1.5\n", "latin_line_share must be in (0, 1]"),
        ('[ingest]\nmax_bytes = "lots"\n', "valid integer"),
        ("[nope]\nx = 1\n", "Extra inputs are not permitted"),
    ],
)
def test_bad_settings_are_config_errors_naming_the_file(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError, match=r"hoaxlens\.toml") as caught:
        Settings.from_toml(path)
    assert message in str(caught.value)


def test_signal_params_merge_with_the_models_own(tmp_path):
    # lexical.v1 ships trained weights; overriding one parameter must keep them
    path = write(tmp_path, '[signals.params."lexical.v1"]\nmax_n = 1\n')
    analyzer = Analyzer(Settings.from_toml(path).analyzer_config())
    (lexical,) = [s for s in analyzer.pipeline.signals if s.id == "lexical.v1"]
    default = next(s for s in Analyzer().pipeline.signals if s.id == "lexical.v1")
    assert lexical.model.max_n == 1
    assert lexical.model.weights == default.model.weights
    assert lexical.model.weights  # the trained weights are still there
