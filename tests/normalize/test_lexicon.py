"""Reading bare strokes (palochka) with the shipped English lexicon and the text itself."""

from __future__ import annotations

import importlib.util
import json
from importlib import resources
from pathlib import Path

import pytest

from hoaxlens.normalize import normalize_text
from hoaxlens.normalize.lexicon import lexicon, read_strokes
from hoaxlens.normalize.strokes import StrokeReader

from .test_coverage import build_script

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("template", "positions", "expected"),
    [
        pytest.param("h?s", (1,), "his", id="his"),
        pytest.param("?ast", (0,), "last", id="last"),
        pytest.param("m????on", (1, 2, 3, 4), "million", id="million-four-strokes"),
        pytest.param("b???board", (1, 2, 3), "billboard", id="billboard"),
        pytest.param("couldn", (), "couldn", id="no-stroke"),
    ],
)
def test_read_strokes_prefers_english_words(
    template: str, positions: tuple[int, ...], expected: str
) -> None:
    assert read_strokes(template, positions) == expected


def test_read_strokes_falls_back_to_letter_trigrams() -> None:
    # Neither "zw?mpf" reading is a word: the trigram model picks the likelier spelling.
    lex = lexicon()
    reading = read_strokes("zw?mpf", (2,))
    assert reading == max(("zwimpf", "zwlmpf"), key=lex.trigram_score)


def test_read_strokes_prefers_a_word_the_text_uses() -> None:
    assert read_strokes("d?ddy", (1,)) in {"diddy", "dlddy"}
    assert read_strokes("d?ddy", (1,), {"diddy": 2}) == "diddy"
    assert read_strokes("d?ddy", (1,), {"dlddy": 1}) == "dlddy"


def test_read_strokes_breaks_ties_with_the_texts_own_table() -> None:
    # "tortorelia" and "tortorella" are both outside the lexicon; the text's settled words
    # say the glyph stands for l.
    assert read_strokes("tortore??a", (7, 8), {}, lambda: ("l", "l")) == "tortorella"
    assert read_strokes("tortore??a", (7, 8), {}, lambda: ("i", "i")) == "tortoreiia"


def test_stroke_reader_learns_the_texts_table() -> None:
    text = "һӏѕ Ӏаѕт тһӏѕ мӏӀӀӏоп wӏтһ fӏӀм ТогтогеӀӀа"
    reader = StrokeReader(text)
    assert reader.prior() == {"ӏ": "i", "Ӏ": "l"}
    assert reader.read("ТогтогеӀӀа", text.index("Тогт")) == "ll"
    assert normalize_text(text).text == "his last this million with film Tortorella"


def test_i_or_l_lookalikes_are_every_table_lookalike_of_i_and_l() -> None:
    from hoaxlens.normalize.confusables import confusables_table
    from hoaxlens.normalize.patterns import BAR_LETTERS, I_OR_L, PALOCHKA

    table = confusables_table()
    expected = {
        ch
        for ch, fold in table.items()
        if fold.kind in ("lookalike", "compat") and fold.target in ("I", "l")
    }
    assert expected - PALOCHKA == I_OR_L
    # Latin ones and digits need the word rules: never read inside a line folded whole.
    assert "Ɩ" not in BAR_LETTERS
    assert "١" not in BAR_LETTERS
    assert "ꓲ" in BAR_LETTERS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("She said ꓲove to ꓔayꓲor.", "She said love to Taylor.", id="lisu-l"),
        pytest.param("The fιΙm is aΙso σΙd news.", "The film is also old news.", id="greek-iota-l"),
        pytest.param("We met ꓲn June. ꓲ am ꓲN.", "We met In June. I am IN.", id="lisu-capital-i"),
        pytest.param("ΤΗΙS ΒΙLL ΑΙΙγ", "THIS BILL Ally", id="capitals"),
        pytest.param("The gіrⲒ wilⲒ ⲅun", "The girl will run", id="coptic"),
        pytest.param("Ӏt was Ӏaѕт year, Ӏ said", "It was last year, I said", id="capital-palochka"),
        pytest.param("𝐓𝐡𝐞𝐲 𝐈𝐨𝐯𝐞 𝐈𝐭. 𝐈 𝐰𝐢𝐈𝐈 𝐈𝐍 𝐓𝐇𝐈𝐒", "They love It. I will IN THIS", id="bold"),
        pytest.param("ⓛn 𝑉𝞪𝗜𝑒n𝙩𝒊𝕟𝑒 ⅼove", "In Valentine love", id="circled-and-math"),
    ],
)  # fmt: skip
def test_lookalikes_of_i_and_l_read_by_the_word(text: str, expected: str) -> None:
    out = normalize_text(text)
    assert out.text == expected
    assert normalize_text(out.text).text == out.text
    assert normalize_text(text, whole_lines=False).text == expected


def test_shipped_lexicon_is_readable_and_sane() -> None:
    lex = lexicon()
    with_il = [word for word in lex.ranks if "i" in word or "l" in word]
    assert len(with_il) == 40_000  # the stroke reader's candidates
    assert len(lex.ranks) > 55_000  # and every more frequent word (the marks step's English)
    assert lex.ranks["in"] < lex.ranks["million"]
    assert lex.ranks["today"] < lex.ranks["yellow"]
    assert all(word.isascii() for word in lex.ranks)
    assert lex.trigram_score("his") > lex.trigram_score("hls")
    raw = json.loads(
        resources.files("hoaxlens.normalize").joinpath("data/lexicon.json").read_text("utf-8")
    )
    assert raw["generated_by"] == "scripts/build_confusables.py"


@pytest.mark.skipif(
    importlib.util.find_spec("symspellpy") is None, reason="symspellpy (the source) not installed"
)
def test_shipped_lexicon_is_what_the_build_script_writes(tmp_path: Path) -> None:
    module = build_script()
    module.LEXICON = tmp_path / "lexicon.json"
    module.ROOT = tmp_path
    module.write_lexicon()
    shipped = resources.files("hoaxlens.normalize").joinpath("data/lexicon.json").read_text("utf-8")
    assert module.LEXICON.read_text(encoding="utf-8") == shipped
