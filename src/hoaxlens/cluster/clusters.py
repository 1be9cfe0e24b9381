"""``cluster_documents``: mask → shingle → MinHash → LSH → union-find, linear in documents."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from hoaxlens.cluster.components import cluster_key, connected_components
from hoaxlens.cluster.config import DEFAULT_CLUSTER_CONFIG, ClusterConfig
from hoaxlens.cluster.lsh import candidate_edges
from hoaxlens.cluster.masking import mask
from hoaxlens.cluster.records import ClusterAssignment, ClusterInput, MaskedText
from hoaxlens.cluster.shingles import shingles
from hoaxlens.cluster.signatures import estimated_jaccard, signature

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable


def masked_for(text: str, config: ClusterConfig = DEFAULT_CLUSTER_CONFIG) -> MaskedText:
    """The masked text clustering compares (the text itself when masking is off)."""
    return mask(text) if config.mask_slots else MaskedText(text, ())


def document_signature(
    text: str, config: ClusterConfig = DEFAULT_CLUSTER_CONFIG
) -> tuple[MaskedText, tuple[int, ...]]:
    """Mask, shingle and sign one text: the per-document half of clustering."""
    masked = masked_for(text, config)
    sig = signature(shingles(masked, config.shingle_size), config.seed, config.num_perm)
    return masked, sig


def unique_ids(ids: Iterable[str]) -> list[str]:
    """Make ids unique by suffixing repeats with ``#2``, ``#3``… in input order.

    >>> unique_ids(["a", "b", "a"])
    ['a', 'b', 'a#2']
    """
    seen: Counter[str] = Counter()
    out = []
    for doc_id in ids:
        seen[doc_id] += 1
        out.append(doc_id if seen[doc_id] == 1 else f"{doc_id}#{seen[doc_id]}")
    return out


def assign_clusters(
    masked: dict[str, MaskedText],
    signatures: dict[str, tuple[int, ...]],
    config: ClusterConfig = DEFAULT_CLUSTER_CONFIG,
) -> dict[str, ClusterAssignment]:
    """The corpus half: LSH edges, components and one assignment per document.

    Vectorized (``fastlsh``) when every non-empty signature has the same length, which is
    always the case for signatures of one ``ClusterConfig``; the result equals the
    pure-Python ``candidate_edges`` + ``connected_components`` path, which mixed lengths use.
    """
    import numpy as np  # here, not at import: ``hoaxlens --help`` and ``scan`` never need it

    from hoaxlens.cluster.fastlsh import cluster_rows, signature_matrix

    signed = sorted(doc_id for doc_id, sig in signatures.items() if sig)  # rows in id order
    widths = {len(signatures[doc_id]) for doc_id in signed}
    if len(widths) > 1:
        return _assign_slow(masked, signatures, config)
    roots = {doc_id: doc_id for doc_id in signatures}
    similarity = dict.fromkeys(signatures, 1.0)
    if signed:
        (width,) = widths
        if width < config.bands * config.rows:
            raise ValueError(
                f"signature of {width} values is shorter than {config.bands}x{config.rows}"
            )
        matrix = signature_matrix([signatures[doc_id] for doc_id in signed], width)
        root_rows, values = cluster_rows(
            matrix, bands=config.bands, rows=config.rows, threshold=config.threshold
        )
        for row in np.flatnonzero(root_rows != np.arange(len(signed))).tolist():
            doc_id = signed[row]
            roots[doc_id] = signed[int(root_rows[row])]
            similarity[doc_id] = round(float(values[row]), 4)
    return _assignments(masked, roots, similarity)


def _assign_slow(
    masked: dict[str, MaskedText],
    signatures: dict[str, tuple[int, ...]],
    config: ClusterConfig,
) -> dict[str, ClusterAssignment]:
    """Reference path: per-bucket Python edges and union-find (any signature lengths)."""
    edges = candidate_edges(
        signatures, bands=config.bands, rows=config.rows, threshold=config.threshold
    )
    roots = connected_components(edges, nodes=signatures)
    similarity = {
        doc_id: 1.0
        if doc_id == root
        else round(estimated_jaccard(signatures[doc_id], signatures[root]), 4)
        for doc_id, root in roots.items()
    }
    return _assignments(masked, roots, similarity)


def _assignments(
    masked: dict[str, MaskedText], roots: dict[str, str], similarity: dict[str, float]
) -> dict[str, ClusterAssignment]:
    sizes = Counter(roots.values())
    keys = {root: cluster_key([root]) for root in sizes}
    return {
        doc_id: ClusterAssignment(
            doc_id=doc_id,
            cluster_id=keys[root],
            cluster_size=sizes[root],
            template=masked[root].text,
            slot_fillers=masked[doc_id].slot_fillers,
            similarity=similarity[doc_id],
        )
        for doc_id, root in roots.items()
    }


def cluster_documents(
    docs: Iterable[ClusterInput],
    config: ClusterConfig = DEFAULT_CLUSTER_CONFIG,
    *,
    progress: Callable[[int], None] | None = None,
) -> list[ClusterAssignment]:
    """Cluster documents into name-swap templates; one assignment per input, in order.

    Args:
        docs: the documents (ids should be unique; repeats get ``#2``, ``#3``…).
        config: shingling, MinHash and LSH parameters.
        progress: called with the number of documents signed so far, every 1,000.

    Returns:
        One ``ClusterAssignment`` per input document, in input order.

    >>> docs = [ClusterInput("a", "Dolly Parton quietly paid the debt of a stranger at a diner."),
    ...         ClusterInput("b", "Reba McEntire quietly paid the debt of a stranger at a diner."),
    ...         ClusterInput("c", "The city council approved a new budget for road repairs.")]
    >>> [(a.doc_id, a.cluster_size) for a in cluster_documents(docs)]
    [('a', 2), ('b', 2), ('c', 1)]
    """
    items = list(docs)
    ids = unique_ids(d.id for d in items)
    masked: dict[str, MaskedText] = {}
    signatures: dict[str, tuple[int, ...]] = {}
    for n, (doc_id, doc) in enumerate(zip(ids, items, strict=True), 1):
        masked[doc_id], signatures[doc_id] = document_signature(doc.text, config)
        if progress is not None and n % 1000 == 0:
            progress(n)
    assigned = assign_clusters(masked, signatures, config)
    return [assigned[doc_id] for doc_id in ids]
