"""The batch job page with errors and a filter, in real headless Chromium (issue 20).

axe-core checks WCAG 2.1 AA on the summary and on the errors-only table, in light and dark
mode and at 390 px (where an error's long message must not push the page sideways); the
downloads arrive under their file names.
"""

from __future__ import annotations

import json
import time

import httpx
import pytest
from service_helpers import CHROMIUM, OBFUSCATED, PLAIN, running_server, swap_name
from test_accessibility import _report, _too_wide, _violations, axe_source

from hoaxlens.service.app import create_app
from hoaxlens.service.settings import ServiceSettings

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason=f"no Chromium at {CHROMIUM}: `apt-get install chromium` (.ci/run does this in CI)",
    ),
]
LINES = [
    json.dumps({"id": "nia", "text": swap_name(OBFUSCATED, "Nia Holt")}),
    "{" + "not json " * 40,
    json.dumps({"id": "plain", "text": PLAIN}),
    json.dumps({"id": "ada", "text": swap_name(OBFUSCATED, "Ada Vance")}),
    json.dumps({"id": "empty", "text": ""}),
]


@pytest.fixture(scope="module")
def job(tmp_path_factory):
    """``(base URL, job id)`` of a finished batch job with two error lines."""
    store = tmp_path_factory.mktemp("jobpage") / "store.db"
    with running_server(
        create_app(ServiceSettings(store_url=str(store), analysis_workers=0))
    ) as base:
        answer = httpx.post(
            f"{base}/v1/batch",
            content="\n".join(LINES) + "\n",
            headers={"content-type": "application/x-ndjson"},
            timeout=60,
        ).json()
        deadline = time.monotonic() + 120
        while httpx.get(base + answer["progress_url"], timeout=30).json()["status"] != "done":
            assert time.monotonic() < deadline, "the batch job did not finish"
            time.sleep(0.1)
        yield base, answer["id"]


@pytest.mark.parametrize("mode", ["light", "dark", "phone-390px"])
def test_the_job_page_and_its_error_table_have_no_violation(job, page, mode):
    base, job_id = job
    if mode == "dark":
        cdp = page.context.new_cdp_session(page)
        cdp.send(
            "Emulation.setEmulatedMedia",
            {"features": [{"name": "prefers-color-scheme", "value": "dark"}]},
        )
    elif mode == "phone-390px":
        page.set_viewport_size({"width": 390, "height": 844})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    source = axe_source()
    found = {}
    page.goto(f"{base}/jobs/{job_id}")
    found["summary"] = _violations(page, source)
    page.click("#job-filter a:text('errors only')")
    page.wait_for_url("**show=errors")
    assert page.locator("#job-rows tbody tr").count() == 2
    found["errors-only"] = _violations(page, source)
    if mode == "phone-390px":
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the job page is {width} px wide at 390 px: {_too_wide(page)}"
    found = {name: v for name, v in found.items() if v}
    assert not found, "axe-core found WCAG 2.1 AA violations:\n" + _report(found)
    assert errors == []


def test_the_downloads_arrive_under_their_names(job, page):
    base, job_id = job
    page.goto(f"{base}/jobs/{job_id}")
    for kind, suffix in (("JSONL", "jsonl"), ("CSV", "csv")):
        with page.expect_download() as download:
            page.click(f"#job-downloads a:text('({kind})')")
        assert download.value.suggested_filename == f"hoaxlens-job-{job_id}.{suffix}"
