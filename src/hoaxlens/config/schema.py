"""The pydantic schema ``Settings.from_toml`` validates a file with (imported only then).

Each model mirrors a section of :mod:`hoaxlens.config`, with that section's defaults and
the bounds of its values; unknown keys are refused. The stage sections are the stages' own
dataclasses, which pydantic checks field by field and then runs their ``__post_init__``.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from hoaxlens.cluster import ClusterConfig
from hoaxlens.config import BatchSettings, SignalsSettings, VerdictSettings
from hoaxlens.config import Settings as SettingsRecord
from hoaxlens.errors import ConfigError
from hoaxlens.ingest.base import IngestConfig
from hoaxlens.normalize.config import NormalizeConfig


def _default(section: type[Any], name: str) -> Any:  # noqa: ANN401 - any setting's default
    """The default of ``name`` in the dataclass ``section`` (one default per setting)."""
    return next(f.default for f in dataclasses.fields(section) if f.name == name)


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Verdict(_Section):
    """``[verdict]``."""

    model: str | None = _default(VerdictSettings, "model")
    fabricated_threshold: float | None = Field(
        default=_default(VerdictSettings, "fabricated_threshold"), ge=0, le=1
    )
    genuine_threshold: float | None = Field(
        default=_default(VerdictSettings, "genuine_threshold"), ge=0, le=1
    )


class Signals(_Section):
    """``[signals]``."""

    params: dict[str, dict[str, Any]] = Field(default_factory=dict)


class Batch(_Section):
    """``[batch]``."""

    budget_seconds: float = Field(default=_default(BatchSettings, "budget_seconds"), ge=0)


class Settings(_Section):
    """The whole file (named as the record it becomes: pydantic's messages name it)."""

    normalize: NormalizeConfig = Field(default_factory=NormalizeConfig)
    ingest: IngestConfig = Field(default_factory=IngestConfig)
    cluster: ClusterConfig = Field(default_factory=ClusterConfig)
    verdict: Verdict = Field(default_factory=Verdict)
    signals: Signals = Field(default_factory=Signals)
    batch: Batch = Field(default_factory=Batch)


def validate_settings(data: dict[str, Any], where: object) -> SettingsRecord:
    """The ``Settings`` of a parsed TOML file.

    Raises:
        ConfigError: naming ``where``, for a bad value or an unknown section or key.
    """
    try:
        checked = Settings.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(f"{where}: {exc}") from exc
    return SettingsRecord(
        normalize=checked.normalize,
        ingest=checked.ingest,
        cluster=checked.cluster,
        verdict=VerdictSettings(**checked.verdict.model_dump()),
        signals=SignalsSettings(checked.signals.params),
        batch=BatchSettings(checked.batch.budget_seconds),
    )
