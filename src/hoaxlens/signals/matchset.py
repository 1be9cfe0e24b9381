"""Which lexicon regexes can match a text, for all of them in one pass (RE2 ``Set``).

Python's ``re`` scans a text once per phrase or cue; a whole scan with a big alternation
costs 0.1-1 ms on a 3 KB text even near the gates. ``widened`` copies each regex into RE2
syntax, keeping only what RE2 reads the same way and widening the rest (anchors, word
boundaries and lookarounds dropped, negated parts read as any character, Unicode classes
as larger ones), so that the copy matches wherever the original can: a text where the
copy does not match holds no match of the original, and the original is not run. One
``MatchSet.match`` runs every copy over the lower-cased text in one DFA pass. The spans
themselves always come from Python's ``re``.

The copies read lower-cased text: every literal letter is lower-cased and matched as it
is. For a regex that already reads lower-cased text that widens nothing. For a
case-insensitive one it holds on text that lower-casing keeps the same length and that has
no ``CASE_TRAPS``, when its letters are ASCII (``i``, ``k`` and ``s`` also match the
Turkish i, the Kelvin sign and the long s: the first grows when lower-cased, the Kelvin
sign lower-cases to ``k``, and the rest are traps); other letters give no copy (None).

Most of the regexes are alternations of words: every match holds one of a few strings
(``core_strings``: "went viral", "gone viral", "going viral", lower-cased the same way).
Such a regex gets no RE2 copy: it can match only where one of its strings occurs, which the
lexicons' Aho-Corasick pass over the same lower-cased text lists with its gates
(``lexicon.occurrences``), so ``match`` is told which occur. The DFA then holds the few
other regexes; built lazily, text by text, a DFA of every copy cost ~0.1 ms a text over a
run's first 2,000 texts.
"""

from __future__ import annotations

import functools
import importlib
import itertools
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Mapping, Sequence

sre: Any = importlib.import_module("re._constants")
sre_parse: Any = importlib.import_module("re._parser")

# RE2 classes that hold every character Python's Unicode class holds (checked over every
# code point in tests/signals/test_matchset.py): Python's \w is str.isalnum() or "_",
# its \s str.isspace(), its \d the decimal digits.
CLASS_OF = {
    sre.CATEGORY_UNI_WORD: r"\p{L}\p{N}\p{M}_",
    sre.CATEGORY_WORD: r"\p{L}\p{N}\p{M}_",
    sre.CATEGORY_UNI_DIGIT: r"\p{Nd}",
    sre.CATEGORY_DIGIT: r"\p{Nd}",
    sre.CATEGORY_UNI_SPACE: r"\s\x{b}\p{Z}\x{1c}-\x{1f}\x{85}",
    sre.CATEGORY_SPACE: r"\s\x{b}\p{Z}\x{1c}-\x{1f}\x{85}",
}
_ANY = r"(?s:.)"
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
RE2_MAX_REPEAT = 1000


class _NoCopyError(Exception):
    """The regex holds something ``widened`` does not translate."""


@functools.cache
def _lower(code: int) -> str:
    """One character lower-cased, as the lower-cased text holds it (see the module's note)."""
    char = chr(code)
    low = char.lower()
    if len(low) != 1 or (char.isascii() is False and low != char.upper()):
        raise _NoCopyError  # a non-ASCII letter: its case partners are not its lower case
    return low


def _char(code: int) -> str:
    """One character as an RE2 literal, lower-cased (see the module's note)."""
    low = _lower(code)
    return low if low.isalnum() and low.isascii() else f"\\x{{{ord(low):x}}}"


def _class(items: Any) -> str:  # noqa: ANN401 - re's parse tree
    if items and items[0][0] is sre.NEGATE:
        rest = items[1:]
        if all(op is sre.LITERAL and chr(av).lower() == chr(av).upper() for op, av in rest):
            return "[^" + "".join(_char(av) for _, av in rest) + "]"  # caseless characters
        return _ANY
    parts = []
    for op, av in items:
        if op is sre.LITERAL:
            parts.append(_char(av))
        elif op is sre.RANGE:
            lo, hi = av
            parts.append(f"\\x{{{lo:x}}}-\\x{{{hi:x}}}")
            if lo <= ord("Z") and hi >= ord("A"):
                parts.append("a-z")  # upper-case letters of the range, lower-cased
            if hi > 0x7F and any(chr(c).lower() != chr(c) for c in range(max(lo, 0x80), hi + 1)):
                raise _NoCopyError  # upper-case letters beyond ASCII
        elif op is sre.CATEGORY and av in CLASS_OF:
            parts.append(CLASS_OF[av])
        else:
            return _ANY
    return "[" + "".join(parts) + "]"


