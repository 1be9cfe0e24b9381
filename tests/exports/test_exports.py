"""ClaimReview drafts and the STIX 2.1 bundle, checked the way their consumers would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hoaxlens.corpus import analyze_corpus
from hoaxlens.exports import claimreviews, stix_bundle
from hoaxlens.types import MediaType, RawDocument

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "campaigns" / "campaigns.jsonl"


@pytest.fixture(scope="module")
def corpus(analyzer):
    records = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]
    raws = [
        RawDocument(r["id"], r["text"], MediaType.TEXT, "fixture", url=r["url"], title=r["title"])
        for r in records
    ]
    return analyze_corpus(analyzer, raws)


def test_claimreview_drafts_are_marked_automated_with_appearances(corpus):
    drafts = claimreviews(corpus.campaigns)
    assert drafts, "the fixture has fabricated templates"
    for draft in drafts:
        assert draft["@context"] == "https://schema.org"
        assert draft["@type"] == "ClaimReview"
        assert draft["creativeWorkStatus"] == "Draft"
        assert "AUTOMATED TRIAGE" in draft["disambiguatingDescription"]
        assert "automated triage" in draft["author"]["name"]
        urls = [a["url"] for a in draft["itemReviewed"]["appearance"]]
        assert urls
        assert all(u.startswith("https://") for u in urls)
        assert draft["reviewRating"]["worstRating"] <= draft["reviewRating"]["ratingValue"]


def test_one_claimreview_per_template(corpus):
    drafts = claimreviews(corpus.campaigns)
    ids = [d["identifier"] for d in drafts]
    assert len(ids) == len(set(ids))
    dance = next(
        d for d in drafts if any("dance-len" in a["url"] for a in d["itemReviewed"]["appearance"])
    )
    assert len(dance["itemReviewed"]["appearance"]) == 3
    assert "T0084.002" in dance["keywords"]
    assert "T0049.004" in dance["keywords"]


def test_stix_bundle_validates_with_stix2(corpus):
    stix2 = pytest.importorskip("stix2")
    bundle = stix_bundle(corpus.campaigns)
    parsed = stix2.parse(json.dumps(bundle), allow_custom=False)
    kinds = {obj.type for obj in parsed.objects}
    assert {"campaign", "attack-pattern", "identity", "indicator", "relationship"} <= kinds
    tags = {
        ref.external_id
        for obj in parsed.objects
        if obj.type == "attack-pattern"
        for ref in obj.external_references
    }
    assert {"T0085.003", "T0084.002", "T0049.004"} <= tags


def test_stix_ids_are_stable_across_exports(corpus):
    first = {o["id"] for o in stix_bundle(corpus.campaigns)["objects"]}
    second = {o["id"] for o in stix_bundle(corpus.campaigns)["objects"]}
    assert first == second


@pytest.mark.parametrize("url", ["https://x.example/it's\\odd"], ids=["quote-and-backslash"])
def test_stix_pattern_escapes_quotes(corpus, url):
    stix2 = pytest.importorskip("stix2")
    from dataclasses import replace

    campaign = next(c for c in corpus.campaigns if c.fabricated)
    member = replace(campaign.members[0], url=url)
    odd = replace(campaign, members=(member, *campaign.members[1:]))
    stix2.parse(json.dumps(stix_bundle([odd])), allow_custom=False)
