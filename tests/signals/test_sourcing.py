"""sourcing.v1: checkable anchors count for genuineness, each with the span a reader can check."""

from __future__ import annotations

import dataclasses

import pytest

from hoaxlens.signals.builtin import SourcingSignal, TeaserSignal
from hoaxlens.signals.builtin.sourcing import CUES
from hoaxlens.signals.lexicon import find_cues

AP_COPY = (
    "MEMPHIS, Tenn. (AP) \u2014 A country singer paid tribute on Friday to the guitarist who "
    "toured with her for 30 years. \u201cHe was family,\u201d said Dana Whitfield, a "
    "spokesperson for the singer. The guitarist died Tuesday at a hospital in Memphis, police "
    "said. The family said in a statement that a memorial would be held on March 3 at Graceland "
    "Chapel. The singer told The Associated Press the band would finish the tour."
)
FARM_TEASER = (
    "The whole arena went silent when the little girl walked up to the stage. A nurse said "
    "she had never seen anything like it. What happened next left everyone in tears\u2026 "
    "See more below \U0001f447"
)


def _quoted(doc, result):
    return [doc.text[e.span.start : e.span.end] for e in result.evidence]


@pytest.mark.parametrize(
    ("text", "quoted", "reason"),
    [
        pytest.param(
            "NASHVILLE, Tenn. (AP) \u2014 The singer returned to the stage.",
            "NASHVILLE, Tenn. (AP) \u2014",
            "wire-agency dateline",
            id="ap-dateline",
        ),
        pytest.param(
            "LONDON (Reuters) - The band cancelled its tour.",
            "LONDON (Reuters) -",
            "wire-agency dateline",
            id="reuters-dateline",
        ),
        pytest.param(
            "The actor told People magazine that he was doing well.",
            "told People magazine",
            "quote or report from a named outlet",
            id="told-people-magazine",
        ),
        pytest.param(
            "The concert was moved, according to the BBC.",
            "according to the BBC",
            "quote or report from a named outlet",
            id="according-to-the-bbc",
        ),
        pytest.param(
            "\u201cShe is resting,\u201d said Jane Smith, a spokesperson for the hospital.",
            "said Jane Smith, a spokesperson",
            "on-record quote from a named person with a role",
            id="said-name-role",
        ),
        pytest.param(
            "The singer's publicist, John Doe, said the show would go on.",
            "The singer's publicist, John Doe, said",
            "on-record quote from a named person with a role",
            id="role-name-said",
        ),
        pytest.param(
            "The couple confirmed the news in a statement.",
            "in a statement",
            "official statement a reader can find",
            id="in-a-statement",
        ),
        pytest.param(
            "Nobody was hurt, police said.",
            "police said",
            "official statement a reader can find",
            id="police-said",
        ),
        pytest.param(
            "The show was held on March 3 at Madison Square Garden before a full house.",
            "March 3 at Madison Square Garden",
            "specific date and place",
            id="date-and-place",
        ),
        pytest.param(
            "The hearing is listed at https://www.uscourts.gov/cases/123 for next week.",
            "https://www.uscourts.gov/cases/123",
            "link to a primary source (government, court or university)",
            id="gov-link",
        ),
    ],
)
def test_sourcing_finds_the_anchor_with_its_span(make_document, text, quoted, reason):
    doc = make_document(text)
    result = SourcingSignal().score(doc)
    assert result.signal == "sourcing.v1"
    assert result.score > 0.3
    first = result.evidence[0]  # the strongest anchor comes first
    assert doc.text[first.span.start : first.span.end] == quoted
    assert first.reason.startswith(f"{reason}: ")


