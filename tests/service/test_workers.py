"""Several ``hoaxlens serve`` processes on one store give every copy the same campaign.

Two real server processes (subprocesses on free loopback ports) are started together on one
store (a SQLite file, or a PostgreSQL schema of its own), then fed the copies of campaigns
alternately over HTTP, both at once. Whichever process stores a copy, the store must end up
with the clusters ``hoaxlens cluster`` finds on the same texts: the same partition (which
copies share a cluster; the ids themselves are named after different member ids).
"""

from __future__ import annotations

import json
import os
import shlex
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest
from click.testing import CliRunner
from service_helpers import NO_POSTGRES, POSTGRES_URL

from hoaxlens.cli import cli

if TYPE_CHECKING:
    from collections.abc import Iterator

pytestmark = pytest.mark.slow

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "campaigns" / "campaigns.jsonl"
README = Path(__file__).resolve().parents[2] / "README.md"
TOKEN = "workers-test-token-0123456789abcdef"  # noqa: S105 - a test's own token
BEARER = {"Authorization": f"Bearer {TOKEN}"}
SWAPS = ("Reba McEntire", "Garth Brooks", "Blake Shelton", "Shania Twain")


def _copies() -> list[dict[str, str]]:
    """The campaign fixture plus name-swapped copies of two of its stories."""
    records = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]
    docs = [{"id": r["id"], "title": r.get("title") or "", "text": r["text"]} for r in records]
    for base in (docs[0], docs[5]):
        first = base["text"].split(",")[0].split()[:2]  # the person the story opens with
        name = " ".join(first)
        for n, other in enumerate(SWAPS):
            docs.append(
                {
                    "id": f"{base['id']}-swap{n}",
                    "title": base["title"].replace(name, other),
                    "text": base["text"].replace(name, other),
                }
            )
    return docs


