"""Operator networks of documents already analysed and stored (the analyst service's hook).

The service keeps each input (``RawDocument``: the HTML with its markup), its verdict and
its template cluster. These functions need nothing else: no second analysis, no crawl.

    stories = [StoredStory(raw, label, cluster_id, cluster_size) for ... in store]
    records = stored_network_records(stories)          # one record per site
    page = network_page(records, offset=0, limit=20)   # a page of networks, largest first
    pushed_by = template_pushers(records).get(cluster_id, [])   # on a campaign page
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hoaxlens.networks.fingerprints import fingerprint_document
from hoaxlens.networks.graph import find_networks
from hoaxlens.networks.records import DEFAULT_NETWORK_CONFIG
from hoaxlens.networks.report import StoryRef, network_records, site_stories
from hoaxlens.networks.summary import crossing_templates, network_summaries
from hoaxlens.networks.svg import network_svg

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from hoaxlens.networks.hosting import HostingHints
    from hoaxlens.networks.records import NetworkConfig
    from hoaxlens.types import RawDocument

MAX_PAGE = 100  # networks a page may ask for


@dataclass(frozen=True, slots=True)
class StoredStory:
    """One stored document: its input, its verdict and its template cluster."""

    raw: RawDocument
    label: str | None = None  # "fabricated" | "uncertain" | "genuine"; None for an error row
    cluster_id: str | None = None
    cluster_size: int = 1


def stored_network_records(
    stories: Iterable[StoredStory],
    config: NetworkConfig = DEFAULT_NETWORK_CONFIG,
    hosting: Mapping[str, HostingHints] | None = None,
) -> list[dict[str, Any]]:
    """The per-site records of ``hoaxlens networks`` for stored documents.

    Templates are the clusters of two or more stories, as in the command; ``hosting``
    (by document id) adds WARC hosting hints when the store kept them.
    """
    hosting = hosting or {}
    pages = []
    refs = []
    for story in stories:
        page = fingerprint_document(story.raw, hosting.get(story.raw.id))
        pages.append(page)
        if story.label is None or page.domain is None:
            continue
        template = story.cluster_id if story.cluster_size > 1 else None
        refs.append(StoryRef(page.domain, story.label == "fabricated", template))
    return network_records(find_networks(pages, config), site_stories(refs))


def network_page(
    records: Sequence[dict[str, Any]], *, offset: int = 0, limit: int = 20
) -> dict[str, Any]:
    """One page of networks (largest first) with their picture, and the crossing templates.

    ``{"total", "offset", "limit", "networks": [network_summaries entries],
    "svg": the page's networks drawn offline, "sites", "alone", "crossing"}``.

    >>> network_page([])["total"]
    0
    """
    offset = max(0, offset)
    limit = min(max(1, limit), MAX_PAGE)
    summaries = network_summaries(records)
    shown = summaries[offset : offset + limit]
    ids = {n["network_id"] for n in shown}
    return {
        "total": len(summaries),
        "offset": offset,
        "limit": limit,
        "networks": shown,
        "svg": network_svg([r for r in records if r["network_id"] in ids]),
        "sites": len(records),
        "alone": sum(r["network_size"] == 1 for r in records),
        "crossing": crossing_templates(records),
    }