def _sequence(items: Any, dotall: bool) -> str:  # noqa: ANN401 - re's parse tree
    out = []
    for op, av in items:
        if op is sre.LITERAL:
            out.append(_char(av))
        elif op in (sre.NOT_LITERAL, sre.ANY) and (op is sre.NOT_LITERAL or dotall):
            out.append(_ANY)
        elif op is sre.ANY:
            out.append(".")  # any character but a line break, in both
        elif op is sre.IN:
            out.append(_class(av))
        elif op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero-width: dropping it only widens
        elif op is sre.BRANCH:
            out.append("(?:" + "|".join(_sequence(b, dotall) for b in av[1]) + ")")
        elif op is sre.SUBPATTERN:
            group_dotall = (dotall or bool(av[1] & sre.SRE_FLAG_DOTALL)) and not (
                av[2] & sre.SRE_FLAG_DOTALL
            )
            out.append("(?:" + _sequence(av[3], group_dotall) + ")")
        elif op is sre.ATOMIC_GROUP:
            out.append("(?:" + _sequence(av, dotall) + ")")
        elif op in _REPEATS:
            low, high, item = av
            if low > RE2_MAX_REPEAT:
                raise _NoCopyError
            body = "(?:" + _sequence(item, dotall) + ")"
            # an upper bound only widened away: counted repeats multiply the DFA's states
            out.append(f"{body}{{{low}}}" if high == low else f"{body}{{{low},}}")
        else:
            raise _NoCopyError  # back-references, conditionals
    return "".join(out)


_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
MIN_CORE = 3  # a core that can match fewer characters filters too little to keep
_NARROW_CLASS = 12  # a class of more characters than this is broad
_DIGITS = (sre.CATEGORY_DIGIT, sre.CATEGORY_UNI_DIGIT)


def _narrow(op: Any, av: Any) -> bool:  # noqa: ANN401 - re's parse tree
    """Whether an element matches only a few strings of known characters (DFA-friendly)."""
    if op is sre.LITERAL or op in _ZERO_WIDTH:
        return True
    if op is sre.IN:
        size = 0
        for item_op, item in av:
            if item_op is sre.LITERAL:
                size += 1
            elif item_op is sre.RANGE:
                size += item[1] - item[0] + 1
            elif item_op is sre.CATEGORY and item in _DIGITS:
                size += 10  # (most texts hold only the ASCII ones)
            else:
                return False
        return size <= _NARROW_CLASS
    if op is sre.SUBPATTERN:
        return all(_narrow(o, a) for o, a in av[3])
    if op is sre.ATOMIC_GROUP:
        return all(_narrow(o, a) for o, a in av)
    if op is sre.BRANCH:
        return all(_narrow(o, a) for branch in av[1] for o, a in branch)
    if op in _REPEATS:
        return all(_narrow(o, a) for o, a in av[2])
    return False


def _core(items: Any) -> str | None:  # noqa: ANN401 - re's parse tree
    """RE2 for a part of ``items`` that every match holds, built from narrow elements only.

    Zero-width elements are dropped; a lone group is looked into; an alternation gives
    the alternation of its branches' cores. Else, of the runs of narrow elements, the one
    with the longest shortest match (every match of the sequence holds a match of each of
    its runs), when that is at least ``MIN_CORE`` characters, less what can match nothing
    at its ends (``_trimmed``); None otherwise.
    """
    solid = [(op, av) for op, av in items if op not in _ZERO_WIDTH]
    if len(solid) == 1:
        op, av = solid[0]
        if op is sre.SUBPATTERN:
            return _core(av[3])
        if op is sre.BRANCH:
            cores = [_core(branch) for branch in av[1]]
            if any(c is None for c in cores):
                return None
            return "(?:" + "|".join(c for c in cores if c is not None) + ")"
    best: tuple[int, list[Any]] = (0, [])
    run: list[Any] = []
    for op, av in [*solid, (None, None)]:
        if op is not None and _narrow(op, av):
            run.append((op, av))
            continue
        if run:
            low = int(sre_parse.SubPattern(items.state, run).getwidth()[0])
            best = max(best, (low, run), key=lambda lr: lr[0])
            run = []
    low, chosen = best
    if low < MIN_CORE:
        return None
    return _sequence(_trimmed(items.state, chosen, -1, 0), dotall=False)


