"""Parse a page with resiliparse and read it cheaply.

resiliparse materialises a Python object for every node the code touches (1-4 µs each,
through a weak-reference cache), so the extractor reads the tree through CSS selectors
(``select``) and the raw markup (``link_hrefs``), never by walking it node by node.
"""

from __future__ import annotations

import html as html_lib
import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias

from hoaxlens.errors import ExtractError

if TYPE_CHECKING:
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


# Links read from the markup with one C-speed regular expression instead of through the
# tree: materialising each <a> as a Python object costs ~4 µs, and a farm page's menus
# and rails hold hundreds of links.
_A_HREF = re.compile(r"""<a\b[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_A_TEXT = re.compile(r"<a\b[^>]*>(.*?)</a\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def link_hrefs(markup: str) -> list[str]:
    """The ``href`` of every ``<a>`` in an HTML string, in order, entities decoded.

    >>> link_hrefs('<a class=x href="/a?b=1&amp;c=2">x</a> <A HREF=/d>')
    ['/a?b=1&c=2', '/d']
    """
    return [html_lib.unescape(a or b or c).strip() for a, b, c in _A_HREF.findall(markup)]


def link_texts(markup: str, *, min_chars: int = 10) -> frozenset[str]:
    """Texts of the links in an HTML string, tags dropped, white space collapsed.

    >>> sorted(link_texts('<a href="/x">Star   <b>Stuns</b> Fans</a><a>ok</a>'))
    ['Star Stuns Fans']
    """
    texts = (squash(html_lib.unescape(_TAG.sub("", t))) for t in _A_TEXT.findall(markup))
    return frozenset(t for t in texts if len(t) >= min_chars)
