"""Names in Spanish, Portuguese, French, German, Italian and Vietnamese stories (issue 21).

``find_people`` reads English: it takes "Antonio" and "Diego" for places (San Antonio, San
Diego), stops a name at a particle ("Luiz Inácio Lula da Silva", "Ursula von der Leyen")
and does not know Vietnamese letters beyond Latin Extended-A ("Sơn Tùng", "Mỹ Tâm").
``international_names`` finds what it misses in a text that is not English, from the
patterns each language folder ships (``hoaxlens/languages/<lang>/people.json``):

- a run of capitalized name parts, joined by the languages' particles (de, da, dos, del,
  de la, di, du, van, van der, von, von der…), that starts with a known first name
  (accents folded, as the gazetteer's keys are), once the language's capitalized function
  words ("Según", "Quand", "Laut") are stripped from its front;
- the run after a role word ("el cantante X", "la actriz Y", "o jogador Z", "l'acteur W",
  "der Sänger V", "ca sĩ U"), whatever its first word, one word included;
- in Vietnamese text, a run of two to four capitalized syllables ("Hồ Ngọc Hà");
- the languages' one-word stage names with their accents ("Rosalía", "Thalía").

Runs holding an institution or place word of any of the languages ("Museo", "Hôpital",
"Krankenhaus") or of the English lexicon are left out. A text whose English function
words are common ("the", "and", "was"…) is English: nothing is added, so English results
stay those of ``find_people`` alone.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from hoaxlens.people.gazetteer import fold, load_gazetteer
from hoaxlens.people.lexicon import LEADING, NOT_NAME

LANGUAGES = ("es", "pt", "fr", "de", "it", "vi")


def _letters(lo: int, hi: int, upper: bool) -> str:
    return "".join(
        c
        for c in map(chr, range(lo, hi))
        if c.isalpha() and (c.isupper() if upper else c.islower())
    )


# Latin letters with their accents: Latin-1, Extended-A and -B (Vietnamese ơ ư) and Latin
# Extended Additional (Vietnamese ạ ả ấ … ỹ), each letter in the class of its own case.
_UP = "A-Z" + _letters(0xC0, 0x250, True) + _letters(0x1E00, 0x1F00, True)
_LOW = "a-z" + _letters(0xC0, 0x250, False) + _letters(0x1E00, 0x1F00, False)
_Q = "'\u2019"  # apostrophes
_PART = rf"(?:[dD][{_Q}]|Mc|Mac|O[{_Q}])?[{_UP}][{_LOW}]++(?:[-{_Q}][{_UP}]?[{_LOW}]++)*+"
_PARTICLE = (
    r"(?:de(?: la| las| los)?|da|do|dos|das|del|della|degli|di|du|des|"
    r"van(?: der| den| de)?|von(?: der| dem)?|zu)"
)
# A run of capitalized name parts, a particle allowed between two of them.


@cache
def _RUN() -> re.Pattern[str]:  # noqa: N802 - a constant, compiled at the first foreign text
    """The name-run pattern (8 ms to compile: a run on English text never needs it)."""
    return re.compile(rf"(?<![\w{_Q}-]){_PART}(?:[ \t]++(?:{_PARTICLE}[ \t]++)?{_PART}){{0,5}}+")


_VIETNAMESE = re.compile("[ơưđƠƯĐ\u1ea0-\u1ef9]")
_ENGLISH = frozenset(
    """
the and of was were with his her this that what who you she they their after about from
have has had would when which been are but not just
""".split()  # noqa: SIM905 - a word list reads better as text
)
# Function words of the five Latin-script languages that English does not use as words.
_FOREIGN = frozenset(
    """
el la en con los las que del y por una su sus não com o os em uma ao na ele ela dele dela
foi seu sua les et est des une du pour qui au aux der und das ist nicht ein eine mit sich
dem il che non è di della gli nel
""".split()  # noqa: SIM905 - a word list reads better as text
)
_TOKEN = re.compile(r"[^\W\d_]+")
_ELISION = re.compile("^[lL]['\u2019]")
# English lexicon words that are common given names in these languages (San Antonio, San
# Diego… made them place words there).
_GIVEN_NAMES = frozenset(["Antonio", "Diego", "Francisco", "Jose", "José"])


@dataclass(frozen=True, slots=True)
class _Patterns:
    """Every language's name patterns, merged (they do not contradict each other)."""

    roles: frozenset[str]  # lower case, one to three words
    noun_roles: frozenset[str]  # lower case: roles of languages that capitalize nouns (de)
    leading: frozenset[str]
    not_name: frozenset[str]  # single words
    not_name_runs: frozenset[str]  # several words (Vietnamese places: "Hà Nội")
    stage_names: frozenset[str]
    given_names: frozenset[str]  # folded: first names the gazetteer lacks ("Luiz", "João")
    role_words: int  # the most words of a role


