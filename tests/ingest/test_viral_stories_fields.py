"""The viral_stories corpus (../shared/data, read in place) read with the default field map:
its ``source_url`` is each record's ``url`` and the dates in those URLs are its dates, so the
report's domain table shows its real domains and first/last-seen days (issue 19)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from hoaxlens.ingest import read_documents
from hoaxlens.types import RawDocument

VIRAL = Path(__file__).resolve().parents[3] / "shared" / "data" / "viral_stories" / "stories.jsonl"


@pytest.fixture(scope="module")
def read():
    if not VIRAL.is_file():
        pytest.skip(f"the viral_stories corpus is not here ({VIRAL}): ../shared is absent")
    rows = [json.loads(line) for line in VIRAL.read_text(encoding="utf-8").splitlines() if line]
    return rows, list(read_documents([VIRAL]))


def test_every_story_keeps_its_source_url_and_domain(read):
    rows, docs = read
    assert len(docs) == len(rows)
    assert all(isinstance(d, RawDocument) for d in docs)
    assert [d.url for d in docs] == [r["source_url"] for r in rows]
    hosts = Counter((urlsplit(d.url or "").hostname or "").removeprefix("www.") for d in docs)
    assert "" not in hosts
    assert len(hosts) > 100  # real domains, not one "(no domain)" row


def test_dates_in_the_urls_become_the_stories_dates(read):
    _, docs = read
    dated = [dict(d.meta) for d in docs if "ingest_date" in dict(d.meta)]
    assert dated, "no story URL held a date"
    assert {m["ingest_date_source"] for m in dated} == {"url"}  # the corpus has no date field
    print(f"{len(dated)} of {len(docs)} viral_stories records dated from their URL")  # noqa: T201
