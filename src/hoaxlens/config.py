"""Settings: one TOML file, validated once at the edge, turned into frozen stage configs."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from hoaxlens.analyzer import AnalyzerConfig
from hoaxlens.errors import ConfigError
from hoaxlens.ingest import IngestConfig
from hoaxlens.normalize import NormalizeConfig


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NormalizeSettings(_Section):
    """``[normalize]``."""

    fold_confusables: bool = True
    fold_compat: bool = True
    join_letters: bool = True
    strip_invisible: bool = True
    strip_marks: bool = True
    latin_line_share: float = Field(default=0.8, gt=0, le=1)
    min_compat_letters: int = Field(default=3, ge=1)


class IngestSettings(_Section):
    """``[ingest]``."""

    max_bytes: int = Field(default=5_000_000, ge=1)
    max_json_depth: int = Field(default=128, ge=1)
    max_number_digits: int = Field(default=1_000, ge=1)
    max_lines_per_file: int = Field(default=10_000_000, ge=1)
    max_decompressed_bytes_per_file: int = Field(default=20_000_000_000, ge=1)
    max_errors_per_file: int = Field(default=10_000, ge=1)


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

    normalize: NormalizeSettings = Field(default_factory=NormalizeSettings)
    ingest: IngestSettings = Field(default_factory=IngestSettings)
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
        try:
            normalize = NormalizeConfig(**self.normalize.model_dump())
        except ValueError as exc:
            raise ConfigError(str(exc)) from exc
        return AnalyzerConfig(
            normalize=normalize,
            ingest=IngestConfig(**self.ingest.model_dump()),
            model_path=model or v.model,
            fabricated_threshold=threshold if threshold is not None else v.fabricated_threshold,
            genuine_threshold=v.genuine_threshold,
            signal_params=tuple(
                (sid, json.dumps(p, sort_keys=True)) for sid, p in self.signals.params.items()
            ),
        )
