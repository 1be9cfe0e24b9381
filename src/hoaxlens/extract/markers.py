"""Recognise one line of extracted text as page furniture, and say which kind.

Farm markers are often obfuscated like the stories ("Eпd of coпteпt"), so a line is
matched as a reader sees it: short lines are normalized whole, longer ones by their
head (cookie and comment boilerplate is recognised by how it starts). Story paragraphs
longer than ``MAX_HEAD_LINE`` are never normalized here; the normalize stage does that.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING

from hoaxlens.normalize import normalize_text

if TYPE_CHECKING:
    from collections.abc import Callable

MAX_FURNITURE_CHARS = 60  # markers and rail headings are short; longer lines are never tested
MAX_HEAD_LINE = 400  # cookie/comment/footer boilerplate is at most a few sentences
HEAD_CHARS = 120
MAX_SHARE_LINE = 200
# Lines are classified twice per page (as DOM blocks by ``anchor``, as extracted lines by
# ``farm``) and menus, footers, banners and rails repeat from page to page of a site:
# the pure line tests are memoised. Only lines that can be furniture are (at most
# ``MAX_HEAD_LINE`` characters), so a memo holds at most ~2 MB however long the crawl.
CACHED_LINES = 4_096


class LineKind(StrEnum):
    """What a furniture line is; values double as the ``Article.removed`` kinds."""

    SCROLL_MARKER = "scroll-marker"
    TEASER_RAIL = "teaser-rail"
    SHARE_BUTTONS = "share-buttons"
    COOKIE_BANNER = "cookie-banner"
    COMMENT_FORM = "comment-form"
    SECOND_ARTICLE = "second-article"
    PAGE_CHROME = "page-chrome"  # footers, tags, post meta, ads: removed, not reported


REPORTED = tuple(k.value for k in LineKind if k is not LineKind.PAGE_CHROME)

_EDGE = r"[\s\-\u2013\u2014\u2022\u00b7|\u00bb\u00ab:]*"
SCROLL_MARKER = re.compile(
    rf"^{_EDGE}(end of content|no more pages to load|load more( stories| posts| articles| news)?|"
    r"loading\.{0,3}|show more|view more|no more (posts|articles|stories)( to (show|load))?|"
    r"you have reached the end|you'?ve reached the end|that'?s all for now|"
    r"scroll (down )?for more|continue reading|read more|advert(isement)?|sponsored( content)?)"
    rf"{_EDGE}[.!…]*{_EDGE}$",
    re.IGNORECASE,
)
# Scroll markers after which nothing of the story follows.
TERMINAL_MARKER = re.compile(
    r"^\W*(end of content|no more pages to load|no more (posts|articles|stories)|"
    r"you'?ve reached the end|you have reached the end|load more)\b",
    re.IGNORECASE,
)
RAIL_HEADING = re.compile(
    r"^\s*(news|latest( news| posts| stories)?|related( news| posts| stories| articles)?|"
    r"related articles\s*more from (the )?author|more from (the )?author|"
    r"you may (also )?like|you might (also )?like|you may have missed|"
    r"more (news|stories|for you)|recommended( for you| stories)?|trending( now| stories)?|"
    r"popular( posts| stories| now)?|most popular|most read|read (also|next)|up next|"
    r"what to read next|don'?t miss( this)?|editor'?s picks?|top stories|more from [\w .]++|"
    # The same headings as other sites word them, in English and in other languages.
    r"trending articles|(from )?around the web|explore further|further reading|want more\??|"
    r"more (articles|videos|headlines|like this)|similar (articles|posts|stories)|"
    r"related (ads|topics|content|coverage|reading|videos?)|most viewed|keep reading|"
    # Only fixed wordings, no free tail ("Mehr zu sagen gab es nicht." ends a story): a
    # plain-text post's last line is tested too. A site's name holds a dot.
    r"mehr zum thema( auf [\w-]+(\.[\w-]+)+)?|lesen sie auch( die folgenden (artikel|beiträge))?|"
    r"auch interessant|weiterlesen|zum weiterlesen|mehr themen|"
    r"(das( thema)? )?k(ö|oe?)nnte (sie|dich) auch interessieren|schon gelesen\??|"
    r"(weitere|ähnliche|verwandte|interessante|empfohlene|aktuelle) (artikel|beiträge|themen|"
    r"nachrichten|news|themenbereiche)|meistgelesen(e artikel)?|neueste artikel|"
    r"(à )?lire aussi|sur le même sujet|articles similaires|vous aimerez aussi|"
    r"les plus lus|(temas|tópicos|artículos|notícias|matérias) relacionad[oa]s|"
    r"(noticias|notas) relacionadas|te puede interesar|m[áa]s noticias|le[ae] tamb[ée]m|"
    r"lea también|veja também|leggi anche|articoli correlati|ti potrebbe interessare|"
    r"zobacz (również|też|także)|czytaj (też|także|również)|lees ook|meer nieuws|"
    r"gerelateerde artikelen|další zprávy|mohlo by vás zajímat)"
    r"\s*[:!.…]*\s*$",
    re.IGNORECASE,
)
INLINE_TEASER = re.compile(
    r"^\s*(read also|also read|see also|read more|related|must read|don'?t miss|recommended|"
    r"suggested|read next|more)\s*[:\-\u2013\u2014\u00bb]\s*\S",
    re.IGNORECASE,
)
_NETWORK = r"facebook|twitter|x|whatsapp|pinterest|linkedin|telegram|reddit|email|messenger"
# A share line is a run of share tokens with optional separators between them. Each such
# line must split into tokens in one way only, or a line that fails to match ("share x "
# * 14 + "?") is retried in every split: exponential time (10 s at 120 characters). So no
# token ends in what could start the next one or be a separator: "share on facebook" is
# "share on" + " " + "facebook" (no optional network after "share"), "blogthis!" is
# "blogthis" + "!", and "share" alone is matched by ``shares?`` only. The language is the
# same as that of the ambiguous pattern this replaces (tests/extract/test_share_line.py).
_SHARE_TOKEN = (
    r"(?:share (?:on|to|via|this(?: story| article| post)?)|tweet(?: on twitter)?|pin ?it|"
    r"email this|copy link|blogthis|\d+(?:[.,]\d+)?\s*[km]?\s*(?:shares?|views?)|shares?|"
    rf"views?|{_NETWORK})"
)
_SEPARATORS = r"[\s|•·,:/!-]*"
SHARE_LINE = re.compile(rf"^\s*(?:{_SHARE_TOKEN}{_SEPARATORS})+$", re.IGNORECASE)
_NETWORK_WORD = re.compile(rf"\b(?:{_NETWORK})\b", re.IGNORECASE)
_SHARE_WORD = re.compile(r"share|tweet|pin ?it|email this|blogthis|copy link|views?\b", re.I)
COUNT_LINE = re.compile(r"^\s*\d+([.,]\d+)?\s*[km]?\s*$", re.IGNORECASE)
COOKIE_LINE = re.compile(
    r"^\W*(we (use|are using) cookies|this (web)?site (uses|is using) cookies|"
    r"(our|this) site (uses|is using) cookies|"
    r"by continuing to (use|browse)|privacy ?(&|and) cookies|cookies? (policy|settings|"
    r"preferences|consent|notice)|accept (all )?cookies|you can find out more about which "
    r"cookies|we and our partners (use|store)|this site uses cookies)",
    re.IGNORECASE,
)
# Lines that open a comment form: nothing of the story comes after them.
COMMENT_START = re.compile(
    r"^\W*(leave a (reply|comment)( cancel reply)?|post a comment|add a comment|"
    r"join the (discussion|conversation)|(\d+|no) comments?|comments are closed|"
    r"your email address will not be published\.?( required fields are marked \*?)?|"
    r"you must be logged in to post a comment\.?)\W*$",
    re.IGNORECASE,
)
COMMENT_LINE = re.compile(
    r"^\s*(comment|name|email|e-mail|website|post comment|submit comment|submit|"
    r"cancel reply|required fields are marked|save my name, email, and website in this "
    r"browser for the next time i comment|notify me of .{0,60}|please enter your "
    r"(comment|name|email address)( here)?|you have entered an incorrect email address|"
    r"subscribe to: post comments \(atom\))\W*$",
    re.IGNORECASE,
)
# Short copyright lines only: "© Getty Images Is the Queen ordering…" is a photo credit
# glued to a story paragraph.
FOOTER_LINE = re.compile(
    r"(^\W*(©|\(c\)\s|copyright\s*(©|\(c\)|\d{4}))[^.!?]{0,80}[.!?]?\s*$|"
    r"all rights reserved|^\W*(powered|designed|developed|theme) by [\w .-]{1,40}\W*$)",
    re.IGNORECASE,
)
CHROME_LINE = re.compile(
    r"^\s*((tags|labels|related topics|filed under|categories)\s*:.{0,200}|"
    r"(previous|next) (article|post|story)|older posts?|newer posts?|"
    r"(privacy policy|terms of (use|service)|about( us)?|contact( us)?|dmca|disclaimer)"
    r"(\s*[|•·]\s*(privacy policy|terms of (use|service)|about( us)?|contact( us)?|dmca|"
    r"disclaimer))*|"
    r"hi,? what are you looking for\??|type (your search|and hit enter).{0,20}|search( for)?\.*|"
    r"\d+\s+min(ute)?s?\s+read|at \d{1,2}:\d{2}\s*(am|pm)?|"
    r"(posted|published|updated|written) (by|on|at)\b.{0,80})\s*$",
    re.IGNORECASE,
)
# "Follow us on Facebook and Twitter": a promotion of the site's own channels, set between
# or after a story's paragraphs. Only short lines are tested (``MAX_PROMO_LINE``).
PROMO_LINE = re.compile(
    r"^\W*follow\b[^.!?]{0,80}\bon (facebook|twitter|instagram|youtube|tiktok|linkedin)\b",
    re.IGNORECASE,
)
MAX_PROMO_LINE = 160


_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DATE_LINE = re.compile(
    rf"^\W*((\w+,\s+)?{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|"
    r"\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}\s*(am|pm)?|"
    r"\d+\s+(second|minute|hour|day|week|month|year)s?\s+ago)\W*$",
    re.IGNORECASE,
)
# (?<!\s): a match never starts inside a run of white space (the run's start gives the same
# match), so a long run is not re-scanned from each of its characters.
READ_MORE_TAIL = re.compile(
    r"(?<!\s)\s*(read more|continue reading)\s*[\u00bb\u203a\u2192>.\u2026]*\s*$", re.I
)


def plain(line: str) -> str:
    """A short line as a reader sees it: markers may be obfuscated too ("Eпd of coпteпt").

    Long lines come back as "" (they cannot be furniture), so story paragraphs are not
    normalized here and again by the normalize stage.

    >>> plain("E\u043fd of co\u043fte\u043ft")
    'End of content'
    """
    if len(line) > MAX_FURNITURE_CHARS:
        return ""
    return line if line.isascii() else _read(line)


_ASCII_LETTER = re.compile(r"[A-Za-z]")
# Non-ASCII characters the normalizer leaves as they are (typographic punctuation,
# Latin-1 letters; tests/extract/test_news_boilerplate.py checks it): a line holding no
# others is already as a reader sees it.
TYPOGRAPHIC = frozenset(
    "\u2019\u2018\u201c\u201d\u2013\u2014\u2026\u00a0\u2022\u00b7\u00bb\u00ab\u00a9\u00ae"
    "\u2122\u00b0\u20ac\u00a3\u2032\u2033\u201e\u201a\u2010\u2011\u2012\u2039\u203a\u00bf"
    "\u00a1\u00a7\u00b6" + "".join(chr(c) for c in range(0xC0, 0x100) if c not in (0xD7, 0xF7))
)
_NOT_PLAIN = re.compile("[^\x00-\x7f" + re.escape("".join(sorted(TYPOGRAPHIC))) + "]")
# The same test as one run over the text (``fullmatch``: no character of ``_NOT_PLAIN``),
# without ``search`` trying each position in turn: ~15 % faster on a post.
_ALL_PLAIN = re.compile("[\x00-\x7f" + re.escape("".join(sorted(TYPOGRAPHIC))) + "]*+")


def reads_as_is(text: str) -> bool:
    """Whether every line of ``text`` is as a reader sees it (``plain`` returns it as is).

    >>> reads_as_is("Caf\u00e9 \u2014 \u201cok\u201d"), reads_as_is("E\u043fd")
    (True, False)
    """
    return text.isascii() or _ALL_PLAIN.fullmatch(text) is not None


def _spells_upper_case(source: str) -> bool:
    r"""Whether a pattern's source holds an upper-case letter outside an escape (``\W``).

    >>> _spells_upper_case(r"^\W*read\s+more"), _spells_upper_case(r"[A-Z]")
    (False, True)
    >>> _spells_upper_case(r"\\A")  # a back-slash, then the letter A
    True
    """
    escaped = False
    for char in source:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char != char.lower():
            return True
    return False


def lowered(pattern: re.Pattern[str]) -> str:
    """The source of a ``re.IGNORECASE`` pattern, to match lower-cased text case-sensitively.

    Only for text that reads as it is (``reads_as_is``): there ``lower`` keeps every
    character one character, and two characters match case-insensitively exactly when
    their lower cases are equal (the characters ``re.IGNORECASE`` pairs otherwise, such
    as the long s, are not in such text); so a pattern that spells no upper-case letter
    matches the lower-cased text case-sensitively where it matches the text, about twice
    as fast.
    """
    if pattern.flags != re.IGNORECASE | re.UNICODE:
        raise ValueError("the pattern must be re.IGNORECASE")
    if _spells_upper_case(pattern.pattern):
        raise ValueError("the pattern must spell letters in lower case")
    return pattern.pattern


def lower_lines(views: list[str]) -> list[str]:
    """Each of the views (no line breaks in them) lower-cased, in one call."""
    return "\n".join(views).lower().split("\n") if views else []


INLINE_TEASER_LOWER = re.compile(lowered(INLINE_TEASER))
RAIL_HEADING_LOWER = re.compile(lowered(RAIL_HEADING))


def _needs_no_normalizing(text: str) -> bool:
    return text.isascii() or _NOT_PLAIN.search(text) is None or _foreign(text)


def _foreign(text: str) -> bool:
    """Letters, and none of them Latin: a line in another script, not an obfuscated marker.

    Homoglyph obfuscation swaps some letters of an English line, never all of them, so
    normalizing (~3 ms a line on first sight) is kept for lines with a Latin letter.

    >>> _foreign("Аткинс"), _foreign("Eпd"), _foreign("—")
    (True, False, False)
    """
    return _ASCII_LETTER.search(text) is None and any(c.isalpha() for c in text)


@lru_cache(maxsize=CACHED_LINES)
def _normalized(text: str) -> str:
    return normalize_text(text).text


@lru_cache(maxsize=CACHED_LINES)
def _read(text: str) -> str:
    """A short text as a reader sees it: itself, or normalized when it may need it.

    Memoised apart from ``_normalized``: each line of an obfuscated page is read by
    several passes, and telling whether it needs normalizing costs more than a look-up.
    """
    return text if _needs_no_normalizing(text) else _normalized(text)


def head(line: str) -> str:
    """The first ``HEAD_CHARS`` characters of a boilerplate-sized line, normalized."""
    if len(line) > MAX_HEAD_LINE:
        return ""
    start = line.strip()[:HEAD_CHARS]
    return start if start.isascii() else _read(start)


def classify(line: str) -> LineKind | None:
    """The furniture kind of one line, or None for a line that may be story text.

    >>> classify("Share on FacebookShare on Twitter"), classify("Then it happened.")
    (<LineKind.SHARE_BUTTONS: 'share-buttons'>, None)
    """
    if len(line) > MAX_HEAD_LINE:
        return None  # too long for any furniture test (and not worth memoising)
    if (line.isascii() or _NOT_PLAIN.search(line) is None) and not _may_be_furniture(line):
        return None
    return _classify(line)


def classify_lines(lines: list[str], *, as_is: bool) -> list[LineKind | None]:
    """``classify`` of each line; ``as_is``: every line reads as it is (``reads_as_is``).

    Such lines are lower-cased at once and ruled out as ``_may_be_furniture`` does.
    """
    if not as_is:
        return [classify(line) for line in lines]
    return classify_starts(lines, lowered_starts(lines))


def lowered_starts(lines: list[str]) -> list[str]:
    """The start of each line that reads as it is, lower-cased (``classify_starts``).

    The line itself when it is short (at most ``MAX_FURNITURE_CHARS``: ``plain``), else its
    head (``head``), else "" (too long for any furniture test).
    """
    return lower_lines(
        [
            line
            if len(line) <= MAX_FURNITURE_CHARS
            else (line.strip()[:HEAD_CHARS] if len(line) <= MAX_HEAD_LINE else "")
            for line in lines
        ]
    )


def classify_starts(lines: list[str], starts: list[str]) -> list[LineKind | None]:
    """``classify_lines`` of lines that read as they are, given their ``lowered_starts``."""
    return [
        _classify(line)
        if start and (FURNITURE_LOWER.match(start) or "rights reserved" in start)
        else None
        for line, start in zip(lines, starts, strict=True)
    ]


def _may_be_furniture(line: str) -> bool:
    """False when ``_classify`` finds no furniture in a line that reads as it is.

    What it tests is the line itself (short) or its head; ``FURNITURE_LOWER`` (all its
    tests, on the lower-cased start: see ``lowered``) and a look for the words that
    ``FOOTER_LINE`` searches for rule most lines out at once.
    """
    start = line if len(line) <= MAX_FURNITURE_CHARS else line.strip()[:HEAD_CHARS]
    start = start.lower()
    return bool(start) and (FURNITURE_LOWER.match(start) is not None or "rights reserved" in start)


# Every test of ``_classify`` that is matched at the start, as one alternation: a line none
# of them matches (nor ``FOOTER_LINE``, which is searched) is no furniture.
# Every test of ``_classify`` in one pattern, for lower-cased line starts (``lowered``).
FURNITURE_LOWER = re.compile(
    "|".join(
        f"(?:{lowered(p)})"
        for p in (
            SCROLL_MARKER,
            SHARE_LINE,
            COOKIE_LINE,
            COMMENT_START,
            COMMENT_LINE,
            CHROME_LINE,
            PROMO_LINE,
            FOOTER_LINE,  # at the start only: see ``_may_be_furniture``
        )
    )
)


@lru_cache(maxsize=CACHED_LINES)
def _classify(line: str) -> LineKind | None:
    short = plain(line)
    if short and SCROLL_MARKER.match(short):
        return LineKind.SCROLL_MARKER
    start = short or head(line)
    if not start:
        return None
    if len(line) <= MAX_SHARE_LINE and SHARE_LINE.match(start):
        networks = _NETWORK_WORD.findall(start)
        if _SHARE_WORD.search(start) or len(networks) >= 2:
            return LineKind.SHARE_BUTTONS
    if COOKIE_LINE.match(start):
        return LineKind.COOKIE_BANNER
    if COMMENT_START.match(start) or COMMENT_LINE.match(start):
        return LineKind.COMMENT_FORM
    if FOOTER_LINE.search(start) or CHROME_LINE.match(start):
        return LineKind.PAGE_CHROME
    if len(line) <= MAX_PROMO_LINE and PROMO_LINE.match(start):
        return LineKind.PAGE_CHROME
    return None


def clear_caches() -> None:
    """Forget memoised line tests (benchmarks use this to time pages cold)."""
    for cached in (_normalized, _read, _classify, _is_headline):
        cached.cache_clear()


def is_terminal(line: str, kind: LineKind | None) -> bool:
    """Whether nothing of the story can follow this furniture line."""
    if kind is LineKind.COMMENT_FORM:
        return bool(COMMENT_START.match(head(line)))
    return kind is LineKind.SCROLL_MARKER and bool(TERMINAL_MARKER.match(plain(line)))


_DATE_TAIL = re.compile(  # (?<!\d): nor inside a run of digits
    rf"(?<!\s)\s*((?<!\d)\d+\s+(second|minute|hour|day|week|month|year)s?\s+ago|"
    rf"{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}})\W*$",
    re.IGNORECASE,
)


_TAIL_WINDOW = 80  # longer than any date + "Read more" tail these patterns remove


_DIGIT = re.compile(r"\d")
_ASCII_DIGIT = re.compile(r"[0-9]")  # ``\d`` on ASCII text, three times as fast


def _may_end_in_date(window: str) -> bool:
    """False when ``_DATE_TAIL`` cannot match: each of its forms holds a decimal digit."""
    digit = _ASCII_DIGIT if window.isascii() else _DIGIT
    return digit.search(window) is not None


def _may_end_in_read_more(window: str) -> bool:
    """False when ``READ_MORE_TAIL`` cannot match: it needs "read more" or "continue reading".

    Looked for in the lower-cased text when it is ASCII (there IGNORECASE pairs a letter
    with its two ASCII cases only, and ``lower`` keeps each character one character).
    """
    if not window.isascii():
        return True
    low = window.lower()
    return "read more" in low or "continue reading" in low


def _strip_tail(
    pattern: re.Pattern[str], text: str, may_match: Callable[[str], bool] | None = None
) -> str:
    r"""``pattern.sub("", text)`` for a pattern anchored at the end, searched in the tail only.

    An end-anchored pattern that starts with ``\s*`` is tried at every position of the
    line (hundreds of microseconds on a long paragraph); its match fits in the last
    ``_TAIL_WINDOW`` characters, so only they are searched, and only when ``may_match``
    (a cheap test that the pattern needs to pass) says it can match there (~50 µs a line
    for ``_DATE_TAIL`` otherwise).
    """
    cut = max(len(text) - _TAIL_WINDOW, 0)
    window = text[cut:]  # a slice: the look-behinds do not see before cut
    if may_match is not None and not may_match(window):
        return text
    found = pattern.search(window)
    if found is None:
        return text
    start = cut + found.start()
    return text[:start].rstrip() if start == cut else text[:start]


def strip_card_tail(text: str) -> str:
    """A teaser line without the "2 days ago" / "Read more" glued to its end.

    >>> strip_card_tail("Star Stuns Fans At The Gala2 days agoRead more")
    'Star Stuns Fans At The Gala'
    """
    without = _strip_tail(READ_MORE_TAIL, text, _may_end_in_read_more)
    return _strip_tail(_DATE_TAIL, without, _may_end_in_date)


def is_headline(line: str) -> bool:
    """A teaser headline: 4-24 words, mostly capitalised, no sentence-final full stop.

    >>> is_headline("Famous Singer Stops Concert For Crying Fan")
    True
    >>> is_headline("Then he asked the crowd for a favor.")
    False
    """
    return _is_headline(line) if len(line) <= MAX_HEAD_LINE else _headline(line)


@lru_cache(maxsize=CACHED_LINES)
def _is_headline(line: str) -> bool:
    return _headline(line)


def _headline(line: str) -> bool:
    text = strip_card_tail(line.strip()).rstrip("\u201d\"'\u2019\u00bb")
    if text.endswith((".", ":", ",", ";")):
        return False  # before splitting a paragraph into words
    words = text.split()
    if not 4 <= len(words) <= 24:
        return False
    content = [w for w in words if len(w) > 3 and w[0].isalpha()]
    if not content:
        return False
    return sum(w[0].isupper() for w in content) >= 0.75 * len(content)


def is_excerpt(line: str) -> bool:
    """A teaser excerpt: a snippet cut off with an ellipsis."""
    text = line.strip()
    return len(text) <= 300 and text.endswith(("…", "..."))


def is_card_part(line: str) -> bool:
    """A date or "Read more" under a teaser headline (what makes a headline a card)."""
    short = plain(line.strip())
    if not short:
        return False
    rest = _without_read_more(short).strip()
    return rest != short or bool(DATE_LINE.match(rest))


def _without_read_more(text: str) -> str:
    """``READ_MORE_TAIL.sub("", text)``, not tried where it cannot match (~10 µs a line)."""
    return READ_MORE_TAIL.sub("", text) if _may_end_in_read_more(text) else text


def is_rail_noise(line: str) -> bool:
    """Lines found between teasers in a rail: dates, counts, "Read more", category labels.

    >>> is_rail_noise("2 days agoRead more"), is_rail_noise("Silence.")
    (True, False)
    """
    text = line.strip()
    read = plain(text)
    short = _without_read_more(read).strip()
    return (
        not text
        or (bool(read) and not short)
        or bool(DATE_LINE.match(short) or COUNT_LINE.match(short) or SCROLL_MARKER.match(short))
        or (len(text) <= 20 and len(text.split()) <= 2 and not text.endswith((".", "!", "?")))
    )
