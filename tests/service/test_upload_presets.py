"""Batch uploads of platform exports: --preset and field names in the API and the UI form.

The CrowdTangle-style CSV is written here (the column names CrowdTangle's saved-search
download uses); no published data is read.
"""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from fastapi.testclient import TestClient
from service_helpers import OBFUSCATED, PLAIN, csrf_token, wait_for_job

from hoaxlens.service.app import create_app
from hoaxlens.service.settings import ServiceSettings

CT_COLUMNS = [
    "Page Name",
    "User Name",
    "Facebook Id",
    "Post Created",
    "Type",
    "Link",
    "Final Link",
    "URL",
    "Message",
    "Link Text",
    "Likes",
]
FARM_LINK = "https://celebfarm.example/2024/02/judge-story.html"


def crowdtangle_csv() -> bytes:
    """Three posts: a farm story with its link, a plain status, and a row with no message."""
    rows = [
        {
            "Page Name": "Celeb Daily",
            "User Name": "celebdaily",
            "Facebook Id": "1001",
            "Post Created": "2024-02-06 10:00:00 EST",
            "Type": "Link",
            "Link": "https://bit.ly/abc",
            "Final Link": FARM_LINK,
            "URL": "https://www.facebook.com/celebdaily/posts/1",
            "Message": OBFUSCATED,
            "Link Text": "A judge's kindness",
            "Likes": "120",
        },
        {
            "Page Name": "Town News",
            "User Name": "townnews",
            "Facebook Id": "1002",
            "Post Created": "3/1/2024 9:00",
            "Type": "Status",
            "URL": "https://www.facebook.com/townnews/posts/2",
            "Message": PLAIN,
            "Likes": "5",
        },
        {
            "Page Name": "Empty Page",
            "Facebook Id": "1003",
            "Post Created": "2024-03-02 09:00:00 EST",
            "Type": "Photo",
            "URL": "https://www.facebook.com/emptypage/posts/3",
            "Message": "",
        },
    ]
    out = io.StringIO()
    writer = csv.DictWriter(out, CT_COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


@pytest.fixture
def client(tmp_path):
    settings = ServiceSettings(store_url=str(tmp_path / "store.db"))
    with TestClient(create_app(settings)) as client:
        yield client


def results(client, job: dict) -> list[dict]:
    response = client.get(f"/v1/batch/{job['id']}/results")
    return [json.loads(line) for line in response.text.splitlines()]


def check_crowdtangle_records(records: list[dict]) -> None:
    """What a user checks in the results: one row per post, links, ids and dates kept."""
    assert len(records) == 3
    farm, status, empty = records
    assert farm["source"] == "ct.csv#L2"
    assert farm["id"] == "https://www.facebook.com/celebdaily/posts/1"
    assert farm["url"] == FARM_LINK
    assert farm["title"] == "A judge's kindness"
    assert farm["label"] == "fabricated"
    assert farm["page"]["domain"] == "celebfarm.example"
    assert farm["meta"]["ingest_date"] == "2024-02-06"
    assert farm["meta"]["ingest_date_source"] == "Post Created"
    assert farm["meta"]["Page Name"] == "Celeb Daily"
    assert status["error"] is None
    assert status["url"] == "https://www.facebook.com/townnews/posts/2"
    assert status["meta"]["ingest_date"] == "2024-03-01"  # M/D/YYYY as CrowdTangle's UI writes
    assert empty["error"]["type"] == "no_text"
    assert empty["source"].startswith("ct.csv#L")
    assert "'Message'" in empty["error"]["message"]


def test_api_crowdtangle_csv_scans_with_the_preset_alone(client):
    response = client.post(
        "/v1/batch",
        files={"file": ("ct.csv", crowdtangle_csv(), "text/csv")},
        data={"preset": "crowdtangle"},
    )
    assert response.status_code == 202, response.text
    job = wait_for_job(client, response.json()["progress_url"])
    assert (job["total"], job["processed"], job["errors"]) == (3, 3, 1)
    records = results(client, job)
    check_crowdtangle_records(records)
    # The stored document keeps the mapped link, its domain and the export's fields.
    found = client.get("/v1/documents", params={"domain": "celebfarm.example"}).json()
    assert [d["url"] for d in found["items"]] == [FARM_LINK]
    stored = client.get(f"/v1/documents/{records[0]['document_id']}").json()["record"]
    assert stored["url"] == FARM_LINK
    assert stored["page"]["domain"] == "celebfarm.example"
    assert stored["meta"]["ingest_date"] == "2024-02-06"


def test_api_csv_without_a_text_column_says_which_columns_it_has(client):
    response = client.post("/v1/batch", files={"file": ("ct.csv", crowdtangle_csv(), "text/csv")})
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert "'Message'" in detail
    assert "--preset" in detail
    assert client.get("/").text.count("/jobs/") == 0  # nothing was queued


def test_api_field_names_as_query_parameters_override_the_preset(client):
    data = crowdtangle_csv()
    response = client.post(
        "/v1/batch?preset=crowdtangle&text_field=Link%20Text&url_field=URL",
        files={"file": ("ct.csv", data, "text/csv")},
    )
    assert response.status_code == 202, response.text
    records = results(client, wait_for_job(client, response.json()["progress_url"]))
    assert records[0]["text"] == "A judge's kindness"
    assert records[0]["url"] == "https://www.facebook.com/celebdaily/posts/1"
    assert records[1]["error"]["type"] == "no_text"  # no Link Text on a status post


def test_api_x_api_jsonl_with_its_preset(client):
    tweet = {
        "id": "175",
        "text": OBFUSCATED,
        "created_at": "2024-05-01T08:00:00.000Z",
        "entities": {"urls": [{"expanded_url": FARM_LINK}]},
    }
    response = client.post(
        "/v1/batch?preset=x-api",
        content=json.dumps(tweet) + "\n",
        headers={"content-type": "application/x-ndjson"},
    )
    assert response.status_code == 202, response.text
    (record,) = results(client, wait_for_job(client, response.json()["progress_url"]))
    assert (record["id"], record["url"]) == ("175", FARM_LINK)
    assert record["meta"]["ingest_date"] == "2024-05-01"
    assert record["source"] == "upload.jsonl#L1"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        pytest.param("preset", "tiktok", "unknown preset 'tiktok'", id="unknown-preset"),
        pytest.param("format", "xlsx", "unknown format 'xlsx'", id="unknown-format"),
    ],
)
def test_api_refuses_unknown_options(client, field, value, message):
    response = client.post(
        "/v1/batch", files={"file": ("ct.csv", crowdtangle_csv(), "text/csv")}, data={field: value}
    )
    assert response.status_code == 422
    assert message in response.json()["detail"]


