"""Template clustering on synthetic name swaps built from ../shared/data/viral_stories.

Every story becomes a group of copies: the original plus ``--copies`` variants in which the
people the story names are swapped for other celebrities of the corpus, ages and sums
changed, one sentence dropped or two sentences swapped, and every other copy obfuscated
(Cyrillic п for n, Greek υ for u, then de-obfuscated by hoaxlens.normalize as scan would).
Pairwise precision/recall count two documents as a true pair when they come from the same
story. Anchors from the issue (same kind of evaluation): pair recall 0.56 without masking,
0.87 with names masked. Also measured: docs/s end to end, µs/doc of the LSH stage alone
(band keys + buckets + verification + union-find), its growth with corpus size, and how
many cross-story pairs about the same celebrity were wrongly joined. Times are wall and CPU
(``time.process_time``): the machine is shared.

    python bench/cluster.py [--copies 3] [--scale 10000,100000,1000000] [--scale-only]

The scaling curve uses MinHash signatures generated directly as one ``uint32`` matrix
(groups of ~8 near-copies, ~40 of 128 values redrawn), not signatures of texts: the LSH
stage only sees the matrix, and 1M texts cannot be signed on this machine in a benchmark.

The multilingual case (issue 21; ``--multilingual-only`` runs it alone) clusters one short
story written for the project in English, Spanish, Portuguese, French, German, Italian and
Vietnamese (``bench/data/multilingual_swaps.json``), four copies per language with another
singer each, every other copy obfuscated as above: pair recall within each language, and
pairs joined across languages, with masking as shipped, with the people of ``find_people``
alone (the English recognizer, before issue 21), and without masking.

Texts are read from ../shared at run time and never written anywhere.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import re
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypeVar

import numpy as np

import hoaxlens.cluster.masking as masking_module
from hoaxlens.cluster import ClusterConfig, ClusterInput, cluster_documents
from hoaxlens.cluster.clusters import assign_clusters
from hoaxlens.cluster.fastlsh import cluster_rows
from hoaxlens.cluster.records import MaskedText
from hoaxlens.normalize import normalize_text
from hoaxlens.people import find_people

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "viral_stories" / "stories.jsonl"
T = TypeVar("T")
P = ParamSpec("P")
ANCHOR_RAW, ANCHOR_MASKED = 0.56, 0.87
MULTILINGUAL = Path(__file__).resolve().parent / "data" / "multilingual_swaps.json"


def load() -> list[dict]:
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]


def swap_people(text: str, people: tuple[str, ...], pool: list[str], rng: random.Random) -> str:
    for name in people:
        new = rng.choice([p for p in pool if p not in people])
        old_parts, new_parts = name.split(), new.split()
        text = text.replace(name, new)
        text = re.sub(rf"\b{re.escape(old_parts[0])}\b", new_parts[0], text)
        text = re.sub(rf"\b{re.escape(old_parts[-1])}\b", new_parts[-1], text)
    return text


def perturb(text: str, rng: random.Random) -> str:
    text = re.sub(r"\b\d{2}\b", lambda m: str(int(m.group()) + rng.randint(1, 9)), text)
    text = re.sub(r"\$[\d,]+", lambda m: f"${rng.randint(2, 90)},{rng.randint(100, 999)}", text)
    sentences = re.split(r"(?<=[.!?])\s+", text)
    if len(sentences) > 4:
        i = rng.randrange(1, len(sentences) - 1)
        if rng.random() < 0.5:
            del sentences[i]
        else:
            sentences[i], sentences[i + 1] = sentences[i + 1], sentences[i]
    return " ".join(sentences)


def obfuscate(text: str) -> str:
    return normalize_text(text.replace("n", "\u043f").replace("u", "\u03c5")).text


def build(copies: int, seed: int = 0) -> tuple[list[ClusterInput], dict[str, str], dict[str, str]]:
    rng = random.Random(seed)
    rows = load()
    docs, group, person = [], {}, {}
    found = [(r, find_people(r["text"], r.get("title") or "")) for r in rows]
    pool = sorted({p for _, ps in found for p in ps if len(p.split()) == 2})
    for row, people in found:
        base = f"{row['title']}\n{row['text']}" if row.get("title") else row["text"]
        variants = [base]
        for k in range(copies):
            text = perturb(swap_people(base, people, pool, rng), rng)
            variants.append(obfuscate(text) if k % 2 else text)
        for k, text in enumerate(variants):
            doc_id = f"{row['id']}~{k}"
            docs.append(ClusterInput(doc_id, text))
            group[doc_id] = row["id"]
            person[doc_id] = people[0] if people else ""
    return docs, group, person


def pair_scores(clusters: dict[str, str], group: dict[str, str]) -> tuple[float, float, int]:
    by_cluster, by_group = defaultdict(list), defaultdict(list)
    for doc_id, cid in clusters.items():
        by_cluster[cid].append(doc_id)
        by_group[group[doc_id]].append(doc_id)
    predicted = {tuple(sorted(p)) for m in by_cluster.values() for p in combinations(m, 2)}
    truth = {tuple(sorted(p)) for m in by_group.values() for p in combinations(m, 2)}
    hit = len(predicted & truth)
    precision = hit / len(predicted) if predicted else 1.0
    return precision, hit / len(truth), len(predicted - truth)


def same_person_joins(
    clusters: dict[str, str], group: dict[str, str], originals: dict[str, str]
) -> int:
    """Pairs of *original* stories (not copies) about one person that were joined."""
    by_person = defaultdict(list)
    for doc_id, who in originals.items():
        if who and doc_id.endswith("~0"):
            by_person[who].append(doc_id)
    return sum(
        clusters[a] == clusters[b]
        for ids in by_person.values()
        for a, b in combinations(ids, 2)
        if group[a] != group[b]
    )


def run_quality(copies: int) -> None:
    docs, group, person = build(copies)
    print(f"{len(docs)} documents: {len(set(group.values()))} stories x {copies + 1} copies\n")
    print(
        "| variant | pair precision | pair recall | anchor recall | wrong pairs "
        "| same-person stories joined | docs/s |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, config, anchor in (
        ("no masking", ClusterConfig(mask_slots=False), ANCHOR_RAW),
        ("typed-slot masking (default)", ClusterConfig(), ANCHOR_MASKED),
    ):
        start = time.perf_counter()
        out = cluster_documents(docs, config)
        elapsed = time.perf_counter() - start
        clusters = {a.doc_id: a.cluster_id for a in out}
        p, r, wrong = pair_scores(clusters, group)
        joined = same_person_joins(clusters, group, person)
        print(
            f"| {name} | {p:.3f} | {r:.3f} | {anchor:.2f} | {wrong} | {joined} "
            f"| {len(docs) / elapsed:,.0f} |"
        )


def multilingual_docs() -> list[ClusterInput]:
    """The multilingual case: ``{lang}-{k}`` copies, every other one obfuscated."""
    data = json.loads(MULTILINGUAL.read_text(encoding="utf-8"))
    docs = []
    for lang, template in data["templates"].items():
        for k, (name, short) in enumerate(data["singers"][lang]):
            text = template.format(name=name, short=short)
            docs.append(ClusterInput(f"{lang}-{k}", obfuscate(text) if k % 2 else text))
    return docs


@contextlib.contextmanager
def english_people_only() -> Iterator[None]:
    """Mask with the people of ``find_people`` alone (the recognizer before issue 21)."""
    saved = masking_module.international_names
    masking_module.international_names = lambda text, title="": ()
    try:
        yield
    finally:
        masking_module.international_names = saved


def multilingual_scores(docs: list[ClusterInput], config: ClusterConfig) -> tuple[dict, int]:
    """Pair recall within each language, and the pairs joined across languages."""
    clusters = {a.doc_id: a.cluster_id for a in cluster_documents(docs, config)}
    by_lang = defaultdict(list)
    for doc in docs:
        by_lang[doc.id.split("-")[0]].append(doc.id)
    recall = {
        lang: sum(clusters[a] == clusters[b] for a, b in combinations(ids, 2))
        / len(list(combinations(ids, 2)))
        for lang, ids in by_lang.items()
    }
    across = sum(
        clusters[a.id] == clusters[b.id]
        for a, b in combinations(docs, 2)
        if a.id.split("-")[0] != b.id.split("-")[0]
    )
    return recall, across


def run_multilingual() -> None:
    docs = multilingual_docs()
    langs = sorted({d.id.split("-")[0] for d in docs}, key=lambda x: (x != "en", x))
    print(f"\nMultilingual name swaps: {len(docs)} copies of one story in {len(langs)} languages\n")
    print(f"| masking | {' | '.join(langs)} | pairs joined across languages |")
    print(f"|---|{'---:|' * len(langs)}---:|")
    variants = (
        ("typed-slot masking (default)", ClusterConfig(), contextlib.nullcontext()),
        ("people of find_people only", ClusterConfig(), english_people_only()),
        ("no masking", ClusterConfig(mask_slots=False), contextlib.nullcontext()),
    )
    for name, config, context in variants:
        with context:
            recall, across = multilingual_scores(docs, config)
        cells = " | ".join(f"{recall[lang]:.2f}" for lang in langs)
        print(f"| {name} | {cells} | {across} |")


def synthetic_matrix(n: int, seed: int = 0, group: int = 8, changed: int = 40) -> np.ndarray:
    """``n`` MinHash signatures generated directly as one ``uint32`` matrix (no text).

    Groups of about ``group`` near-copies: each row is a random base with about ``changed``
    of its 128 positions redrawn (positions drawn with replacement). 512 MB at 1M rows.
    """
    rng = np.random.default_rng(seed)
    n_bases = max(1, n // group)
    bases = rng.integers(0, 2**32, (n_bases, 128), dtype=np.uint32)
    matrix = bases[rng.integers(0, n_bases, n)]
    for lo in range(0, n, 1 << 16):
        hi = min(n, lo + (1 << 16))
        rows = np.repeat(np.arange(lo, hi), changed)
        cols = rng.integers(0, 128, len(rows))
        matrix[rows, cols] = rng.integers(0, 2**32, len(rows), dtype=np.uint32)
    return matrix


def timed(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> tuple[T, float, float]:
    """Result, wall and CPU (``time.process_time``) seconds of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def run_scale(
    sizes: list[int], *, repeat: int = 3, records_up_to: int = 100_000, seed: int = 0
) -> None:
    """LSH-stage cost per document as the corpus grows (synthetic signature matrix).

    ``LSH stage``: ``fastlsh.cluster_rows`` on the matrix (band hashing and grouping, star
    edges, verification, components, similarity to the root), the stage ``assign_clusters``
    runs. ``assign_clusters``: the whole corpus half from ``dict[str, tuple]`` signatures
    (sorting the ids, tuples to matrix, ``ClusterAssignment`` records); up to
    ``records_up_to`` documents only, as 1M signatures as Python tuples take ~4.7 GB.
    The LSH stage is timed ``repeat`` times and the best wall and CPU times are kept;
    ``growth`` is its CPU µs/doc over that of the smallest size (1.00 is linear).
    """
    config = ClusterConfig()
    print(
        "\n| documents | LSH stage µs/doc (CPU) | (wall) | growth | clusters of 2+ "
        "| assign_clusters µs/doc (CPU) | (wall) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    first: float | None = None
    for n in sizes:
        matrix = synthetic_matrix(n, seed)  # copies at random rows: no locality to exploit
        runs = [
            timed(
                cluster_rows,
                matrix,
                bands=config.bands,
                rows=config.rows,
                threshold=config.threshold,
            )
            for _ in range(repeat)
        ]
        (roots, _), wall, cpu = runs[0][0], min(r[1] for r in runs), min(r[2] for r in runs)
        clustered = len(np.unique(roots[roots != np.arange(n)]))
        full = "– | –"
        if n <= records_up_to:
            order = np.random.default_rng(seed + 1).permutation(n)  # ids not in input order
            ids = [f"d{i:08d}" for i in order.tolist()]
            signatures = dict(zip(ids, map(tuple, matrix.tolist()), strict=True))
            masked = dict.fromkeys(ids, MaskedText("", ()))
            _, full_wall, full_cpu = timed(assign_clusters, masked, signatures, config)
            full = f"{full_cpu / n * 1e6:.1f} | {full_wall / n * 1e6:.1f}"
            del signatures, masked
        per_doc = cpu / n * 1e6
        first = first or per_doc
        print(
            f"| {n:,} | {per_doc:.2f} | {wall / n * 1e6:.2f} | {per_doc / first:.2f} "
            f"| {clustered:,} | {full} |"
        )
        del matrix, roots


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=3)
    parser.add_argument("--scale", default="10000,100000,1000000")
    parser.add_argument("--scale-only", action="store_true", help="skip the quality run")
    parser.add_argument("--repeat", type=int, default=3, help="LSH-stage runs per size (best)")
    parser.add_argument(
        "--multilingual-only", action="store_true", help="the multilingual case alone"
    )
    args = parser.parse_args()
    if args.multilingual_only:
        run_multilingual()
        return
    if not args.scale_only:
        if not DATA.exists():
            raise SystemExit(f"needs {DATA} (../shared beside the repository)")
        run_quality(args.copies)
        run_multilingual()
    if args.scale:
        run_scale([int(x) for x in args.scale.split(",")], repeat=args.repeat)


if __name__ == "__main__":
    main()
