"""A corrupt file of every kind gives error rows for what is lost and records for the rest.

Real files on disk, read through ``read_documents`` and through ``hoaxlens scan``: one stray
quote in a CSV costs one row, a truncated ``.jsonl.gz`` keeps every whole line before the
cut, and a directory mixing every kind of damage gives one output row per input record.
"""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from hoaxlens.cli import EXIT_RECORD_ERRORS, cli
from hoaxlens.ingest import read_documents
from hoaxlens.types import Failure
from rowshape import shape

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
STORY = "The singer stopped the show and walked to the edge of the stage and knelt down."


@pytest.mark.parametrize(
    ("csv_text", "expected"),
    [
        pytest.param(
            f'id,text\nr1,"{STORY}\nr2,second row\nr3,third row\n',
            [("L2", "bad_csv"), ("L3", "doc"), ("L4", "doc")],
            id="open-quote-in-first-row",
        ),
        pytest.param(
            f'id,text\nr1,{STORY}\nr2,"never closed\nr3,third row\nr4,fourth row\n',
            [("L2", "doc"), ("L3", "bad_csv"), ("L4", "doc"), ("L5", "doc")],
            id="open-quote-in-middle-row",
        ),
        pytest.param(
            f'id,text\nr1,{STORY}\nr2,"last row\n',
            [("L2", "doc"), ("L3", "doc")],
            id="open-quote-on-the-last-line-swallows-nothing",
        ),
        pytest.param(
            'id,text\nr1,"a cell\nover two lines"\nr2,"say ""hi""\nthere"\nr3,ok\n',
            [("L2", "doc"), ("L4", "doc"), ("L6", "doc")],
            id="closed-multiline-cells-stay-rows",
        ),
    ],
)
def test_csv_unclosed_quote_costs_one_row(make_tree, csv_text, expected):
    root = make_tree({"posts.csv": csv_text})
    items = list(read_documents([root]))
    assert shape(items) == expected
    errors = [i for i in items if isinstance(i, Failure)]
    assert all("quoted cell is never closed" in e.message for e in errors)


@pytest.mark.parametrize(
    "keep", [pytest.param(0.5, id="cut-in-half"), pytest.param(0.9, id="cut-late")]
)
def test_truncated_jsonl_gz_keeps_whole_lines_before_the_cut(tmp_path, keep):
    lines = [json.dumps({"id": f"p{i}", "text": f"{STORY} ({i})"}) for i in range(300)]
    packed = gzip.compress("\n".join(lines).encode("utf-8"), mtime=0)
    path = tmp_path / "posts.jsonl.gz"
    path.write_bytes(packed[: int(len(packed) * keep)])
    items = list(read_documents([path]))
    *docs, last = items
    assert docs, "the lines before the cut are lost"
    assert [d.id for d in docs] == [f"p{i}" for i in range(len(docs))]
    assert isinstance(last, Failure)
    assert (last.error_type, last.source) == ("bad_gzip", f"{path.as_posix()}#L{len(docs) + 1}")
    assert "truncated" in last.message


def test_concatenated_gzip_members_read_as_one_file(tmp_path):
    path = tmp_path / "posts.jsonl.gz"
    first = gzip.compress(json.dumps({"id": "a", "text": STORY}).encode() + b"\n")
    second = gzip.compress(json.dumps({"id": "b", "text": STORY}).encode() + b"\n")
    path.write_bytes(first + second)
    assert [getattr(i, "id", None) for i in read_documents([path])] == ["a", "b"]


def _damaged_tree(root: Path) -> dict[str, list[str]]:
    """Write one damaged file of each kind (and one good file) into ``root``.

    Returns:
        For each file, the expected output rows in order: "doc" or the error type.
    """
    root.mkdir()
    (root / "a_good.txt").write_text(STORY, encoding="utf-8")
    (root / "b_bad_bytes.txt").write_bytes(STORY.encode() + b" \xff\xfe broken")
    rows = [json.dumps({"id": f"j{i}", "text": STORY}) for i in range(400)]
    packed = gzip.compress("\n".join(rows).encode(), mtime=0)
    (root / "c_cut.jsonl.gz").write_bytes(packed[: len(packed) // 2])
    (root / "d_bad_line.jsonl").write_text(
        f'{{"id": "x1", "text": "{STORY}"}}\n{{"id": "x2", "text": \n'
        '{"id": "x3", "text": "ok"}\n',
        encoding="utf-8",
    )
    (root / "e_quote.csv").write_text(f'id,text\nc1,"{STORY}\nc2,{STORY}\n', encoding="utf-8")
    (root / "f_broken.parquet").write_bytes(b"PAR1" + b"\x00not parquet" * 40 + b"PAR1")
    (root / "g_cut.txt.gz").write_bytes(gzip.compress(STORY.encode() * 40, mtime=0)[:-9])
    shutil.copy(FIXTURES / "corrupt_middle.warc.gz", root / "h_corrupt.warc.gz")
    crawl = (FIXTURES / "sample.warc.gz").read_bytes()
    (root / "i_cut.warc.gz").write_bytes(crawl[: int(len(crawl) * 0.7)])  # download cut short
    return {
        "a_good.txt": ["doc"],
        "b_bad_bytes.txt": ["invalid_encoding"],
        "c_cut.jsonl.gz": [],  # whole lines before the cut, then "bad_gzip" (checked apart)
        "d_bad_line.jsonl": ["doc", "malformed_json", "doc"],
        "e_quote.csv": ["bad_csv", "doc"],
        "f_broken.parquet": ["bad_parquet"],
        "g_cut.txt.gz": ["bad_gzip"],
        "h_corrupt.warc.gz": ["doc", "doc", "bad_warc", "doc", "doc"],
        "i_cut.warc.gz": ["doc", "doc", "doc", "corrupt_record"],
    }


def test_scan_of_damaged_files_gives_a_row_per_record(tmp_path):
    root = tmp_path / "damaged"
    expected = _damaged_tree(root)
    result = CliRunner().invoke(cli, ["scan", str(root), "--format", "jsonl"])
    assert result.exit_code == EXIT_RECORD_ERRORS, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    by_file: dict[str, list[str]] = {}
    for r in records:
        name = Path(r["source"].split("#", 1)[0]).name
        by_file.setdefault(name, []).append(r["error"]["type"] if r["error"] else "doc")
        if r["error"]:
            assert r["error"]["stage"] == "ingest", r
            assert r["error"]["message"], r
        else:
            assert r["label"] in {"fabricated", "uncertain", "genuine"}, r
    assert set(by_file) == set(expected)
    cut = by_file.pop("c_cut.jsonl.gz")
    assert cut[-1] == "bad_gzip"
    assert len(cut) > 10
    assert set(cut[:-1]) == {"doc"}
    expected.pop("c_cut.jsonl.gz")
    assert by_file == expected
