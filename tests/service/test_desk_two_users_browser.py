"""The whole desk in real headless Chromium, as two users of a locked server, with an undo.

A real uvicorn server on loopback whose store has two analysts and an admin (as
``hoaxlens users add`` makes them). Ana logs in, searches, filters, opens the campaign,
labels every copy fabricated and exports it; Ben logs in from a second browser context,
labels one copy genuine (confirming it against its confident score), then undoes it. The
admin's token reads back who labelled what.
"""

from __future__ import annotations

import csv
import io

import httpx
import pytest
from service_helpers import ARGS, CHROMIUM, OBFUSCATED, PLAIN, running_server, swap_name

from hoaxlens.service.accounts import Accounts
from hoaxlens.service.app import create_app
from hoaxlens.service.settings import ServiceSettings

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason=f"no Chromium at {CHROMIUM}: `apt-get install chromium` (.ci/run does this in CI)",
    ),
]
COPIES = ("Nia Holt", "Remy Cole", "Ada Vance")


@pytest.fixture
def desk(tmp_path):
    """``(base URL, {user: token})`` of a locked server holding a campaign and a plain story."""
    app = create_app(ServiceSettings(store_url=str(tmp_path / "desk.db"), analysis_workers=0))
    accounts = Accounts(app.state.context.store.engine)
    tokens = {name: accounts.add(name, "analyst")[1] for name in ("ana", "ben")}
    tokens["root"] = accounts.add("root", "admin")[1]
    with running_server(app) as base:
        admin = {"Authorization": f"Bearer {tokens['root']}"}
        for name in COPIES:
            first = name.split()[0].lower()
            body = {"text": swap_name(OBFUSCATED, name), "url": f"https://{first}.example/s"}
            answer = httpx.post(f"{base}/v1/analyze", json=body, headers=admin, timeout=60)
            assert answer.status_code == 200, answer.text
        answer = httpx.post(f"{base}/v1/analyze", json={"text": PLAIN}, headers=admin, timeout=60)
        assert answer.status_code == 200, answer.text
        yield base, tokens


@pytest.fixture
def browser():
    """A headless Chromium whose contexts are separate users (own cookies); closed after."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


def _log_in(page, base: str, token: str, target: str) -> None:
    page.goto(f"{base}/login?next={target}")
    page.fill("input[name=token]", token)
    page.click("form.card button[type=submit]")
    page.wait_for_url(f"**{target}")


def _type_a_name(page, name: str) -> None:
    """Put another name in the forms' analyst fields (a user must not be able to sign as it)."""
    assert page.locator(".analyst-field").count() > 0
    page.eval_on_selector_all(".analyst-field", f"els => els.forEach(e => e.value = {name!r})")


