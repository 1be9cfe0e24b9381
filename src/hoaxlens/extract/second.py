"""Find a second story appended below the first (infinite scroll, "next post" autoload).

Farm themes load the next post under the current one as the reader scrolls; a crawl
then holds two stories, and the second one's signals would be blamed on the first. A
second story is a headline of four words or more after the first story ends, with
several paragraphs of prose under it; teaser cards (a headline and one excerpt cut off
with "…") and furniture do not count. The markup may prove it a separate post (an
``<h1>``, a linked headline, a post wrapper, a place beside the first story's wrapper);
then its branch is deleted from the tree. Otherwise only its title is passed on, and the
text stage cuts there only after a comment form, an end-of-content marker or a share bar.
An infinite scroll appends more posts after that one, each in the wrapper that holds the
story's own headline and text and under a headline set like the story's; those are
gathered with the branch and deleted with it (see ``_with_later_posts``).

A farm may also paste the next story inside the first one's own container (its
``.entry-content``), after a line that ends the story ("THE END", "Next story:") and
under a headline of its own (see ``_pasted_story``). That heading lies among the story's
blocks, where the search above does not look; the pasted part (the ending line, the
headline and all that follows it there) is gathered under one element, which becomes the
second branch.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from hoaxlens.extract import markers
from hoaxlens.extract.anchor import BR_RUNS, HEADING_TAGS, comparable
from hoaxlens.extract.dom import Holders, select, text_of

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from resiliparse.parse.html import Node

    from hoaxlens.extract.anchor import Block, Layout, StoryAnchor
    from hoaxlens.extract.dom import Element

SECOND_STORY_MIN_CHARS = 200
SECOND_STORY_MIN_PARAGRAPHS = 3
TEASER_TITLE_WORDS = 4
LARGER_BRANCH = 2.0
SHORT_CONTAINER_CHARS = 1500  # see ``_below_headline``'s use in ``_second_story``
POST_HEADER_LEVELS = 2  # see ``_is_post_header``
_HEADED_RUNS = f"{BR_RUNS}:has(h1, h2, h3, h4)"
PASTED_MIN_STORY_BLOCKS = 2  # prose blocks of the story told before a pasted one
PASTED_HEADLINE_WORDS = 6  # a pasted story's headline: a long title-case line
ENDING_STEPS = 4  # elements looked at above a heading for an ending line
PASTED_MAX_HEADLINE_WORDS = 24  # a bold paragraph longer than a headline is prose
# A line that ends a story or announces another one ("THE END", "Next story:"). Weaker
# labels ("Read next", "Also read", "See also"), rules, share bars and ad slots are not
# endings: they stand inside stories written as one too (the figures are in the
# docstring of tests/extract/test_pasted_second_story.py).
_ENDING = re.compile(
    r"^\W*(?:the end|end of (?:the )?story|next (?:story|post|article))\W*$", re.IGNORECASE
)
# The same label set before a headline on its line ("Next story: Singer Cancels Tour").
_LABEL_PREFIX = re.compile(
    r"^\W*next (?:story|post|article)\s*[:\-\u2013\u2014|»]\s*(?=\w)", re.IGNORECASE
)
# Passed over between an ending line and the headline: a rule or an empty ad slot (no
# text), furniture (a share bar), an ad's label.
_ADVERT = re.compile(r"^\W*(?:advertisement|sponsored|ad)\W*$", re.IGNORECASE)
# A capitalised word inside a sentence (not after a full stop, colon, quote or dash): a
# name, in the prose of these stories ("... to Margaret in Walter's hand").
_NAME = re.compile(
    r"[^\s.!?:;\"\u201c\u201d\u2018\u2019'\u2026(\[\-\u2013\u2014]\s+"
    r"(?=([A-Z\u00c0-\u00de][^\W\d_]{2,})\b)"
)
# Capitalised words any two stories share: platforms, holidays, days and months.
_COMMON_CAPITALS = (
    "Facebook Instagram Twitter TikTok YouTube Reddit WhatsApp Google Internet God Lord "
    "Christmas Easter Thanksgiving Halloween Mother Father Mom Dad Monday Tuesday "
    "Wednesday Thursday Friday Saturday Sunday January February March April May June "
    "July August September October November December"
)
_NOT_NAMES = frozenset(_COMMON_CAPITALS.split())
_PICTURES = frozenset({"figure", "img", "picture", "video", "iframe", "svg"})
_PICTURE = ", ".join(sorted(_PICTURES))
_NUMBERED = re.compile(r"^\W*\d+\s*[.):]")  # "2. Pop-Open Doors": a listicle's item
_WORD = re.compile(r"[\w'\u2019]+")  # a headline's words, possessives whole
# A post's date, byline or share bar (see ``_with_later_posts``).
_POST_DETAILS = ", ".join(
    ["time", *(f'[class*="{name}" i]' for name in ("byline", "date", "author", "share"))]
)
# A class or id word naming a next story (see ``_named_as_post``).
_STORY_NAME = re.compile(
    r"(?:^|[\s_-])(?:story|stories|next)(?:$|[\s_-])",
    re.IGNORECASE,
)
# ``entry`` only as a class's first word (WordPress's ``entry``, ``entry-header``): a live
# blog's ``live-entry`` or a feed's ``feed-entry`` wraps one part of the story.
_POST_WRAPPER = re.compile(
    r"(?:^|[\s_-])(?:hentry|post|type-post|article)(?:$|[\s_-])|(?:^|\s)entry(?:$|[\s_-])",
    re.IGNORECASE,
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
    runs = _HeadedRuns(layout.body)
    # Asked of every heading and block after the story: looked up from their ancestors,
    # not asked of each furniture element (a rail of 10,000 items made that quadratic).
    held = Holders(furniture)
    second = _second_story(layout, runs, anchor, held)
    pasted = None
    if second is None or second[1] is None:
        # Not proven by the markup: a story pasted in the story's container, at or
        # before that heading, is cut after a line that ends the story.
        pasted = _pasted_story(layout, runs, anchor, held, second and second[0])
        second = pasted or second
    if second is None:
        return anchor
    heading, branch = second
    if branch is not None and second is not pasted:
        branch = _with_later_posts(branch, heading, anchor)
    return replace(anchor, second_heading=heading, second_branch=branch)


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


def _below_headline(heading: Element, anchor: StoryAnchor) -> bool:
    """Whether a heading is set unlike the story's headline: not an ``<h1>``, nor its tag."""
    title_tag = anchor.heading.tag if anchor.heading is not None else None
    return heading.tag not in ("h1", title_tag)


