"""Parse a page with resiliparse and read it cheaply.

resiliparse materialises a Python object for every node the code touches (1-4 µs each,
through a weak-reference cache), so the extractor reads the tree through CSS selectors
(``select``) and the raw markup (``link_hrefs``), never by walking it node by node.
"""

from __future__ import annotations

import html as html_lib
import logging
import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias

from hoaxlens.errors import ExtractError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from resiliparse.parse.html import ElementNode

# resiliparse 2 ships type stubs; its element class is what every module handles.
Element: TypeAlias = "ElementNode"

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ParsedPage:
    """A parsed page: the tree, and its ``<head>`` and ``<body>`` (None when missing)."""

    tree: Any  # resiliparse HTMLTree, handed to its text extractor as is
    head: Element | None
    body: Element | None


def parse_page(html: str) -> ParsedPage:
    """Parse HTML with resiliparse (lexbor): fast, and tolerant of broken markup.

    Raises:
        ExtractError: when the parser rejects the input (``unparsable_html``).
    """
    from resiliparse.parse.html import HTMLParserException, HTMLTree

    try:
        tree = HTMLTree.parse(html)
    except (HTMLParserException, ValueError, TypeError) as exc:
        raise ExtractError(
            f"HTML could not be parsed: {exc}", error_type="unparsable_html"
        ) from exc
    return ParsedPage(tree=tree, head=tree.head, body=tree.body)


# ``Holders``: up to this many holders are asked in turn (``contains``, a walk in C, is
# cheaper than materialising a node's ancestors); more are looked up from the ancestors.
FEW_HOLDERS = 8


class Holders:
    """Which of some elements hold a node: ``[h for h in holders if h.contains(node)]``.

    Asking each holder for each of many nodes costs nodes x holders (10,000 rail items
    inside the story container and the container's blocks: 50 million ``contains``,
    8 s). Past ``FEW_HOLDERS`` a node's ancestors are looked up in a set instead (a node
    hashes and compares by the parser's node, however often it is materialised), and each
    ancestor's answer is kept: every element is read once, however many nodes are asked.
    The answers hold for the tree as it is: ask before deleting anything.
    """

    def __init__(self, holders: Iterable[Element]) -> None:
        self._holders = tuple(holders)
        self._few = len(self._holders) <= FEW_HOLDERS
        self._members = frozenset(self._holders)
        self._above: dict[Element, tuple[Element, ...]] = {}  # holders of an element

    def __bool__(self) -> bool:
        return bool(self._holders)

    def of(self, node: Element) -> tuple[Element, ...]:
        """The holders holding ``node`` (itself included), in no set order."""
        if self._few:
            return tuple(h for h in self._holders if h.contains(node))
        path: list[Element] = []
        above: tuple[Element, ...] = ()
        current: Element | None = node
        while current is not None:
            known = self._above.get(current)
            if known is not None:
                above = known
                break
            path.append(current)
            current = current.parent_element
        for element in reversed(path):
            if element in self._members:
                above = (element, *above)
            self._above[element] = above
        return above

    def hold(self, node: Element) -> bool:
        """Whether a holder holds ``node`` (or is it): ``any(h.contains(node) ...)``."""
        if self._few:
            return any(h.contains(node) for h in self._holders)
        return bool(self.of(node))


def select(root: Element, selectors: str) -> list[Element]:
    """All descendants of ``root`` matching a CSS selector, in document order."""
    return root.query_selector_all(selectors).values()


def squash(text: str) -> str:
    r"""Collapse runs of white space to one space and strip the ends.

    >>> squash("  One\n  two\tthree ")
    'One two three'
    """
    return " ".join(text.split())


def text_of(element: Element) -> str:
    """Visible-ish text of an element, white space collapsed."""
    return squash(element.text or "")


def attribute(element: Element, name: str) -> str:
    """An attribute's value with white space collapsed; "" when absent."""
    return squash(element.getattr(name) or "")


