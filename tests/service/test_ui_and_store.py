"""Web UI pages (escaping), restart persistence, and labels as training data."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape
from service_helpers import OBFUSCATED, PLAIN, csrf_token, jsonl, swap_name, wait_for_job

from hoaxlens.errors import ConfigError
from hoaxlens.service.app import create_app
from hoaxlens.service.labels import load_labeled
from hoaxlens.service.render import pieces_of
from hoaxlens.service.settings import ServiceSettings
from hoaxlens.types import MediaType

PAYLOADS = [
    "<script>alert('xss')</script>",
    '<iframe src="javascript:alert(1)"></iframe>',
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
]


class _ActiveContent(HTMLParser):
    """Collect what a browser would run: scripts, frames, embeds and on* handlers."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag in ("script", "iframe", "object", "embed", "img"):
            self.found.append((tag, values.get("src") or ""))
        self.found.extend((tag, name) for name, _ in attrs if name.startswith("on"))


def _active_content(body: str) -> list[tuple[str, str]]:
    parser = _ActiveContent()
    parser.feed(body)
    return parser.found


def _client(store: str, **settings) -> TestClient:
    return TestClient(create_app(ServiceSettings(store_url=store, **settings)))


@pytest.mark.parametrize("payload", [pytest.param(p, id=p[:12]) for p in PAYLOADS])
def test_document_content_is_escaped_on_every_page(tmp_path, payload):
    text = f"{payload}\n{OBFUSCATED}\nFans wrote: {payload} Teo Marsh {payload}"
    with _client(str(tmp_path / "s.db")) as client:
        doc = client.post(
            "/v1/analyze", json={"text": text, "title": payload, "url": f"https://x/{payload}"}
        ).json()
        client.post("/v1/analyze", json={"text": swap_name(text, "Evil Name")})
        pages = [
            client.get(f"/documents/{doc['document_id']}"),
            client.get("/"),
            client.get("/review"),
            client.get("/dashboard"),
        ]
    for page in pages:
        assert page.status_code == 200
        body = page.text
        assert _active_content(body) == [("script", "/static/app.js")]
        for raw in ("<script>alert", "<iframe", "<img src=x", "<svg onload"):
            assert raw not in body
        assert "script-src 'self'" in page.headers["content-security-policy"]
    assert str(escape(payload)) in pages[0].text


@pytest.mark.parametrize("text", [pytest.param(OBFUSCATED, id="obfuscated")])
def test_result_page_highlights_restored_letters_and_evidence(tmp_path, text):
    with _client(str(tmp_path / "s.db")) as client:
        doc = client.post("/v1/analyze", json={"text": text}).json()
        page = client.get(f"/documents/{doc['document_id']}").text
    assert 'title="originally &#39;п&#39; U+043F CYRILLIC SMALL LETTER PE"' in page
    assert "GREEK SMALL LETTER UPSILON" in page
    assert 'class="obf' in page
    assert 'class="ev"' in page
    assert "fabricated" in page
    assert '<svg class="chart"' in page
    assert "Teo Marsh" in page


@pytest.mark.parametrize(
    ("text", "reps", "expected"),
    [
        pytest.param(
            "One day",
            [{"start": 1, "end": 2, "original": "п", "replacement": "n"}],
            ["O", "n", "e day"],
            id="one-restored-letter",
        ),
        pytest.param(
            "ab",
            [{"start": 1, "end": 1, "original": "\u200b", "replacement": ""}],
            ["a", "b"],
            id="zero-width-deletion",
        ),
    ],
)
def test_pieces_cover_the_text_exactly(text, reps, expected):
    pieces = pieces_of(text, reps, [])
    assert [p.text for p in pieces] == expected
    assert "".join(p.text for p in pieces) == text


