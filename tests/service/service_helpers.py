"""Helpers shared by the service tests (the suite keeps a single conftest)."""

from __future__ import annotations

import json
import time
from pathlib import Path

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
