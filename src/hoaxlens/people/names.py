"""Find the real people a story is about, without any model download.

Runs of two to four capitalized words are candidates. A candidate is kept when it contains
a public figure of the bundled gazetteer ("Carrie Ann Inaba Collapsed" gives "Carrie Ann
Inaba"), or, for people the gazetteer does not know, when it starts with a known first name
and holds no place, organisation, show, date or headline-verb word. Reviewed aliases map
short forms and royal titles to one name ("Carrie Ann" → "Carrie Ann Inaba", "The Princess
of Wales" → "Kate Middleton"); "Don and Maxine Simpson" gives both people; a later
first-name-only mention ("Derek") counts toward the full name ("Derek Hough").

Ranking: people named in the headline first, then by mentions (a public figure's count
doubled, so the celebrity outranks the relative or stranger the story quotes).
"""

from __future__ import annotations

import itertools
import operator
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from hoaxlens.people.counting import count_spaced
from hoaxlens.people.gazetteer import WORD_TOKEN, fold, load_gazetteer
from hoaxlens.people.lexicon import LEADING, NOT_NAME, SURNAME_WORDS, TITLES
from hoaxlens.people.lookups import LowerWords, headline_flags

if TYPE_CHECKING:
    from collections.abc import Container
    from collections.abc import Set as AbstractSet

# Latin, Latin-1 and the capitals of Latin Extended-A, which alternates capital and small
# letters ("đ", "ł", "š" start no name: "Derek Whitfield đã left" names Derek Whitfield)
_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de" + "".join(
    c for c in map(chr, range(0x100, 0x180)) if c.isupper()
)
_LOWER = "a-z\u00df-\u00f6\u00f8-\u00ff\u0100-\u017f"  # (Extended-A mixes the cases)
_NAME_PART = rf"(?:Mc|Mac|O['’]|D['’])?[{_UPPER}][{_LOWER}]+(?:[-'’][{_UPPER}]?[{_LOWER}]+)?"
# ``\b`` + ``_NAME_PART``, written to begin with the capital every name part begins with
# ("Mc", "Mac", "O'" and "D'" do too; the boundary is checked behind it): the regex engine
# then skips from capital to capital instead of trying every position (3-4x faster), and
# matches exactly where ``\b{_NAME_PART}`` does, in the same order of alternatives.
_LEAD_PART = (
    rf"[{_UPPER}](?<=\b[{_UPPER}])(?:(?<=M)(?:c|ac)[{_UPPER}]|(?<=[OD])['’][{_UPPER}])?"
    rf"[{_LOWER}]+(?:[-'’][{_UPPER}]?[{_LOWER}]+)?"
)
_NAME = re.compile(rf"{_LEAD_PART}(?:[ \t]+(?:[A-Z]\.[ \t]+)?{_NAME_PART}){{1,3}}\b")


# Patterns a document may not need are compiled at their first use (each costs 1-3 ms of a
# one-document run: a text may have no headline, no "X and Y Surname", no embed).
@cache
def _RUN() -> re.Pattern[str]:  # noqa: N802 - a constant, compiled when first needed
    return re.compile(rf"{_LEAD_PART}(?:[ \t]+{_NAME_PART})+\b")


@cache
def _PAIR() -> re.Pattern[str]:  # noqa: N802 - a constant, compiled when first needed
    return re.compile(rf"({_LEAD_PART}) (?:and|&) ({_NAME_PART}) ({_NAME_PART})\b")


# Every _PAIR match holds " and " or " & " between a small letter (a name part ends with
# one) and a capital (a name part starts with one): a line without this is not scanned for
# pairs (most lines of a story). The patterns begin with a literal: a fast search.
_AND_CAPITAL = re.compile(rf" and [{_UPPER}]")
_AMPERSAND_CAPITAL = re.compile(rf" & [{_UPPER}]")
_LOWER_CHARS = frozenset(map(chr, [*range(0x61, 0x7B), *range(0xDF, 0xF7), *range(0xF8, 0x180)]))
_TOKEN = WORD_TOKEN  # (the alias tables were tokenized with it)
# a _TOKEN that is capitalized: a capital with no word character, apostrophe, dot or hyphen
# before it (checked behind the capital, so that the engine skips from capital to capital)
_CAPITALIZED = re.compile(r"[A-ZÀ-ÖØ-Þ](?<![\w'’.-][A-ZÀ-ÖØ-Þ])[\w'’.-]*")
_POSSESSIVE = re.compile(r"['’]s?$")
_ROMAN = re.compile(r"^[IVX]+$")
_BARE_POSSESSIVE = re.compile(r"[a-rt-z]s$")  # "Eastwoods", but not "Ross" or "Jones's"
_OPENERS = frozenset('.!?:;"“‘(—–-')  # a capitalized word after these starts a sentence


# "sam smith (@sam)". A match starts at the first letter of a run of word characters,
# apostrophes, dots and hyphens (a later letter of the run would give the same match), so
# each run is tried once, not at every letter (quadratic on a long word).
@cache
def _EMBED_NAME() -> re.Pattern[str]:  # noqa: N802 - a constant, compiled when first needed
    return re.compile(
        r"(?<![\w'’.-])(?P<lead>[\d_'’.-]*+)"
        r"(?:[^\W\d_][\w'’.-]*+[ \t]++){1,3}\(@\w+\)"
    )


