"""Furniture tests that only page text needs, compiled on the first page.

Plain-text posts are cleaned with ``markers`` alone: the patterns here (news sites'
in-column boilerplate, related-article labels, title chrome, the buttons of cookie and
share bars) are read by the page route, and by the text route only next to a cookie or
share line, so a text-only run (``hoaxlens scan one.txt``) does not compile them.
"""

from __future__ import annotations

import re

from hoaxlens.extract.markers import (
    _NETWORK,
    _SEPARATORS,
    HEAD_CHARS,
    MAX_FURNITURE_CHARS,
    MAX_HEAD_LINE,
    MAX_PROMO_LINE,
    head,
    lower_lines,
    lowered,
    plain,
)

# A label that introduces a link to another article inside the story column: "Read more:",
# "[Related: …]", "Also on rt.com …", "(Leggi anche: …)". Such a line is dropped only when
# the rest of it is one of the page's links (``farm._drop_related_links``).
RELATED_LABEL = re.compile(
    r"^\W{0,3}(?:(?:read (?:more|also|next)|also read|see also|"
    r"related(?: coverage| content| articles?| stories| story| posts?| reading| video)?"
    r"(?: from [^:]{1,60})?|more on (?:this|that)(?: story| topic)?|more|watch|listen|"
    r"recommended|leggi anche(?: su)?|(?:\u00e0 )?lire (?:aussi|\u00e9galement)|"
    r"lesen sie (?:auch|hier|mehr)|auch lesen|mehr zum thema|"
    r"le[ae] (?:tambi[e\u00e9]n|m[a\u00e1]s)|mir[ae] tambi[e\u00e9]n|leia (?:tamb[e\u00e9]m|mais)|"
    # Spanish and Polish "see also", "you may be interested in", "learn more".
    r"vea(?: tambi[e\u00e9]n)?|(?:le|te) puede interesar|puedes ver|"
    r"(?:czytaj|zobacz) (?:te\u017c|tak\u017ce|r\u00f3wnie\u017c)|"
    # A hyphen is a separator only when no word follows it: "Lee-Ann Smith - …" is a name.
    r"dowiedz si\u0119 wi\u0119cej)\s*(?:[:\u2013\u2014\u00bb|]|-(?!\w))\s*|"
    # The bare verbs ("Lea:", "MIRA |") are also names ("Mira - the girl who …"): only
    # a colon, a bar or a guillemet makes them a label, never a dash.
    r"(?:le[ae]|mir[ae])\s*[:\u00bb|]\s*|"
    # Without a colon only labels that cannot open a sentence: "More than …" is prose,
    # and each labelled line makes the page's links be read.
    r"(?:also on [\w.-]+|(?:read|see) also|also read|leggi anche(?: su)?)\s+(?=\S))",
    re.IGNORECASE,
)
MAX_RELATED_LINE = 300
# The bare verbs of ``RELATED_LABEL`` are given names too ("LEE:" is a transcript's speaker
# Lee): ``farm._drop_related_links`` keeps their lines when the page's running text opens
# with the same label. Groups: the name and its mark (the leading marks are no part of it).
NAME_LABEL = re.compile(r"^\W{0,3}(le[ae]|mir[ae])\s*([:\u00bb|])", re.IGNORECASE)
# One network name alone ("X", "Facebook") is too common a word to drop on its own.
NETWORK_LINE = re.compile(rf"^\s*(?:(?:{_NETWORK}){_SEPARATORS})+$", re.IGNORECASE)
COOKIE_BUTTON = re.compile(
    r"^\s*(accept( all)?|ok(ay)?|i agree|agree|got it!?|learn more|more info|privacy policy|"
    r"settings|cookie settings|reject( all)?|decline|close|dismiss|allow( all)?)\s*[.!]?\s*$",
    re.IGNORECASE,
)
BREADCRUMB = re.compile(r"^\s*home\s*(?:>|\u00bb|/|\u203a|\|)", re.IGNORECASE)
BYLINE_LINE = re.compile(r"^\s*by\s+[^.!?]{2,60}$", re.IGNORECASE)


