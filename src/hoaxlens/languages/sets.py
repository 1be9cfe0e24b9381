"""Read the language bench sets: index files (no texts) joined with the cached texts.

The index files (``bench/sets/lang_<xx>.jsonl``) hold ids, labels, ``source_domain`` and a
SHA-256 of each text; the texts live in a cache outside the project
(``$HOAXLENS_BENCH_CACHE``, default ``~/.cache/hoaxlens/bench-sets``). An item whose cached
text is missing or does not match its digest is reported missing, never used.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from hoaxlens.languages.split import site_key, split_of


@dataclass(frozen=True, slots=True)
class SetItem:
    """One labelled item of a language set."""

    id: str
    lang: str
    label: int  # 1 fabricated
    text: str
    title: str | None
    site: str  # site key (registrable domain or network)
    half: str  # "tune" or "heldout", by site
    hard_negative: bool
    chars: int


def cache_dir() -> Path:
    """Where the bench sets' texts are read from."""
    default = Path.home() / ".cache" / "hoaxlens" / "bench-sets"
    return Path(os.environ.get("HOAXLENS_BENCH_CACHE", default))


def read_language_set(
    index: Path, cache: Path, *, half: str = "all"
) -> tuple[list[SetItem], list[str]]:
    """Items of one index file whose cached text matches its digest, and the missing ids.

    ``half`` picks ``tune``, ``heldout`` or ``all``; the half is decided from the index
    alone (the site), before any text is read.
    """
    rows = [json.loads(line) for line in index.read_text(encoding="utf-8").splitlines() if line]
    wanted = [r for r in rows if half == "all" or split_of(r["source_domain"]) == half]
    cached: dict[str, dict[str, str | None]] = {}
    if cache.exists():
        ids = {r["id"] for r in wanted}
        for line in cache.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row["id"] in ids:
                cached[row["id"]] = row
    items, missing = [], []
    for r in wanted:
        row = cached.get(r["id"])
        text = row.get("text") if row else None
        if not text or hashlib.sha256(text.encode()).hexdigest() != r["sha256"]:
            missing.append(r["id"])
            continue
        title = row.get("title") if row else None
        items.append(
            SetItem(
                id=r["id"],
                lang=str(r.get("lang") or r["id"].split("-")[0]),
                label=int(r["label"] == "fabricated"),
                text=text,
                title=title or None,
                site=site_key(r["source_domain"]),
                half=split_of(r["source_domain"]),
                hard_negative=bool(r.get("hard_negative")),
                chars=len(text),
            )
        )
    return items, missing
