"""Shared helpers for phrase-lexicon signals: find phrases, turn hits into evidence."""

from __future__ import annotations

import functools
import importlib
import itertools
import operator
import re
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from hoaxlens.signals.matchset import MatchSet, holds_one_of
from hoaxlens.signals.windows import CASE_TRAPS, MAX_OCCURRENCES, Windowed, reach, reach_of, windows
from hoaxlens.types import Evidence, Span, TextView

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Iterable, Iterator

_E = TypeVar("_E", "Phrase", "Cue")


@dataclass(frozen=True, slots=True)
class Phrase:
    """A pattern of the genre and the reason a reviewer reads when it matches."""

    source: str  # the regex ``pattern`` compiles: case-insensitive, with word boundaries
    reason: str
    # The same phrase for lower-cased text, without the leading \b (checked by hand), so
    # that the regex engine can skip ahead on the first characters: about 3x faster.
    # None when the pattern has upper-case letters (\S, [A-Z], …) and cannot be lowered.
    folded_source: str | None = None
    # Strings one of which every match of ``folded`` holds (``required_literals``): a text
    # with none of them is not scanned for the phrase. Empty: always scanned.
    gates: tuple[str, ...] = ()
    # For a pattern that cannot be lowered: lower-case strings one of which the lower-cased
    # text holds whenever ``pattern`` matches (``ignorecase_gates``). Empty: always scanned.
    case_gates: tuple[str, ...] = ()

    @property
    def pattern(self) -> re.Pattern[str]:
        """``source`` compiled case-insensitive, on first use (most texts need ``folded``)."""
        return _compiled(self.source, re.IGNORECASE)

    @property
    def folded(self) -> re.Pattern[str] | None:
        """``folded_source`` compiled, on first use (a one-document run needs few)."""
        return None if self.folded_source is None else _compiled(self.folded_source, 0)


@functools.cache
def _compiled(source: str, flags: int) -> re.Pattern[str]:
    """``re.compile``, remembered without a bound (the lexicons' regexes only)."""
    return re.compile(source, flags)


# The regex parser of the standard library (no type stubs): read to find required literals.
sre: Any = importlib.import_module("re._constants")
sre_parse: Any = importlib.import_module("re._parser")
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective of two gate sets: the longer shortest string, then fewer strings."""
    if a is None or b is None:
        return b if a is None else a
    rank_a, rank_b = (min(map(len, a)), -len(a)), (min(map(len, b)), -len(b))
    return b if rank_b > rank_a else a


def _needs(items: Any) -> frozenset[str] | None:  # noqa: ANN401 - re's parse tree
    """Strings one of which every match of the parsed sequence ``items`` contains."""
    best: frozenset[str] | None = None
    run: list[str] = []
    for op, av in [*items, (None, None)]:  # a sentinel flushes the last literal run
        if op is sre.LITERAL:
            run.append(chr(av))
            continue
        if run:
            best = _better(best, frozenset(["".join(run)]))
            run = []
        if op is sre.SUBPATTERN and not av[1] & sre.SRE_FLAG_IGNORECASE:
            best = _better(best, _needs(av[3]))
        elif op is sre.ATOMIC_GROUP:
            best = _better(best, _needs(av))
        elif op in _REPEATS and av[0] >= 1:
            best = _better(best, _needs(av[2]))
        elif op is sre.BRANCH:
            options = [_needs(branch) for branch in av[1]]
            if all(o is not None for o in options):
                best = _better(best, frozenset().union(*(o for o in options if o is not None)))
    return best


def required_literals(source: str) -> tuple[str, ...]:
    r"""Strings one of which every match of the case-sensitive regex ``source`` contains.

    Read from the parsed regex: literal runs, groups, repeats of at least one, and
    alternations whose every branch needs something; of several candidates the most
    selective. Empty when nothing is certain (then a text must always be scanned).

    >>> required_literals(r"(went|gone|going) viral"), required_literals(r"allegedly|rumou?red")
    ((' viral',), ('allegedly', 'rumo'))
    >>> required_literals(r"\d+ ?(?:am|pm)?")
    ()
    """
    found = _needs(sre_parse.parse(source))
    return tuple(sorted(found)) if found and all(found) else ()


def literal_strings(source: str, *, drop_anchors: bool = False) -> tuple[str, ...] | None:
    r"""Every string the case-sensitive regex ``source`` matches, sorted; None if not finite.

    Read from the parsed regex: literals, groups, alternations and bounded repeats only
    (no classes or lookarounds), at most 10,000 strings. Anchors (``\b``, ``^``, …) make
    it None too, unless ``drop_anchors``: then they are left out, and the strings are those
    of a regex that matches wherever ``source`` does, and maybe elsewhere.

    >>> literal_strings(r"sob(s|bed)?|wept"), literal_strings(r"\w+")
    (('sob', 'sobbed', 'sobs', 'wept'), None)
    """

    def strings(items: Any) -> set[str] | None:  # noqa: ANN401 - re's parse tree
        found = {""}
        for op, av in items:
            if op is sre.LITERAL:
                options: set[str] | None = {chr(av)}
            elif op is sre.AT and drop_anchors:
                options = {""}
            elif op is sre.SUBPATTERN and not av[1] & sre.SRE_FLAG_IGNORECASE:
                options = strings(av[3])
            elif op is sre.BRANCH:
                parts = [strings(branch) for branch in av[1]]
                options = None if None in parts else set().union(*(p for p in parts if p))
            elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[1] <= 8:
                base = strings(av[2])
                options = None
                if base is not None:
                    options = set()
                    for count in range(av[0], av[1] + 1):
                        options |= {"".join(p) for p in itertools.product(base, repeat=count)}
            else:
                return None
            if options is None or len(found) * len(options) > 10_000:
                return None
            found = {a + b for a in found for b in options}
        return found

    found = strings(sre_parse.parse(source))
    return None if found is None else tuple(sorted(found))


def trie_source(words: Iterable[str]) -> str:
    """A regex that matches exactly ``words``, factored on shared prefixes (group it).

    At each position the engine then tries one branch per distinct next character instead
    of one per word. At one position it prefers the longest word: only the set of strings
    is kept, so use it where a match's end does not depend on the order of the words
    (e.g. between word boundaries, when no word is another plus letters).

    >>> trie_source(["tear", "tears", "teary", "wept"])
    '(?:tear(?:[sy])?|wept)'
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        ends = "" in node
        kids = sorted((char, sub) for char, sub in node.items() if char)
        if not kids:
            return ""
        if all(not sub or list(sub) == [""] for _, sub in kids) and len(kids) > 1:
            body = "[" + "".join(re.escape(char) for char, _ in kids) + "]"
        else:
            parts = [re.escape(char) + emit(sub) for char, sub in kids]
            body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
        return f"(?:{body})?" if ends else body

    return emit(trie)


