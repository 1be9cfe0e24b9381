"""The batch job page (issue 20): summary, filtered table and named downloads.

A served store runs one batch of two copies of a campaign, a plain story and two bad
lines; the page and its downloads are read as a browser would get them.
"""

from __future__ import annotations

import csv
import io
import json

import lxml.html
import pytest
from fastapi.testclient import TestClient
from service_helpers import OBFUSCATED, PLAIN, swap_name, wait_for_job

from hoaxlens.service.app import create_app
from hoaxlens.service.settings import ServiceSettings

LINES = [
    json.dumps({"id": "nia", "text": swap_name(OBFUSCATED, "Nia Holt")}),
    json.dumps({"id": "plain", "title": '=HYPERLINK("x")', "text": PLAIN}),
    "{not json",
    json.dumps({"id": "ada", "text": swap_name(OBFUSCATED, "Ada Vance")}),
    json.dumps({"id": "empty", "text": ""}),
]


@pytest.fixture(scope="module")
def finished(tmp_path_factory):
    """``(client, job id)`` of a finished five-line batch job."""
    store = tmp_path_factory.mktemp("job") / "store.db"
    app = create_app(ServiceSettings(store_url=str(store), analysis_workers=0))
    with TestClient(app) as client:
        answer = client.post(
            "/v1/batch",
            content="\n".join(LINES) + "\n",
            headers={"content-type": "application/x-ndjson"},
        )
        assert answer.status_code == 202, answer.text
        wait_for_job(client, answer.json()["progress_url"], timeout=120)
        yield client, answer.json()["id"]


def _html(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, response.text[:500]
    return lxml.html.fromstring(response.text)


def _cells(page, table: str) -> list[list[str]]:
    rows = page.xpath(f"//*[@id='{table}']/tbody/tr")
    return [[" ".join(td.text_content().split()) for td in row.xpath("td")] for row in rows]


def _download(page, kind: str) -> str:
    """The href of the page's download link whose text names ``kind``."""
    links = page.xpath(f"//*[@id='job-downloads']//a[contains(., '({kind})')]/@href")
    assert len(links) == 1, links
    return links[0]


def test_the_job_page_sums_up_labels_campaigns_and_errors(finished):
    client, job = finished
    page = _html(client, f"/jobs/{job}")
    counts = {
        li.get("data-label"): int(li.text_content().split()[-1])
        for li in page.xpath("//*[@id='job-counts']/li")
    }
    assert counts == {"fabricated": 2, "uncertain": 0, "genuine": 1, "errors": 2}
    clusters = _cells(page, "job-clusters")
    records = [json.loads(x) for x in client.get(f"/v1/batch/{job}/results").text.splitlines()]
    campaign = records[0]["cluster_id"]
    assert campaign == records[3]["cluster_id"]
    assert clusters[0] == [campaign, "2", "2"]
    link = page.xpath("//*[@id='job-clusters']/tbody//a/@href")[0]
    assert client.get(link).status_code == 200
    assert sorted(_cells(page, "job-errors")) == [
        ["ingest", "malformed_json", "1"],
        ["ingest", "no_text", "1"],
    ]
    rows = _cells(page, "job-rows")
    assert [r[0] for r in rows] == ["1", "2", "3", "4", "5"]
    assert [r[2] for r in rows] == ["fabricated", "genuine", "error", "fabricated", "error"]
    assert "malformed_json" in rows[2][4]
    assert page.get_element_by_id("job-row-count").text_content().startswith("5 of 5 results")


@pytest.mark.parametrize(
    ("show", "ids", "labels"),
    [
        pytest.param("errors", ["3", "5"], ["error", "error"], id="errors-only"),
        pytest.param("fabricated", ["1", "4"], ["fabricated", "fabricated"], id="fabricated"),
        pytest.param("genuine", ["2"], ["genuine"], id="genuine"),
        pytest.param("uncertain", [], [], id="uncertain-none"),
    ],
)
def test_the_results_table_filters_by_label_or_errors(finished, show, ids, labels):
    client, job = finished
    page = _html(client, f"/jobs/{job}?show={show}")
    rows = _cells(page, "job-rows")
    assert [r[0] for r in rows] == ids
    assert [r[2] for r in rows] == labels
    current = page.xpath("//*[@id='job-filter']//a[@aria-current='page']/@href")
    assert current == [f"/jobs/{job}?show={show}"]
    assert page.get_element_by_id("job-row-count").text_content().startswith(f"{len(ids)} of 5")


def test_an_unknown_filter_or_job_is_refused(finished):
    client, job = finished
    assert client.get(f"/jobs/{job}?show=everything").status_code == 422
    assert client.get("/jobs/nosuchjob").status_code == 404
    assert client.get("/jobs/nosuchjob/results").status_code == 404
    assert client.get(f"/jobs/{job}/results?format=xlsx").status_code == 422


def test_the_jsonl_download_is_a_named_ndjson_file_of_the_records(finished):
    client, job = finished
    page = _html(client, f"/jobs/{job}")
    href = _download(page, "JSONL")
    response = client.get(href)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/x-ndjson"
    disposition = response.headers["content-disposition"]
    assert disposition == f'attachment; filename="hoaxlens-job-{job}.jsonl"'
    assert response.headers["x-job-status"] == "done"
    assert response.text == client.get(f"/v1/batch/{job}/results").text
    assert [json.loads(x)["id"] for x in response.text.splitlines()][:2] == ["nia", "plain"]


def test_the_csv_download_is_a_named_csv_file_a_row_a_record(finished):
    client, job = finished
    page = _html(client, f"/jobs/{job}")
    href = _download(page, "CSV")
    response = client.get(href)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    disposition = response.headers["content-disposition"]
    assert disposition == f'attachment; filename="hoaxlens-job-{job}.csv"'
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["label"] for r in rows] == ["fabricated", "genuine", "error", "fabricated", "error"]
    assert rows[0]["cluster_id"] == rows[3]["cluster_id"] != ""
    assert rows[0]["document_id"].isdigit()
    assert float(rows[0]["score"]) > 0.9
    assert (rows[2]["error_stage"], rows[2]["error_type"]) == ("ingest", "malformed_json")
    # An uploaded title that a spreadsheet would run as a formula is written inert.
    assert rows[1]["title"] == '\'=HYPERLINK("x")'
    assert rows[4]["error_type"] == "no_text"


