"""Remove content-farm page furniture from extracted text, one line per paragraph.

Farm pages end with a "News"/"Related" rail of more fabricated teasers, infinite-scroll
status lines, share and cookie boilerplate, a comment form, and sometimes the next story
appended below the first. Left in, a rail of fakes makes a genuine page look fake and the
other way round, so all of it is cut before any signal runs. The same cleaner runs on
plain-text posts, on the fast (resiliparse) extract and on the trafilatura fallback.

In order: the text ends at an appended story or a "nothing follows" marker (comment
form, "End of content"); the chrome around the title goes; furniture lines go wherever
they are (``markers.classify``: scroll markers, share bars, cookie notices, comment-form
lines, footers); "READ ALSO:" teasers and headed rails go; a trailing rail goes.

Every cut is guarded: the title line is never removed; a trailing rail must follow the
story (half of the text, or several story lines, before it) and consist of teaser-like
lines; a rail elsewhere needs a rail heading and two *strict* teasers (headline-cased,
or cut off with "…"); a sentence ending like one is never a teaser; and "nothing
follows this" markers end the text only after enough of it.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate
from typing import TYPE_CHECKING

from hoaxlens.extract import markers
from hoaxlens.extract.markers import LineKind

if TYPE_CHECKING:
    from collections.abc import Callable

# Kept for callers of the first version of this module.
SCROLL_MARKER = markers.SCROLL_MARKER
RAIL_HEADING = markers.RAIL_HEADING
MAX_FURNITURE_CHARS = markers.MAX_FURNITURE_CHARS
HEAD_CHARS = markers.HEAD_CHARS

MIN_RAIL_LINES = 2
MIN_KEEP_FRACTION = 0.5  # a trailing rail starts in the second half of the text
MIN_TERMINAL_FRACTION = 0.3  # "end of content" ends the text only after this much of it
MIN_STORY_LINES_BEFORE_CUT = 2
MIN_STORY_LINES_BEFORE_RAIL = 3
MIN_TRAILING_TEASERS = 3
MIN_STORY_TITLE_WORDS = 7  # subheads are shorter than the titles of appended stories
MAX_CARD_EXCERPT = 200  # a card's excerpt; a longer "…" paragraph needs more evidence
TITLE_SEARCH_LINES = 12
META_SEARCH_LINES = 6
_SENTENCE_END = (".", "!", "?", "\u201d", '"', "'", "\u2019")
MAX_LABEL_WORDS = 4  # "Kind Hearts Daily", "truebuzz.example Stars": labels, not prose
COOKIE_BUTTON_REACH = 2
MIN_CAPS_LINK_WORDS = 4
MIN_LINK_CHARS = 10  # ``dom.link_texts`` keeps links of at least this many characters
LINK_SHARE = 0.6  # a related line's text after its label is mostly one link's text
MIN_SPEAKER_ANSWERS = 2  # a "Lee:" that opens this many answers names a speaker
MIN_ANSWER_WORDS = 3
LONG_ANSWER_WORDS = 25
_TWEET = ("Tweet", "tweet", "TWEET")  # a line that may end with a "Click To Tweet" button
_TERMINAL_KINDS = (LineKind.COMMENT_FORM, LineKind.SCROLL_MARKER)  # see ``markers.is_terminal``
_NON_WORD = re.compile(r"\W+")  # compiled once: ``re.sub`` looks its cache up per call


@dataclass(frozen=True, slots=True)
class CleanedText:
    """Text with furniture removed, and which kinds of furniture were found."""

    text: str
    removed: tuple[str, ...]


def _comparable(text: str) -> str:
    return _NON_WORD.sub(" ", markers.plain(text) or text).strip().casefold()


class _Lines:
    """The lines of a text, which of them are dropped, and the kinds found."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        # Every line reads as it is (no lookalikes to fold): then ``markers.plain`` and
        # ``markers.head`` are the line itself, and a pattern can be searched in the
        # whole text at once to learn whether any line can match it.
        self.reads_as_is = markers.reads_as_is(text)
        # Lower-cased line starts (``markers.lowered_starts``) while no line is edited;
        # in other text, of the lines that read as they are (``_others``: the rest, whose
        # start is "" here and which take the line-by-line route).
        self._others: frozenset[int] = frozenset()
        self._short_views: list[str] | None = None  # see ``_views``
        self._head_views: list[str] | None = None
        if self.reads_as_is:
            self._starts = markers.lowered_starts(self.lines)
            self.kinds = markers.classify_starts(self.lines, self._starts)
        else:
            self._others = frozenset(
                i for i, line in enumerate(self.lines) if not markers.reads_as_is(line)
            )
            as_is = self.lines.copy()
            for i in self._others:
                as_is[i] = ""
            self._starts = markers.lowered_starts(as_is)
            self.kinds = markers.classify_starts(as_is, self._starts)
            for i in self._others:
                self.kinds[i] = markers.classify(self.lines[i])
        self.kinds_found = frozenset(self.kinds)  # None among them for a story line
        self.dropped = [False] * len(self.lines)
        self.any_dropped = False
        self.found: set[str] = set()
        self.protected = -1  # index of the title line, never dropped
        self.edited = False  # a line was changed in place (not only dropped)
        # See ``may_match``; keyed by ``id``: a pattern's hash is made from its whole
        # compiled code on every look-up (~8 µs for ``RAIL_HEADING``), and the patterns
        # are module constants.
        self._may: dict[int, bool] = {}
        self._indexed = False

    @property
    def furniture(self) -> bool:
        """Whether any line was classified as furniture."""
        return len(self.kinds_found - {None}) > 0

    def may_match(
        self, pattern: re.Pattern[str], lower: re.Pattern[str] | None = None, *, short: bool
    ) -> bool:
        r"""Whether ``pattern`` matches the view of some line (lines are searched once).

        The view is ``markers.plain`` (``short``) or ``markers.head``; on text that reads
        as it is, a line is its own view, and ``lower``, the pattern's case-sensitive form
        (``markers.lowered``), is tried on all views lower-cased at once: on the lines'
        lowered starts, made once for ``markers.classify_starts``, until a line is edited.
        Those are the short views, and the head views but for the white space around a
        short line, so a ``lower`` tried on head views must match a view with white space
        around it exactly where it matches the view (it starts with ``\s*`` and matches no
        white space at its end: ``INLINE_TEASER_LOWER``). Lines that do not read as they
        are (``_others``) are tried line by line.
        """
        found = self._may.get(id(pattern))
        if found is None:
            if lower is not None and not self.edited:
                views = self._views(self._starts, short=short)
                found = (
                    any(map(lower.match, views))
                    or (
                        len(views) < len(self.lines) - len(self._others)
                        and lower.match("") is not None
                    )
                    or any(
                        pattern.match(markers.plain(line) if short else markers.head(line))
                        for line in map(self.lines.__getitem__, self._others)
                    )
                )
            elif self.reads_as_is:
                longest = MAX_FURNITURE_CHARS if short else markers.MAX_HEAD_LINE
                views = [
                    ("" if len(line) > longest else line if short else line.strip()[:HEAD_CHARS])
                    for line in self.lines
                ]
                if lower is None:
                    found = any(pattern.match(view) for view in views if view)
                else:
                    found = any(map(lower.match, markers.lower_lines(views)))
            else:
                view = markers.plain if short else markers.head
                found = any(pattern.match(view(line)) for line in self.lines)
            self._may[id(pattern)] = found
        return found

    def _views(self, starts: list[str], *, short: bool) -> list[str]:
        """The lowered ``starts`` that are not empty, those of short lines only (``short``).

        A line in ``_others`` has "" for its start, and is tried apart.
        """
        views = self._short_views if short else self._head_views
        if views is None:
            if short:  # a longer line's start is its head, its short view is ""
                longest = MAX_FURNITURE_CHARS
                views = [
                    start
                    for start, line in zip(starts, self.lines, strict=True)
                    if start and len(line) <= longest
                ]
                self._short_views = views
            else:
                views = [start for start in starts if start]
                self._head_views = views
        return views

    def is_rail_heading(self, index: int) -> bool:
        """``RAIL_HEADING.match(markers.plain(line))``, tried on the lowered start if any."""
        if self._may.get(id(RAIL_HEADING)) is False:
            return False  # no line is one (``may_match``)
        line = self.lines[index]
        if not self.edited and index not in self._others:
            start = self._starts[index]  # the short view, lowered, when the line is short
            return len(line) <= MAX_FURNITURE_CHARS and bool(
                markers.RAIL_HEADING_LOWER.match(start)
            )
        return RAIL_HEADING.match(markers.plain(line)) is not None

    def may_be_inline_teaser(self, index: int) -> bool:
        """False when ``markers.INLINE_TEASER`` cannot match the line's head (``may_match``)."""
        if not self.edited and index not in self._others:
            return bool(markers.INLINE_TEASER_LOWER.match(self._starts[index]))
        return True

    def edit(self, index: int, line: str) -> None:
        """Change a line in place (``may_match`` searches the lines again)."""
        if line != self.lines[index]:
            self.lines[index] = line
            self.edited = True
            self._may.clear()

    def drop(self, index: int, kind: LineKind | str) -> None:
        if index != self.protected:
            self.dropped[index] = True
            self.any_dropped = True
            self.found.add(str(kind))

    def kept(self) -> list[int]:
        if not self.any_dropped:
            return list(range(len(self.lines)))
        return [i for i, gone in enumerate(self.dropped) if not gone]

    def chars_before(self, index: int) -> int:
        if not self._indexed:
            self.index()
        return self._offsets[index]

    def story_lines_before(self, index: int) -> int:
        """Story-sized lines between the title (or the start) and ``index``."""
        if not self._indexed:
            self.index()
        start = max(self.protected + 1, 0)
        return self._story_counts[index] - self._story_counts[min(start, index)]

    def index(self) -> None:
        """Prefix sums, so that guards cost O(1) per line (texts may have 100k lines)."""
        self._indexed = True
        self._offsets = [0, *accumulate(len(line) + 1 for line in self.lines)]
        is_story = (
            k is None and len(line.strip()) >= MAX_FURNITURE_CHARS
            for line, k in zip(self.lines, self.kinds, strict=True)
        )
        self._story_counts = [0, *accumulate(map(int, is_story))]