_WORD = re.compile(r"\w+")
_LOWER_WORD = re.compile(r"[a-z](?<=\b[a-z])[a-z'’-]*\b")  # \b[a-z]…, boundary checked behind
_SINGLE = re.compile(rf"{_LEAD_PART}\b")
_LETTERS = re.compile(r"[^\W\d_]+")
_FIRST = operator.itemgetter(0)
MAX_PEOPLE = 8
# A story names a handful of people, a long list article a few hundred; past this many
# distinct candidates a page is an attack, and later new names are ignored (mentions of
# names already found still count). Bounds find_people's memory and its name searches.
MAX_CANDIDATES = 1_000
# A story names its people long before half a million characters (about 80,000 words, a
# novel); past that, a document is a dump or an attack, and reading on only costs time
# (issue 15: 5 s of CPU for 4 MB of "Then Anna Xyz spoke to Mary Abc." lines). So
# ``find_people`` reads the text up to the last line break (else space) before this many
# characters; every document under it, which is every real story, is read whole.
MAX_TEXT = 500_000
_SMALL = frozenset({"of", "the", "de", "van", "von", "da", "la", "le", "du", "al"})


def _clean(run: str, words: Container[str]) -> str | None:
    """Trim a capitalized run to a plausible name, or reject it.

    ``words`` are the lower-case words of the text: a capitalized token that also occurs in
    lower case ("Reveals", "Dance") is an ordinary word in a title-case headline.

    >>> _clean("Vanna White's Heartfelt Message", frozenset())
    'Vanna White'
    >>> _clean("Grand Ole Opry", frozenset()) is None
    True
    """
    tokens = _run_tokens(run)
    while tokens and (tokens[0] in LEADING or (len(tokens) > 2 and tokens[0].lower() in words)):
        tokens = tokens[1:]  # "Mayor Dana Whitcomb" when "mayor" is also used as a word
    if len(tokens) < 2:
        return None  # (no window of a figure, and too short: whatever the trims below)
    while tokens and tokens[-1].lower() in words:
        tokens = tokens[:-1]
    known = _known_figure_of(tokens)  # (a tuple: remembered as it is)
    if known:
        return known  # "Kanye West" although "West" marks places elsewhere
    if len(tokens) < 2 or not NOT_NAME.isdisjoint(
        tokens if "." not in run else [t.rstrip(".") for t in tokens]
    ):
        return None
    # The last token is no ordinary word (the loop above stopped there), nor the first of
    # three or more (the first loop): ordinary words can be most of a run of five or more only.
    if len(tokens) > 4 and sum(t.lower() in words for t in tokens) * 2 > len(tokens):
        return None
    return " ".join(tokens)


_Verdict = tuple[str | None, str | None]  # a run's name, or else its guess


def _judge(run: str, words: Container[str]) -> _Verdict:
    """A name run's name (``_resolve`` of ``_clean``), or else its guess, in a document."""
    cleaned = _clean(run, words)
    resolved = _resolve(cleaned) if cleaned else None
    guess = (
        cleaned
        if not resolved
        and cleaned
        and _guessed_given_name(cleaned.split(), words)
        and run.startswith(cleaned)
        else None
    )
    return resolved, guess


@lru_cache(maxsize=16_384)
def _run_tokens(run: str) -> tuple[str, ...]:
    """The words of a run up to a possessive ("Dolly Parton's Song")."""
    tokens = run.split()
    for i, token in enumerate(tokens):
        if token.endswith(("'s", "’s")):  # a possessive ends the name
            return (*tokens[:i], token[:-2])
    return tuple(tokens)


def _known_figure(tokens: list[str]) -> str | None:
    """The longest public figure of the gazetteer inside ``tokens``, if any."""
    return _known_figure_of(tuple(tokens))


@lru_cache(maxsize=16_384)
def _known_figure_of(tokens: tuple[str, ...]) -> str | None:
    """``_known_figure``, remembered across documents (stories name the same people)."""
    gazetteer = load_gazetteer()
    bare = bool(tokens) and _BARE_POSSESSIVE.search(tokens[-1]) is not None
    marked = not NOT_NAME.isdisjoint(tokens)  # (most runs hold no such word)
    for size in range(len(tokens), 1, -1):
        for start in range(len(tokens) - size + 1):
            window = tokens[start : start + size]
            if window[0] in LEADING or (
                marked
                and any(
                    t in NOT_NAME and (t is not window[-1] or t not in SURNAME_WORDS)
                    for t in window
                )
            ):
                continue  # "The Day", "Royal Air Force", "Mayo Clinic" are DBpedia titles too
            part = " ".join(window)
            if gazetteer.is_public_figure(part):
                return part
            if bare and start + size == len(tokens) and gazetteer.is_public_figure(part[:-1]):
                return part[:-1]  # "Clint Eastwoods kids": a possessive without apostrophe
    return None


@lru_cache(maxsize=16_384)
def _headline_figure(run: str) -> str | None:
    """The public figure a name run of a headline-case line names, if any.

    Such a line confirms names; on its own it adds only a known public figure.
    """
    cleaned = _clean(run, frozenset())
    figure = _resolve(cleaned) if cleaned else None
    return figure if figure and load_gazetteer().is_public_figure(figure) else None


