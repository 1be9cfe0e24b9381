"""Teasers and calls to action: posts that send the reader to a hidden continuation."""

from __future__ import annotations

import math

from hoaxlens.signals.base import MAX_EVIDENCE, Signal
from hoaxlens.signals.lexicon import cues, find_cues, quote
from hoaxlens.types import Document, Evidence, SignalResult, Span

_POINT = "(?:\U0001f447|\u2b07\ufe0f?|\u2935\ufe0f?|\U0001f449|\u27a1\ufe0f?)"  # arrows, hands
_TAIL = rf"(?:[ \t]*{_POINT})*"  # pointing emoji after a call to action belong to its span
# One pointing emoji or more, ``{_TAIL}[ \t]*{_POINT}`` as it matches, written possessive: a
# blank run between two ``[ \t]*`` was tried at every split (20,000 spaces: 18 s).
_POINTS = rf"(?:[ \t]*+{_POINT})++"
_COMMENTS = r"(?:the |our )?(?:first |1st |top )?(?:comments?|comment section)"
_ARROWS = ("\U0001f447", "\u2b07", "\u2935", "\U0001f449", "\u27a1")
_HIDDEN = "call to action sending readers to a hidden continuation"
_HOOK = "hook that withholds the outcome"
_CUT = "sentence cut off where the story should start"
_BAIT = "engagement bait asking readers to react"

CUES = cues(
    (
        rf"\bsee more(?:[ \t]+(?:below|here|in {_COMMENTS}))?(?:[ \t]*{_POINT})+",
        "hidden",
        2.0,
        _HIDDEN,
        ("see more",),
    ),
    (rf"\bsee more[ \t]+(?:below|in {_COMMENTS})\b", "hidden", 2.0, _HIDDEN, ("see more",)),
    (
        rf"\b(?:(?:the )?(?:full|whole|complete|rest of the) (?:story|video|article|clip|details?)"
        rf"(?: is| are| here| continues)? (?:in {_COMMENTS}|below)"
        rf"|(?:story|video|details|answer|link|more)(?: is| are| here| continues)? in {_COMMENTS})"
        rf"\b{_TAIL}",
        "hidden",
        2.0,
        _HIDDEN,
        ("comment", "below"),
    ),
    (
        rf"\b(?:the )?(?:full|whole|complete) (?:story|video|article|clip)[ \t]*+:?{_POINTS}",
        "hidden",
        2.0,
        _HIDDEN,
        _ARROWS,
    ),
    (r"\blinks? (?:is )?in (?:my |our |the )?bio\b", "hidden", 2.0, _HIDDEN, ("bio",)),
    (
        rf"\b(?:watch|see|view) (?:the )?(?:full )?(?:video|clip)(?: in {_COMMENTS}(?: below)?"
        rf"| at the end(?: of (?:this|the) (?:article|post|page))?)\b{_TAIL}",
        "hidden",
        2.0,
        _HIDDEN,
        ("video", "clip"),
    ),
    (
        rf"\b(?:watch|see|view) (?:the )?(?:full )?(?:video|clip) below\b{_TAIL}",
        "hidden",
        1.0,
        "pointer to a video outside the text",
        ("video", "clip"),
    ),
    (
        rf"\bwatch (?:till|until|til|to) the (?:very )?end\b{_TAIL}",
        "hidden",
        2.0,
        _HIDDEN,
        ("end",),
    ),
    (
        rf"\b(?:tap (?:here )?|click (?:here|the link|below) )to (?:read|see|watch)\b{_TAIL}",
        "hidden",
        2.0,
        _HIDDEN,
        ("tap", "click"),
    ),
    (
        rf"\bread (?:more|the rest|the full story|full story)[ \t]*+(?:below|in {_COMMENTS}|here)?"
        rf"{_POINTS}",
        "hidden",
        2.0,
        _HIDDEN,
        _ARROWS,
    ),
    (
        rf"\bread (?:the rest|the full story|full story|more) (?:below|in {_COMMENTS})\b{_TAIL}",
        "hidden",
        2.0,
        _HIDDEN,
        ("read",),
    ),
    (
        rf"\(?\b(?:to be )?continued (?:in {_COMMENTS}|below)\b\)?{_TAIL}"
        rf"|\bcontinue reading (?:in {_COMMENTS}|below)\b{_TAIL}|\(continued\.*\)",
        "hidden",
        2.0,
        _HIDDEN,
        ("continue",),
    ),
    (rf"\b(?:check|open|look in) {_COMMENTS}\b{_TAIL}", "hidden", 2.0, _HIDDEN, ("comment",)),
    (
        rf"{_POINT}(?:[ \t]*{_POINT})+",
        "hidden",
        1.5,
        "pointing emoji toward a hidden continuation",
        _ARROWS,
    ),
    (r"\bwhat happened next\b", "hook", 1.0, _HOOK, ("next",)),
    (
        r"\bwhat (?:\w+ ){0,3}?(?:did|said|does|says|found|discovered|saw|revealed|wrote) next\b",
        "hook",
        1.0,
        _HOOK,
        ("next",),
    ),
    (
        r"\byou (?:won[\u2019']?t|will not|wouldn[\u2019']?t) believe\b",
        "hook",
        1.0,
        _HOOK,
        ("believe",),
    ),
    (r"\byou(?:[\u2019']ll| will) never (?:believe|guess)\b", "hook", 1.0, _HOOK, ("never",)),
    (
        r"\b(?:will|is going to) (?:shock|surprise|amaze|stun|break your heart|melt your heart"
        r"|leave you (?:speechless|in tears|stunned|shocked)|make you (?:cry|tear up|smile))\b",
        "hook",
        1.0,
        _HOOK,
        ("will ", "going to"),
    ),
    (
        r"\bthe reason (?:why )?(?:will|may|might) (?:shock|surprise|stun|amaze|break)",
        "hook",
        1.0,
        _HOOK,
        ("reason",),
    ),
    (r"\bwait (?:until|till|til) you (?:see|hear|find out)\b", "hook", 1.0, _HOOK, ("wait",)),
    (
        r"\b(?:no one|nobody) (?:expected|could have guessed|saw coming) what\b",
        "hook",
        1.0,
        _HOOK,
        ("one", "nobody"),
    ),
    (r"\bthe ending (?:will|is going to)\b", "hook", 1.0, _HOOK, ("ending",)),
    # An ellipsis after a word, at the end of a line or of the post, or closing a quote: the
    # story stops right where it should start ("Our child has…").
    (
        rf"(?<=\w)(?:\u2026|\.\.\.)[\u201d\"\u2019']?(?=[ \t]*(?:$|\(|{_POINT}))",
        "cut",
        1.0,
        _CUT,
        ("\u2026", "..."),
    ),
    (r"(?<=\w)(?:\u2026|\.\.\.)[\u201d\"\u2019]", "cut", 1.0, _CUT, ("\u2026", "...")),
    (
        r"\b(?:like (?:and|&) share|share (?:this|if you)|type [\"\u201c']?(?:amen|yes)\b"
        r"|by (?:commenting|liking|sharing)(?: and| or| &) (?:commenting|liking|sharing)"
        r"|show your (?:sympathy|support|condolences|love) by)",
        "bait",
        0.75,
        _BAIT,
        ("share", "type", "comment", "show your"),
    ),
)
CUT_CONTEXT = 60  # characters before an ellipsis shown with it: the sentence it cuts off
_SENTENCE_START = '.!?\n\u201c"|\u2014'


