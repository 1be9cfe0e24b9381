"""Forged writes over real HTTP, with the headers a browser sends: all refused.

A real uvicorn server on 127.0.0.1. The attacker is a page on another site
(``Sec-Fetch-Site: cross-site``), a page on another port of the same host (``same-site``,
``Origin: http://127.0.0.1:<other port>``), an older browser that sends only ``Origin``,
or a sandboxed page (``Origin: null``). Each forged request carries the victim's cookies
(the login session when a token is configured) and even the page's CSRF token, so that
what refuses it is the origin check itself; the store must be unchanged afterwards.
The same requests from the server's own pages are accepted (positive controls).
"""

from __future__ import annotations

import json
import re

import httpx
import pytest
from service_helpers import OBFUSCATED, PLAIN, jsonl, running_server

from hoaxlens.service.app import create_app
from hoaxlens.service.settings import ServiceSettings

TOKEN = "forgery-test-token-0123456789"  # noqa: S105 - a test token, not a secret
ATTACKER_PORT = 9999


def _attackers(base: str) -> dict[str, dict[str, str]]:
    other_port = f"http://127.0.0.1:{ATTACKER_PORT}"
    assert other_port != base
    return {
        "cross-site": {
            "Origin": "https://evil.example",
            "Sec-Fetch-Site": "cross-site",
            "Sec-Fetch-Mode": "no-cors",
        },
        "cross-site-form": {
            "Origin": "https://evil.example",
            "Sec-Fetch-Site": "cross-site",
            "Sec-Fetch-Mode": "navigate",
        },
        "same-site-other-port": {
            "Origin": other_port,
            "Sec-Fetch-Site": "same-site",
            "Sec-Fetch-Mode": "no-cors",
        },
        "same-site-other-port-form": {
            "Origin": other_port,
            "Sec-Fetch-Site": "same-site",
            "Sec-Fetch-Mode": "navigate",
        },
        "origin-only-other-port": {"Origin": other_port},  # a browser without Sec-Fetch-*
        "origin-only-cross-site": {"Origin": "https://evil.example"},
        "null-origin": {"Origin": "null"},
    }


