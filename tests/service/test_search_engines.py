"""SQLite and PostgreSQL give the same search answers: documents, order, totals and facets.

The same stories go into a fresh store of each kind through the API (a campaign of the
obfuscated farm story under eight names and domains, its plain retelling, and three other
stories, some labelled by two analysts). Then every query is asked of both stores with the
facet sample at its real size and shrunk to 3 (so that "the newest N matches" is
exercised with more matches than N), and the answers must be equal. On PostgreSQL a query
with words and facets counts, samples and pages its text match in one statement
(``facet_sample(counted=True)``); its answers must also equal that store's own answers
asked without facets and page by page.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from service_helpers import NO_POSTGRES, OBFUSCATED, PLAIN, POSTGRES_URL, reset_postgres, swap_name

from hoaxlens.service import search
from hoaxlens.service.app import create_app
from hoaxlens.service.search import SearchQuery
from hoaxlens.service.settings import ServiceSettings
from hoaxlens.service.store import Store

pytestmark = pytest.mark.skipif(not POSTGRES_URL, reason=NO_POSTGRES)

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "stories"
NAMES = (
    "Nia Holt",
    "Remy Cole",
    "Ada Vance",
    "Ivo Lark",
    "Uma Reed",
    "Kai Moss",
    "Lola Finch",
    "Otis Crane",
)


def _stories() -> list[dict[str, str]]:
    out = [
        {"text": swap_name(OBFUSCATED, name), "url": f"https://{name.split()[1].lower()}.example/s"}
        for name in NAMES
    ]
    plain_copy = OBFUSCATED.translate(str.maketrans("υпΤ", "unT"))
    out.append({"text": swap_name(plain_copy, "Mara Dune"), "url": "https://dune.example/p"})
    out += [
        {"text": PLAIN},
        {"text": (CORPUS / "fabricated.txt").read_text(encoding="utf-8")},
        {"text": (CORPUS / "genuine.txt").read_text(encoding="utf-8")},
    ]
    return out


LABELS = (
    (0, "fabricated", "ana"),
    (1, "fabricated", "ana"),
    (1, "genuine", "ben"),
    (10, "fabricated", "ben"),
)


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    """``{"sqlite": Store, "postgresql": Store}`` holding the same documents."""
    urls = {
        "sqlite": str(tmp_path_factory.mktemp("engines") / "store.db"),
        "postgresql": reset_postgres(POSTGRES_URL),
    }
    for url in urls.values():
        settings = ServiceSettings(store_url=url, analysis_workers=0, run_worker=False)
        with TestClient(create_app(settings)) as client:
            ids = []
            for story in _stories():
                response = client.post("/v1/analyze", json=story)
                assert response.status_code == 200, response.text
                ids.append(response.json()["document_id"])
            for index, label, analyst in LABELS:
                body = {"document_id": ids[index], "label": label, "analyst": analyst}
                response = client.post("/v1/labels", json={**body, "confirm": True})
                assert response.status_code == 201, response.text
    opened = {kind: Store(url) for kind, url in urls.items()}
    yield opened
    for store in opened.values():
        store.close()


QUERIES = [
    SearchQuery(q='"dance floor"', facets=True),
    SearchQuery(q='"crowd fell silent"', facets=True),
    SearchQuery(q="tears", facets=True),
    SearchQuery(q="tears", facets=True, limit=3),
    SearchQuery(q="danc*", facets=True),
    SearchQuery(q="tears -nia", facets=True),
    SearchQuery(q='"dance floor" -holt -cole', obfuscated=True, facets=True),
    SearchQuery(q="council", facets=True),
    SearchQuery(q="council tears", facets=True),
    SearchQuery(q="tears", label="fabricated", facets=True),
    SearchQuery(q="tears", analyst_label="none", facets=True),
    SearchQuery(q="tears", domain="reed.example", facets=True),
    SearchQuery(q="tears", labelled_by="ana", facets=True),
    SearchQuery(q="tears", score_min=0.5, facets=True),
    SearchQuery(q="tears", sort="score", facets=True, limit=4),
    SearchQuery(q="tears", sort="oldest", facets=True, limit=4),
    SearchQuery(q="tears", sort="relevance", facets=True),
    SearchQuery(q="-tears", facets=True),
    SearchQuery(facets=True),
    SearchQuery(obfuscated=False, facets=True),
    SearchQuery(q="zzzunseenword", facets=True),
]


def _answer(store: Store, query: SearchQuery) -> tuple:
    found = store.search(query)
    facets = {name: [(v.value, v.count) for v in values] for name, values in found.facets.items()}
    return found.total, [d.id for d in found.items], found.next_cursor is not None, facets


def _walk(store: Store, query: SearchQuery) -> list[int]:
    """Every match's id, page by page without facets."""
    ids, cursor = [], None
    while True:
        found = store.search(dataclasses.replace(query, facets=False, limit=2, cursor=cursor))
        ids += [d.id for d in found.items]
        cursor = found.next_cursor
        if cursor is None:
            return ids


@pytest.mark.parametrize("sample", [search.FACET_SAMPLE, 3])
@pytest.mark.parametrize("query", QUERIES, ids=lambda q: repr(q.q or "browse"))
def test_sqlite_and_postgresql_answer_alike(stores, query, sample, monkeypatch):
    monkeypatch.setattr(search, "FACET_SAMPLE", sample)
    lite, pg = (_answer(stores[kind], query) for kind in ("sqlite", "postgresql"))
    total, ids, _more, facets = pg
    if query.sort == "relevance":  # bm25 and ts_rank_cd rank alike only roughly
        assert (total, sorted(ids), facets) == (lite[0], sorted(lite[1]), lite[3])
    else:
        assert pg == lite
    walked = _walk(stores["postgresql"], query)
    assert len(walked) == total
    assert walked[: len(ids)] == ids
    counted = sum(v for _, v in facets.get("obfuscated", ()))
    assert counted == min(total, sample)  # the facets count the newest `sample` matches


def test_the_comparison_sees_matches_and_a_sampled_facet(stores, monkeypatch):
    """The queries above match something: a phrase finds the campaign's nine copies."""
    monkeypatch.setattr(search, "FACET_SAMPLE", 3)
    found = stores["postgresql"].search(SearchQuery(q='"crowd fell silent"', facets=True))
    assert found.total >= 9
    assert sum(v.count for v in found.facets["label"]) == 3