def _partition(assigned: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for doc_id, cluster in assigned.items():
        groups.setdefault(cluster, set()).add(doc_id)
    return {frozenset(g) for g in groups.values()}


def _batch_partition(docs: list[dict[str, str]], tmp_path: Path) -> set[frozenset[str]]:
    """``hoaxlens cluster`` on the same texts."""
    source = tmp_path / "copies.jsonl"
    source.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    out = tmp_path / "clusters.jsonl"
    result = CliRunner().invoke(cli, ["cluster", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return _partition({r["id"]: r["cluster_id"] for r in rows})


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def postgres_schema() -> Iterator[str]:
    """A PostgreSQL URL whose tables live in a schema of their own (dropped afterwards).

    Other tests share the database; a schema keeps this one's tables apart from theirs.
    """
    if not POSTGRES_URL:
        pytest.skip(NO_POSTGRES)
    from sqlalchemy import text

    from hoaxlens.service.database import make_engine

    schema = f"workers_{uuid.uuid4().hex[:10]}"
    engine = make_engine(POSTGRES_URL)
    with engine.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    sep = "&" if "?" in POSTGRES_URL else "?"
    try:
        yield f"{POSTGRES_URL}{sep}options=-csearch_path%3D{schema}"
    finally:
        with engine.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        engine.dispose()


def _env(store: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOAXLENS_")}
    env["HOAXLENS_TOKEN"] = TOKEN
    if store is not None:
        env["HOAXLENS_STORE"] = store
    return env


class Server:
    """One ``hoaxlens serve`` process on a free loopback port (or ``argv``'s command)."""

    def __init__(self, store: str, log: Path, argv: list[str] | None = None) -> None:
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = _env(store)
        self.log = log
        self._log_file = log.open("wb")
        command = "from hoaxlens.cli import main; main()"
        args = ["serve", "--port", str(self.port), "--store", store, "--no-worker"]
        if argv is not None:
            argv = [str(self.port) if a == "{port}" else a for a in argv]
        self.process = subprocess.Popen(  # noqa: S603 - our own command
            argv or [sys.executable, "-c", command, *args],
            env=env,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
        )

    def wait_healthy(self, timeout: float = 180.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"serve exited: {self.log.read_text(errors='replace')}")
            try:
                if httpx.get(self.base + "/healthz", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"serve did not answer: {self.log.read_text(errors='replace')}")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)
        self._log_file.close()


def _feed(server: Server, docs: list[dict[str, str]], out: dict[str, int]) -> None:
    with httpx.Client(base_url=server.base, headers=BEARER, timeout=120) as client:
        for doc in docs:
            response = client.post("/v1/analyze", json=doc)
            assert response.status_code == 200, response.text
            out[doc["id"]] = response.json()["document_id"]


def _served_clusters(store: str, tmp_path: Path) -> None:
    docs = _copies()
    servers = [Server(store, tmp_path / f"serve{n}.log") for n in range(2)]  # started together
    try:
        for server in servers:
            server.wait_healthy()
        stored: dict[str, int] = {}
        # Alternately (copy 0 to the first server, copy 1 to the second, ...), both at once.
        feeders = [
            threading.Thread(target=_feed, args=(server, docs[n::2], stored))
            for n, server in enumerate(servers)
        ]
        for feeder in feeders:
            feeder.start()
        for feeder in feeders:
            feeder.join(600)
        assert len(stored) == len(docs), "a feeder failed (see the assertion above)"
        seen = []
        for server in servers:
            with httpx.Client(base_url=server.base, headers=BEARER, timeout=60) as client:
                records = {i: client.get(f"/v1/documents/{n}").json() for i, n in stored.items()}
            seen.append({i: r["record"]["cluster_id"] for i, r in records.items()})
    finally:
        for server in servers:
            server.stop()
    assert seen[0] == seen[1]  # both processes read the same clusters
    served = _partition(seen[0])
    assert served == _batch_partition(docs, tmp_path)
    assert max(len(group) for group in served) >= 5  # the swaps did form campaigns


def test_two_servers_on_one_sqlite_file_cluster_like_the_cli(tmp_path):
    _served_clusters(str(tmp_path / "shared.db"), tmp_path)


def test_two_servers_on_one_postgresql_cluster_like_the_cli(tmp_path, postgres_schema):
    _served_clusters(postgres_schema, tmp_path)


def _documented(prefix: str) -> list[str]:
    """The README's command line that starts with ``prefix``, split into words."""
    lines = README.read_text(encoding="utf-8").splitlines()
    found = [line for line in lines if line.startswith(prefix)]
    assert found, f"README documents no '{prefix} ...' command"
    return shlex.split(found[0].split("  #")[0])


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_the_documented_production_commands_migrate_and_serve_with_two_workers(
    tmp_path, request, kind
):
    store = (
        request.getfixturevalue("postgres_schema")
        if kind == "postgresql"
        else str(tmp_path / "p.db")
    )
    migrate = _documented("python -m hoaxlens.service.migrate")
    done = subprocess.run(  # noqa: S603 - our own command
        [sys.executable, *migrate[1:]], env=_env(store), capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "store upgraded from (empty) to" in done.stdout
    argv = _documented("uvicorn hoaxlens.service.app:create_app")
    assert "--workers" in argv
    argv[argv.index("--workers") + 1] = "2"
    argv[argv.index("--port") + 1] = "{port}"
    server = Server(store, tmp_path / "uvicorn.log", [sys.executable, "-m", *argv])
    docs = _copies()
    stored: dict[str, int] = {}
    try:
        server.wait_healthy()

        def post(doc: dict[str, str]) -> None:  # a connection each: the workers share them
            response = httpx.post(
                server.base + "/v1/analyze", json=doc, headers=BEARER, timeout=120
            )
            assert response.status_code == 200, response.text
            stored[doc["id"]] = response.json()["document_id"]

        threads = [threading.Thread(target=post, args=(d,)) for d in docs]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(300)
        assert len(stored) == len(docs)
        with httpx.Client(base_url=server.base, headers=BEARER, timeout=60) as client:
            records = {i: client.get(f"/v1/documents/{n}").json() for i, n in stored.items()}
    finally:
        server.stop()
    log = server.log.read_text(errors="replace")
    assert log.count("Application startup complete") == 2, log  # two workers served
    served = _partition({i: r["record"]["cluster_id"] for i, r in records.items()})
    assert served == _batch_partition(docs, tmp_path)
