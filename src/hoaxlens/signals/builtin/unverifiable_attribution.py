"""Unverifiable attribution: claims resting on unnamed people, with nothing to check."""

from __future__ import annotations

from hoaxlens.signals.base import MAX_EVIDENCE, Signal
from hoaxlens.signals.lexicon import count_phrases, find_phrases, phrases, word_count
from hoaxlens.types import Document, Evidence, SignalResult, Span

UNNAMED = phrases(
    (
        r"(an?|one) (insider|source|witness|onlooker|nurse|staffer|staff member|crew member|"
        r"producer|bystander|attendee|guest|employee|friend|relative|neighbou?r)"
        r"( close to [a-z ]+)? "
        r"(said|says|recalled|revealed|told|shared|whispered|later said|noted|added)",
        "quote from an unnamed person",
    ),
    (
        r"according to (insiders|sources|witnesses|those close|people close|people familiar|"
        r"onlookers|fans|reports)",
        "claim sourced to unnamed people",
    ),
    (
        r"(insiders|sources|witnesses|onlookers|those present|people close to [a-z]+) "
        r"(say|said|claim|claimed|report|reported|revealed|recall|recalled)",
        "claim sourced to unnamed people",
    ),
    (r"reportedly|allegedly|rumou?red", "hedged, unsourced claim"),
    (r"it (is|was) (said|believed|rumou?red|reported) that", "hedged, unsourced claim"),
    (r"(many|some) (believe|say|said|claim)", "claim sourced to unnamed people"),
    (r"later (recalled|revealed|admitted|said)", "retrospective unsourced quote"),
    (
        r"no one could hear|nobody (knew|heard)|"
        r"(never|not) (been )?(told|revealed) (before|publicly)",
        "scene no witness could report",
    ),
    (r"behind closed doors|away from the cameras|off[- ]camera", "scene no witness could report"),
)
ANCHORS = phrases(
    (
        r"(said|says|wrote|posted|announced|confirmed) (in|on) (a|an|his|her|their|the) "
        r"(statement|instagram|twitter|x post|facebook|post|interview|podcast|press release)",
        "statement with a traceable source",
    ),
    (
        r"(told|confirmed to|said to|speaking to|in an interview with) (the )?"
        r"(associated press|ap|reuters|afp|cnn|bbc|nbc|cbs|abc|fox|people|variety|billboard|tmz|"
        r"e! news|page six|rolling stone|the hollywood reporter|deadline|usa today|"
        r"the new york times|the washington post|the guardian|the times|the sun|the mirror|"
        r"entertainment tonight|et|access hollywood|us weekly|the independent|sky news|"
        r"good morning america|today|the telegraph)",
        "quote given to a named outlet",
    ),
    (
        r"(spokesperson|spokesman|spokeswoman|representative|rep|publicist|manager|lawyer|"
        r"attorney)s? (for|of|said|says|told|confirmed)",
        "named role speaking on record",
    ),
    (r"(associated press|reuters|\(ap\)|afp|press association)", "wire-agency copy"),
    (r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)", "dated event"),
    (
        r"(january|february|march|april|may|june|july|august|september|october|november|"
        r"december) \d{1,2}(st|nd|rd|th)?",
        "dated event",
    ),
    (r"(19|20)\d\d", "dated event"),
    (r"(@\w{2,}|https?://\S+)", "checkable handle or link"),
)


class UnverifiableAttributionSignal(Signal):
    """Claims sourced to unnamed people, weighed against anything a reader could check.

    Counts unverifiable attributions ("an insider said", "witnesses recalled",
    "reportedly", scenes no one could have reported) ``u`` and checkable anchors (a named
    outlet, "said in a statement", a spokesperson, wire copy, dates, handles) ``a``; the
    score is ``(u + 1) / (u + a + 2)`` (0.5 for a story with neither, toward 1.0 as unnamed
    claims pile up with nothing checkable, toward 0.0 for well-sourced reporting).
    Evidence: each unverifiable attribution; a story with no anchor at all gets one span
    over its opening saying so. Known false positives: short posts and opinion pieces,
    which carry no dates or outlets; reporting that cites only "sources" (tabloids).
    Threshold: none; the verdict model learns the weight from the train split.
    """

    id = "unverifiable_attribution.v1"
    summary = "Claims sourced to unnamed insiders or witnesses, with no outlet, date or statement"
    name = "Unnamed sources"

    def __init__(self, *, anchor_weight: float = 1.0) -> None:
        if anchor_weight <= 0:
            raise ValueError(f"anchor_weight must be positive, got {anchor_weight}")
        self.anchor_weight = anchor_weight

    def score(self, doc: Document) -> SignalResult:
        """Score ``doc`` from unnamed-source claims against checkable anchors."""
        text = doc.text
        unnamed = find_phrases(doc.view, UNNAMED)
        anchors = count_phrases(doc.view, ANCHORS)  # counted, never shown
        u, a = len(unnamed), self.anchor_weight * anchors
        score = (u + 1) / (u + a + 2)
        evidence = list(unnamed[:MAX_EVIDENCE])
        if not anchors and word_count(doc.view) >= 40:
            first = text.find("\n", 1)
            end = first if 0 < first <= 300 else min(len(text), 120)
            reason = "no named outlet, statement, spokesperson, date or link anywhere in the story"
            evidence.insert(0, Evidence(Span(0, end), reason))
        return SignalResult(self.id, score, tuple(evidence[:MAX_EVIDENCE]))
