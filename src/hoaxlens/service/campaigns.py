"""Incremental campaign clustering for the service, on top of ``hoaxlens.cluster``.

``hoaxlens.cluster.cluster_documents`` clusters a whole corpus at once; the service gets
documents one at a time. ``ClusterIndex`` keeps the same LSH buckets and union-find in
memory and applies the same rule as ``bucket_edges`` (a document joins a bucket's smallest
member when their estimated Jaccard similarity reaches the threshold). Store ids grow, so a
new document is never a bucket's head unless the bucket is new: the result equals the batch
clustering of the stored documents. On start, the index is rebuilt from the signatures
saved in the store (no text is re-read).

Several processes may share one store (``uvicorn --workers N``, several hosts behind a
proxy): each keeps its own index, and before it clusters a new document it adds, in id
order, the documents the others stored since its ``last_id`` (``Store.add_document`` reads
them under the store's write lock). Every index thus sees the same ids in the same order
and reaches the same clusters; the store stays the one record of them.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from hoaxlens.cluster import (
    DEFAULT_CLUSTER_CONFIG,
    ClusterConfig,
    band_keys,
    cluster_key,
    document_signature,
    estimated_jaccard,
)

if TYPE_CHECKING:
    from collections.abc import Iterable


def cluster_name(root: int) -> str:
    """Cluster id of the cluster whose smallest store id is ``root``.

    >>> cluster_name(7)
    'tpl-721beb3ff3ff'
    """
    return cluster_key([f"{root:012d}"])


class ClusterIndex:
    """LSH buckets plus union-find over store ids; thread-safe."""

    def __init__(self, config: ClusterConfig = DEFAULT_CLUSTER_CONFIG) -> None:
        self.config = config
        self._lock = threading.Lock()
        self._buckets: dict[bytes, int] = {}  # band key -> smallest store id in the bucket
        self._signatures: dict[int, tuple[int, ...]] = {}
        self._parent: dict[int, int] = {}
        self._members: dict[int, list[int]] = {}  # root -> store ids of its cluster
        self._last = 0

    @property
    def last_id(self) -> int:
        """The largest store id added (0 when empty): what the store has beyond it is new."""
        return self._last

    def sign(self, text: str) -> tuple[int, ...]:
        """The MinHash signature of a document's (normalized) text."""
        return document_signature(text, self.config)[1]

    def load(self, items: Iterable[tuple[int, tuple[int, ...]]]) -> None:
        """Add stored ``(store id, signature)`` pairs in ascending id order."""
        for store_id, signature in items:
            self.add(store_id, signature)

    def add(self, store_id: int, signature: tuple[int, ...]) -> tuple[str, list[int]]:
        """Add a document; return its cluster id and the store ids whose cluster id changed.

        The changed ids are the new document's and, when it bridges clusters, those of the
        members of every cluster merged into the one with the smallest member (whose id the
        merged cluster keeps).
        """
        with self._lock:
            if store_id in self._parent:
                raise ValueError(f"store id {store_id} is in the cluster index already")
            self._last = max(self._last, store_id)
            self._signatures[store_id] = signature
            self._parent[store_id] = store_id
            self._members[store_id] = [store_id]
            moved = {store_id}
            for key in band_keys(signature, self.config.bands, self.config.rows):
                head = self._buckets.setdefault(key, store_id)
                if head != store_id and self._similar(head, store_id):
                    moved.update(self._union(head, store_id))
            return cluster_name(self._find(store_id)), sorted(moved)

    def _similar(self, a: int, b: int) -> bool:
        sim = estimated_jaccard(self._signatures[a], self._signatures[b])
        return sim >= self.config.threshold

    def _find(self, x: int) -> int:
        parent = self._parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def _union(self, a: int, b: int) -> list[int]:
        """Merge two clusters; return the members that joined the surviving one."""
        ra, rb = self._find(a), self._find(b)
        if ra == rb:
            return []
        keep, drop = min(ra, rb), max(ra, rb)
        self._parent[drop] = keep
        joined = self._members.pop(drop)
        self._members[keep].extend(joined)
        return joined
