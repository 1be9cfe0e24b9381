"""Styled ones, zeros and strokes read as the letters they stand for (``plans.shape_letters``).

``𝟙``, ``①``, ``１``, ``¹`` pass for ``l`` or ``I``, ``𝟎`` and ``₀`` for ``o``, ``⑪`` for ``ll``,
``Ⅱ`` for ``ll``, ``˛`` for ``i``; the lexicon decides, so numbers, codes, footnotes and
maths keep their digits.
"""

from __future__ import annotations

import pytest

from hoaxlens.normalize import normalize_text, undo


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("𝐓𝐡𝐞 w𝕙i𝟙e 𝓟𝟏𝗮𝒚", "The while Play", id="styled-one-as-l"),
        pytest.param("t𝙮𝞺𝗶𝑐𝘢⑪ⓨ 𝐜𝐚Ⅱ", "typically call", id="circled-eleven-and-roman-two"),
        pytest.param("𝐏𝐄𝟎𝐏𝐋𝐄 𝐒𝐂𝐇₀𝐎𝐋", "PEOPLE SCHOOL", id="zero-between-capitals"),
        pytest.param("𝐓𝐡𝐞 h˛s fr˛ends ˛𝔫", "The his friends in", id="ogonek-as-i"),
        pytest.param("𝐓𝐡𝐞 𝐬𝐭𝐚𝐫’ˢ ª 𝐜𝐚𝐭 and ˡ 𝐬𝐚𝐰", "The star’s a cat and I saw", id="lone"),
        pytest.param("𝐓𝐡𝐞 𝐊𝐲𝟏𝐢𝐞", "The Kylie", id="name-by-letter-trigrams"),
        # Found on fresh corpus seeds (bench/deobfuscation.py --seed 101/202, issue 17):
        # a styled digit before a word or beside one letter, ˛ or ſ in a two-letter word.
        pytest.param("𝐓𝐡𝐞 𝟏𝞲𝒌ℯ 𝟣t T𝟘 oſ ˛n", "The like It TO of in", id="short-and-leading"),
        # a zero opening a word is a capital O; a styled one opening a long word follows
        # letter trigrams where the lexicon does not know it
        pytest.param("𝐓𝐡𝐞 ⓪pr𝙖𝓱 𝟬n 𝟙𝐧ｓ𝙩𝘢gr𝞪𝙢", "The Oprah On Instagram", id="opening-digits"),
        # shapes read together with I-or-l lookalikes, which the stroke reader reads
        pytest.param("𝐓𝐡𝐞 ma𝒓˛ta𝓘 𝘿𝖆˛Ｉ𝔂 ⓦ𝚤𝛪１", "The marital Daily will", id="with-strokes"),
    ],
)
def test_shapes_read_as_letters_in_obfuscated_words(text: str, expected: str) -> None:
    out = normalize_text(text)
    assert out.text == expected
    assert undo(out.text, out.replacements) == text
    assert normalize_text(out.text).text == out.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("𝐓𝐡𝐞 𝟏𝟎𝟎 𝐩𝐞𝐨𝐩𝐥𝐞 and 𝐇𝟏𝐍𝟏", "The 100 people and H1N1", id="numbers-and-codes"),
        pytest.param("𝐓𝐡𝐞 𝐟𝐢𝐥𝐞𝟏 and 𝐓𝐎𝟎", "The file1 and TO0", id="a-word-then-a-digit"),
        pytest.param("𝐓𝐡𝐞 𝟏𝟎𝐚𝐦 𝟏𝟎𝐭𝐡 𝟏𝐚 𝟏𝐱", "The 10am 10th 1a 1x", id="digits-then-letters"),
        pytest.param("Section ① and ② of 𝐭𝐡𝐞 law", "Section 1 and 2 of the law", id="lone-digits"),
        pytest.param("a ˛ b and the h˛s of plain text", None, id="ogonek-in-plain-text"),
        pytest.param("𝐓𝐡𝐞 ˛ alone", "The ˛ alone", id="ogonek-alone"),
        pytest.param("tea¹ and x₁ in 𝐭𝐡𝐞 text", "tea¹ and x₁ in the text", id="footnote-and-maths"),
    ],
)
def test_shapes_stay_where_they_are_digits_or_symbols(text: str, expected: str | None) -> None:
    out = normalize_text(text)
    assert out.text == (text if expected is None else expected)
    assert undo(out.text, out.replacements) == text


