"""What issue 21's name masking and body-language vote change, on English and language sets.

Two additions run on every document: ``hoaxlens.people.international`` adds names to the
cluster mask of a text that is not English, and ``hoaxlens.scope.body`` makes the scope gate
read the majority language's sentences when a text mixes languages. This counts, per corpus,
the documents where each fires and where its output differs from the behaviour without it:

- masks: ``mask(text, title)`` with and without the added names (English: should be none);
- scope: ``assess_scope(text, title, confidence=False)`` language and reason with and without
  the body vote (English: should be none; a mixed page may change, by design).

    python bench/languages_unchanged.py [--limit N]

Reads ../shared/data (English sets) and the language sets' cached texts (``bench/sets``,
``$HOAXLENS_BENCH_CACHE``); texts are never written anywhere.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import hoaxlens.cluster.masking as masking
import hoaxlens.people as people_package
import hoaxlens.scope.gate as gate
from hoaxlens.languages.sets import cache_dir, read_language_set
from hoaxlens.people.international import international_names
from hoaxlens.scope.body import body_sample
from hoaxlens.scope.clean import clean_text

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
ENGLISH = {
    "viral_stories": SHARED / "viral_stories" / "stories.jsonl",
    "GossipCop (FNN)": SHARED / "gossipcop_fnn" / "gossipcop_fulltext.jsonl",
    "LLM-fake GossipCop": SHARED / "llmfake_gossipcop" / "llmfake_gossipcop.jsonl",
    "Perez-Rosas celebrity": SHARED / "celebrity_perezrosas" / "celebrity.jsonl",
    "Perez-Rosas FakeNewsAMT": SHARED / "celebrity_perezrosas" / "fakenewsamt.jsonl",
}
LANGS = ("es", "pt", "fr", "de", "it", "vi")


def english_rows(path: Path, limit: int) -> list[tuple[str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines()[: limit or None]:
        record = json.loads(line)
        rows.append((record.get("text") or "", record.get("title") or ""))
    return rows


def language_rows(limit: int) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for lang in LANGS:
        index = ROOT / "bench" / "sets" / f"lang_{lang}.jsonl"
        items, _ = read_language_set(index, cache_dir() / f"lang_{lang}.jsonl")
        rows += [(item.text, item.title or "") for item in items[: limit or None]]
    return rows


def mask_without_added_names(text: str, title: str) -> str:
    # the mask reads hoaxlens.people.find_all_people, which adds international_names
    saved = people_package.international_names
    people_package.international_names = lambda text, title="": ()
    try:
        return masking.mask(text, title).text
    finally:
        people_package.international_names = saved


def scope_without_body_vote(text: str, title: str) -> tuple[str | None, object]:
    saved = gate.body_sample
    gate.body_sample = lambda text, limit: None
    try:
        scope = gate.assess_scope(text, title, confidence=False)
    finally:
        gate.body_sample = saved
    return scope.lang, scope.reason


def measure(rows: list[tuple[str, str]]) -> dict[str, float]:
    named = masks_changed = mixed = scope_changed = 0
    vote_seconds = 0.0
    for text, title in rows:
        if international_names(text, title):
            named += 1
            if masking.mask(text, title).text != mask_without_added_names(text, title):
                masks_changed += 1
        prose = clean_text(text[:4000]).text  # the gate cleans the text anyway
        start = time.process_time()
        body = body_sample(prose, 600)
        vote_seconds += time.process_time() - start
        if body is not None:
            mixed += 1
            scope = gate.assess_scope(text, title, confidence=False)
            if (scope.lang, scope.reason) != scope_without_body_vote(text, title):
                scope_changed += 1
    return {
        "docs": len(rows),
        "named": named,
        "masks_changed": masks_changed,
        "mixed": mixed,
        "scope_changed": scope_changed,
        "vote_us": vote_seconds / max(1, len(rows)) * 1e6,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="documents per file (0: all)")
    args = parser.parse_args()
    print(
        "| corpus | documents | names added | masks changed | vote mixed | scope changed "
        "| body vote µs/doc (CPU) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    corpora = {name: path for name, path in ENGLISH.items() if path.exists()}
    for name, path in corpora.items():
        r = measure(english_rows(path, args.limit))
        print(
            f"| {name} | {r['docs']:,} | {r['named']} | {r['masks_changed']} | {r['mixed']} "
            f"| {r['scope_changed']} | {r['vote_us']:.0f} |"
        )
    rows = language_rows(args.limit)
    if rows:
        r = measure(rows)
        print(
            f"| language sets (es pt fr de it vi) | {r['docs']:,} | {r['named']} "
            f"| {r['masks_changed']} | {r['mixed']} | {r['scope_changed']} "
            f"| {r['vote_us']:.0f} |"
        )


if __name__ == "__main__":
    main()