def _trimmed(state: Any, items: list[Any], *ends: int) -> list[Any]:  # noqa: ANN401
    """``items`` without the elements that can match nothing at its ``ends`` (0, -1).

    For an unanchored search such an element ("(the )?" before a name, "( news)?" after
    it) changes no answer, only adds states to the DFA; inside a group or an alternation
    at an end, each branch is trimmed at that end the same way.
    """
    items = list(items)
    for end in ends:
        while len(items) > 1 and _optional(state, items[end]):
            del items[end]
        op, av = items[end]
        if op is sre.SUBPATTERN and not av[1] and not av[2]:
            inner = _trimmed(state, av[3], end)
            items[end] = (op, (av[0], 0, 0, sre_parse.SubPattern(state, inner)))
        elif op is sre.BRANCH:
            branches = [sre_parse.SubPattern(state, _trimmed(state, b, end)) for b in av[1]]
            items[end] = (op, (av[0], branches))
    return items


def _optional(state: Any, item: Any) -> bool:  # noqa: ANN401 - re's parse tree
    """Whether the element ``item`` can match the empty string."""
    return int(sre_parse.SubPattern(state, [item]).getwidth()[0]) == 0


CORE_STRINGS = 200  # a run of elements that matches more strings than this is not listed
_FEW_REPEATS = 3  # a repeat of at most this many counts is listed; more is not


def _product(items: Any) -> frozenset[str] | None:  # noqa: ANN401 - re's parse tree
    """Every string the sequence ``items`` matches, lower-cased; None: too many or unbounded.

    Zero-width elements match no characters: left out, a string of the run stays one
    every match of it holds.
    """
    found: frozenset[str] | None = _EMPTY
    for op, av in items:
        if op not in _ZERO_WIDTH:
            found = _times(found, _strings(op, av))
            if found is None:
                break
    return found


_EMPTY = frozenset([""])


def _times(head: frozenset[str] | None, tail: frozenset[str] | None) -> frozenset[str] | None:
    """Each of ``head`` followed by each of ``tail``; None past ``CORE_STRINGS`` or without."""
    if head is None or tail is None or len(head) * len(tail) > CORE_STRINGS:
        return None
    return frozenset(a + b for a in head for b in tail)


def _strings(op: Any, av: Any) -> frozenset[str] | None:  # noqa: ANN401 - re's parse tree
    """Every string the element matches, lower-cased (``_lower``); None when not listed.

    Literals, classes of literals and short ranges, groups, alternations and repeats of at
    most ``_FEW_REPEATS`` counts; a case-insensitive group inside a case-sensitive regex
    has no copy (its letters could match traps the copy does not check).
    """
    if op is sre.LITERAL:
        return frozenset([_lower(av)])
    if op is sre.IN:
        chars: set[str] = set()
        for item_op, item in av:
            if item_op is sre.LITERAL:
                chars.add(_lower(item))
            elif item_op is sre.RANGE and item[1] - item[0] < _NARROW_CLASS:
                chars.update(map(_lower, range(item[0], item[1] + 1)))
            else:
                return None  # a negated class, a category, a wide range
        return frozenset(chars)
    if op is sre.SUBPATTERN:
        if av[1] & sre.SRE_FLAG_IGNORECASE:
            raise _NoCopyError
        return _product(av[3])
    if op is sre.ATOMIC_GROUP:  # matches a part of what the group matches
        return _product(av)
    if op is sre.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            strings = _product(branch)
            if strings is None or len(union) + len(strings) > CORE_STRINGS:
                return None
            union |= strings
        return frozenset(union)
    if op in _REPEATS and av[1] <= _FEW_REPEATS:
        base = _product(av[2])
        if base is None:
            return None
        out: set[str] = set()
        for count in range(av[0], av[1] + 1):
            out.update(map("".join, itertools.product(sorted(base), repeat=count)))
            if len(out) > CORE_STRINGS:
                return None
        return frozenset(out)
    return None


