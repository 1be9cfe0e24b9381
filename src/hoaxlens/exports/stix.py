"""A STIX 2.1 bundle of template campaigns for CTI teams (plain JSON, no dependency).

Per template with a fabricated member: a ``campaign``; the DISARM techniques it shows as
``attack-pattern`` objects it ``uses``; each targeted person as an ``identity`` it
``targets``; each page address as an ``indicator`` (``[url:value = '…']``) that
``indicates`` it. Ids are UUIDv5 of stable keys, so re-exporting a corpus gives the same
ids; only the timestamps change. Tests validate the bundle with the ``stix2`` library.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from hoaxlens.corpus.campaigns import DISARM

if TYPE_CHECKING:
    from collections.abc import Iterable

    from hoaxlens.corpus.analyze import Corpus
    from hoaxlens.corpus.campaigns import Campaign

_NAMESPACE = uuid.UUID("5b0d3f8e-8d0c-4f57-9d54-6c6f1d2a7e61")  # hoaxlens' own, fixed


def _id(kind: str, key: str) -> str:
    return f"{kind}--{uuid.uuid5(_NAMESPACE, f'{kind}:{key}')}"


def _timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")[:-4] + "Z"


def _pattern_string(value: str) -> str:
    return value.replace("\\", "\\\\").replace("'", "\\'")


class _Builder:
    """Collects STIX objects once each, in a stable order."""

    def __init__(self, now: str) -> None:
        self.now = now
        self.objects: dict[str, dict[str, Any]] = {}
        self.tool = self.add("identity", "hoaxlens", name="hoaxlens", identity_class="system")

    def add(self, kind: str, key: str, **props: Any) -> str:  # noqa: ANN401 - STIX values
        object_id = _id(kind, key)
        if object_id not in self.objects:
            base = {"type": kind, "spec_version": "2.1", "id": object_id}
            stamps = {"created": self.now, "modified": self.now}
            if kind != "identity" or key != "hoaxlens":
                stamps["created_by_ref"] = _id("identity", "hoaxlens")
            self.objects[object_id] = {**base, **stamps, **props}
        return object_id

    def relate(self, source: str, kind: str, target: str) -> None:
        self.add(
            "relationship",
            f"{source}|{kind}|{target}",
            relationship_type=kind,
            source_ref=source,
            target_ref=target,
        )


def _campaign(builder: _Builder, campaign: Campaign) -> None:
    rep = campaign.representative
    props: dict[str, Any] = {
        "name": f"Story template: {(rep.title or rep.text)[:120]}",
        "description": (
            f"{campaign.size} stories of one template across name swaps "
            f"({campaign.fabricated} scored fabricated by automated triage). "
            f"Template: {campaign.template[:500]}"
        ),
        "external_references": [{"source_name": "hoaxlens", "external_id": campaign.cluster_id}],
    }
    if campaign.first_seen and campaign.last_seen:
        props["first_seen"] = f"{campaign.first_seen}T00:00:00Z"
        props["last_seen"] = f"{campaign.last_seen}T23:59:59Z"
    cid = builder.add("campaign", campaign.cluster_id, **props)
    for tag in campaign.disarm:
        ref = {"source_name": "DISARM", "external_id": tag}
        ap = builder.add("attack-pattern", tag, name=DISARM[tag], external_references=[ref])
        builder.relate(cid, "uses", ap)
    for person in campaign.people:
        who = builder.add("identity", f"person:{person}", name=person, identity_class="individual")
        builder.relate(cid, "targets", who)
    for url in sorted({m.url for m in campaign.members if m.url}):
        ind = builder.add(
            "indicator",
            f"url:{url}",
            name=f"Page of a fabricated-story template: {url}"[:250],
            indicator_types=["malicious-activity"],
            pattern=f"[url:value = '{_pattern_string(url)}']",
            pattern_type="stix",
            valid_from=builder.now,
        )
        builder.relate(ind, "indicates", cid)


def stix_bundle(campaigns: Iterable[Campaign], *, now: datetime | None = None) -> dict[str, Any]:
    """A STIX 2.1 bundle for every campaign with at least one fabricated member."""
    builder = _Builder(_timestamp(now or datetime.now(UTC)))
    keys = []
    for campaign in campaigns:
        if campaign.fabricated:
            _campaign(builder, campaign)
            keys.append(campaign.cluster_id)
    return {
        "type": "bundle",
        "id": _id("bundle", "|".join(keys)),
        "objects": list(builder.objects.values()),
    }


def stix_json(corpus: Corpus, *, now: datetime | None = None) -> str:
    """The bundle of a corpus' campaigns as JSON text."""
    return json.dumps(stix_bundle(corpus.campaigns, now=now), ensure_ascii=False, indent=2)
