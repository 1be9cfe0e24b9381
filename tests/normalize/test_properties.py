"""Property tests (Hypothesis) and adversarial inputs for the de-obfuscation normalizer."""

from __future__ import annotations

import json
import unicodedata
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cpuchild import child_cpu, run_child
from hoaxlens.normalize import NormalizeConfig, normalize_text, undo
from hoaxlens.normalize.confusables import (
    INVISIBLE,
    confusables_table,
    decorated_table,
    notation_table,
)
from hoaxlens.normalize.context import line_context
from hoaxlens.normalize.patterns import MARK_RANGES

if TYPE_CHECKING:
    from hoaxlens.types import NormalizedText

# At least 200 examples; more where the profile asks (HYPOTHESIS_PROFILE=nightly: 100,000).
PROPERTY_SETTINGS = settings(max_examples=max(200, settings().max_examples), deadline=None)

ASCII_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
LOOKALIKES = sorted(ch for ch, fold in confusables_table().items() if fold.kind == "lookalike")
COMPAT = sorted(ch for ch, fold in confusables_table().items() if fold.kind == "compat")
MARKS = [
    "\u0301",  # acute
    "\u0302",  # circumflex
    "\u0303",  # tilde
    "\u0308",  # diaeresis
    "\u0323",  # dot below
    "\u0336",  # long stroke overlay
    "\u0338",  # long solidus overlay
    "\u20dd",  # enclosing circle
    "\u20e3",  # enclosing keycap
    "\u0489",  # Cyrillic millions sign (enclosing)
]
SEPARATORS = list(" .,'-\n")
# Genuine Cyrillic and Greek letters, lookalikes included: text made only of these (no Latin
# letter, no presentation form) is real Russian/Greek writing and must never change.
GENUINE_LETTERS = [
    chr(cp)
    for cp in [*range(0x0370, 0x0400), *range(0x0400, 0x0530)]
    if unicodedata.category(chr(cp)).startswith("L")
]

arbitrary_text = st.text()
ascii_text = st.text(alphabet=st.characters(max_codepoint=0x7F))
mixed_text = st.lists(
    st.one_of(
        st.sampled_from(ASCII_LETTERS),
        st.sampled_from(LOOKALIKES),
        st.sampled_from(COMPAT),
        st.sampled_from(sorted(INVISIBLE)),
        st.sampled_from(MARKS),
        st.sampled_from(SEPARATORS),
    ),
    max_size=60,
).map("".join)
latin_with_lookalikes = st.lists(
    st.one_of(
        st.sampled_from(ASCII_LETTERS),
        st.sampled_from(LOOKALIKES),
        st.sampled_from(sorted(INVISIBLE)),
        st.sampled_from(MARKS),
        st.sampled_from(" \n"),
    ),
    max_size=60,
).map("".join)
genuine_cyrillic_greek = st.text(alphabet=st.sampled_from(GENUINE_LETTERS + list(" ,.!?-\n")))
# Every script: letters of any script, the whole fold table, decorated Latin letters, every
# combining mark block, invisibles, and ASCII words to stand beside them.
DECORATED = sorted(decorated_table())
NOTATION = sorted(notation_table())
ALL_MARKS = [chr(cp) for low, high in MARK_RANGES for cp in range(low, high + 1)]
all_scripts = st.lists(
    st.one_of(
        st.characters(categories=["L", "M", "N"]),
        st.sampled_from(LOOKALIKES + COMPAT),
        st.sampled_from(DECORATED),
        st.sampled_from(NOTATION),
        st.sampled_from(ALL_MARKS),
        st.sampled_from(sorted(INVISIBLE)),
        st.sampled_from(["the", "news", "Elvis", "today", "yellow", "I", "a"]),
        st.sampled_from(ASCII_LETTERS),
        st.sampled_from(SEPARATORS),
    ),
    max_size=60,
).map("".join)

# Names spelled out letter by letter (``J.o.h.n``, ``D e r e k``, ``J•o•h•n``), each letter
# ASCII or a lookalike or presentation form of one, beside invisibles, soft hyphens and
# words holding lookalikes: a pass that folds the letters or joins the name must leave no
# work for the next (``J.\u043e.h.n`` and ``J.o.h.n\u200b`` once did).
_READ_AS: dict[str, list[str]] = {}
for _ch, _fold in sorted(confusables_table().items()):
    _READ_AS.setdefault(_fold.target, []).append(_ch)
LETTER_FORMS = {letter: [letter, *_READ_AS.get(letter, [])] for letter in ASCII_LETTERS}
NAME_SEPARATORS = [".", "-", "_", " ", "\u00b7", "\u2022"]


