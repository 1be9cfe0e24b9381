"""The fast paths of issue 18 give the same answers as the plain ones they replace."""

# ruff: noqa: S311 - seeded generators make test inputs, not secrets

from __future__ import annotations

import pickle
import random
import re

import pytest

from hoaxlens.people.counting import count_spaced
from hoaxlens.signals import lexicon
from hoaxlens.signals.lexicon import find_phrases, phrases, required_literals
from hoaxlens.signals.ngrams import ngram_features
from hoaxlens.types import Document, MediaType, RawDocument, TextView

WORDS = ["then", "It", "happened", "face\u2019s", "İstanbul", "x_y", "9", "tears", "", "a"]


def _texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 14))) for _ in range(count)]


def _slow_first_spans(text: str, max_n: int) -> dict[str, tuple[int, int]]:
    """The per-token loop the n-gram features were built with before issue 18."""
    folded = text[:20_000].lower().replace("\u2019", "'")
    if len(folded) != min(len(text), 20_000):
        folded = "".join(c if len(c.lower()) > 1 else c.lower() for c in text[:20_000])
        folded = folded.replace("\u2019", "'")
    matches = list(re.finditer(r"[^\W_]+(?:['\u2019][^\W_]+)?", folded))
    words = [m.group() for m in matches]
    spans: dict[str, tuple[int, int]] = {}
    for i, m in enumerate(matches):
        spans.setdefault(words[i], m.span())
        for n in range(2, min(max_n, i + 1) + 1):
            first = i - n + 1
            spans.setdefault(" ".join(words[first : i + 1]), (matches[first].start(), m.end()))
    return spans


@pytest.mark.parametrize("max_n", [1, 2, 3, 4], ids=lambda n: f"max_n={n}")
def test_ngram_features_keep_the_order_and_spans_of_the_per_token_loop(max_n):
    for text in _texts(max_n, 300):
        slow = _slow_first_spans(text, max_n)
        feats = ngram_features(text, max_n)
        assert list(feats.grams) == list(slow)
        assert all(feats.span(g) == span for g, span in slow.items())
        assert feats.first_span == slow


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(r"(went|gone|going) viral", (" viral",), id="literal-after-group"),
        pytest.param(r"allegedly|rumou?red", ("allegedly", "rumo"), id="alternation"),
        pytest.param(r"\d+ ?(?:am|pm)?", (), id="nothing-certain"),
        pytest.param(r"(?:a|)b?", (), id="empty-branch"),
        pytest.param(r"(?:said ){1,3}it", ("said ",), id="repeat-at-least-once"),
    ],
)
def test_required_literals(source, expected):
    assert required_literals(source) == expected


def test_required_literals_are_in_every_match():
    rng = random.Random(7)
    sources = [r"(went|gone|going) viral", r"then (it|something) happened", r"(19|20)\d\d"]
    alphabet = ["went", "gone", " viral", "then ", "it", " happened", "19", "20", "07", " "]
    for source in sources:
        gates = required_literals(source)
        assert gates
        for _ in range(500):
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
            for m in re.finditer(source, text):
                assert any(g in m.group() for g in gates), (source, text)


def test_gated_phrases_find_what_ungated_ones_find():
    lexicon = phrases((r"then (it|something) happened", "beat"), (r"(went|gone) viral", "v"))
    ungated = tuple(type(p)(p.source, p.reason, p.folded_source) for p in lexicon)
    for text in ["Then it happened.", "It WENT VIRAL", "nothing here", "then something happened"]:
        assert find_phrases(text, lexicon) == find_phrases(text, ungated)


