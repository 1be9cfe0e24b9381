"""Settings: one TOML file, validated once at the edge, turned into frozen stage configs."""

from __future__ import annotations

import json
import tomllib
from dataclasses import fields
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from hoaxlens.analyzer import AnalyzerConfig
from hoaxlens.cluster import ClusterConfig
from hoaxlens.errors import ConfigError
from hoaxlens.ingest import IngestConfig
from hoaxlens.normalize import NormalizeConfig


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# The stage sections are the stages' own frozen dataclasses: one definition and one default
# per setting, validated by pydantic here (types, then the dataclass's ``__post_init__``).
# Unknown keys are refused by ``_check_keys`` (pydantic ignores them on dataclasses).
STAGE_SECTIONS: dict[str, type[Any]] = {
    "normalize": NormalizeConfig,
    "ingest": IngestConfig,
    "cluster": ClusterConfig,
}


class VerdictSettings(_Section):
    """``[verdict]``: the model file and optional operating-point overrides."""

    model: str | None = None
    fabricated_threshold: float | None = Field(default=None, ge=0, le=1)
    genuine_threshold: float | None = Field(default=None, ge=0, le=1)


class SignalsSettings(_Section):
    """``[signals]``: per-signal constructor parameters, ``[signals.params."id"]``."""

    params: dict[str, dict[str, Any]] = Field(default_factory=dict)


class BatchSettings(_Section):
    """``[batch]``: limits of the adapters that analyse (scan, Spark, the service).

    ``budget_seconds``: CPU seconds one document may cost; a document over it becomes an
    ``analyze_timeout`` error row (0 disables the limit).
    """

    budget_seconds: float = Field(default=5.0, ge=0)


class Settings(_Section):
    """The whole configuration file."""

    normalize: NormalizeConfig = Field(default_factory=NormalizeConfig)
    ingest: IngestConfig = Field(default_factory=IngestConfig)
    cluster: ClusterConfig = Field(default_factory=ClusterConfig)
    verdict: VerdictSettings = Field(default_factory=VerdictSettings)
    signals: SignalsSettings = Field(default_factory=SignalsSettings)
    batch: BatchSettings = Field(default_factory=BatchSettings)

    @classmethod
    def from_toml(cls, path: str | Path) -> Settings:
        """Read and validate a TOML file.

        Raises:
            ConfigError: for a missing file, bad TOML, unknown keys or bad values.
        """
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
            _check_keys(data, path)
            return cls.model_validate(data)
        except OSError as exc:
            raise ConfigError(f"cannot read config {path}: {exc.strerror or exc}") from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path} is not valid TOML: {exc}") from exc
        except ValidationError as exc:
            raise ConfigError(f"{path}: {exc}") from exc

    def analyzer_config(
        self, *, model: str | None = None, threshold: float | None = None
    ) -> AnalyzerConfig:
        """Frozen config for ``Analyzer``; CLI options override the file."""
        v = self.verdict
        return AnalyzerConfig(
            normalize=self.normalize,
            ingest=self.ingest,
            model_path=model or v.model,
            fabricated_threshold=threshold if threshold is not None else v.fabricated_threshold,
            genuine_threshold=v.genuine_threshold,
            signal_params=tuple(
                (sid, json.dumps(p, sort_keys=True)) for sid, p in self.signals.params.items()
            ),
        )


def _check_keys(data: dict[str, Any], path: str | Path) -> None:
    """Refuse unknown keys in a stage section (a typo must not be silently ignored)."""
    for name, config_cls in STAGE_SECTIONS.items():
        section = data.get(name)
        if not isinstance(section, dict):
            continue
        known = [f.name for f in fields(config_cls)]
        unknown = sorted(set(section) - set(known))
        if unknown:
            raise ConfigError(
                f"{path}: [{name}]: unknown setting {', '.join(map(repr, unknown))}; "
                f"known: {', '.join(known)}"
            )
