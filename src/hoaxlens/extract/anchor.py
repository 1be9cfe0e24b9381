"""Find the story on a page: its headline element and the element holding its paragraphs.

Every later step is guarded by this anchor: furniture removal never deletes an element
that holds the headline or the story, the quality check compares the fast extract with
the story's own paragraphs, and a second story is looked for only after it (``second``).

The headline is the heading that matches the page's own title (og:title, <title>). The
container is found the readability way: each text block (paragraph, leaf ``<div>``,
``<br>``-separated run) scores its characters, minus link text, for the element holding
it (looking through single-child wrappers); the story is the first strong container
after the headline, widened to a near ancestor when the story continues in sibling parts.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from hoaxlens.extract import markers
from hoaxlens.extract.dom import select, squash, strip_tags, text_of

if TYPE_CHECKING:
    from collections.abc import Sequence

    from hoaxlens.extract.dom import Element

_BLOCKISH = (
    "div, p, section, article, aside, ul, ol, table, form, blockquote, header, footer, nav, "
    "h1, h2, h3, h4, h5, h6"
)
_LEAF_DIV = f"div:not(:has({_BLOCKISH}))"
_HEADINGS = "h1, h2, h3, h4"
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4"})
_PLAIN_BLOCKS = frozenset({"p", "blockquote", "pre"})
BR_RUNS = "*:has(> br)"
_BR_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
_SKIPPED = re.compile(r"<(script|style|template)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_ORDERED = f"{_HEADINGS}, p, blockquote, pre, {_LEAF_DIV}, {BR_RUNS}"
_ORDERED_NO_BR = f"{_HEADINGS}, p, blockquote, pre, {_LEAF_DIV}"
# The parser makes a <br> element only of a "<br" or "</br" tag (in any case).
_BR_IN_MARKUP = re.compile(r"</?br", re.IGNORECASE)
_LINK_TAG = re.compile(r"<a[\s>]", re.IGNORECASE)
_NON_WORD = re.compile(r"\W+")  # compiled once: ``re.sub`` looks its cache up per call
MIN_BLOCK_CHARS = 10
MAX_CHECKED_BLOCK = 160  # share bars, bylines and teaser titles are short
MAX_LINK_SHARE = 0.5
CONTAINER_SHARE = 0.5  # the story container scores at least this share of the best one
STRONG_CHARS = 400
HEADLESS_PAGE_SHARE = 0.1
LATE_HEADING_SHARE = 0.25
H1_SCOPE_LEVELS = 4  # see ``_heads_text`` (counted from the nearest wrapper holding text)
MAX_EMPTY_WRAPPERS = 12  # ``_heads_text``: empty wrappers skipped before its scope starts
MAX_WIDEN_LEVELS = 2
SHORT_PICK_LEVELS = 3  # see ``_widen``
STORY_TITLE_WORDS = 7
WIDEN_SHARE = 0.25
MAX_WRAPPERS = 3
_WRAPPER_TAGS = frozenset({"div", "span", "section", "font", "center"})
_MEDIA_TAGS = frozenset({"figure", "figcaption"})
_MEDIA_NEEDLES = ("caption", "gallery", "slideshow")
_STORY_TAGS = frozenset({"article", "main"})


@dataclass(slots=True)
class Block:
    """One text block: its element, document position, text and story score."""

    node: Element
    index: int
    text: str
    score: int
    container: Element | None = None
    lines: tuple[str, ...] = ()  # the lines of a <br> run; () for other blocks


@dataclass(frozen=True, slots=True)
class Layout:
    """The page's headings and text blocks in document order (kept for the second pass)."""

    body: Element
    ordered: list[Element]
    blocks: dict[Element, Block]
    story_end: int  # document index of the story's last block


