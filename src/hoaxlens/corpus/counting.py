"""The counting rules every view of a corpus shares: the report, the dashboard and the API.

A story counts toward its *main person* only (the most-mentioned one, ``people[0]``): a
tribute that names a second celebrity in passing does not target them, and a phrase the
people finder took for a name ("Be Bought", "John Wick" as a film) is never a story's main
person in practice. A *campaign* is a template cluster with at least ``CAMPAIGN_MIN_SIZE``
copies; a singleton is a story, not a campaign.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hoaxlens.ingest.mojibake import has_mojibake

if TYPE_CHECKING:
    from collections.abc import Sequence

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
