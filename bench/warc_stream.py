"""Stream big WARC.gz files through hoaxlens: throughput and peak memory, by file size.

Builds synthetic crawls (original, randomly assembled gossip pages; a request record per
page and a PNG response every tenth page, as real crawls have) of each requested size in a
temporary folder, then runs each in a fresh child process:

- ``read``: ``read_documents`` only (fastwarc, charset detection, decoding);
- ``scan``: ``hoaxlens scan FILE --format jsonl -o /dev/null`` (the whole pipeline).

It reports HTML records per second and the child's peak RSS (``ru_maxrss`` from ``wait4``).
Peak RSS that stays flat from the small file to the big one shows that memory does not grow
with the input.

    python bench/warc_stream.py --sizes 100 1000 --modes read scan
"""

from __future__ import annotations

import argparse
import base64
import gzip
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

_VOCABULARY = (
    "singer actor star fans stage concert tears secret wedding mother daughter son "
    "heartbreaking moment nobody expected what happened next audience stunned whispered "
    "quietly paid stranger bill hospital surprise announcement final interview reveals "
    "truth years later family doctors miracle show judges dance partner collapsed crowd "
    "standing ovation insiders sources claim close friend photo shared millions message "
    "emotional goodbye tribute music legend village school children donated house "
    "the a and of to in on for with after before during was were had has said told"
)
WORDS = _VOCABULARY.split()
NAMES = ("Delia Voss", "Rafe Calloway", "Juno Barrett", "Tomas Okafor", "Ivy Lark", "Sam Reed")
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="
)


def _sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(8, 22))
    words[0] = words[0].capitalize()
    if rng.random() < 0.3:
        words.insert(rng.randint(1, len(words) - 1), rng.choice(NAMES))
    return " ".join(words) + rng.choice((".", ".", ".", "!", "…"))


def _page(rng: random.Random, n: int) -> bytes:
    who = rng.choice(NAMES)
    title = f"{who}: {_sentence(rng)}"
    paragraphs = "".join(
        "<p>" + " ".join(_sentence(rng) for _ in range(rng.randint(3, 7))) + "</p>\n"
        for _ in range(rng.randint(6, 16))
    )
    rail = "".join(
        f'<li><a href="/story/{n}-{k}">{rng.choice(NAMES)} {_sentence(rng)}</a></li>'
        for k in range(6)
    )
    html = (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head>'
        f"<body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{title}</h1>\n{paragraphs}</article>"
        f"<aside><h2>News</h2><ul>{rail}</ul></aside><footer>End of content</footer>"
        "</body></html>"
    )
    return html.encode("utf-8")


def _record(warc_type: str, block: bytes, uri: str, content_type: str, rid: uuid.UUID) -> bytes:
    head = (
        f"WARC/1.1\r\nWARC-Type: {warc_type}\r\nWARC-Record-ID: <urn:uuid:{rid}>\r\n"
        f"WARC-Date: 2024-05-01T10:00:00Z\r\nWARC-Target-URI: {uri}\r\n"
        f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n"
    )
    return gzip.compress(head.encode("ascii") + block + b"\r\n\r\n", compresslevel=6, mtime=0)


def _http(body: bytes, content_type: str) -> bytes:
    head = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
    return head.encode("ascii") + body


def build_warc(path: Path, target_bytes: int, seed: int = 7) -> int:
    """Write a WARC.gz of about ``target_bytes``; return the number of HTML responses."""
    rng = random.Random(seed)
    pages = 0
    with path.open("wb") as out:
        written = out.write(
            _record(
                "warcinfo", b"software: bench\r\n", "", "application/warc-fields", uuid.UUID(int=0)
            )
        )
        while written < target_bytes:
            uri = f"https://buzz.example/story/{pages}"
            request = f"GET /story/{pages} HTTP/1.1\r\nHost: buzz.example\r\n\r\n".encode("ascii")
            ids = uuid.UUID(int=rng.getrandbits(128)), uuid.UUID(int=rng.getrandbits(128))
            written += out.write(
                _record("request", request, uri, "application/http;msgtype=request", ids[0])
            )
            body = _http(_page(rng, pages), "text/html; charset=utf-8")
            written += out.write(
                _record("response", body, uri, "application/http;msgtype=response", ids[1])
            )
            pages += 1
            if pages % 10 == 0:
                png = _http(PNG, "image/png")
                rid = uuid.UUID(int=rng.getrandbits(128))
                written += out.write(
                    _record("response", png, uri + ".png", "application/http;msgtype=response", rid)
                )
    return pages


CHILD = {
    "read": [
        "-c",
        "import sys\nfrom hoaxlens.ingest import read_documents\n"
        "print(sum(1 for _ in read_documents([sys.argv[1]])))",
    ],
    "scan": [
        "-c",
        "from hoaxlens.cli import main; main()",
        "scan",
        "--format",
        "jsonl",
        "-o",
        os.devnull,
    ],
}


def measure(mode: str, path: Path) -> dict[str, float]:
    """Run one child; return wall seconds and its peak RSS in MiB."""
    command = [sys.executable, *CHILD[mode], str(path)]
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)  # noqa: S603 - our own interpreter
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    output = child.stdout.read().decode() if child.stdout else ""
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 3):  # 3: the run finished with error rows
        raise SystemExit(f"{mode} on {path} exited {code}")
    return {"seconds": wall, "peak_rss_mib": usage.ru_maxrss / 1024, "stdout": output.strip()}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[100], help="file sizes in MB")
    parser.add_argument("--modes", nargs="+", choices=sorted(CHILD), default=["read", "scan"])
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory(prefix="hoaxlens-warc-bench-") as tmp:
        for size in args.sizes:
            path = Path(tmp) / f"crawl-{size}mb.warc.gz"
            start = time.perf_counter()
            pages = build_warc(path, size * 1_000_000)
            built = time.perf_counter() - start
            actual = path.stat().st_size / 1_000_000
            print(
                f"built {path.name}: {actual:.0f} MB, {pages:,} HTML pages in {built:.0f} s",
                flush=True,
            )
            for mode in args.modes:
                got = measure(mode, path)
                row = {
                    "mode": mode,
                    "file_mb": round(actual, 1),
                    "html_records": pages,
                    "seconds": round(got["seconds"], 1),
                    "records_per_s": round(pages / got["seconds"], 1),
                    "mb_per_s": round(actual / got["seconds"], 2),
                    "peak_rss_mib": round(got["peak_rss_mib"], 1),
                }
                if mode == "read" and got["stdout"] != str(pages):
                    raise SystemExit(f"read {got['stdout']} records, expected {pages}")
                results.append(row)
                print(json.dumps(row), flush=True)
    print("\n| mode | file (MB) | HTML records | seconds | records/s | MB/s | peak RSS (MiB) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(
            f"| {r['mode']} | {r['file_mb']} | {r['html_records']:,} | {r['seconds']} | "
            f"{r['records_per_s']:,} | {r['mb_per_s']} | {r['peak_rss_mib']} |"
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