def _settled(text: str) -> NormalizedText:
    """``normalize_text(text)``, checked to be its own fixed point and to undo to ``text``."""
    once = normalize_text(text)
    assert normalize_text(once.text).text == once.text
    assert undo(once.text, once.replacements) == text
    return once


def _letter(case: str) -> st.SearchStrategy[str]:
    return st.sampled_from(case).flatmap(lambda letter: st.sampled_from(LETTER_FORMS[letter]))


spelled_name = st.builds(
    lambda first, separator, rest: first + "".join(separator + letter for letter in rest),
    _letter(ASCII_LETTERS),
    st.sampled_from(NAME_SEPARATORS),
    st.lists(_letter("abcdefghijklmnopqrstuvwxyz"), min_size=2, max_size=6),
)
lookalike_word = st.lists(
    st.one_of(st.sampled_from(ASCII_LETTERS), st.sampled_from(LOOKALIKES + COMPAT)),
    min_size=1,
    max_size=4,
).map("".join)
spelled_names_beside_invisibles = st.lists(
    st.one_of(
        spelled_name,
        lookalike_word,
        st.sampled_from(sorted(INVISIBLE)),
        st.sampled_from(["the", "news", "I", "a"]),
        st.sampled_from([*SEPARATORS, "\u00b7", "\u2022", "\u2219", "\t"]),
    ),
    max_size=12,
).map("".join)

# Dense: short texts of the characters that interact in the normalizer (bench/idempotence.py's
# ``dense`` strategy, smaller pools): a line's Latin share, strokes, dotless ı, footnote and
# styled digits, notation letters, marks, Brahmic signs, invisibles, separators, presentation
# forms and lookalikes beside English and disguised words, so rare interactions are common.
DENSE_POOLS = [
    list("abehilnostIAO"),
    ["\u0131", "\u0131", "\u015f"],  # ı ş
    ["\xb9", "\u2081", "\u2070", "\u2080", "1"],  # ¹ ₁ ⁰ ₀
    ["\U0001d7cf", "\uff11", "\u2161", "\u017f"],  # 𝟏 １ Ⅱ ſ
    ["\u1d43", "\u2099", "\u1d62", "\u2097"],  # ᵃ ₙ ᵢ ₗ
    ["\u04cf", "\u04c0", "\u0399", "\U0001d408", "\u24db", "\u23fd"],  # ӏ Ӏ Ι 𝐈 ⓛ ⏽
    ["\u0301", "\u0305", "\u0308", "\u20dd", "\u0327", "\u0947", "\u0902"],
    [*" .-_\n/[", "\u00b7", "\u2022"],
    ["\xad", "\u200b", "\u200c"],
    ["\U0001d400", "\uff21", "\u24d0", "\u1d00", "\u026a", "\uff42"],  # 𝐀 Ａ ⓐ ᴀ ɪ ｂ
    ["\u043e", "\u0430", "\u043f", "\u03b1", "\u146f", "\u0261", "\u237a"],  # о а п α ᑯ ɡ ⍺
    ["\u3400", "\u0434", "\xe8", "\u0283", "\u0259"],  # 㐀 д è ʃ ə
    ["the", "is", "love", "I", "a", "w\u0131th", "b\u04cf", "O\u043fe", "J.\u043e.h.n"],
]
_DENSE_ITEM = st.one_of(*(st.sampled_from(pool) for pool in DENSE_POOLS))
dense_text = (  # (the length drawn uniformly: Hypothesis's own lists are mostly short)
    st.integers(1, 25)
    .flatmap(lambda size: st.lists(_DENSE_ITEM, min_size=size, max_size=size))
    .map("".join)
)

TEXTS = [
    pytest.param(arbitrary_text, id="arbitrary"),
    pytest.param(mixed_text, id="ascii-lookalike-compat-invisible-marks"),
    pytest.param(latin_with_lookalikes, id="ascii-lookalike-invisible-marks"),
    pytest.param(genuine_cyrillic_greek, id="genuine-cyrillic-greek"),
    pytest.param(all_scripts, id="all-scripts-table-marks"),
    pytest.param(spelled_names_beside_invisibles, id="spelled-names-invisibles-lookalikes"),
    pytest.param(dense_text, id="dense-interacting-characters"),
]


@pytest.mark.parametrize("strategy", TEXTS)
@PROPERTY_SETTINGS
@given(data=st.data())
def test_normalize_replays_to_the_input(strategy: st.SearchStrategy[str], data: Any) -> None:
    text = data.draw(strategy, label="text")
    result = normalize_text(text)
    assert result.original == text
    assert undo(result.text, result.replacements) == text


