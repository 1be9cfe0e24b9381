"""What ``hoaxlens serve`` configures: store, access, limits, and the analyzer's settings.

Every limit here is listed, with the flag that changes it, in ``docs/security.md``.
"""

from __future__ import annotations

import os
from dataclasses import InitVar, dataclass, field
from pathlib import Path

from hoaxlens.analyzer import AnalyzerConfig
from hoaxlens.cluster import DEFAULT_CLUSTER_CONFIG, ClusterConfig
from hoaxlens.service.database import DEFAULT_STORE
from hoaxlens.service.security import TokenEntry, load_token_file, token_entry

MB = 1_000_000
MAX_REQUEST_BYTES = 2 * MB  # one story: far above any real post, far below a DoS
MAX_UPLOAD_BYTES = 64 * MB  # one batch upload (JSONL)
UPLOAD_QUOTA_BYTES = 1_000 * MB  # what one user may send per quota window
QUOTA_WINDOW_SECONDS = 3600.0
STORAGE_QUOTA_BYTES = 4_000 * MB  # what one user may have stored, in all
MAX_STORE_BYTES = 20_000 * MB  # the whole store (SQLite file + WAL, or the PostgreSQL database)
SESSION_SECONDS = 12 * 3600.0
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True, slots=True)
class ServiceSettings:
    """Settings of one service instance.

    ``tokens`` (or ``token``, one raw token hashed on the spot): when any is set, every
    write needs one (``Authorization: Bearer <token>``, or the UI's login session), and
    so does every read unless ``public_read``. Only SHA-256 digests are kept.

    Quotas and caps of 0 mean "no limit". ``allowed_hosts`` ``None`` accepts any
    ``Host`` header (``hoaxlens serve`` narrows it to loopback names when it listens on
    loopback).
    """

    store_url: str = DEFAULT_STORE
    token: InitVar[str | None] = None
    tokens: tuple[TokenEntry, ...] = ()
    public_read: bool = False
    secure_cookies: bool = False  # True behind TLS: cookies get the Secure attribute
    session_seconds: float = SESSION_SECONDS
    login_failures_per_minute: int = 5
    allowed_hosts: tuple[str, ...] | None = None
    trusted_origins: tuple[str, ...] = ()
    max_request_bytes: int = MAX_REQUEST_BYTES
    max_upload_bytes: int = MAX_UPLOAD_BYTES
    upload_quota_bytes: int = UPLOAD_QUOTA_BYTES
    quota_window_seconds: float = QUOTA_WINDOW_SECONDS
    storage_quota_bytes: int = STORAGE_QUOTA_BYTES
    max_store_bytes: int = MAX_STORE_BYTES
    upload_slots: int = 2  # batch uploads written into the store at once (the rest wait)
    analyzer: AnalyzerConfig = field(default_factory=AnalyzerConfig)
    cluster: ClusterConfig = DEFAULT_CLUSTER_CONFIG
    batch_chunk: int = 16  # lines a batch worker claims at a time
    batch_lease_seconds: float = 120.0  # a claimed line returns to the queue after this
    run_worker: bool = True  # False: never process batch jobs in this process
    analysis_workers: int | None = None  # analysis processes; None: min(cores, 4); 0: in-process
    budget_seconds: float = 5.0  # CPU one document may cost ([batch] budget_seconds); 0: none
    # Analyse-by-URL: the private/loopback/link-local ranges fetches may reach (none: the
    # SSRF guard refuses every non-public address), and where each fetch's WARC is kept.
    fetch_allow: tuple[str, ...] = ()
    warc_dir: Path = Path("hoaxlens-warc")

    def __post_init__(self, token: str | None) -> None:
        if token is not None:
            if not token.strip():
                raise ValueError("an empty token would let anyone write; leave it unset instead")
            object.__setattr__(self, "tokens", (*self.tokens, token_entry(token)))
        names = [t.name for t in self.tokens]
        if len(set(names)) != len(names):
            raise ValueError(f"two tokens share a name: {sorted(names)}")
        if self.max_request_bytes < 1 or self.max_upload_bytes < 1:
            raise ValueError("size limits must be positive")
        if min(self.upload_quota_bytes, self.storage_quota_bytes, self.max_store_bytes) < 0:
            raise ValueError("quotas and caps must be 0 (no limit) or positive")
        if self.quota_window_seconds <= 0 or self.session_seconds <= 0:
            raise ValueError("quota_window_seconds and session_seconds must be positive")
        if self.login_failures_per_minute < 1 or self.upload_slots < 1:
            raise ValueError("login_failures_per_minute and upload_slots must be positive")
        from hoaxlens.fetch.guard import AddressPolicy

        try:
            AddressPolicy.from_cidrs(self.fetch_allow)
        except ValueError as exc:
            raise ValueError(f"fetch_allow: {exc}") from exc
        if self.batch_chunk < 1 or self.batch_lease_seconds <= 0:
            raise ValueError("batch_chunk and batch_lease_seconds must be positive")

    @property
    def locked(self) -> bool:
        """Whether any token is configured (writes, and reads unless public, need one)."""
        return bool(self.tokens)

    @classmethod
    def from_env(cls) -> ServiceSettings:
        """Settings from the environment (``uvicorn hoaxlens.service.app:create_app --factory``).

        ``HOAXLENS_STORE``, ``HOAXLENS_TOKEN`` (a raw token) or ``HOAXLENS_TOKEN_FILE``,
        ``HOAXLENS_PUBLIC_READ=1``, ``HOAXLENS_SECURE_COOKIES=1``,
        ``HOAXLENS_ALLOWED_HOSTS`` (comma-separated; default: loopback names; ``*``: any)
        ``HOAXLENS_FETCH_ALLOW`` (comma-separated CIDR ranges analyse-by-URL may reach;
        default none), ``HOAXLENS_WARC_DIR`` (where fetches are kept; default
        ``hoaxlens-warc``) and ``HOAXLENS_CONFIG`` (the TOML file of ``hoaxlens scan --config``).
        ``HOAXLENS_TOKEN`` is removed from the environment once read, so that no child
        process inherits it.
        """
        from hoaxlens.config import Settings

        config = os.environ.get("HOAXLENS_CONFIG")
        file_settings = Settings.from_toml(config) if config else Settings()
        analyzer = file_settings.analyzer_config()
        tokens: list[TokenEntry] = []
        raw = os.environ.pop("HOAXLENS_TOKEN", "")
        if raw:
            tokens.append(token_entry(raw))
        token_file = os.environ.get("HOAXLENS_TOKEN_FILE")
        if token_file:
            tokens.extend(load_token_file(Path(token_file)))
        hosts = [h.strip() for h in os.environ.get("HOAXLENS_ALLOWED_HOSTS", "").split(",")]
        hosts = [h for h in hosts if h]
        allow = [c.strip() for c in os.environ.get("HOAXLENS_FETCH_ALLOW", "").split(",")]
        return cls(
            store_url=os.environ.get("HOAXLENS_STORE") or DEFAULT_STORE,
            tokens=tuple(tokens),
            public_read=_flag("HOAXLENS_PUBLIC_READ"),
            secure_cookies=_flag("HOAXLENS_SECURE_COOKIES"),
            allowed_hosts=None if hosts == ["*"] else tuple(hosts or LOOPBACK_HOSTS),
            analyzer=analyzer,
            budget_seconds=file_settings.batch.budget_seconds,
            fetch_allow=tuple(c for c in allow if c),
            warc_dir=Path(os.environ.get("HOAXLENS_WARC_DIR") or "hoaxlens-warc"),
        )


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")