# Characters that IGNORECASE matches only to themselves and their ASCII other case (the
# letters i, k and s also match U+0130, U+0131, U+212A and U+017F: left out; checked over
# every code point in tests/signals/test_speed_equivalence.py).
CASE_SIMPLE = frozenset(
    "abcdefghjlmnopqrtuvwxyzABCDEFGHJLMNOPQRTUVWXYZ0123456789 !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
)


def ignorecase_gates(source: str) -> tuple[str, ...]:
    r"""Lower-case strings one of which ``text.lower()`` holds whenever ``source`` matches.

    ``required_literals`` of the regex as written, lower-cased, when every character of them
    is in ``CASE_SIMPLE`` (so the lower-cased text holds the match's literals as they are
    lower-cased); else empty.

    >>> ignorecase_gates(r"@\w{2,}|HTTPS?://\S+"), ignorecase_gates(r"Sunday|\S+")
    (('@', 'http'), ())
    """
    found = required_literals(source)
    if not all(CASE_SIMPLE.issuperset(lit) for lit in found):
        return ()
    return tuple(lit.lower() for lit in found)


def phrases(*pairs: tuple[str, str]) -> tuple[Phrase, ...]:
    """Compile ``(regex, reason)`` pairs, case-insensitive, on word boundaries.

    >>> [p.reason for p in phrases((r"then it happened", "cliffhanger beat"))]
    ['cliffhanger beat']
    """
    return _registered(
        Phrase(
            rf"\b(?:{rx})\b",
            why,
            rf"(?:{rx})\b" if rx == rx.lower() else None,
            required_literals(rx) if rx == rx.lower() else (),
            ignorecase_gates(rx) if rx != rx.lower() else (),
        )
        for rx, why in pairs
    )


def _registered(entries: Iterable[_E]) -> tuple[_E, ...]:
    """``entries``, their strings and regexes registered for the one-pass scans."""
    built = tuple(entries)
    for entry in built:
        _register(_strings_of(entry))
        _note(entry, _scanned(entry))
    return built


def _note(entry: Phrase | Cue, number: int) -> None:
    """Record the strings that gate ``entry`` (numbered ``number``) and those it needs kept."""
    global _lean
    kept: tuple[str, ...] = ()
    if isinstance(entry, Phrase):
        gating = (*entry.gates, *entry.case_gates)
        keys = _phrase_keys(entry)[0]
    else:
        gating, kept = (*entry.gates, *entry.literals), entry.also
        keys = _cue_keys(entry)[0]
    with _LOCK:
        held = _KEYS.setdefault(number, set())
        if keys not in held:
            held.add(keys)
            _KEYS_SEEN.append(None)
            _lean = None  # the entry's gates may not hold on its core strings
        if kept and kept not in _ALSO.setdefault(number, set()):
            _ALSO[number].add(kept)
            _KEYS_SEEN.append(None)
            # the entry's trust may narrow (``_wide_gates``), and the lean index may have
            # left out gates that only this entry's trusted regexes needed
            _lean = None
        for string in gating:
            owners = _GATING.setdefault(string, set())
            if number not in owners:
                owners.add(number)
                _lean = None  # a string may gate an entry without core strings now
    _keep(kept)


_WORD = re.compile(r"\w")


def _finditer_folded(
    pattern: re.Pattern[str], folded: str, stretches: list[tuple[int, int, int]] | None = None
) -> Iterator[tuple[int, int]]:
    """Spans where a folded phrase matches ``folded``, with the leading word boundary checked.

    With ``stretches`` (``windows.windows``) only they are searched: the same matches.
    """
    search = (
        functools.partial(pattern.search, folded)
        if stretches is None
        else Windowed(pattern, folded, stretches).search
    )
    pos = 0
    while (m := search(pos)) is not None:
        start = m.start()
        before = start > 0 and _WORD.match(folded, start - 1) is not None
        if before != (_WORD.match(folded, start) is not None):  # \b holds at start
            yield start, m.end()
            pos = max(m.end(), start + 1)
        else:
            pos = start + 1


def _view(text: str | TextView) -> TextView:
    return text if isinstance(text, TextView) else TextView(text)


# Every lower-case string a lexicon tests texts for (gates, literals, ``also``, case gates),
# in order of registration. One Aho-Corasick pass per text lists where each occurs
# (``_GateIndex``), instead of one ``str.find`` per string (~330 scans of a 3 KB text).
_LITERALS: dict[str, None] = {}
_index: _GateIndex | None = None
# Registration, the index built from it and the regex numbering: the service analyses in
# threads, and a lexicon may register (emotive words do, at their first use) while another
# thread builds the index, which then lacked the new strings for good.
_LOCK = threading.Lock()
# The strings that gate entries (gates, literals, case gates) with the numbers
# (``_scanned``) of the entries each gates, and the strings every pass keeps (``register``,
# ``Cue.also``): a text the core strings hold on is scanned without the strings that only
# gate regexes with core strings (``_lean_index``).
_GATING: dict[str, set[int]] = {}
_KEPT: dict[str, None] = {}
# The keys (``_phrase_keys``/``_cue_keys``, same length) of the entries of each number: a
# regex's core strings stand for its entries' gates only where each holds one of every
# entry's gates (``_trusted``). A hand-written gate may be narrower than its regex (the
# teaser's "share" does not occur in "by liking and sharing", which its regex matches),
# and a text that holds no gate was never scanned for it.
_KEYS: dict[int, set[tuple[str, ...]]] = {}
# The ``Cue.also`` strings of the entries of each number (``_wide_gates``).
_ALSO: dict[int, set[tuple[str, ...]]] = {}


def _register(strings: Iterable[str]) -> None:
    """Add ``strings`` to the index's strings (it is rebuilt on next use if one is new)."""
    global _index
    with _LOCK:
        new = [s for s in strings if s not in _LITERALS]
        if new:
            _LITERALS.update(dict.fromkeys(new))
            _index = None


# The characters of lower-cased English text, most frequent first (viral_stories and
# GossipCop texts); the others come after them, by code point.
_LETTER_ORDER = {
    c: i for i, c in enumerate(" etaoinsrhdlcumgfpwyb\n,.vk1j'\"20\u2019-\u201c\u201d[]x9")
}


def _by_letter_frequency(string: str) -> list[int]:
    """A sort key: ``string``'s characters, each by its rank in ``_LETTER_ORDER``."""
    last = len(_LETTER_ORDER)
    return [_LETTER_ORDER.get(c, last + ord(c)) for c in string]


