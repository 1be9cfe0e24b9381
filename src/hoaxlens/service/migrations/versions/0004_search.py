"""Search: facet columns on ``documents`` and a full-text index (issue 20).

SQLite gets a contentless FTS5 table ``documents_fts`` (rowid = document id); PostgreSQL a
``documents.search`` tsvector column with a GIN index. Documents stored before this
revision are back-filled from their records, a thousand at a time. The rules are copied
here (not imported) so that this revision keeps meaning what it meant when it was written.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

COLUMNS = (
    ("domain", sa.String(255)),
    ("lang", sa.String(16)),
    ("person", sa.String(256)),
    ("day", sa.String(10)),
)
SEARCH_CHARS = 100_000
FTS_CREATE = (
    "CREATE VIRTUAL TABLE documents_fts USING fts5(title, body, extra, content='', "
    "tokenize='porter unicode61 remove_diacritics 2')"
)
PG_INDEX = (
    "UPDATE documents SET search = setweight(to_tsvector('english', :title), 'A') || "
    "to_tsvector('english', :body) || to_tsvector('simple', :extra) WHERE id = :id"
)


def upgrade() -> None:
    """Add the facet columns and their indexes, the text index, and back-fill both."""
    bind = op.get_bind()
    for name, kind in COLUMNS:
        op.add_column("documents", sa.Column(name, kind, nullable=True))
    op.add_column(
        "documents", sa.Column("obfuscated", sa.Integer(), nullable=False, server_default="0")
    )
    for name in ("domain", "lang", "person", "day"):
        op.create_index(f"ix_documents_{name}", "documents", [name])
    if bind.dialect.name == "postgresql":
        op.execute("ALTER TABLE documents ADD COLUMN search tsvector")
        op.execute("CREATE INDEX ix_documents_search ON documents USING GIN (search)")
    else:
        op.execute(FTS_CREATE)
    _backfill(bind)


def downgrade() -> None:
    """Drop the text index and the facet columns."""
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_documents_search")
        op.execute("ALTER TABLE documents DROP COLUMN search")
    else:
        op.execute("DROP TABLE IF EXISTS documents_fts")
    for name in ("domain", "lang", "person", "day"):
        op.drop_index(f"ix_documents_{name}", table_name="documents")
    with op.batch_alter_table("documents") as batch:
        for name in ("domain", "lang", "person", "day", "obfuscated"):
            batch.drop_column(name)


def _backfill(bind: sa.Connection) -> None:
    last = 0
    while True:
        rows = bind.execute(
            sa.text(
                "SELECT id, record, created_at FROM documents "
                "WHERE id > :last ORDER BY id LIMIT 1000"
            ),
            {"last": last},
        ).all()
        if not rows:
            return
        for doc_id, record_json, created_at in rows:
            record = json.loads(record_json)
            bind.execute(
                sa.text(
                    "UPDATE documents SET domain = :domain, lang = :lang, person = :person, "
                    "obfuscated = :obfuscated, day = :day WHERE id = :id"
                ),
                {"id": doc_id, **_facts(record, created_at)},
            )
            title, body, extra = _text(record)
            values = {"id": doc_id, "title": title, "body": body, "extra": extra}
            if bind.dialect.name == "postgresql":
                bind.execute(sa.text(PG_INDEX), values)
            else:
                bind.execute(
                    sa.text(
                        "INSERT INTO documents_fts(rowid, title, body, extra) "
                        "VALUES (:id, :title, :body, :extra)"
                    ),
                    values,
                )
        last = rows[-1][0]


def _facts(record: dict[str, object], created_at: object) -> dict[str, object]:
    page = record.get("page") or {}
    assert isinstance(page, dict)  # noqa: S101 - the record's contract
    published = str(page.get("published") or "")[:10]
    try:
        day = date.fromisoformat(published).isoformat()
    except ValueError:
        stored = created_at if isinstance(created_at, datetime) else None
        if stored is None and isinstance(created_at, str):
            stored = datetime.fromisoformat(created_at)
        day = (stored or datetime.now(UTC)).date().isoformat()
    domain = page.get("domain")
    url = record.get("url")
    if not domain and isinstance(url, str):
        host = (urlsplit(url).hostname or "").lower()
        domain = host.removeprefix("www.") or None
    people = record.get("people") or []
    assert isinstance(people, list)  # noqa: S101 - the record's contract
    person = people[0] if people else None
    if person is not None and ("\u00e2" in person or "\u00c3" in person):
        person = None  # mojibake is not a person
    obfuscation = record.get("obfuscation") or {}
    assert isinstance(obfuscation, dict)  # noqa: S101 - the record's contract
    lang = record.get("lang")
    return {
        "domain": domain,
        "lang": str(lang)[:16] if lang else None,
        "person": person[:256] if person else None,
        "obfuscated": int(obfuscation.get("count") or 0),
        "day": day,
    }


def _text(record: dict[str, object]) -> tuple[str, str, str]:
    page = record.get("page") or {}
    assert isinstance(page, dict)  # noqa: S101 - the record's contract
    people = record.get("people") or []
    assert isinstance(people, list)  # noqa: S101 - the record's contract
    where = [str(page.get("domain") or ""), str(record.get("url") or "")]
    extra = " ".join([*map(str, people), *where])
    return (str(record.get("title") or ""), str(record.get("text") or "")[:SEARCH_CHARS], extra)
