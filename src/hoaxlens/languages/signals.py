"""Signals of the other-language model: per-language cue signals and language-independent ones.

Each is a ``Signal`` (same protocol as the built-ins: a score in [0, 1] with evidence spans
into ``Document.text``) built for one language from its folder's ``resources.json``:

- ``lang_story.v1``, ``lang_teaser.v1``, ``lang_alarm.v1`` (direction fabricated): the genre's
  story grammar, calls to action and alarm framing of that language;
- ``lang_emotion.v1`` (fabricated): density of the language's emotional lexicon;
- ``lang_attribution.v1``, ``lang_specifics.v1`` (direction genuine): agency datelines,
  "según / segundo / selon / laut / secondo / theo" with a source, named outlets, statements;
  calendar dates, weekdays, titled names and places a reader could check;
- ``punctuation.v1`` (fabricated, any language): teaser punctuation and emoji, all-caps
  words, hashtags, runs of "!!";
- ``homoglyphs.v1`` (the built-in, reused as it is) and ``chargrams.v1`` (``chargrams.py``).

These signals are not in the built-in registry (the English model does not use them); the
language model (``model.py``) lists them by id and ``judge`` builds them per language.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, ClassVar, Literal

from hoaxlens.languages.resources import LanguageCue, load_resources
from hoaxlens.signals.base import MAX_EVIDENCE, Signal
from hoaxlens.types import Document, Evidence, SignalResult, Span

if TYPE_CHECKING:
    from hoaxlens.languages.resources import LanguageResources

CUE_SCALE = 1.5  # score = 1 - exp(-sum of cue weights / CUE_SCALE)
EMOTION_HALF = 3.0  # emotional words per 100 words that give a score of 0.5


def _quote(text: str) -> str:
    return repr(" ".join(text.split())[:80])


def _resources(lang: str) -> LanguageResources:
    res = load_resources(lang)
    if res is None:
        raise ValueError(f"no language resources for {lang!r}")
    return res


def cue_hits(text: str, cues: tuple[LanguageCue, ...]) -> list[tuple[int, int, LanguageCue]]:
    """Non-overlapping cue matches in text order; of overlapping ones the heaviest stays."""
    hits = []
    for cue in cues:
        for m in cue.pattern.finditer(text):
            if m.end() <= m.start():
                continue
            if cue.needs_name:
                name = m.group("name")
                if not name or not name[0].isupper():
                    continue
            hits.append((m.start(), m.end(), cue))
    hits.sort(key=lambda h: (h[0], -h[2].weight, -h[1]))
    kept: list[tuple[int, int, LanguageCue]] = []
    for h in hits:
        if not kept or h[0] >= kept[-1][1]:
            kept.append(h)
    return kept


class LanguageCueSignal(Signal):
    """Weighted cues of one kind from a language's resources (base of the cue signals).

    Score: ``1 - exp(-Σ weights / 1.5)`` over non-overlapping matches, independent of length
    (one strong cue gives 0.74). Evidence: each match with its English gloss.
    Known false positives: genuine human-interest copy uses some of the same phrases
    ("no pudo contener las lágrimas"); the model weighs these against the sourcing signals.
    """

    kind: ClassVar[str]
    summary = "Cues of one kind from a language's resources"

    def __init__(self, *, lang: str = "es") -> None:
        self.lang = lang
        self.cues = _resources(lang).of_kind(self.kind)

    def score(self, doc: Document) -> SignalResult:
        """Score ``doc`` from the cues of this kind it holds."""
        text = doc.text
        hits = cue_hits(text, self.cues)
        total = sum(c.weight for _, _, c in hits)
        ranked = sorted(hits, key=lambda h: -h[2].weight)[:MAX_EVIDENCE]
        evidence = tuple(
            Evidence(Span(s, e), f"{self.name} ({c.gloss}): {_quote(text[s:e])}")
            for s, e, c in sorted(ranked, key=lambda h: h[0])
        )
        return SignalResult(self.id, 1.0 - math.exp(-total / CUE_SCALE), evidence)


class StoryCues(LanguageCueSignal):
    """The genre's story grammar in the document's language ("nadie lo vio venir")."""

    id = "lang_story.v1"
    kind = "story"
    name = "Viral-story grammar"
    summary = "Stock phrases and story beats of fabricated viral stories, per language"
    direction: ClassVar[Literal["fabricated", "genuine"]] = "fabricated"


class TeaserCues(LanguageCueSignal):
    """Teasers and calls to action in the document's language ("historia completa en...")."""

    id = "lang_teaser.v1"
    kind = "teaser"
    name = "Teaser / call to action"
    summary = "Calls to action, share appeals and withheld outcomes, per language"
    direction: ClassVar[Literal["fabricated", "genuine"]] = "fabricated"


class AlarmCues(LanguageCueSignal):
    """Alarm framing in the document's language ("ÚLTIMA HORA", "hace 10 minutos", "R.I.P.")."""

    id = "lang_alarm.v1"
    kind = "alarm"
    name = "Breaking-news alarm"
    summary = "Alarm framing of fake breaking news and death hoaxes, per language"
    direction: ClassVar[Literal["fabricated", "genuine"]] = "fabricated"