@dataclass(frozen=True, slots=True)
class StoryAnchor:
    """Where the story is: headline element, container element, and their texts."""

    heading: Element | None
    container: Element | None
    title: str  # text of the headline element ("" when none was found)
    blocks: tuple[tuple[Element, str], ...] = ()  # the container's text blocks, in order
    second_heading: Element | None = None  # headline of a story appended after this one
    second_branch: Element | None = None  # element to delete (None: evidence too weak)
    page_chars: int = 0  # non-link characters in all text blocks of the page
    layout: Layout | None = field(default=None, repr=False)

    @property
    def protected(self) -> tuple[Element, ...]:
        """Elements that furniture removal must never delete (nor any ancestor of them)."""
        return tuple(e for e in (self.heading, self.container) if e is not None)

    @property
    def second_title(self) -> str | None:
        """Headline of the appended second story, if one was found."""
        return text_of(self.second_heading) if self.second_heading is not None else None

    @property
    def is_second_confirmed(self) -> bool:
        """Whether the markup alone proves the second story (else the text must confirm)."""
        return self.second_branch is not None


def comparable(text: str) -> str:
    """Words only, case-folded: for comparing headlines.

    >>> comparable("“Our Child Has…” - Royal Whisper")
    'our child has royal whisper'
    """
    return _comparable(text)


def _comparable(text: str) -> str:
    return _NON_WORD.sub(" ", text).strip().casefold()


def same_headline(heading: str, hint: str) -> bool:
    """Whether two texts are the same headline (see ``_matches``).

    >>> same_headline("Star Stuns Fans At Her Concert", "Star stuns fans at her concert! | Site")
    True
    """
    return _matches(heading, hint)


def _matches(heading: str, hint: str) -> bool:
    """Same headline, allowing the page's <title> suffix or a trimmed og:title."""
    return _same_words(_comparable(heading), _comparable(hint))


def _same_words(a: str, b: str) -> bool:
    """``_matches`` of two texts already made ``_comparable``."""
    if not a or not b:
        return False
    short, long_ = sorted((a, b), key=len)
    return short == long_ or (short in long_ and len(short) >= 0.6 * len(long_))


def _run_lines(node: Element) -> tuple[str, ...]:
    """The lines of a ``<br>`` run, without the text of its own block children.

    lexbor's ``text`` joins ``<br>``-separated lines with nothing between them, so the
    lines are read from the element's markup instead (only for these runs, which are few).
    """
    children = {text_of(c) for c in select(node, _BLOCKISH) if c.parent_element == node}
    markup = _BR_TAG.sub("\n", node.html)
    text = html.unescape(strip_tags(_SKIPPED.sub(" ", markup), " "))
    lines = (squash(line) for line in text.split("\n"))
    return tuple(line for line in lines if line and line not in children)


def _collect(
    body: Element, markup: str | None = None, has_br: bool | None = None
) -> tuple[list[Element], dict[Element, Block]]:
    """Headings and text blocks in document order, and each block's text and score.

    Only elements the selectors return are touched: resiliparse materialises a Python
    object per node visited (about 1-3 µs each), so walking the tree would cost more
    than extracting it. When the page's ``markup`` holds no ``<br>`` tag (``has_br``, when
    the caller has looked: ``dom.sought_tags``), the selectors for ``<br>`` runs (which
    then match nothing) are not run.
    """
    if has_br is None and markup is not None:
        has_br = _BR_IN_MARKUP.search(markup) is not None
    if has_br is False:
        return _scored(select(body, _ORDERED_NO_BR), set())
    return _scored(select(body, _ORDERED), set(select(body, BR_RUNS)))


def _scored(
    ordered: list[Element], br_runs: set[Element]
) -> tuple[list[Element], dict[Element, Block]]:
    """``_collect``'s blocks, from its selectors' answers."""
    blocks: dict[Element, Block] = {}
    for index, node in enumerate(ordered):
        tag = node.tag
        if tag in HEADING_TAGS:
            continue
        lines = _run_lines(node) if node in br_runs and tag not in _PLAIN_BLOCKS else ()
        text = " ".join(lines) if lines else text_of(node)
        if len(text) < MIN_BLOCK_CHARS:
            continue
        # A share bar of <button>s or a cookie notice is no story.
        furniture = len(text) <= MAX_CHECKED_BLOCK and markers.classify(text) is not None
        blocks[node] = Block(node, index, text, 0 if furniture else len(text), lines=lines)
    for node, block in blocks.items():
        # Only short blocks can be link-only (teaser titles, bylines, menus); a paragraph
        # with a link inside stays prose, and is not queried (one query costs ~5 µs). A
        # short block's markup is tiny, so looking for "<a" in it (under 1 µs) is cheaper
        # than a ``:has(a)`` selector run over the whole page.
        if len(block.text) <= MAX_CHECKED_BLOCK and _LINK_TAG.search(node.html):
            chars = sum(len(text_of(a)) for a in select(node, "a"))
            share = chars > MAX_LINK_SHARE * len(block.text)
            block.score = 0 if share else max(block.score - chars, 0)
    return ordered, blocks


