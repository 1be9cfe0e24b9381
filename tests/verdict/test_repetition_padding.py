"""No all-clear from copies (issue 16): padding a story with a repeated sentence never clears it."""

from __future__ import annotations

from pathlib import Path

import pytest

from hoaxlens.api import analyze
from hoaxlens.output.explain import abstention_message
from hoaxlens.output.record import to_record
from hoaxlens.types import AbstainReason, Label
from hoaxlens.verdict.repetition import repetition, without_copies

STORIES = Path(__file__).resolve().parents[1] / "corpus" / "stories"
NEUTRAL = (
    "It is all in court records.",
    "The report was published on Tuesday.",
    "The city council meets on the first Monday of each month.",
    "According to the Associated Press, the data was reviewed.",
    "Officials said the figures were accurate.",
)


def short_fabricated() -> str:
    """The fabricated fixture's headline and first two lines: a short, fabricated story."""
    return "\n".join((STORIES / "fabricated.txt").read_text(encoding="utf-8").splitlines()[:3])


def test_the_short_story_alone_is_fabricated():
    assert analyze(text=short_fabricated()).label is Label.FABRICATED


@pytest.mark.parametrize("sentence", NEUTRAL)
def test_a_repeated_neutral_sentence_never_clears_a_short_fabricated_story(sentence):
    story = short_fabricated()
    labels = {n: analyze(text=story + f" {sentence}" * n).label for n in range(1, 51)}
    assert [n for n, label in labels.items() if label is Label.GENUINE] == []


def test_cycled_neutral_sentences_that_make_most_of_the_text_never_clear_it():
    story = short_fabricated()
    for passes in (8, 20, 50):
        padded = story + "".join(f" {s}" for s in NEUTRAL[:3]) * passes
        verdict = analyze(text=padded)
        assert verdict.label is not Label.GENUINE
        assert repetition(verdict.document.text).share >= 0.5


def test_padding_that_would_clear_the_story_is_uncertain_because_the_text_repeats():
    verdict = analyze(text=short_fabricated() + " It is all in court records." * 50)
    assert verdict.label is Label.UNCERTAIN
    assert verdict.abstain_reason is AbstainReason.REPEATED_TEXT
    record = to_record(verdict)
    assert record["abstain_reason"] == "repeated_text"
    message = abstention_message(record["abstain_reason"], record["lang"])
    assert message is not None
    assert "copies a few sentences" in message


def test_the_calibration_reads_the_length_with_copies_counted_once():
    story = short_fabricated() + " It is all in court records."
    once = analyze(text=story)
    padded = analyze(text=story + " It is all in court records." * 49)
    # the same calibration (its baseline) as the story with the sentence once
    assert padded.baseline == once.baseline


def test_a_genuine_story_keeps_its_label_with_one_of_its_lines_repeated():
    text = (STORIES / "genuine.txt").read_text(encoding="utf-8")
    assert analyze(text=text).label is Label.GENUINE
    for line in text.splitlines()[1:]:
        for n in (1, 2, 3):
            assert analyze(text=text.rstrip("\n") + f"\n{line}" * n).label is Label.GENUINE


def test_a_genuine_story_that_is_mostly_copies_of_one_line_is_uncertain():
    text = (STORIES / "genuine.txt").read_text(encoding="utf-8")
    padded = text.rstrip("\n") + f"\n{text.splitlines()[1]}" * 5
    assert repetition(padded).share > 0.5
    verdict = analyze(text=padded)
    assert (verdict.label, verdict.abstain_reason) == (Label.UNCERTAIN, AbstainReason.REPEATED_TEXT)


def test_a_text_without_copies_is_unchanged():
    text = (STORIES / "genuine.txt").read_text(encoding="utf-8")
    assert repetition(text).copies == 0
    assert without_copies(text) == text
    assert repetition(text).distinct_chars == len(text)


def test_without_copies_keeps_first_occurrences_and_drops_the_rest():
    text = "A story. It is all in court records.  It is all in court records.\nEnd of it all."
    assert without_copies(text) == "A story. It is all in court records.\nEnd of it all."
    r = repetition(text)
    assert (r.copies, r.sentences, r.distinct_chars) == (1, 1, len(without_copies(text)))


def test_a_copy_after_a_closing_quote_is_found_like_any_other():
    # The first "' We will rebuild." follows a sentence's closing quote, the second a plain
    # full stop: the same sentence (the quick pre-check once told them apart and skipped it).
    text = "The mayor spoke.\" ' We will rebuild. Then we left. ' We will rebuild."
    found = repetition(text)
    assert found.copies == 1
    assert without_copies(text) == "The mayor spoke.\" ' We will rebuild. Then we left."
    assert found.distinct_chars == len(without_copies(text))


def test_copies_varied_in_spacing_or_case_still_never_clear_the_story():
    story = short_fabricated()
    sentence = "It is all in court records."
    spaced = "".join(
        " " + sentence.replace(" ", " " * (1 + i % 7), 1 + i // 7 % 4) for i in range(30)
    )
    cased = "".join(
        " " + "".join(c.upper() if (i >> j) & 1 else c for j, c in enumerate(sentence))
        for i in range(30)
    )
    for padding in (spaced, cased):
        assert repetition(story + padding).copies == 29
        assert analyze(text=story + padding).label is not Label.GENUINE


def test_case_folding_the_whole_text_folds_each_sentence_alike():
    # repetition folds the text once, not sentence by sentence: that needs every character
    # to fold alone, none to or from what ends a sentence or separates words, and none to
    # nothing. Checked over every code point.
    import sys

    ends = set(".!?\n\"')]\u201d\u2019")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        folded = char.casefold()
        assert folded, hex(code)
        if char in ends or char.isspace():
            assert folded == char, hex(code)
        else:
            assert not any(c in ends or c.isspace() for c in folded), hex(code)


def test_copies_with_letters_that_fold_longer_are_found_in_place():
    # "ß" folds to "ss": the folded text is longer, and the copies' places are the text's
    text = "Straße war gesperrt heute. Ein Satz hier. STRASSE war gesperrt heute. Ende."
    found = repetition(text)
    assert found.copies == 1
    assert without_copies(text) == "Straße war gesperrt heute. Ein Satz hier. Ende."
    assert found.distinct_chars == len(without_copies(text))


def test_copies_are_the_same_whatever_whitespace_separates_the_words():
    # A text with only single spaces is read without splitting each stretch into words;
    # tabs, no-break spaces, doubled spaces and line breaks take the word-by-word reading.
    once = "The story opens here. It is all in court records. Then it ended."
    text = once + " It is all in court records."
    for space in (" ", "  ", "\t", "\u00a0", "\u2009", " \u200b"):
        spaced = text.replace(" ", space)
        found = repetition(spaced)
        assert (found.copies, found.sentences) == (1, 1), repr(space)
        assert without_copies(spaced) == once.replace(" ", space), repr(space)
    assert (
        repetition("It is all in court. Records were kept. It is all in court records.").copies == 0
    )


def test_the_space_is_the_one_printable_whitespace_character():
    # repetition's single-space reading rests on this (str.isprintable rules out the rest)
    import sys

    printable = [
        hex(c) for c in range(sys.maxunicode + 1) if chr(c).isspace() and chr(c).isprintable()
    ]
    assert printable == ["0x20"]
