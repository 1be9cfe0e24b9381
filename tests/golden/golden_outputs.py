"""Produce every output form of hoaxlens for a set of inputs (the golden test's subject).

Used by ``tests/golden/test_golden.py`` (compare) and ``scripts/make_golden.py`` (write).
Each function drives a real adapter as a user would: the CLI in a subprocess, the service
through its HTTP API, Spark through ``hoaxlens spark-scan``.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "data"
EXAMPLES = Path("examples")  # relative to ROOT: the records' "source" field shows it
CORPUS = Path("..") / "shared" / "data" / "viral_stories" / "stories.jsonl"
_CLI = "from hoaxlens.cli import main; main()"


def _hoaxlens(*args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "COLUMNS": "100", "PYTHONHASHSEED": "0"}
    return subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-c", _CLI, *args], cwd=ROOT, env=env, capture_output=True, check=False
    )


def scan_outputs(path: Path) -> dict[str, str]:
    """``hoaxlens scan PATH`` as JSONL, CSV and Parquet (one JSON line per Parquet row)."""
    out: dict[str, str] = {}
    for fmt in ("jsonl", "csv"):
        done = _hoaxlens("scan", str(path), "--format", fmt, "--workers", "1")
        assert done.returncode in (0, 3), done.stderr.decode()
        out[fmt] = done.stdout.decode("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "out.parquet"
        done = _hoaxlens("scan", str(path), "--format", "parquet", "-o", str(target))
        assert done.returncode in (0, 3), done.stderr.decode()
        out["parquet"] = parquet_lines(target)
    return out


def parquet_lines(path: Path, *, sort: bool = False) -> str:
    """A Parquet file or folder as text: its schema, then one JSON line per row."""
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    rows = [
        json.dumps(r, ensure_ascii=False, sort_keys=True, default=str) for r in table.to_pylist()
    ]
    if sort:
        rows.sort()
    schema = " | ".join(f"{f.name}: {f.type}" for f in table.schema)
    return "".join(f"{line}\n" for line in [schema, *rows])


def _requests(path: Path) -> list[dict[str, Any]]:
    """The ``POST /v1/analyze`` bodies a user would send for the documents under ``path``."""
    full = ROOT / path
    files = sorted(p for p in full.rglob("*") if p.is_file()) if full.is_dir() else [full]
    bodies: list[dict[str, Any]] = []
    for file in files:
        if file.suffix == ".jsonl":
            for line in file.read_text(encoding="utf-8").splitlines():
                rec = json.loads(line)
                body = {k: rec[k] for k in ("id", "text", "html", "title", "url") if rec.get(k)}
                bodies.append(body)
        else:
            kind = "html" if file.suffix in (".html", ".htm") else "text"
            bodies.append({"id": file.name, kind: file.read_text(encoding="utf-8")})
    return bodies


def service_records(path: Path) -> str:
    """The service's ``POST /v1/analyze`` answer for each document, one line each."""
    from fastapi.testclient import TestClient

    from hoaxlens.service.app import create_app
    from hoaxlens.service.settings import ServiceSettings

    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(ServiceSettings(store_url=str(Path(tmp) / "store.db")))
        with TestClient(app) as client:
            for body in _requests(path):
                answer = client.post("/v1/analyze", json=body)
                lines.append(f"{answer.status_code} {answer.text}\n")
    return "".join(lines)


def spark_lines(path: Path) -> str:
    """``hoaxlens spark-scan PATH`` read back, rows sorted (Spark does not keep the order)."""
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "out"
        done = _hoaxlens("spark-scan", str(path), "-o", str(target), "--master", "local[1]")
        assert done.returncode in (0, 3), done.stderr.decode()
        return parquet_lines(target / "records", sort=True)


def digests(text: str) -> list[str]:
    """SHA-256 of each line (the corpus's text is not ours to store)."""
    return [hashlib.sha256(line.encode("utf-8")).hexdigest() for line in text.splitlines(True)]
