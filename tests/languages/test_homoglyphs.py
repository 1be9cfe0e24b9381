"""Homoglyph obfuscation in the supported languages (issue 21): lookalikes are restored, the
language's own accents stay. Stories written here; strict xfails record what the normalizer
(another module's work) does not do yet."""

from __future__ import annotations

import pytest

from hoaxlens.normalize import normalize_text

STORIES = {
    "es": (
        "Según los vecinos, la cantante lloró en el escenario y nadie sabía qué pasaría "
        "después con la niña. El señor Núñez, que está con un pingüino de peluche, pidió perdón."
    ),
    "pt": (
        "Ninguém esperava: o jogador não conseguiu conter as lágrimas quando viu a mãe do "
        "menino. A ação comoveu os corações de São Paulo, e você também vai chorar com o avô."
    ),
    "fr": (
        "Personne ne s'attendait à ça : le chanteur a pleuré quand il a vu la fillette. Noël "
        "à Besançon, où la fête était très belle, restera pour elle un rêve."
    ),
    "de": (
        "Niemand ahnte, was danach geschah: Der Sänger weinte, als er das Mädchen sah. Große "
        "Überraschung für Jörg und die Öffentlichkeit in Düsseldorf, heißt es."
    ),
    "it": (
        "Nessuno se lo aspettava: il cantante è scoppiato a piangere perché la bambina era lì. "
        "Così è finita la serata più bella di Nicolò, però la città non dimenticherà."
    ),
    "vi": (
        "Không ai ngờ nam ca sĩ đã dừng buổi hòa nhạc để giúp cô bé đang khóc ở hàng ghế đầu. "
        "Người mẹ của em rất xúc động và cảm ơn anh, mọi người đều ấm lòng."
    ),
}
# The letters each story must hold, so that "untouched" means something.
ACCENTS = {
    "es": "áéíóúñü",
    "pt": "ãõçêôáé",
    "fr": "àèùéêçë",
    "de": "äöüßÜÖ",
    "it": "àèìòù",
    "vi": "ươđạảấ",
}
# Lookalikes, written as escapes: Cyrillic a e o er es ha u i, Greek omicron alpha nu
# upsilon iota kappa, and capitals (Cyrillic A Ve E Ka Em En O Er Es Te Ha I, Greek Nu Zeta).
CYRILLIC = str.maketrans("aeopcxyi", "\u0430\u0435\u043e\u0440\u0441\u0445\u0443\u0456")
GREEK = str.maketrans("oavuik", "\u03bf\u03b1\u03bd\u03c5\u03b9\u03ba")
CAPITALS = str.maketrans(
    "ABEKMHOPCTXNZI",
    "\u0410\u0412\u0415\u041a\u041c\u041d\u041e\u0420\u0421\u0422\u0425\u039d\u0396\u0406",
)
# Lookalikes of accented letters: Greek with tonos, Cyrillic with diaeresis.
ACCENTED = str.maketrans("áéíóúëï", "\u03ac\u03ad\u03af\u03cc\u03cd\u0451\u0457")


def _every_other(text: str, table: dict[int, int]) -> str:
    """Replace every second replaceable letter only (a subtler attack)."""
    out, flip = [], False
    for ch in text:
        if ord(ch) in table:
            flip = not flip
            out.append(chr(table[ord(ch)]) if flip else ch)
        else:
            out.append(ch)
    return "".join(out)


def _non_ascii(text: str) -> list[str]:
    return [c for c in text if not c.isascii()]


@pytest.mark.parametrize("lang", sorted(STORIES))
def test_each_story_holds_its_languages_accents(lang):
    assert set(ACCENTS[lang]) <= set(STORIES[lang])


@pytest.mark.parametrize("lang", sorted(STORIES))
def test_a_clean_story_is_left_as_it_is(lang):
    assert normalize_text(STORIES[lang]).text == STORIES[lang]


@pytest.mark.parametrize(
    "obfuscate",
    [
        pytest.param(lambda t: t.translate(CYRILLIC), id="cyrillic"),
        pytest.param(lambda t: t.translate(GREEK), id="greek"),
        pytest.param(lambda t: t.translate(CAPITALS), id="capitals"),
        pytest.param(lambda t: _every_other(t, CYRILLIC | GREEK), id="every-other"),
    ],
)
@pytest.mark.parametrize("lang", sorted(STORIES))
def test_lookalikes_are_restored_and_accents_kept(lang, obfuscate):
    story = STORIES[lang]
    attacked = obfuscate(story)
    assert attacked != story
    restored = normalize_text(attacked).text
    assert restored == story
    assert _non_ascii(restored) == _non_ascii(story)  # every accent where it was


@pytest.mark.parametrize(
    "line",
    [
        "Danke für alles, Papa",
        "Ma mère pleurait",
        "Gracias mamá",
        "Obrigado, mãe",
        "Qué lindo",
    ],
)
def test_a_short_line_keeps_its_accents(line):
    """für/mère/mamá/mãe/qué are English without accents; the accent lexicon knows them."""
    assert normalize_text(line).text == line


@pytest.mark.xfail(
    strict=True,
    reason=(
        "Lookalikes of accented letters (Greek alpha/epsilon/iota/omicron/upsilon with tonos, "
        "Cyrillic io and yi) are left as they are in a Spanish/Portuguese/French/Italian "
        "story, not restored to á é í ó ú ë ï; in the Spanish story the line they leave also "
        "looks English to the accent step, which strips the ñ of 'niña'. Fix in "
        "hoaxlens.normalize."
    ),
)
@pytest.mark.parametrize("lang", ["es", "pt", "fr", "it"])
def test_accented_lookalikes_are_restored(lang):
    story = STORIES[lang]
    attacked = story.translate(ACCENTED)
    assert attacked != story
    assert normalize_text(attacked).text == story
