"""Per-user quotas and the store's size cap, checked before every storing write.

A user is a token's name, or ``anonymous`` (every request of a server without tokens).
What counts is the body of each write the service accepted (stories, batch uploads,
labels): the bytes a user made the store keep.

- ``upload_quota_bytes`` per ``quota_window_seconds`` (sent): over it, 429 and
  ``Retry-After``;
- ``storage_quota_bytes`` (stored, in all): over it, 413;
- ``max_store_bytes`` (the store's size on disk): over it, 507.

The checks run before the body is read (with its declared length) and the bytes are
charged once the write succeeded, so writes in flight together can overshoot a quota by
their own size, never more.
"""

from __future__ import annotations

import threading
import time
from datetime import timedelta
from typing import TYPE_CHECKING

from hoaxlens.service.models import utcnow

if TYPE_CHECKING:
    from hoaxlens.service.settings import ServiceSettings
    from hoaxlens.service.store import Store

STORE_SIZE_TTL = 5.0  # seconds between two measures of the store's size


class QuotaError(Exception):
    """A write refused by a quota: the HTTP status, the message, and when to retry."""

    def __init__(self, status: int, detail: str, retry_after: int | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.retry_after = retry_after


def _mb(n: int) -> str:
    return f"{n / 1e6:,.1f} MB"


class Quotas:
    """Admit or refuse a write of ``nbytes`` by a user; charge it once it succeeded."""

    def __init__(self, settings: ServiceSettings, store: Store) -> None:
        self.settings = settings
        self.store = store
        self._lock = threading.Lock()
        self._size = 0
        self._measured = float("-inf")

    @property
    def enabled(self) -> bool:
        """Whether any quota or cap is set."""
        s = self.settings
        return bool(s.upload_quota_bytes or s.storage_quota_bytes or s.max_store_bytes)

    def store_size(self) -> int:
        """The store's size, measured at most every few seconds (plus what was charged)."""
        with self._lock:
            if time.monotonic() - self._measured > STORE_SIZE_TTL:
                self._size = self.store.size_bytes()
                self._measured = time.monotonic()
            return self._size

    def admit(self, principal: str, nbytes: int) -> None:
        """Refuse a write that would go over a quota or the store's cap.

        Raises:
            QuotaError: 507 (store full), 413 (user's storage), 429 (user's upload window).
        """
        s = self.settings
        if s.max_store_bytes:
            size = self.store_size()
            if size + nbytes > s.max_store_bytes:
                raise QuotaError(
                    507,
                    f"the store is full: {_mb(size)} of its {_mb(s.max_store_bytes)} cap "
                    "(hoaxlens serve --store-cap-mb raises it)",
                )
        if not (s.storage_quota_bytes or s.upload_quota_bytes):
            return
        usage = self.store.usage(principal)
        if s.storage_quota_bytes and usage.stored_bytes + nbytes > s.storage_quota_bytes:
            raise QuotaError(
                413,
                f"storage quota of {principal!r} used up: {_mb(usage.stored_bytes)} stored of "
                f"{_mb(s.storage_quota_bytes)}, this request adds {_mb(nbytes)} "
                "(hoaxlens serve --storage-quota-mb raises it)",
            )
        if not s.upload_quota_bytes or usage.window_start is None:
            return
        window = timedelta(seconds=s.quota_window_seconds)
        ends = usage.window_start + window
        now = utcnow()
        if ends <= now:
            return
        if usage.window_bytes + max(nbytes, 1) > s.upload_quota_bytes:
            wait = max(1, int((ends - now).total_seconds() + 0.999))
            raise QuotaError(
                429,
                f"upload quota of {principal!r} used up: {_mb(usage.window_bytes)} sent of "
                f"{_mb(s.upload_quota_bytes)} per {s.quota_window_seconds:g} s; try again "
                f"in {wait} s (hoaxlens serve --upload-quota-mb raises it)",
                retry_after=wait,
            )

    def charge(self, principal: str, nbytes: int) -> None:
        """Count a successful write of ``nbytes`` by ``principal``."""
        if not (self.settings.storage_quota_bytes or self.settings.upload_quota_bytes):
            with self._lock:
                self._size += nbytes
            return
        self.store.charge_usage(
            principal, nbytes, window_seconds=self.settings.quota_window_seconds
        )
        with self._lock:
            self._size += nbytes