def _named_as_post(heading: Element, branch: Element) -> bool:
    """Whether an element from ``heading`` up to ``branch`` is named as a next story.

    A class or id with the word ``story``, ``stories`` or ``next`` (``next-story``,
    ``article-next``, ``more-stories``): an appended post, even when its headline is set
    below the story's and its wrapper is not the story's. (``post`` and ``article`` are
    left out: WordPress sets a guide's section titles as ``wp-block-post-title``, and a
    theme's blocks as ``_article_…``.)

    >>> from resiliparse.parse.html import HTMLTree
    >>> tree = HTMLTree.parse("<div class=next-story><h2>T</h2></div><div class=steps><h2>S")
    >>> [_named_as_post(select(d, "h2")[0], d) for d in select(tree.body, "div")]
    [True, False]
    """
    node: Element | None = heading
    while node is not None:
        if _STORY_NAME.search(f"{node.getattr('class') or ''} {node.getattr('id') or ''}"):
            return True
        if node == branch:
            return False
        node = node.parent_element
    return False


def _repeats_story_wrapper(branch: Element, anchor: StoryAnchor) -> bool:
    """Whether ``branch`` has the tag and class of the story's element beside it.

    >>> from resiliparse.parse.html import HTMLTree
    >>> from hoaxlens.extract.anchor import StoryAnchor
    >>> tree = HTMLTree.parse("<article class=post><p>A</p></article><article class=post>")
    >>> story = StoryAnchor(None, select(tree.body, "p")[0], "")
    >>> [_repeats_story_wrapper(b, story) for b in select(tree.body, "article")[1:]]
    [True]
    """
    parent, node = branch.parent_element, anchor.container
    while node is not None and node.parent_element != parent:
        node = node.parent_element
    return (
        node is not None
        and node.tag == branch.tag
        and (node.getattr("class") or "") == (branch.getattr("class") or "")
    )


