"""A pasted link post is judged with its landing page (``follow_links``), as ``scan
--follow-links`` judges one: the page is fetched through the SSRF guard, the record keeps
``post`` and ``page``.

A service cannot read a Facebook or X post by its address (they need a login), so what a
user pastes is the post's text: a teaser and the link.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

FARM_PAGE = (Path(__file__).resolve().parents[2] / "examples" / "farm_page.html").read_bytes()
TEASER = "She said goodbye to her fans today 😢 the whole story is heartbreaking"


class _Farm(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    hits: list[str] = []  # noqa: RUF012 - the paths asked for, for the tests

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        type(self).hits.append(self.path)
        if self.path == "/robots.txt":
            status, body, kind = 200, b"", "text/plain"
        elif self.path.startswith("/story"):
            status, body, kind = 200, FARM_PAGE, "text/html"
        else:
            status, body, kind = 404, b"gone", "text/plain"
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def farm():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Farm)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_pasted_link_post_is_judged_with_its_landing_page(make_client, farm, tmp_path):
    client = make_client(fetch_allow=("127.0.0.0/8",))
    link = f"{farm}/story?utm_source=facebook&fbclid=IwAR0"
    text = f"{TEASER} {link}"
    response = client.post("/v1/analyze", json={"text": text, "follow_links": True})
    assert response.status_code == 200, response.text
    record = response.json()
    assert record["url"] == f"{farm}/story"  # trackers dropped before fetching
    assert record["post"]["text"] == text
    assert record["post"]["teaser"] == TEASER
    assert record["post"]["link"] == link
    assert record["page"]["url"] == f"{farm}/story"
    assert record["page"]["fetched_at"].endswith("Z")
    assert record["page"]["source"].startswith("fetch")
    assert record["page"]["domain"] == "127.0.0.1"
    assert record["page"]["extractor"] != "text"  # the page's HTML was read
    assert record["text"].startswith(TEASER)  # the teaser, then the page's story
    assert len(record["text"]) > len(TEASER) + 500
    assert record["label"] == "fabricated"
    stored = client.get(f"/v1/documents/{record['document_id']}").json()["record"]
    assert stored["post"]["link"] == link
    [warc] = (tmp_path / "warc").glob("hoaxlens-*.warc.gz")
    assert warc.stat().st_size > 0


def test_without_follow_links_the_post_is_judged_alone(make_client, farm):
    client = make_client(fetch_allow=("127.0.0.0/8",))
    before = len(_Farm.hits)
    text = f"{TEASER} {farm}/story"
    response = client.post("/v1/analyze", json={"text": text})
    assert response.status_code == 200, response.text
    record = response.json()
    assert "post" not in record or record["post"] is None
    assert record["text"] == text
    assert len(_Farm.hits) == before  # nothing fetched


def test_a_long_post_tells_its_own_story_and_is_not_followed(make_client, farm):
    client = make_client(fetch_allow=("127.0.0.0/8",))
    before = len(_Farm.hits)
    story = " ".join(["The council met on Tuesday and approved the budget."] * 12)
    response = client.post(
        "/v1/analyze", json={"text": f"{story} {farm}/story", "follow_links": True}
    )
    assert response.status_code == 200, response.text
    assert response.json().get("post") is None
    assert len(_Farm.hits) == before


@pytest.mark.parametrize(
    ("allow", "path", "error_type"),
    [
        pytest.param((), "/story", "blocked_address", id="ssrf-guard-refuses-loopback"),
        pytest.param(("127.0.0.0/8",), "/missing", "http_404", id="page-gone"),
    ],
)
def test_a_landing_page_that_cannot_be_fetched_is_a_clear_error(
    make_client, farm, allow, path, error_type
):
    client = make_client(fetch_allow=allow)
    response = client.post(
        "/v1/analyze", json={"text": f"{TEASER} {farm}{path}", "follow_links": True}
    )
    assert response.status_code == 422, response.text
    error = response.json()["detail"]
    assert (error["stage"], error["type"]) == ("fetch", error_type)
    assert "the page this post links to" in error["message"]


def test_the_ui_follow_link_box_pairs_a_pasted_post(make_client, farm):
    client = make_client(fetch_allow=("127.0.0.0/8",))
    page = client.get("/")
    assert 'name="follow_links"' in page.text
    token = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    form = {"csrf_token": token, "text": f"{TEASER} {farm}/story", "follow_links": "true"}
    response = client.post("/analyze", data=form, follow_redirects=False)
    assert response.status_code == 303, response.text
    document = client.get(response.headers["location"].replace("/documents/", "/v1/documents/"))
    record = document.json()["record"]
    assert record["post"]["teaser"] == TEASER
    assert record["url"] == f"{farm}/story"


def test_the_openapi_record_declares_post_and_the_landing_page_keys(make_client):
    schemas = make_client().get("/openapi.json").json()["components"]["schemas"]
    record = schemas["RecordOut"]["properties"]
    assert "post" in record
    post = schemas["PostRecord"]["properties"]
    assert set(post) == {"id", "url", "date", "text", "teaser", "link", "title"}
    page = schemas["PageRecord"]["properties"]
    assert {"url", "title", "source", "fetched_at"} <= set(page)
    body = schemas["AnalyzeRequest"]["properties"]
    assert body["follow_links"]["type"] == "boolean"
