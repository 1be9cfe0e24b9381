"""Link posts paired with their landing pages, against a local farm server (127.0.0.1 only).

A CrowdTangle-style CSV of three link posts (two lead to farm stories, one to a 404) is
scanned with ``--follow-links``; a JSONL of posts is scanned with ``--pages crawl.warc.gz``
(the pages found in a crawl, nothing fetched); a text file that is one URL is paired too.
"""

from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner
from farm_server import FarmServer  # sibling module (pytest's rootdir-less import)
from fastwarc.warc import ArchiveIterator, WarcRecordType

from hoaxlens.cli import EXIT_OK, EXIT_RECORD_ERRORS, cli
from hoaxlens.fetch import FetchConfig, fetch_to_warc
from hoaxlens.ingest import IngestConfig, read_documents
from hoaxlens.types import Failure, RawDocument

TEASER = "She walked off the stage in tears and the whole arena went silent 😢 Full story below"
FETCH = ["--allow-network", "127.0.0.0/8", "--per-host-interval", "0.05", "--fetch-timeout", "2"]


@pytest.fixture(scope="module")
def farm():
    server = FarmServer().start()
    yield server
    server.shutdown()
    server.server_close()


def _scan(*args: str, stdin: str | None = None) -> tuple[int, list[dict], str]:
    result = CliRunner().invoke(
        cli, ["scan", *args, "--format", "jsonl", "--workers", "1"], input=stdin
    )
    records = [json.loads(line) for line in result.stdout.splitlines()]
    return result.exit_code, records, result.stderr


@pytest.fixture(scope="module")
def crowdtangle(farm, tmp_path_factory):
    """``scan posts.csv --preset crowdtangle --follow-links``: (exit, records, WARC, log)."""
    out = tmp_path_factory.mktemp("ct")
    posts = out / "posts.csv"
    rows = [
        ("https://www.facebook.com/heartstories/posts/1001", "2025-06-13 08:00:00", TEASER,
         f"{farm.base}/farm?utm_source=facebook&fbclid=IwAR0abc"),
        ("https://www.facebook.com/heartstories/posts/1002", "2025-06-14 09:30:00", "",
         f"https://l.facebook.com/l.php?u={farm.base}/redirect&h=AT0x"),
        ("https://www.facebook.com/heartstories/posts/1003", "2025-06-15 10:00:00",
         "You won't believe what happened next", f"{farm.base}/gone"),
    ]  # fmt: skip
    with posts.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["Page Name", "URL", "Post Created", "Message", "Link", "Likes"])
        for url, created, message, link in rows:
            writer.writerow(["Heart Stories", url, created, message, link, "1200"])
    warc = out / "links.warc.gz"
    before = len(farm.log)
    code, records, stderr = _scan(
        str(posts), "--preset", "crowdtangle", "--follow-links", "--warc", str(warc), *FETCH
    )
    return code, records, warc, [path for _, path in farm.log[before:]], stderr


def test_three_link_posts_give_three_records_in_order(crowdtangle):
    code, records, _, _, stderr = crowdtangle
    assert code == EXIT_RECORD_ERRORS, stderr  # the 404 is an error row
    assert [r["id"] for r in records] == [
        "https://www.facebook.com/heartstories/posts/1001",
        "https://www.facebook.com/heartstories/posts/1002",
        "https://www.facebook.com/heartstories/posts/1003",
    ]
    assert "fetched 2 of 3 linked pages" in stderr


@pytest.mark.parametrize("index", [0, 1])
def test_a_post_whose_page_is_a_farm_story_is_judged_with_its_page(crowdtangle, index):
    _, records, _, _, _ = crowdtangle
    record = records[index]
    assert record["error"] is None
    assert record["label"] == "fabricated"
    assert record["abstain_reason"] is None
    post, page = record["post"], record["page"]
    assert post["url"] == record["id"]
    assert post["date"] == ["2025-06-13", "2025-06-14"][index]
    assert page["extractor"] != "text"
    assert page["title"] == record["title"]
    assert "Dalton Reeve" in record["title"]
    assert page["url"] == record["url"]
    assert page["fetched_at"]
    assert page["source"].startswith(str(crowdtangle[2]))
    assert record["meta"]["Likes"] == "1200"
    if index == 0:
        # the teaser is read first, then the page's story; trackers were dropped before fetching
        assert record["text"].startswith(TEASER + "\n\n")
        assert "Dalton Reeve" in record["text"][len(TEASER) :]
        assert post["teaser"] == TEASER
        assert post["link"].endswith("fbclid=IwAR0abc")
        assert "utm_source" not in record["url"]
    else:
        # an empty teaser adds nothing; the click-through wrapper and the redirect are followed
        assert post["teaser"] == ""
        assert record["url"].endswith("/farm-moved")
        assert not record["text"].startswith("\n")