def _find_title(doc: _Lines, title: str | None) -> int:
    if not title:
        return -1
    wanted = _comparable(title)
    limit = max(TITLE_SEARCH_LINES, len(doc.lines) // 3)
    for i, line in enumerate(doc.lines):
        if line.strip() and _comparable(line) == wanted:
            return i
        # Past the first third, go on only through labels (a card rail's leftover dates
        # above the headline), never through prose.
        if i >= limit and doc.kinds[i] is None and not _is_label(line):
            break
    return -1


def _is_label(line: str) -> bool:
    """Breadcrumbs, dates, labels, site names, teasers: above a title, not prose.

    A dek or pull quote above the title is a sentence and stays.
    """
    from hoaxlens.extract import page_markers  # compiled on first need

    text = line.strip()
    if not text or markers.is_rail_noise(text) or page_markers.BREADCRUMB.search(text):
        return True
    if markers.is_headline(text) or markers.is_excerpt(text) or markers.is_card_part(text):
        return True  # a rail or trending bar printed above the story
    words = text.split()
    return len(words) <= MAX_LABEL_WORDS and not text.endswith((".", "!", "?", "\u201d", '"'))


def _drop_title_chrome(doc: _Lines) -> None:
    """Drop breadcrumbs/dates above the title and the byline/date/count lines below it."""
    title = doc.protected
    if title < 0:
        return
    from hoaxlens.extract import page_markers  # compiled on first need

    for i in range(title):
        if doc.kinds[i] is not None or _is_label(doc.lines[i]):
            doc.drop(i, doc.kinds[i] or LineKind.PAGE_CHROME)
    for i in range(title + 1, min(title + 1 + META_SEARCH_LINES, len(doc.lines))):
        line = doc.lines[i].strip()
        short = markers.plain(line)
        is_meta = bool(short) and (
            page_markers.BYLINE_LINE.match(short)
            or markers.DATE_LINE.match(short)
            or markers.COUNT_LINE.match(short)
            or markers.is_rail_noise(short)
        )
        if doc.kinds[i] is not None or is_meta:
            doc.drop(i, doc.kinds[i] or LineKind.PAGE_CHROME)
        else:
            break


def _drop_furniture_lines(doc: _Lines) -> None:
    if not doc.furniture:
        return  # lines are dropped only as furniture or next to a cookie or share line
    from hoaxlens.extract import page_markers  # compiled on first need

    cookie_rows = [i for i, k in enumerate(doc.kinds) if k is LineKind.COOKIE_BANNER]
    share_rows = {i for i, k in enumerate(doc.kinds) if k is LineKind.SHARE_BUTTONS}
    for i, kind in enumerate(doc.kinds):
        if kind is not None:
            doc.drop(i, kind)
            continue
        short = markers.plain(doc.lines[i])
        if not short:
            continue
        # a cookie row within reach, by bisection (asking each cookie row cost lines x rows)
        k = bisect_left(cookie_rows, i - COOKIE_BUTTON_REACH)
        near_cookie = k < len(cookie_rows) and cookie_rows[k] <= i + COOKIE_BUTTON_REACH
        if near_cookie and page_markers.COOKIE_BUTTON.match(short):
            doc.drop(i, LineKind.COOKIE_BANNER)
        elif {i - 1, i + 1} & share_rows and (
            markers.COUNT_LINE.match(short) or page_markers.NETWORK_LINE.match(short)
        ):
            doc.drop(i, LineKind.SHARE_BUTTONS)
            share_rows.add(i)


def _drop_page_boilerplate(doc: _Lines) -> None:
    """Drop news sites' in-column boilerplate (newsletter sign-ups, "Back to top", ...).

    An "About the author" heading in the second half of the text ends it: the author's
    box (name, biography, links) follows.
    """
    from hoaxlens.extract import page_markers  # compiled on first need

    may_be: list[bool] | None = None  # per line; None: every line may be boilerplate
    if doc.reads_as_is:
        may_be = page_markers.may_be_page_boilerplate(doc.lines)
        if not any(may_be):
            for i, line in enumerate(doc.lines):  # only "Click To Tweet" buttons to take off
                if line.endswith(_TWEET) and not doc.dropped[i] and i != doc.protected:
                    doc.edit(i, page_markers.CLICK_TO_TWEET.sub("", line))
            return
    total = len(doc.lines) and doc.chars_before(len(doc.lines))
    for i, line in enumerate(doc.lines):
        if doc.dropped[i] or i == doc.protected:
            continue
        if may_be is not None and not may_be[i]:
            if line.endswith(_TWEET):
                doc.edit(i, page_markers.CLICK_TO_TWEET.sub("", line))
            continue
        if page_markers.AUTHOR_BOX.match(line) and doc.chars_before(i) >= MIN_KEEP_FRACTION * total:
            for j in range(i, len(doc.lines)):
                doc.drop(j, LineKind.PAGE_CHROME)
            return
        if page_markers.is_page_boilerplate(line):
            doc.drop(i, LineKind.PAGE_CHROME)
        elif line.endswith(_TWEET):
            doc.edit(i, page_markers.CLICK_TO_TWEET.sub("", line))


class _LinkTexts:
    """A page's link texts grouped by length, to ask which of them a line holds.

    Asking every link of the page about every line cost lines x links (4,000 capitals
    lines under 4,000 menu links: 15 s). A link of length ``n`` is in a line when one of
    the line's ``n``-character windows is among the links of that length (a set look-up
    each), or, when that length has fewer links than the line has windows, when one of
    them is found by ``in`` as before: each length takes the cheaper way, and the answer
    is the same either way.
    """

    def __init__(self, texts: frozenset[str]) -> None:
        self.texts = texts
        groups: dict[int, set[str]] = {}
        for text in texts:
            groups.setdefault(len(text), set()).add(text)
        self._groups = groups
        self._lengths = sorted(groups)

    def any_in(self, line: str, shortest: int = 0) -> bool:
        """``any(len(t) >= shortest and t in line for t in self.texts)``."""
        size = len(line)
        lengths = self._lengths
        for length in lengths[bisect_left(lengths, shortest) : bisect_right(lengths, size)]:
            group = self._groups[length]
            windows = size - length + 1
            if windows * (length + _PER_LOOKUP) < len(group) * (size + _PER_LOOKUP):
                if not group.isdisjoint(line[p : p + length] for p in range(windows)):
                    return True
            elif any(text in line for text in group):
                return True
        return False


_PER_LOOKUP = 64  # a look-up's own cost, in characters read (only speed hangs on it)


def _link_texts(links: Callable[[], frozenset[str]]) -> Callable[[], _LinkTexts]:
    """``links``, read and grouped once, on first need."""
    made: list[_LinkTexts] = []

    def grouped() -> _LinkTexts:
        if not made:
            made.append(_LinkTexts(links()))
        return made[0]

    return grouped


def _is_link_text(text: str, links: _LinkTexts) -> bool:
    """Whether a page link's text makes up most of ``text`` (link density, line by line)."""
    rest = " ".join(text.split()).strip(" ()[]{}.:;,-\u2013\u2014\u00bb")
    if len(rest) < MIN_LINK_CHARS:
        return False
    if rest in links.texts:
        return True
    # ``len(t) >= LINK_SHARE * len(rest)`` for a whole ``len(t)``: at least the ceiling.
    return links.any_in(rest, math.ceil(LINK_SHARE * len(rest)))


def _drop_related_links(doc: _Lines, links: Callable[[], _LinkTexts]) -> None:
    """Drop "Read more: <link>", "[Related: <link>]" lines: a label and another page's link.

    Link density as trafilatura tests it on elements, here on the extracted lines that
    start with a related-article label (``page_markers.RELATED_LABEL``); the page's links are
    read only when such a line exists.
    """
    from hoaxlens.extract import page_markers  # compiled on first need

    labelled: list[tuple[int, str]] = []  # a line whose rest is a link, its name label
    answers: dict[str, int] = {}  # name label -> lines of running text it opens
    for i, line in enumerate(doc.lines):
        if doc.dropped[i] or i == doc.protected:
            continue
        if len(line) > page_markers.MAX_RELATED_LINE:
            # No related line, but maybe a speaker's long answer (``_speaker_answer``).
            if page_markers.NAME_LABEL.match(line) is not None:
                _count_answer(line, links(), answers)
            continue
        found = page_markers.RELATED_LABEL.match(line)
        if found is None:
            # A link set in capitals between paragraphs ("STAR'S SON SPEAKS OUT"): a
            # related-story or app promotion as news sites set them; prose is not.
            caps = line.isupper() and len(line.split()) >= MIN_CAPS_LINK_WORDS
            if caps and _is_link_text(line, links()):
                doc.drop(i, LineKind.TEASER_RAIL)
            continue
        texts = links()  # the label may be inside the link ("Also on rt.com <title>")
        if _is_link_text(line[found.end() :], texts) or _is_link_text(line, texts):
            name = page_markers.NAME_LABEL.match(line)
            labelled.append((i, _label_key(name) if name is not None else ""))
        elif page_markers.NAME_LABEL.match(line) is not None:
            _count_answer(line, texts, answers)
    # A label that is also a name ("Lee:", "MIRA:") and opens several lines of running text
    # with no link on this page is a transcript's speaker, not a "see also": its lines
    # stay, the one whose answer is a link too. Other labels ("Related:", "Read more:") are
    # no names: pages set them before prose and before links alike, and the links still go.
    for i, label in labelled:
        if answers.get(label, 0) < MIN_SPEAKER_ANSWERS:
            doc.drop(i, LineKind.TEASER_RAIL)


def _count_answer(line: str, links: _LinkTexts, answers: dict[str, int]) -> None:
    """Count a line opened by a name label as its speaker's answer if it is one.

    An answer is running text: ``MIN_ANSWER_WORDS`` words or more that end as a sentence
    ends, or past ``LONG_ANSWER_WORDS`` (no headline is that long) however they end; and it
    holds none of the page's link texts (``dom.link_texts``: those of 10 characters or
    more). "Lee: <a>Claves</a> del juicio contra el antiguo concejal, en directo" is a
    related-story line partly linked, no answer; lines of any length count.
    """
    from hoaxlens.extract import page_markers  # compiled on first need

    name = page_markers.NAME_LABEL.match(line)
    if name is None:
        return
    rest = line[name.end() :].strip()
    words = len(rest.split())
    if words < MIN_ANSWER_WORDS or (words < LONG_ANSWER_WORDS and not rest.endswith(_SENTENCE_END)):
        return
    if links.any_in(rest):
        return
    key = _label_key(name)
    answers[key] = answers.get(key, 0) + 1


def _label_key(name: re.Match[str]) -> str:
    """A name label without case, spacing and leading marks ("— LEE :" -> "lee:")."""
    return name.group(1).casefold() + name.group(2)


def _drop_inline_teasers(doc: _Lines) -> None:
    """Drop "READ ALSO: Another Star Stuns Fans" lines put in the middle of a story."""
    if not doc.may_match(markers.INLINE_TEASER, markers.INLINE_TEASER_LOWER, short=False):
        return
    for i, line in enumerate(doc.lines):
        if not doc.may_be_inline_teaser(i):
            continue
        start = markers.head(line)
        found = markers.INLINE_TEASER.match(start) if start else None
        if found:
            rest = start[found.end() - 1 :]
            if markers.is_headline(rest) or markers.is_excerpt(line):
                doc.drop(i, LineKind.TEASER_RAIL)


def _drop_headed_rails(doc: _Lines) -> None:
    """A rail heading followed by at least two strict teasers, anywhere in the text."""
    if not doc.may_match(RAIL_HEADING, markers.RAIL_HEADING_LOWER, short=True):
        return
    i = 0
    while i < len(doc.lines):
        if doc.dropped[i] or i == doc.protected or not doc.is_rail_heading(i):
            i += 1
            continue
        teasers, end = 0, i + 1
        while end < len(doc.lines):
            row = doc.lines[end]
            if doc.dropped[end] or markers.is_rail_noise(row):
                end += 1
            elif markers.is_headline(row) or markers.is_excerpt(row):
                teasers, end = teasers + 1, end + 1
            else:
                break
        if teasers >= MIN_RAIL_LINES:
            for j in range(i, end):
                doc.drop(j, LineKind.TEASER_RAIL)
        # A rail heading inside the run would scan the same lines to the same end and find
        # no more teasers, so the next heading to read starts after it (each heading
        # reading on to the run's end cost headings x run: 8,000 "Related Posts" lines, 67 s).
        i = end


def _is_teaser(line: str) -> bool:
    """A teaser excerpt is cut off with an ellipsis; a headline is short and unpunctuated.

    A sentence that ends like one ("… with all six children.") is story text, whatever
    heading stands above it.
    """
    stripped = line.strip()
    if stripped.endswith(("\u2026", "...")):
        return True
    return 3 <= len(stripped.split()) <= 30 and not stripped.endswith(_SENTENCE_END)


def _drop_trailing_rail(doc: _Lines) -> None:
    """A rail heading in the second half followed by teaser-like lines only (lenient)."""
    if not doc.may_match(RAIL_HEADING, markers.RAIL_HEADING_LOWER, short=True):
        return
    kept = doc.kept()
    total = sum(len(doc.lines[i]) + 1 for i in kept)
    seen = 0
    after: list[tuple[int, int]] = []  # ``_rest_counts`` from the first rail heading on
    start = 0
    for pos, i in enumerate(kept):
        if seen >= MIN_KEEP_FRACTION * total and doc.is_rail_heading(i):
            if not after:
                start, after = pos, _rest_counts(doc.lines, kept[pos:])
            rest, teasers = after[pos + 1 - start]
            if rest >= MIN_RAIL_LINES and teasers >= 0.6 * rest:
                for j in kept[pos:]:
                    doc.drop(j, LineKind.TEASER_RAIL)
                return
        seen += len(doc.lines[i]) + 1


def _rest_counts(lines: list[str], kept: list[int]) -> list[tuple[int, int]]:
    """The non-blank lines of ``kept`` from each position on, and how many are teasers.

    Entry ``k`` counts ``kept[k:]`` (the last entry, past the end, is ``(0, 0)``). Counted
    once, from the end, for every rail heading after which they are asked (each heading
    counting the rest of the page itself cost rail headings x lines: 8,000 "Related
    Posts" lines took 17 s).
    """
    counts = [(0, 0)]
    rest = teasers = 0
    for i in reversed(kept):
        line = lines[i]
        if line.strip():
            rest += 1
            teasers += _is_teaser(line)
        counts.append((rest, teasers))
    counts.reverse()
    return counts


def _card_part_follows(doc: _Lines, index: int) -> bool:
    """Whether a date or "Read more" (possibly already dropped) sits under this line."""
    return index + 1 < len(doc.lines) and markers.is_card_part(doc.lines[index + 1])


def _trailing_run(doc: _Lines) -> tuple[list[int], int, int, int]:
    """The run of teaser-like lines closing the text: (indices, headlines, excerpts, parts).

    A rail heading inside the run counts as a card part.
    """
    run: list[int] = []
    headlines = excerpts = parts = 0
    for i in reversed(doc.kept()):
        line = doc.lines[i]
        if i == doc.protected:
            break
        headline = markers.is_headline(line)
        if headline or markers.is_excerpt(line):
            headlines += headline
            excerpts += not headline
            parts += _card_part_follows(doc, i) and doc.dropped[i + 1]
        elif markers.is_card_part(line) or doc.is_rail_heading(i):
            parts += 1
        elif not markers.is_rail_noise(line):
            break
        run.append(i)
    return run, headlines, excerpts, parts


def _drop_trailing_teasers(
    doc: _Lines,
    links: Callable[[], frozenset[str]] | None,
    story_lines: frozenset[str] | None,
) -> None:
    """Teaser cards closing the text, with no rail heading above them.

    The run is a rail when it holds ``MIN_TRAILING_TEASERS`` teasers, or a headline with
    card parts (an excerpt, a date, "Read more", a rail heading), or two excerpts with a
    card part; on a page (``links`` given) also a rail heading over one card's excerpt, or
    one headline that is a link's text (the extractor may have dropped the other cards),
    or a short excerpt outside the story container (``story_lines``: its blocks' texts).
    A story may end on one cliffhanger cut off with "…", not like that.
    On a page (``links`` given), teasers link to their stories: a run with no rail heading
    in which no line is a link's text is the story's own list (tour dates, a cast list).
    """
    run, headlines, excerpts, parts = _trailing_run(doc)
    if not run:
        return
    short_excerpts = sum(
        markers.is_excerpt(doc.lines[i]) and len(doc.lines[i].strip()) <= MAX_CARD_EXCERPT
        for i in run
    )
    headed = any(doc.is_rail_heading(i) for i in run)
    is_rail = (
        headlines + excerpts >= MIN_TRAILING_TEASERS
        or (headlines >= 1 and short_excerpts + parts >= 1)
        or (excerpts >= MIN_RAIL_LINES and parts >= 1)
        or (headed and short_excerpts >= 1 and links is not None)
    )
    if (
        not is_rail
        and not (story_lines is not None and short_excerpts)
        and not (links is not None and headlines)
    ):
        return  # no test below can make the run a rail (all plain-text posts but a few)
    # The run may outweigh the story (a long rail under a short story): enough story
    # lines above it also make it safe.
    total = doc.chars_before(len(doc.lines))
    after_story = (
        doc.chars_before(run[-1]) >= MIN_KEEP_FRACTION * total
        or doc.story_lines_before(run[-1]) >= MIN_STORY_LINES_BEFORE_RAIL
    )
    if is_rail and after_story and links is not None and not headed:
        # Told by the lines' shape alone; on a page, teasers link to their stories.
        texts = links()
        is_rail = any(doc.lines[i].strip() in texts for i in run)
    elif not is_rail and after_story:
        if story_lines is not None and short_excerpts:
            # A cliffhanger cut off with "…" ends a story only inside the story's container.
            is_rail = not any(" ".join(doc.lines[i].split()) in story_lines for i in run)
        if not is_rail and links is not None and headlines:
            # One headline left of a rail whose other cards the extractor dropped.
            texts = links()
            is_rail = any(
                markers.is_headline(doc.lines[i]) and doc.lines[i].strip() in texts for i in run
            )
    if is_rail and after_story:
        for i in run:
            doc.drop(i, LineKind.TEASER_RAIL)


def _drop_orphan_headings(doc: _Lines) -> None:
    """Rail headings left at the end once their teasers are gone ("You May Like")."""
    if not doc.may_match(RAIL_HEADING, markers.RAIL_HEADING_LOWER, short=True):
        return  # no line is a rail heading, so none is dropped
    for i in reversed(doc.kept()):
        line = doc.lines[i]
        if doc.is_rail_heading(i):
            doc.drop(i, LineKind.TEASER_RAIL)
        elif not markers.is_rail_noise(line) or i == doc.protected:
            return


def _drop_lone_rail_headings(doc: _Lines, links: Callable[[], _LinkTexts]) -> None:
    """On a page, a rail heading left alone inside the text ("Lesen Sie auch").

    Its teasers were pruned with their box, or were links the extract leaves out: the
    line under it is story text, not one of the page's links. A heading over a link
    ("Leggi anche" above another story's title) is the story's own "see also", kept as
    AEB's gold keeps it.
    """
    if not doc.may_match(RAIL_HEADING, markers.RAIL_HEADING_LOWER, short=True):
        return
    kept = doc.kept()
    for pos, i in enumerate(kept):
        if i == doc.protected or not doc.is_rail_heading(i):
            continue
        end = doc.lines[i].rstrip()
        if end.endswith(".") and not end.endswith(".."):
            continue  # written as a sentence ("Related." said in the story); "…" still counts
        after = kept[pos + 1] if pos + 1 < len(kept) else None
        if after is None or not _is_link_text(doc.lines[after], links()):
            doc.drop(i, LineKind.TEASER_RAIL)


MAX_DATE_LINES = 2  # more dates alone on their lines are the story's (a timeline, a diary)
ZONE_LONG_LINES = 1  # over or under the story: at most a standfirst (or a last paragraph)
DATE_ZONE_TAIL = 2  # a date under the story is one of the text's last lines
LONG_LINE_CHARS = 100


def _outside_story(doc: _Lines, lines: list[int]) -> set[int]:
    """Those of ``lines`` with at most ``ZONE_LONG_LINES`` long lines on one side."""
    zone: set[int] = set()
    long_lines = 0
    for i in lines:
        if long_lines > ZONE_LONG_LINES:
            break
        zone.add(i)
        long_lines += len(doc.lines[i]) >= LONG_LINE_CHARS
    return zone


def _drop_date_lines(doc: _Lines) -> None:
    """On a page, drop a date alone on its line (a post's or a card's date), if rare.

    Only over the story (at most ``ZONE_LONG_LINES`` long lines above the date) or under
    it (among the last ``DATE_ZONE_TAIL`` lines): a date in the middle of the story heads
    a diary's entry or a timeline's. Three or more such lines are the story's own (a
    timeline's entries): all stay. A label left without its value ("Von:", "Kontakt:",
    ``page_markers.EMPTY_LABEL``) is dropped over or under the story (at most
    ``ZONE_LONG_LINES`` long lines below it): in the middle, "Von:" opens a letter.
    """
    from hoaxlens.extract import page_markers  # compiled on first need

    kept = [i for i in doc.kept() if i != doc.protected]
    short = [i for i in kept if len(doc.lines[i]) <= page_markers.MAX_LONE_DATE]
    dates = [i for i in short if page_markers.LONE_DATE.match(doc.lines[i])]
    labels = [i for i in short if page_markers.EMPTY_LABEL.match(markers.plain(doc.lines[i]))]
    if not labels and not 0 < len(dates) <= MAX_DATE_LINES:
        return
    above = _outside_story(doc, kept)
    if len(dates) <= MAX_DATE_LINES:
        for i in dates:
            if i in above or i in kept[-DATE_ZONE_TAIL:]:
                doc.drop(i, LineKind.PAGE_CHROME)
    if labels:
        below = _outside_story(doc, kept[::-1])
        for i in labels:
            if i in above or i in below:
                doc.drop(i, LineKind.PAGE_CHROME)


def _second_story_start(doc: _Lines, headline: str, *, confirmed: bool) -> int | None:
    """Line where an appended story (found in the markup) starts, if the text agrees.

    Its headline's last occurrence counts (the same title may appear earlier as a teaser).
    Markup evidence that it is a separate post is enough; otherwise a comment form or an
    end-of-content marker must stand between the two stories.
    """
    wanted = _comparable(headline)
    hits = [i for i, line in enumerate(doc.lines) if _comparable(line) == wanted]
    if not hits or hits[-1] <= doc.protected or doc.story_lines_before(hits[-1]) < 1:
        return None
    start = hits[-1]
    if confirmed or any(
        markers.is_terminal(doc.lines[i], doc.kinds[i]) for i in range(doc.protected + 1, start)
    ):
        return start
    # A share bar between two stories is weaker evidence, so the headline must also look
    # like a full story title, not a subhead. A rail is no evidence: rails sit inside
    # stories too ("You may also like" between two paragraphs).
    between = range(doc.protected + 1, start)
    furniture = any(doc.kinds[i] is LineKind.SHARE_BUTTONS for i in between)
    long_title = len(headline.split()) >= MIN_STORY_TITLE_WORDS and markers.is_headline(headline)
    return start if furniture and long_title else None


def _cut_tail(doc: _Lines, cut_at: str | None, *, confirmed: bool = True) -> None:
    """End the text at an appended second story or a "nothing follows" marker."""
    second = _second_story_start(doc, cut_at, confirmed=confirmed) if cut_at else None
    if second is None and doc.kinds_found.isdisjoint(_TERMINAL_KINDS):
        return  # no line can end the text (``markers.is_terminal``)
    total = doc.chars_before(len(doc.lines))
    start: tuple[int, LineKind] | None = None
    if second is not None:
        start = (second, LineKind.SECOND_ARTICLE)
    for i, line in enumerate(doc.lines):
        if start is not None and i >= start[0]:
            break
        if (
            markers.is_terminal(line, doc.kinds[i])
            and doc.chars_before(i) >= MIN_TERMINAL_FRACTION * total
            and doc.story_lines_before(i) >= MIN_STORY_LINES_BEFORE_CUT
        ):
            start = (i, doc.kinds[i] or LineKind.SCROLL_MARKER)
            break
    if start is None:
        return
    first, kind = start
    if second is not None and second >= first:
        doc.found.add(LineKind.SECOND_ARTICLE)  # cut with the rest, after a comment form
    doc.drop(first, kind)
    for i in range(first + 1, len(doc.lines)):
        row_kind = doc.kinds[i]
        if row_kind is None and doc.is_rail_heading(i):
            row_kind = LineKind.TEASER_RAIL
        doc.drop(i, row_kind or LineKind.PAGE_CHROME)


def strip_farm_furniture(
    text: str,
    *,
    title: str | None = None,
    cut_at: str | None = None,
    cut_confirmed: bool = True,
    links: Callable[[], frozenset[str]] | None = None,
    story_lines: frozenset[str] | None = None,
) -> CleanedText:
    r"""Remove furniture lines, teaser rails and appended stories from extracted text.

    Args:
        text: extracted story text, one paragraph per line.
        title: the story's headline; its line is kept and the chrome around it dropped.
        cut_at: headline of a second story found after this one in the page (from the
            HTML structure); the text ends before its last occurrence.
        cut_confirmed: whether the markup proved ``cut_at`` starts another post; if not,
            the text is cut there only after a comment form or end-of-content marker.
        links: for text extracted from a page, a function returning the page's link
            texts (``dom.link_texts``), called only to confirm a trailing teaser run.
        story_lines: for text extracted from a page, the texts of the story container's
            blocks (white space collapsed): a trailing excerpt among them is the story's.

    Returns:
        The story with the furniture lines removed, and the kinds removed (page chrome
        such as footers and post meta is removed but not reported).

    >>> body = "A long story line that matters a lot.\nThe end of it.\nNews\nStar shocks fans…\n"
    >>> strip_farm_furniture(body + "Another star stuns…\nEnd of content").text
    'A long story line that matters a lot.\nThe end of it.'
    """
    doc = _Lines(text)
    doc.protected = _find_title(doc, title)
    _cut_tail(doc, cut_at, confirmed=cut_confirmed)
    _drop_title_chrome(doc)
    _drop_furniture_lines(doc)
    grouped = _link_texts(links) if links is not None else None
    if grouped is not None:  # text extracted from a page
        _drop_page_boilerplate(doc)
        _drop_related_links(doc, grouped)
    _drop_inline_teasers(doc)
    _drop_headed_rails(doc)
    _drop_trailing_rail(doc)
    _drop_trailing_teasers(doc, links, story_lines)
    _drop_orphan_headings(doc)
    if grouped is not None:
        _drop_lone_rail_headings(doc, grouped)
        _drop_date_lines(doc)
    if not doc.any_dropped and not doc.edited:
        return CleanedText(text, ())
    kept = "\n".join(doc.lines[i] for i in doc.kept()).strip("\n")
    return CleanedText(kept, tuple(k for k in markers.REPORTED if k in doc.found))