@lru_cache(maxsize=16_384)
def _casing(name: str) -> str:
    """Display form of a lower-case gazetteer name.

    >>> _casing("reba mcentire"), _casing("king charles iii"), _casing("annie d'angelo")
    ('Reba McEntire', 'King Charles III', "Annie D'Angelo")
    """
    out = []
    for i, word in enumerate(name.split(" ")):
        if i and word in _SMALL:
            out.append(word)
        elif re.fullmatch(r"[ivx]+", word) and i:
            out.append(word.upper())
        elif word.startswith("mc") and len(word) > 2:
            out.append("Mc" + word[2:].capitalize())
        else:
            parts = re.split(r"([-'’])", word)
            out.append("".join(p[:1].upper() + p[1:] for p in parts))
    return " ".join(out)


@lru_cache(maxsize=16_384)
def _resolve(name: str) -> str | None:
    """Known figure inside a cleaned run, an alias' full name, or the run when plausible.

    >>> _resolve("Carrie Ann Inaba Collapsed"), _resolve("Studio Lights"), _resolve("Carrie Ann")
    ('Carrie Ann Inaba', None, 'Carrie Ann Inaba')
    """
    gazetteer = load_gazetteer()
    tokens = name.split()
    known = _known_figure(tokens)  # the longest known figure wins
    if known:
        return known
    alias = gazetteer.aliases.get(fold(name))
    if alias:
        return _casing(alias)
    if not _is_given_name(tokens[0]) or len(tokens) > 3:
        return None
    return name


@lru_cache(maxsize=65_536)
def _is_given_name(word: str) -> bool:
    """A known first name, or a hyphenated one that starts with a known first name.

    >>> _is_given_name("Derek"), _is_given_name("Kay-Dene"), _is_given_name("Award-Winning")
    (True, True, False)
    """
    gazetteer = load_gazetteer()
    if gazetteer.is_first_name(word):
        return True
    parts = word.split("-")
    return (
        len(parts) == 2
        and all(p[:1].isupper() for p in parts)
        and gazetteer.is_first_name(parts[0])
    )


def _guessed_given_name(tokens: list[str], words: Container[str]) -> bool:
    """True for "Catelynn Lowell": a first name the lexicon lacks, before a surname.

    Such a pair is only a guess; ``find_people`` keeps it when the surname recurs alone.
    """
    return (
        len(tokens) == 2
        and len(tokens[0]) > 2
        and tokens[0].isalpha()
        and not _is_given_name(tokens[0])  # (remembered: asked before the text is searched)
        and tokens[0].lower() not in words
    )


def _alias_index() -> tuple[tuple[int, ...], frozenset[str]]:
    """What ``_alias_mentions`` checks before it builds a key (stored with the gazetteer).

    - the token counts of the multi-word aliases, longest first ("catherine , princess …");
    - their lower-cased first words (most capitalized words start none).
    """
    gazetteer = load_gazetteer()
    return gazetteer.alias_sizes, gazetteer.alias_first_words


def _alias_heads() -> AbstractSet[str]:
    """Every start of a multi-word alias that ends where the alias or one of its words ends.

    (Before a space or a comma.) The key of a window's first two words is one of them
    whenever any window from there is an alias, so most windows are never built (stored
    with the gazetteer: ``gazetteer.alias_tables``).
    """
    return load_gazetteer().alias_heads


def _alias_lengths() -> tuple[int, ...]:
    """Token counts of the multi-word aliases, longest first ("catherine , princess …")."""
    return _alias_index()[0]


def _alias_first_words() -> frozenset[str]:
    """Lower-cased first words of the multi-word aliases (most words start none)."""
    return _alias_index()[1]


def _alias_key(words: list[str]) -> str:
    """The alias table's key of a run of words ("Catherine , Princess" → "catherine, princess")."""
    return " ".join(words).lower().replace(" ,", ",")


def _stage_name_keys() -> frozenset[str]:
    """One-word aliases of the reviewed table, matched where they stand alone.

    Stage names ("drake", "beyonce" → "beyoncé") and the first names a star goes by
    ("dolly" → "dolly parton").
    """
    return load_gazetteer().stage_names


def _may_start_alias(word: str, firsts: frozenset[str], stage_keys: frozenset[str]) -> bool:
    """Whether ``_alias_mentions`` does anything with this capitalized word."""
    low = word.lower()
    if low in firsts:
        return True
    if low[-1] in "s.":
        low = low.rstrip(".").removesuffix("'s").removesuffix("\u2019s")
    return low in stage_keys


def _alias_starts(*texts: str) -> frozenset[str]:
    """The capitalized words of ``texts`` that may start an alias (most texts have none).

    The distinct capitalized words, intersected with the first words of the alias table
    and its one-word stage names: a line that holds none of them has no alias mention,
    and ``_alias_mentions`` is not run on it.
    """
    return _alias_starts_of(set(itertools.chain.from_iterable(map(_CAPITALIZED.findall, texts))))


_STARTS_ALIAS: set[str] = set()  # capitalized words seen that may start an alias
_STARTS_NONE: set[str] = set()  # and those that do not (both bounded by _STARTS_SEEN)
_STARTS_SEEN = 65_536


