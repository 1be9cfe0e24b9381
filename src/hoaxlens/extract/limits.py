"""Refuse pathological HTML before it can hang or crash the extractor.

resiliparse's main-content pass is quadratic in nesting depth (100,000 nested ``<div>``
take over two minutes) and lxml-based tools hit ``RecursionError`` on deep trees, so a
page is measured first and refused with a typed ``ExtractError`` (which the Analyzer
turns into a ``Failure`` row) when it is too large, has too many tags or nests too deep.

Depth is first *estimated* from the markup with one regular-expression pass (open tags
minus close tags, void and auto-closing elements ignored): C-speed, about 7 µs per KB.
Sloppy markup (unclosed ``<div>``) only over-estimates, so an estimate above the limit
is confirmed on the parsed tree before the page is refused.
"""

from __future__ import annotations

import re
from itertools import accumulate
from typing import TYPE_CHECKING

from hoaxlens.errors import ExtractError

if TYPE_CHECKING:
    from hoaxlens.extract.dom import Element

# Real article pages nest 20-60 deep and hold a few thousand tags; the limits sit far above
# that and far below where extraction time explodes (depth 2,048 already costs ~50 ms).
MAX_DEPTH = 512
MAX_TAGS = 120_000
MAX_HTML_CHARS = 20_000_000
# ``cap_attributes`` and ``check_markup`` count a page's "=" and "<" first, to skip their
# scans, only up to this size: a longer page nearly always has too many of both.
COUNTED_CHARS = 32_768
# lexbor (resiliparse) checks each new attribute against the element's others: 16,000
# attributes on one element take 1 s to parse, 128,000 take minutes (issue 15). Real
# elements hold a few dozen; the extra ones of a flooded element are dropped before parsing.
MAX_ATTRIBUTES = 256
# An attribute: a run of white space, a name, "=". Found by the blank just before the name
# (``_cap_element`` walks back to the run's start): a pattern that opens with a character
# class is skipped through in C, where one opening with a look-behind is tried at every
# position, about ten times slower on the 100-500 KB scripts that trip the check below.
_ATTRIBUTE_NAME = re.compile(r"\s[^\s=<>\"'/]+\s*=")

_TAG = re.compile(r"<(/?[a-zA-Z][a-zA-Z0-9-]*)")
# Elements that never hold nested content (void), or that the parser closes implicitly
# when a sibling opens (p, li, td, ...), or SVG shapes usually written self-closing.
_FLAT = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "keygen",
        "p",
        "li",
        "dt",
        "dd",
        "option",
        "optgroup",
        "tr",
        "td",
        "th",
        "tbody",
        "thead",
        "tfoot",
        "rb",
        "rt",
        "rp",
        "path",
        "circle",
        "rect",
        "use",
        "stop",
        "line",
        "polygon",
        "polyline",
        "ellipse",
    ]
)


_NOT_MARKS = bytes(b for b in range(256) if b not in b"<=")
_FLOODED = b"=" * (MAX_ATTRIBUTES + 1)


def cap_attributes(html: str) -> str:
    """Drop the attributes past the first ``MAX_ATTRIBUTES`` of every element.

    Elements are told apart by their "<" (an attribute value holding "<" or ">" is rare,
    and at worst leaves a few characters of a flooded tag as text). A short page
    (``COUNTED_CHARS``) with fewer "=" than the limit in all is returned at once; any other
    page without a run of more than the limit between two "<" is returned after one scan.

    >>> cap_attributes("<p a=1 b=2 c=3>x</p>") == "<p a=1 b=2 c=3>x</p>"
    True
    """
    if len(html) <= COUNTED_CHARS and html.count("=") <= MAX_ATTRIBUTES:
        return html  # (a long page has more "=": counting them first saves nothing)
    # Only the "<" and "=" of the page, in C: a run of more than MAX_ATTRIBUTES "=" is an
    # element with that many. (Splitting the page at each "<" to count them cost twice as
    # much, ~0.6 ms on an AEB page, and most pages have no such element.)
    marks = html.encode("utf-8", "surrogatepass").translate(None, _NOT_MARKS)
    if _FLOODED not in marks:
        return html
    # The marks between two "<" are the "=" of the page's text between them: the part of
    # ``html.split("<")`` with as many "<" before it as the run has. Only those parts are
    # looked at (counting the "=" of each of a page's thousands of parts cost ~1 ms).
    parts = html.split("<")
    index, start = 0, 0
    while (flooded := marks.find(_FLOODED, start)) >= 0:
        index += marks.count(b"<", start, flooded)
        parts[index] = _cap_element(parts[index])
        start = marks.find(b"<", flooded)  # the next part, past this run
        if start < 0:
            break
    return "<".join(parts)


