"""Vectorized LSH stage: the same buckets, edges and components as the pure-Python path.

Documents are row indices of one ``uint32`` signature matrix; ``rank`` orders them as their
ids sort as strings, so "smallest id" is "smallest rank". The work is linear in the number
of documents (for fixed ``bands`` and ``rows``), with no comparison sort of the corpus:

1. The matrix is copied once with its rows in rank order; each band's ``rows`` columns are
   then one contiguous ``n x rows`` block.
2. ``bucket_heads``: per band, ``band_hash`` mixes the ``rows`` values of each document
   into one 64-bit hash, and ``radix_order`` groups equal hashes by a radix sort (one stable
   pass on the top bits into cache-sized parts, then four stable passes over 16-bit digits
   per part; numpy sorts 16-bit keys with a radix sort), so each bucket's members lie side
   by side in rank order and its first member is its smallest id. Adjacent rows are compared
   on their exact values; when two different bands share a hash (about n²/2⁶⁵ per band),
   that band is grouped by an exact ``lexsort`` instead, so buckets are always exact.
3. ``star_edges``: the star edges ``(head, member)`` of every band, one column per band in an
   ``n x bands`` table, deduplicated per row (a sort of ``bands`` values per row), then
   verified in one vectorized comparison of signatures.
4. ``component_roots``: min-label propagation with pointer jumping.

``tests/cluster/test_fastlsh.py`` checks the result against ``bucket_edges`` +
``connected_components`` on random and fixture corpora, including forced hash collisions.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
U32Matrix = npt.NDArray[np.uint32]
U64Array = npt.NDArray[np.uint64]
_CHUNK = 1 << 16  # rows or pairs handled per step (bounds the temporary arrays)
_MIX = np.uint64(0x9E3779B97F4A7C15)
_DIGIT = np.uint64(0xFFFF)


def signature_matrix(signatures: list[tuple[int, ...]], width: int) -> U32Matrix:
    """``len(signatures) x width`` matrix; every signature must have ``width`` values."""
    return np.array(signatures, dtype=np.uint32).reshape(len(signatures), width)


def string_ranks(ids: list[str]) -> IntArray:
    """Rank of each id in sorted (string) order: smaller rank, smaller id."""
    order = sorted(range(len(ids)), key=ids.__getitem__)
    rank = np.empty(len(ids), dtype=np.int64)
    rank[np.asarray(order, dtype=np.int64)] = np.arange(len(ids), dtype=np.int64)
    return rank


def _inverse(rank: IntArray) -> IntArray:
    """Row of each rank: the inverse of the permutation ``rank`` of ``0..n-1``."""
    by_rank = np.empty(len(rank), dtype=np.int64)
    by_rank[rank] = np.arange(len(rank), dtype=np.int64)
    return by_rank


def band_hash(values: U32Matrix) -> U64Array:
    """A 64-bit mix of each row of ``values`` (one band: ``n x rows``); equal rows, equal hash."""
    with np.errstate(over="ignore"):
        mixed = values[:, 0].astype(np.uint64)
        for r in range(1, values.shape[1]):
            mixed = mixed * _MIX + values[:, r]
    return mixed


def _lsd_order(keys: U64Array) -> IntArray:
    """Stable order of 64-bit ``keys``: four stable passes over 16-bit digits."""
    order = np.arange(len(keys), dtype=np.int64)
    for shift in (0, 16, 32, 48):
        digit = ((keys[order] >> np.uint64(shift)) & _DIGIT).astype(np.uint16)
        order = order[np.argsort(digit, kind="stable")]
    return order


def radix_order(keys: U64Array) -> IntArray:
    """Stable order of 64-bit ``keys`` in linear time (``np.argsort(keys, kind="stable")``).

    One stable pass on the top bits splits the keys into about ``n / 2¹⁴`` parts, which are
    then sorted one by one (``_lsd_order``) while they fit in the processor's cache: the
    passes over the whole array would otherwise make every access a cache miss at 1M keys.
    """
    bits = min(16, (len(keys) >> 14).bit_length())
    if bits == 0:
        return _lsd_order(keys)
    top = (keys >> np.uint64(64 - bits)).astype(np.uint16)
    order = np.argsort(top, kind="stable")
    bounds = np.cumsum(np.bincount(top, minlength=1 << bits)).tolist()
    ordered = keys[order]
    lo = 0
    for hi in bounds:
        if hi - lo > 1:
            order[lo:hi] = order[lo:hi][_lsd_order(ordered[lo:hi])]
        lo = hi
    return order.astype(np.int64)


def bucket_heads(values: U32Matrix) -> IntArray:
    """Index of the first row equal to each row of ``values`` (one band, rows in rank order).

    Rows are grouped by ``band_hash`` with ``radix_order``; as the sort is stable, the first
    row of a group is the bucket's smallest id. Equal rows always share a hash; rows that
    share a hash but not their values (a collision) make the band fall back to an exact
    lexsort of the values.
    """
    order = radix_order(band_hash(values))
    band = values[order]
    new = np.empty(len(order), dtype=bool)
    new[:1] = True
    new[1:] = np.any(band[1:] != band[:-1], axis=1)
    keys = band_hash(band)
    if np.any(new[1:] & (keys[1:] == keys[:-1])):  # a hash shared by two different bands
        columns = [values[:, r] for r in range(values.shape[1] - 1, -1, -1)]
        order = np.lexsort(columns)  # exact and stable: rank order kept within a bucket
        band = values[order]
        new[1:] = np.any(band[1:] != band[:-1], axis=1)
    starts = np.flatnonzero(new)
    heads = np.empty(len(order), dtype=np.int64)
    heads[order] = order[starts[np.cumsum(new) - 1]]
    return heads


def star_edges(
    matrix: U32Matrix,
    rank: IntArray,
    *,
    bands: int,
    rows: int,
    threshold: float,
) -> tuple[IntArray, IntArray]:
    """Verified ``(head, member)`` row pairs of every bucket of every band, deduplicated."""
    n = len(rank)
    by_rank = _inverse(rank)  # row of each rank
    if n == 0 or bands == 0:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty
    ranked = matrix[by_rank, : bands * rows]  # rows in rank order: one sequential copy
    index_type = np.int32 if n < 2**31 else np.int64
    heads = np.empty((n, bands), dtype=index_type)  # by member rank; a row's own rank = none
    for b in range(bands):
        heads[:, b] = bucket_heads(np.ascontiguousarray(ranked[:, b * rows : (b + 1) * rows]))
    del ranked
    heads.sort(axis=1)
    own = np.arange(n, dtype=index_type)[:, None]
    keep = heads != own
    keep[:, 1:] &= heads[:, 1:] != heads[:, :-1]
    member_rank, column = np.nonzero(keep)
    head = by_rank[heads[member_rank, column]]
    member = by_rank[member_rank]
    del heads, keep, column
    width = matrix.shape[1]
    verified = np.empty(len(head), dtype=bool)
    for lo in range(0, len(head), _CHUNK):
        hi = lo + _CHUNK
        equal = np.count_nonzero(matrix[head[lo:hi]] == matrix[member[lo:hi]], axis=1)
        verified[lo:hi] = equal / width >= threshold
    return head[verified].astype(np.int64), member[verified].astype(np.int64)


def component_roots(rank: IntArray, head: IntArray, member: IntArray) -> IntArray:
    """Row index of the smallest-id node of each row's component."""
    by_rank = _inverse(rank)  # row of each rank
    label = rank.copy()
    while True:
        low = np.minimum(label[head], label[member])
        before = label.copy()
        np.minimum.at(label, head, low)
        np.minimum.at(label, member, low)
        label = label[by_rank[label]]  # pointer jumping: take my label's label
        if np.array_equal(label, before):
            return np.asarray(by_rank[label], dtype=np.int64)


def similarities(matrix: U32Matrix, roots: IntArray) -> npt.NDArray[np.float64]:
    """Estimated Jaccard similarity of each row to its root's row."""
    out = np.empty(len(roots), dtype=np.float64)
    for lo in range(0, len(roots), _CHUNK):
        hi = lo + _CHUNK
        equal = np.count_nonzero(matrix[lo:hi] == matrix[roots[lo:hi]], axis=1)
        out[lo:hi] = equal / matrix.shape[1]
    return out


def cluster_rows(
    matrix: U32Matrix, rank: IntArray, *, bands: int, rows: int, threshold: float
) -> tuple[IntArray, npt.NDArray[np.float64]]:
    """The whole LSH stage on a matrix: each row's root row and its similarity to it.

    ``rank`` must be a permutation of ``0..n-1`` (smaller rank, smaller id). This is what
    ``assign_clusters`` runs once the signatures are a matrix; benchmarks call it directly.
    """
    head, member = star_edges(matrix, rank, bands=bands, rows=rows, threshold=threshold)
    roots = component_roots(rank, head, member)
    return roots, similarities(matrix, roots)