def _container_of(node: Element, above: _Above | None = None) -> Element | None:
    """Parent of a block, looking through pure wrappers (``<div><p>…</p></div>``).

    ``above``: the page's memo of the tree's reads (``_Above``). Pass the page's one memo:
    ``above.only_child`` counts a parent's element children (``child_element_count`` walks
    every child), once per parent with the memo, so without it asking for each of a
    <div>'s 8,000 paragraphs would be quadratic.
    """
    above = above or _Above()
    for _ in range(MAX_WRAPPERS):
        parent = above.parent(node)
        if (
            parent is None
            or above.tag(parent) not in _WRAPPER_TAGS
            or above.only_child(parent) != node
        ):
            return parent  # ``node.parent_element``, already at hand (each read costs µs)
        node = parent
    return above.parent(node)


class _Above:
    """One page's memo of the reads the container checks make above the text blocks.

    resiliparse materialises a Python object per node read (1-3 µs each); the blocks of
    a story share their parent, and every container's walk up to ``<body>`` (``_in_chrome``)
    passes the same page wrappers, so each node's parent, tag, class and footer status is
    read once per page. The tree must not change while one is in use.
    """

    __slots__ = ("_footer", "_notice", "_only", "_parent", "_tag")

    def __init__(self) -> None:
        self._parent: dict[Element, Element | None] = {}
        self._tag: dict[Element, str] = {}
        self._notice: dict[Element, bool] = {}
        self._only: dict[Element, Element | None] = {}
        self._footer: dict[Element, bool] = {}

    def parent(self, node: Element) -> Element | None:
        found = self._parent.get(node, _UNREAD)
        if found is _UNREAD:
            found = self._parent[node] = node.parent_element
        return found  # type: ignore[return-value]

    def tag(self, node: Element) -> str:
        found = self._tag.get(node)
        if found is None:
            found = self._tag[node] = node.tag or ""
        return found

    def is_notice(self, node: Element) -> bool:
        """Whether the node's class names it a notice or a comment (``_names_a_notice``)."""
        found = self._notice.get(node)
        if found is None:
            names = (node.getattr("class") or "").lower()
            found = self._notice[node] = _names_a_notice(names)
        return found

    def only_child(self, node: Element) -> Element | None:
        """The node's element child when it has exactly one, else None.

        Counted in C (once per node, so a <div> of 8,000 paragraphs is walked once), not
        by comparing the first child with the last: that makes a Python object of the
        last child, at about 3 µs a node the dearer of the two.
        """
        found = self._only.get(node, _UNREAD)
        if found is _UNREAD:
            only = node.child_element_count == 1
            found = self._only[node] = node.first_element_child if only else None
        return found  # type: ignore[return-value]

    def under_footer(self, node: Element | None) -> bool:
        """Whether the node or an ancestor of it below ``<body>`` is a ``<footer>``."""
        path: list[Element] = []
        current = node
        found = False
        while current is not None and self.tag(current) not in ("body", "html"):
            known = self._footer.get(current)
            if known is not None:
                found = known
                break
            path.append(current)
            if self.tag(current) == "footer":
                found = True
                break
            current = self.parent(current)
        for visited in path:
            self._footer[visited] = found
        return found


_UNREAD = object()