@pytest.mark.parametrize("strategy", TEXTS)
@PROPERTY_SETTINGS
@given(data=st.data())
def test_normalize_spans_lie_within_the_output(strategy: st.SearchStrategy[str], data: Any) -> None:
    text = data.draw(strategy, label="text")
    result = normalize_text(text)
    cursor = 0
    for rep in sorted(result.replacements, key=lambda r: (r.span.start, r.span.end)):
        assert cursor <= rep.span.start <= rep.span.end <= len(result.text)
        assert result.text[rep.span.start : rep.span.end] == rep.replacement
        cursor = rep.span.end


@pytest.mark.parametrize("strategy", TEXTS)
@PROPERTY_SETTINGS
@given(data=st.data())
def test_normalize_is_idempotent(strategy: st.SearchStrategy[str], data: Any) -> None:
    text = data.draw(strategy, label="text")
    once = normalize_text(text)
    twice = normalize_text(once.text)
    assert twice.text == once.text
    assert twice.replacements == ()


@PROPERTY_SETTINGS
@given(text=ascii_text)
def test_normalize_returns_pure_ascii_unchanged(text: str) -> None:
    # The one ASCII trick, names spelled out letter by letter, has its own step; with it off,
    # ASCII always comes back as it was.
    result = normalize_text(text, NormalizeConfig(join_letters=False))
    assert result.text == text
    assert result.replacements == ()


@PROPERTY_SETTINGS
@given(text=ascii_text)
def test_normalize_changes_ascii_only_by_joining_spelled_out_names(text: str) -> None:
    result = normalize_text(text)
    assert all(r.step == "join_letters" and r.replacement == "" for r in result.replacements)
    assert undo(result.text, result.replacements) == text


@PROPERTY_SETTINGS
@given(text=genuine_cyrillic_greek)
def test_normalize_never_touches_cyrillic_or_greek_writing(text: str) -> None:
    result = normalize_text(text)
    assert result.text == text
    assert result.replacements == ()


# ----------------------------------------------------------------------------- adversarial

ADVERSARIAL_SECONDS = 5.0  # CPU seconds of normalize_text itself (linear runs take < 1 s)
ADVERSARIAL_WALL_SECONDS = 120.0  # only a hang guard: the CPU limit is the test
ADVERSARIAL_SIZE = 200_000
# Runs in a child process so that a super-linear normalizer fails the test at the limit
# instead of hanging the suite; the child also checks that the output replays. The limit is
# on the child's CPU time for the call, not on wall time, so a loaded machine (CI, or other
# work on a shared one) does not fail a linear normalizer: a wall limit of 5 s did, once.
_CHILD = """
import json, sys, time
from hoaxlens.normalize import NormalizeConfig, normalize_text, undo
prefix, unit, count, suffix = json.loads(sys.argv[1])
text = prefix + unit * count + suffix
started = time.process_time()
result = normalize_text(text)
cpu = time.process_time() - started
assert undo(result.text, result.replacements) == text
print(len(text), len(result.text), len(result.replacements), cpu)
"""


def normalize_in_child(prefix: str, unit: str, count: int, suffix: str) -> str:
    """Normalize ``prefix + unit * count + suffix`` in a child process; fail past the limit."""
    argument = json.dumps([prefix, unit, count, suffix])
    output = run_child(
        _CHILD, argument, wall_seconds=ADVERSARIAL_WALL_SECONDS, what="normalize_text"
    )
    cpu = child_cpu(output)
    assert cpu < ADVERSARIAL_SECONDS, (
        f"normalize_text took {cpu:.1f} s of CPU (limit {ADVERSARIAL_SECONDS} s): super-linear?"
    )
    return output