def _core_strings(items: Any) -> frozenset[str] | None:  # noqa: ANN401 - re's parse tree
    """Strings one of which every match of ``items`` holds (``core_strings``); None: none.

    Every match of the sequence holds a match of each of its elements, so each of these
    will do: the strings of a run of consecutive listed elements (``_product``), and those
    of one element looked into (a group's, an alternation's branches' together, a repeat
    of at least one's body). Of them the set whose shortest string is longest, then the
    one of fewer strings.
    """
    solid = [(op, av) for op, av in items if op not in _ZERO_WIDTH]
    listed = [_strings(op, av) for op, av in solid]
    candidates = []
    for (op, av), strings in zip(solid, listed, strict=True):
        if strings is not None:
            continue  # looked into, a listed element holds no better strings than its own
        if op is sre.SUBPATTERN and not av[1] & sre.SRE_FLAG_IGNORECASE:
            candidates.append(_core_strings(av[3]))
        elif op is sre.ATOMIC_GROUP:
            candidates.append(_core_strings(av))
        elif op in _REPEATS and av[0] >= 1:
            candidates.append(_core_strings(av[2]))
        elif op is sre.BRANCH:
            cores = [_core_strings(branch) for branch in av[1]]
            if all(c is not None for c in cores):
                union = frozenset().union(*(c for c in cores if c is not None))
                candidates.append(union if len(union) <= CORE_STRINGS else None)
    for first in range(len(solid)):
        run: frozenset[str] | None = _EMPTY
        for strings in listed[first:]:
            run = _times(run, strings)
            if run is None:
                break  # a longer run holds the same element: not listed either
            candidates.append(run)
    usable = [c for c in candidates if c and "" not in c]
    return max(usable, key=lambda c: (min(map(len, c)), -len(c)), default=None)


def _prefix_strings(items: Any) -> frozenset[str] | None:  # noqa: ANN401 - re's parse tree
    """Strings one of which every match of ``items`` starts with (``prefix_strings``).

    Those of the longest run of listed elements from the first (zero-width ones left out:
    they match no characters); when the first is not listed, those of the first looked
    into (a group's, an alternation's branches' together, a repeat of at least one's body).
    """
    solid = [(op, av) for op, av in items if op not in _ZERO_WIDTH]
    best = None
    run: frozenset[str] | None = _EMPTY
    for op, av in solid:
        run = _times(run, _strings(op, av))
        if run is None:
            break
        best = run
    if best is None and solid:
        op, av = solid[0]
        if op is sre.SUBPATTERN and not av[1] & sre.SRE_FLAG_IGNORECASE:
            best = _prefix_strings(av[3])
        elif op is sre.ATOMIC_GROUP:
            best = _prefix_strings(av)
        elif op in _REPEATS and av[0] >= 1:
            best = _prefix_strings(av[2])
        elif op is sre.BRANCH:
            starts = [_prefix_strings(branch) for branch in av[1]]
            if all(s is not None for s in starts):
                union = frozenset().union(*(s for s in starts if s is not None))
                best = union if len(union) <= CORE_STRINGS else None
    return None if not best or "" in best else best


def prefix_strings(source: str, flags: int = 0) -> tuple[str, ...] | None:
    r"""Lower-cased strings one of which every match of regex ``source`` starts with; or None.

    As ``core_strings`` (the same conditions on the text), at the match's start: on such
    text, ``source`` can match only where the lower-cased text holds one of them.

    >>> prefix_strings(r"\b(?:jan|feb)\.? \d+"), prefix_strings(r"\w+ said")
    (('feb ', 'feb. ', 'jan ', 'jan. '), None)
    """
    parsed = sre_parse.parse(source, flags)
    if (parsed.state.flags ^ flags) & sre.SRE_FLAG_IGNORECASE:
        return None
    try:
        found = _prefix_strings(parsed)
    except _NoCopyError:
        return None
    if found is None:
        return None
    kept: list[str] = []  # a string that starts with another is left out: that one occurs there
    for string in sorted(found):  # (after a string come those that start with it)
        if not kept or not string.startswith(kept[-1]):
            kept.append(string)
    return tuple(kept)


