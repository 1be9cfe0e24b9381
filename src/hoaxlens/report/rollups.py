"""Per-celebrity and per-domain rollups of a clustered corpus.

Stories, fabricated and campaigns come from ``hoaxlens.corpus.counting.count_stories``, the
counting rules the service's dashboard and API follow too.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import fmean
from typing import TYPE_CHECKING

from hoaxlens.corpus.counting import Counts, StoryFacts, count_stories, main_person

if TYPE_CHECKING:
    from collections.abc import Sequence

    from hoaxlens.cluster import ClusterAssignment
    from hoaxlens.corpus.items import StoryItem


@dataclass(frozen=True, slots=True)
class Rollup:
    """What a corpus says about one person or one domain.

    A story counts toward its *main* person (the most-mentioned one), so a tribute that
    names a second celebrity in passing does not count as targeting them. ``campaigns``
    counts the clusters of two or more copies among the stories (a singleton is no campaign).
    """

    key: str
    stories: int
    fabricated: int
    campaigns: int
    related: tuple[str, ...]  # domains for a person, people for a domain (most stories first)
    first_seen: str | None
    last_seen: str | None
    obfuscated: int
    lookalikes: tuple[str, ...]
    mean_score: float | None


def _rollup(key: str, counts: Counts, stories: Sequence[StoryItem], related_of: str) -> Rollup:
    related: dict[str, int] = {}
    for item in stories:
        value = item.domain if related_of == "domain" else main_person(item.people)
        if value:
            related[value] = related.get(value, 0) + 1
    dates = sorted(item.published for item in stories if item.published)
    scores = [item.score for item in stories if item.score is not None]
    return Rollup(
        key=key,
        stories=counts.stories,
        fabricated=counts.fabricated,
        campaigns=counts.campaigns,
        related=tuple(sorted(related, key=lambda k: (-related[k], k))),
        first_seen=dates[0] if dates else None,
        last_seen=dates[-1] if dates else None,
        obfuscated=sum(item.obfuscation_count > 0 for item in stories),
        lookalikes=tuple(sorted({x for item in stories for x in item.lookalikes})),
        mean_score=round(fmean(scores), 3) if scores else None,
    )


NO_DOMAIN = "(no domain)"


def story_facts(
    items: Sequence[StoryItem], assignments: Sequence[ClusterAssignment | None]
) -> list[tuple[StoryItem, StoryFacts]]:
    """The stories (error rows left out) with what counting reads of each."""
    return [
        (item, StoryFacts(item.label, main_person(item.people), item.domain, assigned.cluster_id))
        for item, assigned in zip(items, assignments, strict=True)
        if assigned is not None
    ]


def _group(
    items: Sequence[StoryItem],
    assignments: Sequence[ClusterAssignment | None],
    by: str,
) -> list[Rollup]:
    pairs = story_facts(items, assignments)
    if by == "domain":  # pages without a domain share one row
        pairs = [(i, f._replace(domain=f.domain or NO_DOMAIN)) for i, f in pairs]
    counts = count_stories(f for _, f in pairs)
    table = counts.people if by == "person" else counts.domains
    groups: dict[str, list[StoryItem]] = {}
    for item, facts in pairs:
        key = facts.person if by == "person" else facts.domain
        if key is not None:
            groups.setdefault(key, []).append(item)
    related_of = "domain" if by == "person" else "person"
    rollups = [_rollup(key, table[key], rows, related_of) for key, rows in groups.items()]
    rollups.sort(key=lambda r: (-r.fabricated, -r.stories, r.key))
    return rollups


def people_rollups(
    items: Sequence[StoryItem], assignments: Sequence[ClusterAssignment | None]
) -> list[Rollup]:
    """One rollup per main person, most fabricated stories first."""
    return _group(items, assignments, "person")


def domain_rollups(
    items: Sequence[StoryItem], assignments: Sequence[ClusterAssignment | None]
) -> list[Rollup]:
    """One rollup per domain (pages without one share ``NO_DOMAIN``)."""
    return _group(items, assignments, "domain")