def _holds_media(node: Element) -> bool:
    """A figure, caption or photo gallery: long captions are text blocks, not the story.

    >>> from resiliparse.parse.html import HTMLTree
    >>> tree = HTMLTree.parse("<div class='hst-resgallery'><p>x</p></div>")
    >>> _holds_media(tree.body.first_element_child)
    True
    """
    if node.tag in _MEDIA_TAGS:
        return True
    if node.tag in _STORY_TAGS:
        return False  # ``<article class="post js-post-gallery">``: a story with a gallery
    names = (node.getattr("class") or "").lower()
    return any(needle in names for needle in _MEDIA_NEEDLES)


_NOTICE_NEEDLES = ("cookie", "consent", "gdpr")
# The page's chrome by its own tag: a site footer's "about us" text or a sidebar widget can
# outscore a short story, and is never one. Some themes set the whole story in an <aside>,
# so only an element in one of its nearest levels is a widget.
_CHROME_TAGS = frozenset({"nav", "footer"})
ASIDE_LEVELS = 2
NOTICE_LEVELS = 4  # the element and its nearest ancestors (not a page-wide wrapper)


def _holds_notice(node: Element, above: _Above | None = None) -> bool:
    """A form, or inside a cookie notice or a comment: its text is not the story.

    Only the element itself is checked for ``<form>`` (ASP.NET pages wrap the whole
    page in one), and only ``NOTICE_LEVELS`` elements for a notice's class names.

    >>> from resiliparse.parse.html import HTMLTree
    >>> tree = HTMLTree.parse("<div class='avia-cookie-consent-wrap'><p>x</p></div>")
    >>> _holds_notice(tree.body.first_element_child)
    True
    """
    above = above or _Above()
    if above.tag(node) == "form":
        return True
    current: Element | None = node
    for _ in range(NOTICE_LEVELS):
        if current is None or above.tag(current) in ("body", "html"):
            return False
        if above.is_notice(current):
            return True
        current = above.parent(current)
    return False


def _names_a_notice(names: str) -> bool:
    """Whether lower-cased class names are a cookie notice's or a reader's comment's."""
    if any(needle in names for needle in _NOTICE_NEEDLES):
        return True
    # a reader's comment (``li.comment``, ``div.comment-body``)
    return any(name == "comment" or name.startswith("comment-") for name in names.split())


def _in_chrome(node: Element, above: _Above | None = None) -> bool:
    """Inside the page's chrome: a ``<nav>``, a ``<footer>`` or a sidebar ``<aside>``.

    A ``<nav>`` counts within ``NOTICE_LEVELS`` elements (one further up is a theme's page
    wrapper), an ``<aside>`` within ``ASIDE_LEVELS``, a ``<footer>`` at any depth (a page
    builder nests a footer's text column eight levels deep). The ancestors are walked once
    (asking each of the page's footers whether it holds the node cost containers x footers).

    >>> from resiliparse.parse.html import HTMLTree
    >>> tree = HTMLTree.parse("<aside class='widget'><div><p>x</p></div></aside>")
    >>> _in_chrome(tree.body.query_selector("div"))
    True
    """
    above = above or _Above()
    current: Element | None = node
    for level in range(NOTICE_LEVELS):
        if current is None:
            return False
        tag = above.tag(current)
        if tag in ("body", "html"):
            return False
        if tag in _CHROME_TAGS or (tag == "aside" and level < ASIDE_LEVELS):
            return True
        current = above.parent(current)
    return above.under_footer(current)


def _containers(blocks: dict[Element, Block]) -> dict[Element, tuple[int, int]]:
    """Container element → (score, document index of its first block).

    Containers in the page's chrome (``_in_chrome``) count only when the page has no
    other: a theme that sets the whole page in a ``<nav>`` or the story in
    ``<main><aside>`` still has a story container.
    """
    scores: dict[Element, tuple[int, int]] = {}
    chrome: dict[Element, tuple[int, int]] = {}
    media: set[Element] = set()  # containers already found to be figures or galleries
    above = _Above()
    for block in blocks.values():
        if block.score <= 0:
            continue
        node = block.container = _container_of(block.node, above)
        if node is None or node.tag in ("html", "#document") or node in media:
            continue
        target = scores
        if node in chrome:
            target = chrome
        elif node not in scores:
            if _holds_media(node) or _holds_notice(node, above):
                media.add(node)
                continue
            if _in_chrome(node, above):
                target = chrome
        score, first = target.get(node, (0, block.index))
        target[node] = (score + block.score, min(first, block.index))
    return scores or chrome