class _CountingStore:
    """A store's ``job_records`` over a fixed list, counting the reads."""

    def __init__(self, records: list[str]) -> None:
        self.records = records
        self.reads = 0

    def job_records(self, job_id: str):
        self.reads += 1
        return iter(list(self.records))


def test_a_finished_jobs_summary_is_read_once_a_running_ones_on_every_view(finished):
    from dataclasses import replace

    from hoaxlens.service.job_summary import job_report

    client, job = finished
    done = client.app.state.context.store.job(job)
    records = client.get(f"/v1/batch/{job}/results").text.splitlines()
    store = _CountingStore(records[:2])
    running = replace(done, id="running-" + job, status="running")
    assert job_report(store, running).records == 2
    store.records = records
    assert job_report(store, running).records == 5  # new results show on the next view
    assert store.reads == 2
    finished_job = replace(done, id="finished-" + job)
    first = job_report(store, finished_job, "errors")
    assert job_report(store, finished_job, "errors") is first
    assert store.reads == 3
    assert [r.error_type for r in first.rows] == ["malformed_json", "no_text"]


def test_a_locked_servers_job_page_and_downloads_need_a_login(tmp_path):
    from hoaxlens.service.accounts import Accounts

    app = create_app(ServiceSettings(store_url=str(tmp_path / "locked.db"), analysis_workers=0))
    token = Accounts(app.state.context.store.engine).add("ana", "analyst")[1]
    with TestClient(app) as client:
        auth = {"Authorization": f"Bearer {token}"}
        answer = client.post(
            "/v1/batch",
            content=LINES[1] + "\n",
            headers={"content-type": "application/x-ndjson", **auth},
        )
        assert answer.status_code == 202, answer.text
        job = answer.json()["id"]
        for path in (f"/jobs/{job}", f"/jobs/{job}/results", f"/jobs/{job}/results?format=csv"):
            refused = client.get(path, follow_redirects=False)
            assert refused.status_code == 303, path
            assert refused.headers["location"].startswith("/login?next=")
            assert client.get(path, headers=auth).status_code == 200, path
