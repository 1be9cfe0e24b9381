"""Helpers shared by the service tests (the suite keeps a single conftest)."""

from __future__ import annotations

import contextlib
import json
import os
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator

DATA = Path(__file__).resolve().parent / "data"
OBFUSCATED = (DATA / "obfuscated_story.txt").read_text(encoding="utf-8")
PLAIN = (DATA / "plain_story.txt").read_text(encoding="utf-8")


def swap_name(text: str, name: str) -> str:
    """The same template about someone else (what content farms do)."""
    return text.replace("Corina Lake", name).replace("Corina", name.split()[0])


def jsonl(records: list[dict[str, object]]) -> str:
    """Records as JSONL text."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def wait_for_job(client, url: str, timeout: float = 60.0) -> dict:
    """Poll a job's progress until it is done."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(url).json()
        if job["status"] == "done":
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {url} not done after {timeout}s: {job}")


def csrf_token(client) -> str:
    """The CSRF token a UI page gives this client (its cookie is kept by the client)."""
    page = client.get("/login")
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert found, page.text[:500]
    return found.group(1)


SERVICE_TABLES = (
    "users",
    "label_history",
    "notes",
    "document_search",
    "document_facts",
    "job_items",
    "labels",
    "people",
    "documents",
    "jobs",
    "sessions",
    "usage",
    "service_secrets",
    "alembic_version",
)


def reset_postgres(url: str) -> str:
    """Drop the service's tables in a throwaway PostgreSQL database; return the URL."""
    from sqlalchemy import text

    from hoaxlens.service.database import make_engine

    engine = make_engine(url)  # an unreachable server fails here, loudly: the URL was given
    with engine.begin() as conn:
        for table in SERVICE_TABLES:
            conn.execute(text(f"DROP TABLE IF EXISTS {table} CASCADE"))
    engine.dispose()
    return url


POSTGRES_URL = os.environ.get("HOAXLENS_TEST_POSTGRES_URL", "")
NO_POSTGRES = (
    "no PostgreSQL: set HOAXLENS_TEST_POSTGRES_URL=postgresql://user:pw@host/db "
    "(a throwaway database; .ci/run starts one)"
)
STORE_KINDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param(
        "postgresql",
        id="postgresql",
        marks=pytest.mark.skipif(not POSTGRES_URL, reason=NO_POSTGRES),
    ),
]


def store_url_for(kind: str, tmp_path: Path) -> str:
    """A fresh, empty store of ``kind`` ("sqlite" or "postgresql")."""
    if kind == "postgresql":
        return reset_postgres(POSTGRES_URL)
    return str(tmp_path / "store.db")


@contextlib.contextmanager
def running_server(app) -> Iterator[str]:
    """A real uvicorn server on a free loopback port, in a thread; yields its base URL."""
    import socket
    import threading

    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


# Debian's Chromium, as the browser tests drive it (Playwright, headless, no network).
CHROMIUM = Path(os.environ.get("HOAXLENS_TEST_CHROMIUM", "/usr/bin/chromium"))
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