# Boilerplate that news sites print inside the article column: newsletter sign-ups and
# their status messages, "back to top", a bare "Comments" heading, WordPress's "%d
# bloggers like this", ad-slot labels. Short lines only (``MAX_PROMO_LINE``).
_BOILERPLATE_WORDS = (
    r"(%d bloggers like this|like this (story|article|post)\?.{0,60}|back to top|"
    r"(story )?continues? (reading )?below( (this )?(advertisement|ad))?|comments|"
    r"click here to subscribe\b.{0,100}|"
    r"(subscribe|sign up) (to|for) (our|the|my)\b.{0,60}\b(newsletters?|channel|podcast)\b.{0,100}|"
    r"more on this (story|topic)|(more|related|see also|read more)\s*:|learn more|"
    r"view all( \(\d+\))?|sponsored links?|"
    r".{0,80}\bdelivered (to|through|straight to) your (inbox|letterbox|door|mailbox)\b.{0,120}|"
    r"if you (enjoyed|liked) this (article|story|post)\b.{0,140}|"
    # Credits of a photo or a gallery and a wire's source line, set apart from the text. In
    # German and as "Credit:", a short name only: "Foto: Das letzte Bild von Opa, am Tag
    # vor seinem Tod" is a caption the story quotes.
    r"(photo|image|picture|photograph)s?\s*(:|by\b).{1,80}|image \d+ of\b.{0,10}|"
    r"(foto|bild|credit)s?\s*:\s*[^.!?,;]{1,50}|"
    r"source\s*:\s*[^.!?]{1,60}|quelle\s*:\s*[^.!?,;]{1,50}|"
    # Buttons set as lines of their own, in German and other languages: print and back
    # links, comment links. (Labels: ``EMPTY_LABEL``.)
    r"((rezept|artikel|seite) )?drucken|(weiter)?empfehlen( drucken)?|drukuj|"
    r"zurück( zu[rm]? [\w-]+( [\w-]+){0,2})?|zur startseite|nach oben|zum seitenanfang|"
    r"view comments|kommentare? schreiben|"
    # A table of contents' heading (its entries are links, left out) and the notices of a
    # form plugin's hidden fields. A bare "Contents" or "Sommaire" is a story's word too
    # ("Contents:" over a box's contents, a notebook's "Sommaire").
    r"table of contents( \[?(show|hide|toggle)\]?)?|contents \[?(show|hide|toggle)\]?|"
    r"inhaltsverzeichnis|spis treści|"
    r"this field is (for validation purposes and should be left unchanged|hidden when viewing "
    r"the form)|"
    r"\d+(\s+\d+){2,}|"  # page numbers
    r"you('ve| have) (been )?successfully subscribed.{0,60}|"
    r"there was a problem subscribing.{0,200}|"
    r"get the day['\u2019]?s top (headlines|stories) delivered.{0,120}|"
    r"(posted|published|updated|last updated)\s*:?\s*(\w+\.?,?\s+)?\d[\w .,:/]{0,50})"
)
BOILERPLATE_LINE = re.compile(rf"^\W*{_BOILERPLATE_WORDS}\W*$", re.IGNORECASE)


# A line that is a date alone, with a weekday or a time ("Friday, November 14, 2025",
# "Dienstag, 4. Juni 2019", "12.12.2025 14:08 Uhr"): a post's or a card's date
# (``markers.DATE_LINE`` is the English one of a story's meta lines under its headline;
# this one reads more forms, and only on a page's edges). Colons end no such line
# ("2025-12-19:" opens a changelog's entry), and a full stop opens none (". 24 August
# 2021." closes a reference). English, German, French, Spanish.
_MONTH = (
    r"(jan(uary|uar|vier)?|feb(ruary|ruar)?|f[ée]vrier|m(ar(ch|s)?|ärz)|apr(il)?|avril|"
    r"ma[iy]|june?|juni|juin|july?|juli|juillet|aug(ust)?|août|sep(t(ember|iembre)?)?|"
    r"o[ck]t(ober|obre)?|nov(ember|embre|iembre)?|d[eé][cz](ember|embre)?|diciembre|enero|"
    r"febrero|marzo|abril|mayo|junio|julio|agosto)\.?"
)
_WEEKDAY = (
    r"((mon|tues|wednes|thurs|fri|satur|sun)day|(mon|tue|wed|thu|fri|sat|sun)\.?|montag|"
    r"dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|"
    r"vendredi|samedi|dimanche)"
)
LONE_DATE = re.compile(
    rf"^[\s\u2022\u00b7|\-\u2013\u2014]*({_WEEKDAY},?\s+)?(\d{{1,2}}\.?\s+{_MONTH},?\s+\d{{4}}|"
    rf"{_MONTH}\s+\d{{1,2}}(st|nd|rd|th)?(,?\s+\d{{4}})?|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}|"
    r"\d{4}-\d\d-\d\d)(,?\s*(um\s+)?\d{1,2}:\d\d(\s*[ap]\.?m\.?)?(\s*uhr)?)?[\s.,\u00b7|\-]*$",
    re.IGNORECASE,
)
MAX_LONE_DATE = 48
# A label whose value the extract left out ("Von:", "Kontakt:", "Release date:"), in German
# and other languages; dropped over or under the story only (``farm._drop_date_lines``):
# in the middle of a story, "Von:" opens a letter. Not quoted, not ending like a sentence
# ("Kontakt!" is shouted).
EMPTY_LABEL = re.compile(
    r"^(?!\s*[\"'\u201e\u201a\u201c\u2018\u00bb\u00ab\u2039\u203a])\W*"
    r"(aktualisiert am|letzte änderung|last modified|release date|opublikowano|aufrufe|bewerten|"
    r"titelbild|beitragsbild|von|telefon|kontakt|quellenangaben|weitere informationen|"
    r"zusatzinformationen)\s*:?[^\w.!?]*$",
    re.IGNORECASE,
)