def _cap_element(part: str) -> str:
    """One element's markup (after its "<") with ``MAX_ATTRIBUTES`` attributes at most.

    When the tag closes before any quote, its attributes are what lies before that ">";
    the rest (a script's or a paragraph's own "=") is text and is not scanned.
    """
    tag_end = part.find(">")
    if tag_end >= 0 and part.count("=", 0, tag_end) <= MAX_ATTRIBUTES:
        head = part[:tag_end]
        if '"' not in head and "'" not in head:
            return part
    cut = -1
    for count, found in enumerate(_ATTRIBUTE_NAME.finditer(part)):
        if count == MAX_ATTRIBUTES:
            cut = found.start()  # the first attribute past the limit
            break
    if cut < 0:
        return part
    while cut and part[cut - 1].isspace():  # ``\s`` is ``str.isspace``
        cut -= 1
    last_value = part.rfind("=")
    close = part.find(">", last_value)
    rest = "" if close < 0 else part[close:]
    return part[:cut] + (rest or ">")


class _DepthSteps(dict[str, int]):
    """Maps "div" → +1, "/div" → -1, flat elements → 0; filled lazily per tag name."""

    def __missing__(self, key: str) -> int:
        name = key.lstrip("/").lower()
        step = 0 if name in _FLAT else (-1 if key.startswith("/") else 1)
        self[key] = step
        return step


def estimate_depth(html: str) -> tuple[int, int]:
    """Return (estimated maximum nesting depth, number of tags) of an HTML string.

    >>> estimate_depth("<div><div><p>x<br></p></div></div><img>")
    (2, 8)
    """
    tags = _TAG.findall(html)
    try:
        return max(accumulate(map(_STEPS.__getitem__, tags)), default=0), len(tags)
    finally:
        if len(_STEPS) > MAX_KNOWN_TAG_NAMES:  # a page of made-up tag names: forget them
            _STEPS.clear()  # now, not at the next page (a worker would hold them till then)


# The steps of the tag names seen so far, kept from page to page (a page names ~60 tags,
# and filling them in anew cost ~0.1 ms a page); bounded against invented names.
_STEPS = _DepthSteps()
MAX_KNOWN_TAG_NAMES = 4096


def check_markup(html: str) -> bool:
    """Refuse a page that is too large, has too many tags, or nests too deep.

    Returns:
        Whether the page may nest deeper than ``MAX_DEPTH``: the estimate said so, and
        only the parsed tree can tell (see ``check_tree_depth``).

    Raises:
        ExtractError: ``too_complex`` for size or tag count; ``too_deep`` when a page with
            too many tags to parse is also estimated too deep (the more useful reason).

    >>> check_markup("<div>" * 600), check_markup("<p>" * 600)
    (True, False)
    """
    if len(html) > MAX_HTML_CHARS:
        raise ExtractError(
            f"HTML page has {len(html):,} characters (limit {MAX_HTML_CHARS:,})",
            error_type="too_complex",
        )
    # A page of at most MAX_DEPTH tags can nest no deeper, nor hold too many (MAX_TAGS is
    # far above MAX_DEPTH; a test checks it): the estimate is skipped for it. Only a short
    # page is counted first: a long one nearly always has more tags (174 of the 181 AEB
    # pages are long, 5 of them with fewer), and counting them cost ~0.07 ms a page for
    # nothing; for one that has fewer, the estimate gives the same answer (False) as the
    # count would.
    if len(html) <= COUNTED_CHARS and html.count("<") <= MAX_DEPTH:
        return False
    depth, n_tags = estimate_depth(html)
    if n_tags > MAX_TAGS and depth > MAX_DEPTH:
        raise ExtractError(
            f"HTML nests about {depth:,} elements deep (limit {MAX_DEPTH})", error_type="too_deep"
        )
    if n_tags > MAX_TAGS:
        raise ExtractError(
            f"HTML page has {n_tags:,} tags (limit {MAX_TAGS:,})", error_type="too_complex"
        )
    return depth > MAX_DEPTH


class _TooDeepError(Exception):
    """Stops the traversal at the first node below ``MAX_DEPTH``."""


def check_tree_depth(root: Element) -> None:
    """Confirm on the parsed tree that no element nests deeper than ``MAX_DEPTH``.

    The traversal runs in C and stops at the first node past the limit, so a 100,000-deep
    tree is refused in about a millisecond.

    Raises:
        ExtractError: ``too_deep`` when the limit is passed.
    """
    from resiliparse.parse.html import traverse_dom

    def visit(context: object) -> None:
        if getattr(context, "depth", 0) > MAX_DEPTH:
            raise _TooDeepError

    try:
        traverse_dom(root, visit, elements_only=True)
    except _TooDeepError:
        raise ExtractError(
            f"HTML nests deeper than {MAX_DEPTH} elements", error_type="too_deep"
        ) from None
