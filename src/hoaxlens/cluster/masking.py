"""Typed-slot masking: replace what a name-swapped copy changes with ``[SLOT]`` tokens.

Content farms reuse one story with the celebrity, the town, the sum, the age and the date
swapped. Masking those spans before shingling makes the copies look alike again. The mask is
a pure function of the text (no configuration, no randomness), so every adapter (local,
Spark) masks identically.

People are those ``find_people`` finds, plus, in a text that is not English, the names of
``hoaxlens.people.international`` (particles, "el cantante X" appositions, Vietnamese
names, accented stage names): a Spanish copy with the celebrity swapped masks like the
other Spanish copies. An English text masks exactly as with ``find_people`` alone.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from hoaxlens.cluster.records import MaskedText, SlotFiller
from hoaxlens.people import find_all_people
from hoaxlens.people.lexicon import TITLES

if TYPE_CHECKING:
    from collections.abc import Iterable

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_NUM = r"\d[\d,]*(?:\.\d+)?"
_SCALE = r"(?:\s?(?:million|billion|thousand|hundred|trillion|[kKmM]\b|bn\b))"
# Ordered: the first pattern that matches a span wins (amounts before plain numbers, …).
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("amount", re.compile(rf"[$£€]\s?{_NUM}{_SCALE}?|\b{_NUM}{_SCALE}?\s(?:dollars|pounds|euros)")),
    ("age", re.compile(r"\b\d{1,3}[- ]years?[- ]old\b|\baged? \d{1,3}\b|(?<=, )\d{2,3}(?=,)")),
    (
        "date",
        re.compile(
            rf"\b{_MONTH}\.? \d{{1,2}}(?:st|nd|rd|th)?(?:,? \d{{4}})?\b|\b\d{{1,2}} {_MONTH}"
            rf"(?: \d{{4}})?\b|\b{_MONTH} \d{{4}}\b|\b{_WEEKDAY}\b|\b(?:19|20)\d{{2}}\b|"
            r"\b\d+ (?:minutes?|hours?|days?|weeks?) ago\b"
        ),
    ),
)
_ROMAN = re.compile(r"^[IVX]+$")
_NUMBER = re.compile(r"\b\d[\d,.]*\b")
_PLACE_WORDS = (
    "Hospital|Church|Cathedral|Chapel|Diner|Cafe|Café|Restaurant|Arena|Stadium|Center|"
    "Centre|Hall|Theater|Theatre|School|University|College|Park|Street|Avenue|Road|Hotel|"
    "Airport|Foundation|Shelter|Clinic|County|City"
)
# A capitalized word of at most 60 characters: unbounded, each word start of a long run
# ("St.St.St.…") was scanned to the run's end (quadratic); no place name has a longer word.
_CAP = r"(?:St\.|[A-Z][\w'\u2019.-]{0,59}+)"
_PLACE_SUFFIXED = re.compile(rf"\b(?:{_CAP} ){{1,4}}(?:{_PLACE_WORDS})\b")
# Places the stories name without a suffix: US states, countries and big cities.
_KNOWN_PLACES = (
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|"
    "Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|"
    "Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|"
    "New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|"
    "Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|"
    "Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming|Nashville|Memphis|Chicago|"
    "Los Angeles|Las Vegas|Boston|Atlanta|Dallas|Houston|Austin|Miami|Seattle|Denver|Detroit|"
    "Phoenix|Philadelphia|San Francisco|San Diego|London|Paris|Manchester|Liverpool|Dublin|"
    "Toronto|Sydney|Melbourne|Ohio|Canada|Mexico|England|Scotland|Ireland|Wales|Australia|"
    "Germany|France|Italy|Spain|Ukraine|Russia|Israel|Gaza|Africa|Kenya|Uganda|Haiti|India|"
    "Brooklyn|Queens|Manhattan|Hollywood|Malibu|Montana|Appalachia"
)
_PLACE_KNOWN = re.compile(rf"\b(?:{_KNOWN_PLACES})\b")
_SLOT_TOKEN = {
    "person": "[PERSON]",
    "place": "[PLACE]",
    "amount": "[AMOUNT]",
    "age": "[AGE]",
    "date": "[DATE]",
    "number": "[NUMBER]",
}


def _person_patterns(people: Iterable[str]) -> list[re.Pattern[str]]:
    """Full names first, then their single parts ("Derek", "Hough") as whole words.

    Titles and regnal numbers are no parts: "King Charles III" masks "Charles", not "King".
    """
    names = sorted(set(people), key=lambda n: (-len(n), n))
    parts = sorted(
        {
            p
            for n in names
            for p in n.split()
            if len(p) > 2 and p[0].isupper() and p not in TITLES and not _ROMAN.match(p)
        }
        - set(names),
        key=lambda p: (-len(p), p),
    )
    return [re.compile(rf"\b{re.escape(x)}(?:['\u2019]s)?\b") for x in (*names, *parts)]


def _spans(text: str, people: Iterable[str]) -> list[tuple[int, int, str]]:
    """Candidate ``(start, end, slot)`` spans in priority order."""
    found: list[tuple[int, int, str]] = []
    for slot, pattern in _PATTERNS:
        found += [(m.start(), m.end(), slot) for m in pattern.finditer(text)]
    for pattern in _person_patterns(people):
        found += [(m.start(), m.end(), "person") for m in pattern.finditer(text)]
    for pattern in (_PLACE_SUFFIXED, _PLACE_KNOWN):
        found += [(m.start(), m.end(), "place") for m in pattern.finditer(text)]
    found += [(m.start(), m.end(), "number") for m in _NUMBER.finditer(text)]
    return found


def mask(text: str, title: str = "") -> MaskedText:
    """Mask people, places, amounts, ages, dates and numbers with typed slot tokens.

    Args:
        text: the normalized text to mask (body, or title and body).
        title: an optional headline; only used to recognize people.

    Returns:
        The masked text and, in text order, the span each slot replaced.

    >>> m = mask("Dolly Parton, 78, paid $38,000 in Nashville on Friday. Dolly smiled.")
    >>> m.text
    '[PERSON], [AGE], paid [AMOUNT] in [PLACE] on [DATE]. [PERSON] smiled.'
    >>> [f.value for f in m.slot_fillers if f.slot == "person"]
    ['Dolly Parton', 'Dolly']
    """
    taken = bytearray(len(text))
    chosen: list[tuple[int, int, str]] = []
    people = find_all_people(text, title)
    for start, end, slot in _spans(text, people):
        if start < end and not any(taken[start:end]):
            taken[start:end] = b"\x01" * (end - start)
            chosen.append((start, end, slot))
    chosen.sort()
    out: list[str] = []
    fillers: list[SlotFiller] = []
    pos = 0
    for start, end, slot in chosen:
        out += [text[pos:start], _SLOT_TOKEN[slot]]
        fillers.append(SlotFiller(slot, text[start:end], start, end))
        pos = end
    out.append(text[pos:])
    return MaskedText("".join(out), tuple(fillers))
