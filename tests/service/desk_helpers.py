"""A served desk for the browser tests of accessibility and keyboard use (issue 20).

A real uvicorn server on loopback holding a three-copy campaign, a plain story, two farm
pages that share an ad account (a network) and a finished batch job; yields the base URL
and the path of every kind of page.
"""

from __future__ import annotations

import contextlib
import time
from typing import TYPE_CHECKING

import httpx
from service_helpers import OBFUSCATED, PLAIN, jsonl, running_server, swap_name

from hoaxlens.service.app import create_app
from hoaxlens.service.settings import ServiceSettings

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

COPIES = ("Nia Holt", "Remy Cole", "Ada Vance")
FARMS = (
    ("kindnews.example", "A star stops the show"),
    ("starbuzz.example", "The girl at the front"),
)
FARM_PAGE = (
    "<html><head><title>{title}</title>"
    '<script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js'
    '?client=ca-pub-1111222233334444"></script></head><body><article><h1>{title}</h1>'
    "<p>The singer stopped the concert when she saw a crying girl in the front row.</p>"
    "<p>What she did next left fifty thousand people in tears. Nobody saw it coming.</p>"
    '<ins class="adsbygoogle" data-ad-client="ca-pub-1111222233334444"></ins>'
    "</article></body></html>"
)


@contextlib.contextmanager
def served_desk(store: Path) -> Iterator[tuple[str, dict[str, str]]]:
    """``(base URL, {page name: path})`` of a served store with one of everything."""
    settings = ServiceSettings(store_url=str(store), analysis_workers=0)
    with running_server(create_app(settings)) as base:
        copies = []
        for name in COPIES:
            first = name.split()[0].lower()
            body = {"text": swap_name(OBFUSCATED, name), "url": f"https://{first}.example/s"}
            answer = httpx.post(f"{base}/v1/analyze", json=body, timeout=60)
            assert answer.status_code == 200, answer.text
            copies.append(answer.json())
        for site, title in FARMS:
            page = {"html": FARM_PAGE.format(title=title), "url": f"https://{site}/2026/story"}
            assert httpx.post(f"{base}/v1/analyze", json=page, timeout=60).status_code == 200
        other = httpx.post(f"{base}/v1/analyze", json={"text": PLAIN}, timeout=60).json()
        records = [{"id": "one", "text": PLAIN}, {"id": "two", "text": OBFUSCATED}]
        job = httpx.post(
            f"{base}/v1/batch",
            content=jsonl(records),
            headers={"content-type": "application/x-ndjson"},
            timeout=60,
        ).json()
        job_id = job["id"]
        deadline = time.monotonic() + 120
        while httpx.get(base + job["progress_url"], timeout=30).json()["status"] != "done":
            assert time.monotonic() < deadline, "the batch job did not finish"
            time.sleep(0.1)
        paths = {
            "home": "/",
            "result": f"/documents/{copies[0]['document_id']}",
            "result-plain": f"/documents/{other['document_id']}",
            "documents": "/documents?q=dance",
            "campaign": f"/clusters/{copies[0]['cluster_id']}",
            "review": "/review",
            "dashboard": "/dashboard",
            "networks": "/networks",
            "job": f"/jobs/{job_id}",
            "login": "/login",
            "not-found": "/documents/999999",
        }
        yield base, paths
