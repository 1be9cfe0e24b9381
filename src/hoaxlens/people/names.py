"""Find the real people a story is about, without any model download.

Runs of two to four capitalized words are candidates. A candidate is kept when it contains
a public figure of the bundled gazetteer ("Carrie Ann Inaba Collapsed" gives "Carrie Ann
Inaba"), or, for people the gazetteer does not know, when it starts with a known first name
and holds no place, organisation, show, date or headline-verb word. Reviewed aliases map
short forms to full names ("Carrie Ann" → "Carrie Ann Inaba"); a later first-name-only
mention ("Derek") counts toward the full name ("Derek Hough").
"""

from __future__ import annotations

import re
from collections import Counter

from hoaxlens.people.gazetteer import load_gazetteer

_NAME_PART = r"(?:Mc|Mac|O['’])?[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?"
_NAME = re.compile(rf"\b{_NAME_PART}(?:[ \t]+(?:[A-Z]\.[ \t]+)?{_NAME_PART}){{1,3}}\b")
MAX_PEOPLE = 8
# Words that start a capitalized run without being part of a name.
_LEADING = frozenset(
    """
A An And As At But By During Even Every For From He Her His How If In It Its Just Later
Meanwhile My No Not Now On Once One Only Our She So Some That The Their Then There These
They This Those To Two Under Until Was We What When Where While Who Why With Yet You Your
Dear Mr Mrs Ms Dr Sir Lady Lord King Queen Prince Princess Judge Coach Host Singer Actor
Actress Star Legend President Senator
""".split()  # noqa: SIM905 - a word list reads better as text
)
# A name never contains these; they mark organisations, places, shows, events and dates.
_NOT_NAME = frozenset(
    """
Show Week News Night Day Hospital Church Center Centre Foundation Street Road Avenue City
County House Palace Hall Awards Award Association University College School Company
Records Tour Stadium Arena Studio Studios Theater Theatre Festival Academy Network Channel
Magazine Kingdom States America American Country Music Legacy History Fortune Wheel Feud
Family Dancing Stars Times Post Journal Daily Weekly Media Group Party Club Team Island
Valley Lake River Mountain Park Square Hotel Restaurant Diner Cafe Bar Grill Airport
Department Police Court Congress Senate Church Cathedral Chapel Monday Tuesday Wednesday
Thursday Friday Saturday Sunday January February March April May June July August
September October November December Christmas Easter Thanksgiving Grammy Grammys Emmy
Oscar Oscars Instagram Facebook Twitter YouTube TikTok Google Apple Tesla Netflix Disney
Big Brother Idol Voice Got Talent Live Tonight Morning Good Today Opry Grand Ole Hollywood
Broadway Vegas Los Angeles New York London Nashville Texas California Florida Tennessee
Ohio Royal Family Chiefs Eagles Lakers Super Bowl National World War Association Breaking
Photo Credit Image Source Getty Images Advertisement Read More Related Share Comments Home
Page Menu Search Sign Subscribe Privacy Policy Terms Contact Copyright Falls St Ave Rd Pavilion
Savings Bank Republic North South East West Carolina Dakota Virginia Jersey Mexico Hampshire
Did Next Left Holding Collapsed Stopped Paid Reveals Breaks Says Shares Finally Leaves Stuns
Makes Gets Takes Gives Sends Announces Confirms Dies Passes Away After Before Heartbreaking
Emotional Tribute Fans Fan Sign Tears Update Shocking Sad Exclusive Watch Video Just Everyone
""".split()  # noqa: SIM905 - a word list reads better as text
)


def _clean(run: str, words: frozenset[str]) -> str | None:
    """Trim a capitalized run to a plausible name, or reject it.

    ``words`` are the lower-case words of the text: a capitalized token that also occurs in
    lower case ("Reveals", "Dance") is an ordinary word in a title-case headline.
    """
    tokens = run.split()
    if tokens:
        tokens[-1] = re.sub(r"['’]s$", "", tokens[-1])  # a possessive "s"
    while tokens and (tokens[0] in _LEADING or (len(tokens) > 2 and tokens[0].lower() in words)):
        tokens = tokens[1:]  # "Mayor Dana Whitcomb" when "mayor" is also used as a word
    while tokens and tokens[-1].lower() in words:
        tokens = tokens[:-1]
    if len(tokens) < 2 or any(t.rstrip(".") in _NOT_NAME for t in tokens):
        return None
    if sum(t.lower() in words for t in tokens) * 2 > len(tokens):
        return None
    return " ".join(tokens)


