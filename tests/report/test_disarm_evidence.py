"""DISARM tags only with evidence: T0085.001 (AI-generated text) needs an AI-writing signal.

A fabricated story is not by itself machine-written; the tag must point at the span a
signal fired on, so an analyst can check it.
"""

from __future__ import annotations

from hoaxlens.cluster import ClusterAssignment
from hoaxlens.corpus import Corpus
from hoaxlens.corpus.campaigns import build_campaigns, disarm_tags
from hoaxlens.corpus.items import StoryItem, ai_evidence
from hoaxlens.exports.claimreview import claimreview
from hoaxlens.report.html import render_report
from hoaxlens.types import Evidence, SignalResult, Span

TEXT = "Dolly Parton quietly paid the debt of a stranger at a diner in Sevierville."


def _item(doc_id: str, *, ai: bool) -> StoryItem:
    spans = ((0, 34, "perplexity 7.9 (machine-predictable)"),) if ai else ()
    return StoryItem(
        doc_id, "test", domain="kind.example", text=TEXT, label="fabricated", ai_evidence=spans
    )


def _corpus(items: list[StoryItem]) -> Corpus:
    assigned = [ClusterAssignment(i.id, "tpl-1", len(items), TEXT, (), 1.0) for i in items]
    return Corpus(tuple(items), tuple(assigned), tuple(build_campaigns(items, assigned)))


def test_fabricated_without_an_ai_signal_is_not_tagged_ai_generated():
    tags = disarm_tags([_item("a", ai=False), _item("b", ai=False)])
    assert "T0085.001" not in tags
    assert "T0085.003" in tags  # inauthentic news article: it is labelled fabricated


def test_an_ai_writing_signal_tags_t0085_001_with_its_span_in_the_report():
    corpus = _corpus([_item("a", ai=False), _item("b", ai=True)])
    (campaign,) = corpus.campaigns
    assert "T0085.001" in campaign.disarm
    assert campaign.ai_evidence == (("b", 0, 34, "perplexity 7.9 (machine-predictable)"),)
    html = render_report(corpus)
    assert "T0085.001" in html
    assert "<q>Dolly Parton quietly paid the debt</q>" in html  # the span's own text


def test_exports_follow_the_evidence():
    (campaign,) = _corpus([_item("a", ai=False), _item("b", ai=False)]).campaigns
    review = claimreview(campaign)
    assert "T0085.001" not in review["keywords"]
    assert "T0085.001" not in str(review)
    evidenced = _corpus([_item("a", ai=True), _item("b", ai=False)]).campaigns[0]
    assert "T0085.001" in claimreview(evidenced)["keywords"]


def test_only_a_fired_ai_writing_signal_counts():
    hit = (Evidence(Span(0, 12), "perplexity 9.1"),)
    assert ai_evidence([SignalResult("perplexity.v1", 0.49, hit)]) == ()
    assert ai_evidence([SignalResult("emotional_language.v1", 0.99, hit)]) == ()
    assert ai_evidence([SignalResult("perplexity.v1", 0.5, hit)]) == ((0, 12, "perplexity 9.1"),)