@pytest.mark.slow
@pytest.mark.parametrize(
    ("prefix", "unit", "count", "suffix"),
    [
        pytest.param("", "a\u0430", ADVERSARIAL_SIZE // 2, "", id="alternating-latin-cyrillic"),
        pytest.param(
            "x ", "\u0430\u0430 ", ADVERSARIAL_SIZE // 3, "", id="lookalike-words-one-line"
        ),
        pytest.param(
            "Elvis ",
            "\uff41\uff42\uff43 ",
            ADVERSARIAL_SIZE // 4,
            "",
            id="fullwidth-words-one-line",
        ),
        pytest.param("", "a\u0301 ", ADVERSARIAL_SIZE // 3, "", id="accented-letters"),
        pytest.param(
            "D",
            "\u0301",
            ADVERSARIAL_SIZE,
            "rake",
            id="combining-marks-after-a-letter",
        ),
        pytest.param(
            "a",
            "\u200b",
            ADVERSARIAL_SIZE,
            "b",
            id="zero-width-run-inside-a-word",
        ),
        pytest.param(
            "O\u043fe\n",
            "\u0430\u043f\u0435",
            ADVERSARIAL_SIZE // 3,
            " a",
            id="lookalike-line-ending-in-a-latin-letter",
        ),
        pytest.param(
            "O\u043fe\n",
            "a\u0301\u0302\u200b",
            ADVERSARIAL_SIZE // 4,
            "",
            id="accents-and-zero-width-on-one-line",
        ),
        # m-spellings of rn words on one folded line (a first draft of the rn search read the
        # whole line again at each: 36 s for 40 KB), and on many lines
        pytest.param(
            "O\u043fe day ", "wamings ", ADVERSARIAL_SIZE // 8, "", id="rn-spellings-one-line"
        ),
        pytest.param(
            "", "O\u043fe retum waming\n", ADVERSARIAL_SIZE // 17, "", id="rn-spellings-lines"
        ),
        # one giant word of bare strokes, each read alone (past lexicon._MAX_JOINT): each
        # reading scored the whole word again (2 s for 2.5 KB, 37 s for 10 KB)
        pytest.param(
            "\u015f", "\u04c0\xe8", ADVERSARIAL_SIZE // 2, "", id="strokes-in-one-giant-word"
        ),
        # English written with dotless \u0131 on one long line: each such word searched its
        # whole line for Turkish vowels (17 s for 100 KB at 8e4a339)
        pytest.param(
            "th\u0131s \u0131s l\u0131ke th\u0131ngs w\u0131th ",
            "k\u0131x ",
            ADVERSARIAL_SIZE // 4,
            "",
            id="dotless-words-one-line",
        ),
        # a lone unit sign read as a word (\u33cc "in") in a text that disguises: each one
        # searched the whole text for units after numbers (39 s for 125 KB at 8e4a339)
        pytest.param(
            "T\u043eday the w\u043erld ",
            "zq \u33cc ",
            ADVERSARIAL_SIZE // 5,
            "",
            id="lone-unit-signs",
        ),
    ],
)
def test_normalize_finishes_on_adversarial_input(
    prefix: str, unit: str, count: int, suffix: str
) -> None:
    text_length, _, _, _ = normalize_in_child(prefix, unit, count, suffix).split()
    assert int(text_length) == len(prefix) + len(unit) * count + len(suffix)


def test_a_chain_of_names_freeing_one_another_is_normalized_to_its_end() -> None:
    # Each pass frees the next: a join, the folds it makes visible, the next name's join...
    # (a reviewer's hand-built chain, five passes; four were allowed and the output was not
    # idempotent). The result must be the fixed point, and undo must still give the input.
    text = (
        "r-z-f-t\xad\u043e\xb7\U0001d428t\u2022i\u2022\U0001d41a\u2022\u0435\u2022c"
        "\u03bf\xb7\u03b1\xb7\u043e\xb7\u1d00\xb7\U0001d41a"
    )
    _settled(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Presentation forms side by side once the overline between them goes: the text is
        # styled on the output, so the small capital folds (was 'ＡＡ:AA㐀:ᴀ' -> '...:a').
        pytest.param("\uff21\u0305\uff21:AA\u3400:\u1d00", "\uff21\uff21:AA\u3400:a", id="styled"),
        # Dotless ı beside a letter once the soft hyphen goes: the text disguises with ı, so
        # the lone ı reads i (was 'ı·nı' -> 'i·nı').
        pytest.param("\u0131\xb7n\xad\u0131", "i\xb7n\u0131", id="dotless-i"),
        # A kept mark between a small capital and a lookalike that folds: neither pass styles
        # the text (the look-through taken back in e7bde3e made 'ᴋेd' -> 'kेd').
        pytest.param("\u1d0b\u0947\u146f", "\u1d0b\u0947d", id="kept-mark"),
    ],
)
def test_a_pass_whose_output_shows_more_evidence_is_followed_by_another(
    text: str, expected: str
) -> None:
    assert _settled(text).text == expected
    assert normalize_text(text, whole_lines=False).text == expected


_LINE_GROWS = "a\u04cf\u3400\u3400J.\u043e.h.n\u0131\U0001d7cf"
_LINE_GROWN = "a\u04cf\u3400\u3400J.o.h.nil"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A styled one read as a letter (``n\u0131\U0001d7cf`` is "nil") is no letter in the
        # input's line count and one in the output's: the line is Latin enough for its
        # Cyrillic ``\u043e`` only once folded (was '...J.\u043e.h.nil' -> '...J.o.h.nil';
        # bench/idempotence.py --examples 100000 --seed 1, dense, at 2fa7dd2).
        pytest.param(_LINE_GROWS, _LINE_GROWN, id="styled-one-read-as-letter"),
        # ... the line found again on the output by its place among the lines
        pytest.param(
            f"Hello there\n{_LINE_GROWS}\nok", f"Hello there\n{_LINE_GROWN}\nok", id="second-line"
        ),
        pytest.param(
            f"Hi \u0131\n\n{_LINE_GROWS}\n{_LINE_GROWS}",
            f"Hi i\n\n{_LINE_GROWN}\n{_LINE_GROWN}",
            id="two-such-lines",
        ),
    ],
)
def test_a_line_whose_folds_make_it_latin_is_read_again(text: str, expected: str) -> None:
    assert _settled(text).text == expected
    assert normalize_text(text, whole_lines=False).text == expected