def core_strings(source: str, flags: int = 0) -> tuple[str, ...] | None:
    r"""Lower-cased strings one of which holds every match of regex ``source``; or None.

    On text that lower-casing keeps the same length (and, for a case-insensitive regex,
    that has no ``CASE_TRAPS``), the lower-cased text holds one of them, as it is,
    wherever ``source`` matches (``_lower``'s conditions, as for ``widened``). Read from a
    run of elements every match holds that matches at most ``CORE_STRINGS`` strings:
    literals, classes of a few characters, groups, alternations, short repeats.

    >>> import re
    >>> core_strings(r"\b(?:went|gone) viral\b"), core_strings(r"\bdead at \d+", re.IGNORECASE)
    (('gone viral', 'went viral'), ('dead at ',))
    >>> core_strings(r"said \w+ to"), core_strings(r"(?-i:AP|PA)", re.IGNORECASE)
    (('said ',), ('ap', 'pa'))
    """
    parsed = sre_parse.parse(source, flags)
    if (parsed.state.flags ^ flags) & sre.SRE_FLAG_IGNORECASE:
        return None  # an inline (?i) turns case-insensitivity on or off for the whole regex
    try:
        found = _core_strings(parsed)
    except _NoCopyError:
        return None
    return None if not found else tuple(sorted(found))


def _holds(items: Any, ok: Callable[[str], bool]) -> bool:  # noqa: ANN401 - re's parse tree
    """Whether every match of ``items`` holds a string ``ok`` takes (``holds_one_of``).

    As ``_core_strings`` reads it, but any part will do: a run of consecutive listed
    elements whose every string ``ok`` takes (each match of the sequence holds a match of
    the run, one of those strings), or one element looked into (a group, a repeat of at
    least one's body, an alternation whose every branch holds one).
    """
    solid = [(op, av) for op, av in items if op not in _ZERO_WIDTH]
    listed = [_strings(op, av) for op, av in solid]
    for first in range(len(solid)):
        run: frozenset[str] | None = _EMPTY
        for strings in listed[first:]:
            run = _times(run, strings)
            if run is None:
                break
            if all(map(ok, run)):
                return True
    for (op, av), strings in zip(solid, listed, strict=True):
        if strings is not None:
            continue  # a part of a listed element holds less than the element's own strings
        if op is sre.SUBPATTERN and not av[1] & sre.SRE_FLAG_IGNORECASE:
            found = _holds(av[3], ok)
        elif op is sre.ATOMIC_GROUP:
            found = _holds(av, ok)
        elif op in _REPEATS and av[0] >= 1:
            found = _holds(av[2], ok)
        elif op is sre.BRANCH:
            found = all(_holds(branch, ok) for branch in av[1])
        else:
            found = False
        if found:
            return True
    return False


@functools.cache
def holds_one_of(source: str, flags: int, strings: tuple[str, ...]) -> bool:
    r"""Whether every match of regex ``source`` holds one of ``strings`` once lower-cased.

    On the text ``core_strings`` speaks of (lower-casing keeps its length; no
    ``CASE_TRAPS`` for a case-insensitive regex), the lower-cased text then holds one of
    ``strings`` inside every match: hand-written gates that pass this are as wide as the
    regex. False when that cannot be read from the regex (remembered).

    >>> import re
    >>> holds_one_of(r"\b(?:said|told) (?-i:[A-Z]\w+), (?:a |the )?(?:agent|chief)s?\b",
    ...              re.IGNORECASE, ("chief", "agent"))
    True
    >>> holds_one_of(r"lik(?:e|ing) and shar(?:e|ing)", re.IGNORECASE, ("share",))
    False
    """
    parsed = sre_parse.parse(source, flags)
    if (parsed.state.flags ^ flags) & sre.SRE_FLAG_IGNORECASE or not all(strings):
        return False

    def ok(found: str) -> bool:
        return any(string in found for string in strings)

    try:
        return _holds(parsed, ok)
    except _NoCopyError:
        return False


def widened(source: str, flags: int = 0) -> str | None:
    r"""An RE2 regex over lower-cased text that matches wherever regex ``source`` can; or None.

    It matches a part every match of ``pattern`` holds (``_core``), written with narrow
    elements only, so that the RE2 DFA of many of them together stays small.

    >>> import re
    >>> widened(r"\b(?:went|gone) viral\b", re.IGNORECASE)
    '(?:went|gone)\\x{20}viral'
    >>> widened(r"said \w+ to"), widened(r"(a)\1") is None
    ('said\\x{20}', True)
    """
    parsed = sre_parse.parse(source, flags)
    try:
        return _core(parsed)
    except _NoCopyError:
        return None