def _find_heading(ordered: Sequence[Element], hints: Sequence[str]) -> Element | None:
    headings = [n for n in ordered if n.tag in HEADING_TAGS]
    # Each heading's words are read once, on first need, not once per hint.
    words: list[str | None] = [None] * len(headings)
    for hint in hints:
        wanted = _comparable(hint)
        if not wanted:
            continue  # matches no heading
        for i, node in enumerate(headings):
            heading = words[i]
            if heading is None:
                heading = words[i] = _comparable(text_of(node))
            if _same_words(heading, wanted):
                return node
    return None


# Class and id words of a site's own title or logo (``<h1 class="site-title">``), set
# around its name in the page's header.
_SITE_NAME_NEEDLES = ("site-title", "site-name", "sitename", "logo", "brand", "masthead")
FIRST_PART_LEVELS = 3  # the heading and its nearest ancestors, read for a link or a logo
# Headings named by a title's first part that reach the container checks, at most. A real
# page has one or two (the site's name in its header, the story's headline); a hostile
# page can have thousands, and each check reads every container and the page up to the
# one it picks (16,000 such headings took 16 s).
FIRST_PART_TRIES = 16


def _names_the_site_or_links(node: Element) -> bool:
    """A heading that is a link (a rail's teaser), or the site's title or logo.

    The heading and its ``FIRST_PART_LEVELS - 1`` nearest ancestors are read: an ``<a>``
    around the heading, or a class or id of ``_SITE_NAME_NEEDLES``.

    >>> from resiliparse.parse.html import HTMLTree
    >>> tree = HTMLTree.parse("<h1 class='site-title'>Celeb Buzz Daily</h1><h3>A B C</h3>")
    >>> [_names_the_site_or_links(h) for h in select(tree.body, "h1, h3")]
    [True, False]
    """
    if node.query_selector("a[href]") is not None:
        return True
    current: Element | None = node
    for _ in range(FIRST_PART_LEVELS):
        if current is None or current.tag in ("body", "html"):
            return False
        if current.tag == "a" and current.getattr("href") is not None:
            return True
        names = f"{current.getattr('class') or ''} {current.getattr('id') or ''}".lower()
        if any(needle in names for needle in _SITE_NAME_NEEDLES):
            return True
        current = current.parent_element
    return False


def _find_first_part_heading(
    ordered: Sequence[Element],
    first_parts: Sequence[str],
    scores: dict[Element, tuple[int, int]],
    counts: dict[Element, int],
) -> Element | None:
    """The heading a title's first part names, when it can be the story's headline.

    A first part ("Story | A Longer Site Name") is a guess: it may be the site's name
    ("Celeb Buzz Daily | Story"), a category ("Celebrity News Today | Story") or the
    words of a teaser in a rail ("Heartbreaking News For Fans - Story"). A heading it
    names is not taken when it is a link, the site's title or logo, inside the page's
    chrome, below a story (a container holding ``CONTAINER_SHARE`` of the best score
    starts above it and does not hold it), or above an ``<h1>`` that lies before the
    story container it would head (a category label or a teaser over the story's own
    headline). Past ``FIRST_PART_TRIES`` headings that reach that last check, the page is
    taken to have none.
    """
    best = max((score for score, _ in scores.values()), default=0)
    # The story-sized containers by their first block, for ``_below_a_story``.
    strong = sorted(
        ((f, n) for n, (s, f) in scores.items() if s >= CONTAINER_SHARE * best),
        key=lambda pair: pair[0],
    )
    headings = [(at, n) for at, n in enumerate(ordered) if n.tag in HEADING_TAGS]
    above = _Above()  # the headings' walks up to <body> pass the same wrappers
    tries = 0
    for hint in first_parts:
        for at, node in headings:
            if not _matches(text_of(node), hint):
                continue
            if (
                _names_the_site_or_links(node)
                or _in_chrome(node, above)
                or _below_a_story(node, at, strong)
            ):
                continue
            tries += 1
            if tries > FIRST_PART_TRIES:
                return None
            picked = _pick_container(scores, node, at, counts)
            if picked is not None and any(
                n.tag == "h1" and not picked[0].contains(n) for n in ordered[at + 1 : picked[1]]
            ):
                continue
            return node
    return None


