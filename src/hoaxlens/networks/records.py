"""Frozen records of the networks stage: identifiers with evidence, pages, edges, networks."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum


class Strength(IntEnum):
    """How much one shared identifier says about two sites having one operator.

    ``STRONG``: an account that pays out or proves ownership (an ad publisher id, an
    analytics property, a site-verification token): shared alone, it links two sites.
    ``MEDIUM``: supports a link but never makes one alone (an author slug, a feed hosted on
    another site, a Facebook app id).
    ``WEAK``: shared by many unrelated sites (a theme, a plugin, a generator, a CDN, a
    server name, an IP address; any id found only in an HTML comment or in visible text):
    it only raises the confidence of a link made otherwise.
    """

    WEAK = 1
    MEDIUM = 2
    STRONG = 3


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """One identifier found in one page, with where it was found.

    ``offset`` is the character offset of the identifier in the page's HTML (-1 for a
    WARC header); ``tag`` the element it sat in (``script``, ``meta``, ``ins``, ``!--``
    for an HTML comment, ``#text`` for visible text, ``warc`` for a WARC header);
    ``context`` one of ``attribute``, ``script``, ``comment``, ``text``, ``header``.
    ``detail`` carries what does not identify but helps a reader (a theme's version).
    """

    kind: str
    value: str
    strength: Strength
    tag: str
    offset: int
    context: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class PageFingerprints:
    """Every identifier of one document, and the site it belongs to."""

    doc_id: str
    url: str | None
    domain: str | None
    fingerprints: tuple[Fingerprint, ...] = ()


@dataclass(frozen=True, slots=True)
class Sighting:
    """One identifier of one site, its strength there, and its first evidence."""

    kind: str
    value: str
    strength: Strength
    pages: int  # pages of the site that carry it
    doc_id: str  # the first page that does
    url: str | None
    tag: str
    offset: int
    context: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class DomainProfile:
    """What a site shows across its pages: identifiers (sorted by kind and value)."""

    domain: str
    pages: int
    sightings: tuple[Sighting, ...] = ()


@dataclass(frozen=True, slots=True)
class Shared:
    """An identifier two sites share, and the weight it gave their link."""

    kind: str
    value: str
    strength: Strength
    domains: int  # sites that carry it in the whole crawl
    weight: float
    corroborated: bool = False  # weighed as its operator's own account (``graph.corroborate``)


@dataclass(frozen=True, slots=True)
class Edge:
    """Two sites (``a < b``) joined or considered, with the confidence of one operator."""

    a: str
    b: str
    confidence: float
    shared: tuple[Shared, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class NetworkConfig:
    """The linking rule's settings (see ``networks.graph`` and the README).

    An identifier carried by more than ``soft_domains`` sites weighs
    ``soft_domains / domains`` of its strength; by more than ``hub_domains`` sites it is a
    hub and weighs nothing. Two sites are joined when the noisy-OR of their shared
    identifiers' weights reaches ``link_threshold`` and one of them is not weak.

    An identifier whose sites lie, for at least ``corroboration`` of them, in one network
    of the first pass, and otherwise only on sites standing alone, is that operator's own:
    undamped, it joins those sites to the network (``graph.corroborate``; ``None`` turns
    this off).
    """

    strong_weight: float = 0.97
    medium_weight: float = 0.6
    weak_weight: float = 0.15
    soft_domains: int = 30
    hub_domains: int = 150
    link_threshold: float = 0.9
    corroboration: float | None = 0.75

    def __post_init__(self) -> None:
        for name in ("strong_weight", "medium_weight", "weak_weight", "link_threshold"):
            if not 0.0 < getattr(self, name) < 1.0:
                raise ValueError(f"{name} must be in (0, 1)")
        if self.corroboration is not None and not 0.5 < self.corroboration <= 1.0:
            raise ValueError("corroboration must be in (0.5, 1] or None")
        if not 2 <= self.soft_domains <= self.hub_domains:
            raise ValueError("need 2 <= soft_domains <= hub_domains")

    def base_weight(self, strength: Strength) -> float:
        """The weight of an identifier of ``strength`` carried by few sites."""
        if strength is Strength.STRONG:
            return self.strong_weight
        if strength is Strength.MEDIUM:
            return self.medium_weight
        return self.weak_weight


DEFAULT_NETWORK_CONFIG = NetworkConfig()
