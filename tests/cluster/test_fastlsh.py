"""The vectorized LSH stage gives exactly the clusters of the per-bucket Python path."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest

from hoaxlens.cluster import ClusterConfig, ClusterInput, document_signature, fastlsh
from hoaxlens.cluster.clusters import _assign_slow, assign_clusters
from hoaxlens.cluster.records import MaskedText

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "campaigns" / "campaigns.jsonl"


def _near_copies(n: int, seed: int, changed: int) -> dict[str, tuple[int, ...]]:
    """``n`` signatures: a few bases, each copy with ``changed`` random positions redrawn."""
    rng = random.Random(seed)  # noqa: S311 - test data, not cryptography
    bases = [tuple(rng.getrandbits(32) for _ in range(128)) for _ in range(max(1, n // 6))]
    out = {}
    for i in range(n):
        sig = list(rng.choice(bases))
        for j in rng.sample(range(128), changed):
            sig[j] = rng.getrandbits(4)  # small values: many accidental bucket collisions
        out[f"d{rng.randrange(10**6):06d}-{i}"] = tuple(sig)
    return out


def _same(signatures: dict[str, tuple[int, ...]], config: ClusterConfig) -> None:
    masked = {doc_id: MaskedText(doc_id, ()) for doc_id in signatures}
    assert assign_clusters(masked, signatures, config) == _assign_slow(masked, signatures, config)


@pytest.mark.parametrize("changed", [20, 60, 100], ids=["close", "mid", "far"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_fast_path_equals_reference_on_random_near_copies(seed: int, changed: int) -> None:
    _same(_near_copies(300, seed, changed), ClusterConfig())


@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.9])
def test_fast_path_equals_reference_on_the_campaign_fixture(threshold: float) -> None:
    rows = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]
    config = ClusterConfig(threshold=threshold)
    docs = [ClusterInput(r["id"], f"{r['title']}\n{r['text']}") for r in rows]
    signatures = {d.id: document_signature(d.text, config)[1] for d in docs}
    _same(signatures, config)


def test_empty_signatures_stay_alone_in_both_paths() -> None:
    signatures = {"a": (), "b": (), **_near_copies(20, 3, 10)}
    _same(signatures, ClusterConfig())
    masked = {doc_id: MaskedText("", ()) for doc_id in signatures}
    out = assign_clusters(masked, signatures)
    assert out["a"].cluster_size == 1
    assert out["a"].cluster_id != out["b"].cluster_id


def test_short_signatures_are_rejected() -> None:
    with pytest.raises(ValueError, match="shorter"):
        assign_clusters({"a": MaskedText("", ())}, {"a": (1, 2, 3)})


def _first_equal_row(values: np.ndarray) -> np.ndarray:
    """Reference ``bucket_heads``: the first row equal to each row."""
    _, first, inverse = np.unique(values, axis=0, return_index=True, return_inverse=True)
    return np.asarray(first[inverse.ravel()], dtype=np.int64)


@pytest.mark.parametrize("n", [0, 1, 7, 5_000, 40_000, 70_000])  # 40k and up: several parts
def test_bucket_heads_point_at_the_first_equal_row_at_every_size(n: int) -> None:
    rng = np.random.default_rng(n)
    values = rng.integers(0, 8, (n, 4), dtype=np.uint32)  # 4,096 distinct rows: big buckets
    values[1::5] = rng.integers(0, 2**32, (len(values[1::5]), 4), dtype=np.uint32)
    assert np.array_equal(fastlsh.bucket_heads(values), _first_equal_row(values))


@pytest.mark.parametrize("mask", [0, 0xF], ids=["all-collide", "many-collide"])
def test_hash_collisions_fall_back_to_exact_buckets(
    monkeypatch: pytest.MonkeyPatch, mask: int
) -> None:
    """Two different bands sharing a hash must not share a bucket."""
    exact = fastlsh.band_hash
    monkeypatch.setattr(fastlsh, "band_hash", lambda values: exact(values) & np.uint64(mask))
    same, other = tuple(range(128)), tuple(range(1, 129))
    _same({"a": same, "b": other, "c": same}, ClusterConfig())  # "b" sorts between the twins
    for seed in (0, 1):
        _same(_near_copies(300, seed, 60), ClusterConfig())


def test_hash_collisions_inside_a_part_fall_back_to_exact_buckets(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Past one part (2¹⁴ rows), a collision is caught in the part it lands in."""
    exact = fastlsh.band_hash
    keep = np.uint64(0xFF00_0000_0000_000F)  # top bits pick the part; 16 hashes per part
    monkeypatch.setattr(fastlsh, "band_hash", lambda values: exact(values) & keep)
    rng = np.random.default_rng(3)
    values = rng.integers(0, 64, (50_000, 4), dtype=np.uint32)
    assert np.array_equal(fastlsh.bucket_heads(values), _first_equal_row(values))
    _same(_near_copies(20_000, 5, 60), ClusterConfig())


def test_fast_path_equals_reference_on_a_corpus_larger_than_one_radix_part() -> None:
    _same(_near_copies(20_000, 4, 60), ClusterConfig())
