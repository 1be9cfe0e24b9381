"""What the campaign page shows and exports, from a cluster's stored records.

Pure functions: the store hands over ``(DocumentSummary, record)`` pairs; here they become
the template with its slots, the variants side by side, and the corpus ``Campaign`` that
the CLI's exports are made from (``hoaxlens.exports``), so a campaign exported from the page
is the same document as one exported by ``hoaxlens report``/``export`` for those stories.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hoaxlens.cluster import ClusterAssignment, cluster_text, mask
from hoaxlens.corpus.campaigns import Campaign, build_campaigns
from hoaxlens.corpus.items import StoryItem, ai_evidence_of_record
from hoaxlens.exports import claimreview_json, stix_bundle
from hoaxlens.service.spreadsheet import inert_cell

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from hoaxlens.service.views import DocumentSummary

    Member = tuple[DocumentSummary, Mapping[str, Any]]

SLOT_KINDS = ("person", "place", "amount", "age", "date", "number")
MAX_VARIANTS = 50  # copies shown side by side (masking runs the people finder on each)
EXPORTS: dict[str, tuple[str, str]] = {  # format -> (media type, file suffix)
    "csv": ("text/csv; charset=utf-8", "csv"),
    "jsonl": ("application/x-ndjson", "jsonl"),
    "claimreview": ("application/ld+json", "claimreview.json"),
    "stix": ("application/stix+json;version=2.1", "stix.json"),
}
CSV_COLUMNS = (
    "document_id",
    "doc_id",
    "title",
    "url",
    "domain",
    "day",
    "verdict",
    "score",
    "analyst_label",
    "person",
    "people",
    "obfuscated",
    "cluster_id",
)


@dataclass(frozen=True, slots=True)
class TemplatePiece:
    """A run of the template: plain text, or a slot (``slot`` set) and what filled it."""

    text: str
    slot: str | None = None


@dataclass(frozen=True, slots=True)
class Variant:
    """One copy's fillers of each slot kind, in text order, distinct."""

    document_id: int
    title: str
    values: tuple[tuple[str, ...], ...]  # aligned with the page's slot kinds


@dataclass(frozen=True, slots=True)
class CampaignView:
    """The template with slots and the variants table."""

    pieces: tuple[TemplatePiece, ...]
    slot_kinds: tuple[str, ...]  # the kinds that some copy fills
    variants: tuple[Variant, ...]


def _text_of(record: Mapping[str, Any]) -> str:
    return cluster_text(record.get("title"), record.get("text") or "")


def campaign_view(members: Sequence[Member]) -> CampaignView:
    """The template (the smallest store id's masked text) and up to ``MAX_VARIANTS`` copies."""
    if not members:
        return CampaignView((), (), ())
    text = _text_of(members[0][1])
    masked = mask(text, members[0][1].get("title") or "")
    pieces: list[TemplatePiece] = []
    pos = 0
    for filler in masked.slot_fillers:
        if filler.start > pos:
            pieces.append(TemplatePiece(text[pos : filler.start]))
        pieces.append(TemplatePiece(filler.value, filler.slot))
        pos = filler.end
    if pos < len(text):
        pieces.append(TemplatePiece(text[pos:]))
    found: list[tuple[DocumentSummary, dict[str, list[str]]]] = []
    for summary, record in members[:MAX_VARIANTS]:
        values: dict[str, list[str]] = {}
        copy = _text_of(record)
        for f in mask(copy, record.get("title") or "").slot_fillers:
            bucket = values.setdefault(f.slot, [])
            if f.value not in bucket:
                bucket.append(f.value)
        found.append((summary, values))
    kinds = tuple(k for k in SLOT_KINDS if any(k in v for _, v in found))
    variants = tuple(
        Variant(s.id, s.title or s.doc_id, tuple(tuple(v.get(k, ())) for k in kinds))
        for s, v in found
    )
    return CampaignView(tuple(pieces), kinds, variants)


def story_item(summary: DocumentSummary, record: Mapping[str, Any]) -> StoryItem:
    """A stored document as the corpus exports read it.

    The label is the analyst's latest label when there is one, else the verdict's.
    """
    page = record.get("page") or {}
    replacements = (record.get("obfuscation") or {}).get("replacements") or ()
    return StoryItem(
        id=f"{summary.id:012d}",  # sorts as the store ids do: members[0] is the smallest
        source=record.get("source") or "",
        url=record.get("url"),
        domain=summary.domain,
        title=record.get("title") or "",
        text=record.get("text") or "",
        label=summary.latest_label or summary.label,
        score=summary.score,
        people=tuple(record.get("people") or ()),
        obfuscation_count=summary.obfuscated,
        lookalikes=tuple(sorted({f"{r['original']}→{r['replacement']}" for r in replacements})),
        published=page.get("published"),
        ai_evidence=ai_evidence_of_record(record),
    )


def corpus_campaign(cluster_id: str, members: Sequence[Member]) -> Campaign:
    """The ``Campaign`` of ``hoaxlens.corpus`` for a stored cluster (what exports take)."""
    items = [story_item(s, r) for s, r in members]
    template = mask(_text_of(members[0][1])).text if members else ""
    assignments = [
        ClusterAssignment(item.id, cluster_id, len(items), template, (), 1.0) for item in items
    ]
    (campaign,) = build_campaigns(items, assignments)
    return campaign


def export(fmt: str, cluster_id: str, members: Sequence[Member]) -> str:
    """The campaign as ``fmt``: csv, jsonl (the stored records), claimreview or stix.

    ClaimReview and STIX cover campaigns with a member labelled fabricated; for others
    they are an empty list and a bundle without a campaign. CSV text cells that a
    spreadsheet would run as a formula are written inert (``spreadsheet.inert_cell``).
    """
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for s, r in members:
            writer.writerow(
                [
                    s.id,
                    inert_cell(s.doc_id),
                    inert_cell(s.title),
                    inert_cell(s.url),
                    inert_cell(s.domain),
                    s.day or "",
                    s.label,
                    f"{s.score:.6f}",
                    s.latest_label or "",
                    inert_cell(s.person),
                    inert_cell("; ".join(r.get("people") or ())),
                    s.obfuscated,
                    s.cluster_id or "",
                ]
            )
        return out.getvalue()
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for _, r in members)
    campaign = corpus_campaign(cluster_id, members)
    if fmt == "claimreview":
        return claimreview_json([campaign])
    if fmt == "stix":
        return json.dumps(stix_bundle([campaign]), ensure_ascii=False, indent=2)
    raise ValueError(f"export format must be one of {', '.join(EXPORTS)}, got {fmt!r}")