def test_two_users_search_label_export_and_undo_on_a_locked_desk(desk, browser, tmp_path):
    base, tokens = desk
    admin = {"Authorization": f"Bearer {tokens['root']}"}
    # The server is locked: nobody writes or reads without a token or a session.
    assert httpx.post(f"{base}/v1/analyze", json={"text": PLAIN}, timeout=30).status_code == 401
    assert httpx.get(f"{base}/v1/documents", timeout=30).status_code == 401
    errors: list[str] = []

    # Ana: search, filter, open the campaign, bulk label, export.
    ana_context = browser.new_context(
        accept_downloads=True, viewport={"width": 1280, "height": 1000}
    )
    ana = ana_context.new_page()
    ana.on("pageerror", lambda exc: errors.append(f"ana: {exc}"))
    _log_in(ana, base, tokens["ana"], "/")
    assert ana.inner_text(".header-tools .analyst") == "Labels saved as ana"
    ana.fill("#home-q", '"dance floor"')
    ana.click("#home-search")
    ana.wait_for_url("**/documents?q=*")
    assert ana.inner_text("#result-count") == "3 documents match."
    ana.select_option("#f-obfuscated", "yes")
    ana.click("#search-button")
    ana.wait_for_url("**obfuscated=yes*")
    assert ana.inner_text("#result-count") == "3 documents match."
    ana.locator("#results a[href^='/clusters/']").first.click()
    ana.wait_for_url("**/clusters/tpl-*")
    campaign = ana.url.removeprefix(base)
    cluster = ana.inner_text("#cluster-id")
    assert ana.locator("#copies tbody tr[data-id]").count() == 3
    _type_a_name(ana, "mallory")
    ana.check("#select-all")
    ana.click("#bulk-fabricated")
    ana.wait_for_selector("#bulk-status")
    assert ana.inner_text("#bulk-status") == "Labelled 3 fabricated."
    assert ana.locator("#copies td.given").all_inner_texts() == ["fabricated"] * 3
    with ana.expect_download() as download:
        ana.click("#exports a[href$='/export/csv']")
    assert download.value.suggested_filename == f"campaign-{cluster}.csv"
    exported = tmp_path / "campaign.csv"
    download.value.save_as(exported)
    rows = list(csv.DictReader(io.StringIO(exported.read_text(encoding="utf-8"))))
    assert [r["analyst_label"] for r in rows] == ["fabricated"] * 3
    assert {r["cluster_id"] for r in rows} == {cluster}
    copies = sorted(int(r["document_id"]) for r in rows)

    # Ben, in a second context (his own session): one copy genuine, confirmed, then undone.
    ben_context = browser.new_context(viewport={"width": 1280, "height": 1000})
    ben = ben_context.new_page()
    ben.on("pageerror", lambda exc: errors.append(f"ben: {exc}"))
    _log_in(ben, base, tokens["ben"], campaign)
    assert ben.inner_text(".header-tools .analyst") == "Labels saved as ben"
    target = copies[0]
    _type_a_name(ben, "ana")
    ben.check(f"#copies input[name='document_id'][value='{target}']")
    with ben.expect_navigation():  # genuine against a confident score: refused until confirmed
        ben.click("#bulk-genuine")
    assert "tick 'confirm'" in ben.inner_text("main")
    refused = httpx.get(f"{base}/v1/documents/{target}/history", headers=admin).json()["items"]
    assert [(h["analyst"], h["label"]) for h in refused] == [("ana", "fabricated")]
    ben.go_back()
    ben.wait_for_selector("#copies")
    _type_a_name(ben, "ana")
    ben.check(f"#copies input[name='document_id'][value='{target}']")
    ben.check("#bulk-confirm")
    ben.click("#bulk-genuine")
    ben.wait_for_selector("#bulk-status")
    assert ben.inner_text("#bulk-status") == "Labelled 1 genuine."
    ben.click(f"#copies a[href='/documents/{target}']")
    ben.wait_for_url(f"**/documents/{target}")
    labels = ben.inner_text("#labels")
    assert "ana: fabricated" in labels
    assert "ben: genuine" in labels
    with ben.expect_navigation():
        ben.click("#undo-label")
    labels = ben.inner_text("#labels")
    assert "ana: fabricated" in labels
    assert "ben" not in labels

    # Read back as the admin: one current label per copy, by ana; ben's label and undo kept.
    for doc in copies:
        detail = httpx.get(f"{base}/v1/documents/{doc}", headers=admin, timeout=30).json()
        assert [(x["analyst"], x["label"]) for x in detail["labels"]] == [("ana", "fabricated")]
    history = httpx.get(f"{base}/v1/documents/{target}/history", headers=admin).json()["items"]
    assert [
        (h["analyst"], h["action"], h["label"], h["previous"], h["undone"]) for h in history
    ] == [
        ("ben", "undo", None, "genuine", False),
        ("ben", "label", "genuine", None, True),
        ("ana", "label", "fabricated", None, False),
    ]
    for doc in copies[1:]:
        others = httpx.get(f"{base}/v1/documents/{doc}/history", headers=admin).json()["items"]
        assert [(h["analyst"], h["label"]) for h in others] == [("ana", "fabricated")]
    by_ana = httpx.get(f"{base}/v1/documents", params={"labelled_by": "ana"}, headers=admin)
    assert by_ana.json()["total"] == 3
    for nobody in ("ben", "mallory", "anonymous"):
        found = httpx.get(f"{base}/v1/documents", params={"labelled_by": nobody}, headers=admin)
        assert found.json()["total"] == 0, nobody
    ana_context.close()
    ben_context.close()
    assert errors == []