class Victim:
    """The analyst's browser: its cookies, the CSRF token of its page, its server."""

    def __init__(self, base: str, *, token: str | None) -> None:
        self.base = base
        self.http = httpx.Client(base_url=base, timeout=60, follow_redirects=False)
        self.cookies: dict[str, str] = {}
        page = self.http.get("/login")
        self._keep(page)
        found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert found
        self.csrf = found.group(1)
        if token is not None:
            login = self.send("POST", "/login", self.own(), data={"token": token, **self.form()})
            assert login.status_code == 303, login.text
            assert "hoaxlens_session" in self.cookies

    def _keep(self, response: httpx.Response) -> None:
        for name, value in response.cookies.items():
            self.cookies[name] = value

    def own(self) -> dict[str, str]:
        """The headers of a request made by the server's own page."""
        return {"Origin": self.base, "Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "cors"}

    def form(self) -> dict[str, str]:
        return {"csrf_token": self.csrf}

    def send(self, method: str, path: str, origin: dict[str, str], **kwargs) -> httpx.Response:
        """A request with the browser's cookies and ``origin``'s Origin/Sec-Fetch-* headers."""
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        headers = {**origin, "Cookie": cookie} | kwargs.pop("headers", {})
        response = self.http.request(method, path, headers=headers, **kwargs)
        self._keep(response)
        return response


def _forgeries(victim: Victim) -> dict[str, dict]:
    """Every write a page could try, as ``httpx`` keyword arguments."""
    story = json.dumps({"text": PLAIN})
    # confirmed: "genuine" contradicts document 1's confident score (it would get 422)
    label = json.dumps({"document_id": 1, "label": "genuine", "analyst": "m", "confirm": True})
    lines = jsonl([{"text": PLAIN}]).encode()
    return {
        "ui-analyze-form": {"path": "/analyze", "data": {"text": PLAIN, **victim.form()}},
        "ui-batch-upload": {
            "path": "/batch",
            "data": victim.form(),
            "files": {"file": ("x.jsonl", lines, "application/x-ndjson")},
        },
        "ui-label-form": {
            "path": "/documents/1/labels",
            "data": {"label": "genuine", "analyst": "m", "confirm": "1", **victim.form()},
        },
        "ui-login-form": {"path": "/login", "data": {"token": TOKEN, **victim.form()}},
        "api-analyze-text-plain": {
            "path": "/v1/analyze",
            "content": story,
            "headers": {"Content-Type": "text/plain"},
        },
        "api-analyze-json": {
            "path": "/v1/analyze",
            "content": story,
            "headers": {"Content-Type": "application/json", "X-CSRF-Token": victim.csrf},
        },
        "api-batch-text-plain-form": {
            "path": "/v1/batch",
            "content": lines,
            "headers": {"Content-Type": "text/plain"},
        },
        "api-batch-multipart-form": {
            "path": "/v1/batch",
            "files": {"file": ("x.jsonl", lines, "application/x-ndjson")},
        },
        "api-batch-ndjson": {
            "path": "/v1/batch",
            "content": lines,
            "headers": {"Content-Type": "application/x-ndjson"},
        },
        "api-label-text-plain": {
            "path": "/v1/labels",
            "content": label,
            "headers": {"Content-Type": "text/plain"},
        },
        "api-label-json": {
            "path": "/v1/labels",
            "content": label,
            "headers": {"Content-Type": "application/json", "X-CSRF-Token": victim.csrf},
        },
    }


def _counts(app) -> tuple[int, int, int]:
    store = app.state.context.store
    labels = len(store.document(1).labels)
    return store.count_documents(), labels, len(store.jobs())


@pytest.fixture(params=[None, TOKEN], ids=["no-token", "token"])
def victim(request, tmp_path):
    token = request.param
    settings = ServiceSettings(
        store_url=str(tmp_path / "forgery.db"), token=token, run_worker=False
    )
    app = create_app(settings)
    with running_server(app) as base:
        seed = httpx.post(
            base + "/v1/analyze",
            json={"text": OBFUSCATED},
            headers={"Authorization": f"Bearer {token}"} if token else {},
            timeout=60,
        )
        assert seed.status_code == 200, seed.text
        browser = Victim(base, token=token)
        browser.app = app
        yield browser
        browser.http.close()


def test_every_forged_write_is_refused_and_changes_nothing(victim):
    before = _counts(victim.app)
    refused = {}
    for attacker, headers in _attackers(victim.base).items():
        for name, request in _forgeries(victim).items():
            request = dict(request)
            path = request.pop("path")
            response = victim.send("POST", path, headers, **request)
            refused[(attacker, name)] = response.status_code
            assert response.status_code == 403, (attacker, name, response.text)
            assert "cross-origin" in response.text
    assert _counts(victim.app) == before
    assert len(refused) == 7 * 11


def test_the_same_writes_from_the_servers_own_pages_are_accepted(victim):
    own = victim.own()
    expected = {
        "ui-analyze-form": 303,
        "ui-batch-upload": 303,
        "ui-label-form": 303,
        "ui-login-form": 303 if victim.app.state.settings.locked else 401,
        "api-analyze-text-plain": 415,  # JSON only, even from the server's own pages
        "api-analyze-json": 200,
        "api-batch-text-plain-form": 415,
        "api-batch-multipart-form": 202,
        "api-batch-ndjson": 202,
        "api-label-text-plain": 415,
        "api-label-json": 201,
    }
    for name, request in _forgeries(victim).items():
        request = dict(request)
        path = request.pop("path")
        if path.startswith("/v1/"):  # the page's script sends its CSRF token with API calls
            request["headers"] = request.get("headers", {}) | {"X-CSRF-Token": victim.csrf}
        response = victim.send("POST", path, own, **request)
        assert response.status_code == expected[name], (name, response.text)


@pytest.mark.parametrize("token", [TOKEN], ids=["token"])
def test_cookie_writes_to_the_api_need_the_pages_csrf_token(tmp_path, token):
    settings = ServiceSettings(store_url=str(tmp_path / "csrf.db"), token=token, run_worker=False)
    app = create_app(settings)
    with running_server(app) as base:
        victim = Victim(base, token=token)
        body = json.dumps({"text": PLAIN})
        json_type = {"Content-Type": "application/json"}
        bare = victim.send("POST", "/v1/analyze", victim.own(), content=body, headers=json_type)
        assert bare.status_code == 403
        assert "X-CSRF-Token" in bare.json()["detail"]
        wrong = victim.send(
            "POST",
            "/v1/analyze",
            victim.own(),
            content=body,
            headers={**json_type, "X-CSRF-Token": "0" * 64},
        )
        assert wrong.status_code == 403
        ok = victim.send(
            "POST",
            "/v1/analyze",
            victim.own(),
            content=body,
            headers={**json_type, "X-CSRF-Token": victim.csrf},
        )
        assert ok.status_code == 200
        form = victim.send("POST", "/analyze", victim.own(), data={"text": PLAIN})
        assert form.status_code == 403  # a UI form without its CSRF token
        assert app.state.context.store.count_documents() == 1
        victim.http.close()


def test_a_page_on_another_port_cannot_read_the_api_with_the_cookie(tmp_path):
    settings = ServiceSettings(store_url=str(tmp_path / "read.db"), token=TOKEN, run_worker=False)
    app = create_app(settings)
    with running_server(app) as base:
        victim = Victim(base, token=TOKEN)
        fetch = {
            "Origin": f"http://127.0.0.1:{ATTACKER_PORT}",
            "Sec-Fetch-Site": "same-site",
            "Sec-Fetch-Mode": "no-cors",
        }
        assert victim.send("GET", "/v1/documents", fetch).status_code == 403
        assert victim.send("GET", "/v1/documents", victim.own()).status_code == 200
        victim.http.close()
