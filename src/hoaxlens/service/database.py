"""Store URLs, engines and migrations: SQLite by default, PostgreSQL for teams."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import make_url

from hoaxlens.errors import ConfigError

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

DEFAULT_STORE = "sqlite:///hoaxlens.db"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def normalize_store_url(url: str) -> str:
    """Turn what a user types into a SQLAlchemy URL.

    A bare path is a SQLite file; ``postgresql://`` and ``postgres://`` use psycopg 3.

    >>> normalize_store_url("data/team.db")
    'sqlite:///data/team.db'
    >>> normalize_store_url("postgresql://u:p@db/hoaxlens")
    'postgresql+psycopg://u:p@db/hoaxlens'

    Raises:
        ConfigError: for a URL of a database the service does not support.
    """
    if "://" not in url:
        return f"sqlite:///{url}"
    scheme, rest = url.split("://", 1)
    if scheme in ("postgresql", "postgres", "postgresql+psycopg"):
        return f"postgresql+psycopg://{rest}"
    if scheme in ("sqlite", "sqlite+pysqlite"):
        return url
    raise ConfigError(
        f"unsupported store {scheme}://: use a SQLite path (sqlite:///file.db) "
        "or postgresql://user:password@host/database"
    )


def _sqlite_pragmas(dbapi_connection: Any, _record: object) -> None:  # noqa: ANN401 - DB-API
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never wait for the batch writer
    # WAL + NORMAL: a crash of the process loses nothing; a power cut may lose the last
    # commits but never corrupts the file (SQLite's recommended pairing). FULL costs an
    # fsync per commit, about half the time of a request on a plain disk.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for ``url``; a SQLite file (and its folder) is created on first use.

    Raises:
        ConfigError: for an unsupported URL.
    """
    sa_url = make_url(normalize_store_url(url))
    if sa_url.get_backend_name() == "sqlite":
        database = sa_url.database or ""
        if database in ("", ":memory:"):
            raise ConfigError("an in-memory SQLite store would lose everything: give a file")
        Path(database).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(sa_url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(sa_url, pool_pre_ping=True)


def migrate(engine: Engine) -> None:
    """Bring the schema up to the newest Alembic revision (idempotent)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