def _casing(name: str) -> str:
    """Display form of a lower-case gazetteer name.

    >>> _casing("reba mcentire"), _casing("william, prince of wales")
    ('Reba McEntire', 'William, Prince of Wales')
    """
    small = {"of", "the", "de", "van", "von", "da", "la", "le", "du", "al"}
    out = []
    for i, word in enumerate(name.split(" ")):
        if i and word in small:
            out.append(word)
        elif word.startswith("mc") and len(word) > 2:
            out.append("Mc" + word[2:].capitalize())
        else:
            out.append("-".join(part[:1].upper() + part[1:] for part in word.split("-")))
    return " ".join(out)


def _resolve(name: str) -> str | None:
    """Known figure inside a cleaned run, an alias' full name, or the run when plausible.

    >>> _resolve("Carrie Ann Inaba Collapsed"), _resolve("Studio Lights"), _resolve("Carrie Ann")
    ('Carrie Ann Inaba', None, 'Carrie Ann Inaba')
    """
    gazetteer = load_gazetteer()
    tokens = name.split()
    for size in range(len(tokens), 1, -1):  # the longest known figure wins
        for start in range(len(tokens) - size + 1):
            part = " ".join(tokens[start : start + size])
            if gazetteer.is_public_figure(part):
                return part
    alias = gazetteer.aliases.get(name.lower())
    if alias:
        return _casing(alias)
    if not gazetteer.is_first_name(tokens[0]) or len(tokens) > 3:
        return None
    return name


def _is_headline_case(line: str) -> bool:
    """True for title-case lines, where capitals say nothing about names.

    >>> _is_headline_case("Star Quietly Paid A Stranger's Debt"), _is_headline_case("Derek fell.")
    (True, False)
    """
    tokens: list[str] = re.findall(r"[^\W\d_]+", line)
    if len(tokens) < 4:
        return False
    return sum(t[0].isupper() for t in tokens) >= 0.75 * len(tokens)


def _merge_prefixes(full: Counter[str]) -> None:
    """Count "Carrie Ann" toward "Carrie Ann Inaba" when it is the only longer match."""
    for name in sorted(full, key=len):
        longer = [n for n in full if n != name and n.startswith(name + " ")]
        if len(longer) == 1:
            full[longer[0]] += full.pop(name)


def find_people(text: str, title: str = "") -> tuple[str, ...]:
    """Return the full names of people the story mentions, most-mentioned first.

    Args:
        text: the normalized story body.
        title: the normalized headline (counts like any other mention).

    Returns:
        Up to ``MAX_PEOPLE`` names.

    >>> find_people("When Derek Hough fell, Carrie Ann Inaba stood up. Derek smiled.")
    ('Derek Hough', 'Carrie Ann Inaba')
    """
    words = frozenset(re.findall(r"\b[a-z][a-z'’-]*\b", text))
    lines = [title, *text.splitlines()]
    is_headline = [_is_headline_case(line) for line in lines]
    headlines = [line for line, flag in zip(lines, is_headline, strict=True) if flag]
    running = [line for line, flag in zip(lines, is_headline, strict=True) if not flag]
    full: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    # Running text proposes names; headline-case lines ("Star Quietly Paid A Debt") only
    # confirm them, because every word of such a line is capitalized.
    for line in running:
        for m in _NAME.finditer(line):
            name = _clean(m.group(), words)
            name = _resolve(name) if name else None
            if name:
                full[name] += 1
                first_seen.setdefault(name, len(first_seen))
    gazetteer = load_gazetteer()
    for line in headlines:
        for m in _NAME.finditer(line):
            name = _clean(m.group(), frozenset())
            known = _resolve(name) if name else None
            if known and gazetteer.is_public_figure(known) and known not in full:
                full[known] += 0  # a public figure named only in a headline still counts
                first_seen.setdefault(known, len(first_seen))
        for name in list(full):
            full[name] += line.count(name)
    if not full:
        return ()
    _merge_prefixes(full)
    singles = Counter(re.findall(rf"\b{_NAME_PART}\b", f"{title}\n{text}"))
    for name in full:
        parts = name.split()
        # "Derek" and "Hough" alone are mentions of Derek Hough, when unambiguous.
        for part in (parts[0], parts[-1]):
            owners = [n for n in full if part in n.split()]
            if len(owners) == 1:
                full[name] += max(0, singles[part] - full[name])
    ranked = sorted(full, key=lambda n: (-full[n], first_seen[n]))
    return tuple(ranked[:MAX_PEOPLE])
