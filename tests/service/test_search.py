"""Search, facets and keyset pages of ``GET /v1/documents`` on SQLite and PostgreSQL.

One store per kind is filled once through the API (a three-copy campaign of the obfuscated
farm story on three domains, and three other stories), then every query is checked against
what the records say.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from service_helpers import OBFUSCATED, PLAIN, STORE_KINDS, store_url_for, swap_name

from hoaxlens.service.app import create_app
from hoaxlens.service.database import MIGRATIONS_DIR, make_engine
from hoaxlens.service.search import SearchQuery, parse_terms
from hoaxlens.service.settings import ServiceSettings
from hoaxlens.service.store import Store

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "stories"
COPIES = ("Nia Holt", "Remy Cole", "Ada Vance")


@pytest.fixture(scope="module", params=STORE_KINDS)
def filled(request, tmp_path_factory):
    """``(client, records)``: a store with six documents, the records the API returned."""
    url = store_url_for(request.param, tmp_path_factory.mktemp("search"))
    settings = ServiceSettings(store_url=url, analysis_workers=0, run_worker=False)
    with TestClient(create_app(settings)) as client:
        records = []
        for name in COPIES:
            first = name.split()[0].lower()
            body = {"text": swap_name(OBFUSCATED, name), "url": f"https://{first}.example/s"}
            records.append(client.post("/v1/analyze", json=body).json())
        for text in (
            PLAIN,
            (CORPUS / "fabricated.txt").read_text(encoding="utf-8"),
            (CORPUS / "genuine.txt").read_text(encoding="utf-8"),
        ):
            records.append(client.post("/v1/analyze", json={"text": text}).json())
        assert all(r.get("document_id") for r in records), records
        yield client, records


def _ids(client, **params) -> list[int]:
    response = client.get("/v1/documents", params={"limit": 500, **params})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["total"] == len(body["items"])
    return [d["id"] for d in body["items"]]


def _expect(records, keep) -> list[int]:
    return sorted((r["document_id"] for r in records if keep(r)), reverse=True)


CASES = [
    pytest.param({"q": '"dance floor"'}, lambda r: r["url"] is not None, id="phrase"),
    pytest.param({"q": "Nia Holt"}, lambda r: "Nia Holt" in r["text"], id="name-words"),
    pytest.param({"q": "DANC*"}, lambda r: r["url"] is not None, id="prefix-any-case"),
    pytest.param(
        {"q": '"dance floor" -nia'},
        lambda r: r["url"] is not None and "Nia" not in r["text"],
        id="exclusion",
    ),
    pytest.param({"q": "zzzunseenword"}, lambda r: False, id="no-match"),
    pytest.param({"label": "fabricated"}, lambda r: r["label"] == "fabricated", id="verdict"),
    pytest.param({"domain": "remy.example"}, lambda r: "remy" in (r["url"] or ""), id="domain"),
    pytest.param({"person": "Ada Vance"}, lambda r: r["people"][:1] == ["Ada Vance"], id="person"),
    pytest.param({"obfuscated": "true"}, lambda r: r["obfuscation"]["count"] > 0, id="obfuscated"),
    pytest.param(
        {"obfuscated": "false"}, lambda r: r["obfuscation"]["count"] == 0, id="not-obfuscated"
    ),
    pytest.param({"lang": "en"}, lambda r: r["lang"] == "en", id="language"),
    pytest.param({"score_min": 0.5}, lambda r: r["score"] >= 0.5, id="score-min"),
    pytest.param({"score_max": 0.5}, lambda r: r["score"] <= 0.5, id="score-max"),
    pytest.param({"until": "2000-01-01"}, lambda r: False, id="until-before-any-story"),
    pytest.param({"since": "2000-01-01"}, lambda r: True, id="since-long-ago"),
    pytest.param(
        {"q": "dance", "label": "fabricated", "obfuscated": "true"},
        lambda r: r["url"] is not None,
        id="words-and-filters",
    ),
]


@pytest.mark.parametrize(("params", "keep"), CASES)
def test_search_filters_match_the_records(filled, params, keep):
    client, records = filled
    assert sorted(_ids(client, **params), reverse=True) == _expect(records, keep)


def test_cluster_filter_finds_every_copy_and_nothing_else(filled):
    client, records = filled
    cluster = records[0]["cluster_id"]
    assert {r["cluster_id"] for r in records[:3]} == {cluster}
    for name in ("cluster", "cluster_id"):
        assert sorted(_ids(client, **{name: cluster})) == sorted(
            r["document_id"] for r in records[:3]
        )


@pytest.mark.parametrize(
    "q", ['"(*)', "NEAR(a b)", "a' OR 1=1 --", "-", "***", "AND OR NOT", "x" * 1000, "é ß ñ"]
)
def test_any_typed_query_answers_without_an_error(filled, q):
    client, _ = filled
    assert client.get("/v1/documents", params={"q": q}).status_code == 200


@pytest.mark.parametrize("sort", ["recent", "oldest", "score", "score_asc", "relevance"])
def test_keyset_pages_walk_every_match_once_in_order(filled, sort):
    client, records = filled
    params = {"sort": sort, "q": "dance" if sort == "relevance" else ""}
    whole = _ids(client, **params)
    assert len(whole) >= 3
    seen, cursor = [], None
    for _ in range(20):
        body = client.get(
            "/v1/documents", params={**params, "limit": 2, **({"cursor": cursor} if cursor else {})}
        ).json()
        seen += [d["id"] for d in body["items"]]
        assert body["total"] == len(whole)
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == whole
    if sort in ("score", "score_asc"):
        scores = [next(r["score"] for r in records if r["document_id"] == i) for i in whole]
        assert scores == sorted(scores, reverse=sort == "score")


@pytest.mark.parametrize(
    "cursor",
    [
        pytest.param("not-a-cursor", id="garbage"),
        pytest.param("WyJzY29yZSIsMC41LDNd", id="another-sort"),  # ["score",0.5,3]
        pytest.param("WyJyZWNlbnQiLCJ4IiwiMyJd", id="wrong-types"),  # ["recent","x","3"]
    ],
)
def test_a_bad_cursor_is_refused_with_a_reason(filled, cursor):
    client, _ = filled
    response = client.get("/v1/documents", params={"cursor": cursor, "sort": "recent"})
    assert response.status_code == 422
    assert "cursor" in response.json()["detail"]


def test_facets_count_the_matching_documents(filled):
    client, records = filled
    body = client.get("/v1/documents", params={"facets": "true"}).json()
    facets = {k: {v["value"]: v["count"] for v in vs} for k, vs in body["facets"].items()}
    assert body["total"] == len(records)
    for name in ("label", "analyst_label", "score", "obfuscated", "month"):
        assert sum(facets[name].values()) == len(records), name
    assert facets["cluster"][records[0]["cluster_id"]] == 3
    assert facets["domain"] == {"nia.example": 1, "remy.example": 1, "ada.example": 1}
    assert facets["obfuscated"]["yes"] == 3
    assert facets["person"]["Ada Vance"] == 1
    narrowed = client.get("/v1/documents", params={"facets": "true", "q": '"dance floor"'})
    assert {v["value"]: v["count"] for v in narrowed.json()["facets"]["label"]} == {"fabricated": 3}


def test_labels_feed_the_analyst_facets_and_filters(filled):
    client, records = filled
    target = records[4]["document_id"]
    for who in ("ana", "ben"):
        # confirm: "genuine" contradicts this document's confident fabricated score
        body = {"document_id": target, "label": "genuine", "analyst": who, "confirm": True}
        assert client.post("/v1/labels", json=body).status_code == 201
    assert _ids(client, labelled_by="ana") == [target]
    assert _ids(client, analyst_label="genuine") == [target]
    assert target not in _ids(client, analyst_label="none")
    assert target not in _ids(client, unlabeled="true")
    facets = client.get("/v1/documents", params={"facets": "true"}).json()["facets"]
    assert {v["value"]: v["count"] for v in facets["labelled_by"]} == {"ana": 1, "ben": 1}


def test_search_page_renders_results_facets_and_a_next_page(filled):
    client, records = filled
    page = client.get("/documents", params={"q": "dance", "sort": "oldest"})
    assert page.status_code == 200
    assert "3 documents match." in page.text
    assert f'href="/clusters/{records[0]["cluster_id"]}"' in page.text
    assert 'id="facet-domain"' in page.text
    bad = client.get("/documents", params={"score_min": "2"})
    assert bad.status_code == 422
    assert "score_min must be a number between 0 and 1" in bad.text


def test_review_queue_and_dashboard_page_instead_of_capping(filled, monkeypatch):
    from hoaxlens.service import ui

    client, _ = filled
    review = client.get("/review").text
    assert re.search(r"\d+ waiting", review)
    monkeypatch.setattr(ui, "DASHBOARD_PAGE", 1)
    dashboard = client.get("/dashboard").text
    assert 'id="next-people"' in dashboard
    assert "/clusters/" in dashboard
    assert "/review?cluster=" not in dashboard
    second = client.get("/dashboard", params={"people_page": 2}).text
    assert 'id="prev-people"' in second


def test_people_count_each_story_toward_its_main_person(filled):
    client, records = filled
    people = {p["name"]: p for p in client.get("/v1/people").json()["items"]}
    mains = [r["people"][0] for r in records if r["people"]]
    assert sorted(people) == sorted(set(mains))
    assert sum(p["documents"] for p in people.values()) == len(mains)
    assert people["Nia Holt"]["clusters"] == 1  # the three-copy campaign
    dashboard = client.get("/dashboard").text
    for name, p in people.items():
        row = re.search(rf">{re.escape(name)}</a></td>(.*?)</tr>", dashboard)
        assert row, name
        numbers = [int(x) for x in re.findall(r'class="num">(\d+)<', row.group(1))]
        assert numbers == [p["fabricated"], p["documents"], p["clusters"]], name


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        pytest.param("", [], id="empty"),
        pytest.param("Dolly", [(("dolly",), False, False)], id="word"),
        pytest.param('"Dance  Floor"', [(("dance", "floor"), False, False)], id="phrase"),
        pytest.param("-x don*", [(("x",), False, True), (("don",), True, False)], id="ops"),
        pytest.param(
            "Blake Shelton\u2019s",
            [(("blake",), False, False), (("shelton", "s"), False, False)],
            id="apostrophe",
        ),
    ],
)
def test_parse_terms(q, expected):
    assert [(t.words, t.prefix, t.negated) for t in parse_terms(q)] == expected


def test_day_is_the_stored_day_without_a_page_date(filled):
    client, _ = filled
    today = dt.datetime.now(dt.UTC).date().isoformat()
    days = {d["day"] for d in client.get("/v1/documents").json()["items"]}
    assert days <= {today, (dt.datetime.now(dt.UTC).date() - dt.timedelta(days=1)).isoformat()}


OLD_RECORD = {
    "id": "old",
    "title": "The Lighthouse Keeper Nobody Thanked",
    "text": "The Lighthouse Keeper Nobody Thanked\nMira Stone kept the lamp lit for 40 years.",
    "url": "https://old.example/keeper",
    "label": "fabricated",
    "score": 0.93,
    "lang": "en",
    "people": ["Mira Stone"],
    "obfuscation": {"count": 2, "replacements": []},
    "page": {"domain": None, "published": "2025-03-09"},
}


@pytest.mark.parametrize("kind", STORE_KINDS)
def test_migration_fills_search_for_documents_stored_before_it(kind, tmp_path):
    import json

    from alembic import command
    from alembic.config import Config
    from sqlalchemy import text

    url = store_url_for(kind, tmp_path)
    engine = make_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0003")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO documents (doc_id, source, url, title, media_type, content, label, "
                "score, record, model_version, cluster_id, signature, created_at) VALUES ('old', "
                "'api', :url, :title, 'text', 'x', 'fabricated', 0.93, :record, 'v', 'tpl-1', '', "
                ":now)"
            ),
            {
                "url": OLD_RECORD["url"],
                "title": OLD_RECORD["title"],
                "record": json.dumps(OLD_RECORD),
                "now": dt.datetime(2026, 1, 2, tzinfo=dt.UTC),
            },
        )
        conn.execute(
            text(
                "INSERT INTO labels (document_id, label, analyst, note, created_at) "
                "VALUES (1, 'genuine', 'ana', '', :now)"
            ),
            {"now": dt.datetime(2026, 1, 3, tzinfo=dt.UTC)},
        )
    engine.dispose()
    store = Store(url)  # migrates to the newest revision, as the service does on start
    try:
        found = store.search(SearchQuery(q="lighthouse keeper", facets=True))
        (doc,) = found.items
        assert (doc.domain, doc.person, doc.day, doc.obfuscated) == (
            "old.example",
            "Mira Stone",
            "2025-03-09",
            2,
        )
        assert (doc.latest_label, doc.cluster_id) == ("genuine", "tpl-1")
        assert store.search(SearchQuery(labelled_by="ana")).total == 1
    finally:
        store.close()
