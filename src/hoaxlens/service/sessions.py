"""UI login sessions and the service's random keys, kept in the store.

A session id is 32 random bytes in the browser's cookie; the store keeps its SHA-256, the
user's name, a fingerprint of the token that opened it and an expiry. Several processes on
one store share sessions and keys, and a restart logs nobody out.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import delete, insert, select

from hoaxlens.service.models import SecretRow, SessionRow, utcnow
from hoaxlens.service.store import dialect_insert

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


def _hash(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


class SessionStore:
    """Open, find and close login sessions; read (or make) the service's keys."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def open(self, principal: str, token_fp: str, lifetime: float) -> tuple[str, datetime]:
        """A new session for ``principal``: its id (for the cookie only) and expiry.

        Expired sessions are deleted on the way.
        """
        session_id = secrets.token_urlsafe(32)
        now = utcnow()
        expires = now + timedelta(seconds=lifetime)
        with self.engine.begin() as conn:
            conn.execute(delete(SessionRow).where(SessionRow.expires_at < now))
            conn.execute(
                insert(SessionRow).values(
                    id_hash=_hash(session_id),
                    principal=principal,
                    token_fp=token_fp,
                    created_at=now,
                    expires_at=expires,
                )
            )
        return session_id, expires

    def find(self, session_id: str) -> tuple[str, str] | None:
        """``(principal, token fingerprint)`` of an open session, or ``None``."""
        query = select(SessionRow.principal, SessionRow.token_fp).where(
            SessionRow.id_hash == _hash(session_id), SessionRow.expires_at > utcnow()
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return (row[0], row[1]) if row is not None else None

    def close(self, session_id: str) -> None:
        """End a session (logout)."""
        with self.engine.begin() as conn:
            conn.execute(delete(SessionRow).where(SessionRow.id_hash == _hash(session_id)))

    def secret(self, name: str) -> bytes:
        """The service's random key ``name``, made on first use and shared by processes."""
        fresh = secrets.token_hex(32)
        with self.engine.begin() as conn:
            conn.execute(
                dialect_insert(self.engine, SecretRow)
                .values(name=name, value=fresh)
                .on_conflict_do_nothing()
            )
            value = conn.execute(select(SecretRow.value).where(SecretRow.name == name)).scalar_one()
        return bytes.fromhex(value)