# Tags whose presence in the markup decides whether a pass runs at all: ``<br>`` runs
# (``anchor``), ``<ruby>`` (``prune.flatten_ruby``), ``<details>`` (``prune.keep_disclosures``),
# ``<blockquote>`` (``prune.keep_embedded_posts``), ``<template>`` (``streamed``). One scan
# finds them all, at about the cost of one of the scans it replaces (most pages have no
# blockquote nor template: their passes' own look at the page is then skipped too). Tag
# names are case-insensitive, and the parser makes such an element only of its ASCII name
# in any case; IGNORECASE also lets the "i" and "s" of "details" and the "k" of
# "blockquote" match a few other letters (dotless i, long s, Kelvin sign), which can only
# say yes where the pass then finds nothing to do.
_SOUGHT_TAGS = re.compile(r"<(/?br|ruby|details|blockquote|template)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class SoughtTags:
    """Which of the tags that gate a pass the page's markup holds (``sought_tags``)."""

    br: bool  # "<br" or "</br", in any case: the parser makes a <br> element of no other
    ruby: bool  # "<ruby", in any case
    details: bool  # "<details", in any case
    blockquote: bool  # "<blockquote", in any case
    template: bool  # "<template", in any case


def sought_tags(markup: str) -> SoughtTags:
    """Which gating tags (``SoughtTags``) the markup holds, in any case.

    >>> sought_tags("<p>a<BR>b</p><Details>")
    SoughtTags(br=True, ruby=False, details=True, blockquote=False, template=False)
    """
    starts = {found[:2].lower() for found in set(_SOUGHT_TAGS.findall(markup))}
    return SoughtTags(
        br="br" in starts or "/b" in starts,
        ruby="ru" in starts,
        details="de" in starts,
        blockquote="bl" in starts,
        template="te" in starts,
    )


# Links read from the markup with C-speed regular expressions instead of through the tree:
# materialising each <a> as a Python object costs ~4 µs, and a farm page's menus and rails
# hold hundreds of links. The loops below keep each scan linear on hostile markup: a
# pattern tried at every "<a" that scans to the end of the page (no ">", no "</a>", no
# "href") costs pages x links.
_A_START = re.compile(r"<a\b", re.IGNORECASE)
_HREF_VALUES = (r'"([^"]*+)"', r"'([^']*+)'", r"([^\s>]++)")
# ``\bhref`` in any case, spelled so that the search skips to an "h" or "H" in C: a pattern
# opening with ``\b`` under IGNORECASE is tried at every position (about twice as slow on
# AEB pages). The lookbehind is the ``\b`` (the character before the "h" is no word
# character); no character but these eight matches "href" under IGNORECASE.
_HREFS = {  # (double-quoted form possible, single-quoted form possible) -> pattern
    (double, single): re.compile(
        r"[hH](?<!\w[hH])[rR][eE][fF]\s*=\s*(?:"
        + "|".join(
            value if keep else "(?!)()"  # a form that never matches keeps the group numbers
            for value, keep in zip(_HREF_VALUES, (double, single, True), strict=True)
        )
        + ")"
    )
    for double in (True, False)
    for single in (True, False)
}
_A_OPEN = re.compile(r"<a\b[^>]*+>", re.IGNORECASE)
_A_CLOSE = re.compile(r"</a\s*+>", re.IGNORECASE)
# A named anchor: an ``<a>`` whose only attributes are ``name``/``id`` (or none). Any other
# ``<a>`` is a link, with or without ``href`` (``<a onclick>``, ``<a data-href>``: script links).
_NAMED_ANCHOR = re.compile(
    r"<a(?:\s++(?:name|id)\s*+=\s*+(?:\"[^\"]*+\"|'[^']*+'|[^\s\"'>]++))*+\s*+/?>", re.IGNORECASE
)
TAG = re.compile(r"<[^>]*+>")  # apply with ``strip_tags``: it bounds the scan


def strip_tags(markup: str, replacement: str = "") -> str:
    """``TAG.sub(replacement, markup)``: tags removed; a "<" never closed is left as it is.

    After the last ">" no tag can close, so the pattern is not tried there (trying it at
    each "<" of such a tail costs its length each time: quadratic).

    >>> strip_tags("<b>Star</b> <i>Stuns</i> a < b <<")
    'Star Stuns a < b <<'
    """
    if "<" not in markup:  # no tag (most link texts): nothing to scan
        return markup
    cut = markup.rfind(">") + 1
    return TAG.sub(replacement, markup[:cut]) + markup[cut:]


def link_hrefs(markup: str) -> list[str]:
    r"""The ``href`` of every ``<a>`` in an HTML string, in order, entities decoded.

    The first ``href`` inside each tag (before its ">"), as
    ``<a\b[^>]*?\bhref\s*=\s*(...)`` finds it, the scan resuming after the value.

    >>> link_hrefs('<a class=x href="/a?b=1&amp;c=2">x</a> <A HREF=/d>')
    ['/a?b=1&c=2', '/d']
    """
    found: list[str] = []
    pos = 0
    href: re.Match[str] | None = None
    quotes = (markup.rfind('"'), markup.rfind("'"))  # the last quote of each kind
    # Past the last ">" no tag closes: ``find`` stops there, not at the end of the page
    # (searching the whole tail again from each ``<a`` in it cost its length each time).
    last_close = markup.rfind(">") + 1
    while (start := _A_START.search(markup, pos)) is not None:
        tag_end = markup.find(">", start.end(), last_close)
        tag_end = len(markup) if tag_end < 0 else tag_end
        if href is None or href.start() < start.end():
            href = _next_href(markup, start.end(), quotes)
        if href is None:
            break
        if href.start() > tag_end:  # this <a> has no href; the next one may
            pos = start.end()
            continue
        found.append(html_lib.unescape(href[1] or href[2] or href[3] or "").strip())
        pos = href.end()
        href = None
    return found


def _next_href(markup: str, pos: int, quotes: tuple[int, int]) -> re.Match[str] | None:
    """``_HREF.search(markup, pos)``, without trying quoted values that cannot close.

    An unclosed quote makes ``"([^"]*)"`` scan to the end of the page at every ``href``
    after it. Past the last quote of a kind that form cannot match, so it is left out.
    """
    double, single = pos <= quotes[0], pos <= quotes[1]
    return _HREFS[double, single].search(markup, pos)


def link_texts(markup: str, *, min_chars: int = 10) -> frozenset[str]:
    r"""Texts of the links in an HTML string, tags dropped, white space collapsed.

    Each ``<a ...>`` takes the text up to the first ``</a>`` after it, as
    ``<a\b[^>]*>(.*?)</a\s*>`` does; closing tags are found in one pass. A named anchor,
    an ``<a>`` with no attribute but ``name`` or ``id`` (a section's heading set in one:
    ``<h3><a>THE EARLY TRADE</a></h3>``), is no link; a script's link without ``href``
    (``<a onclick="…">``, ``<a data-href="…">``) is one.

    >>> sorted(link_texts('<a href="/x">Star   <b>Stuns</b> Fans</a><a>Section heading</a>'))
    ['Star Stuns Fans']
    >>> sorted(link_texts('<a name="s2">Section heading</a><a onclick="go()">Star Stuns Fans</a>'))
    ['Star Stuns Fans']
    """
    closes = [(m.start(), m.end()) for m in _A_CLOSE.finditer(markup)]
    close_starts = [c for c, _ in closes]
    texts: list[str] = []
    pos = 0
    # An ``<a ...>`` ends at a ">": the search stops after the last one (tried at each ``<a``
    # of a tail without ">", ``[^>]*+`` would scan to the end each time, as in ``strip_tags``).
    cut = markup.rfind(">") + 1
    while (opened := _A_OPEN.search(markup, pos, cut)) is not None:
        i = bisect_left(close_starts, opened.end())
        if i == len(closes):
            break  # no </a> after this <a>, nor after any later one
        if _NAMED_ANCHOR.fullmatch(opened.group()) is None:  # a named anchor is no link
            texts.append(markup[opened.end() : closes[i][0]])
        pos = closes[i][1]
    cleaned = (squash(html_lib.unescape(strip_tags(t))) for t in texts)
    return frozenset(t for t in cleaned if len(t) >= min_chars)
