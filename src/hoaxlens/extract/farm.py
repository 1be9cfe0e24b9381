"""Remove content-farm page furniture from extracted text: teaser rails and scroll markers.

Farm pages end with a "News"/"Related" rail of more fabricated teasers and infinite-scroll
status lines. Left in, a rail of fakes makes a genuine page look fake and the other way
round, so they are cut before any signal runs. The cut is guarded: it never removes the
first half of the text, and a rail must consist of several teaser-like lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hoaxlens.normalize import normalize_text

SCROLL_MARKER = re.compile(
    r"^\s*(end of content|no more pages to load|load more( stories| posts)?|loading\.{0,3}|"
    r"show more|no more posts|you have reached the end|scroll (down )?for more|"
    r"continue reading|read more|advertisement|sponsored( content)?)\s*[.!…]*\s*$",
    re.IGNORECASE,
)
RAIL_HEADING = re.compile(
    r"^\s*(news|related( news| posts| stories| articles)?|you may also like|you might also like|"
    r"more (news|stories)|recommended( for you)?|trending( now| stories)?|latest( news| posts)?|"
    r"popular( posts| stories)?|read (also|next)|don'?t miss|more from [\w .]+)\s*:?\s*$",
    re.IGNORECASE,
)
MIN_RAIL_LINES = 2
MAX_FURNITURE_CHARS = 60  # markers and rail headings are short; longer lines are never tested
MIN_KEEP_FRACTION = 0.5


@dataclass(frozen=True, slots=True)
class CleanedText:
    """Text with furniture removed, and which kinds of furniture were found."""

    text: str
    removed: tuple[str, ...]


def _plain(line: str) -> str:
    """A short line as a reader sees it: markers may be obfuscated too ("Eпd of coпteпt").

    Long lines come back as "" (they cannot be furniture), so story paragraphs are not
    normalized here and again by the normalize stage.
    """
    if len(line) > MAX_FURNITURE_CHARS:
        return ""
    return line if line.isascii() else normalize_text(line).text


def _is_teaser(line: str) -> bool:
    """A teaser excerpt is cut off with an ellipsis, or is a headline-length line."""
    stripped = line.strip()
    return stripped.endswith(("…", "...")) or 3 <= len(stripped.split()) <= 30


def _rail_start(lines: list[str], total_chars: int) -> int | None:
    """Index of a rail heading in the second half of the text followed by teasers only."""
    seen = 0
    for i, line in enumerate(lines):
        if seen >= MIN_KEEP_FRACTION * total_chars and RAIL_HEADING.match(_plain(line)):
            rest = [x for x in lines[i + 1 :] if x.strip()]
            if len(rest) >= MIN_RAIL_LINES and sum(map(_is_teaser, rest)) >= 0.6 * len(rest):
                return i
        seen += len(line) + 1
    return None


def strip_farm_furniture(text: str) -> CleanedText:
    r"""Remove scroll markers and a trailing teaser rail from extracted text.

    Args:
        text: extracted story text, one paragraph per line.

    Returns:
        The story with the furniture lines removed, and the kinds removed.

    >>> body = "A long story line that matters a lot.\nThe end of it.\nNews\nStar shocks fans…\n"
    >>> strip_farm_furniture(body + "Another star stuns…\nEnd of content").text
    'A long story line that matters a lot.\nThe end of it.'
    """
    lines = text.splitlines()
    removed: list[str] = []
    kept = [line for line in lines if not SCROLL_MARKER.match(_plain(line))]
    if len(kept) != len(lines):
        removed.append("scroll-marker")
    start = _rail_start(kept, sum(len(x) + 1 for x in kept))
    if start is not None:
        kept = kept[:start]
        removed.append("teaser-rail")
    if not removed:
        return CleanedText(text, ())
    return CleanedText("\n".join(kept).strip("\n"), tuple(removed))