class _GateIndex:
    """Where each registered string occurs in a lower-cased text, found in one pass.

    An Aho-Corasick automaton (``pyahocorasick``) over every registered string reports
    every occurrence of every one, overlapping ones included, in C: exactly the starts
    that ``str.find`` from each start plus one lists.
    """

    __slots__ = ("automaton",)

    def __init__(self, strings: Iterable[str]) -> None:
        automaton = _ahocorasick().Automaton()
        # A node looks for the text's next letter among its children one by one, in the
        # order they were added: added by the letters' frequency in lower-cased English
        # text, a pass takes 0.87x the time (same occurrences, same order).
        for string in sorted(strings, key=_by_letter_frequency):
            automaton.add_word(string, (len(string) - 1, string))
        automaton.make_automaton()
        self.automaton = automaton

    def scan(self, folded: str) -> dict[str, list[int] | None]:
        """Sorted starts of each string that occurs in ``folded``; None past ``MAX_OCCURRENCES``.

        A string that does not occur is not a key.
        """
        found: dict[str, list[int]] = {}
        for end, (back, string) in self.automaton.iter(folded):
            at = found.get(string)
            if at is None:
                found[string] = [end - back]
            elif len(at) <= MAX_OCCURRENCES:  # one past the cap says "too many": no more kept
                at.append(end - back)
        return {s: at if len(at) <= MAX_OCCURRENCES else None for s, at in found.items()}


@functools.cache
def _ahocorasick() -> Any:  # noqa: ANN401 - an extension module without type stubs
    return importlib.import_module("ahocorasick")


def register(strings: Iterable[str]) -> None:
    """Have ``occurrences`` list where each of ``strings`` (lower-case, non-empty) occurs.

    Raises:
        ValueError: for an empty string.
    """
    strings = tuple(strings)
    if not all(strings):
        raise ValueError("an empty string occurs everywhere: it cannot be registered")
    _keep(strings)
    _register(strings)


def _keep(strings: tuple[str, ...]) -> None:
    """Have every scan list ``strings`` (the lean one too: ``_lean_index``)."""
    global _lean
    with _LOCK:
        if not _KEPT.keys() >= set(strings):
            _KEPT.update(dict.fromkeys(strings))
            _lean = None


def occurrences(text: str | TextView) -> dict[str, list[int] | None]:
    """Sorted starts of each registered string that occurs in the lower-cased text.

    None for a string found more than ``MAX_OCCURRENCES`` times; a string that does not
    occur is not a key. One pass finds them all, once per view (``doc.view``), shared by
    every lexicon and signal (``register``).

    >>> register(["tears"]); occurrences("Tears, tears.")["tears"]
    [0, 7]
    """
    return _scan(_view(text), _gate_index())


def kept_occurrences(view: TextView) -> dict[str, list[int] | None]:
    """``occurrences`` of the strings ``register`` was given (and maybe more, never fewer).

    The scan the lexicons of ``view`` use, lean or not (``_lean_index`` keeps every
    ``register``-ed string): no second pass for a signal that only reads its own strings.
    """
    return _found(view)


def _gate_index() -> _GateIndex:
    """The index of every registered string, built on first use (not at import)."""
    global _index
    index = _index
    if index is None:
        with _LOCK:
            if _index is None:
                _index = _GateIndex(_LITERALS)
            index = _index
    return index


def _scans(_text: str) -> dict[object, Any]:
    """A fresh store of one text's scans (``TextView.derive`` keeps one per view)."""
    return {}


def _found(view: TextView) -> dict[str, list[int] | None]:
    """``_GateIndex.scan`` of the view's lower-cased text, done once per view and index."""
    return _scan_of(view, _match_set_now(len(view.lower) == len(view.text)))[0]


def _scan(view: TextView, index: _GateIndex) -> dict[str, list[int] | None]:
    """``index.scan`` of the view's lower-cased text, done once per view and index."""
    scans = view.derive(_scans)
    found: dict[str, list[int] | None] | None = scans.get(index)
    if found is None:
        found = scans[index] = index.scan(view.lower)
    return found


def _match_set_now(same_length: bool) -> MatchSet | None:
    """The ``MatchSet`` one call uses throughout, built now if the speed-ups are on.

    None while they are off, or on text that lower-casing makes longer. Built before the
    call's scan, so that the scan lists its strings (a scan from before it lacks its core
    and prefix strings: a regex led by them would find nothing).
    """
    global _match_set
    if not _prefilters_on or not same_length:
        return None
    match_set = _match_set
    if match_set is None:
        match_set = _match_set = _new_match_set()
    return match_set


def _scan_of(
    view: TextView, match_set: MatchSet | None
) -> tuple[dict[str, list[int] | None], MatchSet | None]:
    """``_found``, and the ``MatchSet`` whose core strings gate the text (None: the gates).

    Once the speed-ups are on, a text that lower-casing keeps the same length and that
    has no ``CASE_TRAPS`` is scanned by ``_lean_index``: plans key its entries by their
    core strings (``_lean_plan``), and no gate that only gates those is listed.
    """
    lean = None
    if match_set is not None and view.derive(_case_safe):
        lean = _lean_index(match_set)
    found = _scan(view, _gate_index() if lean is None else lean)
    return found, None if lean is None else match_set


_lean: tuple[_GateIndex, MatchSet, _GateIndex] | None = None


@dataclass(frozen=True, slots=True)
class _Trust:
    """``MatchSet.prefixes``/``cores`` (and ``*_cased``) of the regexes they may lead.

    A regex's strings lead its scans only when its entries' gates never narrow it: each
    entry has no gates, or each of the regex's core strings holds one of its gates, or
    every match of the regex holds one of each entry's gates and ``also`` strings all the
    same (``_wide_gates``: "said Jane Doe, a spokesperson" holds its role word, though the
    core strings are the verbs). Else its entries are picked by their gates and searched
    near them, as before the strings.
    """

    match_set: MatchSet
    keyed: int  # ``len(_KEYS_SEEN)`` when built
    prefixes: dict[int, frozenset[str]]
    cores: dict[int, frozenset[str]]
    prefixes_cased: dict[int, frozenset[str]]
    cores_cased: dict[int, frozenset[str]]
    # the core strings of the others: on a lean scan their entries, picked by their gates,
    # are skipped too where none of these occurs (no match then, gates or not)
    unled: dict[int, frozenset[str]]


_KEYS_SEEN: list[None] = []  # one item per (number, keys) pair noted: ``_trusted``'s clock
_trust: _Trust | None = None


def _gates_hold(number: int, cores: frozenset[str] | None) -> bool:
    """Whether every entry of ``number`` is ungated, or its gates hold on all ``cores``."""
    for keys in _KEYS.get(number, ()):
        if keys and (cores is None or not all(any(g in c for g in keys) for c in cores)):
            return False
    return True


