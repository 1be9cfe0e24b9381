"""Locks that hold across processes sharing one store (``uvicorn --workers N``, several hosts).

Two things must happen one process at a time:

- **migrations** (``migration_lock``): two processes started together on an empty store would
  both create the tables. PostgreSQL: a session-level advisory lock, held on a connection
  of its own while the migration runs on another. SQLite: ``flock`` on a file beside the
  database (``<file>-migrate.lock``; the database file itself is not locked this way, since
  closing any descriptor of it drops SQLite's own POSIX locks).
- **storing a document** (``lock_writes``, at the start of its transaction): store ids must
  reach every process's cluster index in ascending order, and a document's id is taken
  while the lock is held, so ids commit in the order they were given. PostgreSQL: a
  transaction-level advisory lock (released at commit or rollback). SQLite: ``BEGIN
  IMMEDIATE`` (its single writer lock, taken before the transaction reads anything, so the
  transaction sees every earlier commit).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sqlalchemy import Connection
    from sqlalchemy.engine import Engine

# Advisory lock keys (64-bit); the text "hoaxlens" in ASCII, plus one per purpose.
MIGRATION_KEY = 0x686F61786C656E73
WRITE_KEY = MIGRATION_KEY + 1


@contextlib.contextmanager
def migration_lock(engine: Engine) -> Iterator[None]:
    """Hold the store's migration lock (other processes wait) for the ``with`` block."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_KEY})
            conn.commit()
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_KEY})
                conn.commit()
        return
    database = engine.url.database or ""
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        yield
        return
    try:
        import fcntl
    except ImportError:  # not POSIX: one process per SQLite file, then
        yield
        return
    path = Path(database).expanduser().resolve()
    fd = os.open(path.with_name(path.name + "-migrate.lock"), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def lock_writes(conn: Connection) -> None:
    """Take the store's document-write lock; call first in a transaction (held until its end).

    On SQLite this begins the transaction itself (``BEGIN IMMEDIATE``), so it must come
    before the transaction's first statement.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_KEY})
    elif conn.dialect.name == "sqlite":
        dbapi = conn.connection.dbapi_connection
        if dbapi is not None and not getattr(dbapi, "in_transaction", True):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