def test_m_reads_rn_in_disguised_words_that_read_english_so() -> None:
    text = "𝐓𝐡𝐞 wa𑣣ing and retu𑣣, 𝐆𝐚𝐦𝐞𝐫 and mоm"  # Cyrillic о in mom
    out = normalize_text(text)
    assert out.text == "The warning and return, Gamer and mom"
    assert undo(out.text, out.replacements) == text
    assert normalize_text("a warm room in plain text").text == "a warm room in plain text"


def test_long_s_reads_s_or_f_by_the_lexicon() -> None:
    out = normalize_text("𝐓𝐡𝐞 ſ𝐞𝐚𝐭𝐮𝐫𝐞𝐬 𝐨𝐟ſ and Congreſs")
    assert out.text == "The features off and Congress"


def test_ipa_digraphs_read_as_letters_only_in_words_disguised_otherwise() -> None:
    assert normalize_text("ꜱiʦ and ɑʪo").text == "sits and also"
    for kept in ("the /ʦaɪ/ and ʦar in plain text", "𝐓𝐡𝐞 ʦar"):
        assert normalize_text(kept).text == kept.replace("𝐓𝐡𝐞", "The")


def test_a_shape_beside_dotless_i_stays_so_that_a_second_pass_changes_nothing() -> None:
    # bench/idempotence.py found 'A¹ı' -> 'Alı' -> 'Ali', and 'ẝ¹À' (À decomposed) -> 'flÀ'
    # -> 'flA' (the accent was judged on the word without the l the ¹ became), and '\xad¹Τ'
    # -> 'IΤ' -> 'IT' (the ¹ was read while the Greek Τ beside it stayed).
    for text in ("A¹ı", "ẝ¹A\u0300", "\xad¹Τ", "A¹\xad\u0300"):
        once = normalize_text(text).text
        assert normalize_text(once).text == once


def test_a_word_of_digit_lookalikes_reads_the_same_with_a_mark_on_it() -> None:
    # CI's derandomized Hypothesis found '\u0305𑣠 A' -> '𑣠 A' -> 'O A': with the overline
    # the word was not "lookalikes alone" (the mark counted as a character), without it it
    # was. The mark no longer counts, so both passes read the Warang Citi zero the same.
    for text in ("\u0305\U000118e0 A", "\U000118e0\u0305 A", "\U000118e0\u200b A"):
        once = normalize_text(text).text
        assert once == normalize_text("\U000118e0 A").text
        assert normalize_text(once).text == once


def test_m_lookalikes_read_rn_on_lines_folded_whole_too() -> None:
    # A line holding only table letters used to be folded whole with str.translate, which
    # read ``𑜀`` as "m" while the word path read "rn" (fresh corpus seed 101, issue 17).
    text = "She tu𑜀ed and 𑜀aybe"
    assert normalize_text(text).text == "She turned and maybe"
    assert normalize_text(text, whole_lines=False).text == "She turned and maybe"


def test_lone_digit_lookalikes_fold_where_the_text_mixes_them_into_words() -> None:
    # ``١`` and ``𑣣`` stand for "I" and "m" as words of their own in a text that writes
    # them inside English words; an Arabic line or number keeps them.
    text = "I’𑣣 so happy, sa𑣣e as ١ said: a١so."
    assert normalize_text(text).text == "I’m so happy, same as I said: also."
    arabic = "The year ١٩٩٠ in Arabic is written ١ and he said: مرحبا ١"
    assert normalize_text(arabic).text == arabic


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # IPA digraphs in a text disguised with Latin lookalikes (fresh corpus seeds, issue 17)
        pytest.param("Thꬲ wanʦ hosʦ aʪo", "The wants hosts also", id="digraphs"),
        # with dotless ı in the word: ı reads i and folds with the shape
        pytest.param("Thꬲ siʦ famı¹y tᴡıꜱʦ", "The sits family twists", id="digraph-and-dotless"),
        # the ligatures æ and œ where the word then reads English
        pytest.param("Thꬲ dœs FŒ Mæ Phædꭈa ᶃœs", "The does FOE Mae Phaedra goes", id="ligatures"),
    ],
)
def test_digraphs_and_ligatures_read_as_letters_in_disguised_text(text: str, expected: str) -> None:
    out = normalize_text(text)
    assert out.text == expected
    assert normalize_text(text, whole_lines=False).text == expected
    assert undo(out.text, out.replacements) == text
    assert normalize_text(out.text).text == out.text


def test_ligatures_and_digraphs_stay_in_plain_text_and_transcriptions() -> None:
    plain = "The encyclopædia of Cæsar, an œuvre, Mæ and ʦ. It is /kæt/ ɑnd ɡɪv."
    assert normalize_text(plain).text == plain
