"""A lexicon's answers do not depend on what the process did before (issue 18's review).

The speed-ups (``build_speedups``, or on by themselves after ``PREFILTERS_AFTER`` scans)
and a lexicon's first use must give the answers a plain scan gives. Each check that needs
a process in a given state runs in a fresh one.
"""

from __future__ import annotations

import json
import subprocess
import sys

from hoaxlens.signals import lexicon
from hoaxlens.signals.builtin import sourcing, teaser  # noqa: F401 - their lexicons register
from hoaxlens.signals.matchset import holds_one_of
from hoaxlens.types import TextView


def _fresh(code: str) -> str:
    command = [sys.executable, "-c", code]
    out = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603
    return out.stdout.strip()


def test_a_lexicon_built_from_entries_finds_its_matches_at_its_first_use() -> None:
    code = (
        "import json\n"
        "from hoaxlens.signals.lexicon import Cue, Phrase, build_speedups\n"
        "from hoaxlens.signals.lexicon import find_cues, find_phrases\n"
        "from hoaxlens.types import TextView\n"
        "build_speedups()\n"
        "p = Phrase(r'\\b(?:zorblax hoax)\\b', 'plugin phrase', r'(?:zorblax hoax)\\b',\n"
        "           ('zorblax',))\n"
        "c = Cue('k', 1.0, 'plugin cue', r'\\b(?:quuxly said)', r'(?:quuxly said)', True,\n"
        "        ('quuxly',))\n"
        "text = 'The zorblax hoax was quuxly said to spread.'\n"
        "out = []\n"
        "for _ in range(2):\n"
        "    out.append([[e.span.start, e.span.end] for e in find_phrases(TextView(text), (p,))])\n"
        "    out.append([[h.start, h.end] for h in find_cues(TextView(text), (c,))])\n"
        "print(json.dumps(out))\n"
    )
    assert json.loads(_fresh(code)) == [[[4, 16]], [[21, 32]]] * 2


def test_a_plain_analyzer_gives_the_same_record_before_and_after_the_speedups_turn_on() -> None:
    # No warm-up: the speed-ups turn on by themselves within the 40 documents.
    code = (
        "import json\n"
        "from hoaxlens.analyzer import Analyzer\n"
        "from hoaxlens.types import MediaType, RawDocument\n"
        "text = ('SHOCKING NEWS: actor DEAD AT 45\\n\\nVery sad news for his fans tonight. '\n"
        "        'The actor was found DEAD AT 45 in his home.')\n"
        "analyzer = Analyzer()\n"
        "out = []\n"
        "for _ in range(40):\n"
        "    raw = RawDocument(id='d', content=text, media_type=MediaType.TEXT, source='x')\n"
        "    verdict = analyzer.analyze(raw)\n"
        "    out.append(sorted((s.signal, s.score, [(e.span.start, e.span.end, e.reason)\n"
        "                        for e in s.evidence]) for s in verdict.signals))\n"
        "print(json.dumps(out))\n"
    )
    records = json.loads(_fresh(code))
    assert len(records) == 40
    alarm = [s for s in records[0] if s[0].startswith("alarm")]
    assert alarm
    assert alarm[0][1] > 0.9
    assert len(alarm[0][2]) == 4
    assert all(record == records[0] for record in records)


def test_occurrences_lists_every_registered_string_once_the_speedups_are_on() -> None:
    lexicon.build_speedups()
    missing = []
    for string in list(lexicon._LITERALS):
        if string.strip() and string == string.lower() and string.isascii():
            text = f"Zq {string} zq."
            if string not in lexicon.occurrences(TextView(text)):
                missing.append(string)
    assert missing == []


def _builtin_lexicons() -> list[tuple[lexicon.Phrase, ...] | tuple[lexicon.Cue, ...]]:
    from hoaxlens.analyzer import Analyzer
    from hoaxlens.types import MediaType, RawDocument

    lexicon.build_speedups()
    text = "Help the family by liking and sharing. SHOCKING NEWS: CNN said so (AP) - today."
    Analyzer().analyze(RawDocument(id="d", content=text, media_type=MediaType.TEXT, source="x"))
    return [held[0] for held in lexicon._PLANS.values()]  # type: ignore[misc]


def test_an_entry_is_picked_by_its_core_strings_only_where_they_hold_its_gates() -> None:
    lexicons = _builtin_lexicons()
    match_set = lexicon._match_set
    assert match_set is not None
    picked = 0
    for entries in lexicons:
        keys = lexicon._phrase_keys if isinstance(entries[0], lexicon.Phrase) else lexicon._cue_keys
        plan = lexicon._lean_plan(entries, keys, match_set)
        for i, entry in enumerate(entries):
            gates = keys(entry)[0]
            cores = match_set.cores.get(plan.scanned[i], frozenset())
            chosen_by = {key for key, numbers in plan.by_key.items() if i in numbers}
            if gates and cores and chosen_by == set(cores) and chosen_by != set(gates):
                picked += 1
                source, flags = list(lexicon._SCANNED)[plan.scanned[i]]
                held = all(any(g in core for g in gates) for core in cores)
                # or every match holds a gate all the same (the speakers' role words)
                assert held or holds_one_of(source, flags, gates), entry.reason
    assert picked > 50


def test_a_cue_whose_regex_outgrows_its_gates_is_not_found_without_them() -> None:
    # teaser's engagement-bait regex matches "by liking and sharing"; its gates
    # (share, type, comment, show your) do not occur there: never scanned for, as before
    from hoaxlens.analyzer import Analyzer
    from hoaxlens.types import MediaType, RawDocument

    lexicon.build_speedups()
    analyzer = Analyzer()
    raw = RawDocument(
        id="d",
        content="Help the family by liking and sharing.",
        media_type=MediaType.TEXT,
        source="x",
    )
    for _ in range(2):
        teaser_result = [s for s in analyzer.analyze(raw).signals if s.signal == "teaser.v1"]
        assert [(s.score, s.evidence) for s in teaser_result] == [(0.0, ())]


def test_a_cue_given_a_narrower_second_gate_after_a_scan_still_finds_its_matches() -> None:
    # 3d631d3's review: a plugin copy of a speaker cue with a new ``also`` set (made of
    # strings already registered) narrowed the cue's trust but kept the lean index built
    # while it was trusted, which had left out its role words: both lexicons lost the quote.
    code = (
        "import dataclasses, json\n"
        "from hoaxlens.signals import lexicon\n"
        "from hoaxlens.signals.builtin.sourcing import CUES\n"
        "lexicon.build_speedups()\n"
        "text = '\"We are hopeful,\" said Jane Doe, a spokesperson for the hospital.'\n"
        "def spans(lex):\n"
        "    return [[h.start, h.end] for h in lexicon.find_cues(text, lex)]\n"
        "speaker = next(c for c in CUES if c.also and spans((c,)))\n"
        "out = [spans(CUES)]\n"
        "out.append(spans((dataclasses.replace(speaker, also=('said',)),)))\n"
        "out.append(spans(CUES))\n"
        "print(json.dumps(out))\n"
    )
    before, plugin, after = json.loads(_fresh(code))
    assert before, "the sourcing cues find the on-record quote"
    assert plugin == before
    assert after == before