class AttributionCues(LanguageCueSignal):
    """Checkable attribution in the document's language (agency datelines, "según la policía")."""

    id = "lang_attribution.v1"
    kind = "attribution"
    name = "Checkable sourcing"
    summary = "Agency datelines, named outlets, statements and sources, per language"
    direction: ClassVar[Literal["fabricated", "genuine"]] = "genuine"


class SpecificsCues(LanguageCueSignal):
    """Checkable specifics in the document's language (dates, weekdays, titled names, places)."""

    id = "lang_specifics.v1"
    kind = "specifics"
    name = "Checkable specifics"
    summary = "Calendar dates, weekdays, clock times, titled names and places, per language"
    direction: ClassVar[Literal["fabricated", "genuine"]] = "genuine"


class EmotionCues(Signal):
    """Density of the language's emotional lexicon (tears, shock, heart, miracle).

    Score 0.5 at ``EMOTION_HALF`` emotional words per 100 words. Evidence: each word.
    Known false positives: genuine obituaries and tributes are emotional too.
    """

    id = "lang_emotion.v1"
    name = "Emotional language"
    summary = "Density of tears-shock-awe vocabulary, per language"
    direction: ClassVar[Literal["fabricated", "genuine"]] = "fabricated"

    def __init__(self, *, lang: str = "es") -> None:
        self.lang = lang
        self.pattern = _resources(lang).emotion

    def score(self, doc: Document) -> SignalResult:
        """Score ``doc`` by emotional words per 100 words."""
        text = doc.text
        found = list(self.pattern.finditer(text))
        per100 = 100.0 * len(found) / doc.view.word_count
        score = per100 / (per100 + EMOTION_HALF) if per100 > 0 else 0.0
        evidence = tuple(
            Evidence(Span(m.start(), m.end()), f"emotional word: {_quote(m.group())}")
            for m in found[:MAX_EVIDENCE]
        )
        return SignalResult(self.id, score, evidence)


_EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf\u2b00-\u2bff]")
_POINTING = frozenset("\U0001f447\U0001f449\u2b07\u27a1\u2935\U0001f446")
_PUNCT = (
    (re.compile(r"[!?]{2,}"), 1.0, "run of exclamation marks", "!"),
    (re.compile(r"(?<=\w)(?:\u2026|\.\.\.)(?=[ \t]*(?:$|\n|[\"\u201d\u00bb]))", re.M), 0.75,
     "sentence cut off by an ellipsis", ""),
    (re.compile(r"(?<!\w)#[^\W\d_]\w{2,}"), 0.5, "hashtag", ""),
    (re.compile(r"(?<!\w)[^\W\d_a-z]{4,}(?:\s+[^\W\d_a-z]{2,}){1,}(?!\w)"), 0.75,
     "all-caps words", ""),
)  # fmt: skip


class PunctuationSignal(Signal):
    """Teaser punctuation and emoji, in any language.

    Cues: emoji (0.5 each; pointing hands and arrows 1.0), runs of "!!" or "?!" (1.0), an
    ellipsis closing a line or a quote (0.75), hashtags (0.5), runs of all-caps words
    (0.75). Score: ``1 - exp(-Σ weights / 2)``. Evidence: each cue.
    Known false positives: social posts of outlets use emoji and hashtags too.
    """

    id = "punctuation.v1"
    name = "Teaser punctuation and emoji"
    summary = "Emoji, '!!', cut-off ellipses, hashtags and all-caps runs (any language)"
    direction: ClassVar[Literal["fabricated", "genuine"]] = "fabricated"

    def score(self, doc: Document) -> SignalResult:
        """Score ``doc`` from its punctuation and emoji cues."""
        text = doc.text
        found: list[tuple[int, int, float, str]] = []
        for m in _EMOJI.finditer(text):
            weight = 1.0 if m.group() in _POINTING else 0.5
            found.append((m.start(), m.end(), weight, "emoji"))
        for pattern, weight, why, needs in _PUNCT:
            found.extend(
                (m.start(), m.end(), weight, why)
                for m in pattern.finditer(text)
                if needs in m.group()
            )
        total = sum(w for _, _, w, _ in found)
        found.sort()
        evidence = tuple(
            Evidence(Span(s, e), f"{why}: {_quote(text[s:e])}")
            for s, e, _, why in found[:MAX_EVIDENCE]
        )
        return SignalResult(self.id, 1.0 - math.exp(-total / 2.0), evidence)


LANGUAGE_CUE_SIGNALS: tuple[type[LanguageCueSignal | EmotionCues], ...] = (
    StoryCues,
    TeaserCues,
    AlarmCues,
    EmotionCues,
    AttributionCues,
    SpecificsCues,
)


def language_signal_classes() -> dict[str, type[Signal]]:
    """Every signal class of the language model by id (for catalogues such as ``explain``).

    The built-in ``homoglyphs.v1`` is left out: the registry already names it.

    >>> sorted(language_signal_classes())[:2]
    ['chargrams.v1', 'lang_alarm.v1']
    """
    from hoaxlens.languages.chargrams import CharGramSignal

    found: dict[str, type[Signal]] = {cls.id: cls for cls in LANGUAGE_CUE_SIGNALS}
    found[PunctuationSignal.id] = PunctuationSignal
    found[CharGramSignal.id] = CharGramSignal
    return found
