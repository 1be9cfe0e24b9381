"""Analyse a corpus once and cluster it: the shared input of cluster, report and exports."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hoaxlens.cluster import (
    DEFAULT_CLUSTER_CONFIG,
    ClusterAssignment,
    ClusterConfig,
    ClusterInput,
    cluster_documents,
)
from hoaxlens.cluster.paraphrase import DEFAULT_PARAPHRASE_THRESHOLD, merge_paraphrases
from hoaxlens.corpus.campaigns import Campaign, build_campaigns
from hoaxlens.corpus.items import StoryItem, item_from

if TYPE_CHECKING:
    from collections.abc import Iterable

    from hoaxlens.analyzer import Analyzer
    from hoaxlens.cluster.paraphrase import Embedder
    from hoaxlens.types import Failure, RawDocument


@dataclass(frozen=True, slots=True)
class Corpus:
    """Every input's story item (in input order), its cluster assignment, and campaigns.

    ``assignments[i]`` belongs to ``items[i]`` and is None for an error row.
    """

    items: tuple[StoryItem, ...]
    assignments: tuple[ClusterAssignment | None, ...]
    campaigns: tuple[Campaign, ...]


def cluster_items(
    items: Iterable[StoryItem],
    config: ClusterConfig = DEFAULT_CLUSTER_CONFIG,
    *,
    embedder: Embedder | None = None,
    paraphrase_threshold: float = DEFAULT_PARAPHRASE_THRESHOLD,
) -> Corpus:
    """Cluster the stories among ``items`` (error rows get no assignment).

    With an ``embedder``, the paraphrase pass then merges clusters whose representatives'
    embeddings reach ``paraphrase_threshold`` (``cluster.paraphrase``).
    """
    items = tuple(items)
    stories = [item for item in items if not item.is_error]
    assigned = cluster_documents((ClusterInput(s.id, s.cluster_text) for s in stories), config)
    if embedder is not None:
        texts = {a.doc_id: s.cluster_text for a, s in zip(assigned, stories, strict=True)}
        assigned = merge_paraphrases(assigned, texts, embedder, paraphrase_threshold)
    it = iter(assigned)
    assignments = tuple(None if item.is_error else next(it) for item in items)
    return Corpus(items, assignments, tuple(build_campaigns(items, assigned)))


def analyze_corpus(
    analyzer: Analyzer,
    documents: Iterable[RawDocument | Failure],
    config: ClusterConfig = DEFAULT_CLUSTER_CONFIG,
    *,
    embedder: Embedder | None = None,
    paraphrase_threshold: float = DEFAULT_PARAPHRASE_THRESHOLD,
) -> Corpus:
    """Analyse every document (failures become error rows), then cluster the stories."""
    items = (item_from(r) for r in analyzer.analyze_many(documents))
    return cluster_items(
        items, config, embedder=embedder, paraphrase_threshold=paraphrase_threshold
    )


def cluster_record(item: StoryItem, assigned: ClusterAssignment | None) -> dict[str, Any]:
    """The JSONL record ``hoaxlens cluster`` prints for one input document."""
    record: dict[str, Any] = {
        "id": item.id,
        "source": item.source,
        "url": item.url,
        "cluster_id": None,
        "cluster_size": None,
        "template": None,
        "slot_fillers": [],
        "similarity": None,
        "variant_id": None,
        "paraphrase_similarity": None,
        "people": list(item.people),
        "label": item.label,
        "score": None if item.score is None else round(item.score, 6),
        "error": None,
    }
    if item.error is not None:
        stage, error_type, message = item.error
        record["error"] = {"stage": stage, "type": error_type, "message": message}
        return record
    if assigned is not None:
        record.update(
            cluster_id=assigned.cluster_id,
            cluster_size=assigned.cluster_size,
            template=assigned.template,
            slot_fillers=[
                {"slot": f.slot, "value": f.value, "start": f.start, "end": f.end}
                for f in assigned.slot_fillers
            ],
            similarity=assigned.similarity,
            variant_id=assigned.variant_id,
            paraphrase_similarity=assigned.paraphrase_similarity,
        )
    return record