def test_a_post_whose_page_is_missing_gives_one_error_row_that_keeps_the_post(crowdtangle):
    _, records, _, _, _ = crowdtangle
    record = records[2]
    assert record["label"] is None
    assert record["error"]["stage"] == "fetch"
    assert record["error"]["type"] == "http_404"
    assert "/gone" in record["error"]["message"]
    assert record["post"]["teaser"] == "You won't believe what happened next"
    assert record["post"]["url"] == record["id"]
    assert record["url"].endswith("/gone")
    assert record["page"]["fetched_at"]


def test_the_warc_holds_every_landing_page_exchange(crowdtangle):
    _, _, warc, log, _ = crowdtangle
    assert sorted(set(log)) == ["/farm", "/farm-moved", "/gone", "/redirect", "/robots.txt"]
    with warc.open("rb") as stream:
        targets = [
            (r.record_type, r.headers.get("WARC-Target-URI") or "")
            for r in ArchiveIterator(stream, parse_http=False)
        ]
    responses = [t.rsplit("/", 1)[-1] for kind, t in targets if kind == WarcRecordType.response]
    assert {"farm", "redirect", "farm-moved", "gone", "robots.txt"} <= set(responses)


def test_a_post_found_in_the_crawl_is_paired_without_fetching(farm, tmp_path):
    crawl = tmp_path / "crawl.warc.gz"
    config = FetchConfig(allowed_networks=("127.0.0.0/8",), per_host_interval=0.05)
    fetched = fetch_to_warc([f"{farm.base}/farm", f"{farm.base}/gone"], crawl, config)
    assert fetched.failed == 1
    posts = tmp_path / "posts.jsonl"
    lines = [
        {"id": "t1", "text": f"{TEASER} {farm.base}/farm/", "created_at": "2025-06-13T08:00:00Z"},
        {"id": "t2", "text": f"So sad {farm.base}/gone"},
        {"id": "t3", "text": f"Nobody kept this page {farm.base}/never-fetched"},
        {"id": "t4", "text": "A post with no link at all, judged as it is."},
    ]
    posts.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    before = len(farm.log)
    code, records, stderr = _scan(str(posts), "--pages", str(crawl))
    assert len(farm.log) == before, "nothing may be fetched when the crawl holds the pages"
    assert code == EXIT_RECORD_ERRORS, stderr
    assert [r["id"] for r in records] == ["t1", "t2", "t3", "t4"]
    paired, gone, missing, plain = records
    assert paired["label"] == "fabricated"
    assert paired["post"]["date"] == "2025-06-13"
    assert paired["page"]["source"].startswith(crawl.as_posix() + "#")
    assert paired["text"].startswith(TEASER)
    assert (gone["error"]["stage"], gone["error"]["type"]) == ("fetch", "http_404")
    assert (missing["error"]["stage"], missing["error"]["type"]) == ("fetch", "page_not_found")
    assert "--follow-links" in missing["error"]["message"]
    assert missing["post"]["link"].endswith("/never-fetched")
    assert plain["error"] is None
    assert "post" not in plain


def test_a_text_file_that_is_one_url_is_paired_with_a_saved_page(tmp_path):
    from farm_server import ROOT

    (tmp_path / "link.txt").write_text(
        "https://dailyheartstories.example/dalton-reeve-stopped-concert-little-girl/?utm_source=x\n",
        encoding="utf-8",
    )
    code, records, stderr = _scan(
        str(tmp_path / "link.txt"), "--pages", str(ROOT / "examples" / "farm_page.html")
    )
    assert code == EXIT_OK, stderr
    (record,) = records
    assert record["label"] == "fabricated"
    assert record["post"]["teaser"] == ""
    assert record["page"]["source"].endswith("examples/farm_page.html")
    assert record["url"].startswith("https://dailyheartstories.example/")


