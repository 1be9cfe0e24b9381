"""Access with a token: reads need a credential, logins are sessions, tokens are hashed.

TestClient on a real SQLite store. Forged cross-origin requests are in
``test_sec_forgery.py`` (real HTTP); the CLI's token handling in ``test_sec_cli.py``.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from service_helpers import OBFUSCATED, csrf_token, jsonl
from sqlalchemy import text

from hoaxlens.service import api, ui, workspace
from hoaxlens.service.app import create_app
from hoaxlens.service.security import (
    FailureLimiter,
    TokenError,
    hash_token,
    parse_token_lines,
)
from hoaxlens.service.settings import ServiceSettings

TOKEN = "access-test-token-0123456789"  # noqa: S105 - a test token, not a secret
BEARER = {"Authorization": f"Bearer {TOKEN}"}
TEMPLATES = Path(ui.__file__).resolve().parent / "templates"
OPEN = {"/healthz", "/login", "/openapi.json"}


def _app(tmp_path, **settings):
    settings.setdefault("store_url", str(tmp_path / "access.db"))
    settings.setdefault("run_worker", False)
    return create_app(ServiceSettings(**settings))


@pytest.fixture
def locked(tmp_path):
    with TestClient(_app(tmp_path, token=TOKEN), follow_redirects=False) as client:
        doc = client.post("/v1/analyze", json={"text": OBFUSCATED}, headers=BEARER).json()
        job = client.post(
            "/v1/batch",
            content=jsonl([{"text": OBFUSCATED}]),
            headers={**BEARER, "content-type": "application/x-ndjson"},
        ).json()
        client.ids = {
            "document_id": str(doc["document_id"]),
            "job_id": job["id"],
            "cluster_id": doc["cluster_id"],
            "fmt": "csv",
        }
        yield client


def _routes() -> list[APIRoute]:
    """Every route of the API and the UI."""
    every = (*api.router.routes, *ui.router.routes, *workspace.router.routes)
    routes = [r for r in every if isinstance(r, APIRoute)]
    assert len(routes) >= 20
    return routes


def _get_routes(_app) -> list[str]:
    """Every GET path of the app."""
    paths = [route.path for route in _routes() if "GET" in route.methods]
    assert len(paths) >= 13, paths
    return paths


def _fill(path: str, ids: dict[str, str]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: ids[m.group(1)], path)


def test_every_read_needs_a_credential_when_a_token_is_set(locked):
    for path in _get_routes(locked.app):
        url = _fill(path, locked.ids)
        anonymous = locked.get(url)
        if path in OPEN:
            assert anonymous.status_code == 200, path
        elif path.startswith("/v1/"):
            assert anonymous.status_code == 401, path
            assert anonymous.headers["www-authenticate"] == "Bearer"
            assert "token" in anonymous.json()["detail"]
        else:
            assert anonymous.status_code == 303, path
            assert anonymous.headers["location"].startswith("/login?next=")
        assert locked.get(url, headers=BEARER).status_code == 200, path
    assert locked.get("/static/app.js").status_code == 200
    assert locked.get("/healthz").json()["status"] == "ok"


def test_public_read_opens_reads_but_not_writes(tmp_path):
    with TestClient(_app(tmp_path, token=TOKEN, public_read=True)) as client:
        assert client.post("/v1/analyze", json={"text": OBFUSCATED}).status_code == 401
        doc = client.post("/v1/analyze", json={"text": OBFUSCATED}, headers=BEARER).json()
        assert client.get(f"/v1/documents/{doc['document_id']}").status_code == 200
        assert client.get("/v1/documents").json()["total"] == 1
        assert client.get(f"/documents/{doc['document_id']}").status_code == 200


def test_the_login_cookie_is_a_random_session_not_the_token(tmp_path):
    app = _app(tmp_path, token=TOKEN)
    with TestClient(app, follow_redirects=False) as client:
        assert client.get("/v1/documents").status_code == 401
        login = client.post(
            "/login",
            data={"token": TOKEN, "csrf_token": csrf_token(client), "next": "/review"},
        )
        assert login.status_code == 303
        assert login.headers["location"] == "/review"
        cookie = next(
            c for c in login.headers.get_list("set-cookie") if c.startswith("hoaxlens_session=")
        )
        attributes = {a.strip().split("=")[0].lower() for a in cookie.split(";")}
        assert {"httponly", "max-age", "expires", "path", "samesite"} <= attributes
        assert "samesite=strict" in cookie.lower()
        assert "max-age=43200" in cookie.lower()  # 12 hours by default
        assert "secure" not in attributes  # plain http; see the next test
        assert TOKEN not in cookie
        session_id = client.cookies["hoaxlens_session"]
        assert len(session_id) >= 43
        assert client.get("/review").status_code == 200
        assert client.get("/v1/documents").status_code == 200  # the cookie reads the API too
        with app.state.context.store.engine.connect() as conn:
            rows = conn.execute(text("SELECT id_hash, principal FROM sessions")).all()
        assert rows == [(hashlib.sha256(session_id.encode()).hexdigest(), rows[0][1])]
        logout = client.post("/logout", data={"csrf_token": csrf_token(client)})
        assert logout.status_code == 303
        client.cookies.set("hoaxlens_session", session_id)  # a copy kept by someone
        assert client.get("/v1/documents").status_code == 401
    database = Path(tmp_path / "access.db").read_bytes()
    for secret in (TOKEN, session_id):
        assert secret.encode() not in database


@pytest.mark.parametrize(
    ("settings", "base_url"),
    [
        pytest.param({"secure_cookies": True}, "http://testserver", id="secure-cookies-flag"),
        pytest.param({}, "https://testserver", id="served-over-https"),
    ],
)
def test_cookies_are_secure_behind_tls(tmp_path, settings, base_url):
    app = _app(tmp_path, token=TOKEN, **settings)
    with TestClient(app, base_url=base_url, follow_redirects=False) as client:
        page = client.get("/login")
        assert "; secure" in page.headers["set-cookie"].lower()
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        cookie = re.search(r"hoaxlens_csrf=([^;]+)", page.headers["set-cookie"]).group(1)
        login = client.post(  # behind a TLS proxy the browser sends it back; httpx won't
            "/login",
            data={"token": TOKEN, "csrf_token": csrf},
            headers={"cookie": f"hoaxlens_csrf={cookie}"},
        )
        assert login.status_code == 303
        assert "; secure" in login.headers["set-cookie"].lower()


def test_tokens_are_kept_hashed(tmp_path):
    settings = ServiceSettings(store_url=str(tmp_path / "s.db"), token=TOKEN)
    assert TOKEN not in repr(settings)
    assert [t.digest for t in settings.tokens] == [hash_token(TOKEN).removeprefix("sha256:")]
    entries = parse_token_lines(f"ana {TOKEN}\nbo {hash_token('another-token-0123456789')}\n")
    assert [e.name for e in entries] == ["ana", "bo"]
    assert TOKEN not in repr(entries)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("a b c", "expected", id="three-fields"),
        pytest.param("anonymous tok", "bad name", id="reserved-name"),
        pytest.param("ana sha256:abc", "64 hex", id="short-digest"),
        pytest.param("ana x\nana y", "twice", id="repeated-name"),
        pytest.param("ana x\nbo x", "twice", id="repeated-token"),
    ],
)
def test_bad_token_files_say_why(text, message):
    with pytest.raises(TokenError, match=message):
        parse_token_lines(text)


def test_a_file_digest_works_as_the_token_and_rotation_ends_sessions(tmp_path):
    store = str(tmp_path / "rotate.db")
    first = parse_token_lines(f"ana {hash_token(TOKEN)}")
    with TestClient(create_app(ServiceSettings(store_url=store, tokens=first))) as client:
        assert client.get("/v1/documents", headers=BEARER).status_code == 200
        client.post("/login", data={"token": TOKEN, "csrf_token": csrf_token(client)})
        session_id = client.cookies["hoaxlens_session"]
        assert client.get("/v1/documents").status_code == 200
    rotated = parse_token_lines("ana a-new-token-for-ana-0123456789")
    with TestClient(create_app(ServiceSettings(store_url=store, tokens=rotated))) as client:
        client.cookies.set("hoaxlens_session", session_id)
        assert client.get("/v1/documents").status_code == 401
        assert client.get("/v1/documents", headers=BEARER).status_code == 401


def test_logins_are_rate_limited_per_client(tmp_path):
    app = _app(tmp_path, token=TOKEN)
    with TestClient(app, follow_redirects=False) as client:
        csrf = csrf_token(client)
        for _ in range(5):
            wrong = client.post("/login", data={"token": "guess", "csrf_token": csrf})
            assert wrong.status_code == 401
            assert "Wrong token" in wrong.text
        limited = client.post("/login", data={"token": TOKEN, "csrf_token": csrf})
        assert limited.status_code == 429
        assert 1 <= int(limited.headers["retry-after"]) <= 60
        assert "Too many failed logins" in limited.text
        bearer = client.get("/v1/documents", headers=BEARER)  # same client, bearer: blocked
        assert bearer.status_code == 429
    with TestClient(app, client=("10.1.2.3", 5000), follow_redirects=False) as other:
        ok = other.post("/login", data={"token": TOKEN, "csrf_token": csrf_token(other)})
        assert ok.status_code == 303


def test_wrong_bearer_tokens_count_as_failed_logins(tmp_path):
    with TestClient(_app(tmp_path, token=TOKEN)) as client:
        for _ in range(5):
            headers = {"Authorization": "Bearer wrong"}
            assert client.get("/v1/documents", headers=headers).status_code == 401
        response = client.get("/v1/documents", headers=BEARER)
        assert response.status_code == 429
        assert "retry-after" in response.headers


def test_failure_limiter_forgets_old_failures_and_bounds_its_memory():
    limiter = FailureLimiter(5, 60.0, max_clients=100)
    for n in range(1000):
        limiter.fail(f"10.0.{n // 256}.{n % 256}", now=float(n))
    assert len(limiter._failures) <= 100
    for t in range(5):
        limiter.fail("a", now=2000.0 + t)
    assert limiter.retry_after("a", now=2005.0) == 55
    assert limiter.retry_after("a", now=2061.0) == 0


def test_every_ui_form_carries_a_csrf_token():
    forms = 0
    for template in TEMPLATES.glob("*.html"):
        source = template.read_text(encoding="utf-8")
        for form in re.findall(r"<form\b.*?</form>", source, flags=re.DOTALL):
            forms += 1
            if 'method="get" action="/documents"' in form:  # the search forms: no writes
                assert "csrf_token" not in form, template.name
                continue
            assert 'method="post"' in form, template.name
            assert 'name="csrf_token" value="{{ csrf_token }}"' in form, template.name
    assert forms >= 5


def test_every_ui_post_route_checks_the_csrf_token(tmp_path):
    app = _app(tmp_path)
    posts = [route for route in _routes() if "POST" in route.methods and route.path[:4] != "/v1/"]
    assert {r.path for r in posts} == {
        "/analyze",
        "/batch",
        "/documents/{document_id}/labels",
        "/documents/{document_id}/labels/undo",
        "/documents/{document_id}/notes",
        "/clusters/{cluster_id}/labels",
        "/clusters/{cluster_id}/notes",
        "/login",
        "/logout",
    }
    for route in posts:
        assert any(d.call is ui._csrf for d in route.dependant.dependencies), route.path
    with TestClient(app) as client:
        client.get("/login")
        for path, data in [
            ("/analyze", {"text": OBFUSCATED}),
            ("/login", {"token": "x"}),
            ("/logout", {}),
            ("/documents/1/labels", {"label": "genuine", "analyst": "a"}),
            ("/clusters/tpl-x/labels", {"label": "genuine", "analyst": "a", "document_id": "1"}),
            ("/documents/1/labels/undo", {}),
            ("/documents/1/notes", {"text": "a note"}),
            ("/clusters/tpl-x/notes", {"text": "a note"}),
        ]:
            missing = client.post(path, data=data)
            assert missing.status_code == 403, path
            assert "CSRF" in missing.json()["detail"]
            wrong = client.post(path, data={**data, "csrf_token": "0" * 64})
            assert wrong.status_code == 403, path
        assert app.state.context.store.count_documents() == 0


def test_every_api_write_is_in_the_middlewares_json_only_list():
    from hoaxlens.service.security import API_WRITES

    writes = {r.path for r in _routes() if r.path.startswith("/v1/") and r.methods - {"GET"}}
    assert writes == API_WRITES


@pytest.mark.parametrize(
    ("host", "status"),
    [
        pytest.param("127.0.0.1:8000", 200, id="loopback"),
        pytest.param("localhost:8000", 200, id="localhost"),
        pytest.param("rebound.evil.example:8000", 400, id="dns-rebinding"),
    ],
)
def test_only_allowed_host_names_are_served(tmp_path, host, status):
    app = _app(tmp_path, allowed_hosts=("127.0.0.1", "localhost", "::1"))
    with TestClient(app) as client:
        response = client.get("/v1/documents", headers={"host": host})
        assert response.status_code == status
        if status == 400:
            assert "--allowed-host" in response.json()["detail"]


def test_the_cookie_of_older_versions_is_cleared(tmp_path):
    with TestClient(_app(tmp_path)) as client:
        client.cookies.set("hoaxlens_token", "raw-token-of-an-older-version")
        page = client.get("/")
        assert 'hoaxlens_token=""' in page.headers["set-cookie"]


def test_pages_and_answers_carry_isolation_headers(tmp_path):
    with TestClient(_app(tmp_path, token=TOKEN)) as client:
        for response in (client.get("/login"), client.get("/v1/documents", headers=BEARER)):
            assert response.headers["x-frame-options"] == "DENY"
            assert response.headers["cross-origin-resource-policy"] == "same-origin"
            assert response.headers["cache-control"] == "no-store"
            assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
