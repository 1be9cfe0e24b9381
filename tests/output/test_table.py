"""The terminal table's "top reasons" column: both labels, plain names, abstentions in words."""

from __future__ import annotations

import pytest
from rich.console import Console

from hoaxlens.output import write_table
from hoaxlens.types import (
    AbstainReason,
    Document,
    Evidence,
    Label,
    MediaType,
    RawDocument,
    SignalResult,
    Span,
    Verdict,
)

STORY = (
    "Reuters reported that the singer stopped the concert. "
    "Witnesses said the whole arena wept, and his voice was shaking."
)


def at(needle: str) -> Span:
    start = STORY.index(needle)
    return Span(start, start + len(needle))


def verdict(
    label: Label,
    signals: list[tuple[SignalResult, float]],
    *,
    abstain: AbstainReason | None = None,
    lang: str | None = "en",
    text: str = STORY,
) -> Verdict:
    raw = RawDocument(id="d", content=text, media_type=MediaType.TEXT, source="story.txt")
    doc = Document("d", "A title", text, text, (), raw)
    return Verdict(
        document=doc,
        label=label,
        score=0.02 if label is Label.GENUINE else 0.97,
        signals=tuple(s for s, _ in signals),
        contributions=tuple(c for _, c in signals),
        people=(),
        model_version="test",
        lang=lang,
        abstain_reason=abstain,
        baseline=-3.0,
    )


def render(item: Verdict) -> str:
    console = Console(width=300, record=True, color_system=None)
    write_table([item], console)
    return console.export_text()


LEXICAL = SignalResult(
    "lexical.v1", 0.6, (Evidence(at("wept"), "w"), Evidence(at("his"), "stop-word"))
)
ATTRIBUTION = SignalResult(
    "unverifiable_attribution.v1", 0.5, (Evidence(at("Witnesses said"), "u"),)
)
NAMED_OUTLET = SignalResult("named_outlet.v1", 0.9, (Evidence(at("Reuters reported"), "outlet"),))


def test_a_genuine_verdict_shows_its_genuine_reasons_first_then_the_others():
    out = render(verdict(Label.GENUINE, [(LEXICAL, 1.2), (ATTRIBUTION, 0.4), (NAMED_OUTLET, -6.0)]))
    genuine = out.index("▼ genuine: named_outlet.v1: “Reuters reported”")
    fabricated = out.index("▲ fabricated: Wording of known farm stories: “wept”")
    assert genuine < fabricated
    assert "▲ fabricated: Unnamed sources: “Witnesses said”" in out
    assert "“his”" not in out  # a stop-word is never evidence
    assert "lexical.v1" not in out  # plain names, not ids


def test_a_fabricated_verdict_lists_both_sides_fabricated_first():
    out = render(verdict(Label.FABRICATED, [(NAMED_OUTLET, -1.5), (LEXICAL, 5.0)]))
    assert out.index("▲ fabricated: Wording") < out.index("▼ genuine: named_outlet.v1")


def test_a_genuine_verdict_without_genuine_evidence_says_so():
    out = render(verdict(Label.GENUINE, [(SignalResult("lexical.v1", 0.01), 0.1)]))
    assert "▼ genuine: no evidence points this way" in out


@pytest.mark.parametrize(
    ("reason", "lang", "text", "message"),
    [
        pytest.param(
            AbstainReason.UNSUPPORTED_LANGUAGE,
            "es",
            STORY,
            "Spanish: this model reads English; translate it or label it yourself.",
            id="spanish",
        ),
        pytest.param(
            AbstainReason.TOO_SHORT,
            "en",
            "So sad today",
            "Too short to judge: 3 words and no evidence either way; label it yourself.",
            id="too-short",
        ),
        pytest.param(
            AbstainReason.NO_STORY_TEXT,
            None,
            "https://example.com/p/1",
            "No story text: only a link or markup; fetch the page it points to.",
            id="bare-link",
        ),
    ],
)
def test_an_abstention_shows_why_in_words(reason, lang, text, message):
    item = verdict(Label.UNCERTAIN, [(LEXICAL, 2.0)], abstain=reason, lang=lang, text=text)
    out = render(item)
    assert message in out
    assert "▲" not in out
