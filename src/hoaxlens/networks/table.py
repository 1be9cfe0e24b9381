"""The terminal view of ``hoaxlens networks``: one block per network, then shared templates."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence

MAX_SITES = 8
MAX_IDS = 4


def _shared_ids(sites: Sequence[dict[str, Any]]) -> list[str]:
    members = {s["domain"] for s in sites}
    counts: dict[str, int] = {}
    for site in sites:
        for link in site["links"]:
            inside = members & {site["domain"], *link["other_domains"]}
            if link["strength"] != "weak" and not link["hub"] and len(inside) > 1:
                counts[f"{link['kind']} {link['value']}"] = len(inside)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [f"{name} ({n} sites)" for name, n in ranked[:MAX_IDS]]


def network_table(records: Sequence[dict[str, Any]]) -> str:
    """Networks largest first (sites alone summed up in one line), then crossing templates.

    >>> print(network_table([]))
    no sites
    """
    if not records:
        return "no sites"
    groups: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        groups.setdefault(record["network_id"], []).append(record)
    ordered = sorted(groups.items(), key=lambda g: (-len(g[1]), g[0]))
    lines = []
    alone = [sites[0] for _, sites in ordered if len(sites) == 1]
    for network_id, sites in ordered:
        if len(sites) == 1:
            continue
        stories = sum(s["stories"] for s in sites)
        fabricated = sum(s["fabricated"] for s in sites)
        templates = sorted({t for s in sites for t in s["templates"]})
        lines.append(
            f"{network_id}  {len(sites)} sites  {stories} stories  {fabricated} fabricated  "
            f"{len(templates)} templates"
        )
        shared = _shared_ids(sites)
        lines.append("  shared: " + ("; ".join(shared) if shared else "-"))
        names = [s["domain"] for s in sites]
        more = f" … and {len(names) - MAX_SITES} more" if len(names) > MAX_SITES else ""
        lines.append("  sites: " + ", ".join(names[:MAX_SITES]) + more)
    if alone:
        lines.append(
            f"{len(alone)} sites share no strong identifier with another site "
            f"({sum(s['stories'] for s in alone)} stories, "
            f"{sum(s['fabricated'] for s in alone)} fabricated)"
        )
    crossing: dict[str, set[str]] = {}
    for record in records:
        for template in record["cross_network_templates"]:
            crossing.setdefault(template, set()).add(record["network_id"])
    for template, networks in sorted(crossing.items()):
        lines.append(f"template {template} crosses {len(networks)} networks: shared supplier?")
    return "\n".join(lines)
