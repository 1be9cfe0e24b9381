"""Telling HTML from plain text when the file name (or stdin) does not say.

A page saved as ``.txt`` or piped on stdin is still markup: read as text, its title would be
``<!DOCTYPE html>`` and the tags would be scored. The test is deliberately narrow: the first
thing in the input (after a byte-order mark, white space, an XML declaration or comments)
must be a doctype or one of the tags a page or a fragment of one starts with, so a post that
merely mentions ``<b>`` further down stays text.
"""

from __future__ import annotations

import re

_SNIFF_BYTES = 4096
# Possessive runs: the comment and declaration skips cannot backtrack into each other.
_HTML_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*+(?:<\?xml[^>]*+>\s*+)?(?:<!--(?:[^-]|-(?!->))*+-->\s*+)*+"
    rb"<(?:!doctype\s+html|html|head|body|meta|title|article|main|section|div|p|h[1-6])[\s>/]",
    re.IGNORECASE,
)


def looks_like_html(data: bytes) -> bool:
    """Whether ``data`` starts the way an HTML page or fragment does.

    >>> looks_like_html(b"<!DOCTYPE html><html><body><p>Hi</p></body></html>")
    True
    >>> looks_like_html(b"  <p>A paragraph</p>"), looks_like_html(b"Use <b> for bold")
    (True, False)
    """
    return _HTML_START.match(data[:_SNIFF_BYTES]) is not None
