"""Leases on batch lines, so that several ``serve`` processes can share one store.

A worker claims a few pending lines by writing its lease token and an expiry time; another
worker skips them until the lease expires (the owner crashed) or the lines are done.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the lease columns (NULL: nobody holds the line)."""
    with op.batch_alter_table("job_items") as batch:
        batch.add_column(sa.Column("leased_by", sa.String(64), nullable=True))
        batch.add_column(sa.Column("leased_until", sa.DateTime(timezone=True), nullable=True))
        batch.create_index("ix_job_items_leased_by", ["leased_by"])


def downgrade() -> None:
    """Drop the lease columns."""
    with op.batch_alter_table("job_items") as batch:
        batch.drop_index("ix_job_items_leased_by")
        batch.drop_column("leased_until")
        batch.drop_column("leased_by")
