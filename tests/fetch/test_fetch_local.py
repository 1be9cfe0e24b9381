"""Fetching against a local farm server: every case gives a verdict or a clear error row,
the WARC holds every response, and the per-host rate limit holds (measured by the server)."""

from __future__ import annotations

import itertools
import json

import pytest
from click.testing import CliRunner
from farm_server import FarmServer  # sibling module (pytest's rootdir-less import)
from fastwarc.warc import ArchiveIterator, WarcRecordType

from hoaxlens.cli import EXIT_RECORD_ERRORS, cli
from hoaxlens.fetch import FetchConfig, fetch_to_warc
from hoaxlens.ingest import read_documents
from hoaxlens.types import Failure, RawDocument

INTERVAL = 0.25
CASES = {
    "/farm": ("verdict", None),
    "/redirect": ("verdict", None),
    "/cp1252": ("verdict", None),
    "/limited": ("verdict", None),
    "/slow": ("error", "timeout"),
    "/big": ("error", "too_large"),
    "/private/page": ("error", "robots_disallowed"),
    "/loop": ("error", "too_many_redirects"),
    "/image": ("error", "not_html"),
    "/gone": ("error", "http_404"),
}


@pytest.fixture(scope="module")
def farm():
    server = FarmServer().start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def scanned(farm, tmp_path_factory):
    """``hoaxlens scan URL...`` once over every case; (records, WARC path, server log)."""
    out = tmp_path_factory.mktemp("scan")
    warc = out / "crawl.warc.gz"
    urls = [farm.base + path for path in CASES]
    args = [
        "scan",
        *urls,
        "--warc",
        str(warc),
        "--allow-network",
        "127.0.0.0/8",
        "--per-host-interval",
        str(INTERVAL),
        "--fetch-timeout",
        "1",
        "--format",
        "jsonl",
        "--workers",
        "1",
    ]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == EXIT_RECORD_ERRORS, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    return records, warc, list(farm.log)


def test_every_url_gives_one_record_in_order(scanned, farm):
    records, _, _ = scanned
    assert [
        r["id"] if r["error"] else r["meta"].get("requested_url", r["url"]) for r in records
    ] == [farm.base + path for path in CASES]


@pytest.mark.parametrize(("path", "expected"), [pytest.param(p, e, id=p) for p, e in CASES.items()])
def test_each_case_gives_a_verdict_or_a_clear_error_row(scanned, farm, path, expected):
    records, _, _ = scanned
    record = records[list(CASES).index(path)]
    kind, error_type = expected
    if kind == "verdict":
        assert record["error"] is None, record["error"]
        assert record["label"] in ("fabricated", "uncertain", "genuine")
        assert record["meta"]["fetched_at"].endswith("Z")
    else:
        assert record["label"] is None
        assert record["error"]["stage"] == "fetch"
        assert record["error"]["type"] == error_type
        assert record["error"]["message"]


def test_the_final_url_after_a_redirect_is_the_records_url(scanned, farm):
    records, _, _ = scanned
    record = records[list(CASES).index("/redirect")]
    assert record["url"] == farm.base + "/farm-moved"
    assert record["meta"]["requested_url"] == farm.base + "/redirect"


def test_the_charset_comes_from_the_http_header(scanned):
    records, _, _ = scanned
    record = records[list(CASES).index("/cp1252")]
    assert record["meta"]["charset"] == "cp1252"
    assert record["meta"]["charset_source"] == "http"
    assert "Caf\u00e9 Owner\u2019s \u201cMiracle\u201d" in record["title"]


def test_the_warc_holds_every_response(scanned):
    _, warc, log = scanned
    responses = []
    with warc.open("rb") as stream:
        for record in ArchiveIterator(stream, parse_http=True):
            if record.record_type == WarcRecordType.response:
                uri = record.headers.get("WARC-Target-URI")
                responses.append((uri.split("/", 3)[3], record.http_headers.status_code))
    # Every request the server answered has its response in the WARC (/slow never
    # answered in time: its URL has an error record instead).
    answered = sorted(path for _, path in log if path != "/slow")
    assert sorted("/" + p for p, _ in responses) == answered
    assert any(path == "/slow" for _, path in log)
    assert ("limited", 429) in responses  # the refused attempt is kept too
    assert ("robots.txt", 200) in responses


def test_the_per_host_rate_limit_holds(scanned):
    _, _, log = scanned
    times = sorted(t for t, _ in log)
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert len(gaps) >= len(CASES)
    print(  # noqa: T201 - the figure issue 19 asks for, shown with pytest -s
        f"per-host interval {INTERVAL} s: {len(times)} requests, smallest gap between "
        f"arrivals {min(gaps):.3f} s, median {sorted(gaps)[len(gaps) // 2]:.3f} s"
    )
    assert min(gaps) >= INTERVAL - 0.03, gaps  # measured where the requests arrive