def test_ui_upload_form_offers_presets_and_scans_a_crowdtangle_csv(client):
    home = client.get("/")
    assert '<select id="preset" name="preset">' in home.text
    for name in ("crowdtangle", "meta-content-library", "x-api", "facebook-download"):
        assert f'<option value="{name}">' in home.text
    for field in ("text_field", "url_field", "date_field"):
        assert f'name="{field}"' in home.text
    csrf = csrf_token(client)
    response = client.post(
        "/batch",
        files={"file": ("ct.csv", crowdtangle_csv(), "text/csv")},
        data={"preset": "crowdtangle", "date_field": "", "csrf_token": csrf},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    job_id = re.fullmatch(r"/jobs/(\w+)", response.headers["location"]).group(1)
    job = wait_for_job(client, f"/v1/batch/{job_id}")
    check_crowdtangle_records(results(client, job))
    page = client.get("/documents", params={"domain": "celebfarm.example"})
    assert "A judge&#39;s kindness" in page.text or "A judge's kindness" in page.text


def test_ui_upload_without_preset_shows_the_columns_and_the_preset_hint(client):
    csrf = csrf_token(client)
    response = client.post(
        "/batch",
        files={"file": ("ct.csv", crowdtangle_csv(), "text/csv")},
        data={"csrf_token": csrf},
    )
    assert response.status_code == 422
    assert "Message" in response.text
    assert "Export and field names" in response.text


def test_api_meta_content_library_csv_with_dotted_column_names(client):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "creation_time", "text", "link_attachment.link", "post_owner.name"])
    writer.writerow(["m1", "2024-04-02T07:00:00+0000", OBFUSCATED, FARM_LINK, "Celeb Daily"])
    writer.writerow(["m2", "1712041200", PLAIN, "", "Town News"])
    response = client.post(
        "/v1/batch",
        files={"file": ("mcl.csv", out.getvalue().encode(), "text/csv")},
        data={"preset": "meta-content-library"},
    )
    assert response.status_code == 202, response.text
    farm, plain = results(client, wait_for_job(client, response.json()["progress_url"]))
    assert (farm["id"], farm["url"], farm["label"]) == ("m1", FARM_LINK, "fabricated")
    assert farm["meta"]["ingest_date"] == "2024-04-02"
    assert farm["meta"]["post_owner.name"] == "Celeb Daily"
    assert plain["error"] is None
    assert plain["meta"]["ingest_date"] == "2024-04-02"  # Unix seconds


def test_document_search_dates_an_export_by_its_date_field(client):
    """The day filter and facet use the post's own date, as the report does, not upload day."""
    response = client.post(
        "/v1/batch",
        files={"file": ("ct.csv", crowdtangle_csv(), "text/csv")},
        data={"preset": "crowdtangle"},
    )
    assert response.status_code == 202, response.text
    wait_for_job(client, response.json()["progress_url"])
    february = client.get("/v1/documents", params={"since": "2024-02-01", "until": "2024-02-29"})
    assert [d["url"] for d in february.json()["items"]] == [FARM_LINK]
    march = client.get("/v1/documents", params={"since": "2024-03-01", "until": "2024-03-31"})
    assert [d["url"] for d in march.json()["items"]] == [
        "https://www.facebook.com/townnews/posts/2"
    ]
