"""People as users: accounts, label history and notes (issue 20).

``users`` holds each person's name, role (``analyst`` or ``admin``) and the SHA-256 of their
API token. ``labels`` becomes each analyst's *current* label on a document (one row per
analyst and document, a unique index); every change goes to ``label_history`` with what it
was before, so that an undo can restore it. Labels stored before this revision become
history: each row an event (its ``previous`` the same analyst's label before it), and only
each analyst's newest label on a document stays in ``labels`` (so a document's newest
label, which training and the search facets read, is unchanged). ``notes`` holds notes on
documents and on campaigns.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

BACKFILL = (
    "INSERT INTO label_history (document_id, analyst, action, label, previous, undone, "
    "created_at) SELECT l.document_id, l.analyst, 'label', l.label, (SELECT p.label FROM "
    "labels p WHERE p.document_id = l.document_id AND p.analyst = l.analyst AND p.id < l.id "
    "ORDER BY p.id DESC LIMIT 1), 0, l.created_at FROM labels l ORDER BY l.id"
)
KEEP_NEWEST = (
    "DELETE FROM labels WHERE EXISTS (SELECT 1 FROM labels n WHERE n.document_id = "
    "labels.document_id AND n.analyst = labels.analyst AND n.id > labels.id)"
)


def upgrade() -> None:
    """Create ``users``, ``label_history`` and ``notes``; one current label per analyst."""
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(64), nullable=False, unique=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("token_digest", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("token_created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "label_history",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("analyst", sa.String(128), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("label", sa.String(16), nullable=True),
        sa.Column("previous", sa.String(16), nullable=True),
        sa.Column("undone", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_label_history_document_id", "label_history", ["document_id"])
    op.create_table(
        "notes",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("documents.id"), nullable=True),
        sa.Column("cluster_id", sa.String(64), nullable=True),
        sa.Column("author", sa.String(128), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_notes_document_id", "notes", ["document_id"])
    op.create_index("ix_notes_cluster_id", "notes", ["cluster_id"])
    op.execute(BACKFILL)
    op.execute(KEEP_NEWEST)
    op.create_index("ux_labels_document_analyst", "labels", ["document_id", "analyst"], unique=True)


def downgrade() -> None:
    """Drop the new tables and the unique index (the older labels stay gone)."""
    op.drop_index("ux_labels_document_analyst", table_name="labels")
    op.drop_index("ix_notes_cluster_id", table_name="notes")
    op.drop_index("ix_notes_document_id", table_name="notes")
    op.drop_table("notes")
    op.drop_index("ix_label_history_document_id", table_name="label_history")
    op.drop_table("label_history")
    op.drop_table("users")
