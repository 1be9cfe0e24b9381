"""Alembic environment: runs on the connection the store hands over (no alembic.ini).

Alembic executes this file inside its migration context; imported anywhere else (pytest's
doctest collection imports every module) it does nothing.
"""

from __future__ import annotations

from alembic import context

from hoaxlens.service.models import Base


def run_migrations() -> None:
    """Run the pending revisions on the store's connection."""
    connection = context.config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER most things
    )
    with context.begin_transaction():
        context.run_migrations()


if hasattr(context, "config"):  # only inside `alembic upgrade`
    run_migrations()