def test_sourcing_ap_style_copy_scores_high_and_teaser_zero(make_document):
    doc = make_document(AP_COPY)
    sourcing = SourcingSignal().score(doc)
    assert sourcing.score > 0.9
    kinds = {e.reason.split(":")[0] for e in sourcing.evidence}
    assert {
        "wire-agency dateline",
        "on-record quote from a named person with a role",
        "official statement a reader can find",
        "specific date and place",
        "quote or report from a named outlet",
    } <= kinds
    assert TeaserSignal().score(doc).score == 0.0


def test_sourcing_farm_teaser_scores_zero(make_document):
    doc = make_document(FARM_TEASER)
    assert SourcingSignal().score(doc).score == 0.0
    assert TeaserSignal().score(doc).score > 0.9


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        pytest.param("SHOCKING NEWS \u2014 The singer collapsed.", "dateline", id="alarm-caps"),
        pytest.param("BREAKING \u2014 The host broke down.", "dateline", id="breaking-caps"),
        pytest.param("She told people she was fine.", "outlet", id="people-not-the-magazine"),
        pytest.param("It happened on a Saturday afternoon in June.", "place", id="month-not-place"),
        pytest.param("![photo](https://example.com/a/photo.jpg)", "link", id="image-link"),
    ],
)
def test_sourcing_ignores_lookalike_anchors(make_document, text, absent):
    result = SourcingSignal().score(make_document(text))
    assert not any(absent in e.reason for e in result.evidence), result.evidence


@pytest.mark.parametrize(
    ("text", "score"),
    [
        pytest.param("", 0.0, id="empty"),
        pytest.param("A girl sang and the judges cried.", 0.0, id="nothing-checkable"),
        pytest.param("It was a Tuesday.", 0.1393, id="weekday-only"),
        pytest.param("Police said so. The palace said so too.", 0.6753, id="one-kind-twice"),
        pytest.param("Police said so. Police said so again.", 0.5276, id="one-anchor-twice"),
    ],
)
def test_sourcing_score_values(make_document, text, score):
    assert SourcingSignal().score(make_document(text)).score == pytest.approx(score, abs=1e-4)


def test_sourcing_distinct_kinds_weigh_more_than_repeats(make_document):
    repeated = SourcingSignal().score(make_document("Police said. Police said. Police said."))
    mixed = SourcingSignal().score(
        make_document("Police said. The band told Reuters. It was said in a statement.")
    )
    assert mixed.score > repeated.score


def test_sourcing_rejects_a_bad_rate():
    with pytest.raises(ValueError, match="rate"):
        SourcingSignal(rate=0)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(AP_COPY, id="ap-copy"),
        pytest.param(
            "ST. LOUIS (AP) -- Officials said Monday, at City Hall, that court records and "
            "https://x.gov/a show it; the label confirmed. Dr. Ann Lee, the school's principal, "
            "said so. June 5, 2024 in Paris. \u0130stanbul",
            id="mixed",
        ),
    ],
)
def test_sourcing_gates_never_hide_a_match(text):
    ungated = tuple(dataclasses.replace(c, gates=()) for c in CUES)
    assert find_cues(text, CUES) == [
        dataclasses.replace(h, cue=CUES[ungated.index(h.cue)]) for h in find_cues(text, ungated)
    ]


def test_sourcing_weekday_year_and_plain_link_score_but_are_not_evidence(make_document):
    # a farm post's "on Wednesday … in 2019 … https://…" is nothing a reader can check the
    # story by: it nudges the score, but cannot carry a `genuine` label on its own
    doc = make_document(
        "Her body was found on Wednesday, authorities revealed. She had moved there in 2019. "
        "More at https://example.com/story"
    )
    result = SourcingSignal().score(doc)
    assert result.score > 0
    assert _quoted(doc, result) == []
    dated = make_document("The singer died March 3 at Vanderbilt hospital in Nashville.")
    assert _quoted(dated, SourcingSignal().score(dated))


def test_sourcing_cues_are_distinct():
    # the signal tells trimmed hits apart by their cue's identity: two equal cues would
    # count twice where equal hits count once
    assert len(set(CUES)) == len(CUES)