def _wide_gates(number: int, source: str, flags: int) -> bool:
    """Whether every match of the regex holds one of each entry's gates and ``also`` strings.

    Then the gates narrow nothing: a text without them holds no match, and its entries,
    picked by their gates, find what a scan of the whole text finds, which is what the
    regex's core and prefix strings find. Read from the regex (``holds_one_of``).
    """
    needed = [*_KEYS.get(number, ()), *_ALSO.get(number, ())]
    return bool(needed) and all(not keys or holds_one_of(source, flags, keys) for keys in needed)


def _trusted(match_set: MatchSet) -> _Trust:
    """The leads of ``match_set`` that stand for their entries' gates (rebuilt when new)."""
    global _trust
    trust = _trust
    if trust is None or trust.match_set is not match_set or trust.keyed != len(_KEYS_SEEN):
        with _LOCK:
            keyed = len(_KEYS_SEEN)
            cores = match_set.cores
            scanned = list(_SCANNED)
            ok = {
                n
                for n in {*cores, *match_set.prefixes}
                if _gates_hold(n, cores.get(n)) or _wide_gates(n, *scanned[n])
            }
            trust = _trust = _Trust(
                match_set,
                keyed,
                {n: v for n, v in match_set.prefixes.items() if n in ok},
                {n: v for n, v in cores.items() if n in ok},
                {n: v for n, v in match_set.prefixes_cased.items() if n in ok},
                {n: v for n, v in match_set.cores_cased.items() if n in ok},
                {n: v for n, v in cores.items() if n not in ok},
            )
    return trust


def _lean_index(match_set: MatchSet) -> _GateIndex:
    """The index without the strings that only gate regexes with core strings.

    Those of ``match_set`` (``MatchSet.cores``, on text without ``CASE_TRAPS``) are
    looked for instead; rebuilt with the full index (a new string registered).
    """
    global _lean
    full = _gate_index()
    lean = _lean
    if lean is None or lean[0] is not full or lean[1] is not match_set:
        cored = _trusted(match_set).cores.keys()
        keep = {*match_set.strings, *itertools.chain.from_iterable(match_set.prefixes.values())}
        with _LOCK:  # (registration clears ``_lean`` under the lock: never a stale one kept)
            lean = _lean
            if lean is None or lean[0] is not full or lean[1] is not match_set:
                strings = [s for s in _LITERALS if s in keep or not _only_gates(s, cored)]
                lean = _lean = (full, match_set, _GateIndex(strings))
    return lean[2]


# The regex each phrase or cue runs on text that lower-casing keeps the same length (its
# folded form, else its pattern), numbered in order of registration: ``MatchSet``'s names.
_SCANNED: dict[tuple[str, int], int] = {}
_match_set: MatchSet | None = None
_NOTHING: frozenset[int] = frozenset()


def _scanned(entry: Phrase | Cue) -> int:
    """The number of the regex ``entry`` runs on same-length text (registered if new)."""
    if entry.folded_source is not None:
        key = (entry.folded_source, 0 if isinstance(entry, Phrase) else re.MULTILINE)
    else:
        key = (entry.source, re.IGNORECASE if isinstance(entry, Phrase) else CUE_FLAGS)
    with _LOCK:
        return _SCANNED.setdefault(key, len(_SCANNED))


def _rejected(view: TextView, match_set: MatchSet | None) -> frozenset[int]:
    """Numbers of the registered regexes that cannot match the view's text (once per view).

    Known only once the speed-ups are on (``build_speedups``, or after ``PREFILTERS_AFTER``
    scans): building the ``MatchSet`` costs more than a short run saves. Empty on text
    that lower-casing makes longer, or when RE2 failed. On text with ``CASE_TRAPS`` only
    the regexes that read the lower-cased text as it is can be rejected.
    """
    if match_set is None:
        return _NOTHING
    scans = view.derive(_scans)
    rejected: frozenset[int] | None = scans.get(match_set)
    if rejected is None:
        matched = match_set.match(view.lower, _scan_of(view, match_set)[0])
        if matched is None:
            rejected = _NOTHING
        else:
            safe = view.derive(_case_safe)
            rejected = (match_set.known if safe else match_set.known_cased) - matched
        scans[match_set] = rejected
    return rejected


def _leads(
    view: TextView, match_set: MatchSet | None
) -> tuple[dict[int, frozenset[str]], dict[int, frozenset[str]]]:
    """``prefix_strings`` and ``core_strings`` of the registered regexes, by number.

    Those that hold on the view's text: none until the speed-ups are on, nor on text that
    lower-casing makes longer; on text with ``CASE_TRAPS``, those of the regexes that read
    the lower-cased text as it is.
    """
    if match_set is None:
        return _NO_LEADS, _NO_LEADS
    trust = _trusted(match_set)
    if view.derive(_case_safe):
        return trust.prefixes, trust.cores
    return trust.prefixes_cased, trust.cores_cased


_NO_LEADS: dict[int, frozenset[str]] = {}  # never changed


def _held(
    size: int, strings: frozenset[str] | None, found: dict[str, list[int] | None]
) -> list[int] | None:
    """Sorted starts of the occurrences of ``strings`` (a regex's core strings) for windows.

    None (scan the whole text) without strings, when one occurs too often to be listed,
    or on a text shorter than ``WINDOW_MIN_CHARS`` (as ``_starts``).
    """
    if strings is None or size < WINDOW_MIN_CHARS:
        return None
    return _lead_starts(strings, found)


def _lead_starts(strings: frozenset[str], found: dict[str, list[int] | None]) -> list[int] | None:
    """Sorted distinct starts of the occurrences of ``strings`` (``found``: ``_found``).

    None when one of them occurs too often to be listed.
    """
    starts: list[int] = []
    # (a frozenset is walked by ``keys() & ``: the smaller of the two is walked here)
    common = strings.intersection(found) if len(found) < len(strings) else found.keys() & strings
    for string in common:
        at = found[string]
        if at is None:
            return None
        starts += at
    return sorted(set(starts))


def _candidates(
    plan: _Plan,
    found: dict[str, list[int] | None],
    rejected: frozenset[int],
    unled: dict[int, frozenset[str]],
    leads: dict[int, frozenset[str]],
) -> Iterator[tuple[int, int, list[int] | None]]:
    """The entries of ``plan`` a text may match: (index, ``_scanned`` number, led starts).

    In lexicon order; the others hold none of their gates, or (``unled``, on a lean scan)
    none of their core strings: no match. Led starts: ``_lead_starts`` of the entry's
    prefix strings (None: not led, or one occurs too often to be listed).
    """
    scanned = plan.scanned
    for i in plan.entries(found, rejected):
        number = scanned[i]
        need = unled.get(number)
        if need is not None and not any(map(found.__contains__, need)):
            continue
        lead = leads.get(number)
        yield i, number, None if lead is None else _lead_starts(lead, found)


