"""Decide whether the fast extract can be trusted, or the page needs the slow extractor.

The fast path (resiliparse's main-content heuristics on a pruned tree) is right on the
theme layouts it was tuned on and can be quietly wrong elsewhere. Each check compares its
output with what the page itself says the story is (see ``anchor``): a failed check names
the reason, and the caller falls back to trafilatura.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from hoaxlens.extract.anchor import StoryAnchor
    from hoaxlens.extract.dom import Element

MIN_COVERAGE = 0.85  # share of the story container's text the extract must hold
LOST_COVERAGE = 0.25  # below this share the main-content filter dropped the story itself
LOST_EXTRACT = 0.5  # ... if the extract is also under this share of the story's size
OTHER_EXTRACT = 1.0  # ... or under this share and mostly text from outside the container
MIN_INSIDE_SHARE = 0.5
MAX_LINK_SHARE = 0.5  # share of the extract that may be link text
MAX_DILUTION = 3.0  # extract may be at most this many times the story's size (+ slack)
DILUTION_SLACK = 600
MIN_PAGE_SHARE = 0.2  # extract must hold this share of the page's text blocks ...
SHORT_BODY_CHARS = 400  # ... when it is shorter than this
MAX_SUBSTRING_CHECKS = 200
MAX_LINK_LINE = 300  # a longer line is prose, not one link's text


def _compact(text: str) -> str:
    r"""Text without any white space: the DOM and the extractor break lines differently.

    ``str.split`` + ``join`` runs in C without the regex engine's per-match overhead:
    about 20 times faster than ``re.sub(r"\s+", "", text)`` on a long paragraph.

    >>> _compact(" a b\tc\n d ")
    'abcd'
    """
    return "".join(text.split())


def _covered_chars(blocks: Sequence[str], lines: set[str], body: str) -> int:
    """Characters of the story blocks found in the extract.

    A block is usually one line of the extract (a set look-up); blocks that span lines
    (``<br>`` inside a paragraph) are searched as substrings, at most
    ``MAX_SUBSTRING_CHECKS`` of them, so a page with 50,000 paragraphs stays linear.
    """
    covered, searched = 0, 0
    for block in blocks:
        if block in lines:
            covered += len(block)
        elif searched < MAX_SUBSTRING_CHECKS:
            searched += 1
            covered += len(block) if block in body else 0
    return covered


def _mostly_inside(lines: Sequence[str], container: Element) -> bool:
    """Whether most of the extract's text (white space removed) is in the container's text.

    The container's blocks can miss its text (lines of a ``<br>`` run split otherwise, a
    table's cells): its whole text is the second look.
    """
    story = _compact(container.text or "")
    inside = sum(len(line) for line in lines[:MAX_SUBSTRING_CHECKS] if line in story)
    return inside >= MIN_INSIDE_SHARE * sum(map(len, lines[:MAX_SUBSTRING_CHECKS]))


def judge_fast_extract(
    lines: Sequence[str],
    anchor: StoryAnchor,
    story_blocks: Sequence[str],
    *,
    cleaned: str | None = None,
    link_texts: frozenset[str] | Callable[[], frozenset[str]] = frozenset(),
) -> str | None:
    """Return why the fast extract looks wrong, or None when it can be used.

    Args:
        lines: the fast extract, one paragraph per line.
        anchor: the story's headline and container as found in the page.
        story_blocks: texts of the container's blocks that survived furniture removal.
        cleaned: the extract after farm furniture was stripped from it; dilution and link
            share are judged on it (what is left is what a reader gets).
        link_texts: texts of the page's links (see ``dom.link_texts``), or a function
            returning them, called only when short lines could make up most of the text.

    Returns:
        A short reason ("story-lost", "story-missing", "lead-missing", "mostly-links", "diluted",
        "too-short", "no-story-container", "empty") or None.
    """
    if not lines:
        return "empty"
    if anchor.container is None or not story_blocks:
        return "no-story-container"
    compact_lines = [_compact(line) for line in lines]
    body = "".join(compact_lines)
    blocks = [_compact(b) for b in story_blocks]
    story_chars = sum(map(len, blocks))
    covered = _covered_chars(blocks, set(compact_lines), body)
    if covered < LOST_COVERAGE * story_chars and len(body) < LOST_EXTRACT * story_chars:
        # Lost only when the extract is also much the smaller text: an extract of some size
        # that misses the container found the story elsewhere (the container picked was a
        # comment thread, a sidebar or the whole <body>).
        return "story-lost"
    if (
        covered < LOST_COVERAGE * story_chars
        and len(body) < OTHER_EXTRACT * story_chars
        and not _mostly_inside(compact_lines, anchor.container)
    ):
        # An extract of about the story's size, made of text from elsewhere on the page
        # (testimonials, a sign-up box, the site's blurb): resiliparse dropped the story.
        return "story-lost"
    if covered < MIN_COVERAGE * story_chars:
        return "story-missing"
    if blocks[0] not in body:  # the text right under the headline
        return "lead-missing"
    final = lines if cleaned is None else cleaned.splitlines()
    sizes = [len(_compact(line)) for line in final]  # each line's size without white space
    final_chars = sum(sizes)
    # Only lines up to ``MAX_LINK_LINE`` can be a link's whole text; when they cannot add
    # up to the limit, the page's links are never read (``link_texts`` may be a thunk).
    pairs = zip(final, sizes, strict=True)
    short = [(line, size) for line, size in pairs if len(line) <= MAX_LINK_LINE]
    link_chars = 0
    if sum(size for _, size in short) > MAX_LINK_SHARE * final_chars:
        texts = link_texts() if callable(link_texts) else link_texts
        link_chars = sum(size for line, size in short if line in texts)
    if link_chars > MAX_LINK_SHARE * final_chars:
        return "mostly-links"
    if final_chars > MAX_DILUTION * story_chars + DILUTION_SLACK:
        return "diluted"
    if len(body) < SHORT_BODY_CHARS and len(body) < MIN_PAGE_SHARE * anchor.page_chars:
        return "too-short"
    return None
