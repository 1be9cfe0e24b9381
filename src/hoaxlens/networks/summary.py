"""Per-network views of the per-site records: for the HTML report and the analyst dashboard.

``hoaxlens networks`` prints one record per site; a reader wants one entry per network:
its sites, the identifiers its sites share (each with the evidence of where it was found),
how confident its links are, and the templates it pushes. These functions take the
records (``network_records`` or the JSONL lines) and nothing else, so a page can be built
from a stored ``networks.jsonl`` as well as from a fresh run.

    summaries = network_summaries(records)              # largest network first
    page = summaries[offset : offset + limit]           # a page of them
    crossing = crossing_templates(records)              # templates of 2+ networks
    pushed_by = template_pushers(records)["c-1a2b…"]    # networks pushing one template
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence

MAX_EVIDENCE = 5  # sites whose evidence is listed per shared identifier


def _groups(records: Sequence[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        groups.setdefault(record["network_id"], []).append(record)
    return groups


def _evidence(record: dict[str, Any], kind: str, value: str) -> dict[str, Any] | None:
    for identifier in record.get("identifiers", ()):
        if identifier["kind"] == kind and identifier["value"] == value:
            return {"domain": record["domain"], "strength": identifier["strength"],
                    **identifier["evidence"]}  # fmt: skip
    return None


def _shared(sites: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Identifiers (medium or strong, not hubs) carried by 2+ sites of one network."""
    members = {s["domain"] for s in sites}
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for site in sites:
        for link in site["links"]:
            if link["strength"] == "weak" or link["hub"]:
                continue
            inside = members & {site["domain"], *link["other_domains"]}
            if len(inside) < 2:
                continue
            key = (link["kind"], link["value"])
            entry = found.setdefault(
                key,
                {"kind": link["kind"], "value": link["value"], "strength": link["strength"],
                 "sites": 0, "domains": link["domains"], "evidence": []},
            )  # fmt: skip
            entry["sites"] += 1
            if link["strength"] == "strong":
                entry["strength"] = "strong"
            evidence = _evidence(site, *key)
            if evidence is not None and len(entry["evidence"]) < MAX_EVIDENCE:
                entry["evidence"].append(evidence)
    rank = {"strong": 0, "medium": 1}
    return sorted(
        found.values(), key=lambda e: (rank[e["strength"]], -e["sites"], e["kind"], e["value"])
    )


def _confidence(sites: list[dict[str, Any]]) -> dict[str, float] | None:
    members = {s["domain"] for s in sites}
    values = [
        n["confidence"]
        for s in sites
        for n in s["neighbors"]
        if n["linked"] and n["domain"] in members
    ]
    if not values:
        return None
    return {"min": min(values), "max": max(values), "links": len(values) // 2}


def network_summaries(
    records: Sequence[dict[str, Any]], *, min_sites: int = 2
) -> list[dict[str, Any]]:
    """One entry per network of ``min_sites`` or more sites, largest first.

    Each: ``network_id``, ``size``, ``domains``, ``stories``, ``fabricated``, ``templates``,
    ``cross_network_templates``, ``confidence`` (``min``/``max`` over its links, and how
    many), and ``shared``: the identifiers 2+ of its sites carry, with ``kind``,
    ``value``, ``strength``, ``sites`` (in the network), ``domains`` (in the crawl) and
    ``evidence`` (up to five sites: the url, tag, offset and context where it was found).

    >>> network_summaries([])
    []
    """
    out = []
    for network_id, sites in _groups(records).items():
        if len(sites) < min_sites:
            continue
        sites = sorted(sites, key=lambda r: r["domain"])
        templates = sorted({t for s in sites for t in s["templates"]})
        crossing = sorted({t for s in sites for t in s["cross_network_templates"]})
        out.append(
            {
                "network_id": network_id,
                "size": len(sites),
                "domains": [s["domain"] for s in sites],
                "stories": sum(s["stories"] for s in sites),
                "fabricated": sum(s["fabricated"] for s in sites),
                "templates": templates,
                "cross_network_templates": crossing,
                "confidence": _confidence(sites),
                "shared": _shared(sites),
            }
        )
    out.sort(key=lambda n: (-n["size"], n["network_id"]))
    return out


def template_pushers(records: Sequence[dict[str, Any]]) -> dict[str, list[str]]:
    """Template cluster id → the networks whose sites push it (sorted)."""
    out: dict[str, set[str]] = {}
    for record in records:
        for template in record["templates"]:
            out.setdefault(template, set()).add(record["network_id"])
    return {t: sorted(n) for t, n in sorted(out.items())}


def crossing_templates(records: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Templates pushed by two or more networks (a sign of a shared supplier), most first.

    Each: ``template`` (its cluster id), ``networks`` and ``domains`` pushing it.
    """
    domains: dict[str, set[str]] = {}
    for record in records:
        for template in record["templates"]:
            domains.setdefault(template, set()).add(record["domain"])
    out = [
        {"template": t, "networks": nets, "domains": sorted(domains[t])}
        for t, nets in template_pushers(records).items()
        if len(nets) > 1
    ]
    out.sort(key=lambda x: (-len(x["networks"]), x["template"]))
    return out