class MatchSet:
    """Copies of ``patterns``, matched together; ``match`` tells which copies match.

    Regexes (``(source, flags)``) are named by their place in ``patterns``. A regex with
    ``core_strings`` is copied as those strings (``strings``: the caller lists which occur);
    another gets a widened RE2 copy, all of them in one RE2 set. A regex with neither (or
    a copy RE2 cannot take) is left out: ``known`` lacks its number. An always-matching
    sentinel tells a failed RE2 match (RE2 answers nothing when its DFA runs out of
    memory) from one that found nothing: then ``match`` returns None (scan for everything).
    ``cores``: each regex's ``core_strings`` (by number); ``prefixes``: its
    ``prefix_strings``, when the caller lists all of them anyway (``listed``: its other
    strings) or they are core strings. ``*_cased``: those of the regexes that read the
    text as it is (their strings hold on text with ``CASE_TRAPS`` too).
    """

    __slots__ = (
        "_by_string",
        "_numbers",
        "_set",
        "cores",
        "cores_cased",
        "known",
        "known_cased",
        "prefixes",
        "prefixes_cased",
        "strings",
    )

    def __init__(self, patterns: Sequence[tuple[str, int]], listed: Collection[str] = ()) -> None:
        by_string: dict[str, list[int]] = {}
        copies: list[tuple[int, str]] = []
        for number, (pattern, flags) in enumerate(patterns):
            strings = core_strings(pattern, flags)
            if strings is not None:
                for string in strings:
                    by_string.setdefault(string, []).append(number)
                continue
            source = widened(pattern, flags)
            if source is not None:
                copies.append((number, source))
        numbers = [-1]
        found = None
        if copies:
            re2: Any = importlib.import_module("re2")
            options = re2.Options()
            options.max_mem = 64 << 20
            found = re2.Set.SearchSet(options)
            found.Add("")  # the sentinel, index 0
            for number, source in copies:
                try:
                    found.Add(source)
                except re2.error:
                    continue
                numbers.append(number)
            found.Compile()
        self._set = found
        self._numbers = tuple(numbers)
        self._by_string = {string: tuple(ids) for string, ids in by_string.items()}
        self.strings = tuple(by_string)
        # prefix strings the caller's pass lists anyway (``listed``, and the core strings):
        # a regex that starts with "the " or "a " (a role before a name) would cost a hit
        # a word in the pass for what it saves once in a few texts
        free = {*listed, *by_string}
        self.prefixes: dict[int, frozenset[str]] = {}
        for number, (pattern, flags) in enumerate(patterns):
            starts = prefix_strings(pattern, flags)
            if starts is not None and free.issuperset(starts):
                self.prefixes[number] = frozenset(starts)
        copied = {n for ids in by_string.values() for n in ids}
        self.known = frozenset(copied.union(numbers[1:]))
        # those that read the text as it is (no IGNORECASE): their copies hold on any text
        self.known_cased = frozenset(
            n for n in self.known if not patterns[n][1] & sre.SRE_FLAG_IGNORECASE
        )
        self.prefixes_cased = {n: v for n, v in self.prefixes.items() if n in self.known_cased}
        cores: dict[int, set[str]] = {}
        for string, ids in by_string.items():
            for n in ids:
                cores.setdefault(n, set()).add(string)
        self.cores = {n: frozenset(strings) for n, strings in sorted(cores.items())}
        self.cores_cased = {n: v for n, v in self.cores.items() if n in self.known_cased}

    def match(
        self, folded: str, occurring: Mapping[str, object] | None = None
    ) -> frozenset[int] | None:
        """Numbers of the patterns whose copies match ``folded``; None when RE2 failed.

        ``occurring``: which of ``strings`` occur in ``folded`` (its keys; more keys do no
        harm), as ``lexicon.occurrences`` lists them; without it each is looked for.
        """
        by_string = self._by_string
        if occurring is None:
            occurring = {string: None for string in by_string if string in folded}
        matched = {n for string in by_string.keys() & occurring.keys() for n in by_string[string]}
        if self._set is None:
            return frozenset(matched)
        try:
            found = self._set.Match(folded)
        except UnicodeEncodeError:  # a lone surrogate: RE2 reads UTF-8 only
            return None
        if not found or 0 not in found:
            return None
        numbers = self._numbers
        matched.update(numbers[i] for i in found if i)
        return frozenset(matched)
