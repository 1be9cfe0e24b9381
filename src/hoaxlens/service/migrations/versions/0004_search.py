"""Search: a narrow ``document_facts`` table and a full-text index (issue 20).

``document_facts`` holds one row per document with what the search page filters, sorts and
counts by (verdict, score, cluster, latest analyst label, main person, domain, language,
obfuscation, day), so those queries never read the wide ``documents`` rows. SQLite gets a
contentless FTS5 table ``documents_fts`` (rowid = document id); PostgreSQL a
``document_search`` table of tsvector values with a GIN index. Documents stored before this
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
from sqlalchemy.dialects import postgresql

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

SEARCH_CHARS = 100_000
FTS_CREATE = (
    "CREATE VIRTUAL TABLE documents_fts USING fts5(title, body, extra, content='', "
    "tokenize='porter unicode61 remove_diacritics 2')"
)
PG_INDEX = (
    "INSERT INTO document_search (id, search) VALUES (:id, "
    "setweight(to_tsvector('english', :title), 'A') || to_tsvector('english', :body) || "
    "to_tsvector('simple', :extra))"
)
INDEXED = ("label", "score", "cluster_id", "analyst_label", "person", "domain", "lang", "day")


def upgrade() -> None:
    """Create ``document_facts`` and the text index, and back-fill both."""
    bind = op.get_bind()
    op.create_table(
        "document_facts",
        sa.Column("id", sa.Integer(), sa.ForeignKey("documents.id"), primary_key=True),
        sa.Column("label", sa.String(16), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("cluster_id", sa.String(64), nullable=True),
        sa.Column("analyst_label", sa.String(16), nullable=True),
        sa.Column("person", sa.String(256), nullable=True),
        sa.Column("domain", sa.String(255), nullable=True),
        sa.Column("lang", sa.String(16), nullable=True),
        sa.Column("obfuscated", sa.Integer(), nullable=False),
        sa.Column("day", sa.String(10), nullable=False),
    )
    for name in INDEXED:
        op.create_index(f"ix_document_facts_{name}", "document_facts", [name])
    op.create_index("ix_labels_analyst", "labels", ["analyst", "document_id"])
    if bind.dialect.name == "postgresql":
        op.create_table(
            "document_search",
            sa.Column("id", sa.Integer(), sa.ForeignKey("documents.id"), primary_key=True),
            sa.Column("search", postgresql.TSVECTOR(), nullable=False),
        )
        op.execute("CREATE INDEX ix_document_search_search ON document_search USING GIN (search)")
    else:
        op.execute(FTS_CREATE)
    _backfill(bind)


def downgrade() -> None:
    """Drop the text index and ``document_facts``."""
    if op.get_bind().dialect.name == "postgresql":
        op.drop_table("document_search")
    else:
        op.execute("DROP TABLE IF EXISTS documents_fts")
    op.drop_index("ix_labels_analyst", table_name="labels")
    op.drop_table("document_facts")


def _backfill(bind: sa.Connection) -> None:
    latest: dict[int, str] = dict(
        bind.execute(
            sa.text(
                "SELECT l.document_id, l.label FROM labels l JOIN (SELECT document_id, "
                "max(id) AS id FROM labels GROUP BY document_id) n ON n.id = l.id"
            )
        ).all()
    )
    last = 0
    while True:
        rows = bind.execute(
            sa.text(
                "SELECT id, record, created_at, label, score, cluster_id FROM documents "
                "WHERE id > :last ORDER BY id LIMIT 1000"
            ),
            {"last": last},
        ).all()
        if not rows:
            return
        for doc_id, record_json, created_at, label, score, cluster_id in rows:
            record = json.loads(record_json)
            facts = _facts(record, created_at) | {
                "id": doc_id,
                "label": label,
                "score": score,
                "cluster_id": cluster_id,
                "analyst_label": latest.get(doc_id),
            }
            bind.execute(
                sa.text(
                    "INSERT INTO document_facts (id, label, score, cluster_id, analyst_label, "
                    "person, domain, lang, obfuscated, day) VALUES (:id, :label, :score, "
                    ":cluster_id, :analyst_label, :person, :domain, :lang, :obfuscated, :day)"
                ),
                facts,
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
