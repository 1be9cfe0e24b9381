"""People as users: accounts made with ``hoaxlens users``, their tokens, sessions and roles.

Real HTTP through the TestClient on real stores (SQLite, and PostgreSQL when
``HOAXLENS_TEST_POSTGRES_URL`` is set); the CLI runs in process on the same store.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from service_helpers import OBFUSCATED, STORE_KINDS, csrf_token, store_url_for
from sqlalchemy import text

from hoaxlens.cli import EXIT_FATAL, EXIT_OK, cli
from hoaxlens.service.app import create_app
from hoaxlens.service.database import MIGRATIONS_DIR, make_engine
from hoaxlens.service.settings import ServiceSettings

SERVE_TOKEN = "serve-admin-token-0123456789"  # noqa: S105 - a test token, not a secret


def _users(store: str, *args: str) -> str:
    result = CliRunner().invoke(cli, ["users", "--store", store, *args])
    assert result.exit_code == EXIT_OK, result.output
    return result.stdout.strip()


def _client(store: str, **settings) -> TestClient:
    settings.setdefault("run_worker", False)
    settings.setdefault("analysis_workers", 0)
    app = create_app(ServiceSettings(store_url=store, **settings))
    return TestClient(app, follow_redirects=False)


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture(params=STORE_KINDS)
def store(request, tmp_path) -> str:
    return store_url_for(request.param, tmp_path)


def test_the_migrations_make_the_schema_of_the_models(store):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from hoaxlens.service.models import Base
    from hoaxlens.service.store import Store

    opened = Store(store)  # runs every migration, as the service does on start
    try:
        with opened.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    finally:
        opened.close()
    # The full-text tables are made by revision 0004 in each dialect's own SQL, on purpose
    # outside the models; everything else must match, column by column and index by index.
    full_text = re.compile(r"^(documents_fts|document_search|ix_document_search)")
    left = [
        d
        for d in diff
        if not (d[0] in ("remove_table", "remove_index") and full_text.match(d[1].name))
    ]
    assert left == []


def test_migration_0005_keeps_each_analysts_newest_label_and_the_rest_as_history(store):
    from alembic import command
    from alembic.config import Config

    from hoaxlens.service.labelling import history
    from hoaxlens.service.store import Store

    engine = make_engine(store)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0004")
    day = dt.datetime(2026, 1, 2, tzinfo=dt.UTC)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO documents (doc_id, source, media_type, content, label, score, "
                "record, model_version, signature, created_at) VALUES ('old', 'api', 'text', "
                "'x', 'fabricated', 0.5, '{}', 'v', '', :day)"
            ),
            {"day": day},
        )
        conn.execute(
            text(
                "INSERT INTO document_facts (id, label, score, obfuscated, day) "
                "VALUES (1, 'fabricated', 0.5, 0, '2026-01-02')"
            )
        )
        for label, analyst in [("genuine", "ana"), ("fabricated", "ben"), ("fabricated", "ana")]:
            conn.execute(
                text(
                    "INSERT INTO labels (document_id, label, analyst, note, created_at) "
                    "VALUES (1, :label, :analyst, '', :day)"
                ),
                {"label": label, "analyst": analyst, "day": day},
            )
    engine.dispose()
    opened = Store(store)
    try:
        current = {(x.analyst, x.label) for x in opened.document(1).labels}
        assert current == {("ana", "fabricated"), ("ben", "fabricated")}
        events = [(e.analyst, e.label, e.previous) for e in history(opened, 1)]
        assert events == [
            ("ana", "fabricated", "genuine"),
            ("ben", "fabricated", None),
            ("ana", "genuine", None),
        ]
    finally:
        opened.close()


def test_a_users_token_works_until_replaced_or_removed(store):
    token = _users(store, "add", "ana", "--role", "analyst")
    assert token.startswith("hl_")
    listed = _users(store, "list")
    assert re.search(r"^ana\s+analyst\s", listed, re.MULTILINE), listed
    with _client(store) as client:
        doc = client.post("/v1/analyze", json={"text": OBFUSCATED}, headers=_bearer(token))
        assert doc.status_code == 200, doc.text
        # The store holds the token's digest, never the token.
        with client.app.state.context.store.engine.connect() as conn:
            dump = " ".join(
                str(v) for row in conn.execute(text("SELECT * FROM users")) for v in row
            )
        assert token not in dump
        fresh = _users(store, "token", "ana")
        assert fresh != token
        assert client.get("/v1/documents", headers=_bearer(token)).status_code == 401
        assert client.get("/v1/documents", headers=_bearer(fresh)).status_code == 200
        _users(store, "remove", "ana")
        assert client.get("/v1/documents", headers=_bearer(fresh)).status_code == 401
    assert "ana" not in _users(store, "list")


def test_users_cli_refuses_a_taken_name_and_an_unknown_user(tmp_path):
    store = str(tmp_path / "cli.db")
    _users(store, "add", "ana")
    again = CliRunner().invoke(cli, ["users", "--store", store, "add", "ana"])
    assert again.exit_code == EXIT_FATAL
    assert "exists already" in again.output
    unknown = CliRunner().invoke(cli, ["users", "--store", store, "token", "zed"])
    assert unknown.exit_code == EXIT_FATAL
    assert "no user named 'zed'" in unknown.output
    reserved = CliRunner().invoke(cli, ["users", "--store", store, "add", "anonymous"])
    assert reserved.exit_code == EXIT_FATAL


def test_a_store_with_users_refuses_writes_and_reads_without_credential(store):
    analyst = _users(store, "add", "ana")
    with _client(store) as client:  # no --token: the users alone lock the server
        refused = client.post("/v1/analyze", json={"text": OBFUSCATED})
        assert refused.status_code == 401
        assert client.get("/v1/documents").status_code == 401
        assert client.get("/").status_code == 303
        # Answers for a user stay out of shared caches, as with a token.
        page = client.get("/documents", headers=_bearer(analyst))
        assert page.status_code == 200
        assert page.headers["cache-control"] == "no-store"
        wrong = client.post("/v1/analyze", json={"text": OBFUSCATED}, headers=_bearer("hl_x"))
        assert wrong.status_code == 401
        doc = client.post("/v1/analyze", json={"text": OBFUSCATED}, headers=_bearer(analyst))
        assert doc.status_code == 200
        doc_id = doc.json()["document_id"]
        for path, body in [
            ("/v1/labels", {"document_id": doc_id, "label": "fabricated"}),
            ("/v1/labels/undo", {"document_id": doc_id}),
            ("/v1/notes", {"document_id": doc_id, "text": "seen on three farms"}),
        ]:
            assert client.post(path, json=body).status_code == 401, path
        client.get("/login")
        form = {"label": "fabricated", "csrf_token": csrf_token(client)}
        assert client.post(f"/documents/{doc_id}/labels", data=form).status_code == 401
        stored = client.app.state.context.store.document(doc_id)
        assert stored.labels == ()


def test_the_login_form_opens_a_session_of_the_user_who_then_authors_labels(store):
    token = _users(store, "add", "ben", "--role", "analyst")
    with _client(store) as client:
        doc_id = client.post(
            "/v1/analyze", json={"text": OBFUSCATED}, headers=_bearer(token)
        ).json()["document_id"]
        client.get("/login")
        bad = client.post("/login", data={"token": "hl_wrong", "csrf_token": csrf_token(client)})
        assert bad.status_code == 401
        opened = client.post("/login", data={"token": token, "csrf_token": csrf_token(client)})
        assert opened.status_code == 303
        page = client.get(f"/documents/{doc_id}")
        assert page.status_code == 200
        assert "Your label (ben)" in page.text
        # The form's free-text name is ignored: the session says who labels.
        form = {"label": "fabricated", "analyst": "mallory", "csrf_token": csrf_token(client)}
        assert client.post(f"/documents/{doc_id}/labels", data=form).status_code == 303
        labels = client.app.state.context.store.document(doc_id).labels
        assert [(x.analyst, x.label) for x in labels] == [("ben", "fabricated")]
        # A new token for ben ends the session it opened.
        _users(store, "token", "ben")
        assert client.get(f"/documents/{doc_id}").status_code == 303


def test_only_admins_manage_users_and_serve_tokens_are_admins(store):
    analyst = _users(store, "add", "ana", "--role", "analyst")
    admin = _users(store, "add", "root", "--role", "admin")
    with _client(store, token=SERVE_TOKEN) as client:
        assert client.get("/v1/users", headers=_bearer(analyst)).status_code == 403
        made = client.post(
            "/v1/users", json={"name": "eve", "role": "admin"}, headers=_bearer(analyst)
        )
        assert made.status_code == 403
        names = [u["name"] for u in client.get("/v1/users", headers=_bearer(admin)).json()["items"]]
        assert names == ["ana", "root"]
        # The old single token keeps working, as an admin.
        added = client.post(
            "/v1/users", json={"name": "cy", "role": "analyst"}, headers=_bearer(SERVE_TOKEN)
        )
        assert added.status_code == 201
        new_token = added.json()["token"]
        assert added.json()["user"] == {
            **added.json()["user"],
            "name": "cy",
            "role": "analyst",
        }
        assert client.get("/v1/users", headers=_bearer(new_token)).status_code == 403
        assert client.get("/v1/documents", headers=_bearer(new_token)).status_code == 200
        taken = client.post("/v1/users", json={"name": "cy"}, headers=_bearer(admin))
        assert taken.status_code == 409
