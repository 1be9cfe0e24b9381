"""Friendly HTML error pages for browsers (404, 422, 413, 429, 500); JSON stays for the API."""

from __future__ import annotations

import re
from html import unescape

import pytest
from fastapi.testclient import TestClient
from service_helpers import CHROMIUM, PLAIN, csrf_token, running_server

from hoaxlens.service.app import create_app
from hoaxlens.service.settings import ServiceSettings

# What Chromium sends when it opens a page or submits a form.
BROWSER = {"accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


def _client(tmp_path, **settings) -> TestClient:
    settings.setdefault("store_url", str(tmp_path / "errors.db"))
    settings.setdefault("run_worker", False)
    return TestClient(create_app(ServiceSettings(**settings)), raise_server_exceptions=False)


def _text(html: str) -> str:
    """The page's words, without tags (as a reader sees them)."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _is_ui_page(response) -> None:
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert '<html lang="en">' in html
    assert "<title>" in html
    assert '<nav aria-label="Main">' in html  # the site's navigation: the reader is not stuck
    assert 'href="/documents"' in html


def test_a_missing_document_is_a_page_for_a_browser_and_json_for_the_api(tmp_path):
    with _client(tmp_path) as client:
        page = client.get("/documents/999999", headers=BROWSER)
        assert page.status_code == 404
        _is_ui_page(page)
        assert "Not found" in page.text
        assert "search page" in _text(page.text)
        nowhere = client.get("/no/such/page", headers=BROWSER)
        assert nowhere.status_code == 404
        assert "There is no page at /no/such/page." in _text(nowhere.text)
        # API clients, and clients that do not ask for HTML, keep the JSON answer.
        api = client.get("/v1/documents/999999", headers=BROWSER)
        assert api.status_code == 404
        assert api.headers["content-type"] == "application/json"
        assert "detail" in api.json()
        plain = client.get("/documents/999999")
        assert plain.status_code == 404
        assert "detail" in plain.json()


def test_an_invalid_address_lists_the_field_to_correct(tmp_path):
    with _client(tmp_path) as client:
        page = client.get("/documents/not-a-number", headers=BROWSER)
        assert page.status_code == 422
        _is_ui_page(page)
        text = _text(page.text)
        assert "Some of the input is not valid" in text
        assert "document_id: Input should be a valid integer" in text


@pytest.mark.parametrize(
    ("path", "field", "size", "says"),
    [
        pytest.param(
            "/analyze",
            "page",
            18_500_000,
            ["This story is 18.5 MB", "can be at most 2 MB", "save it as text only"],
            id="saved-page-over-the-story-limit",
        ),
        pytest.param(
            "/batch",
            "file",
            70_000_000,
            ["This batch file is 70", "at most 64 MB", "Split the JSONL file", "--max-upload-mb"],
            id="batch-over-the-upload-limit",
        ),
    ],
)
def test_a_too_large_upload_says_the_limit_and_what_to_do(tmp_path, path, field, size, says):
    with _client(tmp_path) as client:
        token = csrf_token(client)
        page = client.post(
            path,
            data={"csrf_token": token},
            files={field: ("saved.html", b"<p>" + b"x" * size, "text/html")},
            headers=BROWSER,
        )
        assert page.status_code == 413
        _is_ui_page(page)
        text = _text(page.text)
        assert "Too large" in text
        for words in says:
            assert words in text
        api = client.post(
            "/v1/analyze",
            content=b'{"text": "' + b"x" * 3_000_000 + b'"}',
            headers=BROWSER | {"content-type": "application/json"},
        )
        assert api.status_code == 413
        assert "limit" in api.json()["detail"]


def test_an_upload_quota_refusal_is_a_page_that_says_when_to_retry(tmp_path):
    with _client(tmp_path, upload_quota_bytes=len(PLAIN) + 200) as client:
        token = csrf_token(client)
        form = {"text": PLAIN, "csrf_token": token}
        first = client.post("/analyze", data=form, headers=BROWSER, follow_redirects=False)
        assert first.status_code == 303
        again = client.post("/analyze", data=form, headers=BROWSER, follow_redirects=False)
        assert again.status_code == 429
        _is_ui_page(again)
        wait = again.headers["retry-after"]
        text = _text(again.text)
        assert "Too many requests" in text
        assert "upload quota of 'anonymous' used up" in text
        assert f"try again in {wait} s" in text


def test_an_unexpected_error_is_a_page_and_stays_json_for_the_api(tmp_path):
    client = _client(tmp_path)

    def broken() -> None:
        raise RuntimeError("a bug")

    client.app.add_api_route("/broken", broken)
    client.app.add_api_route("/v1/broken", broken)
    with client:
        page = client.get("/broken", headers=BROWSER)
        assert page.status_code == 500
        _is_ui_page(page)
        assert "Something went wrong on our side" in page.text
        assert "a bug" not in page.text  # nothing of the internals is shown
        api = client.get("/v1/broken", headers=BROWSER)
        assert api.status_code == 500
        assert api.json() == {"detail": "internal server error"}


@pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM}")
def test_a_saved_page_over_the_limit_shows_the_page_in_chromium(tmp_path, page):
    """The 18.5 MB saved page of the issue, chosen in the home page's form, in a browser."""
    saved = tmp_path / "saved page.html"
    saved.write_bytes(b"<html><body><p>story</p>" + b"<script>x</script>" * 1_027_000 + b"</html>")
    assert 18_000_000 < saved.stat().st_size < 19_000_000
    settings = ServiceSettings(store_url=str(tmp_path / "big.db"), analysis_workers=0)
    with running_server(create_app(settings)) as base:
        page.goto(base + "/")
        page.set_input_files('input[name="page"]', str(saved))
        page.click("#analyze")
        page.wait_for_selector("#error-title")
        assert "Too large" in page.inner_text("#error-title")
        assert "This story is 18.5 MB" in page.inner_text("#error-detail")
        assert "at most 2 MB" in page.inner_text("#error-detail")
        assert "save it as text only" in page.inner_text("#error-todo")
