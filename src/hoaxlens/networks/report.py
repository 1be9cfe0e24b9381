"""Networks joined with campaigns: the per-site record of ``hoaxlens networks``.

Which networks push which templates, and which templates cross networks (a sign of a shared
supplier of stories), come from one small input per story: its site, its label and its
template cluster (``StoryRef``), so the local command and the Spark job build the same
records from the same functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hoaxlens.networks.graph import corroborate, network_key

if TYPE_CHECKING:
    from collections.abc import Iterable

    from hoaxlens.networks.graph import Networks
    from hoaxlens.networks.records import DomainProfile, Edge

MAX_OTHER_DOMAINS = 50  # listed per shared identifier; the count says how many there are


@dataclass(frozen=True, slots=True)
class StoryRef:
    """One analysed story as the network view needs it."""

    domain: str
    fabricated: bool
    template: str | None  # its template cluster id, when the template has 2+ stories


@dataclass(frozen=True, slots=True)
class SiteStories:
    """A site's stories, fabricated ones, and templates (sorted)."""

    stories: int = 0
    fabricated: int = 0
    templates: tuple[str, ...] = ()


def site_stories(refs: Iterable[StoryRef]) -> dict[str, SiteStories]:
    """Per site: how many stories, how many fabricated, which templates."""
    counts: dict[str, list[int]] = {}
    templates: dict[str, set[str]] = {}
    for ref in refs:
        c = counts.setdefault(ref.domain, [0, 0])
        c[0] += 1
        c[1] += ref.fabricated
        if ref.template is not None:
            templates.setdefault(ref.domain, set()).add(ref.template)
    return {
        d: SiteStories(c[0], c[1], tuple(sorted(templates.get(d, ())))) for d, c in counts.items()
    }


def template_networks(
    stories: dict[str, SiteStories], roots: dict[str, str]
) -> dict[str, tuple[str, ...]]:
    """Template → the networks whose sites push it (sorted network ids)."""
    out: dict[str, set[str]] = {}
    for domain, site in stories.items():
        for template in site.templates:
            out.setdefault(template, set()).add(network_key(roots.get(domain, domain)))
    return {t: tuple(sorted(n)) for t, n in sorted(out.items())}


def _identifiers(profile: DomainProfile) -> list[dict[str, Any]]:
    return [
        {
            "kind": s.kind,
            "value": s.value,
            "strength": s.strength.name.lower(),
            "pages": s.pages,
            "evidence": {
                "doc_id": s.doc_id,
                "url": s.url,
                "tag": s.tag,
                "offset": s.offset,
                "context": s.context,
                **({"detail": s.detail} if s.detail else {}),
            },
        }
        for s in profile.sightings
    ]


def _links(networks: Networks, profile: DomainProfile) -> list[dict[str, Any]]:
    links: list[dict[str, Any]] = []
    for s in profile.sightings:
        sites = networks.sites_of[(s.kind, s.value)]
        if len(sites) < 2:
            continue
        others = sorted(d for d in sites if d != profile.domain)
        links.append(
            {
                "kind": s.kind,
                "value": s.value,
                "strength": s.strength.name.lower(),
                "domains": len(sites),
                "hub": len(sites) > networks.config.hub_domains,
                "other_domains": others[:MAX_OTHER_DOMAINS],
            }
        )
    links.sort(key=lambda x: (-_rank(x["strength"]), x["kind"], x["value"]))
    return links


def _rank(strength: str) -> int:
    return {"strong": 3, "medium": 2, "weak": 1}[strength]


def _neighbors(networks: Networks, edges: Iterable[Edge], domain: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = [
        {
            "domain": e.b if e.a == domain else e.a,
            "confidence": e.confidence,
            "linked": networks.linked(e),
            "shared": [
                {
                    "kind": s.kind,
                    "value": s.value,
                    "weight": s.weight,
                    "domains": s.domains,
                    **({"corroborated": True} if s.corroborated else {}),
                }
                for s in e.shared
            ],
        }
        for e in edges
    ]
    out.sort(key=lambda x: (-x["confidence"], x["domain"]))
    return out


def network_records(networks: Networks, stories: dict[str, SiteStories]) -> list[dict[str, Any]]:
    """One record per site (sorted by network, then domain), with campaigns joined.

    Sites seen only through stories (a post export with URLs but no HTML) get a record of
    their own, a network of one. Networks assembled from the first pass alone (as on
    Spark) are corroborated here first (``graph.corroborate``).
    """
    networks = corroborate(networks)
    roots = dict(networks.roots)
    for domain in stories:
        roots.setdefault(domain, domain)
    sizes: dict[str, int] = {}
    for root in roots.values():
        sizes[root] = sizes.get(root, 0) + 1
    crossing = template_networks(stories, roots)
    by_site: dict[str, list[Edge]] = {}
    for e in networks.edges:
        by_site.setdefault(e.a, []).append(e)
        by_site.setdefault(e.b, []).append(e)
    records = []
    for domain in sorted(roots, key=lambda d: (network_key(roots[d]), d)):
        profile = networks.profiles.get(domain)
        site = stories.get(domain, SiteStories())
        records.append(
            {
                "domain": domain,
                "network_id": network_key(roots[domain]),
                "network_size": sizes[roots[domain]],
                "links": [] if profile is None else _links(networks, profile),
                "neighbors": _neighbors(networks, by_site.get(domain, ()), domain),
                "stories": site.stories,
                "fabricated": site.fabricated,
                "templates": list(site.templates),
                "cross_network_templates": [t for t in site.templates if len(crossing[t]) > 1],
                "pages": 0 if profile is None else profile.pages,
                "identifiers": [] if profile is None else _identifiers(profile),
            }
        )
    return records