def _alias_starts_of(words: set[str]) -> frozenset[str]:
    """``_alias_starts`` of texts whose distinct capitalized words are ``words``.

    Each word is judged once per process (``_may_start_alias``); a document's words are
    then sorted by two set operations.
    """
    new = words - _STARTS_NONE
    new -= _STARTS_ALIAS
    if new:
        if len(_STARTS_NONE) + len(_STARTS_ALIAS) + len(new) > _STARTS_SEEN:
            _STARTS_NONE.clear()
            _STARTS_ALIAS.clear()
            new = words
        firsts, stage_keys = _alias_first_words(), _stage_name_keys()
        for word in new:
            starts = _may_start_alias(word, firsts, stage_keys)
            (_STARTS_ALIAS if starts else _STARTS_NONE).add(word)
    return frozenset(words & _STARTS_ALIAS)


def _alias_mentions(
    line: str, starts: frozenset[str] | None = None, capitalized: list[str] | None = None
) -> list[tuple[int, int, str]]:
    """``(start, end, full name)`` of every capitalized multi-word alias in ``line``.

    A one-word stage name counts only where no other capitalized word touches it ("Drake
    announced", not "Drake Maye").

    >>> [m[2] for m in _alias_mentions("Prince George's words to King Charles III")]
    ['Prince George', 'King Charles III']
    >>> [m[2] for m in _alias_mentions("Eminem and Drake\u2019s tour, not Drake Maye.")]
    ['Eminem', 'Drake']

    ``starts`` (``_alias_starts`` of the document) lets a line without any of them be
    answered without a scan; ``capitalized`` is ``_CAPITALIZED.findall(line)`` when the
    caller has it already.
    """
    if starts is not None:
        if not starts:
            return []  # the document has no word that starts an alias
        found = _CAPITALIZED.findall(line) if capitalized is None else capitalized
        starts = starts.intersection(found)
        if not starts:
            return []
    caps = [
        (cap.start(), cap.group())
        for cap in _CAPITALIZED.finditer(line)  # only capitalized words start an alias
        if starts is None or cap.group() in starts  # the others start none
    ]
    return _alias_spans(line, 0, len(line), caps)


def _pair_lines(body: str, starts: list[int]) -> set[int]:
    """The lines of ``body`` (the line ``i`` starts at ``starts[i]``) that may hold a pair.

    A ``_PAIR`` match holds " and " or " & " between a small letter and a capital.
    """
    lines = set()
    for pattern in (_AND_CAPITAL, _AMPERSAND_CAPITAL) if " & " in body else (_AND_CAPITAL,):
        for m in pattern.finditer(body):
            at = m.start()
            if at and body[at - 1] in _LOWER_CHARS:
                lines.add(bisect_right(starts, at) - 1)
    return lines


def _words_at(text: str, words: frozenset[str]) -> list[tuple[int, str]]:
    """``(start, word)`` of each ``_CAPITALIZED`` match of ``text`` that is one of ``words``.

    A match starts at each capital that follows no word character, apostrophe, dot or
    hyphen, and runs to the end of those: each occurrence of a word is matched where it
    stands (a document's few alias starts are found with ``str.find``, not by reading every
    capitalized word), unless the words are many and the text long.
    """
    if not words:
        return []
    if len(words) * len(text) > 1_000_000:
        return [(m.start(), m.group()) for m in _CAPITALIZED.finditer(text) if m.group() in words]
    found = []
    match = _CAPITALIZED.match
    for word in words:
        at = text.find(word)
        while at >= 0:
            m = match(text, at)
            if m is not None and m.end() == at + len(word):
                found.append((at, word))
            at = text.find(word, at + 1)
    found.sort()
    return found


def _alias_spans(
    text: str, lo: int, hi: int, caps: list[tuple[int, str]]
) -> list[tuple[int, int, str]]:
    """``_alias_mentions`` of the line ``text[lo:hi]``, in ``text``'s positions.

    ``caps``: ``(start, word)`` of the line's capitalized words that may start an alias
    (``_CAPITALIZED`` matches, in order); the others start none.
    """
    gazetteer = load_gazetteer()  # (the tables of _alias_index and _stage_name_keys)
    aliases, sizes, firsts = gazetteer.aliases, gazetteer.alias_sizes, gazetteer.alias_first_words
    stage_keys = gazetteer.stage_names
    out: list[tuple[int, int, str]] = []
    resume = lo
    for start, first in caps:
        if start < resume:
            continue
        end = start + len(first)
        low = first.lower()
        if low in firsts and _may_start_multiword(text, first, end, hi):
            tokens = list(itertools.islice(_TOKEN.finditer(text, end, hi), sizes[0] - 1))
            found = _alias_window(first, tuple(t.group() for t in tokens))
            if found is not None:
                size, name = found
                resume = tokens[size - 2].end()
                out.append((start, resume, name))
                continue
        if low[-1] in "s.":
            low = low.rstrip(".").removesuffix("'s").removesuffix("\u2019s")
        if low in stage_keys and _stands_alone(text, start, first, lo, hi):
            out.append((start, end, _casing(aliases[low])))
    return out


@lru_cache(maxsize=16_384)
def _alias_window(first: str, following: tuple[str, ...]) -> tuple[int, str] | None:
    """The longest multi-word alias that ``first`` and the words after it begin, if any.

    Its number of words and its full name (the aliases run to 2, 3 or 5 words).
    """
    aliases = load_gazetteer().aliases
    tokens = (first, *following)
    for size in _alias_lengths():
        if len(tokens) < size:
            continue
        words = list(tokens[:size])
        words[-1] = _POSSESSIVE.sub("", words[-1])
        if any(w[0].islower() and w not in _SMALL for w in words):
            continue
        key = _alias_key(words)
        if key in aliases:
            return size, _casing(aliases[key])
    return None


