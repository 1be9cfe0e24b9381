"""Where an offset of a page sits: in a comment, in a script, in a tag's attributes, in text.

Computed once per page in one left-to-right pass (``str.find``), then each identifier's
offset is placed by binary search, so locating every identifier stays linear overall.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from hoaxlens.networks.patterns import SCRIPT_CLOSE, SCRIPT_OPEN, TAG_NAME

_TAG_LOOKBACK = 2_000  # attributes longer than this are not read as one tag


@dataclass(frozen=True, slots=True)
class Place:
    """The element an offset sits in and what kind of markup it is."""

    tag: str  # "script", "meta", "!--", "#text", …
    context: str  # "attribute" | "script" | "comment" | "text"


def _spans(html: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """HTML comments and script bodies as sorted ``[start, end)`` ranges."""
    comments: list[tuple[int, int]] = []
    at = html.find("<!--")
    while at != -1:
        end = html.find("-->", at + 4)
        end = len(html) if end == -1 else end + 3
        comments.append((at, end))
        at = html.find("<!--", end)
    scripts: list[tuple[int, int]] = []
    pos = 0
    while (opened := SCRIPT_OPEN.search(html, pos)) is not None:
        body = html.find(">", opened.end())
        if body == -1:
            break
        closed = SCRIPT_CLOSE.search(html, body)
        end = len(html) if closed is None else closed.start()
        scripts.append((body + 1, end))
        pos = end if closed is None else closed.end()
        if closed is None:
            break
    return comments, scripts


def _inside(spans: list[tuple[int, int]], starts: list[int], offset: int) -> bool:
    i = bisect_right(starts, offset) - 1
    return i >= 0 and spans[i][0] <= offset < spans[i][1]


class PageLayout:
    """Comments and script bodies of one page, to place offsets in.

    >>> layout = PageLayout('<!-- UA-1 --><script>x</script><meta content="y">z')
    >>> [layout.place(i) for i in (5, 21, 45, 49)]  # doctest: +NORMALIZE_WHITESPACE
    [Place(tag='!--', context='comment'), Place(tag='script', context='script'),
     Place(tag='meta', context='attribute'), Place(tag='#text', context='text')]
    """

    def __init__(self, html: str) -> None:
        self.html = html
        self.comments, self.scripts = _spans(html)
        self._comment_starts = [s for s, _ in self.comments]
        self._script_starts = [s for s, _ in self.scripts]

    def place(self, offset: int) -> Place:
        """Where ``offset`` sits."""
        if _inside(self.comments, self._comment_starts, offset):
            return Place("!--", "comment")
        if _inside(self.scripts, self._script_starts, offset):
            return Place("script", "script")
        low = max(0, offset - _TAG_LOOKBACK)
        lt = self.html.rfind("<", low, offset)
        if lt != -1 and self.html.rfind(">", lt, offset) == -1:
            name = TAG_NAME.match(self.html, lt + 1)
            if name is not None:
                return Place(name.group().lower(), "attribute")
        return Place("#text", "text")

    def tag_text(self, offset: int) -> str:
        """The text of the tag around ``offset`` (up to 2,000 characters each side)."""
        low = max(0, offset - _TAG_LOOKBACK)
        lt = self.html.rfind("<", low, offset)
        start = offset if lt == -1 else lt
        gt = self.html.find(">", offset, offset + _TAG_LOOKBACK)
        end = min(len(self.html), offset + _TAG_LOOKBACK) if gt == -1 else gt + 1
        return self.html[start:end]
