"""Per-celebrity and per-domain rollups of a clustered corpus."""

from __future__ import annotations

from dataclasses import dataclass
from statistics import fmean
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from hoaxlens.cluster import ClusterAssignment
    from hoaxlens.corpus.items import StoryItem


@dataclass(frozen=True, slots=True)
class Rollup:
    """What a corpus says about one person or one domain.

    A story counts toward its *primary* person (the most-mentioned one), so a tribute that
    names a second celebrity in passing does not count as targeting them.
    """

    key: str
    stories: int
    fabricated: int
    templates: int
    related: tuple[str, ...]  # domains for a person, people for a domain (most stories first)
    first_seen: str | None
    last_seen: str | None
    obfuscated: int
    lookalikes: tuple[str, ...]
    mean_score: float | None


def _rollup(key: str, rows: Sequence[tuple[StoryItem, str]], related_of: str) -> Rollup:
    stories = [item for item, _ in rows]
    related: dict[str, int] = {}
    for item in stories:
        for value in [item.domain] if related_of == "domain" else item.people[:1]:
            if value:
                related[value] = related.get(value, 0) + 1
    dates = sorted(item.published for item in stories if item.published)
    scores = [item.score for item in stories if item.score is not None]
    return Rollup(
        key=key,
        stories=len(stories),
        fabricated=sum(item.label == "fabricated" for item in stories),
        templates=len({cluster_id for _, cluster_id in rows}),
        related=tuple(sorted(related, key=lambda k: (-related[k], k))),
        first_seen=dates[0] if dates else None,
        last_seen=dates[-1] if dates else None,
        obfuscated=sum(item.obfuscation_count > 0 for item in stories),
        lookalikes=tuple(sorted({x for item in stories for x in item.lookalikes})),
        mean_score=round(fmean(scores), 3) if scores else None,
    )


def _group(
    items: Sequence[StoryItem],
    assignments: Sequence[ClusterAssignment | None],
    by: str,
) -> list[Rollup]:
    groups: dict[str, list[tuple[StoryItem, str]]] = {}
    for item, assigned in zip(items, assignments, strict=True):
        if assigned is None:
            continue
        key = item.people[0] if by == "person" and item.people else item.domain
        if by == "person" and not item.people:
            continue
        groups.setdefault(key or "(no domain)", []).append((item, assigned.cluster_id))
    related_of = "domain" if by == "person" else "person"
    rollups = [_rollup(key, rows, related_of) for key, rows in groups.items()]
    rollups.sort(key=lambda r: (-r.fabricated, -r.stories, r.key))
    return rollups


def people_rollups(
    items: Sequence[StoryItem], assignments: Sequence[ClusterAssignment | None]
) -> list[Rollup]:
    """One rollup per primary person, most fabricated stories first."""
    return _group(items, assignments, "person")


def domain_rollups(
    items: Sequence[StoryItem], assignments: Sequence[ClusterAssignment | None]
) -> list[Rollup]:
    """One rollup per domain (pages without one share ``"(no domain)"``)."""
    return _group(items, assignments, "domain")
