"""schema.org ClaimReview JSON-LD drafts, one per fabricated template, for fact-checkers.

Each draft is marked as automated triage (``creativeWorkStatus: "Draft"``, an explicit
disclaimer, an ``author`` naming the tool): a person must review it before publication.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from hoaxlens.corpus.campaigns import DISARM

if TYPE_CHECKING:
    from collections.abc import Iterable

    from hoaxlens.corpus.campaigns import Campaign

TRIAGE_NOTE = (
    "AUTOMATED TRIAGE DRAFT produced by hoaxlens; not a fact-check until a person has "
    "reviewed the claim and the evidence."
)


def _appearances(campaign: Campaign) -> list[dict[str, Any]]:
    out = []
    for member in campaign.members:
        if member.url:
            work: dict[str, Any] = {"@type": "CreativeWork", "url": member.url}
            if member.title:
                work["headline"] = member.title
            if member.published:
                work["datePublished"] = member.published
            out.append(work)
    return out


def _review_body(campaign: Campaign) -> str:
    people = ", ".join(campaign.people) or "no named person"
    domains = ", ".join(campaign.domains) or "no known domain"
    tags = "; ".join(f"{t} {DISARM[t]}" for t in campaign.disarm)
    return (
        f"{campaign.size} copies of one story template ({campaign.fabricated} scored "
        f"fabricated) naming {people}, published on {domains}. DISARM: {tags}. {TRIAGE_NOTE}"
    )


def claimreview(campaign: Campaign) -> dict[str, Any]:
    """One ClaimReview draft for a template cluster."""
    rep = campaign.representative
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": campaign.cluster_id,
        "creativeWorkStatus": "Draft",
        "disambiguatingDescription": TRIAGE_NOTE,
        "claimReviewed": rep.title or rep.text[:200],
        "author": {"@type": "Organization", "name": "hoaxlens (automated triage)"},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": 1,
            "worstRating": 1,
            "bestRating": 5,
            "alternateName": "Fabricated (automated triage, needs review)",
        },
        "itemReviewed": {
            "@type": "Claim",
            "about": [{"@type": "Person", "name": p} for p in campaign.people],
            "appearance": _appearances(campaign),
            **({"datePublished": campaign.first_seen} if campaign.first_seen else {}),
        },
        "reviewBody": _review_body(campaign),
        "keywords": list(campaign.disarm),
    }


def claimreviews(campaigns: Iterable[Campaign]) -> list[dict[str, Any]]:
    """Drafts for every campaign with at least one member labelled fabricated."""
    return [claimreview(c) for c in campaigns if c.fabricated]


def claimreview_json(campaigns: Iterable[Campaign]) -> str:
    """The drafts as one JSON-LD array."""
    return json.dumps(claimreviews(campaigns), ensure_ascii=False, indent=2)
