"""POST /v1/analyze {"url": …}: the page is fetched, behind the SSRF guard (in-process)."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from hoaxlens.fetch import guard

FARM_PAGE = (Path(__file__).resolve().parents[2] / "examples" / "farm_page.html").read_bytes()


class _Page(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        body, kind = (b"", "text/plain") if self.path == "/robots.txt" else (FARM_PAGE, "text/html")
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def page_url():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/story"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("http://127.0.0.1/admin", id="loopback-v4"),
        pytest.param("http://169.254.169.254/latest/meta-data/", id="cloud-metadata-link-local"),
        pytest.param("http://[::1]/admin", id="loopback-v6"),
        pytest.param("http://localhost:8080/admin", id="name-resolving-to-loopback"),
        pytest.param("http://10.0.0.8/admin", id="private-range"),
        pytest.param("http://[::ffff:127.0.0.1]/admin", id="ipv4-mapped-loopback"),
    ],
)
def test_the_service_refuses_non_public_targets(make_client, url):
    response = make_client().post("/v1/analyze", json={"url": url})
    assert response.status_code == 422, response.text
    error = response.json()["detail"]
    assert (error["stage"], error["type"]) == ("fetch", "blocked_address")
    assert "refused" in error["message"]


def test_a_name_resolving_to_a_private_address_is_refused(make_client, monkeypatch):
    # The resolver is the one the guard calls; the refusal itself is the real check.
    monkeypatch.setattr(guard, "resolve_host", lambda host, port: ["93.184.216.34", "10.1.2.3"])
    response = make_client().post("/v1/analyze", json={"url": "http://farm.example/story"})
    assert response.status_code == 422
    error = response.json()["detail"]
    assert error["type"] == "blocked_address"
    assert "resolves to 10.1.2.3" in error["message"]


def test_an_allowed_range_lets_the_page_be_fetched_and_kept(make_client, page_url, tmp_path):
    client = make_client(fetch_allow=("127.0.0.0/8",))
    response = client.post("/v1/analyze", json={"url": page_url})
    assert response.status_code == 200, response.text
    record = response.json()
    assert record["url"] == page_url
    assert record["label"] == "fabricated"
    assert record["meta"]["fetched_at"].endswith("Z")
    [warc] = (tmp_path / "warc").glob("hoaxlens-*.warc.gz")
    assert warc.stat().st_size > len(FARM_PAGE) // 10


def test_the_same_page_is_refused_without_the_allowed_range(make_client, page_url):
    response = make_client().post("/v1/analyze", json={"url": page_url})
    assert response.status_code == 422
    assert response.json()["detail"]["type"] == "blocked_address"


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"url": "file:///etc/passwd"}, id="not-http"),
        pytest.param({}, id="nothing"),
    ],
)
def test_a_bad_url_request_is_malformed(make_client, body):
    assert make_client().post("/v1/analyze", json=body).status_code == 422


def test_the_ui_url_field_fetches_through_the_guard(make_client):
    client = make_client()
    page = client.get("/")
    assert 'name="url"' in page.text
    token = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    response = client.post("/analyze", data={"csrf_token": token, "url": "http://127.0.0.1/admin"})
    assert response.status_code == 422
    assert "refused" in response.text