def test_count_spaced_direct_and_linear_paths_agree(monkeypatch):
    import hoaxlens.people.counting as counting

    rng = random.Random(3)
    parts = ["Ann", "Lee", " ", "Jo", "e", "A", ""]
    for _ in range(2000):
        text = "".join(rng.choice(parts) for _ in range(rng.randint(0, 25)))
        names = ["".join(rng.choice(parts) for _ in range(rng.randint(1, 5))) for _ in range(6)]
        starts = {n: rng.randint(0, 10) for n in names if rng.random() < 0.3}
        monkeypatch.setattr(counting, "DIRECT_NAMES", 0)
        linear = count_spaced(text, names, starts)
        monkeypatch.setattr(counting, "DIRECT_NAMES", 10**9)
        assert count_spaced(text, names, starts) == linear


def test_text_view_is_shared_and_pickles_as_its_text():
    raw = RawDocument(id="d", content="x", media_type=MediaType.TEXT, source="t")
    doc = Document(id="d", title="", text="Tears Fell", original_text="x", replacements=(), raw=raw)
    assert doc.view.lower == "tears fell"
    assert doc.view.derive(str.split) is doc.view.derive(str.split)
    again = pickle.loads(pickle.dumps(doc))  # noqa: S301 - our own object
    assert again == doc
    assert again.view.text == doc.text
    assert isinstance(again.view, TextView)


@pytest.mark.parametrize("max_n", [1, 2, 3], ids=lambda n: f"max_n={n}")
def test_spans_of_several_ngrams_equal_their_spans_one_by_one(max_n):
    for text in _texts(10 + max_n, 300):
        feats = ngram_features(text, max_n)
        grams = list(reversed(feats.grams))
        assert feats.spans(grams) == [feats.span(g) for g in grams]
    with pytest.raises(ValueError, match="not"):
        ngram_features("then it happened", 2).spans(["it then"])


def test_case_simple_characters_match_only_their_ascii_cases():
    import sys

    from hoaxlens.signals.lexicon import CASE_SIMPLE

    # One class of them all matches only ASCII (so each matches only its ASCII cases).
    pattern = re.compile("[" + re.escape("".join(sorted(CASE_SIMPLE))) + "]", re.IGNORECASE)
    matched = {chr(c) for c in range(sys.maxunicode + 1) if pattern.fullmatch(chr(c))}
    assert matched == CASE_SIMPLE | {c.swapcase() for c in CASE_SIMPLE}


@pytest.mark.parametrize(
    "text",
    [
        "Follow @jane_doe and read HTTPS://example.com/x today.",
        "hTtP://a.b @x",
        "No handle, no link: just a story.",
        "mail@ x @y http:/ https:// İstanbul @ab",
        "",
    ],
)
def test_a_gated_phrase_that_cannot_be_lowered_finds_every_match(text):
    from hoaxlens.signals.builtin.unverifiable_attribution import ANCHORS

    gated = [p for p in ANCHORS if p.case_gates]
    assert gated  # the handle-or-link anchor
    for piece in (text, text.upper(), text.lower()):
        for p in gated:
            plain = [m.span() for m in p.pattern.finditer(piece)]
            assert [(e.span.start, e.span.end) for e in find_phrases(piece, (p,))] == plain


def test_ranked_positive_is_top_positive_one_at_a_time():
    from hoaxlens.signals.linear import LinearTextModel

    rng = random.Random(18)
    vocab = ["then", "it", "happened", "tears", "a", "then it", "it happened", "a tears"]
    for seed in range(200):
        weights = {g: rng.choice([0.5, 0.5, 1.25, -0.3, 0.0, 2.0]) for g in vocab}
        model = LinearTextModel(weights, 0.1, 2)
        feats = ngram_features(_texts(seed, 1)[0])
        assert list(model.ranked_positive(feats)) == model.top_positive(feats, len(feats.grams))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(r"sob(s|bed|bing)?", ("sob", "sobbed", "sobbing", "sobs"), id="optional"),
        pytest.param(r"heart-?felt|awe", ("awe", "heart-felt", "heartfelt"), id="alternation"),
        pytest.param(r"\bsaid\b", None, id="anchor"),
        pytest.param(r"[a-z]+", None, id="class"),
        pytest.param(r"x{1,3}", ("x", "xx", "xxx"), id="bounded-repeat"),
    ],
)
def test_literal_strings(source, expected):
    from hoaxlens.signals.lexicon import literal_strings

    assert literal_strings(source) == expected


