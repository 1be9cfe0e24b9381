"""The local path: read documents once, fingerprint the raw pages, analyse and cluster them.

Fingerprints are taken from each ``RawDocument`` as it passes on its way to the analyzer
(the markup is gone after extraction), so one read of the input feeds both.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hoaxlens.cluster import DEFAULT_CLUSTER_CONFIG
from hoaxlens.cluster.paraphrase import DEFAULT_PARAPHRASE_THRESHOLD
from hoaxlens.corpus import analyze_corpus
from hoaxlens.networks.fingerprints import fingerprint_document
from hoaxlens.networks.graph import find_networks
from hoaxlens.networks.records import DEFAULT_NETWORK_CONFIG
from hoaxlens.networks.report import StoryRef, network_records, site_stories
from hoaxlens.types import RawDocument

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping, Sequence

    from hoaxlens.analyzer import Analyzer
    from hoaxlens.cluster import ClusterAssignment, ClusterConfig
    from hoaxlens.cluster.paraphrase import Embedder
    from hoaxlens.corpus import Corpus, StoryItem
    from hoaxlens.networks.graph import Networks
    from hoaxlens.networks.hosting import HostingHints
    from hoaxlens.networks.records import NetworkConfig, PageFingerprints
    from hoaxlens.networks.report import SiteStories
    from hoaxlens.types import Failure


@dataclass(frozen=True, slots=True)
class NetworkReport:
    """Everything ``hoaxlens networks`` prints: networks, the corpus, per-site stories."""

    networks: Networks
    corpus: Corpus
    stories: dict[str, SiteStories]

    def records(self) -> list[dict[str, Any]]:
        """One record per site (see ``networks.report.network_records``)."""
        return network_records(self.networks, self.stories)


def fingerprint_stream(
    documents: Iterable[RawDocument | Failure],
    pages: list[PageFingerprints | None],
    hosting: Mapping[str, HostingHints] | None = None,
) -> Iterator[RawDocument | Failure]:
    """Pass ``documents`` on unchanged, appending each one's fingerprints to ``pages``.

    ``pages[i]`` belongs to the i-th item (None for an item that could not be read).
    """
    hosting = hosting or {}
    for item in documents:
        if isinstance(item, RawDocument):
            pages.append(fingerprint_document(item, hosting.get(item.id)))
        else:
            pages.append(None)
        yield item


def story_refs(
    items: Sequence[StoryItem],
    assignments: Sequence[ClusterAssignment | None],
    pages: Sequence[PageFingerprints | None],
) -> list[StoryRef]:
    """The stories of a corpus with their site (from the page's fingerprints)."""
    refs = []
    for item, assigned, page in zip(items, assignments, pages, strict=True):
        if item.is_error or page is None or page.domain is None:
            continue
        template = None
        if assigned is not None and assigned.cluster_size > 1:
            template = assigned.cluster_id
        refs.append(StoryRef(page.domain, item.label == "fabricated", template))
    return refs


def analyze_networks(
    analyzer: Analyzer,
    documents: Iterable[RawDocument | Failure],
    *,
    cluster_config: ClusterConfig = DEFAULT_CLUSTER_CONFIG,
    config: NetworkConfig = DEFAULT_NETWORK_CONFIG,
    hosting: Mapping[str, HostingHints] | None = None,
    embedder: Embedder | None = None,
    paraphrase_threshold: float = DEFAULT_PARAPHRASE_THRESHOLD,
) -> NetworkReport:
    """Fingerprint, analyse and cluster every document, then find the operator networks.

    ``embedder`` and ``paraphrase_threshold`` go to ``analyze_corpus`` (paraphrase merging).
    """
    pages: list[PageFingerprints | None] = []
    corpus = analyze_corpus(
        analyzer,
        fingerprint_stream(documents, pages, hosting),
        cluster_config,
        embedder=embedder,
        paraphrase_threshold=paraphrase_threshold,
    )
    refs = story_refs(corpus.items, corpus.assignments, pages)
    networks = find_networks((p for p in pages if p is not None), config)
    return NetworkReport(networks, corpus, site_stories(refs))
