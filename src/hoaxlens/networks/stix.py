"""Operator networks in the STIX 2.1 bundle: Infrastructure, Identity and domain objects.

Built on top of ``exports.stix.stix_bundle`` (its campaigns, identities and indicators are
kept byte for byte): for every network with a site that published a fabricated story, an
``infrastructure`` object (the network, its shared identifiers in the description), the
``domain-name`` of each site that it ``consists-of``, an ``identity`` for its (unattributed)
operator ``related-to`` it, and ``uses`` relationships from each template campaign its sites
push. Ids are UUIDv5 of stable keys, as in ``exports.stix``.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from hoaxlens.exports.stix import stix_bundle

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from hoaxlens.corpus.campaigns import Campaign

_NAMESPACE = uuid.UUID("0d1e6a52-3b9f-4c8e-a1f2-7c5d9e4b2a10")  # the networks view's own
_SCO_NAMESPACE = uuid.UUID("00abedb4-aa42-466c-9c01-fed23315a9b7")  # STIX 2.1 §2.9


def _id(kind: str, key: str) -> str:
    return f"{kind}--{uuid.uuid5(_NAMESPACE, f'{kind}:{key}')}"


def _domain_id(domain: str) -> str:
    return f"domain-name--{uuid.uuid5(_SCO_NAMESPACE, json.dumps({'value': domain}))}"


class _Objects:
    def __init__(self, base: dict[str, Any]) -> None:
        self.objects: dict[str, dict[str, Any]] = {o["id"]: o for o in base["objects"]}
        tool = next(o for o in base["objects"] if o["type"] == "identity")
        self.tool, self.now = tool["id"], tool["created"]
        self.campaigns = {
            ref["external_id"]: o["id"]
            for o in base["objects"]
            if o["type"] == "campaign"
            for ref in o.get("external_references", ())
        }

    def add(self, kind: str, key: str, **props: Any) -> str:  # noqa: ANN401 - STIX values
        object_id = _id(kind, key)
        if object_id not in self.objects:
            stamps = {"created": self.now, "modified": self.now, "created_by_ref": self.tool}
            self.objects[object_id] = {
                "type": kind, "spec_version": "2.1", "id": object_id, **stamps, **props
            }  # fmt: skip
        return object_id

    def relate(self, source: str, kind: str, target: str) -> None:
        self.add(
            "relationship",
            f"{source}|{kind}|{target}",
            relationship_type=kind,
            source_ref=source,
            target_ref=target,
        )


def _strong_links(sites: Sequence[dict[str, Any]]) -> list[str]:
    seen = sorted(
        {
            f"{link['kind']} {link['value']}"
            for site in sites
            for link in site["links"]
            if link["strength"] == "strong" and not link["hub"]
        }
    )
    return seen[:40]


def _network(objects: _Objects, network_id: str, sites: Sequence[dict[str, Any]]) -> None:
    shared = _strong_links(sites)
    description = (
        f"{len(sites)} sites joined by shared ad, analytics and site identifiers "
        f"({sum(s['stories'] for s in sites)} stories, {sum(s['fabricated'] for s in sites)} "
        "scored fabricated by automated triage). Shared strong identifiers: "
        + ("; ".join(shared) if shared else "none (a single site)")
    )
    infra = objects.add(
        "infrastructure",
        network_id,
        name=f"Operator network {network_id} ({len(sites)} sites)",
        description=description[:4000],
        infrastructure_types=["unknown"],
        external_references=[{"source_name": "hoaxlens", "external_id": network_id}],
    )
    operator = objects.add(
        "identity",
        f"operator:{network_id}",
        name=f"Unattributed operator of {network_id}",
        identity_class="unknown",
    )
    objects.relate(operator, "related-to", infra)
    for site in sites:
        domain_id = _domain_id(site["domain"])
        objects.objects.setdefault(
            domain_id,
            {
                "type": "domain-name",
                "spec_version": "2.1",
                "id": domain_id,
                "value": site["domain"],
            },
        )
        objects.relate(infra, "consists-of", domain_id)
    for template in sorted({t for s in sites for t in s["templates"]}):
        if template in objects.campaigns:
            objects.relate(objects.campaigns[template], "uses", infra)


def network_stix_bundle(
    records: Sequence[dict[str, Any]],
    campaigns: Iterable[Campaign],
    *,
    now: datetime | None = None,
) -> dict[str, Any]:
    """The campaign bundle plus every network with a fabricated story (see module doc)."""
    base = stix_bundle(campaigns, now=now or datetime.now(UTC))
    objects = _Objects(base)
    groups: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        groups.setdefault(record["network_id"], []).append(record)
    keys = []
    for network_id, sites in sorted(groups.items()):
        if any(s["fabricated"] for s in sites):
            _network(objects, network_id, sites)
            keys.append(network_id)
    return {
        "type": "bundle",
        "id": _id("bundle", base["id"] + "|" + "|".join(keys)),
        "objects": list(objects.objects.values()),
    }
