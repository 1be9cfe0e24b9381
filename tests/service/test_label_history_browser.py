"""Two users label one document in real headless Chromium; one undoes; the history shows both.

A real uvicorn server on loopback whose store has two analysts (as ``hoaxlens users add``
makes them); each logs in with their own token through the login form.
"""

from __future__ import annotations

import pytest
from service_helpers import CHROMIUM, OBFUSCATED, running_server

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


@pytest.fixture
def team(tmp_path):
    app = create_app(ServiceSettings(store_url=str(tmp_path / "team.db"), analysis_workers=0))
    accounts = Accounts(app.state.context.store.engine)
    tokens = {name: accounts.add(name, "analyst")[1] for name in ("ana", "ben")}
    with running_server(app) as base:
        yield base, tokens, app


def _log_in(page, base: str, token: str, target: str) -> None:
    page.goto(f"{base}/login?next={target}")
    page.fill("input[name=token]", token)
    page.click("form.card button[type=submit]")
    page.wait_for_url(f"**{target}")


def test_two_users_label_one_document_one_undoes_and_the_history_shows_both(team, page):
    base, tokens, app = team
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    _log_in(page, base, tokens["ana"], "/")
    page.fill("#text", OBFUSCATED)
    page.click("#analyze")
    page.wait_for_url("**/documents/*")
    document = page.url.removeprefix(base)
    assert "Your label (ana)" in page.inner_text("#label-box")
    # No name box to type someone else's name into: the header says whose labels these are.
    assert page.locator("#analyst").count() == 0
    assert page.inner_text(".header-tools .analyst") == "Labels saved as ana"
    with page.expect_navigation():
        page.click('#label-box button[value="fabricated"]')
    assert "ana: fabricated" in page.inner_text("#labels")
    page.click("form.logout button")
    page.wait_for_url("**/login")

    _log_in(page, base, tokens["ben"], document)
    with page.expect_navigation():  # genuine against a score near 1: asked first
        page.click('#label-box button[value="genuine"]')
    assert "Are you sure?" in page.inner_text("h1")
    with page.expect_navigation():
        page.click("#confirm-label")
    assert "ben: genuine" in page.inner_text("#labels")
    with page.expect_navigation():
        page.click("#undo-label")
    labels = page.inner_text("#labels")
    assert "ana: fabricated" in labels
    assert "ben" not in labels
    page.click("#label-history summary")
    entries = [" ".join(e.split()) for e in page.locator("#label-history li").all_inner_texts()]
    assert len(entries) == 3
    assert "ben undid: genuine → no label" in entries[0]
    assert "ben labelled genuine (was unlabelled) (undone)" in entries[1]
    assert "ana labelled fabricated (was unlabelled)" in entries[2]
    stored = app.state.context.store.document(int(document.rsplit("/", 1)[1]))
    assert [(x.analyst, x.label) for x in stored.labels] == [("ana", "fabricated")]
    assert errors == []