@pytest.mark.parametrize("kind", [pytest.param("sqlite-file", id="sqlite-file")])
def test_a_new_app_on_the_same_store_sees_everything(tmp_path, kind):
    store = str(tmp_path / "persist.db")
    with _client(store) as first:
        doc = first.post("/v1/analyze", json={"text": OBFUSCATED}).json()
        first.post(
            "/v1/labels",
            json={"document_id": doc["document_id"], "label": "fabricated", "analyst": "ana"},
        )
    with _client(store) as second:
        detail = second.get(f"/v1/documents/{doc['document_id']}").json()
        assert detail["record"]["text"] == doc["text"]
        assert detail["labels"][0]["analyst"] == "ana"
        copy = second.post("/v1/analyze", json={"text": swap_name(OBFUSCATED, "Nia Holt")})
        assert copy.json()["cluster_id"] == doc["cluster_id"]  # index rebuilt from the store


def test_a_batch_job_left_unfinished_is_resumed_after_restart(tmp_path):
    store = str(tmp_path / "resume.db")
    records = [{"id": f"r{i}", "text": swap_name(OBFUSCATED, f"Ana Star{i}")} for i in range(4)]
    with _client(store, run_worker=False) as stopped:
        job = stopped.post(
            "/v1/batch", content=jsonl(records), headers={"content-type": "application/x-ndjson"}
        ).json()
        assert stopped.get(job["progress_url"]).json()["processed"] == 0
    with _client(store) as restarted:
        done = wait_for_job(restarted, job["progress_url"])
        assert done["processed"] == 4
        ids = list(restarted.get(job["results_url"]).text.splitlines())
        assert len(ids) == 4
        assert json.loads(ids[0])["id"] == "r0"


def test_load_labeled_returns_latest_label_per_document_as_training_items(tmp_path):
    store = str(tmp_path / "labels.db")
    with _client(store) as client:
        fab = client.post("/v1/analyze", json={"text": OBFUSCATED, "id": "farm"}).json()
        gen = client.post("/v1/analyze", json={"html": f"<p>{PLAIN}</p>", "id": "news"}).json()
        client.post("/v1/analyze", json={"text": PLAIN, "id": "unlabelled"})
        for doc, label, who in [
            (fab, "genuine", "bo"),
            (fab, "fabricated", "ana"),
            (gen, "genuine", "bo"),
        ]:
            client.post(
                "/v1/labels",
                json={"document_id": doc["document_id"], "label": label, "analyst": who},
            )
    items = load_labeled(store)
    assert [(i.item.id, i.label) for i in items] == [("farm", 1), ("news", 0)]
    assert items[0].item.content == OBFUSCATED  # the input as given, so training re-runs it
    assert items[1].item.media_type is MediaType.HTML


def test_load_labeled_says_when_there_are_no_labels(tmp_path):
    with pytest.raises(ConfigError, match="no analyst labels"):
        load_labeled(str(tmp_path / "empty.db"))


@pytest.mark.parametrize(
    ("token", "login", "status"),
    [
        pytest.param("tok", "tok", 303, id="right-token-sets-cookie"),
        pytest.param("tok", "nope", 401, id="wrong-token"),
    ],
)
def test_ui_login_cookie_allows_writes(tmp_path, token, login, status):
    with _client(str(tmp_path / "s.db"), token=token) as client:
        csrf = csrf_token(client)
        form = {"text": PLAIN, "csrf_token": csrf}
        blocked = client.post("/analyze", data=form, follow_redirects=False)
        assert blocked.status_code == 401
        response = client.post(
            "/login", data={"token": login, "csrf_token": csrf}, follow_redirects=False
        )
        assert response.status_code == status
        after = client.post("/analyze", data=form, follow_redirects=False)
        assert after.status_code == (303 if status == 303 else 401)


def test_ui_form_analyzes_pasted_text_and_labels_without_javascript(tmp_path):
    with _client(str(tmp_path / "s.db")) as client:
        csrf = csrf_token(client)
        empty = client.post("/analyze", data={"text": "  ", "csrf_token": csrf})
        assert empty.status_code == 422
        assert "Paste a story" in empty.text
        done = client.post(
            "/analyze", data={"text": OBFUSCATED, "csrf_token": csrf}, follow_redirects=False
        )
        assert done.status_code == 303
        url = done.headers["location"]
        client.post(
            f"{url}/labels", data={"label": "fabricated", "analyst": "cy", "csrf_token": csrf}
        )
        assert "cy: <b>fabricated</b>" in client.get(url).text