@cache
def load_patterns() -> _Patterns:
    """Read the ``people.json`` of every language folder once."""
    roles: set[str] = set()
    noun_roles: set[str] = set()
    leading: set[str] = set()
    not_name: set[str] = set()
    runs: set[str] = set()
    stage: set[str] = set()
    given: set[str] = set()
    for lang in LANGUAGES:
        path = resources.files("hoaxlens") / "languages" / lang / "people.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != "hoaxlens-people-patterns" or data.get("lang") != lang:
            raise ValueError(f"{lang}/people.json: not a people-patterns file for {lang}")
        roles.update(r.lower() for r in data["roles"])
        if data["nouns_capitalized"]:
            noun_roles.update(r.lower() for r in data["roles"])
        leading.update(data["leading"])
        for word in data["not_name"]:
            (runs if " " in word else not_name).add(word)
        stage.update(data["stage_names"])
        given.update(fold(n) for n in data["given_names"])
    return _Patterns(
        roles=frozenset(roles),
        noun_roles=frozenset(noun_roles),
        leading=frozenset(leading) | LEADING,
        not_name=frozenset(not_name) | (NOT_NAME - _GIVEN_NAMES),
        not_name_runs=frozenset(runs),
        stage_names=frozenset(stage),
        given_names=frozenset(given),
        role_words=max(len(r.split()) for r in roles),
    )


# Each byte of a lower-cased sample's UTF-8, coded: L an ASCII letter, N another ASCII
# character, U the first byte of a character beyond ASCII (which may be a letter), c a
# continuation byte (a character beyond ASCII ends with one).
_CODES = bytes(
    ord("L" if 65 <= b <= 90 or 97 <= b <= 122 else "N" if b < 0x80 else "c" if b < 0xC0 else "U")
    for b in range(256)
)
# an English function word between two spaces (in UTF-8: a space is no byte of another character)
_SPACED_ENGLISH = re.compile(b" (?:" + "|".join(sorted(_ENGLISH)).encode() + b") ")


def _surely_english(low: str) -> bool:
    """``_english_tokens(_TOKEN.findall(low))`` when True, from counts made in C (issue 18).

    The letter runs (``_TOKEN``) are at most the letters after a non-letter or at the start,
    where any character beyond ASCII may be a letter; the English function words are at
    least their occurrences between two spaces. Bounds that pass the test are a pass of the
    exact counts; False means "not decided" (most English stories are decided here, without
    the Unicode tokenization that cost 0.1 ms a document).

    >>> _surely_english("a cat and a dog of a king"), _surely_english("el gato y el perro")
    (True, False)
    """
    data = low.encode("utf-8", "surrogatepass")
    hits = len(_SPACED_ENGLISH.findall(data))
    if hits < 2:
        return False
    coded = data.translate(_CODES)
    runs = coded.count(b"NL") + coded.count(b"NU") + coded.count(b"cL") + coded.count(b"cU")
    runs += coded[:1] in (b"L", b"U")
    return hits >= 0.1 * runs


def is_english(text: str) -> bool:
    """True when English function words make at least 10 % of the words (two at least).

    >>> is_english("The singer stopped the show when she saw the girl"), is_english("El cantante")
    (True, False)
    """
    low = text[:4000].lower()
    return _surely_english(low) or _english_tokens(_TOKEN.findall(low))


def _english_tokens(tokens: list[str]) -> bool:
    """``is_english`` of a text's lower-cased tokens."""
    hits = sum(map(_ENGLISH.__contains__, tokens))
    return hits >= 2 and hits >= 0.1 * len(tokens)