def _may_start_multiword(text: str, first: str, end: int, hi: int) -> bool:
    """False when no window from ``first`` (ending at ``end``) can be a multi-word alias.

    A window of two or more words has the key of its first two (the second as it stands,
    or without its possessive when it is the last) as a start of its own key
    (``_alias_heads``); the line ends at ``hi``.
    """
    second = _TOKEN.search(text, end, hi)
    if second is None:
        return False  # no second word: no window of two or more
    return _pair_starts_alias(first, second.group())


@lru_cache(maxsize=65_536)
def _pair_starts_alias(first: str, word: str) -> bool:
    """Whether ``first word`` (or ``word`` without its possessive) starts an alias's key.

    Checked against ``_alias_heads``; remembered across documents.
    """
    heads = _alias_heads()
    bare = _POSSESSIVE.sub("", word)
    return _alias_key([first, word]) in heads or _alias_key([first, bare]) in heads


def _stands_alone(text: str, start: int, word: str, lo: int = 0, hi: int = -1) -> bool:
    """True when no other capitalized word touches ``word`` at ``start`` in ``text[lo:hi]``.

    "Drake announced", not "Drake Maye" or "Rapper Drake"; a leading word ("The") may come
    before it.
    """
    hi = len(text) if hi < 0 else hi
    end = start
    while end > lo and text[end - 1].isspace():
        end -= 1
    # The word before counts only when it ends in a letter, so it is read only then: walking
    # back to the line's start before every "Drake!" of "Drake!Drake!…" cost words x line.
    if end > lo and text[end - 1].isalpha():
        begin = end
        while begin > lo and not text[begin - 1].isspace():
            begin -= 1
        before = text[begin:end]
        if before[:1].isupper() and before not in LEADING:
            return False
    if word.endswith("."):
        return True
    end = start + len(word)
    while end < hi and text[end].isspace():
        end += 1
    return end >= hi or not text[end].isupper()


def _end_before(line: str, pos: int) -> int:
    """Where ``line[:pos].rstrip()`` ends (no copy of the prefix: lines can be megabytes)."""
    while pos and line[pos - 1].isspace():
        pos -= 1
    return pos


def _char_before(line: str, pos: int) -> str:
    """``line[:pos].rstrip()[-1:]`` without copying the prefix."""
    end = _end_before(line, pos)
    return line[end - 1 : end] if end else ""


def _word_before(line: str, pos: int, sep: str | None = None) -> str:
    r"""``line[:pos].rsplit(sep, 1)[-1]`` of the right-stripped prefix, without copying it.

    >>> _word_before("Then  Prince Louis  and", 20), _word_before("Mr.\tX and", 6, " ")
    ('Louis', 'Mr.\tX')
    """
    end = _end_before(line, pos)
    if sep is not None:
        return line[line.rfind(sep, 0, end) + 1 : end]
    start = end
    while start and not line[start - 1].isspace():
        start -= 1
    return line[start:end]


def _is_headline_case(line: str) -> bool:
    """True for title-case lines, where capitals say nothing about names.

    >>> _is_headline_case("Star Quietly Paid A Stranger's Debt"), _is_headline_case("Derek fell.")
    (True, False)
    """
    tokens: list[str] = _LETTERS.findall(line)
    if len(tokens) < 4:
        return False
    return sum(map(str.isupper, map(_FIRST, tokens))) >= 0.75 * len(tokens)


def _merge_prefixes(full: Counter[str]) -> None:
    """Count "Carrie Ann" toward "Carrie Ann Inaba" when it is the only longer match."""
    ordered = sorted(full)  # the names that start with name + " " sort between it and name + "!"
    for name in sorted(full, key=len):
        first = bisect_left(ordered, name + " ")
        if bisect_left(ordered, name + "!", first) - first == 1:
            full[ordered[first]] += full.pop(name)  # a longer name: not merged away yet


def _merge_variants(full: Counter[str], alone: Counter[str]) -> None:
    """Fold spelling variants of one person into one name.

    "Kay Smiths" (a possessive without apostrophe) counts toward "Kay Smith". A name found
    only through one-word mentions (``alone``: "Drake", "Dolly") counts toward the one
    other person who shares a name part ("Drake" in a Drake Maye story).
    """
    for name in [n for n in full if n.endswith("s") and n[:-1] in full]:
        full[name[:-1]] += full.pop(name)
    lonely = [n for n in alone if full.get(n) == alone[n]]
    if not lonely:
        return
    by_part: dict[str, list[str]] = {}
    for name in full:
        for part in set(_given_and_family(name)):
            by_part.setdefault(part, []).append(name)
    for name in lonely:
        owners = {
            n
            for part in set(_given_and_family(name))
            for n in by_part.get(part, ())
            if n != name and n in full
        }
        if len(owners) == 1:
            full[owners.pop()] += full.pop(name)


def _ordinary_words(text: str) -> frozenset[str]:
    """Lower-case words of ``text``, less the display names of social-media embeds.

    A capitalized word also used in lower case is an ordinary word ("Reveals", "Dance" of
    a title-case headline).

    The display name of a social-media embed ("— christine teigen (@chrissyteigen)") is
    left out, so that it does not make the "Teigen" of "Chrissy Teigen" an ordinary word.

    >>> sorted(_ordinary_words("we dance — christine teigen (@chrissyteigen) today"))
    ['dance', 'today', 'we']
    """
    if "(@" in text:
        text = _EMBED_NAME().sub(r"\g<lead> ", text)
    return frozenset(_LOWER_WORD.findall(text))


