# ruff: noqa: RUF001, RUF003 - curly quotes in the fixture text are what the charset tests test
"""Write the small ingest fixtures in tests/fixtures/ingest/ (WARC, CSV, Parquet).

Every text below is made up for these fixtures (the people are invented). The WARC files are
written by hand, record by record, one gzip member per record, as the WARC 1.1 standard
describes; fastwarc and warcio both read them. Output is deterministic (fixed UUIDs, dates and
gzip timestamps), so running the script again gives the same WARC and CSV bytes.

    python scripts/make_ingest_fixtures.py [OUT_DIR]
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import gzip
import hashlib
import io
import sys
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "ingest"
NAMESPACE = uuid.UUID("6f1c1b2e-2f7a-4c55-9a63-0d5e8a1f4b10")
DATE = "2024-05-01T10:00:00Z"

# The story pages. Each is (path, title, paragraphs); the text is original to this file.
UTF8_PAGE = (
    "/stories/delia-voss-stops-concert",
    "Delia Voss Stopped Her Concert For One Fan — Then Everyone Cried",
    [
        "Halfway through her second song, Delia Voss lowered the microphone. “Is she okay?” "
        "she asked, pointing at a girl named Zoë in the third row.",
        "What happened next left 12,000 people in tears. You won’t believe what the singer "
        "whispered… Sources close to the star say she has never told anyone why.",
    ],
)
CP1252_PAGE = (
    "/gossip/rafe-calloway-paid-the-bill",
    "Rafe Calloway Quietly Paid a Stranger’s Café Bill",
    [
        "The game-show host walked into a small café in Dorset and noticed a naïve young "
        "waiter crying behind the counter.",
        "“I’ve seen enough,” Calloway said, and left an envelope on the table. Insiders "
        "claim the envelope held more than the waiter earns in a year.",
    ],
)
LATIN1_PAGE = (
    "/local/new-bridge-opens",
    "New footbridge opens in Santa Inés after two years of work",
    [
        "The footbridge over the río Claro opened on Saturday morning, the town council of "
        "Santa Inés said. Mayor José Peñalver cut the ribbon at 10:00 and thanked the crews.",
        "The bridge cost 1.2 million euros and is 48 metres long. Señora Núñez, who runs the "
        "bakery on the north bank, said her customers from the school side can now walk "
        "over in three minutes instead of twenty. Cyclists must dismount on the deck.",
        "A second crossing, for cars, is planned for 2026. The council will publish the "
        "tender in the regional bulletin in June; residents may comment until the end of May.",
    ],
)
MOJIBAKE_PAGE = (
    "/viral/juno-barrett-secret-wedding",
    "Juno Barrett’s Secret Wedding: The Photo Everyone Is Sharing",
    [
        "Juno Barrett’s bridesmaid posted one photo from the café terrace — and fans "
        "went wild. She wrote that they had promised to keep it quiet, but it’s out now.",
    ],
)
TRUNCATED_PAGE = (
    "/viral/tomas-okafor-last-interview",
    "Tomas Okafor Gave One Last Interview. What He Said Will Break Your Heart",
    [
        "The actor sat down with a small-town radio host and said something nobody expected. "
        "Fans are still talking about it. Scroll down to read the full story before it is "
        "taken down. " * 4,
    ],
)
CORRUPT_WARC_PAGES = [
    (
        f"/feed/story-{i}",
        title,
        [body],
    )
    for i, (title, body) in enumerate(
        [
            (
                "Marla Quinn Collapsed On Stage And Her Partner Finished The Dance",
                "The judges could not hold back their tears as the music kept playing.",
            ),
            (
                "Ivy Lark Spotted Buying Groceries For Her Whole Street",
                "Neighbours say the singer knocked on every door with a bag of food.",
            ),
            (
                "Ben Okafor Reveals The Real Reason He Left The Show",
                "In a tearful post the presenter thanked his fans for twenty years.",
            ),
            (
                "Tess Morrow Adopts A Dog Found On The Motorway",
                "The rescue centre says the actress drove three hours to meet him.",
            ),
        ],
        start=1,
    )
]
PNG_1X1 = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="
)

POSTS = [
    ("p1", "Ivy Lark paid for every meal in the diner, then vanished into the night.", 120),
    ("p2", "Sam Reed cried on live radio when a caller thanked him for a song.", 45),
    ("p3", "", 3),  # bad: no text
    ("p4", "The city library extends its Sunday opening hours from next month.", 7),
    ("p5", "Jon Avery's daughter finished the marathon he could not run.", 88),
]


def _record_id(n: int) -> str:
    return f"<urn:uuid:{uuid.uuid5(NAMESPACE, f'record-{n}')}>"


def _digest(data: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")  # noqa: S324 - the WARC digest format


def warc_record(
    n: int,
    warc_type: str,
    block: bytes,
    *,
    content_type: str,
    uri: str | None = None,
    extra: tuple[tuple[str, str], ...] = (),
) -> bytes:
    """One WARC/1.1 record: header lines, a blank line, the block and two CRLFs."""
    headers = [
        ("WARC-Type", warc_type),
        ("WARC-Record-ID", _record_id(n)),
        ("WARC-Date", DATE),
    ]
    if uri is not None:
        headers.append(("WARC-Target-URI", uri))
    headers += [*extra, ("Content-Type", content_type), ("WARC-Block-Digest", _digest(block))]
    headers.append(("Content-Length", str(len(block))))
    head = "".join(f"{k}: {v}\r\n" for k, v in headers)
    return b"WARC/1.1\r\n" + head.encode("utf-8") + b"\r\n" + block + b"\r\n\r\n"


def http_response(body: bytes, content_type: str, status: str = "200 OK") -> bytes:
    head = (
        f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\nServer: fixture\r\n\r\n"
    )
    return head.encode("ascii") + body


def html_page(page: tuple[str, str, list[str]], *, meta: str = "") -> str:
    _, title, paragraphs = page
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return (
        f"<!DOCTYPE html>\n<html><head>{meta}<title>{title}</title></head>\n"
        f"<body><article><h1>{title}</h1>\n{body}</article></body></html>\n"
    )


def _member(record: bytes) -> bytes:
    return gzip.compress(record, compresslevel=9, mtime=0)


def _response(
    n: int, site: str, page: tuple[str, str, list[str]], body: bytes, ctype: str
) -> bytes:
    uri = site + page[0]
    http = http_response(body, ctype)
    return warc_record(
        n,
        "response",
        http,
        content_type="application/http;msgtype=response",
        uri=uri,
        extra=(("WARC-Payload-Digest", _digest(body)),),
    )


def sample_warc() -> bytes:
    """warcinfo, request, five HTML responses, a PNG, a redirect, metadata, a cut-off record."""
    site = "https://celebrity-buzz.example"
    info = b"software: make_ingest_fixtures.py\r\nformat: WARC File Format 1.1\r\n"
    request = (
        f"GET {UTF8_PAGE[0]} HTTP/1.1\r\nHost: celebrity-buzz.example\r\n"
        "User-Agent: fixture\r\n\r\n"
    ).encode("ascii")
    mojibake = html_page(MOJIBAKE_PAGE, meta='<meta charset="utf-8">')
    # UTF-8 read as Windows-1252 and saved again as UTF-8: "’" becomes "â€™". (The text
    # avoids "”", whose last byte 0x9D has no Windows-1252 character.)
    mojibake_bytes = mojibake.encode("utf-8").decode("cp1252").encode("utf-8")
    redirect = b'<html><body><a href="/new">Moved</a></body></html>'
    records = [
        warc_record(1, "warcinfo", info, content_type="application/warc-fields"),
        warc_record(
            2,
            "request",
            request,
            content_type="application/http;msgtype=request",
            uri=site + UTF8_PAGE[0],
            extra=(("WARC-Concurrent-To", _record_id(3)),),
        ),
        _response(
            3,
            site,
            UTF8_PAGE,
            html_page(UTF8_PAGE).encode("utf-8"),
            "text/html; charset=utf-8",
        ),
        _response(
            4,
            site,
            CP1252_PAGE,
            html_page(CP1252_PAGE, meta='<meta charset="windows-1252">').encode("cp1252"),
            "text/html",
        ),
        _response(5, site, LATIN1_PAGE, html_page(LATIN1_PAGE).encode("latin-1"), "text/html"),
        _response(6, site, ("/img/pixel.png", "", []), PNG_1X1, "image/png"),
        _response(7, site, MOJIBAKE_PAGE, mojibake_bytes, "application/xhtml+xml; charset=utf-8"),
        warc_record(
            8,
            "response",
            http_response(redirect, "text/html", "301 Moved Permanently"),
            content_type="application/http;msgtype=response",
            uri=site + "/old",
        ),
        warc_record(
            9,
            "metadata",
            b"via: " + (site + "/").encode("ascii") + b"\r\n",
            content_type="application/warc-fields",
            uri=site + UTF8_PAGE[0],
            extra=(("WARC-Concurrent-To", _record_id(3)),),
        ),
    ]
    members = b"".join(_member(r) for r in records)
    last = _response(
        10, site, TRUNCATED_PAGE, html_page(TRUNCATED_PAGE).encode("utf-8"), "text/html"
    )
    cut = len(last) - 300  # the crawler stopped mid-record: the body ends early
    return members + _member(last[:cut])


def corrupt_warc() -> bytes:
    """Two good responses, a member of garbage, two more good responses."""
    site = "https://viral-feed.example"
    records = [
        _response(20 + i, site, page, html_page(page).encode("utf-8"), "text/html; charset=utf-8")
        for i, page in enumerate(CORRUPT_WARC_PAGES)
    ]
    members = [_member(r) for r in records]
    garbage_source = _member(
        _response(30, site, ("/feed/lost", "Lost", ["This record is damaged."]), b"x", "text/html")
    )
    damaged = garbage_source[:10] + bytes((b * 7 + 13) % 256 for b in garbage_source[10:])
    return members[0] + members[1] + damaged + members[2] + members[3]


def posts_csv() -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "text", "url", "title", "likes"])
    for i, (pid, text, likes) in enumerate(POSTS):
        writer.writerow([pid, text, f"https://posts.example/{pid}", f"Post {i + 1}", likes])
    out.write('p6,"A row with one cell too many",https://posts.example/p6,Post 6,1,EXTRA\n')
    return out.getvalue().encode("utf-8")


def posts_tables() -> tuple[bytes, bytes]:
    """posts.parquet (row groups of two) and the same file with row group 1 destroyed."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    base = dt.datetime(2024, 5, 1, 9, 30, tzinfo=dt.UTC)
    table = pa.table(
        {
            "id": pa.array([int(p[0][1:]) for p in POSTS], pa.int64()),
            "text": pa.array([p[1] or None for p in POSTS], pa.string()),
            "url": [f"https://posts.example/{p[0]}" for p in POSTS],
            "likes": pa.array([p[2] for p in POSTS], pa.int32()),
            "posted_at": pa.array(
                [base + dt.timedelta(hours=i) for i in range(len(POSTS))], pa.timestamp("s", "UTC")
            ),
            "tags": [["celebrity", "viral"], ["radio"], [], ["local"], ["sport", "family"]],
        }
    )
    sink = io.BytesIO()
    pq.write_table(table, sink, row_group_size=2, compression="snappy")
    good = sink.getvalue()
    meta = pq.ParquetFile(io.BytesIO(good)).metadata
    text_col = table.schema.get_field_index("text")
    chunk = meta.row_group(1).column(text_col)
    start = chunk.data_page_offset
    if chunk.has_dictionary_page and chunk.dictionary_page_offset is not None:
        start = min(start, chunk.dictionary_page_offset)
    damaged = bytearray(good)
    damaged[start : start + chunk.total_compressed_size] = b"\xff" * chunk.total_compressed_size
    return good, bytes(damaged)


def build(out: Path) -> list[Path]:
    """Write every fixture under ``out``; return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    good_parquet, bad_parquet = posts_tables()
    files = {
        "sample.warc.gz": sample_warc(),
        "corrupt_middle.warc.gz": corrupt_warc(),
        "posts.csv": posts_csv(),
        "posts.parquet": good_parquet,
        "posts_bad_row_group.parquet": bad_parquet,
    }
    paths = []
    for name, data in files.items():
        path = out / name
        path.write_bytes(data)
        paths.append(path)
    return paths


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    for path in build(out):
        print(f"{path.stat().st_size:>7,} bytes  {path}")


if __name__ == "__main__":
    main()
