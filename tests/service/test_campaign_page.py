"""The campaign page ``/clusters/{id}``: copies, template, variants, bulk label, exports."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from fastapi.testclient import TestClient
from service_helpers import OBFUSCATED, PLAIN, STORE_KINDS, store_url_for, swap_name

from hoaxlens.service.app import create_app
from hoaxlens.service.settings import ServiceSettings

COPIES = ("Nia Holt", "Remy Cole", "Ada Vance")


@pytest.fixture(params=STORE_KINDS)
def campaign(request, tmp_path):
    """``(client, cluster id, copy records, other record)``."""
    url = store_url_for(request.param, tmp_path)
    settings = ServiceSettings(store_url=url, analysis_workers=0, run_worker=False)
    with TestClient(create_app(settings)) as client:
        copies = []
        for name in COPIES:
            first = name.split()[0].lower()
            body = {"text": swap_name(OBFUSCATED, name), "url": f"https://{first}.example/s"}
            copies.append(client.post("/v1/analyze", json=body).json())
        other = client.post("/v1/analyze", json={"text": PLAIN}).json()
        cluster = copies[0]["cluster_id"]
        assert {c["cluster_id"] for c in copies} == {cluster} != {other["cluster_id"]}
        yield client, cluster, copies, other


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found
    return found.group(1)


def test_page_shows_every_copy_the_template_variants_people_and_domains(campaign):
    client, cluster, copies, other = campaign
    page = client.get(f"/clusters/{cluster}")
    assert page.status_code == 200
    html = page.text
    rows = re.findall(r'<tr data-id="(\d+)">', html)
    assert sorted(map(int, rows)) == sorted(c["document_id"] for c in copies)
    assert f'data-id="{other["document_id"]}"' not in html
    for copy in copies:
        assert copy["url"].split("/")[2] in html  # its domain
    assert '<span class="slot person"' in html  # the template marks the swapped names
    variants = html[html.index('id="variants"') :]
    for name in COPIES:
        assert name in variants
        assert f"/documents?person={name.replace(' ', '%20')}" in html
    assert "3 copies" in html


@pytest.mark.parametrize(
    ("fmt", "media_type", "suffix"),
    [
        ("csv", "text/csv", "csv"),
        ("jsonl", "application/x-ndjson", "jsonl"),
        ("claimreview", "application/ld+json", "claimreview.json"),
        ("stix", "application/stix+json", "stix.json"),
    ],
)
def test_exports_download_with_a_file_name_and_type(campaign, fmt, media_type, suffix):
    client, cluster, copies, _ = campaign
    response = client.get(f"/clusters/{cluster}/export/{fmt}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    assert response.headers["content-disposition"] == (
        f'attachment; filename="campaign-{cluster}.{suffix}"'
    )
    ids = sorted(c["document_id"] for c in copies)
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(response.text)))
        assert sorted(int(r["document_id"]) for r in rows) == ids
        assert {r["domain"] for r in rows} == {"nia.example", "remy.example", "ada.example"}
        assert {r["cluster_id"] for r in rows} == {cluster}
    elif fmt == "jsonl":
        records = [json.loads(line) for line in response.text.splitlines()]
        assert sorted(r["document_id"] for r in records) == ids
    elif fmt == "claimreview":
        (review,) = json.loads(response.text)
        assert review["identifier"] == cluster
        urls = {a["url"] for a in review["itemReviewed"]["appearance"]}
        assert urls == {c["url"] for c in copies}
    else:
        bundle = json.loads(response.text)
        assert bundle["type"] == "bundle"
        (found,) = [o for o in bundle["objects"] if o["type"] == "campaign"]
        assert found["external_references"][0]["external_id"] == cluster


def test_bulk_label_records_each_ticked_copy_with_its_analyst(campaign):
    client, cluster, copies, _ = campaign
    token = _csrf(client.get(f"/clusters/{cluster}").text)
    ticked = [c["document_id"] for c in copies[:2]]
    response = client.post(
        f"/clusters/{cluster}/labels",
        data={
            "csrf_token": token,
            "label": "genuine",
            "analyst": "ana",
            "document_id": ticked,
            "confirm": "1",  # genuine contradicts these copies' confident scores
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert "labelled=2+genuine" in response.headers["location"]
    for doc in ticked:
        labels = client.get(f"/v1/documents/{doc}").json()["labels"]
        assert [(x["label"], x["analyst"]) for x in labels] == [("genuine", "ana")]
    untouched = client.get(f"/v1/documents/{copies[2]['document_id']}").json()["labels"]
    assert untouched == []
    page = client.get(response.headers["location"]).text
    assert "Labelled 2 genuine." in page
    # The exports follow the analysts: one copy is still fabricated, so one draft remains.
    (review,) = json.loads(client.get(f"/clusters/{cluster}/export/claimreview").text)
    assert review["identifier"] == cluster


@pytest.mark.parametrize(
    ("form", "status"),
    [
        pytest.param({"label": "genuine", "analyst": "x"}, 303, id="nothing-ticked"),
        pytest.param({"label": "maybe", "analyst": "x", "document_id": [1]}, 422, id="bad-label"),
        pytest.param({"label": "genuine", "analyst": "x", "csrf_token": ""}, 403, id="no-csrf"),
    ],
)
def test_bulk_label_refusals(campaign, form, status):
    client, cluster, _, _ = campaign
    token = _csrf(client.get(f"/clusters/{cluster}").text)
    data = {"csrf_token": token, **form}
    response = client.post(f"/clusters/{cluster}/labels", data=data, follow_redirects=False)
    assert response.status_code == status


def test_bulk_label_refuses_a_document_of_another_campaign(campaign):
    client, cluster, _, other = campaign
    token = _csrf(client.get(f"/clusters/{cluster}").text)
    data = {
        "csrf_token": token,
        "label": "genuine",
        "analyst": "x",
        "document_id": [other["document_id"]],
    }
    response = client.post(f"/clusters/{cluster}/labels", data=data)
    assert response.status_code == 422
    assert client.get(f"/v1/documents/{other['document_id']}").json()["labels"] == []


@pytest.mark.parametrize("path", ["/clusters/tpl-nope", "/clusters/tpl-nope/export/csv"])
def test_an_unknown_campaign_is_404(campaign, path):
    client, _, _, _ = campaign
    assert client.get(path).status_code == 404


def test_dashboard_and_result_page_link_the_campaign_page(campaign):
    client, cluster, copies, _ = campaign
    assert f'href="/clusters/{cluster}"' in client.get("/dashboard").text
    result = client.get(f"/documents/{copies[0]['document_id']}").text
    assert f'href="/clusters/{cluster}"' in result


def test_dashboard_api_and_report_rollups_count_people_alike(campaign):
    from hoaxlens.cluster import ClusterAssignment
    from hoaxlens.report.rollups import people_rollups
    from hoaxlens.service.campaign_page import story_item

    client, _, copies, other = campaign
    store = client.app.state.context.store
    members = [
        pair
        for r in (*copies, other)
        for pair in store.cluster_records(r["cluster_id"])
        if pair[0].id == r["document_id"]
    ]
    items = [story_item(s, rec) for s, rec in members]
    assignments = [
        ClusterAssignment(i.id, s.cluster_id or "", 1, "", (), 1.0)
        for i, (s, _) in zip(items, members, strict=True)
    ]
    report = {r.key: (r.stories, r.fabricated) for r in people_rollups(items, assignments)}
    api = {
        p["name"]: (p["documents"], p["fabricated"])
        for p in client.get("/v1/people").json()["items"]
    }
    assert api == report


def test_csv_export_writes_formula_looking_cells_inert(tmp_path):
    """A title, id or URL a spreadsheet would run as a formula starts with an apostrophe."""
    url = store_url_for("sqlite", tmp_path)
    settings = ServiceSettings(store_url=url, analysis_workers=0, run_worker=False)
    title = '=HYPERLINK("http://evil.example","open me")'
    with TestClient(create_app(settings)) as client:
        copies = [
            client.post(
                "/v1/analyze",
                json={
                    "text": swap_name(OBFUSCATED, name),
                    "title": title,
                    "id": f"@copy{i}",
                    "url": f"https://{name.split()[0].lower()}.example/s",
                },
            ).json()
            for i, name in enumerate(COPIES[:2])
        ]
        cluster = copies[0]["cluster_id"]
        assert {c["cluster_id"] for c in copies} == {cluster}
        response = client.get(f"/clusters/{cluster}/export/csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["title"] for r in rows] == ["'" + title] * 2
    assert sorted(r["doc_id"] for r in rows) == ["'@copy0", "'@copy1"]
    assert {r["domain"] for r in rows} == {"nia.example", "remy.example"}  # plain text as is
