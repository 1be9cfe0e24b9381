"""Campaign clustering: templates found across name swaps (pure functions, any adapter).

The pipeline, one pure function per step, so the local path and the Spark job (issue 8)
compute identical clusters from the same ``ClusterConfig``::

    masked = mask(text)                          # MaskedText(text, slot_fillers): people,
                                                 #   places, amounts, ages, dates → [SLOT]
    sh = shingles(masked, config.shingle_size)   # frozenset of lower-cased word 5-grams
    sig = signature(sh, config.seed, config.num_perm)   # tuple of uint32, SHA-1 based, () if empty
    keys = band_keys(sig, config.bands, config.rows)    # list[bytes], one per band
    # per bucket (all docs sharing a key), sorted ids m0 < m1 < …: edges (m0, mi) for every
    # mi with estimated_jaccard(sig[m0], sig[mi]) >= config.threshold   (bucket_edges)
    roots = connected_components(edges, nodes=all_ids)  # id → smallest id of its component
    cluster_id = cluster_key([roots[id]])        # "tpl-" + sha1(smallest id)[:12]

``cluster_documents(docs, config)`` runs it all and returns one ``ClusterAssignment`` per
input, in order; ``document_signature`` and ``assign_clusters`` are its per-document and
per-corpus halves. The template of a cluster is the masked text of its smallest id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

# The light parts (a command's settings build a ``ClusterConfig``) are imported here; the
# masking and the clustering itself on first use (PEP 562), so that reading the settings
# does not import the masking patterns and people (issue 18: start-up).
from hoaxlens.cluster.config import DEFAULT_CLUSTER_CONFIG, ClusterConfig
from hoaxlens.cluster.lsh import band_keys, bucket_edges, candidate_edges
from hoaxlens.cluster.records import (
    ClusterAssignment,
    ClusterInput,
    MaskedText,
    SlotFiller,
    cluster_text,
)
from hoaxlens.cluster.shingles import shingles
from hoaxlens.cluster.signatures import estimated_jaccard, signature
from hoaxlens.lazy import lazy_exports

if TYPE_CHECKING:
    from hoaxlens.cluster.clusters import (
        assign_clusters,
        cluster_documents,
        document_signature,
        masked_for,
    )
    from hoaxlens.cluster.components import cluster_key, connected_components
    from hoaxlens.cluster.masking import mask

# public name -> the module that defines it, imported on first use
_LAZY = {
    **dict.fromkeys(
        ("assign_clusters", "cluster_documents", "document_signature", "masked_for"),
        "hoaxlens.cluster.clusters",
    ),
    **dict.fromkeys(("cluster_key", "connected_components"), "hoaxlens.cluster.components"),
    "mask": "hoaxlens.cluster.masking",
}

__all__ = [
    "DEFAULT_CLUSTER_CONFIG",
    "ClusterAssignment",
    "ClusterConfig",
    "ClusterInput",
    "MaskedText",
    "SlotFiller",
    "assign_clusters",
    "band_keys",
    "bucket_edges",
    "candidate_edges",
    "cluster_documents",
    "cluster_key",
    "cluster_text",
    "connected_components",
    "document_signature",
    "estimated_jaccard",
    "mask",
    "masked_for",
    "shingles",
    "signature",
]


__getattr__, __dir__ = lazy_exports(__name__, _LAZY, globals(), __all__)