def _led_spans(pattern: re.Pattern[str], text: str, starts: list[int]) -> list[tuple[int, int]]:
    """``[m.span() for m in pattern.finditer(text)]`` when matches start only at ``starts``.

    ``starts`` (sorted) are where the regex's ``prefix_strings`` occur, so no match starts
    anywhere else, and each is non-empty: ``pattern.match`` at each start from where the
    last match ended finds what ``finditer`` finds, with no scan between them.
    """
    out: list[tuple[int, int]] = []
    end = 0
    match = pattern.match
    for at in starts:
        if at >= end and (m := match(text, at)) is not None:
            end = m.end()
            out.append((at, end))
    return out


def _new_match_set() -> MatchSet:
    """The ``MatchSet`` of every registered regex, its strings registered for the one pass."""
    with _LOCK:
        scanned = list(_SCANNED)
        listed = list(_LITERALS)
    built = MatchSet(scanned, listed)
    _register(built.strings)
    return built


@dataclass(frozen=True, slots=True)
class _Plan:
    """Which entries of a lexicon a text may match, from the strings that occur in it.

    ``keys[i]``: strings one of which must occur for entry ``i`` to be scanned for (empty:
    always scanned); ``by_key``: the entries each string lets through; ``always``: the
    entries without keys.
    """

    by_key: dict[str, tuple[int, ...]]
    always: frozenset[int]
    scanned: tuple[int, ...]  # ``_scanned`` of each entry

    @classmethod
    def of(cls, keys: list[tuple[str, ...]], scanned: tuple[int, ...]) -> _Plan:
        by_key: dict[str, list[int]] = {}
        for i, strings in enumerate(keys):
            for string in dict.fromkeys(strings):
                by_key.setdefault(string, []).append(i)
        always = frozenset(i for i, strings in enumerate(keys) if not strings)
        return cls({k: tuple(v) for k, v in by_key.items()}, always, scanned)

    def entries(self, found: dict[str, list[int] | None], rejected: frozenset[int]) -> list[int]:
        """Indices, in lexicon order, of the entries whose keys ``found`` holds one of.

        Entries whose regex is ``rejected`` (``_rejected``) are left out.
        """
        chosen = set(self.always)
        by_key = self.by_key
        for string in by_key.keys() & found.keys():  # (C walks the smaller of the two)
            chosen.update(by_key[string])
        if rejected:
            scanned = self.scanned
            return [i for i in sorted(chosen) if scanned[i] not in rejected]
        return sorted(chosen)


# Plans per lexicon, by identity (a lexicon is a module constant; hashing its entries
# would cost more than the plan saves). The plans hold their lexicon, so an id stays its.
_PLANS: dict[int, tuple[object, tuple[_Plan, _Plan]]] = {}
_MAX_PLANS = 256  # lexicons built on the fly (tests, plugins) must not pile up


def _plans(
    lexicon: tuple[Phrase, ...] | tuple[Cue, ...],
    keys: Callable[[Any], tuple[tuple[str, ...], tuple[str, ...]]],
) -> tuple[_Plan, _Plan]:
    """The plans of ``lexicon`` for texts that lower-casing keeps the same length, and not.

    ``keys(entry)`` gives each entry's keys in both cases. Every string an entry is tested
    for is registered with the index first.
    """
    held = _PLANS.get(id(lexicon))
    if held is not None and held[0] is lexicon:
        return held[1]
    both = [keys(entry) for entry in lexicon]
    for entry in lexicon:
        _register(_strings_of(entry))
    scanned = tuple(map(_scanned, lexicon))
    for at, number in enumerate(scanned):
        _note(lexicon[at], number)
    plans = (
        _Plan.of([same for same, _ in both], scanned),
        _Plan.of([other for _, other in both], scanned),
    )
    if len(_PLANS) >= _MAX_PLANS:
        _PLANS.clear()
    _PLANS[id(lexicon)] = (lexicon, plans)
    return plans


def _only_gates(string: str, cored: Collection[int]) -> bool:
    """Whether ``string`` only gates regexes numbered in ``cored`` (call under ``_LOCK``)."""
    owners = _GATING.get(string)
    return bool(owners) and string not in _KEPT and all(n in cored for n in owners or ())


_LEAN_PLANS: dict[int, tuple[object, _Trust, _Plan]] = {}


def _lean_plan(
    lexicon: tuple[Phrase, ...] | tuple[Cue, ...],
    keys: Callable[[Any], tuple[tuple[str, ...], tuple[str, ...]]],
    match_set: MatchSet,
) -> _Plan:
    """The plan of ``lexicon`` for a text ``_lean_index`` scans: its core strings as keys.

    An entry whose regex has none keeps its gates (the lean index lists them).
    """
    held = _LEAN_PLANS.get(id(lexicon))
    if held is not None and held[0] is lexicon and held[1] is _trusted(match_set):
        return held[2]
    scanned = _plans(lexicon, keys)[0].scanned
    cores = _trusted(match_set).cores
    plan = _Plan.of(
        [
            tuple(sorted(cores[number])) if number in cores else keys(entry)[0]
            for entry, number in zip(lexicon, scanned, strict=True)
        ],
        scanned,
    )
    if len(_LEAN_PLANS) >= _MAX_PLANS:
        _LEAN_PLANS.clear()
    _LEAN_PLANS[id(lexicon)] = (lexicon, _trusted(match_set), plan)
    return plan


def _strings_of(entry: Phrase | Cue) -> tuple[str, ...]:
    """Every lower-case string ``entry`` tests a lower-cased text for.

    Raises:
        ValueError: for an empty string (it occurs everywhere: a gate that lets all through).
    """
    if isinstance(entry, Phrase):
        strings = (*entry.gates, *entry.case_gates)
    else:
        strings = (*entry.gates, *entry.literals, *entry.also)
    if not all(strings):
        raise ValueError(f"an empty gate in {entry.reason!r}: leave the gates empty instead")
    return strings