@lru_cache(maxsize=16_384)
def _given_and_family(name: str) -> tuple[str, str]:
    """The parts a lone mention uses: "King Charles III" → ("Charles", "Charles")."""
    parts = [p for p in name.split() if p not in TITLES and not _ROMAN.match(p)] or name.split()
    return parts[0], parts[-1]


@lru_cache(maxsize=16_384)
def _title_parts(name: str) -> tuple[tuple[str, str], tuple[str, ...]]:
    r"""``_given_and_family(name)``, and those of its parts that are no run of ``\w``."""
    parts = _given_and_family(name)
    return parts, tuple(p for p in parts if _WORD.fullmatch(p) is None)


def _is_word_char(char: str) -> bool:
    r"""Whether ``char`` is a ``\w`` of a regex (a letter, digit or ``_``); "" is not."""
    return char.isalnum() or char == "_"


def _word_at(text: str, part: str) -> int:
    r"""Where ``\b{part}\b`` first matches in ``text`` (as ``re.search`` of it), or -1.

    Without a regex compiled for each part ("Kay-Dene", "O'Neal": parts that are no
    ``\w`` run; compiling one costs about 0.5 ms).

    >>> _word_at("Kay-Dene's Kay-Dene", "Kay-Dene"), _word_at("xO'Neal O'Neal", "O'Neal")
    (0, 8)
    """
    starts_word, ends_word = _is_word_char(part[:1]), _is_word_char(part[-1:])
    at = text.find(part)
    while at >= 0:
        end = at + len(part)
        if (
            _is_word_char(text[at - 1 : at]) != starts_word
            and _is_word_char(text[end : end + 1]) != ends_word
        ):
            return at
        at = text.find(part, at + 1)
    return -1


@lru_cache(maxsize=16_384)
def _weight(name: str) -> int:
    """A found name's mentions count twice when it is a public figure or an alias' name."""
    gazetteer = load_gazetteer()
    return 2 if gazetteer.is_public_figure(name) or name.lower() in gazetteer.aliases else 1


def _headline_names(
    line: str, words: Container[str], elsewhere: Counter[str], no_body: bool
) -> list[str]:
    """First-name + surname pairs inside a title-case line ("… Coach Kim Caldwell Donates …").

    Kept only when the document has no running text, or the surname recurs outside
    headlines, since every word of such a line is capitalized.
    """
    found = []
    for m in _RUN().finditer(line):
        tokens = [  # (a possessive needs an apostrophe: "Fans" is left as it is)
            _POSSESSIVE.sub("", t) if t[-1] in "s'\u2019" and ("'" in t or "\u2019" in t) else t
            for t in m.group().split()
        ]
        for first, last in itertools.pairwise(tokens):
            if (
                _may_pair(first, last)
                and (no_body or elsewhere[last] > 0)
                and last.lower() not in words  # (the text is searched last)
            ):
                found.append(f"{first} {last}")
    return found


@lru_cache(maxsize=65_536)
def _may_pair(first: str, last: str) -> bool:
    """Whether a headline's ``first last`` reads as a first name and a surname."""
    return (
        first not in LEADING
        and _is_given_name(first)
        and not load_gazetteer().is_first_name(last)
        and first not in NOT_NAME
        and last not in NOT_NAME
    )


# A headline's alias mentions (each with whether it is one word), the public figures its
# other name runs name, and its first-name + surname pairs.
_HeadlineReading = tuple[list[tuple[str, bool]], list[str], list[str]]


def _read_headline(
    line: str,
    where: tuple[str, int, list[tuple[int, str]] | None],
    words: Container[str],
    elsewhere: Counter[str],
    no_body: bool,
) -> _HeadlineReading:
    """What a headline-case line names; the same for every copy of the line in a document.

    ``where``: the headlines joined, where this line starts there, and the ``(start, word)``
    there of its capitalized words that may start an alias (``None`` when none).
    """
    joined, line_start, caps = where
    taken = [
        (start - line_start, end - line_start, name)
        for start, end, name in (
            _alias_spans(joined, line_start, line_start + len(line), caps) if caps else ()
        )
    ]
    overlaps = _Overlaps(taken)
    figures = []
    for m in _NAME.finditer(line):
        if taken and overlaps(m.start(), m.end()):
            continue
        figure = _headline_figure(m.group())
        if figure:
            figures.append(figure)
    mentions = [(name, " " not in line[start:end]) for start, end, name in taken]
    return mentions, figures, _headline_names(line, words, elsewhere, no_body)


class _Overlaps:
    """Whether a match overlaps one of a line's alias spans (sorted, disjoint): a bisection."""

    def __init__(self, spans: list[tuple[int, int, str]]) -> None:
        self.starts = [s for s, _, _ in spans]
        self.ends = [e for _, e, _ in spans]

    def __call__(self, start: int, end: int) -> bool:
        i = bisect_right(self.ends, start)  # the first span that ends after it starts
        return i < len(self.ends) and self.starts[i] < end


