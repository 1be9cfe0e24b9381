"""In real headless Chromium: log in with a token, label, then visit a hostile page.

The hostile page is served from another port of the same host (127.0.0.1): the same
*site*, so the browser sends the analyst's ``SameSite=Strict`` session cookie with its
requests. It fires a no-cors ``text/plain`` fetch at the API and auto-submits forms at the
UI; the origin check must refuse them all and the store must not change.
"""

from __future__ import annotations

import http.server
import re
import socket
import threading
from pathlib import Path

import pytest
from service_helpers import ARGS, CHROMIUM, OBFUSCATED, running_server

from hoaxlens.service.app import create_app
from hoaxlens.service.settings import ServiceSettings

TOKEN = "browser-test-token-0123456789"  # noqa: S105 - a test token, not a secret

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason=f"no Chromium at {CHROMIUM}: `apt-get install chromium` (.ci/run does this in CI)",
    ),
]

ATTACK = """<!doctype html><html><body>
<iframe name="sink" style="display:none"></iframe>
<form id="label" method="post" action="{target}/documents/1/labels" target="sink">
  <input name="label" value="genuine"><input name="analyst" value="mallory">
</form>
<form id="analyze" method="post" action="{target}/analyze" target="sink"
      enctype="multipart/form-data"><input name="text" value="forged story"></form>
<form id="batch" method="post" action="{target}/v1/batch" target="sink" enctype="text/plain">
  <input name='{{"text": "forged", "x": "' value='"}}'></form>
<script>
(async () => {{
  const post = (path, body) => fetch("{target}" + path, {{
    method: "POST", mode: "no-cors", credentials: "include", body: body,
  }}).catch(() => null);
  await post("/v1/labels", JSON.stringify({{document_id: 1, label: "genuine", analyst: "m"}}));
  await post("/v1/analyze", JSON.stringify({{text: "forged"}}));
  await post("/v1/batch", '{{"text": "forged"}}\\n');
  for (const id of ["label", "analyze", "batch"]) {{
    document.getElementById(id).submit();
    await new Promise((done) => setTimeout(done, 300));
  }}
  document.title = "attacked";
}})();
</script></body></html>"""


class Recorder:
    """ASGI wrapper that notes each POST: path, Sec-Fetch-Site, cookie sent, status."""

    def __init__(self, app) -> None:
        self.app = app
        self.posts: list[tuple[str, str, bool, int]] = []

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        site = headers.get(b"sec-fetch-site", b"").decode()
        has_session = b"hoaxlens_session=" in headers.get(b"cookie", b"")

        async def noting_send(message):
            if message["type"] == "http.response.start":
                self.posts.append((scope["path"], site, has_session, message["status"]))
            await send(message)

        await self.app(scope, receive, noting_send)


@pytest.fixture
def attacker():
    """A page server on another port of 127.0.0.1 (what the analyst happens to visit)."""
    pages: dict[str, bytes] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = pages.get(self.path, b"")
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}", pages
    server.shutdown()
    server.server_close()
    thread.join(10)


def test_logged_in_analyst_is_safe_from_a_page_on_another_port(tmp_path, attacker):
    sync_api = pytest.importorskip("playwright.sync_api")
    settings = ServiceSettings(store_url=str(tmp_path / "browser.db"), token=TOKEN)
    app = create_app(settings)
    store = app.state.context.store
    attacker_url, pages = attacker
    recorder = Recorder(app)
    with running_server(recorder) as base, sync_api.sync_playwright() as pw:
        assert attacker_url != base
        context = pw.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=str(CHROMIUM), args=ARGS, headless=True
        )
        try:
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto(base + "/review")
            page.wait_for_url(re.compile(r".*/login\?next=/review$"))
            page.fill("input[name=token]", TOKEN)
            page.click("button[type=submit]")
            page.wait_for_url("**/review")
            page.goto(base + "/")
            assert page.locator("#analyst").count() == 0  # labels go under the login's name
            page.fill("#text", OBFUSCATED)
            page.click("#analyze")
            page.wait_for_url("**/documents/1")
            assert page.inner_text("#verdict-label") == "fabricated"
            page.goto(base + "/review")
            page.wait_for_selector("#queue tr.current")
            page.keyboard.press("f")  # the fetch to /v1/labels: cookie + X-CSRF-Token
            page.wait_for_selector("#queue tr.done")
            assert errors == []
            cookies = {c["name"]: c for c in context.cookies(base)}
            session = cookies["hoaxlens_session"]
            assert session["httpOnly"]
            assert session["sameSite"] == "Strict"
            assert session["expires"] > 0
            assert TOKEN not in session["value"]

            before = (store.count_documents(), len(store.document(1).labels), len(store.jobs()))
            assert before == (1, 1, 0)
            recorder.posts.clear()
            pages["/attack.html"] = ATTACK.format(target=base).encode()
            hostile = context.new_page()
            hostile.goto(attacker_url + "/attack.html")
            hostile.wait_for_function("document.title === 'attacked'", timeout=20_000)
            hostile.wait_for_timeout(500)
            after = (store.count_documents(), len(store.document(1).labels), len(store.jobs()))
            assert after == before
            # All six reached the server, from the same site, with the session cookie: the
            # origin check refused them.
            forged = sorted(recorder.posts)
            assert [p[0] for p in forged] == sorted(
                [
                    "/v1/labels",
                    "/v1/analyze",
                    "/v1/batch",
                    "/documents/1/labels",
                    "/analyze",
                    "/v1/batch",
                ]
            )
            assert {(site, cookie, status) for _, site, cookie, status in forged} == {
                ("same-site", True, 403)
            }
            page.goto(base + "/documents/1")
            assert "mallory" not in page.inner_text("body")
            shot = Path(tmp_path / "logged-in.png")
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 10_000
        finally:
            context.close()
