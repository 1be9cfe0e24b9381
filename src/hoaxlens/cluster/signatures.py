"""Seeded MinHash signatures (datasketch), identical in every process.

datasketch hashes each shingle with SHA-1 (not Python's randomized ``hash()``) and draws its
permutations from ``numpy.random.RandomState(seed)``, so a signature depends only on the
shingles, ``seed`` and ``num_perm``. The ``affine32`` scheme is pinned explicitly, so a
datasketch upgrade that changes its default cannot silently change signatures.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from datasketch import MinHash

SEED = 1
NUM_PERM = 128
SCHEME = "affine32"


@cache
def _template(seed: int, num_perm: int) -> MinHash:
    """One MinHash per parameter set, whose permutations every signature reuses."""
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, seed=seed, scheme=SCHEME)


def signature(
    shingles: Iterable[str], seed: int = SEED, num_perm: int = NUM_PERM
) -> tuple[int, ...]:
    """MinHash signature of a shingle set: ``num_perm`` unsigned 32-bit integers.

    The empty set has the empty signature (it matches nothing).

    >>> a = signature({"a b c", "b c d"})
    >>> len(a), a == signature(["b c d", "a b c"]), signature(set())
    (128, True, ())
    """
    from datasketch import MinHash

    encoded = sorted(s.encode("utf-8") for s in shingles)
    if not encoded:
        return ()
    base = _template(seed, num_perm)
    minhash = MinHash(num_perm=num_perm, seed=seed, scheme=SCHEME, permutations=base.permutations)
    minhash.update_batch(encoded)
    return tuple(int(v) for v in minhash.hashvalues)


def estimated_jaccard(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Share of equal positions: the MinHash estimate of Jaccard similarity.

    >>> estimated_jaccard((1, 2, 3, 4), (1, 2, 0, 4))
    0.75
    """
    if not a or len(a) != len(b):
        return 0.0
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)