def test_stdin_link_post_with_follow_links(farm, tmp_path):
    warc = tmp_path / "w.warc.gz"
    code, records, stderr = _scan(
        "-", "--follow-links", "--warc", str(warc), *FETCH, stdin=f"{TEASER}\n{farm.base}/farm\n"
    )
    assert code == EXIT_OK, stderr
    (record,) = records
    assert record["label"] == "fabricated"
    assert record["post"]["teaser"] == TEASER


def test_without_pairing_link_posts_read_as_before(farm, tmp_path):
    posts = tmp_path / "posts.jsonl"
    posts.write_text(json.dumps({"id": "t1", "text": f"So sad {farm.base}/farm"}) + "\n")
    (item,) = read_documents([posts])
    assert isinstance(item, RawDocument)
    assert item.post is None
    assert item.media_type.value == "text/plain"
    empty_store = tmp_path / "empty"
    empty_store.mkdir()
    (paired,) = read_documents([posts], config=IngestConfig(pages=(str(empty_store),)))
    assert isinstance(paired, Failure)
    assert paired.error_type == "page_not_found"


def test_with_a_crawl_and_follow_links_only_missing_pages_are_fetched(farm, tmp_path):
    crawl = tmp_path / "crawl.warc.gz"
    config = FetchConfig(allowed_networks=("127.0.0.0/8",), per_host_interval=0.05)
    fetch_to_warc([f"{farm.base}/farm"], crawl, config)
    posts = tmp_path / "in"
    posts.mkdir()
    (posts / "posts.jsonl").write_text(
        json.dumps({"id": "a", "text": f"{TEASER} {farm.base}/farm"})
        + "\n"
        + json.dumps({"id": "b", "text": f"Unbelievable {farm.base}/rate/7?utm_medium=social"})
        + "\n",
        encoding="utf-8",
    )
    (posts / "saved.warc.gz").write_bytes(crawl.read_bytes())  # pages are not posts
    before = len(farm.log)
    code, records, stderr = _scan(
        str(posts / "posts.jsonl"),
        "--pages",
        str(crawl),
        "--follow-links",
        "--warc",
        str(tmp_path / "new.warc.gz"),
        *FETCH,
    )
    assert code == EXIT_OK, stderr
    assert [path for _, path in farm.log[before:] if path != "/robots.txt"] == ["/rate/7"]
    assert [r["label"] for r in records] == ["fabricated", "fabricated"]
    assert records[0]["page"]["source"].startswith(crawl.as_posix())
    assert records[1]["page"]["source"].startswith((tmp_path / "new.warc.gz").as_posix())


def test_post_inputs_leave_out_crawls_and_pages(tmp_path):
    from hoaxlens.ingest.reader import post_inputs

    for name in ("a.jsonl", "b.warc.gz", "c.html", "d.csv", "e.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert post_inputs([tmp_path, "-"]) == [
        (tmp_path / name).as_posix() for name in ("a.jsonl", "d.csv", "e.txt")
    ] + ["-"]


def test_with_follow_links_a_page_in_the_same_input_is_not_fetched(farm, tmp_path):
    crawl = tmp_path / "crawl.warc.gz"
    config = FetchConfig(allowed_networks=("127.0.0.0/8",), per_host_interval=0.05)
    fetch_to_warc([f"{farm.base}/farm"], crawl, config)
    posts = tmp_path / "posts.jsonl"
    posts.write_text(json.dumps({"id": "a", "text": f"{TEASER} {farm.base}/farm"}) + "\n")
    before = len(farm.log)
    code, records, stderr = _scan(
        str(posts), str(crawl), "--follow-links", "--warc", str(tmp_path / "n.warc.gz"), *FETCH
    )
    assert code == EXIT_OK, stderr
    assert len(farm.log) == before, "the page is in the crawl given as an input"
    assert not (tmp_path / "n.warc.gz").exists()
    post, page = records  # one record per input record: the post, and the crawl's page
    assert post["post"]["teaser"] == TEASER
    assert post["page"]["source"] == page["source"]
    assert "post" not in page
    assert post["label"] == page["label"] == "fabricated"


def test_post_inputs_pages_are_the_crawls_and_pages(tmp_path):
    from hoaxlens.ingest.reader import post_inputs

    for name in ("a.jsonl", "b.warc.gz", "c.html"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert post_inputs([tmp_path, "-"], pages=True) == [
        (tmp_path / name).as_posix() for name in ("b.warc.gz", "c.html")
    ]