def _below_a_story(node: Element, at: int, strong: list[tuple[int, Element]]) -> bool:
    """Whether a story-sized container starts above ``node`` (at ``at``) and does not hold it.

    ``strong``: the containers of at least ``CONTAINER_SHARE`` of the best score, sorted by
    their first block. Those that start above the node and hold it are its ancestors, so
    the answer is read from at most its depth + 1 of them, not from every container.
    """
    for first, container in strong:
        if first >= at:
            return False
        if not container.contains(node):
            return True
    return False


def _pick_container(
    scores: dict[Element, tuple[int, int]],
    heading: Element | None,
    after: int,
    counts: dict[Element, int] | None = None,
) -> tuple[Element, int] | None:
    """The story container: the first strong container after the headline.

    "Strong" is half the best score, capped at ``STRONG_CHARS`` so that a short story
    followed by a long appended one is still chosen over it. A container of a single
    block under half the best score is a dek, a summary box or a hero caption under the
    headline, not a story (``counts``: story blocks per container). With no headline, such
    a short container must also hold ``HEADLESS_PAGE_SHARE`` of the page's scored text.
    """
    if not scores:
        return None
    later = {
        n: s
        for n, s in scores.items()
        if s[1] > after or (heading is not None and n.contains(heading))
    } or scores
    best = max(score for score, _ in later.values())
    strong = min(CONTAINER_SHARE * best, STRONG_CHARS)
    full = CONTAINER_SHARE * best
    # With no headline found, nothing says where the story starts: a short container
    # (a summary box, a table of contents) is taken ahead of the best one only when it
    # holds a fair share of the page's text.
    least = 0 if heading is not None else HEADLESS_PAGE_SHARE * sum(s for s, _ in later.values())
    first, node = min(
        (
            (f, n)
            for n, (s, f) in later.items()
            if s >= full
            or (s >= strong and s >= least and (counts is None or counts.get(n, 0) > 1))
        ),
        key=lambda pair: pair[0],
    )
    return node, first


def _separates_posts(heading: Element) -> bool:
    """A heading that starts a post of its own rather than a section of this one.

    An ``<h1>``, a headline with a link, or a full story title: subheads are short
    ("The Moment Everything Changed"), appended stories' titles are not.
    """
    if heading.tag == "h1" or heading.query_selector("a[href]") is not None:
        return True
    text = text_of(heading)
    return len(text.split()) >= STORY_TITLE_WORDS and markers.is_headline(text)


def _widen(
    container: Element,
    scores: dict[Element, tuple[int, int]],
    ordered: Sequence[Element],
    title: Element | None,
) -> tuple[Element, set[Element]]:
    """Widen the container to a near ancestor when the story continues in sibling parts.

    Page builders and section-wrapped subheads split one story over sibling containers
    (``<section><h2>…</h2><p>…</p></section>`` three times, or one text widget per part). The
    story then spans them, unless a heading between them starts another post.
    """
    score, first = scores[container]
    ancestor = container.parent_element
    # A container picked although it scores under half the page's best (a summary or
    # TL;DR box above the body, ``_pick_container``'s short story) looks one level
    # further: the body it summarises sits in a sibling section of the same article.
    short = score < CONTAINER_SHARE * max(s for s, _ in scores.values())
    for _ in range(SHORT_PICK_LEVELS if short else MAX_WIDEN_LEVELS):
        if ancestor is None or ancestor.tag in ("body", "html"):
            break
        parts = {
            n
            for n, (s, f) in scores.items()
            if n is not container
            and f > first
            and s >= WIDEN_SHARE * score
            and ancestor.contains(n)
            and not container.contains(n)
        }
        if parts:
            last = max(scores[n][1] for n in parts)
            between = (
                n
                for n in ordered[first:last]
                if n.tag in HEADING_TAGS and n is not title and ancestor.contains(n)
            )
            if any(_separates_posts(h) for h in between):
                break
            nested = {n for n in scores if ancestor.contains(n) and scores[n][1] >= first}
            return ancestor, {container, ancestor, *nested}
        ancestor = ancestor.parent_element
    return _join_same_parts(container, scores, ordered, title)