def _prose_after(layout: Layout, runs: _HeadedRuns, i: int, skip: Holders) -> tuple[int, int]:
    """(characters, paragraphs) of prose under the heading at ``layout.ordered[i]``."""
    found = _prose_blocks(layout, runs, i, skip)
    return sum(b.score for b in found), sum(max(1, len(b.lines)) for b in found)


def _prose_blocks(layout: Layout, runs: _HeadedRuns, i: int, skip: Holders) -> list[Block]:
    """The blocks of prose under the heading at ``layout.ordered[i]``.

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
    ordered = layout.ordered
    for j in range(i + 1, len(ordered)):  # (not a slice: a copy of the page's rest per heading)
        node = ordered[j]
        if node.tag in HEADING_TAGS or (node in runs and not node.contains(heading)):
            break
        block = layout.blocks.get(node)
        if block is None or skip.hold(node):
            continue
        if markers.is_excerpt(block.text):
            continue  # a teaser's excerpt, cut off with "…", is not the story's prose
        if block.score > 0:
            found.append(block)
        elif len(block.text.split()) >= TEASER_TITLE_WORDS:
            break  # a linked headline (the next teaser card) ends the prose; a byline doesn't
    return found


def _second_story(
    layout: Layout, runs: _HeadedRuns, anchor: StoryAnchor, furniture: Holders
) -> tuple[Element, Element | None] | None:
    """Headline of a full story after the anchor's story, and its branch if it is proven.

    A full story, not a teaser card: several paragraphs and a few hundred characters of
    prose under a headline of four words or more. Without markup evidence (see
    ``_is_post_headline``) the branch is None and the text stage decides.
    """
    title = comparable(anchor.title)
    story_nodes = Holders({node for node, _ in anchor.blocks})
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
        if any(not _is_post_header(f) for f in furniture.of(heading)):
            continue
        chars, paragraphs = _prose_after(layout, runs, i, furniture)
        if chars < SECOND_STORY_MIN_CHARS or paragraphs < SECOND_STORY_MIN_PARAGRAPHS:
            continue  # a teaser card: a headline and one excerpt
        if story_nodes.hold(heading):
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
        if (
            not inside
            and container is not None
            and length(container) < SHORT_CONTAINER_CHARS
            and length(branch) > length(container)
            and _below_headline(heading, anchor)
            and not _repeats_story_wrapper(branch, anchor)
            and not _named_as_post(heading, branch)
        ):
            # A short container (a guide's intro, a recipe's blurb) and more text after it
            # under a heading set unlike the story's headline: the story's next section.
            # An appended post repeats the story's template: its headline is an <h1> or
            # set like the story's own, or its wrapper is the story's (tag and class).
            continue
        return heading, (branch if _is_post_headline(heading, branch, anchor) else None)
    return None


def _with_later_posts(branch: Element, heading: Element, anchor: StoryAnchor) -> Element:
    """The appended post's branch, with the posts appended after it in the same template.

    An infinite scroll appends post after post, each in a wrapper of the same tag and
    class (``<div class="scrollblock">``) holding a headline set like the story's (the
    same tag and class) and the post's date, byline or share bar. The later posts are
    siblings of the first appended post's branch, which the pruning deletes alone. The
    template must be proven by the page: the story's own headline and text share one
    wrapper beside the branch, of the branch's tag and class, and the appended post's
    headline has the story headline's tag and class. Then each later sibling with that
    tag and class, such a headline, a date, byline or share bar and some prose
    (``SECOND_STORY_MIN_CHARS`` of text) is gathered with the branch under one element,
    which becomes the second branch. A live blog's entries or a guide's sections, under
    a headline of their page's, repeat a wrapper that does not hold that headline.

    >>> from resiliparse.parse.html import HTMLTree
    >>> from hoaxlens.extract.anchor import StoryAnchor
    >>> post = "<div class=s><h1 class=t>{}</h1><time>May 6</time><p>" + "w " * 99 + "</p></div>"
    >>> tree = HTMLTree.parse("".join(post.format(t) for t in ("One", "Two", "Three")))
    >>> wrappers, headlines = select(tree.body, "div.s"), select(tree.body, "h1")
    >>> story = StoryAnchor(headlines[0], select(tree.body, "p")[0], "One")
    >>> holder = _with_later_posts(wrappers[1], headlines[1], story)
    >>> [text_of(h) for h in select(holder, "h1")], len(select(tree.body, "div.s > div.s"))
    (['Two', 'Three'], 2)
    """
    from resiliparse.parse.html import ElementNode  # loaded with the page's tree

    kind = branch.getattr("class") or ""
    parent = branch.parent_element
    title = anchor.heading
    if not kind.strip() or parent is None or title is None or not title.tag:
        return branch
    tag, style = title.tag, title.getattr("class") or ""
    if heading.tag != tag or (heading.getattr("class") or "") != style:
        return branch
    if not (_repeats_story_wrapper(branch, anchor) and _outside_story_wrapper(branch, anchor)):
        return branch
    later: list[Element] = []
    node = branch.next_element
    while node is not None:
        if (
            node.tag == branch.tag
            and (node.getattr("class") or "") == kind
            and any((h.getattr("class") or "") == style for h in select(node, tag))
            and node.query_selector(_POST_DETAILS) is not None
            and len(text_of(node)) >= SECOND_STORY_MIN_CHARS
        ):
            later.append(node)
        node = node.next_element
    holder = branch.clone_node(False)
    if not later or not isinstance(holder, ElementNode):
        return branch
    parent.insert_before(holder, branch)
    for moved in (branch, *later):
        holder.append_child(moved)
    return holder


def _pasted_story(
    layout: Layout,
    runs: _HeadedRuns,
    anchor: StoryAnchor,
    furniture: Holders,
    until: Element | None,
) -> tuple[Element, Element] | None:
    """Headline of a story pasted inside the story's container, and the part to delete.

    A heading (``<h2>``, ``<h3>``, a bold paragraph) among the story's blocks, with the
    story told before it and several paragraphs of prose under it, starts another story
    when a line that ends the story stands right above it ("THE END", "Next story:") or
    opens its own text ("Next story: …", not over a link: a teaser's), it reads as a
    headline or names new people, and none of its text nor of the prose under it names
    anyone the story named before (``_continues``). The part deleted runs from the ending
    line to the end of the heading's parent. The look ends at ``until`` (a second story's
    headline found after the story).
    """
    container = anchor.container
    if container is None or len(anchor.blocks) <= PASTED_MIN_STORY_BLOCKS:
        return None
    first = layout.blocks.get(anchor.blocks[0][0])
    if first is None:
        return None
    told: list[Block] = []  # the story's prose blocks before the heading looked at
    # ``_names`` of ``told[:named]``: kept up as blocks are told (a block's names are its
    # own), not read again from the start for each heading (headings x story blocks).
    told_names: set[str] = set()
    named = 0
    # Tags of the story's own headline-like subheadings so far: a heading set like them
    # is one more of them (a guide's sections, a listicle's items).
    styled: set[str | None] = set()
    for i in range(first.index, len(layout.ordered)):
        node = layout.ordered[i]
        inside = container.contains(node)
        if (not inside and i > layout.story_end) or (i > 0 and layout.ordered[i - 1] == until):
            break  # past the container, or past a second story found after the story
        block = layout.blocks.get(node)
        text = _heading_text(node, block)
        if text is None:
            if block is not None and block.score > 0 and inside:
                told.append(block)
            continue
        if not inside:
            continue
        headline = _LABEL_PREFIX.sub("", text, count=1)
        words = len(headline.split())
        is_headline = markers.is_headline(headline)
        if (
            len(told) < PASTED_MIN_STORY_BLOCKS
            or words < TEASER_TITLE_WORDS
            or _NUMBERED.match(headline)
        ):
            if is_headline:
                styled.add(node.tag)
            continue
        linked = node.query_selector("a[href]") is not None
        labelled = headline != text and not linked  # "Next story: …" over no teaser link
        top, ending = _ending_above(node, container, furniture)
        headline_like = (
            is_headline
            and words >= PASTED_HEADLINE_WORDS
            and node.tag not in styled
            and not linked  # a linked one: a teaser card's
        )
        if is_headline:
            styled.add(node.tag)
        if ending is None and not labelled:
            continue
        after = _prose_blocks(layout, runs, i, furniture)
        chars = sum(b.score for b in after)
        if chars < SECOND_STORY_MIN_CHARS or len(after) < SECOND_STORY_MIN_PARAGRAPHS:
            continue
        new_names = _names(b.text for b in after)
        if not (headline_like or new_names):
            continue
        if named < len(told):
            told_names |= _names(b.text for b in told[named:])
            named = len(told)
        if _continues(told_names, headline, new_names):
            continue
        parent = top.parent_element
        if parent is None or not (parent == container or container.contains(parent)):
            continue
        return node, _gather(ending or top)
    return None


def _heading_text(node: Element, block: Block | None) -> str | None:
    """The text of a heading that may start a pasted story, or None for other nodes.

    An ``<h2>``/``<h3>``, or a paragraph set all in bold (``<p><strong>…</strong></p>``).
    """
    if node.tag in ("h2", "h3"):
        return text_of(node)
    if block is None or node.tag != "p" or not 0 < len(block.text) <= markers.MAX_HEAD_LINE:
        return None
    # The text's white space is collapsed: its spaces count its words, without a split.
    if not TEASER_TITLE_WORDS <= block.text.count(" ") + 1 <= PASTED_MAX_HEADLINE_WORDS:
        return None
    child = node.first_element_child
    if child is None or child.tag not in ("strong", "b") or text_of(child) != block.text:
        return None
    return block.text


def _ending_above(
    node: Element, container: Element, furniture: Holders
) -> tuple[Element, Element | None]:
    """(top, ending line) of a heading: what opens it, and the line above that ends a story.

    ``top`` is the heading, or the wrapper it opens inside the container. The elements
    above it are read back to the story's prose: a line that ends a story or announces
    the next ("THE END", "Next story") is the ending; a rule, an empty ad slot, furniture
    (a share bar) or an ad's label is passed over; anything else (prose, a picture) ends
    the look. Farms set such furniture between the two stories; alone, it ends nothing.
    """
    top = node
    while top.prev_element is None:
        parent = top.parent_element
        if parent is None or parent == container or not container.contains(parent):
            break
        top = parent
    above = top.prev_element
    for _ in range(ENDING_STEPS):
        if above is None or above.tag in _PICTURES or above.query_selector(_PICTURE):
            break  # a picture of the story, or a caption
        text = text_of(above)
        if len(text) > markers.MAX_FURNITURE_CHARS:
            break
        if _ENDING.match(text):
            return top, above
        if text and not (_ADVERT.match(text) or furniture.hold(above)):
            break
        above = above.prev_element
    return top, None


def _names(texts: Iterable[str]) -> set[str]:
    """Capitalised words inside sentences: the people and places the texts name.

    Each text (a block) is read on its own: its first word opens a sentence, even after a
    caption with no full stop.

    >>> sorted(_names(["Actor Daniel Brooks was near Malibu. The dog ran to José.", "When"]))
    ['Brooks', 'Daniel', 'José', 'Malibu']
    """
    found = {m.group(1) for text in texts for m in _NAME.finditer(text)}
    return {w for w in found if w[1:].islower()} - _NOT_NAMES


def _continues(story_names: set[str], headline: str, names: set[str]) -> bool:
    """Whether a heading's section names someone the story named before it."""
    if names & story_names:
        return True
    words = {w.removesuffix("'s").removesuffix("\u2019s") for w in _WORD.findall(headline)}
    return not words.isdisjoint(story_names)


def _gather(start: Element) -> Element:
    """One element holding ``start`` and the siblings after it (moved there, in order).

    The element is a bare copy of ``start``'s tag, set where ``start`` was; the pruning
    deletes it as the second branch.
    """
    from resiliparse.parse.html import ElementNode  # loaded with the page's tree

    holder = start.clone_node(False)
    parent = start.parent_element
    if not isinstance(holder, ElementNode) or parent is None:
        return start
    nodes: list[Node] = []
    node: Node | None = start
    while node is not None:
        nodes.append(node)
        node = node.next_sibling
    parent.insert_before(holder, start)
    for moved in nodes:
        holder.append_child(moved)
    return holder
