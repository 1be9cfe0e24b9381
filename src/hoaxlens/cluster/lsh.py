"""LSH banding: signatures → band keys → verified candidate edges, linear in documents."""

from __future__ import annotations

import struct
from collections import defaultdict
from typing import TYPE_CHECKING

from hoaxlens.cluster.signatures import estimated_jaccard

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

BANDS = 32
ROWS = 4


def band_keys(signature: Sequence[int], bands: int = BANDS, rows: int = ROWS) -> list[bytes]:
    """One bucket key per band: the band index (2 bytes) and its ``rows`` values (4 bytes each).

    Keys are plain bytes, equal across processes and machines.

    >>> [key.hex() for key in band_keys((1, 2, 3, 4), bands=2, rows=2)]
    ['00000000000100000002', '00010000000300000004']
    """
    if not signature:
        return []
    if len(signature) < bands * rows:
        raise ValueError(f"signature of {len(signature)} values is shorter than {bands}x{rows}")
    fmt = f">H{rows}I"
    return [struct.pack(fmt, b, *signature[b * rows : (b + 1) * rows]) for b in range(bands)]


def bucket_edges(
    members: Sequence[str], signatures: dict[str, tuple[int, ...]], threshold: float
) -> Iterator[tuple[str, str]]:
    """Edges of one bucket: its smallest id to every other member similar enough.

    The star from the smallest id (not all pairs) keeps a bucket's cost linear; a pair
    missed here is still joined through the representative when both resemble it.
    """
    ordered = sorted(set(members))
    head = ordered[0]
    for other in ordered[1:]:
        if estimated_jaccard(signatures[head], signatures[other]) >= threshold:
            yield head, other


def candidate_edges(
    signatures: dict[str, tuple[int, ...]],
    *,
    bands: int = BANDS,
    rows: int = ROWS,
    threshold: float = 0.5,
) -> Iterator[tuple[str, str]]:
    """Group documents by band key and yield the verified edges of every bucket."""
    buckets: defaultdict[bytes, list[str]] = defaultdict(list)
    for doc_id, sig in signatures.items():
        for key in band_keys(sig, bands, rows):
            buckets[key].append(doc_id)
    for members in buckets.values():
        if len(members) > 1:
            yield from bucket_edges(members, signatures, threshold)