MAX_PART_LEVELS = 8


def _join_same_parts(
    container: Element,
    scores: dict[Element, tuple[int, int]],
    ordered: Sequence[Element],
    title: Element | None,
) -> tuple[Element, set[Element]]:
    """Join later parts of the story that carry the container's own tag and class.

    Templates that set a pull quote, a newsletter box or an image rail between parts of
    a story close the text element and open another of the same class
    (``div.post__content`` three times); their common ancestor can sit many levels up,
    and it holds sidebars too, so only the parts themselves become the story's members.
    A heading between them that starts another post (``_separates_posts``: an appended
    story uses the same template) keeps them apart.
    """
    names = container.getattr("class")
    score, first = scores[container]
    parts = [
        n
        for n, (s, f) in scores.items()
        if names
        and n is not container
        and f > first
        and s >= WIDEN_SHARE * score
        and n.tag == container.tag
        and n.getattr("class") == names
    ]
    if not parts:
        return container, {container}
    last = max(scores[n][1] for n in parts)
    between = (n for n in ordered[first:last] if n.tag in HEADING_TAGS and n is not title)
    if any(_separates_posts(h) for h in between):
        return container, {container}
    ancestor = container.parent_element
    for _ in range(MAX_PART_LEVELS):
        if ancestor is None or ancestor.tag in ("body", "html"):
            break
        if all(ancestor.contains(n) for n in parts):
            return ancestor, {container, *parts}
        ancestor = ancestor.parent_element
    return container, {container}


def _heads_text(heading: Element, scores: dict[Element, tuple[int, int]], after: int) -> bool:
    """Whether a headline has text of its own under it, in its nearest wrappers.

    The containers after it (or holding it) within ``H1_SCOPE_LEVELS`` ancestors score
    ``LATE_HEADING_SHARE * STRONG_CHARS`` together: a post's <h1> over a short story
    does; a republish box's <h1> over a byline does not (the sidebar widgets and cookie
    texts after the box lie further out).

    A theme may set its header's <h1> six ``<div>`` levels deep, the story in the header's
    sibling: wrappers that hold no scored text then do not count, and the
    ``H1_SCOPE_LEVELS`` start at the nearest that holds any (within ``MAX_EMPTY_WRAPPERS``).
    That wider scope counts only when the text after the headline in it is its main text,
    as much as the best container before the headline in the same levels: a hidden box's
    <h1> below the story, followed by a "more news" rail or a cookie text, heads neither.

    Cost: ``contains`` (a walk in C) per scored container and level, as many levels as it
    takes, at most ``MAX_EMPTY_WRAPPERS + H1_SCOPE_LEVELS``; no Python walk up the tree.
    """
    wanted = LATE_HEADING_SHARE * STRONG_CHARS
    left = dict(scores)  # the containers not yet met in a wrapper
    total = 0  # scored text after the headline from level 1 (the four-level scope)
    start = 0  # the nearest level that holds any scored container
    held = 0  # scored text after the headline from ``start`` on
    before = 0  # the best container before the headline from ``start`` on
    ancestor = heading.parent_element
    level = 0
    while ancestor is not None and ancestor.tag not in ("body", "html") and left:
        level += 1
        if start:
            if level >= start + H1_SCOPE_LEVELS:
                break
        elif level > MAX_EMPTY_WRAPPERS + 1:
            break
        inside = [n for n in left if ancestor.contains(n)]
        if inside and not start:
            start = level
        for node in inside:
            score, first = left.pop(node)
            mine = first > after or node.contains(heading)  # after it, or holding it
            if level <= H1_SCOPE_LEVELS and mine:
                total += score
            if mine:
                held += score
            else:
                before = max(before, score)
        if level <= H1_SCOPE_LEVELS and total >= wanted:
            return True
        ancestor = ancestor.parent_element
    return bool(start) and held >= wanted and held >= before