# A photo agency's credit alone on its line: "Getty Images", "Jane Doe/AFP via Getty
# Images", "Getty Images / Jane Doe", "Crédits photos : Bestimage". (A credit naming a blog,
# "Photo Credit: <site>", is kept: WCXB's gold keeps a listicle's sources.) Tried only on
# short lines that name an agency (``may_be_credit``): the pattern's optional name before
# the agency would be tried at the start of every line.
_AGENCY = (
    r"(getty ?images|afp|reuters|dpa|ap photo|shutterstock|istock(photo)?|imago|"
    r"picture[ -]alliance|unsplash|pixabay|corbis|bestimage)"
)
_AGENCY_WORD = re.compile(rf"\b{_AGENCY}\b")  # on lower-cased lines ("afp", not "afpx")
# No "EPA" or "Keystone" (an agency and a pipeline), no line ending in a full stop ("Getty
# Images." ends a sentence), after a "/" capitalised names only ("Reuters/Ipsos poll shows
# tight race" is a heading), and no wire's sign-off under the story ("— AFP").
CREDIT_LINE = re.compile(
    r"^(?!\s*[-\u2013\u2014])\W*(((photo )?credits?|cr[ée]dits? photos?|bildquelle)\s*:\s*)?"
    r"(\d{4}\s+|(\w[\w .'&+-]{0,40}?\s*(/|\||\bvia\b)\s*){0,2})"
    rf"{_AGENCY}(\s*(/|\|)\s*(?-i:[A-Z0-9][\w.'-]*( [A-Z0-9][\w.'-]*){{0,3}}))?[^\w.]*$",
    re.IGNORECASE,
)
MAX_CREDIT_LINE = 80


# A button's word said or shouted in the story ("„Zurück!“", "„Nach oben!“",
# "Drucken."): quoted, or ending like a sentence. Such a line is no button.
_BUTTON_WORD = r"(drucken|empfehlen|zurück|nach oben)\b"
BUTTON_TALK = re.compile(
    rf"^\W*{_BUTTON_WORD}.*[.!?]\W*$|"
    rf"^\s*[\"'\u201e\u201a\u201c\u2018\u00bb\u00ab\u2039\u203a]\W*{_BUTTON_WORD}",
    re.IGNORECASE,
)


def may_be_credit(low: str) -> bool:
    """Whether a lower-cased line is short and names a photo agency (``CREDIT_LINE``'s gate)."""
    return len(low) <= MAX_CREDIT_LINE and _AGENCY_WORD.search(low) is not None


# A cookie notice that does not open with its usual words ("We use them to give you the
# best experience. If you continue using our website, ... cookies ...").
COOKIE_NOTICE = re.compile(
    r"\bcookies\b.{0,200}\b(continu\w+ (to )?(use|using|brows\w*)|by using)\b|"
    r"\b(continu\w+ (to )?(use|using|brows\w*)|by using)\b.{0,200}\bcookies\b",
    re.IGNORECASE,
)
# A "Click To Tweet" plugin's button glued to the quote it offers (the quote is text).
CLICK_TO_TWEET = re.compile(r"(?<=\S)\s*click to tweet\W*$", re.IGNORECASE)
# An author's box under the story: from this heading on, no story text follows.
AUTHOR_BOX = re.compile(r"^\W*about the author\W*$", re.IGNORECASE)
# An unrendered WordPress shortcode: "[button link=...] Send us your review[/button]".
SHORTCODE_LINE = re.compile(r"^\s*\[(\w+)\b[^\]]*\].*\[/\1\]\s*$")


