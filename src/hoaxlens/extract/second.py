"""Find a second story appended below the first (infinite scroll, "next post" autoload).

Farm themes load the next post under the current one as the reader scrolls; a crawl
then holds two stories, and the second one's signals would be blamed on the first. A
second story is a headline of four words or more after the first story ends, with
several paragraphs of prose under it; teaser cards (a headline and one excerpt cut off
with "…") and furniture do not count. The markup may prove it a separate post (an
``<h1>``, a linked headline, a post wrapper, a place beside the first story's wrapper);
then its branch is deleted from the tree. Otherwise only its title is passed on, and the
text stage cuts there only after a comment form, an end-of-content marker or a share bar.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from hoaxlens.extract import markers
from hoaxlens.extract.anchor import BR_RUNS, HEADING_TAGS, comparable
from hoaxlens.extract.dom import select, text_of

if TYPE_CHECKING:
    from collections.abc import Sequence

    from hoaxlens.extract.anchor import Layout, StoryAnchor
    from hoaxlens.extract.dom import Element

SECOND_STORY_MIN_CHARS = 200
SECOND_STORY_MIN_PARAGRAPHS = 3
TEASER_TITLE_WORDS = 4
LARGER_BRANCH = 2.0
POST_HEADER_LEVELS = 2  # see ``_is_post_header``
_HEADED_RUNS = f"{BR_RUNS}:has(h1, h2, h3, h4)"
_POST_WRAPPER = re.compile(
    r"(?:^|[\s_-])(?:hentry|post|type-post|article|entry)(?:$|[\s_-])", re.IGNORECASE
)


def find_second_story(anchor: StoryAnchor, furniture: Sequence[Element]) -> StoryAnchor:
    """Look for a full story appended after the anchor's story (infinite scroll).

    Args:
        anchor: from ``find_story_anchor``.
        furniture: elements about to be deleted as furniture; headlines and prose
            inside them (teaser cards, comment forms) do not count.

    Returns:
        The anchor with ``second_heading`` (and ``second_branch`` when the markup proves
        it is a separate post) set, or unchanged.
    """
    layout = anchor.layout
    if layout is None or anchor.container is None or layout.story_end < 0:
        return anchor
    if anchor.container.tag in ("body", "html"):
        return anchor  # no story wrapper was found, so nothing marks where the story ends
    second = _second_story(layout, _HeadedRuns(layout.body), anchor, furniture)
    if second is None:
        return anchor
    return replace(anchor, second_heading=second[0], second_branch=second[1])


class _HeadedRuns:
    """The page's ``<br>`` runs that hold a heading, queried on first need.

    Most pages have no heading after the story that needs its prose counted.
    """

    def __init__(self, body: Element) -> None:
        self._body = body
        self._found: set[Element] | None = None

    def __contains__(self, node: Element) -> bool:
        if self._found is None:
            self._found = set(select(self._body, _HEADED_RUNS))
        return node in self._found


def _branch(node: Element, anchor: StoryAnchor) -> Element:
    """The highest ancestor of ``node`` that holds none of the anchor's elements.

    Nor the story's first or last block: a heading inside the story wrapper (a comment
    form's title, a subhead) must not take the story's paragraphs down with it.
    """
    story = (anchor.blocks[0][0], anchor.blocks[-1][0]) if anchor.blocks else ()
    while True:
        parent = node.parent_element
        if (
            parent is None
            or parent.tag in ("body", "html")
            or any(parent.contains(p) for p in (*anchor.protected, *story))
        ):
            return node
        node = parent


def _outside_story_wrapper(branch: Element, anchor: StoryAnchor) -> bool:
    """Whether ``branch`` sits beside the element wrapping this story's headline and text.

    A subhead's section is a sibling of the story's text *inside* the story wrapper; an
    appended story is a sibling of the whole wrapper (headline included).
    """
    parent, node = branch.parent_element, anchor.container
    if parent is None or node is None or anchor.heading is None:
        return False
    while node is not None and node.parent_element != parent:
        node = node.parent_element
    return node is not None and node.contains(anchor.heading)


def _in_own_post(heading: Element, branch: Element) -> bool:
    """Whether a heading has the markup of a post of its own.

    An ``<h1>``, or a heading inside a post wrapper (``<article>``, ``.hentry``,
    ``.post-…``) within its branch.
    """
    return heading.tag == "h1" or _in_post_wrapper(heading, branch)


def _is_post_wrapper(node: Element) -> bool:
    """A post's wrapper: ``<article>``, or a class like ``hentry``, ``post-…``, ``entry``."""
    return node.tag == "article" or _POST_WRAPPER.search(node.getattr("class") or "") is not None


def _in_post_wrapper(heading: Element, branch: Element) -> bool:
    """Whether a post wrapper (``<article>``, ``.hentry``, ``.post-…``) in the branch holds it."""
    node: Element | None = heading
    while node is not None:
        if _is_post_wrapper(node):
            return True
        if node == branch:
            return False
        node = node.parent_element
    return False