def test_a_genuine_foreign_line_beside_folds_is_kept() -> None:
    # The Russian line's word of lookalikes alone (\u0441\u043e\u0440) stays for what its
    # line holds; read again on the output, the line is the same, and so is the word.
    russian = "\u0432\u043a\u0443\u0441\u043d\u044b\u0439 \u0441\u043e\u0440"
    assert _settled(f"{russian}\nO\u043f\u0435 d\u0430y").text == f"{russian}\nOne day"


def test_a_small_one_read_as_a_letter_makes_its_line_latin() -> None:
    # A lone superscript one reads I only as a word ("¹ love you"), so the Canadian ᑯ
    # beside it (after a kept Devanagari sign) stays, in the first pass as on its output
    # (was '¹ेᑯ' -> 'Iेᑯ' -> 'Iेd'). (bench/idempotence.py-style fuzz, /tmp/i17/dense.py)
    text = "\xb9\u0947\u146f"
    assert _settled(text).text == text


def test_a_small_one_counts_as_a_letter_of_its_line() -> None:
    # The line's Latin share was 7 of 9 letters (under 0.8) until ``\xad¹`` became ``l``
    # (8 of 10), so the lone ı folded only on the second pass (was '...a\xad¹' -> '...al' ->
    # 'iेaaaaı㐀㐀ेal'). A small one or zero counts as one Latin-looking letter, which it
    # stays or becomes.
    text = "\u0131\u0947aaaa\u0131\u3400\u3400\u0947a\xad\xb9"
    assert _settled(text).text == "i\u0947aaaa\u0131\u3400\u3400\u0947al"
    assert line_context("x\xb9 \u043c\u0438\u0440") == line_context("xl \u043c\u0438\u0440")


@pytest.mark.parametrize("text", ["b\u0131 b\u04cf", "b\u0131\u0947b\u04cf"])
def test_a_stroke_word_counts_as_read_for_a_dotless_word(text: str) -> None:
    # The stroke of 'bӏ' reads i (the text writes 'bı'); 'bӏ' counted as 'bl' left 'bı' to
    # the next pass, which saw the ASCII 'bi' (was 'bı bӏ' -> 'bı bi' -> 'bi bi').
    assert "\u0131" not in _settled(text).text