def _phrase_keys(p: Phrase) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What must occur for ``find_phrases`` to scan for ``p`` (same length, other)."""
    return (p.gates if p.folded_source is not None else p.case_gates), p.case_gates


def _cue_keys(cue: Cue) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return cue.gates, cue.gates


def _case_safe(text: str) -> bool:
    """No letter that IGNORECASE matches to an ASCII letter its lower-case form is not."""
    return not any(trap in text for trap in CASE_TRAPS)


# Texts shorter than this are scanned whole once a gate occurs: stretches near the gates
# save less than they cost to work out on a short text (a 5 KB farm page).
WINDOW_MIN_CHARS = 1_500


def _starts(
    size: int, gates: tuple[str, ...], found: dict[str, list[int] | None]
) -> list[int] | None:
    """Sorted starts of every gate occurrence (``found``: ``_found``); None: scan it all.

    None when a gate is too frequent to list, or the text (of ``size`` characters) is
    shorter than ``WINDOW_MIN_CHARS`` and a gate occurs; ``[]`` when none occurs.
    """
    if size < WINDOW_MIN_CHARS:
        return None if any(map(found.__contains__, gates)) else []
    starts: list[int] = []
    for gate in gates:
        at = found.get(gate, _NOWHERE)
        if at is None:
            return None
        starts += at
    starts.sort()
    return starts


_NOWHERE: list[int] = []  # never changed: read only by ``_starts``


def find_phrases(text: str | TextView, lexicon: tuple[Phrase, ...]) -> list[Evidence]:
    """Return one evidence item per match, in text order.

    ``text`` may be a document's ``TextView`` (``doc.view``), whose lower-cased text is
    then shared with every other reader of the document.

    >>> lex = phrases((r"went viral", "unsourced virality claim"))
    >>> [(e.span.start, e.reason) for e in find_phrases("It went viral.", lex)]
    [(3, "unsourced virality claim: 'went viral'")]
    """
    view = _view(text)
    text = view.text
    found = [
        Evidence(Span(start, end), f"{lexicon[i].reason}: {_quote(text[start:end])}")
        for i, spans in _phrase_spans(view, lexicon)
        for start, end in spans
    ]
    return sorted(found, key=lambda e: (e.span.start, e.span.end))


def count_phrases(text: str | TextView, lexicon: tuple[Phrase, ...]) -> int:
    """``len(find_phrases(text, lexicon))``, without building the evidence.

    For a signal that only counts a lexicon's matches (``unverifiable_attribution``'s
    anchors: about 8 a document, each an ``Evidence`` with its quote, then sorted).

    >>> count_phrases("It went viral, then went viral again.", phrases((r"went viral", "x")))
    2
    """
    return sum(len(list(spans)) for _, spans in _phrase_spans(_view(text), lexicon))


def _phrase_spans(
    view: TextView, lexicon: tuple[Phrase, ...]
) -> Iterator[tuple[int, Iterable[tuple[int, int]]]]:
    """Each lexicon entry that may match (its index) with the spans where it matches.

    Entries come in lexicon order, their spans in text order; an entry's spans must be read
    before the next entry is asked for.
    """
    text = view.text
    folded = view.lower
    size = len(folded)
    same_length = size == len(text)  # a few characters ('İ') grow when lower-cased
    plans = _plans(lexicon, _phrase_keys)  # (its strings registered before the scan)
    match_set = _match_set_now(same_length)  # (and the MatchSet built: its strings too)
    found_at, lean = _scan_of(view, match_set)
    if lean is None:
        plan = plans[0 if same_length else 1]
        rejected = _rejected(view, match_set)
    else:
        plan, rejected = _lean_plan(lexicon, _phrase_keys, lean), _NOTHING
    leads, cores = _leads(view, match_set)
    unled = _NO_LEADS if lean is None else _trusted(lean).unled
    for i, number, starts in _candidates(plan, found_at, rejected, unled, leads):
        p = lexicon[i]
        if starts is not None:  # (only on text that lower-casing keeps the same length)
            if p.folded_source is not None:  # the folded phrase with its leading \b
                yield i, _led_spans(_compiled(p.source, 0), folded, starts)
            else:
                yield i, _led_spans(p.pattern, text, starts)
        elif p.folded_source is not None and same_length:
            rx = _compiled(p.folded_source, 0)
            starts = _held(size, cores.get(number), found_at)
            if starts is None and p.gates and (lean is None or number not in cores):
                starts = _starts(size, p.gates, found_at)  # (listed: not a lean scan's)
            stretches = windows(folded, starts, rx) if starts else None
            yield i, _finditer_folded(rx, folded, stretches)
        else:
            yield i, (m.span() for m in p.pattern.finditer(text))


def _quote(matched: str) -> str:
    return repr(" ".join(matched.split()))


def word_count(text: str | TextView) -> int:
    """Count whitespace-separated words (at least 1, so it can divide).

    Signals pass ``doc.view``: a document's words are counted once, whoever asks (on a
    4 MB page each ``split`` costs a tenth of a second; issue 15).

    >>> word_count("")
    1
    """
    return _view(text).word_count


def saturate(value: float, half: float) -> float:
    """Map ``value >= 0`` to [0, 1): 0.5 at ``half``, approaching 1 as value grows.

    >>> saturate(0, 3), saturate(3, 3)
    (0.0, 0.5)
    """
    return value / (value + half) if value > 0 else 0.0


@dataclass(frozen=True, slots=True)
class Cue:
    """One weighted cue: a pattern, the kind it counts toward and the reason shown.

    Built by ``cues``; ``find_cues`` scans for it only when one of its ``gates`` (lower-case
    substrings, one of which every match contains) occurs in the text, so that a text pays
    a substring test, not a regex scan, for each cue it cannot contain.
    """

    kind: str  # cues of one kind count together (e.g. "dateline", "statement")
    weight: float  # strength of the cue; the signal decides how weights add up
    reason: str
    source: str  # the regex ``pattern`` compiles: case-insensitive, multi-line
    # The same cue for lower-cased text, without its leading \b (checked by hand when
    # ``bounded``), as in ``Phrase.folded``; None when the regex has upper-case parts.
    folded_source: str | None
    bounded: bool
    gates: tuple[str, ...]
    # ``required_literals`` of ``folded``, checked after ``gates`` (empty: nothing more)
    literals: tuple[str, ...] = ()
    # Lower-case strings one of which every match holds besides a gate (hand-written, like
    # ``gates``): only the stretches near a gate that hold one of them are searched.
    also: tuple[str, ...] = ()
    # Strings one of which every match holds as written, case and all (hand-written, read
    # off the regex's case-sensitive part): a text holding none is not scanned.
    exact: tuple[str, ...] = ()

    @property
    def pattern(self) -> re.Pattern[str]:
        """``source`` compiled on first use (most texts need only ``folded``, if any)."""
        return _compiled(self.source, CUE_FLAGS)

    @property
    def folded(self) -> re.Pattern[str] | None:
        """``folded_source`` compiled, on first use (a one-document run needs few)."""
        return None if self.folded_source is None else _compiled(self.folded_source, re.MULTILINE)


CUE_FLAGS = re.IGNORECASE | re.MULTILINE


@dataclass(frozen=True, slots=True)
class Hit:
    """Where one cue matched."""

    start: int
    end: int
    cue: Cue


def loosened(source: str) -> str | None:
    r"""``source`` for lower-cased text with its ``(?-i:...)`` parts case-insensitive too.

    Letters outside escapes are lower-cased and ``(?-i:`` becomes ``(?:``. On text that
    lower-casing keeps the same length and that has no ``CASE_TRAPS``, the result matches
    at every position where ``source`` (case-insensitive) matches the text itself, as long
    as no part can match *because* of case: None for a source with a negated class, a
    negative lookaround, a back-reference or a named character, and for one without a
    case-sensitive part (it has ``Cue.folded``).

    >>> loosened(r"\((?-i:AP|PA)\) ?-"), loosened(r"(?-i:[^A-Z])")
    ('\\((?:ap|pa)\\) ?-', None)
    """
    if "(?-i:" not in source or any(
        part in source for part in ("[^", "(?!", "(?<!", "(?P=", "\\N{")
    ):
        return None
    if re.search(r"\\[1-9]", source):
        return None
    out = []
    escaped = False
    for char in source:
        out.append(char if escaped else char.lower() if "A" <= char <= "Z" else char)
        escaped = not escaped and char == "\\"
    return "".join(out).replace("(?-i:", "(?:")


# ``prefilter``'s factored regexes are built from thousands of strings (outlets x verbs):
# building, compiling and measuring them costs about 0.1-0.3 s of CPU, repaid only over
# many documents. A process therefore uses them from its ``PREFILTERS_AFTER``-th
# ``find_cues`` call on (three calls a document), or at once after ``build_speedups()``,
# which every worker's warm-up runs; a one-document run never pays for them. The answers
# are the same either way: a prefilter only skips cues that cannot match.
PREFILTERS_AFTER = 60
_PREFILTERED: dict[str, None] = {}  # sources of the cues that may have one (in order)
_calls = itertools.count()
_prefilters_on = False


def _use_prefilters() -> bool:
    global _prefilters_on
    if not _prefilters_on and next(_calls) >= PREFILTERS_AFTER:
        _prefilters_on = True
    return _prefilters_on


def build_speedups() -> None:
    """Build every cue's prefilter now and use them from the next scan (a warm-up's job).

    >>> build_speedups(); _use_prefilters()
    True
    """
    global _prefilters_on, _match_set
    for source in _PREFILTERED:
        quick = prefilter(source)
        if quick is not None:
            reach(quick)
    if _match_set is None:
        _match_set = _new_match_set()
    _prefilters_on = True


@functools.cache
def prefilter(source: str) -> re.Pattern[str] | None:
    """A fast regex for lower-cased text that matches wherever cue ``source`` matches, or None.

    For a cue with case-sensitive parts, under ``loosened``'s conditions: the ``loosened``
    cue without its anchors, when it matches finitely many strings, as those strings
    factored on shared prefixes (``trie_source``): one branch per next character instead of
    one per outlet or verb; else the ``loosened`` cue itself, which reads lower-cased text
    without IGNORECASE (a name cue, "said Jane Smith, a spokesperson": its capitals are
    any letter there, and it rarely matches where the cue does not). Built on first use
    (not at import).
    """
    loose = loosened(source)
    if loose is None:
        return None
    words = literal_strings(loose, drop_anchors=True)
    if words is None:  # not finite
        return _compiled(loose, re.MULTILINE)
    if not words or "" in words:
        return None
    return re.compile(trie_source(words))


CueRow = (
    tuple[str, str, float, str, tuple[str, ...]]
    | tuple[str, str, float, str, tuple[str, ...], tuple[str, ...]]
    | tuple[str, str, float, str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]
)


def cues(*rows: CueRow) -> tuple[Cue, ...]:
    r"""Compile ``(regex, kind, weight, reason, gates[, also[, exact]])`` rows.

    Regexes carry their own boundaries (``\b``: a cue may start or end with an emoji)
    and may turn case-sensitivity back on for a part with ``(?-i:...)`` (names, datelines).
    They are multi-line. Every match must contain one of the row's ``gates`` once
    lower-cased; an empty tuple means the cue is always scanned for. A row may add
    ``also``: more strings, one of which every match contains too (``Cue.also``), and
    ``exact``: strings one of which every match contains as written (``Cue.exact``).

    >>> lex = cues((r"\blink in bio\b", "cta", 2.0, "hidden continuation", ("bio",)))
    >>> [(h.start, h.cue.kind) for h in find_cues("Story: LINK IN BIO", lex)]
    [(7, 'cta')]
    """
    built = []
    for source, kind, weight, why, gates, *also in rows:
        bounded = source.startswith(r"\b")
        rx = source[2:] if bounded else source
        lower = source == source.lower() and "(?-i:" not in source
        folded = rf"(?:{rx})" if lower else None
        pattern = rf"\b(?:{rx})" if bounded else rf"(?:{rx})"
        literals = required_literals(rx) if folded is not None else ()
        cue = Cue(kind, weight, why, pattern, folded, bounded, gates, literals, *also)
        built.append(cue)
        if folded is None and "(?-i:" in source:
            _PREFILTERED[pattern] = None
    return _registered(built)


def find_cues(
    text: str | TextView, lexicon: tuple[Cue, ...], *, overlapping: bool = False
) -> list[Hit]:
    """Cues found in ``text``, in text order; of overlapping hits the first, heaviest stays.

    ``text`` may be a document's ``TextView`` (``doc.view``). With ``overlapping``, every
    hit is returned (for a caller that trims spans first and then calls
    ``non_overlapping``).
    """
    view = _view(text)
    text = view.text
    folded = view.lower
    size = len(folded)
    same_length = size == len(text)
    plans = _plans(lexicon, _cue_keys)  # (its strings registered before the scan)
    match_set = _match_set_now(same_length)  # (and the MatchSet built: its strings too)
    found, lean = _scan_of(view, match_set)
    if lean is None:
        plan, rejected = plans[0], _rejected(view, match_set)
    else:
        plan, rejected = _lean_plan(lexicon, _cue_keys, lean), _NOTHING
    hits: list[Hit] = []
    use_prefilters = _use_prefilters()
    leads, cores = _leads(view, match_set)
    unled = _NO_LEADS if lean is None else _trusted(lean).unled
    for i, number, led in _candidates(plan, found, rejected, unled, leads):
        cue = lexicon[i]
        if cue.exact and not any(map(text.__contains__, cue.exact)):
            continue
        if led is not None:  # (only on text that lower-casing keeps the same length)
            if cue.folded_source is not None:  # with its leading \b, if any (``source``)
                rx = _compiled(cue.source if cue.bounded else cue.folded_source, re.MULTILINE)
                led_spans = _led_spans(rx, folded, led)
            else:
                led_spans = _led_spans(cue.pattern, text, led)
            hits.extend(Hit(start, end, cue) for start, end in led_spans)
            continue
        # Starts of the occurrences of what every match holds (None: not listed): its core
        # strings' (``_held``), else the hand-written gates', then on lower-cased text the
        # regex's own literals.
        held = _held(size, cores.get(number), found)
        gated = held is None and (lean is None or number not in cores)  # gates listed
        starts = _starts(size, cue.gates, found) if gated and cue.gates else held
        spans: Iterable[tuple[int, int]]
        if cue.folded_source is not None and same_length:
            if gated and cue.literals:
                starts = _starts(size, cue.literals, found)
                if starts == []:
                    continue
            if cue.also and not any(map(found.__contains__, cue.also)):
                continue
            rx = _compiled(cue.folded_source, re.MULTILINE)
            stretches = windows(folded, starts, rx, also=cue.also, lower=folded) if starts else None
            if cue.bounded:
                spans = _finditer_folded(rx, folded, stretches)
            elif stretches is not None:
                spans = Windowed(rx, folded, stretches).spans()
            else:
                spans = (m.span() for m in rx.finditer(folded))
        else:
            cased = _cased_spans(cue, view, starts, found, use_prefilters=use_prefilters)
            if cased is None:
                continue
            spans = cased
        hits.extend(Hit(start, end, cue) for start, end in spans if end > start)
    return hits if overlapping else non_overlapping(hits)


def _cased_spans(
    cue: Cue,
    view: TextView,
    starts: list[int] | None,
    found: dict[str, list[int] | None],
    *,
    use_prefilters: bool,
) -> Iterable[tuple[int, int]] | None:
    """Spans of ``cue.pattern`` (case-insensitive, on the text itself); None: it cannot match.

    ``starts``: the sorted starts of its gates' occurrences (None: not listed). With a
    ``prefilter`` (on text that lower-casing keeps the same length and that has no
    ``CASE_TRAPS``), the cue is tried only where the prefilter matches (``_led_by``).
    """
    text, folded = view.text, view.lower
    safe = len(folded) == len(text) and view.derive(_case_safe)
    if safe and cue.also and not any(map(found.__contains__, cue.also)):
        return None  # (lower-case strings are found as they are only in such a text)
    quick = prefilter(cue.source) if safe and use_prefilters else None
    if quick is not None:
        near = windows(folded, starts, quick) if starts else None
        search = (
            functools.partial(quick.search, folded)
            if near is None
            else Windowed(quick, folded, near).search
        )
        first = search(0)
        if first is None:
            return None  # no match of the looser regex (near a gate): none of the cue either
        if not _line_anchored(cue.pattern) and reach(cue.pattern).usable:
            return _led_by(cue.pattern, text, search, first)
    if _line_anchored(cue.pattern):
        return _line_matches(cue.pattern, view, starts if safe else None)
    if (
        starts
        and safe
        and (stretches := windows(text, starts, cue.pattern, also=cue.also, lower=folded))
    ):
        return Windowed(cue.pattern, text, stretches).spans()
    return (m.span() for m in cue.pattern.finditer(text))


def _led_by(
    pattern: re.Pattern[str],
    text: str,
    search: Callable[[int], re.Match[str] | None],
    first: re.Match[str],
) -> list[tuple[int, int]]:
    """``[m.span() for m in pattern.finditer(text)]``, trying ``pattern`` only where it can match.

    ``search(pos)`` (a prefilter's, for increasing ``pos``) finds the first position from
    ``pos`` on where the prefilter matches; the prefilter matches wherever ``pattern``
    does, so ``pattern`` can match nowhere between the positions it finds. ``first`` is
    ``search(0)``. ``pattern`` matches no empty string (``reach(pattern).usable``), so
    each search goes on from where the last match ended, as ``finditer`` does.
    """
    out = []
    candidate: re.Match[str] | None = first
    while candidate is not None:
        at = candidate.start()
        m = pattern.match(text, at)
        if m is None:
            candidate = search(at + 1)
        else:
            out.append(m.span())
            candidate = search(m.end())
    return out


def _line_anchored(pattern: re.Pattern[str]) -> bool:
    """Every match starts at a line start (``^`` first, multi-line) and stays on its line.

    Remembered per source and flags (a compiled pattern hashes its whole code: ``reach``).
    """
    return _line_anchored_source(pattern.pattern, pattern.flags)


@functools.cache
def _line_anchored_source(source: str, flags: int) -> bool:
    if not flags & re.MULTILINE or not reach_of(source, flags).one_line:
        return False
    items = sre_parse.parse(source, flags)
    while len(items) == 1 and items[0][0] is sre.SUBPATTERN:
        if items[0][1][2] & sre.SRE_FLAG_MULTILINE:
            return False  # (?-m:...)
        items = items[0][1][3]
    return len(items) > 0 and items[0] == (sre.AT, sre.AT_BEGINNING)


def line_starts(text: str | TextView) -> list[int]:
    r"""Where each line of the text starts, worked out once per view (``doc.view``).

    Also after the end when the text ends with a line break: every position where ``^``
    matches under MULTILINE.

    >>> line_starts("One\nTwo\n")
    [0, 4, 8]
    """
    return _view(text).derive(_line_starts)


def _line_starts(text: str) -> list[int]:
    """Where each line of ``text`` starts (after the end too when it ends with a break)."""
    lines = map(len, text.split("\n"))  # a line starts one past the previous one's end
    steps = map(operator.add, lines, itertools.repeat(1))  # (in C: no Python call a line)
    return list(itertools.accumulate(steps, initial=0))[:-1]


def _line_matches(
    pattern: re.Pattern[str], view: TextView, starts: list[int] | None
) -> list[tuple[int, int]]:
    """``[m.span() for m in pattern.finditer(view.text)]`` for a ``_line_anchored`` pattern.

    Only line starts can start a match, and a match ends on its line, so one ``match`` at
    each line start finds them all; with ``starts`` (gate occurrences, one of which every
    match holds), only at the starts of the lines that hold one: each one past the last
    line break before its occurrence (``str.rfind``, no list of every line start made).
    """
    text = view.text
    if starts is None:
        lines = view.derive(_line_starts)
    else:
        lines = sorted({text.rfind("\n", 0, at) + 1 for at in starts})
    match = pattern.match
    return [m.span() for m in map(match, itertools.repeat(text), lines) if m is not None]


def non_overlapping(hits: Iterable[Hit]) -> list[Hit]:
    """Hits in text order without overlaps: of hits that overlap, the first, heaviest stays."""
    kept: list[Hit] = []
    for h in sorted(hits, key=lambda h: (h.start, -h.cue.weight, -h.end)):
        if not kept or h.start >= kept[-1].end:
            kept.append(h)
    return kept


def quote(matched: str) -> str:
    """A matched phrase as evidence quotes it: whitespace collapsed, in quotes."""
    return _quote(matched)
