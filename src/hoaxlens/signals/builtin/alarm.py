"""Breaking-news alarm: the framing of death and health hoaxes, and their unsourced claims."""

from __future__ import annotations

import math
import re

from hoaxlens.signals.base import MAX_EVIDENCE, Signal
from hoaxlens.signals.lexicon import cues, find_cues, quote
from hoaxlens.types import Document, Evidence, SignalResult, Span

_ALARM = "alarm framing of a fake breaking story"
_DEATH = "death or collapse announced with nobody named as the source"
_FAKE_OUTLET = "an outlet's name used as a label, not as a source"

CUES = cues(
    ("\U0001f6a8", "alarm", 1.5, _ALARM, ("\U0001f6a8",)),
    (r"\b(?-i:BREAKING(?: NEWS)?)\b", "alarm", 1.0, _ALARM, ("breaking",), (), ("BREAKING",)),
    (
        r"\b(?:(?-i:SAD|SHOCKING|HEARTBREAKING|TRAGIC|URGENT) (?-i:NEWS)|very sad news"
        r"|sad news (?:of|about|for)|we announce the (?:very )?sad news)\b",
        "alarm",
        1.5,
        _ALARM,
        ("news",),
    ),
    (
        r"(?:\[\s*)?\b(?-i:R\.?I\.?P)\b\.?(?:\s*\])?",
        "alarm",
        1.5,
        _ALARM,
        ("rip", "r.ip", "ri.p", "r.i.p"),  # every spelling the regex takes (R.IP too)
        (),
        ("RIP", "R.IP", "RI.P", "R.I.P"),
    ),
    (
        r"\b(?:\d{1,3}|a few|few) (?:minutes?|mins?) ago\b",
        "alarm",
        2.0,
        "countdown timestamp in the story text",
        ("ago",),
    ),
    (r"#\w*(?:died|rip|dead|death)\w*", "alarm", 1.5, _ALARM, ("#",)),
    (
        r"\b(?:last goodbye|on (?:his|her) deathbed|tearful farewell|reports reaching us)\b",
        "alarm",
        1.0,
        _ALARM,
        ("goodbye", "deathbed", "farewell", "reaching us"),
    ),
    (r"\b(?-i:DEAD AT \d{1,3})\b", "alarm", 1.5, _ALARM, ("dead at",), (), ("DEAD AT",)),
    (
        r"\[\s*(?:cnn|bbc|fox|abc|nbc|cbs|reuters|ap)\b[^\]\n]{0,30}\]|\.(?-i:BBCNEWS|CNNNEWS)\b",
        "outlet",
        1.5,
        _FAKE_OUTLET,
        ("[", ".bbcnews", ".cnnnews"),  # every match holds "[" or ".BBCNEWS" / ".CNNNEWS"
    ),
    (
        r"\b(?:found dead|lifeless body|found overdosed|passed away suddenly|died suddenly"
        r"|tragically (?:killed|died|passed)|has (?:sadly )?passed away|found unresponsive)\b",
        "death",
        1.5,
        _DEATH,
        ("dead", "body", "overdosed", "passed", "died", "killed", "unresponsive"),
    ),
)
# An on-record source in the same sentence keeps a death claim from counting.
_SOURCED = re.compile(
    r"\b(?:said|says|told|statement|announced|spokes\w*|publicist|coroner|police|family"
    r"|(?:his|her|their) (?:son|daughter|wife|husband|widow|manager))\b|\((?:ap|reuters)\)",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]+|\n|$)")


def _sentence(text: str, start: int) -> str:
    begin = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    m = _SENTENCE.match(text, begin)
    return m.group(0) if m else text[begin:start]


class AlarmSignal(Signal):
    """Alarm framing: how fake "breaking" death and health stories announce themselves.

    Cues: siren emoji, all-caps BREAKING / SAD NEWS / DEAD AT 75, "R.I.P." tags, "10
    minutes ago" inside the story, #whodiedtoday-style hashtags, "his last goodbye",
    "reports reaching us", an outlet's name used as a bracketed label ("[CNN BREAKING
    NEWS]"), and a death or collapse ("found dead", "passed away suddenly") announced in a
    sentence that names no source (no family, spokesperson, statement, police, "said").
    Score: ``1 - exp(-Σ weights)``, independent of length. Evidence: each cue, with why.
    Known false positives: an outlet's own "BREAKING:" social post, a genuine obituary that
    says "passed away suddenly" without attribution in that sentence.
    """

    id = "alarm.v1"
    summary = "Alarm framing of fake breaking news: sirens, caps, 'minutes ago', unsourced deaths"
    name = "Breaking-news alarm"
    direction = "fabricated"

    def score(self, doc: Document) -> SignalResult:
        """Score ``doc`` from the alarm cues it carries."""
        text = doc.text
        total, evidence = 0.0, []
        for hit in find_cues(doc.view, CUES):
            if hit.cue.kind == "death" and _SOURCED.search(_sentence(text, hit.start)):
                continue
            total += hit.cue.weight
            matched = quote(text[hit.start : hit.end])
            evidence.append(
                (hit.cue.weight, Evidence(Span(hit.start, hit.end), f"{hit.cue.reason}: {matched}"))
            )
        evidence.sort(key=lambda we: -we[0])
        return SignalResult(
            self.id, 1.0 - math.exp(-total), tuple(e for _, e in evidence[:MAX_EVIDENCE])
        )
