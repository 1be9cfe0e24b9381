"""An offline picture of the operator networks: inline SVG built from the per-site records.

No script, no font or style from the network: the report and the dashboard can embed the
string as it is (every name is escaped). Each network of two or more sites is drawn in its
own cell, largest first: sites on a circle, linked pairs as lines whose opacity is the
link's confidence, sites with fabricated stories filled red.
"""

from __future__ import annotations

import hashlib
import math
from html import escape
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence

CELL = 280  # px per network cell
COLUMNS = 3
MAX_NETWORKS = 30
MAX_LABELLED = 12  # sites of a network drawn with their name


def _hue(network_id: str) -> int:
    return int(hashlib.sha1(network_id.encode(), usedforsecurity=False).hexdigest()[:4], 16) % 360


def _groups(records: Sequence[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        groups.setdefault(record["network_id"], []).append(record)
    multi = [(k, sorted(v, key=lambda r: r["domain"])) for k, v in groups.items() if len(v) > 1]
    multi.sort(key=lambda g: (-len(g[1]), g[0]))
    return multi


def _cell(network_id: str, sites: list[dict[str, Any]], x0: int, y0: int) -> list[str]:
    n = len(sites)
    cx, cy = x0 + CELL / 2, y0 + CELL / 2 + 10
    radius = CELL / 2 - 50 if n > 2 else CELL / 4
    where = {
        r["domain"]: (
            cx + radius * math.cos(2 * math.pi * i / n - math.pi / 2),
            cy + radius * math.sin(2 * math.pi * i / n - math.pi / 2),
        )
        for i, r in enumerate(sites)
    }
    hue = _hue(network_id)
    fabricated = sum(r["fabricated"] for r in sites)
    out = [
        f'<g class="network" data-network="{escape(network_id)}">',
        f'<rect x="{x0 + 4}" y="{y0 + 4}" width="{CELL - 8}" height="{CELL - 8}" rx="8" '
        f'fill="hsl({hue},60%,97%)" stroke="hsl({hue},40%,70%)"/>',
        f'<text x="{x0 + 14}" y="{y0 + 24}" font-size="12" font-weight="bold">'
        f"{escape(network_id)}: {n} sites, {fabricated} fabricated</text>",
    ]
    drawn = set()
    for r in sites:
        for nb in r["neighbors"]:
            pair = tuple(sorted((r["domain"], nb["domain"])))
            if nb["linked"] and nb["domain"] in where and pair not in drawn:
                drawn.add(pair)
                (x1, y1), (x2, y2) = where[pair[0]], where[pair[1]]
                out.append(
                    f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                    f'stroke="hsl({hue},50%,35%)" stroke-opacity="{nb["confidence"]:.2f}"/>'
                )
    for i, r in enumerate(sites):
        x, y = where[r["domain"]]
        fill = "#c0392b" if r["fabricated"] else f"hsl({hue},50%,45%)"
        out.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{fill}">'
            f"<title>{escape(r['domain'])}: {r['stories']} stories, "
            f"{r['fabricated']} fabricated</title></circle>"
        )
        if i < MAX_LABELLED:
            anchor = "start" if x >= cx else "end"
            dx = 7 if x >= cx else -7
            out.append(
                f'<text x="{x + dx:.1f}" y="{y + 3:.1f}" font-size="9" text-anchor="{anchor}">'
                f"{escape(r['domain'][:28])}</text>"
            )
    out.append("</g>")
    return out


def network_svg(records: Sequence[dict[str, Any]], *, max_networks: int = MAX_NETWORKS) -> str:
    """The networks of ``records`` (``hoaxlens networks`` JSONL records) as one SVG string.

    >>> svg = network_svg([])
    >>> svg.startswith("<svg") and "no network of two or more sites" in svg
    True
    """
    groups = _groups(records)
    shown = groups[:max_networks]
    rows = max(1, math.ceil(len(shown) / COLUMNS))
    width, height = CELL * COLUMNS, CELL * rows + 30
    body: list[str] = []
    for i, (network_id, sites) in enumerate(shown):
        body += _cell(network_id, sites, CELL * (i % COLUMNS), 30 + CELL * (i // COLUMNS))
    singles = len({r["network_id"] for r in records}) - len(groups)
    caption = (
        f"{len(groups)} networks of two or more sites"
        + (f" (largest {len(shown)} drawn)" if len(groups) > len(shown) else "")
        + f"; {singles} sites stand alone"
        if groups
        else "no network of two or more sites"
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif">'
        f"<title>Operator networks</title>"
        f'<text x="8" y="20" font-size="14">{escape(caption)}</text>' + "".join(body) + "</svg>"
    )