def test_a_word_with_a_small_letter_counts_as_a_spelling_for_a_dotless_word() -> None:
    # 'wıthᵃ' folds to 'witha' (ı beside a small letter is disguise), so the text writes
    # 'witha' and 'wıtha' folds as it does on the output (was 'wıthᵃेwıtha' -> 'withaेwıtha'
    # -> 'withaेwitha'). (/tmp/i17/dense.py, seed 5)
    text = "w\u0131th\u1d43\u0947w\u0131tha"
    assert _settled(text).text == "witha\u0947witha"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("O\u043fe day.\n\u041d\u0435\u0442.\xb9", "One day.\n\u041d\u0435\u0442.\xb9"),
        ("O\u043fe\n\xb9 \u0421\u043e\u0440", "One\n\xb9 \u0421\u043e\u0440"),
        ("G\u03bfod day.\n\u039a\u0391\u0399.\u2081", "Good day.\n\u039a\u0391\u0399.\u2081"),
        (
            "O\u043fe day. The study found this.\xb9 More.",
            "One day. The study found this.\xb9 More.",
        ),
        ("\xb9 Smith, J. (2020). O\u043fe", "\xb9 Smith, J. (2020). One"),
        (
            "K\u0131rm\u0131z\u0131 \u0131\u015f\u0131k.\xb9",
            "K\u0131rm\u0131z\u0131 \u0131\u015f\u0131k.\xb9",
        ),
        ("\xb9 love you, O\u043fe", "I love you, One"),
        ("O\u043fe day. \u2081 am here", "One day. I am here"),
    ],
)
def test_a_footnote_mark_stays_and_keeps_its_line_genuine(text: str, expected: str) -> None:
    # ca4ab66's review: a lone ¹ or ₁ read "I" wherever a text showed obfuscation, so a
    # footnote mark became a Latin letter, and the genuine Russian or Greek word on its line
    # then folded too ('Нет.¹' -> 'Het.I'). A small one is the word "I" only standing apart
    # before a word in lower case.
    assert _settled(text).text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A symbol passing for a letter (ⓛ, ⏽, Ⅱ) makes no word of a transcription: the word
        # it folds to (I̅ə) is none, so the first pass reads the line as the second does
        # (was 'ⓛ̅ə' -> 'I̅ə' -> 'Iə', '⏽ʃɪ' -> 'Iʃɪ' -> 'Iʃi', 'ɡʃⅡ' -> 'ɡʃII' -> 'gʃII').
        pytest.param("\u24db\u0305\u0259", "I\u0259", id="ipa-circled-letter"),
        pytest.param("\u23fd\u0283\u026a", "I\u0283i", id="ipa-symbol-letter"),
        pytest.param("\u0261\u0283\u2161", "g\u0283II", id="ipa-roman-numeral"),
        # (an Oriya zero for O: bench/idempotence.py --strategy dense, seed 17, at eed6463)
        pytest.param("a\u0305\u0283\u0b66", "a\u0283O", id="ipa-digit-lookalike"),
        # A letter shape the table folds anyway (ſ: s, Ⅱ: II) is those letters to read a small
        # one by (was 'ⓐ¹ſ...' -> 'a¹s...' -> 'aIs...', '̅¹ſ·ⓛ' -> '̅¹s·I' -> 'Is·I').
        pytest.param("\u24d0\xb9\u017f\u0947\u0131I\u3400", "aIs\u0947\u0131I\u3400", id="long-s"),
        pytest.param("\u0305\xb9\u017f\xb7\u24db", "Is\xb7I", id="long-s-mark"),
        pytest.param("\u017f\u200c\u2070\u2097", "sol", id="long-s-invisible"),
        # ... as is a small letter shape the notation table folds (ᴵ: I), where it folds (was
        # '\xadᴵ\xad⑪' -> 'I\xad⑪' -> 'ILL'; bench/idempotence.py, seed 17, at ba0bd22)
        pytest.param("\xad\u1d35\xad\u246a", "ILL", id="small-capital-i-shape"),
        # The rest of a word beside a footnote-like small zero is English only if it is under
        # every reading of its stroke (was '₀\u200bᵢ𝐈' -> '₀\u200bᵢl' -> 'Oil').
        pytest.param("\u2080\u200b\u1d62\U0001d408", "Oil", id="footnote-stroke"),
        # A small one's neighbour is looked for through invisibles as through marks (was
        # 'Ａş•\xad¹Ⅱ' -> 'Aş•\xad¹II' -> 'Aş•III').
        pytest.param(
            "\uff21\u015f\u2022\xad\xb9\u2161", "A\u015f\u2022\xad\xb9II", id="soft-hyphen"
        ),
        # A stroke word counts as a stray-accented word under its stroke readings, and in
        # lower case where its stroke may read a small letter (was 'ｂ̈αbӏ aņ' -> 'b̈abi aņ'
        # -> 'babi an', 'Ӏovè ı̈s' -> 'lovè ïs' -> 'love is').
        pytest.param("\uff42\u0308\u03b1b\u04cf a\u0146", "babi an", id="stray-stroke-reading"),
        pytest.param("\u04c0ov\xe8 \u0131\u0308s", "love is", id="stray-capital-stroke"),
        # A styled digit read as a letter is one: the word's lookalike numeral is no number
        # alone (was 'İ𝟏🯰' -> 'İL🯰' -> 'İLO'; /tmp/idem_w/collect.py seed 7)
        pytest.param("\u0130\U0001d7cf\U0001fbf0", "\u0130LO", id="styled-digit-read-as-letter"),
        # A small one beside an accented letter is read with the accent, which the pass
        # removes as stray: its output is read again by another pass (was 'i˙s¹̅t' ->
        # 'i˙sIt', strict xfail from eed6463 to 2fa7dd2; reading the letter without its
        # accent in shape_letters settled it but moved 'ıп̧'αİ¹्sţ' into another family,
        # which this keeps settled).
        pytest.param(
            "\u20ddi\u02d9\u015f\xb9\u0305\u24e3", "i\u02d9sIt", id="small-one-beside-stray-accent"
        ),
        pytest.param(
            "the \u015f\xb9\u0305\u24e3 and y\xe8llow",
            "the sIt and yellow",
            id="small-one-beside-stray-accent-in-text",
        ),
        # A lone small one before a word that starts in lower case only once folded (the
        # palochka reads l): another pass reads it as "I" (was '¹ Ӏoveİwıth' ->
        # '¹ loveİwıth' -> 'I loveİwıth'; bench/idempotence.py --examples 100000 --seed 1
        # at cf8fed3, and at 2fa7dd2 too).
        pytest.param(
            "\xb9 \u04c0ove\u0130w\u0131th", "I love\u0130w\u0131th", id="small-one-before-stroke"
        ),
        # A word whose stroke reads a small letter is read so for its line's language and its
        # case: 'Ӏoveş' is 'loveş' (English with a stray cedilla), not a Turkish word nor a
        # capitalized name, so its line is no Turkish line and its stray accents go in the
        # first pass (was 'Ӏoveş¹¹¹ेche¹¹\xadéр' -> 'loveş¹¹¹ेche¹¹\xadép' ->
        # 'loves¹¹¹ेche¹¹\xadep'; bench/idempotence.py --examples 100000 --seed 3 at 59a8b93).
        pytest.param(
            "\u04c0ove\u015f\xb9\xb9\xb9\u0947che\xb9\xb9\xad\xe9\u0440",
            "loves\xb9\xb9\xb9\u0947che\xb9\xb9\xadep",
            id="stroke-word-with-a-turkish-letter",
        ),
        pytest.param("\u04c0ove\u015f y\xe8llow", "loves yellow", id="stroke-word-turkish-shrunk"),
        # ... and it counts so among its line's accented words, English or foreign, as it does
        # in the output (was 'Ӏovè yèllow rèd qéxz' -> 'lovè yèllow rèd qéxz' -> 'love yellow
        # red qéxz': skipped, one English word fewer made the line foreign).
        pytest.param(
            "\u04c0ov\xe8 y\xe8llow r\xe8d q\xe9xz",
            "love yellow red q\xe9xz",
            id="stroke-word-counted",
        ),
        pytest.param(
            "\u04c0ov\xe8 y\xe8llow q\xe9xz", "lov\xe8 y\xe8llow q\xe9xz", id="stroke-word-foreign"
        ),
        # (a stroke lookalike other than the palochka, ⏽ in 'ⱨimsꬲ⏽f', counts alike: was
        # 'aᵰ(ɭT(oẉn ⱨimsꬲ⏽f' -> 'aᵰ(ɭT(oẉn ⱨimself' -> 'an(ɭT(own himself', shrunk from a
        # text of the reviewer's rn1 set that did the same at 59a8b93)
        pytest.param(
            "a\u1d70(\u026dT(o\u1e89n \u2c68ims\uab32\u23fdf",
            "an(\u026dT(own himself",
            id="stroke-symbol-word-counted",
        ),
        # A word is in lower case for stray accents as the output writes it, its capital
        # lookalikes folded: 'numƄȩr' (Ƅ, a capital tone six, for b) is 'numbȩr' (was
        # 'numƄȩr yèllow' -> 'numbȩr yèllow' -> 'number yellow'; the reviewer's rn1 set had
        # 13 such texts at 59a8b93, Cherokee Ꮒ for h among them)
        pytest.param("num\u0184\u0229r y\xe8llow", "number yellow", id="capital-lookalike-lower"),
        pytest.param("\u010bome num\u0184\u0229r", "come number", id="capital-lookalike-shrunk"),
        pytest.param(
            "\u0131\u043f\u0327'\u03b1\u0130\xb9\u094ds\u0163",
            "\u0131\u043f\u0327'a\u0130\xb9\u094ds\u0163",
            id="small-one-beside-stray-accent-other-family",
        ),
    ],
)
def test_dense_fuzz_families_settle_in_one_pass(text: str, expected: str) -> None:
    # bench/idempotence.py's dense strategy (and /tmp/idem_w/collect.py, 300,000 texts of
    # its pools) found these: each is its own fixed point after the first pass.
    assert _settled(text).text == expected
    assert normalize_text(text, whole_lines=False).text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A Vietnamese or Turkish word whose bare stroke reads "I" is English only with that
        # capital ('Ӏồng' is 'Iồng'; 'ӏş' is 'Iş', "is"; 'şℓş' is 'şIş'): its line stays
        # Vietnamese or Turkish and its other words keep their accents, as at 59a8b93 (the
        # first reading of strokes for the line's language, each stroke read i or l, made
        # 'long', 'is', 'ilk', 'sis' English and stripped đèn, đỏ, Cô, gün...).
        pytest.param(
            "C\xf4 \u04c0\u1ed3ng \u0111\xe8n \u0111\u1ecf.",
            "C\xf4 I\u1ed3ng \u0111\xe8n \u0111\u1ecf.",
            id="vietnamese-line",
        ),
        pytest.param("\u04c0\u1ed3ng \u0111\xf4.", "I\u1ed3ng \u0111\xf4.", id="vietnamese-short"),
        pytest.param("\u04cf\u015f g\xfcn.", "I\u015f g\xfcn.", id="turkish-is"),
        pytest.param(
            "Sh\xe8 w\xe0s h\xe8r\xe8.\n\u0130\u04c0k g\xfcn.",
            "She was here.\n\u0130lk g\xfcn.",
            id="turkish-ilk-beside-strays",
        ),
        pytest.param(
            "Sh\xe8 w\xe0s h\xe8r\xe8.\nBu \u015f\u2113\u015f kebap.",
            "She was here.\nBu \u015fI\u015f kebap.",
            id="turkish-sis-beside-strays",
        ),
        pytest.param(
            "Sh\xe8 w\xe0s h\xe8r\xe8.\n\u01c0\u015f g\xfcn.",
            "She was here.\nI\u015f g\xfcn.",
            id="turkish-dental-click",
        ),
        # ... unless the line holds stray accents enough for the next pass, reading 'Iş' as
        # "is", to strip them: then they go at once (59a8b93 kept them, then stripped them)
        pytest.param("\u04cf\u015f g\xfcn y\xe8llow", "I\u015f gun yellow", id="turkish-is-strays"),
        pytest.param(
            "\u0130\u04c0k g\xfcn. y\xe8llow t\xf6d\xe1y",
            "\u0130lk gun. yellow today",
            id="turkish-ilk-strays",
        ),
        pytest.param(
            "w\xe8l\U0001d425 mone\xfd \uff4c\u015f.",
            "well money I\u015f.",
            id="strays-on-the-line",
        ),
        # A capital reading that is a rare word, no English one ('İlk': 'ilk' capitalised),
        # keeps the line as its genuine spelling does: the next pass does not read it English
        # (ecfb061 stripped gün, as if 'İlk' read "is": 'İlk gun okula gittim. yellow').
        pytest.param(
            "\u0130\u0406k g\xfcn okula gittim. y\xe8llow",
            "\u0130lk g\xfcn okula gittim. y\xe8llow",
            id="turkish-ilk-rare-capital",
        ),
        pytest.param(
            "\u0130\u04c0k g\xfcn y\xe8llow", "\u0130lk g\xfcn y\xe8llow", id="turkish-ilk-shrunk"
        ),
        pytest.param(
            "Sh\xe8 w\xe0s h\xe8r\xe8.\n\u0130\u217ck g\xfcn okula gittim.",
            "She was here.\n\u0130lk g\xfcn okula gittim.",
            id="turkish-ilk-roman-numeral",
        ),
        pytest.param(
            "Sh\xe8 w\xe0s h\xe8r\xe8.\n\u0130\u01c0k g\xfcn okula gittim.",
            "She was here.\n\u0130lk g\xfcn okula gittim.",
            id="turkish-ilk-dental-click",
        ),
        pytest.param(
            "Sh\xe8 w\xe0s h\xe8r\xe8.\n\u0130\u2113k g\xfcn.",
            "She was here.\n\u0130lk g\xfcn.",
            id="turkish-ilk-script-l",
        ),
        # ... but one that reads real accents is skipped, as written ('ÉІise' is 'Élise')
        pytest.param(
            "L\xe9on et \xc9\u0406ise. y\xe8llow t\xf6d\xe1y",
            "L\xe9on et \xc9lise. yellow today",
            id="real-accents-capital-reading",
        ),
        pytest.param(
            "\u04cfn\xeas e Lu\xeds. y\xe8llow t\xf6d\xe1y",
            "In\xeas e Lu\xeds. yellow today",
            id="real-accents-capital-reading-first",
        ),
    ],
)
def test_a_stroke_read_as_a_capital_keeps_its_national_line(text: str, expected: str) -> None:
    assert _settled(text).text == expected
    assert normalize_text(text, whole_lines=False).text == expected
