"""Corpus-level analysis: analyse every document once, cluster the stories into campaigns.

The shared input of ``hoaxlens cluster``, ``hoaxlens report`` and the ClaimReview/STIX
exports (``hoaxlens.exports``): story items, their cluster assignments, and campaigns.
"""

from hoaxlens.corpus.analyze import Corpus, analyze_corpus, cluster_items, cluster_record
from hoaxlens.corpus.campaigns import DISARM, Campaign, build_campaigns, disarm_tags
from hoaxlens.corpus.items import StoryItem, item_from, item_from_document

__all__ = [
    "DISARM",
    "Campaign",
    "Corpus",
    "StoryItem",
    "analyze_corpus",
    "build_campaigns",
    "cluster_items",
    "cluster_record",
    "disarm_tags",
    "item_from",
    "item_from_document",
]
