"""Upgrade a store's schema with Alembic: ``python -m hoaxlens.service.migrate [STORE]``.

Every service process also upgrades on start (one at a time, under the store's migration
lock), so this is for a deployment that upgrades first and then starts or restarts its
workers. ``STORE`` defaults to ``HOAXLENS_STORE`` (then ``sqlite:///hoaxlens.db``).
``--check`` only reports: exit status 0 when the store is at the newest revision, 1 when an
upgrade is pending.
"""

from __future__ import annotations

import argparse
import os
import sys

from hoaxlens.service.database import DEFAULT_STORE, MIGRATIONS_DIR, make_engine, migrate
from hoaxlens.service.locks import migration_lock


def revisions(store: str) -> tuple[str | None, str]:
    """``(current revision of the store or None when empty, newest revision)``."""
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    head = ScriptDirectory.from_config(config).get_current_head()
    engine = make_engine(store)
    try:
        with engine.connect() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
    finally:
        engine.dispose()
    return current, str(head)


def main(argv: list[str] | None = None) -> int:
    """Run the command; return its exit status."""
    parser = argparse.ArgumentParser(prog="python -m hoaxlens.service.migrate")
    parser.add_argument("store", nargs="?", default=os.environ.get("HOAXLENS_STORE"))
    parser.add_argument("--check", action="store_true", help="report only; 1 if behind")
    args = parser.parse_args(argv)
    store = args.store or DEFAULT_STORE
    before, head = revisions(store)
    if args.check:
        state = "up to date" if before == head else "upgrade pending"
        print(f"store at revision {before or '(empty)'}; newest {head}: {state}")  # noqa: T201
        return 0 if before == head else 1
    engine = make_engine(store)
    try:
        with migration_lock(engine):
            migrate(engine)
    finally:
        engine.dispose()
    after, _ = revisions(store)
    print(f"store upgraded from {before or '(empty)'} to {after}")  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