def is_foreign(text: str) -> bool:
    """True for a text in one of ``LANGUAGES``, unless English function words are common.

    Vietnamese letters (ơ ư đ ạ ả …) on a tenth of the words, or the other languages'
    function words making 8 % of the words (two at least).

    >>> is_foreign("La cantante lloró en el escenario"), is_foreign("Dolly Parton Backs A Fan")
    (True, False)
    """
    sample = text[:4000]
    low = sample.lower()
    if _surely_english(low):
        return False
    tokens = _TOKEN.findall(low)
    if _english_tokens(tokens):  # is_english(sample), on the same tokens
        return False
    if len(_VIETNAMESE.findall(sample)) >= 0.1 * len(tokens) > 0:
        return True
    hits = sum(map(_FOREIGN.__contains__, tokens))
    return hits >= 2 and hits >= 0.08 * len(tokens)


def _after_role(text: str, start: int, patterns: _Patterns) -> bool:
    """Whether a role word ("el cantante", "l'acteur", "ca sĩ") ends just before ``start``."""
    before = text[max(0, start - 40) : start]
    if not before[-1:].isspace() or "\n" in before[len(before.rstrip()) :]:
        return False  # "… als Sängerin\n\nDer Song": a role on the line before is no apposition
    words = before.split()[-patterns.role_words :]
    for k in range(1, len(words) + 1):
        phrase = " ".join(words[-k:]).lower()
        if phrase in patterns.roles or _ELISION.sub("", phrase) in patterns.roles:
            return True
    return False


def _trim(tokens: list[str], patterns: _Patterns) -> list[str]:
    """Strip function words ("Según", "Khi", "The") and particles from both ends of a run."""
    start, end = 0, len(tokens)
    while start < end and (tokens[start] in patterns.leading or not tokens[start][:1].isupper()):
        start += 1
    while end > start and (
        tokens[end - 1] in patterns.leading or not tokens[end - 1][:1].isupper()
    ):
        end -= 1
    return tokens[start:end]


def _accept(tokens: list[str], role: bool, vietnamese: bool, patterns: _Patterns) -> str | None:
    """The name a run's words make, or None."""
    tokens = _trim(tokens, patterns)
    for i, token in enumerate(tokens):
        if token in patterns.not_name:
            tokens = _trim(tokens[:i], patterns)  # "Sam Reed von The Hollywood" → "Sam Reed"
            break
    if not tokens:
        return None
    name = " ".join(tokens)
    if name in patterns.not_name_runs:
        return None
    if role:
        return name
    if len(tokens) < 2:
        return None
    if vietnamese:
        return name  # capitalized syllables in running Vietnamese text are a name
    gazetteer = load_gazetteer()
    if (
        gazetteer.is_first_name(tokens[0])
        or fold(tokens[0]) in patterns.given_names
        or gazetteer.is_public_figure(name)
    ):
        return name
    return None


def _after_role_word(tokens: list[str], patterns: _Patterns) -> list[str]:
    """The words after the last capitalized role noun of a run ("Der Sänger Herbert X")."""
    for i in range(len(tokens) - 1, -1, -1):
        if tokens[i].lower() in patterns.noun_roles:
            return tokens[i + 1 :]
    return []


def international_names(text: str, title: str = "") -> tuple[str, ...]:
    """Names of a non-English story that ``find_people`` misses, in order of appearance.

    Args:
        text: the normalized story body.
        title: the normalized headline.

    Returns:
        Every distinct name found (the empty tuple unless ``is_foreign(title + text)``).

    >>> international_names("Según la actriz Penélope Cruz, el gran Luiz Inácio Lula da Silva…")
    ('Penélope Cruz', 'Luiz Inácio Lula da Silva')
    >>> international_names("The actor Antonio Banderas was there with Lula da Silva.")
    ()
    """
    full = f"{title}\n{text}" if title else text
    if not is_foreign(full):
        return ()
    patterns = load_patterns()
    vietnamese = len(_VIETNAMESE.findall(full[:4000])) >= 0.1 * len(_TOKEN.findall(full[:4000]))
    found: dict[str, None] = {}
    for m in _RUN().finditer(full):
        tokens = m.group().split()
        role = _after_role(full, m.start(), patterns)
        if not role:
            after = _after_role_word(tokens, patterns)  # German nouns are capitalized
            tokens, role = (after, True) if after else (tokens, False)
        name = _accept(tokens, role, vietnamese, patterns)
        if name:
            found.setdefault(name)
        elif not role:
            for token in m.group().split():
                if token in patterns.stage_names:
                    found.setdefault(token)
    return tuple(found)
