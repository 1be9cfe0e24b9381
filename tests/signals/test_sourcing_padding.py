"""sourcing.v1 against padding: repeated anchors buy a fabricated story no all-clear.

The hostile bench's "wire-tags" family (``bench/hostile.py``) appended "(AP) \u2014 (ap) - "
to a farm-style story, and each tag counted as a wire dateline: the story came out
`genuine`. A content farm can pad any story that way, with wire tags or with any other
anchor ("according to Reuters", "said in a statement", a named spokesperson, court records,
a .gov link, a date and place). A wire tag now counts only as a dateline, and copies of one
anchor count once, so padding adds nothing to the sourcing evidence, while a real wire
story keeps the credit of its one dateline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from hoaxlens.signals.builtin import SourcingSignal
from hoaxlens.signals.builtin.sourcing import PADDING_COPIES
from hoaxlens.types import Label, MediaType, RawDocument

if TYPE_CHECKING:
    from collections.abc import Callable

    from hoaxlens.analyzer import Analyzer
    from hoaxlens.types import Document, SignalResult, Verdict

PADS = {
    "wire-tag": "(AP) \u2014 (ap) - ",  # bench/hostile.py's wire-tags unit
    "wire-dateline": "\nLOS ANGELES (AP) \u2014 Marla Quinn stunned fans.",
    "city-dateline": "\nLOS ANGELES \u2014 Marla Quinn stunned fans.",
    "outlet": " She confirmed it, according to Reuters.",
    "statement": " The family said in a statement.",
    "speaker": " \u201cIt is true,\u201d said Jane Smith, a spokesperson for the family.",
    "record": " It is all in court records.",
    "primary-link": " https://www.justice.gov/news",
    "date-place": " It happened on March 3 at Madison Square Garden.",
}
TIMES = range(1, 51)

GENUINE_WIRE_STORY = (
    "LOS ANGELES (AP) \u2014 A stage actor who spent four decades on Broadway has died, his "
    "family said in a statement on Tuesday. He was 81.\n"
    "He died March 3 at Cedars-Sinai Medical Center in Los Angeles after a long illness, "
    "said Ann Porter, a spokesperson for the family. Police said there was nothing unusual "
    "about his death.\n"
    "Born in Ohio in 1944, he made his Broadway debut in 1968 and went on to appear in more "
    "than 30 productions, winning a Tony Award in 1989. He told The Associated Press in 2015 "
    "that he never planned to retire. A memorial is planned for the spring."
)


@pytest.fixture(scope="module")
def story(fabricated_text: str) -> str:
    """A farm-style story from tests/corpus: the headline and two of its lines.

    Short enough that, before the fix, padding it with one kind of anchor made it `genuine`
    for the outlet, speaker, record and date-and-place pads (and `uncertain` for wire tags).
    """
    lines = fabricated_text.splitlines()
    return "\n".join([lines[0], lines[5], lines[7]])


def _verdict(analyzer: Analyzer, text: str) -> Verdict:
    raw = RawDocument(id="d", content=text, media_type=MediaType.TEXT, source="test")
    return analyzer.analyze(raw)


def _sourcing(verdict: Verdict) -> SignalResult:
    (result,) = (r for r in verdict.signals if r.signal == "sourcing.v1")
    return result


def test_the_story_alone_is_fabricated_without_sourcing(analyzer: Analyzer, story: str) -> None:
    verdict = _verdict(analyzer, story)
    assert verdict.label is Label.FABRICATED
    assert _sourcing(verdict).evidence == ()


@pytest.mark.parametrize("kind", sorted(PADS))
def test_padding_with_one_anchor_never_makes_the_story_genuine(
    analyzer: Analyzer, story: str, kind: str
) -> None:
    labels = {n: _verdict(analyzer, story + PADS[kind] * n).label for n in TIMES}
    assert not [n for n, label in labels.items() if label is Label.GENUINE], labels


@pytest.mark.parametrize("kind", sorted(PADS))
def test_padding_does_not_grow_the_sourcing_evidence(
    analyzer: Analyzer, story: str, kind: str
) -> None:
    once = _sourcing(_verdict(analyzer, story + PADS[kind]))
    for n in TIMES:
        padded = _sourcing(_verdict(analyzer, story + PADS[kind] * n))
        assert padded.score == once.score, n
        assert [e.span for e in padded.evidence] == [e.span for e in once.evidence], n


@pytest.mark.parametrize("kind", sorted(set(PADS) - {"wire-tag"}))
def test_padded_evidence_says_it_is_one_anchor_repeated(
    analyzer: Analyzer, story: str, kind: str
) -> None:
    for n in TIMES:
        (anchor,) = _sourcing(_verdict(analyzer, story + PADS[kind] * n)).evidence
        note = f"(the same anchor {n} times: counted once)"
        assert (note in anchor.reason) == (n >= PADDING_COPIES), (n, anchor.reason)


def test_wire_tags_outside_a_dateline_count_nothing(analyzer: Analyzer, story: str) -> None:
    alone = _sourcing(_verdict(analyzer, story))
    for n in (1, 2, 50, 5000):
        padded = _verdict(analyzer, story + PADS["wire-tag"] * n)
        assert _sourcing(padded).score == alone.score, n
        assert padded.label is not Label.GENUINE, n


def test_a_genuine_wire_story_keeps_its_one_dateline(analyzer: Analyzer) -> None:
    verdict = _verdict(analyzer, GENUINE_WIRE_STORY)
    sourcing = _sourcing(verdict)
    assert verdict.label is Label.GENUINE
    first = sourcing.evidence[0]  # the strongest anchor comes first
    assert GENUINE_WIRE_STORY[first.span.start : first.span.end] == "LOS ANGELES (AP) \u2014"
    assert first.reason.startswith("wire-agency dateline: ")
    assert not any("counted once" in e.reason for e in sourcing.evidence)
    # tags padded after it add nothing and take nothing away
    padded = _verdict(analyzer, GENUINE_WIRE_STORY + "\n" + PADS["wire-tag"] * 50)
    assert _sourcing(padded).score == sourcing.score
    assert _sourcing(padded).evidence == sourcing.evidence
    assert padded.label is Label.GENUINE


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        pytest.param("PARIS (AP) - The actor said he was engaged.", "PARIS (AP) -", id="city"),
        pytest.param(
            "Washington (AFP) \u2013 The singer cancelled her tour.",
            "Washington (AFP) \u2013",
            id="city-in-lowercase",
        ),
        pytest.param(  # the span starts at the tag, as before: a city holds no digits
            "LOS ANGELES, July 14 (UPI) -- The couple married.", "(UPI) --", id="city-and-date"
        ),
        pytest.param("Sept. 29 (UPI) \u2014 A singer died.", "(UPI) \u2014", id="date-only"),
        pytest.param("(CNN) -- It may be wishful thinking.", "(CNN) --", id="bare-at-start"),
        # an extracted page, or a text with its headline first: the story opens on line 2
        pytest.param("Star Dies\n(CNN) -- It may be true.", "(CNN) --", id="bare-after-a-headline"),
        pytest.param("\n Star Dies \n\n  (CNN) -- It may be true.", "(CNN) --", id="bare-blanks"),
        pytest.param("\ufeff(Reuters) - It may be true.", "(Reuters) -", id="bare-after-a-bom"),
        pytest.param(  # (a city set off by no-break spaces is not in the span, as before)
            "Star Dies\nLOS\u00a0ANGELES\u00a0(AP) \u2014 She sang.",
            "(AP) \u2014",
            id="no-break-spaces",
        ),
        pytest.param(
            "Star Dies\n\nNASHVILLE, Tenn. (AP) \u2014 The singer died.",
            "NASHVILLE, Tenn. (AP) \u2014",
            id="after-a-headline",
        ),
    ],
)
def test_a_wire_tag_in_dateline_position_counts(
    make_document: Callable[[str], Document], text: str, dateline: str
) -> None:
    doc = make_document(text)
    first = SourcingSignal().score(doc).evidence[0]  # the strongest anchor comes first
    assert doc.text[first.span.start : first.span.end] == dateline
    assert first.reason.startswith("wire-agency dateline: ")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("It was a night nobody expected. (AP) \u2014 More soon.", id="mid-line"),
        pytest.param("Star Dies\nShe wept.\n(CNN) -- It may be true.", id="bare-after-the-lead"),
        pytest.param("It was a shock.\nShe said so. (Reuters) - Fans wept.", id="after-a-sentence"),
        pytest.param("x" * 70 + " LONDON (AP) \u2014 She sang.", id="deep-in-a-line"),
    ],
)
def test_a_wire_tag_elsewhere_counts_nothing(
    make_document: Callable[[str], Document], text: str
) -> None:
    assert SourcingSignal().score(make_document(text)).score == 0.0


def test_copies_of_an_anchor_count_once_and_distinct_anchors_each(
    make_document: Callable[[str], Document],
) -> None:
    def score(text: str) -> float:
        return SourcingSignal().score(make_document(text)).score

    once = score("Police said so.")
    assert score("Police said so. POLICE  SAID so again. Police said it.") == once
    dateline = score("Star Dies\nLOS ANGELES (AP) \u2014 She sang.")
    for other in ("LOS ANGELES (AP)\u2014", "LOS ANGELES (AP) -", "Los Angeles (AP) --"):
        assert (
            score(f"Star Dies\nLOS ANGELES (AP) \u2014 She sang.\n{other} Fans wept.") == dateline
        )
    assert score("Police said so. The palace said so too.") > once
    # a year or a weekday still counts each time (never evidence; its kind's decay bounds it)
    assert score("It was 2019. In 2019 again.") > score("It was 2019.")
