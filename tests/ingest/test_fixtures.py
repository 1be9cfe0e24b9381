"""The committed ingest fixtures are what scripts/make_ingest_fixtures.py writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastwarc.warc import ArchiveIterator

from loadscript import load_script

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "ingest"
SCRIPT = ROOT / "scripts" / "make_ingest_fixtures.py"
# Parquet files name the pyarrow version that wrote them, so only their rows are compared.
BYTE_FOR_BYTE = ("sample.warc.gz", "corrupt_middle.warc.gz", "posts.csv")
MAX_TOTAL_BYTES = 50_000


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    module = load_script(SCRIPT)
    out = tmp_path_factory.mktemp("fixtures")
    module.build(out)
    return out


@pytest.mark.parametrize("name", [pytest.param(n, id=n) for n in BYTE_FOR_BYTE])
def test_fixture_is_up_to_date(rebuilt, name):
    assert (rebuilt / name).read_bytes() == (FIXTURES / name).read_bytes(), (
        f"run: python scripts/make_ingest_fixtures.py  ({name} differs)"
    )


@pytest.mark.parametrize("name", ["posts.parquet", "posts_bad_row_group.parquet"])
def test_parquet_fixture_rows_are_up_to_date(rebuilt, name):
    import pyarrow.parquet as pq

    if name == "posts.parquet":
        assert pq.read_table(rebuilt / name).equals(pq.read_table(FIXTURES / name))
    else:
        assert (rebuilt / name).stat().st_size == (FIXTURES / name).stat().st_size


@pytest.mark.parametrize("budget", [pytest.param(MAX_TOTAL_BYTES, id="under-50kb")])
def test_fixtures_stay_small(budget):
    assert sum(p.stat().st_size for p in FIXTURES.iterdir()) < budget


@pytest.mark.parametrize(
    ("name", "types"),
    [
        pytest.param(
            "sample.warc.gz",
            [
                "warcinfo",
                "request",
                "response",
                "response",
                "response",
                "response",
                "response",
                "response",
                "metadata",
                "response",
            ],
            id="sample",
        )
    ],
)
def test_sample_warc_has_the_promised_records(name, types):
    with (FIXTURES / name).open("rb") as stream:
        records = [(str(r.record_type), r.headers.status_line) for r in ArchiveIterator(stream)]
    assert [t for t, _ in records] == types
    assert {version for _, version in records} == {"WARC/1.1"}
