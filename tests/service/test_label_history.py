"""Labels with authors: one current label per analyst, history, undo, confirmation, notes.

Real HTTP through the TestClient, on SQLite (and PostgreSQL when
``HOAXLENS_TEST_POSTGRES_URL`` is set). Users come from ``Accounts``, as ``hoaxlens users
add`` makes them.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from service_helpers import OBFUSCATED, PLAIN, STORE_KINDS, csrf_token, store_url_for, swap_name

from hoaxlens.service.accounts import Accounts
from hoaxlens.service.app import create_app
from hoaxlens.service.labels import load_labeled
from hoaxlens.service.settings import ServiceSettings


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture(params=STORE_KINDS)
def team(request, tmp_path):
    """A server whose store has two analysts; a confidently fabricated and a genuine story."""
    url = store_url_for(request.param, tmp_path)
    app = create_app(ServiceSettings(store_url=url, run_worker=False, analysis_workers=0))
    with TestClient(app, follow_redirects=False) as client:
        accounts = Accounts(app.state.context.store.engine)
        tokens = {name: accounts.add(name, "analyst")[1] for name in ("ana", "ben")}
        fake = client.post("/v1/analyze", json={"text": OBFUSCATED}, headers=_bearer(tokens["ana"]))
        real = client.post("/v1/analyze", json={"text": PLAIN}, headers=_bearer(tokens["ana"]))
        assert fake.json()["score"] >= 0.9
        assert real.json()["score"] <= 0.1
        client.url = url
        client.tokens = tokens
        client.fake = fake.json()
        client.real = real.json()
        yield client


def _label(client, who: str, doc: int, label: str, **extra) -> object:
    body = {"document_id": doc, "label": label, **extra}
    return client.post("/v1/labels", json=body, headers=_bearer(client.tokens[who]))


def _undo(client, who: str, doc: int) -> object:
    return client.post(
        "/v1/labels/undo", json={"document_id": doc}, headers=_bearer(client.tokens[who])
    )


def _history(client, doc: int) -> list[tuple[str, str, str | None, str | None]]:
    answer = client.get(f"/v1/documents/{doc}/history", headers=_bearer(client.tokens["ana"]))
    assert answer.status_code == 200
    return [(e["analyst"], e["action"], e["label"], e["previous"]) for e in answer.json()["items"]]


def _current(client, doc: int) -> dict[str, str]:
    detail = client.get(f"/v1/documents/{doc}", headers=_bearer(client.tokens["ana"])).json()
    return {x["analyst"]: x["label"] for x in detail["labels"]}


def test_a_label_records_the_token_owner_whatever_the_body_says(team):
    doc = team.fake["document_id"]
    answer = _label(team, "ana", doc, "fabricated", analyst="mallory")
    assert answer.status_code == 201
    assert answer.json()["analyst"] == "ana"
    assert _current(team, doc) == {"ana": "fabricated"}


def test_one_label_per_analyst_with_history_and_undo(team):
    doc = team.real["document_id"]
    assert _label(team, "ana", doc, "genuine").status_code == 201
    assert _label(team, "ben", doc, "genuine").status_code == 201
    # A second label by ana replaces hers (confirmed: the score says genuine).
    assert _label(team, "ana", doc, "fabricated", confirm=True).status_code == 201
    assert _current(team, doc) == {"ana": "fabricated", "ben": "genuine"}
    assert _history(team, doc) == [
        ("ana", "label", "fabricated", "genuine"),
        ("ben", "label", "genuine", None),
        ("ana", "label", "genuine", None),
    ]
    undone = _undo(team, "ana", doc)
    assert undone.status_code == 200
    assert undone.json() | {"analyst": "ana"} == {
        "document_id": doc,
        "analyst": "ana",
        "removed": "fabricated",
        "restored": "genuine",
    }
    assert _current(team, doc) == {"ana": "genuine", "ben": "genuine"}  # ben's is untouched
    assert _history(team, doc)[0] == ("ana", "undo", "genuine", "fabricated")
    # Undoing again goes further back: ana had no label before her first one.
    assert _undo(team, "ana", doc).json()["restored"] is None
    assert _current(team, doc) == {"ben": "genuine"}
    nothing = _undo(team, "ana", doc)
    assert nothing.status_code == 409
    assert "no label" in nothing.json()["detail"]


def test_training_reads_each_documents_newest_current_label(team):
    doc = team.real["document_id"]
    _label(team, "ben", doc, "genuine")
    _label(team, "ana", doc, "fabricated", confirm=True)
    _undo(team, "ana", doc)
    items = load_labeled(team.url)
    assert [(i.item.content, i.label) for i in items] == [(PLAIN, 0)]


@pytest.mark.parametrize(
    ("which", "label"),
    [
        pytest.param("fake", "genuine", id="genuine-on-fabricated-0.9+"),
        pytest.param("real", "fabricated", id="fabricated-on-genuine-0.1-"),
    ],
)
def test_a_label_against_a_confident_score_needs_confirmation(team, which, label):
    doc = getattr(team, which)["document_id"]
    refused = _label(team, "ana", doc, label)
    assert refused.status_code == 422
    assert '"confirm": true' in refused.json()["detail"]
    assert _current(team, doc) == {}
    assert _label(team, "ana", doc, label, confirm=True).status_code == 201
    assert _current(team, doc) == {"ana": label}


def test_the_result_page_asks_are_you_sure_then_labels_and_undoes(team):
    doc = team.fake["document_id"]
    team.get("/login")
    form = {"token": team.tokens["ben"], "csrf_token": csrf_token(team)}
    assert team.post("/login", data=form).status_code == 303
    token = csrf_token(team)
    asked = team.post(f"/documents/{doc}/labels", data={"label": "genuine", "csrf_token": token})
    assert asked.status_code == 422
    assert "Are you sure?" in asked.text
    assert 'name="confirm" value="1"' in asked.text
    assert _current(team, doc) == {}
    confirmed = {"label": "genuine", "confirm": "1", "csrf_token": token}
    assert team.post(f"/documents/{doc}/labels", data=confirmed).status_code == 303
    assert _current(team, doc) == {"ben": "genuine"}
    page = team.get(f"/documents/{doc}").text
    assert 'id="undo-label"' in page
    assert "labelled <b>genuine</b> (was unlabelled)" in page
    assert team.post(f"/documents/{doc}/labels/undo", data={"csrf_token": token}).status_code == 303
    assert _current(team, doc) == {}
    page = team.get(f"/documents/{doc}").text
    assert "undid: genuine → <b>no label</b>" in page
    assert "(undone)" in page
    assert 'id="undo-label"' not in page


def test_notes_on_documents_and_campaigns_show_their_author(team):
    doc, cluster = team.fake["document_id"], team.fake["cluster_id"]
    copy = team.post(
        "/v1/analyze",
        json={"text": swap_name(OBFUSCATED, "Nia Holt")},
        headers=_bearer(team.tokens["ben"]),
    ).json()
    assert copy["cluster_id"] == cluster
    added = team.post(
        "/v1/notes",
        json={"document_id": doc, "text": "Same photo as the 2019 hoax."},
        headers=_bearer(team.tokens["ana"]),
    )
    assert added.status_code == 201
    assert added.json()["author"] == "ana"
    on_campaign = team.post(
        "/v1/notes",
        json={"cluster_id": cluster, "text": "Pushed by three farm pages."},
        headers=_bearer(team.tokens["ben"]),
    )
    assert on_campaign.status_code == 201
    unknown = team.post(
        "/v1/notes",
        json={"cluster_id": "tpl-none", "text": "x"},
        headers=_bearer(team.tokens["ben"]),
    )
    assert unknown.status_code == 404
    both = team.post(
        "/v1/notes",
        json={"document_id": doc, "cluster_id": cluster, "text": "x"},
        headers=_bearer(team.tokens["ben"]),
    )
    assert both.status_code == 422
    listed = team.get(
        "/v1/notes", params={"cluster_id": cluster}, headers=_bearer(team.tokens["ana"])
    )
    assert [(n["author"], n["text"]) for n in listed.json()["items"]] == [
        ("ben", "Pushed by three farm pages.")
    ]
    # The pages show them; a note from the campaign page's form is the logged-in user's.
    team.get("/login")
    team.post("/login", data={"token": team.tokens["ana"], "csrf_token": csrf_token(team)})
    form = {"text": "Ask the fact-checkers <b>first</b>.", "csrf_token": csrf_token(team)}
    assert team.post(f"/clusters/{cluster}/notes", data=form).status_code == 303
    campaign = team.get(f"/clusters/{cluster}").text
    assert "Pushed by three farm pages." in campaign
    assert "Ask the fact-checkers &lt;b&gt;first&lt;/b&gt;." in campaign  # escaped
    result = team.get(f"/documents/{doc}").text
    assert "Same photo as the 2019 hoax." in result
    assert '<span class="who">ana</span>' in result