def test_literal_strings_without_anchors_keep_every_match():
    from hoaxlens.signals.lexicon import literal_strings

    assert literal_strings(r"\b(?:told|said to) (?:the )?bbc\b", drop_anchors=True) == (
        "said to bbc",
        "said to the bbc",
        "told bbc",
        "told the bbc",
    )


def test_trie_source_matches_exactly_its_words():
    from hoaxlens.signals.lexicon import trie_source

    rng = random.Random(11)
    letters = "aberst-"
    for _ in range(300):
        words = {"".join(rng.choice(letters) for _ in range(rng.randint(1, 5))) for _ in range(8)}
        pattern = re.compile(f"(?:{trie_source(words)})")
        for _ in range(40):
            probe = "".join(rng.choice(letters) for _ in range(rng.randint(1, 5)))
            assert (pattern.fullmatch(probe) is not None) == (probe in words), (words, probe)


def _emotive_texts(seed: int, count: int) -> list[str]:
    from hoaxlens.signals.builtin.emotional_language import _EMOTIVE
    from hoaxlens.signals.lexicon import literal_strings

    words = literal_strings(_EMOTIVE[3:-3])
    assert words
    pieces = [*words, "heart", "hearts", "tear", "x", "_", "-", "'", "\u2019", "2", "é", "İ"]
    joiners = [" ", "", "-", "_", ".", "\n", "'"]
    rng = random.Random(seed)
    return [
        "".join(rng.choice(pieces) + rng.choice(joiners) for _ in range(rng.randint(0, 12)))
        for _ in range(count)
    ]


def test_the_factored_emotive_words_find_what_the_alternation_finds():
    from hoaxlens.signals.builtin.emotional_language import _EMOTIVE_LOWER, emotive_lower

    fast = emotive_lower()
    assert fast is not _EMOTIVE_LOWER  # the factored regex is the one in use
    for text in _emotive_texts(5, 3000):
        lower = text.lower()
        assert [m.span() for m in fast.finditer(lower)] == [
            m.span() for m in _EMOTIVE_LOWER.finditer(lower)
        ], lower