def is_page_boilerplate(line: str) -> bool:
    """A news site's in-column boilerplate line (``BOILERPLATE_LINE``); pages only.

    Plain-text posts keep such lines: they are tested on extracted page text only.

    >>> is_page_boilerplate("Sign up for our daily newsletter"), is_page_boilerplate("Comments")
    (True, True)
    >>> is_page_boilerplate("Published 18 November 2019"), is_page_boilerplate("She commented.")
    (True, False)
    """
    if len(line) > MAX_HEAD_LINE:
        return False
    if COOKIE_NOTICE.search(line) or SHORTCODE_LINE.match(line):
        return True
    if len(line) > MAX_PROMO_LINE:
        return False
    if may_be_credit(line.lower()) and CREDIT_LINE.match(line):
        return True
    start = plain(line) or head(line)
    if BUTTON_TALK.match(start):
        return False  # a word said in the story, not a button
    return bool(start) and BOILERPLATE_LINE.match(start) is not None


# Words that ``COOKIE_NOTICE``, ``SHORTCODE_LINE`` and ``AUTHOR_BOX`` each need. (A label and
# a bare address, "Download: http://po.st/x", was dropped too, written from one tuning page;
# on the development pages such lines are a listicle's entries and code, and it went.)
_NEEDED_WORDS = ("cookies", "[/", "about the author")


def may_be_page_boilerplate(lines: list[str]) -> list[bool]:
    """Per line, False when it is neither ``is_page_boilerplate`` nor an ``AUTHOR_BOX`` heading.

    For lines that read as they are (``reads_as_is``): ``BOILERPLATE_LINE`` is tried on
    the lower-cased starts (``markers.lowered``), and the other patterns each need a word
    that a look in the lower-cased line finds. Judged line by line: a text holding one
    cookie notice or link does not have every other line tested in full.
    """
    starts = [
        (line if len(line) <= MAX_FURNITURE_CHARS else line.strip()[:HEAD_CHARS])
        if len(line) <= MAX_PROMO_LINE
        else ""
        for line in lines
    ]
    return [
        bool(start and is_lower_boilerplate_start(start))
        or any(w in low for w in _NEEDED_WORDS)
        or may_be_credit(low)
        for start, low in zip(lower_lines(starts), lower_lines(lines), strict=True)
    ]


# ``BOILERPLATE_LINE`` for lower-cased starts, matched from the first word character on
# (``is_lower_boilerplate_start``): ``^\W*`` before the alternation backtracked over every
# leading non-word character and tried each alternative there (about 6 µs a character on a
# line of 10,000 spaces), and ``\W*$`` rescanned the trailing ones from every end an
# alternative could reach; the tail is possessive here (the same answers: ``$`` follows).
lowered(BOILERPLATE_LINE)  # the alternation spells no upper-case letter
BOILERPLATE_LOWER = re.compile(rf"^{_BOILERPLATE_WORDS}\W*+$")
_WORD_CHAR = re.compile(r"\w")


def is_lower_boilerplate_start(start: str) -> bool:
    r"""``re.compile(lowered(BOILERPLATE_LINE)).match(start)``, in time linear in the line.

    ``^\W*`` can only end at the first word character or before it. Every alternative
    but one opens with a word character; ``%d bloggers`` opens with one non-word
    character; ``.{0,80}\bdelivered`` started earlier reaches no word it could not reach
    from the first word character. So the alternation is tried there and one character
    before it, and nowhere else.

    >>> [is_lower_boilerplate_start(s) for s in ("  -- back to top --", "- %d bloggers")]
    [True, False]
    >>> [is_lower_boilerplate_start(s) for s in ("- %d bloggers like this", " " * 10_000)]
    [True, False]
    """
    found = _WORD_CHAR.search(start)
    if found is None:  # every alternative holds a word character
        return False
    first = found.start()
    return BOILERPLATE_LOWER.match(start[first:]) is not None or (
        first > 0 and BOILERPLATE_LOWER.match(start[first - 1 :]) is not None
    )
