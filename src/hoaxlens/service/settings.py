"""What ``hoaxlens serve`` configures: store, token, limits, and the analyzer's settings."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from hoaxlens.analyzer import AnalyzerConfig
from hoaxlens.cluster import DEFAULT_CLUSTER_CONFIG, ClusterConfig
from hoaxlens.service.database import DEFAULT_STORE

MAX_REQUEST_BYTES = 2_000_000  # one story: far above any real post, far below a DoS
MAX_UPLOAD_BYTES = 64_000_000  # one batch upload (JSONL)


@dataclass(frozen=True, slots=True)
class ServiceSettings:
    """Settings of one service instance.

    ``token``: when set, every write (analyze, batch, labels) needs
    ``Authorization: Bearer <token>`` (or the UI's login cookie).
    """

    store_url: str = DEFAULT_STORE
    token: str | None = None
    max_request_bytes: int = MAX_REQUEST_BYTES
    max_upload_bytes: int = MAX_UPLOAD_BYTES
    analyzer: AnalyzerConfig = field(default_factory=AnalyzerConfig)
    cluster: ClusterConfig = DEFAULT_CLUSTER_CONFIG
    batch_chunk: int = 16  # lines a batch worker claims at a time
    batch_lease_seconds: float = 120.0  # a claimed line returns to the queue after this
    run_worker: bool = True  # False: never process batch jobs in this process
    analysis_workers: int | None = None  # analysis processes; None: min(cores, 4); 0: in-process
    budget_seconds: float = 5.0  # CPU one document may cost ([batch] budget_seconds); 0: none

    def __post_init__(self) -> None:
        if self.max_request_bytes < 1 or self.max_upload_bytes < 1:
            raise ValueError("size limits must be positive")
        if self.batch_chunk < 1 or self.batch_lease_seconds <= 0:
            raise ValueError("batch_chunk and batch_lease_seconds must be positive")
        if self.token is not None and not self.token.strip():
            raise ValueError("an empty token would let anyone write; leave it unset instead")

    @classmethod
    def from_env(cls) -> ServiceSettings:
        """Settings from ``HOAXLENS_STORE``, ``HOAXLENS_TOKEN`` and ``HOAXLENS_CONFIG``.

        ``HOAXLENS_CONFIG`` names the TOML file of ``hoaxlens scan --config``.
        """
        from hoaxlens.config import Settings

        config = os.environ.get("HOAXLENS_CONFIG")
        file_settings = Settings.from_toml(config) if config else Settings()
        analyzer = file_settings.analyzer_config()
        return cls(
            store_url=os.environ.get("HOAXLENS_STORE") or DEFAULT_STORE,
            token=os.environ.get("HOAXLENS_TOKEN") or None,
            analyzer=analyzer,
            budget_seconds=file_settings.batch.budget_seconds,
        )
