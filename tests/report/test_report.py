"""The HTML report: self-contained, escaped, with charts, rollups and side-by-side variants."""

from __future__ import annotations

import json
import os
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from hoaxlens.cli import cli

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "campaigns" / "campaigns.jsonl"
CHROMIUM = Path(os.environ.get("HOAXLENS_TEST_CHROMIUM", "/usr/bin/chromium"))
XSS = "<script>alert(1)</script>"


def _payload() -> dict:
    """A copy of the debt template (so the report shows it) carrying markup everywhere."""
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    record = next(json.loads(x) for x in lines if json.loads(x)["id"] == "debt-dolly")
    return {
        "id": "debt-aaa-xss",  # sorts first: the template's representative, always shown
        "url": f"https://evil.example/{XSS}",
        "title": f"{XSS} {record['title']}",
        "text": f"{XSS} <img src=x onerror=alert(2)> {record['text']}",
    }


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


@pytest.fixture(scope="module")
def report_html(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    inputs = folder / "in.jsonl"
    inputs.write_text(
        FIXTURE.read_text(encoding="utf-8") + json.dumps(_payload()) + "\n" + "{not json\n",
        encoding="utf-8",
    )
    out = folder / "report.html"
    result = CliRunner().invoke(cli, ["report", str(inputs), "--output", str(out)])
    assert result.exit_code == 3, result.output  # the "{not json" line is an error row
    return out


def test_report_escapes_document_content(report_html):
    html = report_html.read_text(encoding="utf-8")
    parser = _Tags()
    parser.feed(html)
    assert [t for t, _ in parser.tags if t == "script"] == ["script"]  # only our sorter
    assert not any(t == "img" for t, _ in parser.tags)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert XSS not in html


def test_report_is_self_contained(report_html):
    parser = _Tags()
    parser.feed(report_html.read_text(encoding="utf-8"))
    for tag, attrs in parser.tags:
        for name in ("src", "href"):
            value = attrs.get(name) or ""
            assert not value.startswith(("http", "//")), (tag, attrs)


@pytest.mark.parametrize(
    "snippet",
    [
        pytest.param("Reba McEntire", id="targeted-person"),
        pytest.param("kindnews.example", id="domain-rollup"),
        pytest.param("T0084.002", id="disarm-tag"),
        pytest.param("<mark>", id="variant-differences-highlighted"),
        pytest.param('data-chart="scores"', id="score-chart"),
        pytest.param("malformed", id="error-row-listed"),
    ],
)
def test_report_shows(report_html, snippet):
    assert snippet in report_html.read_text(encoding="utf-8")


@pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM}: apt-get install chromium"
)
def test_report_renders_charts_in_chromium_without_errors_or_network(report_html, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    errors: list[str] = []
    requests: list[str] = []
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.on("request", lambda r: requests.append(r.url))
            page.goto(report_html.as_uri())
            page.wait_for_load_state("load")
            assert page.locator("figure.chart svg").count() >= 2
            box = page.locator("figure[data-chart='people'] svg").bounding_box()
            assert box is not None
            assert box["width"] > 200
            assert box["height"] > 50
            page.click("#people-table th:nth-child(2)")
            shot = tmp_path / "report.png"
            page.screenshot(path=str(shot), full_page=True)
        finally:
            browser.close()
    assert errors == []
    assert [u for u in requests if not u.startswith("file://")] == []
    assert shot.stat().st_size > 20_000
