"""Settings: one TOML file, validated once at the edge, turned into frozen stage configs.

``Settings`` and its sections are plain frozen dataclasses, so the defaults (no file) cost
nothing to build. pydantic validates a file in ``Settings.from_toml`` and is imported only
there (``hoaxlens.config.schema``): a run without ``--config`` starts without it (issue 18).
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hoaxlens.errors import ConfigError
from hoaxlens.ingest.base import IngestConfig
from hoaxlens.normalize.config import NormalizeConfig

if TYPE_CHECKING:
    from hoaxlens.analyzer import AnalyzerConfig
    from hoaxlens.cluster import ClusterConfig


def _cluster_config() -> ClusterConfig:
    from hoaxlens.cluster import ClusterConfig  # clustering is imported by who clusters

    return ClusterConfig()


def stage_sections() -> dict[str, type[Any]]:
    """The stage sections, by name: the stages' own frozen dataclasses."""
    from hoaxlens.cluster import ClusterConfig

    return {"normalize": NormalizeConfig, "ingest": IngestConfig, "cluster": ClusterConfig}


@dataclass(frozen=True, slots=True)
class VerdictSettings:
    """``[verdict]``: the model file and optional operating-point overrides (in [0, 1])."""

    model: str | None = None
    fabricated_threshold: float | None = None
    genuine_threshold: float | None = None


@dataclass(frozen=True, slots=True)
class SignalsSettings:
    """``[signals]``: per-signal constructor parameters, ``[signals.params."id"]``."""

    params: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class BatchSettings:
    """``[batch]``: limits of the adapters that analyse (scan, Spark, the service).

    ``budget_seconds``: CPU seconds one document may cost; a document over it becomes an
    ``analyze_timeout`` error row (0 disables the limit).
    """

    budget_seconds: float = 5.0


@dataclass(frozen=True, slots=True)
class Settings:
    """The whole configuration file.

    The stage sections are the stages' own frozen dataclasses: one definition and one
    default per setting, checked by ``from_toml`` (types, then the dataclass's
    ``__post_init__``; unknown keys refused).
    """

    normalize: NormalizeConfig = field(default_factory=NormalizeConfig)
    ingest: IngestConfig = field(default_factory=IngestConfig)
    cluster: ClusterConfig = field(default_factory=_cluster_config)
    verdict: VerdictSettings = field(default_factory=VerdictSettings)
    signals: SignalsSettings = field(default_factory=SignalsSettings)
    batch: BatchSettings = field(default_factory=BatchSettings)

    @classmethod
    def from_toml(cls, path: str | Path) -> Settings:
        """Read and validate a TOML file.

        Raises:
            ConfigError: for a missing file, bad TOML, unknown keys or bad values.
        """
        import tomllib  # only a run with a config file reads TOML

        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as exc:
            raise ConfigError(f"cannot read config {path}: {exc.strerror or exc}") from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path} is not valid TOML: {exc}") from exc
        _check_keys(data, path)
        from hoaxlens.config.schema import validate_settings

        return validate_settings(data, path)

    def to_dict(self) -> dict[str, Any]:
        """Every setting, by section, as JSON-ready values (``hoaxlens config show``)."""
        return {f.name: dataclasses.asdict(getattr(self, f.name)) for f in dataclasses.fields(self)}

    def analyzer_config(
        self, *, model: str | None = None, threshold: float | None = None
    ) -> AnalyzerConfig:
        """Frozen config for ``Analyzer``; CLI options override the file."""
        from hoaxlens.analyzer import AnalyzerConfig

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
    for name, config_cls in stage_sections().items():
        section = data.get(name)
        if not isinstance(section, dict):
            continue
        known = [f.name for f in dataclasses.fields(config_cls)]
        unknown = sorted(set(section) - set(known))
        if unknown:
            raise ConfigError(
                f"{path}: [{name}]: unknown setting {', '.join(map(repr, unknown))}; "
                f"known: {', '.join(known)}"
            )
