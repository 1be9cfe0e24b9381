"""The service's incremental cluster index groups documents as batch clustering does.

``hoaxlens serve`` clusters each stored document as it arrives (``ClusterIndex.add``);
``hoaxlens cluster`` clusters a whole corpus at once (``cluster_documents``). An analyst
must see the same campaigns in both, whatever order the documents arrive in.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from hoaxlens.cluster import ClusterInput, cluster_documents, cluster_text
from hoaxlens.service.campaigns import ClusterIndex

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "campaigns" / "campaigns.jsonl"


def _texts() -> list[tuple[str, str]]:
    records = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]
    texts = [(r["id"], cluster_text(r.get("title") or "", r["text"])) for r in records]
    # name swaps of one story, the way a farm publishes them, so that clusters are large
    first_id, first = texts[0]
    for n, name in enumerate(("Reba McEntire", "Garth Brooks", "Blake Shelton")):
        texts.append((f"{first_id}-swap{n}", first.replace("Dolly Parton", name)))
    return texts


def _partition(groups: dict[str, list[str]]) -> set[frozenset[str]]:
    return {frozenset(members) for members in groups.values()}


def _batch_partition(texts: list[tuple[str, str]]) -> set[frozenset[str]]:
    groups: dict[str, list[str]] = {}
    for a in cluster_documents(ClusterInput(i, t) for i, t in texts):
        groups.setdefault(a.cluster_id, []).append(a.doc_id)
    return _partition(groups)


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_incremental_index_equals_batch_clustering(seed):
    texts = _texts()
    random.Random(seed).shuffle(texts)  # noqa: S311 - arrival order must not matter
    index = ClusterIndex()
    names: dict[str, str] = {}
    by_store_id: dict[int, str] = {}
    for store_id, (doc_id, text) in enumerate(texts, start=1):
        by_store_id[store_id] = doc_id
        cluster, moved = index.add(store_id, index.sign(text))
        names[doc_id] = cluster
        for other in moved:  # the service re-labels every document whose cluster merged
            names[by_store_id[other]] = cluster
    groups: dict[str, list[str]] = {}
    for doc_id, cluster in names.items():
        groups.setdefault(cluster, []).append(doc_id)
    incremental = _partition(groups)
    assert incremental == _batch_partition(texts)
    assert max(len(g) for g in incremental) >= 4  # the swaps did form a campaign