def _sentence_before(text: str, end: int) -> int:
    """Start of the sentence that ends at ``end`` (at most ``CUT_CONTEXT`` characters back)."""
    floor = max(0, end - CUT_CONTEXT)
    start = max(text.rfind(c, floor, end - 1) for c in _SENTENCE_START) + 1
    if start == 0 and floor > 0:  # no sentence start in reach: begin at a word
        space = text.find(" ", floor, end)
        start = space + 1 if space >= 0 else floor
    while start < end and text[start] in " \t":
        start += 1
    return start


class TeaserSignal(Signal):
    """Teasers and calls to action that send the reader to a hidden continuation.

    Measures cues of the Facebook teaser post: calls to action pointing to a continuation
    that is not in the text ("See more below 👇", "full story in the comments", "link in
    bio", "watch till the end", "(continued in comments)"; weight 2), runs of pointing emoji
    (1.5), hooks that withhold the outcome ("what happened next", "you won't believe", "the
    reason will shock you"; 1), sentences cut off by an ellipsis at the end of a line or
    inside a quote ("Our child has…"; 1) and engagement bait ("like and share"; 0.75).
    Score: ``1 - exp(-sum of weights)``, independent of text length, so one strong call to
    action in a 20-word post gives 0.86 and a lone hook 0.63. Evidence: each cue, with the
    sentence an ellipsis cuts off. Known false positives: genuine pages whose furniture
    survived extraction ("watch the video below", truncated related-story links ending in
    "…"), quotes that trail off, human-interest copy that says "what happened next". On the
    viral_stories train split it fires on 3 % of genuine pages (3 of 97) and 24 % of
    fabricated ones (those are page openings, not teaser posts).
    Threshold: none; the verdict model learns the weight (kept >= 0).
    """

    id = "teaser.v1"
    summary = "Calls to action and cliffhanger hooks sending readers to a hidden continuation"
    name = "Teaser / call to action"
    direction = "fabricated"

    def score(self, doc: Document) -> SignalResult:
        """Score ``doc`` from the weights of its teaser cues; evidence is every cue."""
        text = doc.text
        hits = find_cues(doc.view, CUES)
        total = sum(h.cue.weight for h in hits)
        evidence = []
        for h in sorted(hits, key=lambda h: -h.cue.weight)[:MAX_EVIDENCE]:
            start = _sentence_before(text, h.start) if h.cue.kind == "cut" else h.start
            evidence.append(
                Evidence(Span(start, h.end), f"{h.cue.reason}: {quote(text[start : h.end])}")
            )
        return SignalResult(self.id, 1.0 - math.exp(-total), tuple(evidence))
