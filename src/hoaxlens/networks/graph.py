"""Sites → operator networks: connected components over shared identifiers, hubs held back.

The rule, in the order it is applied (defaults in ``NetworkConfig``):

1. Per site, each identifier keeps its strongest sighting over the site's pages.
2. An identifier carried by ``n`` sites weighs ``base(strength)`` when ``n <= soft_domains``,
   ``base * soft_domains / n`` up to ``hub_domains``, and nothing above (a hub: an ad
   reseller's publisher id, a theme vendor's analytics id, a CDN). Between two sites the
   strength is the weaker of their two sightings (an id in one site's tags and in the other
   site's comments is medium).
3. Two sites are a candidate pair when they share an identifier of weight > 0 that is not
   weak; their confidence is the noisy-OR ``1 - prod(1 - w)`` of every identifier they share,
   weak ones included. So a theme, a CDN or a generator never joins two sites, however many
   of them agree, and a damped identifier needs another to agree with it. Weak identifiers
   tend to come together (a theme and its plugins, a host's IP and server name), so all of
   a pair's weak ones count as one piece of evidence, the heaviest.
4. A pair is linked when its confidence reaches ``link_threshold``; networks are the
   connected components of linked pairs, named after their smallest domain.
5. Corroboration (``corroborate``): an operator's own account is carried by its sites and
   nobody else's, so an identifier (not weak, not a hub) whose sites lie, for at least
   ``corroboration`` (3/4) of them, in one network of step 4, and otherwise only on sites
   standing alone, is taken as that network's own. Between a site standing alone and the
   network's sites it is no longer damped, and two such ids together (two author slugs)
   weigh as strong ones, so the stragglers join: sites that show only one of the
   operator's damped ids after a rotation, or only its author slugs. One corroborated
   medium id alone stays medium (a generic slug does not join a genuine site); a site
   claimed by two networks stays alone; two networks are never merged this way.

Every step is a pure function of plain values, so the Spark job (``spark.networks``) calls
the same ones and finds the same networks; step 5 runs on the first-pass networks, in
``network_records`` when it has not run yet (as for the networks Spark assembles).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from hoaxlens.cluster import connected_components
from hoaxlens.networks.records import (
    DEFAULT_NETWORK_CONFIG,
    DomainProfile,
    Edge,
    NetworkConfig,
    PageFingerprints,
    Shared,
    Sighting,
    Strength,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

Key = tuple[str, str]  # (kind, value)


def network_key(root: str) -> str:
    """Id of a network: ``"net-"`` + 12 hex digits of SHA-1 of its smallest domain.

    >>> network_key("a.example")
    'net-f4e610b835c8'
    """
    digest = hashlib.sha1(root.encode("utf-8"), usedforsecurity=False).hexdigest()
    return "net-" + digest[:12]


def domain_profiles(pages: Iterable[PageFingerprints]) -> dict[str, DomainProfile]:
    """One profile per site (pages without a site are left out), sorted by domain."""
    pages_of: dict[str, int] = {}
    best: dict[str, dict[Key, Sighting]] = {}
    for page in pages:
        if page.domain is None:
            continue
        pages_of[page.domain] = pages_of.get(page.domain, 0) + 1
        seen = best.setdefault(page.domain, {})
        for f in page.fingerprints:
            old = seen.get((f.kind, f.value))
            count = 1 if old is None else old.pages + 1
            if old is None or f.strength > old.strength:
                seen[(f.kind, f.value)] = Sighting(
                    f.kind, f.value, f.strength, count, page.doc_id, page.url,
                    f.tag, f.offset, f.context, f.detail,
                )  # fmt: skip
            else:
                seen[(f.kind, f.value)] = _recount(old, count)
    return {
        d: DomainProfile(d, pages_of[d], tuple(s for _, s in sorted(best[d].items())))
        for d in sorted(pages_of)
    }


def _recount(s: Sighting, pages: int) -> Sighting:
    return Sighting(
        s.kind, s.value, s.strength, pages, s.doc_id, s.url, s.tag, s.offset, s.context, s.detail
    )


def identifier_sites(profiles: Iterable[DomainProfile]) -> dict[Key, dict[str, Strength]]:
    """(kind, value) → the sites that carry it and its strength on each."""
    index: dict[Key, dict[str, Strength]] = {}
    for profile in profiles:
        for s in profile.sightings:
            index.setdefault((s.kind, s.value), {})[profile.domain] = s.strength
    return index


def identifier_weight(strength: Strength, sites: int, config: NetworkConfig) -> float:
    """Weight of one shared identifier carried by ``sites`` sites (0 for a hub).

    >>> from hoaxlens.networks.records import NetworkConfig, Strength
    >>> [identifier_weight(Strength.STRONG, n, NetworkConfig()) for n in (2, 60, 151)]
    [0.97, 0.485, 0.0]
    """
    if sites > config.hub_domains:
        return 0.0
    damping = 1.0 if sites <= config.soft_domains else config.soft_domains / sites
    return round(config.base_weight(strength) * damping, 6)


def identifier_pairs(
    kind: str, value: str, sites: dict[str, Strength], config: NetworkConfig
) -> Iterator[tuple[str, str, Shared]]:
    """Every pair ``(a < b)`` of sites sharing one identifier, with what it weighs for them."""
    n = len(sites)
    if n < 2 or n > config.hub_domains:
        return
    ordered = sorted(sites)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            strength = min(sites[a], sites[b])
            weight = identifier_weight(strength, n, config)
            if weight > 0:
                yield a, b, Shared(kind, value, strength, n, weight)


def edge_confidence(weights: Iterable[float]) -> float:
    """Noisy-OR of independent pieces of evidence, rounded to 6 places.

    >>> edge_confidence([0.97]), edge_confidence([0.6, 0.6, 0.15])
    (0.97, 0.864)
    """
    missing = 1.0
    for w in sorted(weights):
        missing *= 1.0 - w
    return round(1.0 - missing, 6)


def edge_from(a: str, b: str, shared: Iterable[Shared]) -> Edge | None:
    """The edge of a pair of sites, or None when everything they share is weak."""
    items = tuple(sorted(shared, key=lambda s: (-s.weight, s.kind, s.value)))
    strong = [s.weight for s in items if s.strength > Strength.WEAK]
    if not strong:
        return None
    weak = [s.weight for s in items if s.strength is Strength.WEAK]
    # Weak identifiers go together (a theme brings its plugins, a host its IP and server):
    # all of them count as one piece of evidence, the heaviest.
    return Edge(a, b, edge_confidence(strong + weak[:1]), items)


@dataclass(frozen=True, slots=True)
class Networks:
    """Sites, the pairs considered (with confidence) and the network of every site."""

    profiles: dict[str, DomainProfile]
    sites_of: dict[Key, dict[str, Strength]]
    edges: tuple[Edge, ...]  # every candidate pair, linked or not, sorted by (a, b)
    roots: dict[str, str]  # domain -> smallest domain of its network
    config: NetworkConfig
    corroborated: tuple[Key, ...] | None = None  # None: step 5 has not run (``corroborate``)

    def linked(self, edge: Edge) -> bool:
        """Whether ``edge`` joins its two sites."""
        return edge.confidence >= self.config.link_threshold

    @property
    def sizes(self) -> dict[str, int]:
        """Root → number of sites in its network."""
        out: dict[str, int] = {}
        for root in self.roots.values():
            out[root] = out.get(root, 0) + 1
        return out


def find_networks(
    pages: Iterable[PageFingerprints], config: NetworkConfig = DEFAULT_NETWORK_CONFIG
) -> Networks:
    """Group the sites of ``pages`` into operator networks (see the module docstring)."""
    profiles = domain_profiles(pages)
    sites_of = identifier_sites(profiles.values())
    shared: dict[tuple[str, str], list[Shared]] = {}
    for (kind, value), sites in sites_of.items():
        for a, b, item in identifier_pairs(kind, value, sites, config):
            shared.setdefault((a, b), []).append(item)
    edges = [e for (a, b), items in sorted(shared.items()) if (e := edge_from(a, b, items))]
    linked = [(e.a, e.b) for e in edges if e.confidence >= config.link_threshold]
    roots = connected_components(linked, nodes=profiles)
    return corroborate(Networks(profiles, sites_of, tuple(edges), roots, config))


def corroborated_identifiers(networks: Networks) -> dict[Key, str]:
    """Identifiers that are one first-pass network's own → that network's root (step 5).

    An identifier qualifies when it is not a hub, at least ``config.corroboration`` of the
    sites carrying it (weak sightings left out) and two or more lie in one network, and its
    other sites each stand alone. Identifiers with nothing to add (every site already in
    the network) are left out.
    """
    config = networks.config
    if config.corroboration is None:
        return {}
    sizes = networks.sizes
    out: dict[Key, str] = {}
    for key, sites in sorted(networks.sites_of.items()):
        if len(sites) > config.hub_domains:
            continue
        carriers = [d for d, strength in sites.items() if strength > Strength.WEAK]
        if len(carriers) < 3:
            continue
        by_root: dict[str, int] = {}
        for d in carriers:
            by_root[networks.roots[d]] = by_root.get(networks.roots[d], 0) + 1
        root, inside = max(by_root.items(), key=lambda kv: (kv[1], kv[0]))
        if inside < 2 or inside == len(carriers) or inside < config.corroboration * len(carriers):
            continue
        if all(sizes[r] == 1 for r in by_root if r != root):
            out[key] = root
    return out


def _corroborated_edge(edge: Edge, keys: set[Key] | None, config: NetworkConfig) -> Edge:
    """``edge`` scored again with its corroborated identifiers ``keys`` undamped.

    A strong one weighs as a strong id on few sites. A medium one (an author slug) does
    only beside a second corroborated id: alone it keeps its undamped medium weight, so
    one generic slug on an operator's sites and on a genuine site does not join them.
    """
    if not keys:
        return edge
    both = len(keys) > 1
    shared = []
    for s in edge.shared:
        if (s.kind, s.value) in keys:
            strength = Strength.STRONG if both or s.strength is Strength.STRONG else s.strength
            s = replace(s, weight=config.base_weight(strength), corroborated=True)
        shared.append(s)
    return edge_from(edge.a, edge.b, shared) or edge


def corroborate(networks: Networks) -> Networks:
    """Step 5 of the rule: attach sites standing alone to the network whose ids they carry.

    Runs once (a result has ``corroborated`` set and is returned as it is). Edges between a
    claimed site and the network's sites are scored again with the corroborated
    identifiers undamped (``_corroborated_edge``); no other edge changes, so networks only
    grow by sites that stood alone.
    """
    if networks.corroborated is not None:
        return networks
    owned = corroborated_identifiers(networks)
    claims: dict[str, set[str]] = {}
    for key, root in owned.items():
        for d, strength in networks.sites_of[key].items():
            if strength > Strength.WEAK and networks.roots[d] != root:
                claims.setdefault(d, set()).add(root)
    claimed = {d: next(iter(roots)) for d, roots in claims.items() if len(roots) == 1}
    upgrade: dict[tuple[str, str], set[Key]] = {}
    for key, root in owned.items():
        carriers = [d for d, s in networks.sites_of[key].items() if s > Strength.WEAK]
        members = [d for d in carriers if networks.roots[d] == root or claimed.get(d) == root]
        for d in members:
            if claimed.get(d) != root:
                continue
            for other in members:
                if other != d:
                    upgrade.setdefault((min(d, other), max(d, other)), set()).add(key)
    edges = [
        _corroborated_edge(e, upgrade.get((e.a, e.b)), networks.config) for e in networks.edges
    ]
    linked = [(e.a, e.b) for e in edges if e.confidence >= networks.config.link_threshold]
    roots = connected_components(linked, nodes=networks.profiles)
    return Networks(
        networks.profiles, networks.sites_of, tuple(edges), roots, networks.config,
        tuple(sorted(owned)),
    )  # fmt: skip


def same_network_pairs(roots: dict[str, str], domains: Sequence[str]) -> set[tuple[str, str]]:
    """Pairs ``(a < b)`` of ``domains`` put in one network (for benchmarks and tests)."""
    groups: dict[str, list[str]] = {}
    for d in sorted(domains):
        groups.setdefault(roots.get(d, d), []).append(d)
    return {(a, b) for g in groups.values() for i, a in enumerate(g) for b in g[i + 1 :]}