def find_story_anchor(
    body: Element,
    hints: Sequence[str],
    markup: str | None = None,
    first_parts: Sequence[str] = (),
    *,
    has_br: bool | None = None,
) -> StoryAnchor:
    """Locate the headline and the story container on a page.

    Args:
        body: the page's ``<body>``.
        hints: the page's own idea of its title (og:title, <title> parts), best first.
        markup: the page's HTML, when at hand (lets the ``<br>`` queries be skipped).
        first_parts: the first parts of the page's titles, tried when no hint names a
            heading (see ``_find_first_part_heading``).
        has_br: whether ``markup`` holds a ``<br>`` tag, when the caller has looked
            (``dom.sought_tags``); else ``markup`` is searched for one.

    Returns:
        The anchor; ``heading``/``container`` are None when nothing fits. A second story
        is not looked for yet (see ``second.find_second_story``).
    """
    ordered, blocks = _collect(body, markup, has_br)
    heading = _find_heading(ordered, hints)
    scores = _containers(blocks)
    counts: dict[Element, int] = {}
    for block in blocks.values():
        if block.score > 0 and block.container is not None:
            counts[block.container] = counts.get(block.container, 0) + 1
    if heading is None and first_parts:
        heading = _find_first_part_heading(ordered, first_parts, scores, counts)
    after = ordered.index(heading) if heading is not None else -1
    if heading is not None and scores:
        # A teaser of this story (an <h3> in a sidebar tab) can match the page's title
        # below the story itself: a headline after which the page holds a small share
        # of its best text is no headline of the story. A container whose first block
        # is above the headline does not count as after it, even when it holds the
        # headline: a story container with text above its <h2> headline (a category
        # line) loses the headline too, and the extract then opens with that text. Counting
        # such containers as after the headline moved 9 development pages, 8 of them down.
        # An <h1> is the page's headline unless it too is followed by little while a
        # story-sized container (``STRONG_CHARS``) lies before it: one set in a hidden
        # "republish this story" box below the story. A container holding an <h1> counts
        # as after it (the story's wrapper often opens with a category line). An <h1>
        # that heads text of its own (``_heads_text``) stays the headline whatever the
        # rest of the page holds: a short story below a long block of other news.
        best = max(s for s, _ in scores.values())
        h1 = heading.tag == "h1"
        if (
            (not h1 or best >= STRONG_CHARS)
            and all(
                s < LATE_HEADING_SHARE * best
                for n, (s, f) in scores.items()
                if f > after or (h1 and n.contains(heading))
            )
            and not (h1 and _heads_text(heading, scores, after))
        ):
            heading, after = None, -1
    picked = _pick_container(scores, heading, after, counts)
    container = picked[0] if picked else None
    if heading is None and picked is not None:
        above = [n for n in ordered[: picked[1]] if n.tag in ("h1", "h2")]
        heading = above[-1] if above else None
    members: set[Element] = set()
    if container is not None:
        container, members = _widen(container, scores, ordered, heading)
    # The story's own blocks: those that scored for the container (or its parts), not
    # teaser excerpts nested deeper inside it (a rail placed within the story wrapper).
    story = [b for b in blocks.values() if b.container in members]
    return StoryAnchor(
        heading=heading,
        container=container,
        title=text_of(heading) if heading is not None else "",
        blocks=tuple(
            (b.node, line) for b in story if b.score > 0 for line in (b.lines or (b.text,))
        ),
        page_chars=sum(max(b.score, 0) for b in blocks.values()),
        layout=Layout(body, ordered, blocks, max((b.index for b in story), default=-1)),
    )