def test_the_warc_rescans_to_the_same_rows(scanned):
    records, warc, _ = scanned
    items = list(read_documents([warc]))
    assert len(items) == len(records)
    kinds = ["error" if isinstance(i, Failure) else "verdict" for i in items]
    assert kinds == [kind for kind, _ in CASES.values()]
    assert all(isinstance(i, RawDocument | Failure) for i in items)


def test_fetch_command_writes_a_warc_and_exits_3_on_failed_urls(farm, tmp_path):
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# two pages\n{farm.base}/farm\n\n{farm.base}/gone\n", encoding="utf-8")
    warc = tmp_path / "crawl.warc.gz"
    args = ["fetch", str(urls), "-o", str(warc), "--allow-network", "127.0.0.1/32"]
    result = CliRunner().invoke(cli, [*args, "--per-host-interval", "0"])
    assert result.exit_code == EXIT_RECORD_ERRORS, result.output
    assert "1 of 2 URLs fetched" in result.stderr
    items = list(read_documents([warc]))
    assert [type(i).__name__ for i in items] == ["RawDocument", "Failure"]


@pytest.mark.parametrize("allowed", [pytest.param((), id="default-refuses-loopback")])
def test_the_library_refuses_loopback_unless_allowed(farm, tmp_path, allowed):
    summary = fetch_to_warc(
        [farm.base + "/farm"], tmp_path / "x.warc.gz", FetchConfig(allowed_networks=allowed)
    )
    [outcome] = summary.outcomes
    assert outcome.error_type == "blocked_address"


def _warc_records(path):
    """(type, headers as a dict, body) of every record of a WARC file."""
    out = []
    with path.open("rb") as stream:
        for record in ArchiveIterator(stream, parse_http=False):
            headers = dict(record.headers)
            out.append((record.record_type, headers, record.reader.read()))
    return out


def test_a_timed_out_attempt_leaves_its_request_and_why_in_the_warc(scanned, farm):
    records, warc, _ = scanned
    slow = farm.base + "/slow"
    written = [r for r in _warc_records(warc) if r[1].get("WARC-Target-URI") == slow]
    requests = [h for kind, h, _ in written if kind == WarcRecordType.request]
    notes = [
        (h, json.loads(body))
        for kind, h, body in written
        if kind == WarcRecordType.metadata and "WARC-Hoaxlens-Attempt-Error" in h
    ]
    attempts = FetchConfig().retries + 1  # scan's default retries
    assert len(requests) == len(notes) == attempts
    for number, (headers, body) in enumerate(notes, 1):
        assert headers["WARC-Hoaxlens-Attempt-Error"] == "timeout"
        assert headers["WARC-Concurrent-To"] == requests[number - 1]["WARC-Record-ID"]
        assert body["attempt"] == number
        assert body["seconds"] >= 0.9  # --fetch-timeout 1
    # No response record, one outcome record, and one error row (rescanned too).
    assert not [h for kind, h, _ in written if kind == WarcRecordType.response]
    rows = [r for r in records if r["id"] == slow]
    assert len(rows) == 1
    assert rows[0]["error"]["type"] == "timeout"
    rescanned = [i for i in read_documents([warc]) if (i.url or "") == slow or i.source == slow]
    assert [type(i).__name__ for i in rescanned] == ["Failure"]


def test_a_refused_connection_leaves_its_request_and_why_in_the_warc(tmp_path):
    import socket

    with socket.socket() as sock:  # a port nothing listens on (bound, then closed)
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/story"
    warc = tmp_path / "refused.warc.gz"
    config = FetchConfig(allowed_networks=("127.0.0.0/8",), retries=1, backoff=0.01)
    [outcome] = fetch_to_warc([url], warc, config).outcomes
    assert outcome.error_type == "connect_error"
    written = _warc_records(warc)
    requests = [h for kind, h, _ in written if kind == WarcRecordType.request]
    notes = [h for kind, h, _ in written if "WARC-Hoaxlens-Attempt-Error" in h]
    # robots.txt is asked for first, and its two attempts are what failed.
    assert [h["WARC-Target-URI"] for h in requests] == [f"http://127.0.0.1:{port}/robots.txt"] * 2
    assert [h["WARC-Hoaxlens-Attempt-Error"] for h in notes] == ["connect_error"] * 2
    items = list(read_documents([warc]))
    assert [type(i).__name__ for i in items] == ["Failure"]
    assert items[0].error_type == "connect_error"
