"""The language of a document's body when it mixes languages (issue 21).

A Spanish story can open with an English quote; a scraped page can carry English menus,
newsletter and cookie lines before a Portuguese story. The scope gate feeds the language
detector the first characters of the text, so such a document was English. ``body_sample``
reads the whole (cleaned) text instead: quoted passages are left out ("…", “…”, «…», „…“),
each sentence votes English or another language by its function words (Vietnamese by its
letters), weighted by its length, and the sentences of the side with most characters make
the sample. A text whose sentences all vote one way (every plain English or plain Spanish
story) gets None: the gate keeps its first-characters sample, so its answer is unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Function words, lower case. English ones other languages do not use as common words,
# and the common words of Spanish, Portuguese, French, German and Italian that English does
# not use ("a", "in", "on", "no", "se", "die" left out: they are words of both).
_ENGLISH = frozenset(
    """
the and of to is was were for with that this you your our his her she he they it at by
from be are have has had not but what who will would can my we when there been just about
after every all our them then than into out
""".split()  # noqa: SIM905 - a word list reads better as text
)
_OTHER = frozenset(
    """
el la los las del que y en es por para con su sus lo al una un fue pero como más muy está
o os uma não com ao na em foi ele ela dele dela seu sua mas também você
le les des une est et du dans pour sur avec qui ne pas il elle ils mais été très au aux
der das und ist nicht ein eine mit sich auf von zu den dem sie er wir auch wie aber
il di che non è della nel gli per sono ha anche ma questo questa alla delle
""".split()  # noqa: SIM905 - a word list reads better as text
)
_TOKEN = re.compile(r"[^\W\d_]+")
# Letters only Vietnamese uses among the Latin-script languages (ơ ư đ and the dotted and
# hooked vowels of Latin Extended Additional).
_VIETNAMESE = re.compile("[ơưđƠƯĐ\u1ea0-\u1ef9]")
_SENTENCE = re.compile(r"[^.!?…]+[.!?…]*")
_MARKS = '"“”«»„'  # quotation marks, opening and closing
_CLOSERS = {'"': '"', "“": "”", "«": "»", "„": "“”"}
MAX_QUOTE = 1_000  # characters: a longer "quote" is an unpaired mark, not a quotation
MIN_SENTENCES = 2  # fewer voting sentences: nothing to weigh
MIN_DENSITY = 0.15  # function words per word for a sentence to vote (prose has 30-50 %)
MIN_MAJORITY = 0.55  # share of the voting characters the body's side must hold


@dataclass(frozen=True, slots=True)
class BodySample:
    """The body's side (``"en"`` or ``"other"``) and the sample of its sentences."""

    side: str
    text: str
    english_chars: int
    other_chars: int


def without_quotes(text: str) -> str:
    """``text`` with every paired quotation replaced by a space (unpaired marks kept).

    >>> without_quotes('Ella dijo: "I love you all" y lloró. «Merci» ; un " seul')
    'Ella dijo:   y lloró.   ; un " seul'
    """
    out: list[str] = []
    pos = 0
    opener = -1  # where the open quotation starts (-1: none open)
    for at in _mark_positions(text):
        char = text[at]
        if opener >= 0 and char in _CLOSERS[text[opener]]:
            if at - opener <= MAX_QUOTE:
                out += [text[pos:opener], " "]
                pos = at + 1
            opener = -1
        elif char in _CLOSERS:
            opener = at  # a new opener (an earlier one was never closed)
    out.append(text[pos:])
    return "".join(out)


def _mark_positions(text: str) -> list[int]:
    """Where the quotation marks are, in order, found with ``str.find`` per mark.

    A third of the cost of a regex scan for the six (``re.finditer('["“”«»„]', text)``).

    >>> _mark_positions('«a» "b" „c“')
    [0, 2, 4, 6, 8, 10]
    """
    found: list[int] = []
    for mark in _MARKS:
        at = text.find(mark)
        while at >= 0:
            found.append(at)
            at = text.find(mark, at + 1)
    found.sort()
    return found


def _vote(sentence: str) -> int:
    """+1 when a sentence reads English, -1 when it reads another language, 0 undecided.

    A side wins with more function words than the other, two at least, making
    ``MIN_DENSITY`` of the words: a list of names and titles ("… Banda MS de Sergio
    Lizárraga, Daddy Yankee …") is prose of no language.
    """
    tokens = _TOKEN.findall(sentence.lower())
    english = sum(t in _ENGLISH for t in tokens)
    other = sum(t in _OTHER for t in tokens) + len(_VIETNAMESE.findall(sentence)) // 2
    top = max(english, other)
    if top < 2 or top < MIN_DENSITY * len(tokens) or english == other:
        return 0
    return 1 if english > other else -1


def _may_vote_other(lower: str) -> bool:
    """A cheap test: a word of another language, or a Vietnamese letter (lower case)."""
    return not _OTHER.isdisjoint(lower.split()) or _VIETNAMESE.search(lower) is not None


def body_sample(text: str, limit: int) -> BodySample | None:
    """The sentences of the language most of ``text`` is written in, when it mixes two.

    Args:
        text: cleaned prose (links and markup removed, as ``clean_text`` gives it).
        limit: the most characters of sample to return.

    Returns:
        None unless sentences of both sides are found (a text in one language: the
        caller's own sample stands) and one side holds ``MIN_MAJORITY`` of their
        characters; else that side and its sentences, in order, up to ``limit`` characters.

    >>> body_sample("She cried and they saw it. La niña lloró y nadie en la sala lo sabía.", 9).side
    'other'
    >>> body_sample("The girl cried and they all saw it.", 600) is None
    True
    """
    prose = without_quotes(text)
    lower = prose.lower()
    if not _may_vote_other(lower):
        return None  # no sentence can vote for another language (most English texts)
    spans = [(m.start(), m.end()) for m in _SENTENCE.finditer(prose)]
    if not any(_may_vote_other(lower[s:e]) and _vote(prose[s:e]) < 0 for s, e in spans):
        return None  # every sentence with such a word still reads English
    sides: dict[int, list[str]] = {1: [], -1: []}
    seen: set[str] = set()
    for start, end in spans:
        sentence = prose[start:end].strip()
        if sentence in seen:
            continue  # repeated furniture ("Share this story.") counts once
        seen.add(sentence)
        vote = _vote(sentence)
        if vote:
            sides[vote].append(sentence)
    english = sum(map(len, sides[1]))
    other = sum(map(len, sides[-1]))
    if not (sides[1] and sides[-1]) or len(sides[1]) + len(sides[-1]) < MIN_SENTENCES:
        return None
    if max(english, other) < MIN_MAJORITY * (english + other):
        return None  # no clear body language: the caller's sample stands
    side = 1 if english > other else -1
    sample = " ".join(sides[side])[:limit]
    return BodySample("en" if side == 1 else "other", sample, english, other)
