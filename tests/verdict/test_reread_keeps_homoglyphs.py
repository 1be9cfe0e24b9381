"""Rule 4's re-read without copies reads the text's homoglyphs too (issue 16)."""
# ruff: noqa: RUF001 - lookalike letters are the subject of these tests

from __future__ import annotations

from pathlib import Path

import pytest

from hoaxlens.api import analyze
from hoaxlens.normalize import normalize_text
from hoaxlens.types import Label
from hoaxlens.verdict.repetition import copy_spans, kept_replacements, without_copies

STORIES = Path(__file__).resolve().parents[1] / "corpus" / "stories"
WIRE = " According to the Associated Press, the data was reviewed."


def disguised_lede(letter: str, lookalike: str) -> str:
    """The fabricated fixture's headline and first line, one letter written in Cyrillic."""
    lines = (STORIES / "fabricated.txt").read_text(encoding="utf-8").splitlines()[:2]
    return "\n".join(lines).replace(letter, lookalike)


@pytest.mark.parametrize(("letter", "lookalike"), [("o", "о"), ("a", "а"), ("p", "р")])
@pytest.mark.parametrize("copies", [3, 4, 5])
def test_a_disguised_fabricated_lede_padded_with_copies_is_not_cleared(letter, lookalike, copies):
    # (Before the fix the re-read dropped the replacements: homoglyphs.v1 read nothing there
    # and the padded lede came out genuine.)
    verdict = analyze(text=disguised_lede(letter, lookalike) + WIRE * copies)
    assert verdict.document.replacements
    assert verdict.label is not Label.GENUINE


def test_kept_replacements_still_point_at_their_text_once_the_copies_are_left_out():
    sentence = " It is аll in cоurt recоrds."
    original = "Stоry begins.\nA line." + sentence * 3 + "\nЕnd of it." + sentence + " Lаst one."
    result = normalize_text(original)
    cut = copy_spans(result.text)
    shorter = without_copies(result.text)
    kept = kept_replacements(result.replacements, cut)
    assert len(cut) == 3
    for rep in kept:
        assert shorter[rep.span.start : rep.span.end] == rep.replacement
    # the first copy's and the other lines' replacements stay; those inside copies go
    in_copies = [r for r in result.replacements if any(s <= r.span.start < e for s, e in cut)]
    assert in_copies
    assert len(kept) == len(result.replacements) - len(in_copies)
    assert [r.original for r in kept] == ["о", "а", "о", "о", "Е", "а"]
