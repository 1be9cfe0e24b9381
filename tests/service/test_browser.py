"""End to end in real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

A real uvicorn server on loopback; the browser pastes an obfuscated story, sees the verdict
and the highlights, labels the document from the review queue with the keyboard, and saves
a screenshot.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from service_helpers import CHROMIUM, OBFUSCATED, running_server

from hoaxlens.service.app import create_app
from hoaxlens.service.settings import ServiceSettings

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"no Chromium at {CHROMIUM}: `apt-get install chromium` (.ci/run does this in CI)",
)


@pytest.fixture
def server(tmp_path):
    app = create_app(ServiceSettings(store_url=str(tmp_path / "e2e.db")))
    with running_server(app) as base:
        yield base


@pytest.mark.parametrize("story", [pytest.param(OBFUSCATED, id="obfuscated-farm-story")])
def test_paste_see_highlights_label_and_screenshot(server, page, tmp_path, story):
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(server + "/")
    page.fill("#analyst", "e2e-analyst")
    page.dispatch_event("#analyst", "change")
    page.fill("#text", story)
    page.click("#analyze")
    page.wait_for_url("**/documents/*")

    assert page.inner_text("#verdict-label") == "fabricated"
    assert "likely fabricated" in page.inner_text("#verdict-score")
    restored = page.locator("#story mark.obf")
    assert restored.count() > 20
    assert "CYRILLIC SMALL LETTER PE" in (
        page.locator("#story mark.obf[title*='PE']").first.get_attribute("title") or ""
    )
    assert page.locator("#story mark.ev").count() > 0
    assert "Judge Corina Lake" in page.inner_text("#story")
    bars = page.locator("svg.chart rect").count()
    assert bars == page.locator("svg.chart text").count()  # one bar per signal, labelled
    assert bars >= 4
    shot = tmp_path / "result.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000

    page.goto(server + "/review")
    page.wait_for_selector("#queue tr.current")
    page.keyboard.press("f")
    page.wait_for_selector("#queue tr.done")
    assert "Labelled" in page.inner_text("#queue-status")
    assert "fabricated (e2e-analyst)" in page.inner_text("#queue tr.done .given")
    page.screenshot(path=str(tmp_path / "review.png"), full_page=True)
    assert errors == []
    keep = os.environ.get("HOAXLENS_SCREENSHOT_DIR")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        for name in ("result.png", "review.png"):
            (Path(keep) / name).write_bytes((tmp_path / name).read_bytes())

    document_url = page.locator("#queue tr.done a").first.get_attribute("href")
    page.goto(server + str(document_url))
    assert "e2e-analyst: fabricated" in page.inner_text("#labels")
