"""The counting rules every view of a corpus shares: the report, the dashboard and the API.

A story counts toward its *main person* only (the most-mentioned one, ``people[0]``): a
tribute that names a second celebrity in passing does not target them, and a phrase the
people finder took for a name ("Be Bought", "John Wick" as a film) is never a story's main
person in practice. A *campaign* is a template cluster with at least ``CAMPAIGN_MIN_SIZE``
copies; a singleton is a story, not a campaign.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from hoaxlens.ingest.mojibake import has_mojibake

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

CAMPAIGN_MIN_SIZE = 2
MAX_NAME = 256
_MOJIBAKE_LEADS = ("\u00e2", "\u00c3")  # what UTF-8 read as Windows-1252 starts with


def main_person(people: Sequence[str]) -> str | None:
    """The person a story is about, or None (no people, or a name garbled by mojibake).

    >>> main_person(["George Strait", "Elon Musk", "Be Bought"]), main_person([])
    ('George Strait', None)
    >>> main_person(["Blake Shelton\u00e2s"]) is None
    True
    """
    if not people:
        return None
    name = people[0]
    if has_mojibake(name) or any(lead in name for lead in _MOJIBAKE_LEADS):
        return None
    return name[:MAX_NAME]


def is_campaign(size: int) -> bool:
    """Whether a cluster of ``size`` copies is a campaign.

    >>> is_campaign(1), is_campaign(2)
    (False, True)
    """
    return size >= CAMPAIGN_MIN_SIZE


class StoryFacts(NamedTuple):
    """What counting reads of one story (an error row is no story)."""

    label: str | None
    person: str | None  # main_person(people)
    domain: str | None
    cluster_id: str | None


@dataclass(frozen=True, slots=True)
class Counts:
    """Stories, those scored fabricated, and the campaigns (clusters of 2+) among them."""

    stories: int = 0
    fabricated: int = 0
    campaigns: int = 0


@dataclass(frozen=True, slots=True)
class CorpusCounts:
    """Every count a view of a corpus shows: in all, per main person, per domain, per cluster.

    ``clusters[c].campaigns`` is 1 for a campaign, else 0.
    """

    total: Counts
    people: dict[str, Counts] = field(default_factory=dict)
    domains: dict[str, Counts] = field(default_factory=dict)
    clusters: dict[str, Counts] = field(default_factory=dict)


def count_stories(stories: Iterable[StoryFacts]) -> CorpusCounts:
    """Count a corpus by the rules above: the one definition of every count.

    The report counts its stories with it; the service's SQL (dashboard and API) follows it,
    and ``tests/service/test_counts.py`` checks they agree on the viral_stories corpus.

    >>> c = count_stories([StoryFacts("fabricated", "George Strait", "a.example", "t1"),
    ...                    StoryFacts("genuine", "George Strait", "b.example", "t1"),
    ...                    StoryFacts("fabricated", None, "a.example", "t2")])
    >>> c.total, c.people["George Strait"]
    (Counts(stories=3, fabricated=2, campaigns=1), Counts(stories=2, fabricated=1, campaigns=1))
    >>> c.domains["a.example"], c.clusters["t2"]
    (Counts(stories=2, fabricated=2, campaigns=1), Counts(stories=1, fabricated=1, campaigns=0))
    """
    rows = list(stories)
    sizes = Counter(r.cluster_id for r in rows if r.cluster_id is not None)
    campaign_ids = {c for c, n in sizes.items() if is_campaign(n)}

    def count(group: list[StoryFacts]) -> Counts:
        return Counts(
            stories=len(group),
            fabricated=sum(r.label == "fabricated" for r in group),
            campaigns=len({r.cluster_id for r in group} & campaign_ids),
        )

    def by(key: str) -> dict[str, Counts]:
        groups: dict[str, list[StoryFacts]] = {}
        for r in rows:
            value = getattr(r, key)
            if value is not None:
                groups.setdefault(value, []).append(r)
        return {k: count(g) for k, g in groups.items()}

    return CorpusCounts(count(rows), by("person"), by("domain"), by("cluster_id"))
