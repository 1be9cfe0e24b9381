"""Exports for fact-checkers and CTI teams: ClaimReview drafts and STIX 2.1 bundles."""

from hoaxlens.exports.claimreview import claimreview, claimreview_json, claimreviews
from hoaxlens.exports.stix import stix_bundle, stix_json

__all__ = ["claimreview", "claimreview_json", "claimreviews", "stix_bundle", "stix_json"]
