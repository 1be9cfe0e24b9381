"""The analyst's desk in real headless Chromium: search, filter, open a campaign, bulk label,
export.

A real uvicorn server on loopback with a three-copy campaign and one other story; the
browser searches from the home page, narrows with a facet link and the filter form, opens
the campaign page from a result, labels every copy at once and downloads two exports.
"""

from __future__ import annotations

import csv
import io
import json

import httpx
import pytest
from service_helpers import CHROMIUM, OBFUSCATED, PLAIN, running_server, swap_name

from hoaxlens.service.app import create_app
from hoaxlens.service.settings import ServiceSettings

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"no Chromium at {CHROMIUM}: `apt-get install chromium` (.ci/run does this in CI)",
)
COPIES = ("Nia Holt", "Remy Cole", "Ada Vance")


@pytest.fixture
def server(tmp_path):
    settings = ServiceSettings(store_url=str(tmp_path / "desk.db"), analysis_workers=0)
    with running_server(create_app(settings)) as base:
        for name in COPIES:
            first = name.split()[0].lower()
            body = {"text": swap_name(OBFUSCATED, name), "url": f"https://{first}.example/s"}
            assert httpx.post(f"{base}/v1/analyze", json=body, timeout=60).status_code == 200
        assert httpx.post(f"{base}/v1/analyze", json={"text": PLAIN}, timeout=60).is_success
        yield base


def test_search_filter_campaign_bulk_label_export_in_chromium(server, page, tmp_path):
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(server + "/")
    page.fill("#analyst", "desk-analyst")
    page.dispatch_event("#analyst", "change")

    # Search from the home page's box.
    page.fill("#home-q", '"dance floor"')
    page.click("#home-search")
    page.wait_for_url("**/documents?q=*")
    assert page.inner_text("#result-count") == "3 documents match."
    assert page.locator("#results tbody tr[data-id]").count() == 3

    # Narrow with a facet link, then with the filter form.
    page.click("#facet-domain a:text('remy.example')")
    page.wait_for_url("**domain=remy.example*")
    assert page.inner_text("#result-count") == "1 document matches."
    page.fill("#f-domain", "")
    page.select_option("#f-obfuscated", "yes")
    page.select_option("#sort", "score")
    page.click("#search-button")
    page.wait_for_url("**obfuscated=yes*")
    assert page.inner_text("#result-count") == "3 documents match."

    # Open the campaign from a result.
    page.locator("#results a[href^='/clusters/']").first.click()
    page.wait_for_url("**/clusters/tpl-*")
    assert page.locator("#copies tbody tr[data-id]").count() == 3
    assert page.locator("#template .slot.person").count() > 0
    assert "ada.example" in page.inner_text("#campaign-domains")

    # Bulk label every copy (the analyst name comes from the header box).
    page.check("#select-all")
    assert page.locator("#copies input[name='document_id']:checked").count() == 3
    page.click("#bulk-fabricated")
    page.wait_for_selector("#bulk-status")
    assert page.inner_text("#bulk-status") == "Labelled 3 fabricated."
    given = page.locator("#copies td.given").all_inner_texts()
    assert given == ["fabricated"] * 3
    cluster = page.inner_text("#cluster-id")
    labels = httpx.get(f"{server}/v1/documents", params={"cluster": cluster}).json()["items"]
    assert {d["latest_label"] for d in labels} == {"fabricated"}
    search = httpx.get(f"{server}/v1/documents", params={"labelled_by": "desk-analyst"}).json()
    assert search["total"] == 3

    # Export from the page.
    with page.expect_download() as download:
        page.click("#exports a[href$='/export/csv']")
    assert download.value.suggested_filename == f"campaign-{cluster}.csv"
    path = tmp_path / "campaign.csv"
    download.value.save_as(path)
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert [r["analyst_label"] for r in rows] == ["fabricated"] * 3
    with page.expect_download() as download:
        page.click("#exports a[href$='/export/stix']")
    stix = tmp_path / "campaign.stix.json"
    download.value.save_as(stix)
    assert json.loads(stix.read_text(encoding="utf-8"))["type"] == "bundle"
    page.screenshot(path=str(tmp_path / "campaign.png"), full_page=True)
    assert errors == []
