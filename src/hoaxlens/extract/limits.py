"""Refuse pathological HTML before it can hang or crash the extractor.

resiliparse's main-content pass is quadratic in nesting depth (100,000 nested ``<div>``
take over two minutes) and lxml-based tools hit ``RecursionError`` on deep trees, so a
page is measured first and refused with a typed ``ExtractError`` (which the Analyzer
turns into a ``Failure`` row) when it is too large, has too many tags or nests too deep.

Depth is counted from the markup (open tags minus close tags, void and auto-closing
elements ignored) only where that count is sure to be an upper bound: markup without
quotes, comments, raw-text, table, form or foreign (SVG, MathML) elements, whose end tags
each close the block element opened last. Any other page (every real one) may nest deeper than
its count (a stray ``</i>`` or a ``</span>`` that the parser ignores would hide a level per
repeat), so its depth is measured on the parsed tree: one CSS selector, in C, about
0.3 ms a page.
"""

from __future__ import annotations

import re
from functools import lru_cache
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
# when a sibling opens (p, li, td, ...). (SVG shapes and ``rt``/``rb``/``rp`` nest unless
# self-closed inside an ``<svg>`` or closed by their ``<ruby>``: they count as elements.)
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


# Markup whose tags the count above does not see as the parser does: the page's depth is
# measured on its tree instead. Quotes (an attribute value can hold "<" and ">"), comments,
# doctypes and bogus comments ("<!", "<?", "</" not followed by a letter); a tag name that
# goes on past the letters, digits and "-" the pattern takes ("<x_a>", "<é>"), or a "<"
# inside a tag; and elements whose content is text, that take end tags out of scope
# (tables, applets, objects, templates), that ignore end tags (select, frameset), that
# change the parsing rules (SVG, MathML), or that close a sibling but nest in one another
# (``<dt><li>`` over and over nests, though neither is counted).
_ODD_MARKUP = re.compile(
    r"<[!?]|</(?![a-zA-Z])|</?[a-zA-Z][a-zA-Z0-9-]*+(?![\t\n\f\r />])|<[a-zA-Z/][^<>]*+<"
)
_UNCOUNTED = frozenset(
    [
        "script",
        "style",
        "textarea",
        "title",
        "xmp",
        "iframe",
        "noembed",
        "noframes",
        "noscript",
        "plaintext",
        "template",
        "select",
        "table",
        "caption",
        "td",
        "th",
        "applet",
        "object",
        "marquee",
        "form",
        "frameset",
        "frame",
        "svg",
        "math",
        "li",
        "dt",
        "dd",
        "option",
        "optgroup",
    ]
)

# Elements whose end tag, when the element is open in scope, pops it and all above it (the
# "special" ones of the HTML standard, void and auto-closing ones aside), and the two
# whose end tag leaves the parser's stack as it is.
_CLOSING = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "button",
        "center",
        "details",
        "dir",
        "div",
        "dl",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "header",
        "hgroup",
        "listing",
        "main",
        "menu",
        "nav",
        "ol",
        "pre",
        "search",
        "section",
        "summary",
        "ul",
    ]
)
_STAYING = frozenset(["body", "html"])


def _estimate(tags: list[str]) -> int:
    """The most levels the tags open (open minus close tags, void ones aside).

    >>> _estimate(_TAG.findall("<div><div><p>x<br></p></div></div><img>"))
    2
    """
    try:
        return max(accumulate(map(_STEPS.__getitem__, tags)), default=0)
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
        Whether the page may nest deeper than ``MAX_DEPTH``: its tags cannot be counted as
        the parser reads them (``_counted_depth``: every real page) or counted too deep,
        and only the parsed tree can tell (see ``check_tree_depth``).

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
    # Markup whose depth cannot be counted (every real page, see ``_counted_depth``) goes to
    # the tree; its tags are counted only when its "<" are too many (counting its "<" costs
    # ~0.07 ms, finding its tags ~0.3 ms, on an AEB page).
    if _uncountable_markup(html) and html.count("<") <= MAX_TAGS:
        return True
    tags = _TAG.findall(html)
    n_tags = len(tags)
    if n_tags > MAX_TAGS:
        depth = _estimate(tags)
        if depth > MAX_DEPTH:
            raise ExtractError(
                f"HTML nests about {depth:,} elements deep (limit {MAX_DEPTH})",
                error_type="too_deep",
            )
        raise ExtractError(
            f"HTML page has {n_tags:,} tags (limit {MAX_TAGS:,})", error_type="too_complex"
        )
    counted = _counted_depth(html, tags)
    return counted is None or counted > MAX_DEPTH


def _uncountable_markup(html: str) -> bool:
    """Whether the page holds quotes or comments (nearly every page: found in C, at once)."""
    return '"' in html or "'" in html or "<!" in html or "<?" in html


def _counted_depth(html: str, tags: list[str]) -> int | None:
    """The page's depth counted from its tags, or None where only its tree can tell.

    None for quotes, comments and the like (``_ODD_MARKUP``), for ``_UNCOUNTED`` elements,
    and for an end tag that does not close the element opened last (void and auto-closing
    elements aside) or that closes any but a ``_CLOSING`` element: the parser may ignore
    it and leave that element open (``<span><div></span></div>`` leaves the span), or
    reopen the formatting elements it closed (``<div><b></div>``) further down. ``</body>``
    and ``</html>`` close nothing (nor does the parser pop anything at them).
    """
    if _uncountable_markup(html):
        return None
    if not _UNCOUNTED.isdisjoint(tag.lstrip("/").lower() for tag in set(tags)):
        return None
    if _ODD_MARKUP.search(html):
        return None
    opened: list[str] = []
    depth = 0
    try:
        for tag in tags:
            step = _STEPS[tag]
            if step > 0:
                opened.append(tag.lower())
                depth = max(depth, len(opened))
            elif step < 0:
                name = tag[1:].lower()
                if name in _STAYING:
                    continue
                if name not in _CLOSING or not opened or opened.pop() != name:
                    return None
    finally:
        if len(_STEPS) > MAX_KNOWN_TAG_NAMES:  # see ``estimate_depth``
            _STEPS.clear()
    return depth


def check_tree_depth(root: Element) -> None:
    """Confirm on the parsed tree that no element nests deeper than ``MAX_DEPTH`` below ``root``.

    One CSS selector, a chain of ``MAX_DEPTH`` + 1 child steps below ``root``'s own
    ancestors, finds the first element past the limit, in C: about 0.3 ms on a real page
    (visiting each element from Python cost ten times that), a millisecond on a
    100,000-deep tree.

    Raises:
        ExtractError: ``too_deep`` when the limit is passed.
    """
    from resiliparse.parse.html import NodeType

    above = 0  # the chain may run through them: ``<html>`` above a ``<body>``
    node = root.parent
    while node is not None and node.type == NodeType.ELEMENT:
        above += 1
        node = node.parent
    if root.query_selector(_chain(above + MAX_DEPTH + 2)) is not None:
        raise ExtractError(f"HTML nests deeper than {MAX_DEPTH} elements", error_type="too_deep")


@lru_cache(maxsize=4)
def _chain(elements: int) -> str:
    """A selector for an element with at least ``elements`` - 1 element ancestors."""
    return " > ".join(["*"] * elements)
