"""Union-find over candidate edges → clusters with deterministic ids."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable


def cluster_key(member_ids: Iterable[str]) -> str:
    """Id of a cluster: ``"tpl-"`` + 12 hex digits of SHA-1 of its smallest member id.

    >>> cluster_key(["b", "a"]) == cluster_key(["a"])
    True
    >>> cluster_key(["a"])
    'tpl-86f7e437faa5'
    """
    smallest = min(member_ids)
    return "tpl-" + hashlib.sha1(smallest.encode("utf-8"), usedforsecurity=False).hexdigest()[:12]


def connected_components(
    edges: Iterable[tuple[str, str]], nodes: Iterable[str] = ()
) -> dict[str, str]:
    """Map every node (from ``nodes`` and ``edges``) to the smallest id of its component.

    Union by smallest id, with path halving: the result does not depend on edge order.

    >>> connected_components([("c", "b"), ("b", "a")], nodes=["d"])
    {'d': 'd', 'c': 'a', 'b': 'a', 'a': 'a'}
    """
    parent: dict[str, str] = {n: n for n in nodes}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            low, high = (ra, rb) if ra < rb else (rb, ra)
            parent[high] = low
    return {n: find(n) for n in list(parent)}