def _outlet_texts(seed: int, count: int) -> list[str]:
    from hoaxlens.signals.builtin.alarm import CUES as ALARM
    from hoaxlens.signals.builtin.sourcing import CUES as SOURCING
    from hoaxlens.signals.lexicon import literal_strings, loosened

    phrases_ = set()
    for cue in (*SOURCING, *ALARM):
        loose = loosened(cue.pattern.pattern)
        found = None if loose is None else literal_strings(loose, drop_anchors=True)
        phrases_.update(found or ())
    assert len(phrases_) > 100
    pool = sorted(phrases_)
    extra = ["AP", "Ap", "People", "PEOPLE", "The Times", "the times", "Today", "ET", "et", "x"]
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 6)):
            piece = rng.choice(pool) if rng.random() < 0.6 else rng.choice(extra)
            piece = "".join(c.upper() if rng.random() < 0.3 else c for c in piece)
            parts.append(piece + rng.choice([" ", ", ", ". ", "\n", " reported ", " told "]))
        out.append("".join(parts))
    # long texts too: their gates are listed and only the stretches near them are searched
    return out + ["\n".join(rng.sample(out, 60)) for _ in range(count // 20)]


def test_cues_with_a_prefilter_find_what_they_find_without_it(monkeypatch):
    import hoaxlens.signals.lexicon as lexicon
    from hoaxlens.signals.builtin.alarm import CUES as ALARM
    from hoaxlens.signals.builtin.sourcing import CUES as SOURCING

    filtered = [c for c in (*SOURCING, *ALARM) if lexicon.prefilter(c.pattern.pattern)]
    assert len(filtered) >= 3  # the outlet cues and two alarm cues
    # every one is built by a warm-up, and used from then on (a process's first
    # PREFILTERS_AFTER scans go without: they would pay more to build them than they save)
    assert {c.pattern.pattern for c in filtered} <= set(lexicon._PREFILTERED)
    lexicon.build_speedups()
    texts = _outlet_texts(9, 1500)
    with_filter = [lexicon.find_cues(t, (*SOURCING, *ALARM), overlapping=True) for t in texts]
    assert sum(map(len, with_filter)) > 500
    monkeypatch.setattr(lexicon, "prefilter", lambda _source: None)
    assert with_filter == [
        lexicon.find_cues(t, (*SOURCING, *ALARM), overlapping=True) for t in texts
    ]


def test_speaker_cues_find_what_they_find_without_their_second_gates():
    import dataclasses

    from hoaxlens.signals.builtin.sourcing import CUES
    from hoaxlens.signals.lexicon import find_cues

    speakers = tuple(c for c in CUES if c.also)
    assert len(speakers) == 3
    plain = tuple(dataclasses.replace(c, also=()) for c in speakers)
    pieces = [
        "said", "SAID", "Told", "noted", "Jane Smith", "Dr. Ann Lee", "John de Vries", "the",
        "a", "her", "spokesperson", "Publicist", "director", "for the hospital", "people",
        "Mary", "x", "\u017faid", "Sheriff", "\u0131t",
    ]  # fmt: skip
    templates = [
        "{v} {n}, {d} {r}",
        "{d} {r}, {n}, {v}",
        "{n}, {d} {r} for the club, {v}",
        "{n} {v}",
    ]
    rng = random.Random(16)
    texts = []
    for _ in range(1500):
        words = [rng.choice(pieces) for _ in range(rng.randint(0, 8))]
        pick = {k: rng.choice(pieces) for k in "vndr"}
        if rng.random() < 0.7:
            pick.update(
                v=rng.choice(pieces[:4]),
                n=rng.choice(pieces[4:7]),
                d=rng.choice(pieces[7:10]),
                r=rng.choice(pieces[10:13]),
            )
        words.insert(rng.randint(0, len(words)), rng.choice(templates).format(**pick))
        texts.append("".join(w + rng.choice([" ", ", ", ". ", "\n"]) for w in words))
    # long texts, with few enough gates to be searched near them only
    filler = "Nothing to see in this line at all. " * 50
    texts += ["\n".join([*rng.sample(texts, 15), filler]) for _ in range(200)]
    found = [find_cues(t, speakers, overlapping=True) for t in texts]
    assert sum(map(len, found)) > 100
    assert [[(h.start, h.end) for h in hits] for hits in found] == [
        [(h.start, h.end) for h in find_cues(t, plain, overlapping=True)] for t in texts
    ]


def test_cues_with_a_loosened_prefilter_find_what_they_find_without_it(monkeypatch):
    import hoaxlens.signals.lexicon as lexicon
    from hoaxlens.signals.builtin.alarm import CUES as ALARM
    from hoaxlens.signals.builtin.sourcing import CUES as SOURCING

    # the cues whose loosened form is not finite: it is their prefilter, as it is
    loose = tuple(
        c
        for c in (*SOURCING, *ALARM)
        if lexicon.prefilter(c.source) is not None
        and lexicon.literal_strings(lexicon.loosened(c.source) or "", drop_anchors=True) is None
    )
    assert len(loose) >= 5  # the three speaker cues, R.I.P and "dead at <age>"
    pieces = [
        "said", "SAID", "Told", "noted", "Jane Smith", "Dr. Ann Lee", "John de Vries", "jane smith",
        "JANE SMITH", "Mary", "the", "a", "her", "spokesperson", "Publicist", "director",
        "for the hospital", "\u017faid", "\u0131t", "Sheriff", "RIP", "r.i.p", "[ R.I.P ]",
        "Dead at 45", "DEAD AT 3", "dead at", "(AP) —", "(ap) -", "x", "2",
    ]  # fmt: skip
    rng = random.Random(1818)
    texts = [
        "".join(rng.choice(pieces) + rng.choice([" ", ", ", ". ", "\n", ""]) for _ in range(14))
        for _ in range(3000)
    ]
    filler = "Nothing to see in this line at all. " * 50  # long texts: searched near gates
    texts += ["\n".join([*rng.sample(texts, 15), filler]) for _ in range(200)]
    lexicon.build_speedups()
    with_filter = [lexicon.find_cues(t, loose, overlapping=True) for t in texts]
    assert sum(map(len, with_filter)) > 1000
    monkeypatch.setattr(lexicon, "prefilter", lambda _source: None)
    assert with_filter == [lexicon.find_cues(t, loose, overlapping=True) for t in texts]


def test_cues_with_exact_strings_find_what_they_find_without_them():
    import dataclasses

    from hoaxlens.signals.builtin.alarm import CUES
    from hoaxlens.signals.lexicon import find_cues

    exact = tuple(c for c in CUES if c.exact)
    assert len(exact) == 3
    plain = tuple(dataclasses.replace(c, exact=()) for c in exact)
    pieces = [
        "RIP", "rip", "R.I.P", "r.i.p", "R.IP", "Ri.P", "RI.P", "[RIP]", "[ r.i.p ]", "trip",
        "BREAKING", "Breaking", "BREAKING NEWS", "breaking news", "DEAD AT 45", "Dead at 3",
        "dead at", "x", "2",
    ]  # fmt: skip
    rng = random.Random(21)
    texts = [
        "".join(rng.choice(pieces) + rng.choice([" ", ". ", "\n", ""]) for _ in range(12))
        for _ in range(2000)
    ]
    found = [find_cues(t, exact, overlapping=True) for t in texts]
    assert sum(map(len, found)) > 1000
    assert [[(h.start, h.end) for h in hits] for hits in found] == [
        [(h.start, h.end) for h in find_cues(t, plain, overlapping=True)] for t in texts
    ]


def test_the_outlet_label_cue_finds_with_its_gates_what_it_finds_without():
    import dataclasses

    from hoaxlens.signals.builtin.alarm import CUES
    from hoaxlens.signals.lexicon import find_cues

    (label,) = [c for c in CUES if c.kind == "outlet"]
    ungated = dataclasses.replace(label, gates=())
    pieces = ["[CNN]", "[ bbc news ]", "[Fox", "]", ".BBCNEWS", ".bbcnews", "CNNNEWS", ".CNNNEWS"]
    pieces += ["news", "[", "x", "AP", "[ap wire]", "\n"]
    rng = random.Random(8)
    texts = [
        "".join(rng.choice(pieces) + rng.choice(["", " "]) for _ in range(10)) for _ in range(3000)
    ]
    found = [find_cues(t, (label,), overlapping=True) for t in texts]
    assert sum(map(len, found)) > 500
    assert [[(h.start, h.end) for h in hits] for hits in found] == [
        [(h.start, h.end) for h in find_cues(t, (ungated,), overlapping=True)] for t in texts
    ]


def test_a_one_document_run_builds_no_prefilter():
    import subprocess
    import sys

    code = (
        "from hoaxlens.signals import lexicon\n"
        "from hoaxlens.signals.builtin.sourcing import CUES\n"
        "text = 'CNN reported that the star said so, a spokesperson told Reuters.'\n"
        "lexicon.find_cues(text, CUES)\n"
        "print(lexicon.prefilter.cache_info().currsize)\n"
    )
    command = [sys.executable, "-c", code]
    out = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603
    assert out.stdout.strip() == "0"


def test_emotive_words_from_the_one_pass_are_the_factored_regexs_matches():
    from hoaxlens.signals.builtin.emotional_language import emotive_lower, emotive_spans

    texts = _emotive_texts(6, 3000)
    texts += ["\n".join(texts[i : i + 30]) for i in range(0, 600, 30)]  # some words often
    listed = 0
    for text in texts:
        spans = emotive_spans(TextView(text))
        if spans is not None:
            listed += 1
            assert spans == [m.span() for m in emotive_lower().finditer(text.lower())], text
    assert listed > 2900


def test_dramatic_lines_are_those_finditer_finds_past_the_first_line():
    from hoaxlens.signals.builtin.story_grammar import DRAMATIC_LINE, _dramatic_lines

    pieces = ["Then it happened.", "No.", "“Why?”", "she", " ", "\t", "\n", "\n\n", "\r", "…"]
    pieces += ["And then, silence!", "x" * 70 + ".", "'Gone.'", "A", "é", "\u2028", "."]
    pieces += ["Ab" * 29, "“" + "a" * 60 + "!”", "  \t ", "”"]  # lines near the longest that match
    rng = random.Random(1821)
    raw = RawDocument(id="x", content="", media_type=MediaType.TEXT, source="-")
    found = 0
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        doc = Document("x", "", text, text, (), raw)
        expected = [m.span(1) for m in DRAMATIC_LINE.finditer(text) if m.start() != 0]
        assert [m.span(1) for m in _dramatic_lines(doc)] == expected, repr(text)
        found += len(expected)
    assert found > 300


@pytest.mark.parametrize(
    ("source", "strings", "expected"),
    [
        pytest.param(
            r"\b(?:said|told) (?-i:[A-Z]\w+), (?:agent|chief)s?\b",
            ("agent", "chief"),
            True,
            id="role-after-a-name",
        ),
        pytest.param(r"(?:said|told) \w+", ("said",), False, id="one-branch-only"),
        pytest.param(r"lik(?:e|ing) and shar(?:e|ing)", ("share",), False, id="gate-too-narrow"),
        pytest.param(r"#\w*(?:died|rip)\w*", ("#",), True, id="prefix"),
        pytest.param(
            r"(?:in tears|breathless)|(?:crying|sobbing) in tears",
            ("tears", "breath"),
            True,
            id="every-branch",
        ),
        pytest.param(r"x(?:ab)+y", ("ab",), True, id="repeat-at-least-once"),
        pytest.param(r"x(?:ab)*y", ("ab",), False, id="repeat-maybe-never"),
        pytest.param(r"(?=said)\w+", ("said",), False, id="lookahead-reads-nothing"),
        pytest.param(r"(?i:said) x", ("said",), False, id="case-insensitive-group"),
    ],
)
def test_holds_one_of(source: str, strings: tuple[str, ...], expected: bool) -> None:
    from hoaxlens.signals.matchset import holds_one_of

    assert holds_one_of(source, re.IGNORECASE, strings) is expected


def _wide_gated() -> list[tuple[int, list[lexicon.Phrase | lexicon.Cue]]]:
    """Built-in regexes led by their strings only since their gates hold on every match."""
    from hoaxlens.analyzer import Analyzer

    lexicon.build_speedups()
    text = "Help the family. SHOCKING NEWS: CNN said so (AP) - today."
    Analyzer().analyze(RawDocument(id="d", content=text, media_type=MediaType.TEXT, source="x"))
    match_set = lexicon._match_set
    assert match_set is not None
    trust = lexicon._trusted(match_set)
    entries: dict[int, list[lexicon.Phrase | lexicon.Cue]] = {}
    for held in lexicon._PLANS.values():
        entries_of, (plan, _) = held
        for entry, number in zip(entries_of, plan.scanned, strict=True):  # type: ignore[call-overload]
            entries.setdefault(number, []).append(entry)
    cores = match_set.cores
    return [
        (number, entries[number])
        for number in sorted({*trust.prefixes, *trust.cores})
        if number in entries and not lexicon._gates_hold(number, cores.get(number))
    ]


_WIDE_PIECES = [
    "said", "SAID", "Told", "noted", "added", "Jane Smith", "Dr. Ann Lee", "John de Vries", "the",
    "a", "her", "their", "spokesperson", "Publicist", "director", "agent", "for the hospital",
    "x", "2", "[", "]", "[CNN]", "[ bbc news ]", ".BBCNEWS", ".cnnnews", "#", "#RIPJane", "died",
    "rip", "#dead", "left", "leaves", "leaving", "everyone", "the entire crowd", "in tears",
    "breathless", "in awe", "speechless", "full", "whole", "complete", "the rest of the", "story",
    "video", "article", "clip", "details", "read more", "read the full story", "below", "in",
    "our", "first", "1st", "comment", "comments", "👇", "⬇️", "⬇", "➡", "⤵", ":", "—", "in shock",
    "by liking and sharing", "like and share", "share this", "type amen",
]  # fmt: skip


def test_regexes_whose_every_match_holds_a_gate_are_led_by_their_strings() -> None:
    wide = _wide_gated()
    # the speakers (3), the outlet label, the death hashtag, story grammar's "left ... in
    # tears" and teaser's three "full story below" calls (one reads the other ones' gates)
    assert len(wide) >= 8
    rng = random.Random(1853)
    texts = [
        "".join(
            rng.choice(_WIDE_PIECES) + rng.choice([" ", ", ", ". ", "\n", "", " "])
            for _ in range(rng.randint(1, 16))
        )
        for _ in range(3000)
    ]
    filler = "Nothing to see in this line at all. " * 50  # long texts: searched near strings
    texts += ["\n".join([*rng.sample(texts, 15), filler]) for _ in range(100)]
    found = 0
    for _, entries in wide:
        for entry in entries:
            cue = isinstance(entry, lexicon.Cue)
            gates = entry.gates if cue else lexicon._phrase_keys(entry)[0]  # type: ignore[arg-type]
            also = entry.also if isinstance(entry, lexicon.Cue) else ()
            alone = (entry,)  # (one lexicon: its plans are made once)
            for text in texts:
                whole = [m.span() for m in entry.pattern.finditer(text) if m.end() > m.start()]
                for start, end in whole:  # what holds_one_of read from the regex
                    assert not gates or any(g in text[start:end].lower() for g in gates), text
                    assert not also or any(a in text[start:end].lower() for a in also)
                if isinstance(entry, lexicon.Cue):
                    hits = lexicon.find_cues(text, alone, overlapping=True)  # type: ignore[arg-type]
                    got = [(h.start, h.end) for h in hits]
                else:
                    spans = lexicon.find_phrases(text, alone)  # type: ignore[arg-type]
                    got = [(e.span.start, e.span.end) for e in spans]
                assert got == whole, (entry.reason, text)
                found += len(whole)
    assert found > 1000


def test_the_lines_of_gate_occurrences_are_those_the_line_starts_give() -> None:
    import bisect

    from hoaxlens.signals.lexicon import _line_matches, line_starts

    anything = re.compile(r"^[^\n]*", re.MULTILINE)  # matches at every line start
    rng = random.Random(1336)
    for _ in range(3000):
        text = "".join(rng.choice(["a", "\n", "\n\n", " ", "-- ", "\u2014"]) for _ in range(12))
        if not text:
            continue
        starts = sorted(rng.sample(range(len(text)), rng.randint(0, min(5, len(text)))))
        lines = line_starts(text)  # the list the lines were read from before
        expected = sorted({lines[bisect.bisect_right(lines, at) - 1] for at in starts})
        got = _line_matches(anything, TextView(text), starts)
        assert [start for start, _ in got] == expected, (text, starts)