class _Endings:
    """The first name (in finding order) that ends with " " + a given name, by look-up."""

    def __init__(self, names: Counter[str]) -> None:
        self.first: dict[str, str] = {}
        for name in names:
            self.add(name)

    def add(self, name: str) -> None:
        space = name.find(" ")
        while space >= 0:
            self.first.setdefault(name[space + 1 :], name)
            space = name.find(" ", space + 1)

    def get(self, name: str) -> str | None:
        return self.first.get(name)


class _KnownNames:
    """``any(pair in name for name in full)``, searched in one string of all the names.

    The string is rebuilt after names are added; ``full`` holds at most ``MAX_CANDIDATES``
    names, so a search is bounded, and once it is full answers are remembered.
    """

    def __init__(self, full: Counter[str]) -> None:
        self.full = full
        self.size = -1
        self.joined = ""
        self.answers: dict[str, bool] = {}

    def within(self, pair: str) -> bool:
        if pair in self.full:
            return True
        if len(self.full) != self.size:
            self.size = len(self.full)
            self.joined = "\n".join(self.full)  # no name holds a line break
            self.answers.clear()
        found = self.answers.get(pair)
        if found is None:
            found = self.answers[pair] = pair in self.joined
        return found


def bounded_text(text: str) -> str:
    r"""``text`` cut to at most ``MAX_TEXT`` characters, at a line break or else a space.

    >>> len(bounded_text("Derek fell.\n" * 100_000)) <= MAX_TEXT
    True
    """
    if len(text) <= MAX_TEXT:
        return text
    cut = text.rfind("\n", MAX_TEXT // 2, MAX_TEXT + 1)
    if cut < 0:
        cut = text.rfind(" ", MAX_TEXT // 2, MAX_TEXT + 1)
    return text[: cut if cut >= 0 else MAX_TEXT]


def find_people(text: str, title: str = "") -> tuple[str, ...]:
    """Return the full names of people the story mentions, the headline's first.

    Args:
        text: the normalized story body.
        title: the normalized headline (counts like any other mention).

    Returns:
        Up to ``MAX_PEOPLE`` names, found in the first ``MAX_TEXT`` characters of ``text``.

    >>> find_people("When Derek Hough fell, Carrie Ann Inaba stood up. Derek smiled.")
    ('Derek Hough', 'Carrie Ann Inaba')
    """
    text = bounded_text(text)
    text_lines = text.splitlines()
    lines = [title, *text_lines]
    is_headline = (
        headline_flags(lines, _is_headline_case)
        if "\n" not in title  # else the title, one line that holds a line break, alone
        else [_is_headline_case(title), *headline_flags(text_lines, _is_headline_case)]
    )
    headlines = [line for line, flag in zip(lines, is_headline, strict=True) if flag]
    running = [line for line, flag in zip(lines, is_headline, strict=True) if not flag]
    body = "\n".join(running)
    elsewhere = Counter(_SINGLE.findall(body))
    if "(@" in text:  # as _ordinary_words, line by line (no embed holds a line break)
        text = "\n".join(
            _EMBED_NAME().sub(r"\g<lead> ", line) if "(@" in line else line for line in text_lines
        )
    words = LowerWords(text, _LOWER_WORD)  # ``word in _ordinary_words(text)``, as asked
    full: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    known = _KnownNames(full)

    order: list[str] = []  # the names in the order they were first found

    def add(name: str, count: int = 1) -> None:
        if name not in full:
            if len(full) >= MAX_CANDIDATES:
                return
            first_seen[name] = len(order)  # nothing leaves ``full`` before the merges
            order.append(name)
        full[name] += count

    gazetteer = load_gazetteer()
    judged: dict[str, tuple[str | None, str | None]] = {}  # a run: its name, or its guess
    guesses: list[str] = []
    alone: Counter[str] = Counter()  # mentions by a one-word alias ("Drake", "Dolly")
    # Running text proposes names; headline-case lines ("Star Quietly Paid A Debt") only
    # confirm them, because every word of such a line is capitalized.
    # The running lines are read as one text (no pattern reads across a line break): each
    # alias mention, pair and name run is then handled with its line, line by line, in the
    # order of the line-by-line reading (aliases, pairs, runs), which sets the ranking's ties.
    starts = [0, *itertools.accumulate(len(line) + 1 for line in running)]
    # the capitalized words of the running lines where they stand, and of the headlines
    # (a capitalized word holds no line break: those of the title and text)
    capitals = [(m.start(), m.group()) for m in _CAPITALIZED.finditer(body)]
    joined = "\n".join(headlines)  # no name holds a line break: counts stay per line
    alias_starts = _alias_starts_of(
        {word for _, word in capitals}.union(_CAPITALIZED.findall(joined))
    )
    # alias mentions and pairs: (line, kind, where, name), sorted into the reading order
    before_runs: list[tuple[int, int, int, str]] = []
    spans: list[tuple[int, int, str]] = []  # every alias mention's span in ``body``
    by_line: dict[int, list[tuple[int, str]]] = {}
    for start, word in (c for c in capitals if c[1] in alias_starts) if alias_starts else ():
        by_line.setdefault(bisect_right(starts, start) - 1, []).append((start, word))
    for index in sorted(by_line):  # the lines that hold a word that may start an alias
        line_start = starts[index]
        line_end = line_start + len(running[index])
        for start, end, name in _alias_spans(body, line_start, line_end, by_line[index]):
            spans.append((start, end, name))
            before_runs.append((index, 0, start, name))
            alone[name] += " " not in body[start:end]  # counted in reading order: a Counter
    for index in sorted(_pair_lines(body, starts)):  # most lines hold no pair
        line = running[index]
        for m in _PAIR().finditer(body, starts[index], starts[index] + len(line)):
            before = _word_before(line, m.start() - starts[index], " ")
            if (
                not before[:1].isupper()  # "Princess Charlotte and Prince Louis" is no pair
                and _is_given_name(m.group(1))
                and _is_given_name(m.group(2))
                and not gazetteer.is_first_name(m.group(3))
                and m.group(3) not in NOT_NAME
            ):
                # "Don and Maxine Simpson": Don Simpson
                before_runs.append((index, 1, m.start(), f"{m.group(1)} {m.group(3)}"))
    before_runs.sort()
    before_runs.append((len(running), 0, 0, ""))  # (a sentinel after the last line)
    overlaps = _Overlaps(spans)
    # The name runs in reading order, each after the alias mentions and pairs of the lines
    # up to its own (``pending``: the next of them, and where its line starts).
    pending = 0
    pending_at = starts[before_runs[0][0]]
    for m in _NAME.finditer(body):
        start = m.start()
        while pending_at <= start:
            add(before_runs[pending][3])
            pending += 1
            pending_at = starts[before_runs[pending][0]]
        if spans and overlaps(start, m.end()):
            continue
        # a story names its people again and again: each run is judged once
        run = m.group()
        verdict = judged.get(run)
        if verdict is None:
            verdict = judged[run] = _judge(run, words)
        resolved, guess = verdict
        if resolved:
            add(resolved)
        elif guess:  # "…, Catelynn Lowell", not "Though Amy" (capitalized)
            index = bisect_right(starts, start) - 1
            if (_char_before(running[index], start - starts[index]) or ".") not in _OPENERS:
                guesses.append(guess)
    for _, _, _, name in before_runs[pending:-1]:
        add(name)
    if guesses:
        in_body = count_spaced(body, guesses)
        ending = _Endings(full)  # the first name found that ends with " " + a guess
        for name in guesses:
            # "Catelynn Lowell … Lowell said … Lowell told Us": the surname recurs alone; the
            # "Heming Willis" of "Emma Heming Willis" is that person.
            longer = ending.get(name)
            if longer:
                full[longer] += 1
            elif elsewhere[name.rsplit(" ", 1)[1]] - in_body[name] >= 2:
                add(name)
                ending.add(name)
    # Every name counts its mentions in the headlines from the line where it was found on
    # (counted after the loop, all names in one pass over the headlines).
    since = dict.fromkeys(full, 0)
    offsets = list(itertools.accumulate((len(line) + 1 for line in headlines), initial=0))
    no_body = not body.strip()
    by_line = {}
    for start, word in _words_at(joined, alias_starts):
        by_line.setdefault(bisect_right(offsets, start) - 1, []).append((start, word))
    readings: dict[str, _HeadlineReading] = {}  # a story often repeats its title: read once
    for index, line in enumerate(headlines):
        found_before = len(order)
        reading = readings.get(line)
        if reading is None:
            caps = by_line.get(index)
            reading = readings[line] = _read_headline(
                line, (joined, offsets[index], caps), words, elsewhere, no_body
            )
        mentions, figures, pairs = reading
        for name, one_word in mentions:
            add(name)
            alone[name] += one_word
        for figure in figures:
            if figure not in full:
                add(figure, 0)  # a public figure named only in a headline still counts
        for pair in pairs:
            if not known.within(pair):
                add(pair, 0)
        for name in order[found_before:]:
            since[name] = offsets[index]
    if headlines:
        full.update(count_spaced(joined, full, since))
        for name in [n for n in full if " " not in n]:  # one-word stage names ("Drake")
            full[name] += joined.count(name, since[name])
    if not full:
        return ()
    _merge_prefixes(full)
    _merge_variants(full, alone)
    # The name parts of the title and text: those of the running lines (``elsewhere``) and
    # of the headlines (a name part holds no line break, so the lines count apart).
    singles = elsewhere.copy()  # (all counts positive: as elsewhere + Counter(...), faster)
    singles.update(_SINGLE.findall(joined))
    parts_of = {name: dict.fromkeys(_given_and_family(name)) for name in full}
    owners = Counter(part for name_parts in parts_of.values() for part in name_parts)
    for name in full:
        # "Derek" and "Hough" alone are mentions of Derek Hough, when unambiguous.
        for part in parts_of[name]:
            if owners[part] == 1:
                full[name] += max(0, singles[part] - full[name])
    in_title: dict[str, int] = {}
    title_words: dict[str, int] = {}  # first position of each word: no regex per name part
    for m in _WORD.finditer(title):
        title_words.setdefault(m.group(), m.start())
    for name in full:
        parts, irregular = _title_parts(name)
        spots = [at for at in map(_word_at, itertools.repeat(title), irregular) if at >= 0]
        spots += [title_words[p] for p in parts if p in title_words]  # "Kay-Dene", "O'Neal"
        if spots:
            in_title[name] = min(spots)
    lead = min(in_title, key=in_title.__getitem__) if in_title else None

    def rank(name: str) -> tuple[bool, int, int]:
        weight = _weight(name)
        bonus = 3 if name == lead else 0  # the headline's first-named person
        return name not in in_title, -(full[name] * weight + bonus), first_seen[name]

    return tuple(sorted(full, key=rank)[:MAX_PEOPLE])
