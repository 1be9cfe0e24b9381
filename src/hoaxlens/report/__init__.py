"""Campaign views of a corpus: story items, template campaigns, rollups and the HTML report."""

from hoaxlens.report.campaigns import DISARM, Campaign, build_campaigns, disarm_tags
from hoaxlens.report.corpus import Corpus, analyze_corpus, cluster_items, cluster_record
from hoaxlens.report.items import StoryItem, item_from, item_from_document

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
