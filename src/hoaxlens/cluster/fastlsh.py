"""Vectorized LSH stage: the same buckets, edges and components as the pure-Python path.

Documents become row indices of one ``uint32`` signature matrix; ``rank`` orders them as
their ids sort as strings, so "smallest id" is "smallest rank". Rows are put in id order
once; per band, a stable sort on a 64-bit mix of the band's values puts each bucket's
members side by side, smallest id first (the exact values are sorted instead when two
different bands share a mix). The star edges ``(head, member)`` come out as two index
arrays, are verified in one vectorized comparison, and components are found by min-label
propagation with pointer jumping. ``tests/cluster/test_fastlsh.py`` checks the result
against ``bucket_edges`` + ``connected_components`` on random and fixture corpora.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
_CHUNK = 1 << 16  # pairs verified per step (bounds the temporary boolean matrix)


def signature_matrix(signatures: list[tuple[int, ...]], width: int) -> npt.NDArray[np.uint32]:
    """``len(signatures) x width`` matrix; every signature must have ``width`` values."""
    return np.array(signatures, dtype=np.uint32).reshape(len(signatures), width)


def string_ranks(ids: list[str]) -> IntArray:
    """Rank of each id in sorted (string) order: smaller rank, smaller id."""
    order = sorted(range(len(ids)), key=ids.__getitem__)
    rank = np.empty(len(ids), dtype=np.int64)
    rank[np.asarray(order, dtype=np.int64)] = np.arange(len(ids), dtype=np.int64)
    return rank


def _band_order(cols: npt.NDArray[np.uint32]) -> tuple[IntArray, npt.NDArray[np.bool_]]:
    """Rows grouped by band value (stable, so rank order within a group) and group starts.

    Sorts one 64-bit mix of the band's values; when two different bands share a mix (a
    collision, about n²/2⁶⁴), sorts the exact values instead, so buckets are always exact.
    """
    mixed = cols[:, 0].astype(np.uint64)
    for r in range(1, cols.shape[1]):
        mixed = mixed * np.uint64(0x9E3779B97F4A7C15) + cols[:, r]
    order = np.argsort(mixed, kind="stable")
    ordered = mixed[order]
    new = np.empty(len(order), dtype=bool)
    new[:1] = True
    new[1:] = ordered[1:] != ordered[:-1]
    same = np.flatnonzero(~new)
    if len(same) and np.any(cols[order[same]] != cols[order[same - 1]]):
        keys = [cols[:, r] for r in range(cols.shape[1] - 1, -1, -1)]
        order = np.lexsort(keys)  # lexsort is stable: rank order kept within a bucket
        band = cols[order]
        new[1:] = np.any(band[1:] != band[:-1], axis=1)
    return order.astype(np.int64), new


def star_edges(
    matrix: npt.NDArray[np.uint32],
    rank: IntArray,
    *,
    bands: int,
    rows: int,
    threshold: float,
) -> tuple[IntArray, IntArray]:
    """Verified ``(head, member)`` row pairs of every bucket of every band, deduplicated."""
    by_rank = np.argsort(rank)
    sorted_matrix = matrix[by_rank]  # rows in id order: stable sorts keep buckets id-ordered
    heads: list[IntArray] = []
    members: list[IntArray] = []
    with np.errstate(over="ignore"):
        for b in range(bands):
            order, new = _band_order(sorted_matrix[:, b * rows : (b + 1) * rows])
            start = np.flatnonzero(new)
            group_head = order[start[np.cumsum(new) - 1]]
            heads.append(group_head[~new])
            members.append(order[~new])
    if not heads:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty
    n = np.int64(len(rank))
    pair = np.unique(np.concatenate(heads) * n + np.concatenate(members))
    head, member = by_rank[pair // n], by_rank[pair % n]
    width = matrix.shape[1]
    keep = np.empty(len(pair), dtype=bool)
    for lo in range(0, len(pair), _CHUNK):
        hi = lo + _CHUNK
        equal = np.count_nonzero(matrix[head[lo:hi]] == matrix[member[lo:hi]], axis=1)
        keep[lo:hi] = equal / width >= threshold
    return head[keep].astype(np.int64), member[keep].astype(np.int64)


def component_roots(rank: IntArray, head: IntArray, member: IntArray) -> IntArray:
    """Row index of the smallest-id node of each row's component."""
    by_rank = np.argsort(rank)  # row of each rank
    label = rank.copy()
    while True:
        low = np.minimum(label[head], label[member])
        before = label.copy()
        np.minimum.at(label, head, low)
        np.minimum.at(label, member, low)
        label = label[by_rank[label]]  # pointer jumping: take my label's label
        if np.array_equal(label, before):
            return np.asarray(by_rank[label], dtype=np.int64)


def similarities(matrix: npt.NDArray[np.uint32], roots: IntArray) -> npt.NDArray[np.float64]:
    """Estimated Jaccard similarity of each row to its root's row."""
    out = np.empty(len(roots), dtype=np.float64)
    for lo in range(0, len(roots), _CHUNK):
        hi = lo + _CHUNK
        equal = np.count_nonzero(matrix[lo:hi] == matrix[roots[lo:hi]], axis=1)
        out[lo:hi] = equal / matrix.shape[1]
    return out
