"""Template clusters → campaigns: members, people, domains, dates and DISARM tags."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hoaxlens.corpus.counting import main_person

if TYPE_CHECKING:
    from collections.abc import Sequence

    from hoaxlens.cluster import ClusterAssignment
    from hoaxlens.corpus.items import StoryItem

# DISARM Red Framework techniques (https://www.disarm.foundation/framework), with the rule
# that tags a cluster. Rules are deliberately simple, so an analyst can check each tag.
DISARM = {
    "T0085.001": "Develop AI-Generated Text",
    "T0085.003": "Develop Inauthentic News Articles",
    "T0049.004": "Utilise Spamoflauge",
    "T0084.002": "Plagiarise Content",
}


@dataclass(frozen=True, slots=True)
class Campaign:
    """One template cluster with everything a report or export says about it."""

    cluster_id: str
    template: str
    members: tuple[StoryItem, ...]  # sorted by id; members[0] is the representative
    people: tuple[str, ...]  # most-targeted first
    domains: tuple[str, ...]
    first_seen: str | None
    last_seen: str | None
    disarm: tuple[str, ...]

    @property
    def ai_evidence(self) -> tuple[tuple[str, int, int, str], ...]:
        """Why T0085.001 is tagged: ``(member id, start, end, reason)`` per AI-writing span."""
        return tuple((m.id, *span) for m in self.members for span in m.ai_evidence)

    @property
    def size(self) -> int:
        """Number of stories in the cluster."""
        return len(self.members)

    @property
    def representative(self) -> StoryItem:
        """The member whose masked text is the template (smallest id)."""
        return self.members[0]

    @property
    def fabricated(self) -> int:
        """Members labelled fabricated."""
        return sum(m.label == "fabricated" for m in self.members)

    @property
    def obfuscated(self) -> int:
        """Members whose text was obfuscated with lookalike characters."""
        return sum(m.obfuscation_count > 0 for m in self.members)


def disarm_tags(members: Sequence[StoryItem]) -> tuple[str, ...]:
    """DISARM technique ids for a cluster, each only with evidence an analyst can check.

    - T0085.001 AI-generated text: an AI-writing signal fired on a member (its spans are
      ``ai_evidence``); a fabricated story is not by itself machine-written;
    - T0085.003 inauthentic news articles: a member is labelled fabricated;
    - T0049.004 spamoflauge: a member was obfuscated with lookalike characters;
    - T0084.002 plagiarised content: the same template appears two or more times.
    """
    tags = []
    if any(m.ai_evidence for m in members):
        tags.append("T0085.001")
    if any(m.label == "fabricated" for m in members):
        tags.append("T0085.003")
    if any(m.obfuscation_count > 0 for m in members):
        tags.append("T0049.004")
    if len(members) > 1:
        tags.append("T0084.002")
    return tuple(tags)


def _dates(members: Sequence[StoryItem]) -> tuple[str | None, str | None]:
    dates = sorted(m.published for m in members if m.published)
    return (dates[0], dates[-1]) if dates else (None, None)


def build_campaigns(
    items: Sequence[StoryItem], assignments: Sequence[ClusterAssignment]
) -> list[Campaign]:
    """Group stories by cluster, largest first (ties by cluster id); error rows are skipped.

    ``assignments[i]`` is the assignment of the i-th non-error item.
    """
    stories = [item for item in items if not item.is_error]
    if len(stories) != len(assignments):
        raise ValueError(f"{len(assignments)} assignments for {len(stories)} stories")
    groups: dict[str, list[tuple[StoryItem, ClusterAssignment]]] = {}
    for item, assigned in zip(stories, assignments, strict=True):
        groups.setdefault(assigned.cluster_id, []).append((item, assigned))
    out = []
    for cluster_id, pairs in groups.items():
        members = tuple(sorted((item for item, _ in pairs), key=lambda m: m.id))
        people: Counter[str] = Counter(
            p for m in members if (p := main_person(m.people)) is not None
        )
        first, last = _dates(members)
        out.append(
            Campaign(
                cluster_id=cluster_id,
                template=pairs[0][1].template,
                members=members,
                people=tuple(p for p, _ in people.most_common()),
                domains=tuple(sorted({m.domain for m in members if m.domain})),
                first_seen=first,
                last_seen=last,
                disarm=disarm_tags(members),
            )
        )
    out.sort(key=lambda c: (-c.size, c.cluster_id))
    return out