def _is_post_header(node: Element) -> bool:
    """A post's own ``<header>`` (WordPress ``<header class="entry-header">``), not the site's.

    Furniture removes every ``<header>`` as page chrome; one whose parent or grandparent
    is a post wrapper (``<article>``, ``.hentry``, ``.post-…``; a theme's inner wrapper may
    lie between) holds that post's headline, and an appended post's headline there is a
    second story's.

    >>> from resiliparse.parse.html import HTMLTree
    >>> tree = HTMLTree.parse("<article><div><header>A</header></div></article><header/>")
    >>> [_is_post_header(h) for h in select(tree.body, "header")]
    [True, False]
    """
    if node.tag != "header":
        return False
    parent = node.parent_element
    for _ in range(POST_HEADER_LEVELS):
        if parent is None or parent.tag in ("body", "html"):
            return False
        if _is_post_wrapper(parent):
            return True
        parent = parent.parent_element
    return False


def _is_post_headline(heading: Element, branch: Element, anchor: StoryAnchor) -> bool:
    """Evidence in the markup that a heading starts another post, not a section of this one.

    An ``<h1>``, a headline linking to its own page, the same tag as this story's headline,
    a place outside the story's wrapper, or a post wrapper (``<article>``, ``.hentry``,
    ``.post-…``) around it.
    """
    title_tag = anchor.heading.tag if anchor.heading is not None else None
    if heading.tag in ("h1", title_tag) or heading.query_selector("a[href]") is not None:
        return True
    return _outside_story_wrapper(branch, anchor) or _in_post_wrapper(heading, branch)


def _prose_after(
    layout: Layout, runs: _HeadedRuns, i: int, skip: Sequence[Element]
) -> tuple[int, int]:
    """(characters, paragraphs) of prose under the heading at ``layout.ordered[i]``.

    Prose runs up to the next heading or linked headline; a ``<br>`` run that holds the
    heading (it comes before it in document order) counts one paragraph per line.
    Blocks inside ``skip`` (furniture: comment forms, rails) are not prose.
    """
    heading = layout.ordered[i]
    # The blocks holding the heading are among its ancestors (asking every block of the
    # page whether it holds the heading cost headings x blocks).
    found = []
    node: Element | None = heading
    while node is not None:
        holder = layout.blocks.get(node)
        if holder is not None and holder.index < i:
            found.append(holder)
        node = node.parent_element
    for node in layout.ordered[i + 1 :]:
        if node.tag in HEADING_TAGS or (node in runs and not node.contains(heading)):
            break
        block = layout.blocks.get(node)
        if block is None or any(f.contains(node) for f in skip):
            continue
        if markers.is_excerpt(block.text):
            continue  # a teaser's excerpt, cut off with "…", is not the story's prose
        if block.score > 0:
            found.append(block)
        elif len(block.text.split()) >= TEASER_TITLE_WORDS:
            break  # a linked headline (the next teaser card) ends the prose; a byline doesn't
    return sum(b.score for b in found), sum(max(1, len(b.lines)) for b in found)


def _second_story(
    layout: Layout, runs: _HeadedRuns, anchor: StoryAnchor, furniture: Sequence[Element]
) -> tuple[Element, Element | None] | None:
    """Headline of a full story after the anchor's story, and its branch if it is proven.

    A full story, not a teaser card: several paragraphs and a few hundred characters of
    prose under a headline of four words or more. Without markup evidence (see
    ``_is_post_headline``) the branch is None and the text stage decides.
    """
    title = comparable(anchor.title)
    story_nodes = {node for node, _ in anchor.blocks}
    container = anchor.container
    # Text lengths, each element's measured once: hundreds of sections after the story
    # often share one branch, and measuring it again for each made the loop quadratic.
    lengths: dict[Element, int] = {}

    def length(node: Element) -> int:
        if node not in lengths:
            lengths[node] = len(text_of(node))
        return lengths[node]

    for i in range(layout.story_end + 1, len(layout.ordered)):
        heading = layout.ordered[i]
        if heading.tag not in ("h1", "h2", "h3"):
            continue
        text = text_of(heading)
        if len(text.split()) < 4:
            continue
        if title and comparable(text) == title:
            continue
        if any(f.contains(heading) and not _is_post_header(f) for f in furniture):
            continue
        chars, paragraphs = _prose_after(layout, runs, i, furniture)
        if chars < SECOND_STORY_MIN_CHARS or paragraphs < SECOND_STORY_MIN_PARAGRAPHS:
            continue  # a teaser card: a headline and one excerpt
        if any(node.contains(heading) for node in story_nodes):
            # A subhead inside one of the story's own blocks (a ``<br>`` run holding
            # headings): the story's block starts before it, so it lies "after" its start.
            continue
        branch = _branch(heading, anchor)
        inside = container is not None and container.contains(branch)
        if inside and container is not None and 2 * length(branch) > length(container):
            # Most of the story container's text under a heading inside it: the rest of
            # this story (an interview's later questions), not another post appended.
            continue
        if (
            not inside
            and container is not None
            and not _in_own_post(heading, branch)
            and length(branch) > LARGER_BRANCH * length(container)
        ):
            # A branch after the story holding several times its container's text, and
            # no post of its own (an <h1>, an <article> or a post wrapper): the container
            # was a part of the story (an intro, a summary box above a guide's sections)
            # and the rest of it follows. A long post appended to a short one has its own.
            continue
        return heading, (branch if _is_post_headline(heading, branch, anchor) else None)
    return None
