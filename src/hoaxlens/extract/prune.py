"""Delete page furniture from the parsed tree before its text is extracted.

Elements are picked by CSS selectors that name furniture in the common WordPress farm
themes (tagDiv Newspaper, JNews, Elementor, ZoxPress) and in generic class vocabulary
("related", "share", "cookie", "comment", ...). Matching is by substring, so a selector
can hit a wrapper that also holds the story: the guard therefore never deletes an
element that contains the headline or the story container, nor one inside the
container that holds more than ``MAX_INNER_SHARE`` of the story's text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from resiliparse.parse.html import NodeType

from hoaxlens.extract import markers
from hoaxlens.extract.dom import Holders, select, text_of

if TYPE_CHECKING:
    from resiliparse.parse.html import Node

    from hoaxlens.extract.anchor import StoryAnchor
    from hoaxlens.extract.dom import Element

MAX_INNER_SHARE = 0.35
# A sign-up box: the wrappers around an e-mail field, up to the last that holds at most
# this much text (its pitch, consent line, "Thanks for signing up!"); a wrapper holding
# more is the page or the story around the box.
SIGNUP_BOX_CHARS = 400
MAX_SIGNUP_FIELDS = 32  # a page of thousands of fields boxes its first few
_EMAIL_FIELD = re.compile(r"""type\s*=\s*["']?email""", re.IGNORECASE)
# Its '=' and what follows: a literal first character, which the search finds at C speed
# (IGNORECASE on the whole pattern leaves none: ~1 ms on an AEB page, a tenth of the fast path).
_EQUALS_EMAIL = re.compile(r"""=\s*["']?(?i:email)""")
# A share bar or scroll marker holds a few words; an element that matched their selectors
# but holds prose is something else ("entry-content no-share" wraps a whole story).
MAX_TEXT_CHARS = {"share-buttons": 300, "scroll-marker": 200, "cookie-banner": 1500}


@dataclass(frozen=True, slots=True)
class _Furniture:
    """One kind of furniture: substrings of class/id values, and tags or roles."""

    kind: str
    needles: tuple[str, ...]
    tags: tuple[str, ...] = ()


# The first kind whose needles match names what a removed element was. Needles are few
# and broad on purpose ("shar" stands for share/sharing): lexbor pays for each selector
# on every element (about 0.15 ms per selector on a 3,000-element page), and
# materialising each match as a Python object costs more, so each selector only returns
# outermost matches. Navigation, footers and sidebars ("page-chrome") are matched by tag
# and role only: resiliparse's main-content filter already drops them by class name.
# Page chrome is removed like the rest but not reported: it says nothing about the page.
FURNITURE: tuple[_Furniture, ...] = (
    _Furniture(
        "teaser-rail",
        (
            "related",
            "popular",
            "trending",
            "recommend",
            "you-may",
            "more-stories",
            "more-news",
            "post-more",
            "read-also",
            "yarpp",
            "elementor-posts",
        ),
    ),
    _Furniture("share-buttons", ("shar", "social")),
    _Furniture("cookie-banner", ("cookie", "consent", "gdpr")),
    _Furniture("comment-form", ("comment", "respond"), ("form",)),
    _Furniture(
        "scroll-marker",
        ("load-more", "loadmore", "load_more", "infinite", "inf-end", "inf-more", "autoload_end"),
    ),
    _Furniture(
        "page-chrome",
        (
            "sidebar",
            "footer",
            "crumb",
            "caption",
            "gallery",
            "slideshow",
            "byline",
            "author",
            "newsletter",
            "subscri",
            "timestamp",
            "tag-list",
            "outbrain",
            "taboola",
            "advert",
            "video-js",
            "vjs-",
            "banner",
            "rating",
            "most-popular",
            "more-on",
            "paywall",
            "promo",
            "signup",
            "sign-up",
            # Calls to action (donate, join, book a demo): "-cta", not "cta", which
            # "factbox" and "octave" hold.
            "-cta",
            "cta-",
            "cta_",
            "_cta",
            "donat",
            # The site's standing notice (affiliate links, opinions not the site's, not
            # medical advice): the development sets' gold leaves it out; AEB's keeps some.
            "disclaimer",
        ),
        (
            "nav",
            "aside",
            "footer",
            "header",
            "figure",
            "figcaption",
            "button",
            '[role="navigation" i]',
            '[role="contentinfo" i]',
            '[role="complementary" i]',
        ),
    ),
)


# Lower-case ``class`` with either quote, in one pass: no IGNORECASE and no \b, which make
# Python's regex engine ten times slower on a 150 KB page.
# The value is taken with its quotes (one group, so ``findall`` returns strings, not pairs):
# a needle holds no quote, so it lies within a class name with or without them.
_CLASS_VALUE = re.compile(r"""class\s*=\s*("[^"]*"|'[^']*')""")
# HTML tag names are case-insensitive: "<DETAILS" opens a disclosure widget too. A plain
# literal with IGNORECASE scans as fast as ``in`` (~0.4 ms on an 850 KB page).
_DETAILS_TAG = re.compile("<details", re.IGNORECASE)


def _selector(markup: str | None) -> str:
    """One CSS selector list for all furniture, outermost matches only.

    Needles that occur in none of the page's ``class`` values are left out: one regular
    expression over the markup costs far less than a selector tried on every element.
    """
    classes = None
    if markup is not None:
        found = " ".join(_CLASS_VALUE.findall(markup))
        # Each class name once (a needle holds no white space, so it lies within one):
        # a long page repeats a few hundred names thousands of times. Lower-cased once
        # they are few (a name in two cases is then there twice, which is no matter).
        classes = " ".join(set(found.split())).lower()
    parts = [part for n, part in _NEEDLE_PARTS if classes is None or n in classes]
    return ", ".join([*parts, _TAG_PARTS])


def _outermost(selector: str) -> str:
    return f"{selector}:not({selector} *)"


# ``_selector``'s parts, written once: each needle's, and the tags' (always all of them).
_NEEDLE_PARTS = tuple((n, _outermost(f'[class*="{n}" i]')) for f in FURNITURE for n in f.needles)
_TAG_PARTS = ", ".join(_outermost(tag) for f in FURNITURE for tag in f.tags)


_TAG_KINDS = {tag: f.kind for f in FURNITURE for tag in f.tags if tag.isalpha()}
# Each kind's needles as one pattern: a search in C instead of a loop over ~50 needles.
_KIND_NEEDLES = tuple((f.kind, re.compile("|".join(map(re.escape, f.needles)))) for f in FURNITURE)
_ANY_NEEDLE = re.compile("|".join(re.escape(n) for f in FURNITURE for n in f.needles))
REPORTED_KINDS = tuple(f.kind for f in FURNITURE if f.kind != "page-chrome")


@dataclass(frozen=True, slots=True)
class PruneResult:
    """What was deleted: reported furniture kinds, and the story blocks still standing."""

    kinds: tuple[str, ...]
    story_blocks: tuple[str, ...]  # texts of the story container's blocks after pruning


def _kind(node: Element) -> str:
    """The furniture kind of a matched element, from its class and id (cheap, in Python)."""
    names = f"{node.getattr('class') or ''} {node.getattr('id') or ''}".lower()
    for kind, needles in _KIND_NEEDLES:
        if needles.search(names):
            return kind
    return _TAG_KINDS.get(node.tag or "", "page-chrome")


def _is_protected(node: Element, anchor: StoryAnchor, story_chars: int) -> bool:
    if any(node.contains(kept) for kept in anchor.protected):
        return True
    container = anchor.container
    return (
        container is not None
        and container.contains(node)
        and len(text_of(node)) > MAX_INNER_SHARE * story_chars
    )


def plan_pruning(body: Element, anchor: StoryAnchor, markup: str | None = None) -> list[Element]:
    """The outermost furniture elements that are safe to delete, in document order.

    Args:
        body: the page's ``<body>``.
        anchor: where the story is; its elements and their ancestors are never planned.
        markup: the page's HTML, when at hand, to skip needles it does not contain.
    """
    story_chars = sum(len(text) for _, text in anchor.blocks)
    plan: list[Element] = []
    for node in select(body, _selector(markup)):
        if plan and plan[-1].contains(node):
            continue  # inside an element already planned for deletion
        if _is_protected(node, anchor, story_chars):
            continue
        if _is_code_token(node):
            node.delattr("class")  # not furniture, nor for resiliparse's comment filter
            continue
        limit = MAX_TEXT_CHARS.get(_kind(node))
        if limit is None or len(text_of(node)) <= limit:
            plan.append(node)
    if markup is None or has_email_field(markup):
        plan = _with_signup_boxes(body, anchor, plan, story_chars)
    return plan


def _is_code_token(node: Element) -> bool:
    """Whether ``node`` is a token of highlighted code (a ``<span>`` in ``<pre>``/``<code>``).

    Such a span is part of the code whatever its class says. Syntax highlighters mark a
    code comment ``<span class="hljs-comment">`` (highlight.js) or ``<span class="token
    comment">`` (Prism): named like a reader's comment for this pruning and for
    resiliparse's comment filter alike, which dropped the comments of a tutorial's code,
    and sometimes the code block around them; ``plan_pruning`` takes its class off.
    """
    return node.tag == "span" and node.closest("pre, code") is not None


def has_email_field(markup: str) -> bool:
    r"""``_EMAIL_FIELD.search(markup) is not None``, tried only where ``=…email`` stands.

    A match's ``=`` starts a ``_EQUALS_EMAIL`` match, whose text holds no other ``=``; the
    white space before that ``=`` (``\s`` is ``str.isspace``) leads back to where ``type``
    must start, and the whole pattern is matched there. Each stretch of white space is
    walked once: linear in the markup.

    >>> has_email_field('<input TYPE = "Email">'), has_email_field("<a href='mailto:x'>")
    (True, False)
    """
    for m in _EQUALS_EMAIL.finditer(markup):
        at = m.start()
        while at and markup[at - 1].isspace():
            at -= 1
        if at >= 4 and _EMAIL_FIELD.match(markup, at - 4) is not None:
            return True
    return False


def _with_signup_boxes(
    body: Element, anchor: StoryAnchor, plan: list[Element], story_chars: int
) -> list[Element]:
    """``plan`` with each e-mail field's sign-up box (``SIGNUP_BOX_CHARS``) added.

    The ``<form>`` alone is furniture already; its pitch and status lines sit beside it
    ("Be the first to know!", "Thank you! Your submission has been received!") under a
    wrapper named for no furniture. A box inside a planned element is left to it; the
    story's protected elements are never boxed.
    """
    boxes: list[Element] = []
    for field in select(body, 'input[type="email" i]')[:MAX_SIGNUP_FIELDS]:
        box: Element | None = None
        node = cast("Element | None", field.parent)
        while node is not None and node.tag not in ("body", "html"):
            if len(text_of(node)) > SIGNUP_BOX_CHARS or _is_protected(node, anchor, story_chars):
                break
            box = node
            node = cast("Element | None", node.parent)
        if box is None or _kind(box) != "page-chrome":
            continue  # named as furniture, and left by its kind's text limit
        if not any(b.contains(box) for b in boxes):
            boxes = [b for b in boxes if not box.contains(b)]
            boxes.append(box)
    # Planned elements inside a box stay planned (and reported, as a form is), deleted
    # before the box that holds them.
    if not boxes:
        return plan
    planned = Holders(plan)  # a page's thousands of planned elements: no pairs asked
    return plan + [b for b in boxes if not planned.hold(b)]


def _has_text(node: Element) -> bool:
    """``bool(text_of(node))``: the text holds a character that is not white space."""
    text = node.text or ""
    return not text.isspace() and text != ""


def prune_furniture(anchor: StoryAnchor, plan: list[Element]) -> PruneResult:
    """Delete planned furniture and a proven second story from the tree.

    Args:
        anchor: where the story is (``find_story_anchor`` then ``find_second_story``).
        plan: from ``plan_pruning``.

    Returns:
        The furniture kinds removed (only kinds with visible text count) and the story
        blocks that survived.
    """
    # Only kinds with visible text count: ``text_of(node) != ""``, read without building
    # the collapsed text of a whole menu or footer.
    kinds = {_kind(node) for node in plan if _has_text(node)}
    branch = anchor.second_branch
    doomed = list(plan)
    if branch is not None and not Holders(plan).hold(branch):
        doomed.append(branch)
        kinds.add("second-article")
    # The story's blocks inside a doomed element go with it: looked up from each block's
    # ancestors (``Holders``), not asked of every doomed element (blocks x doomed).
    inner = Holders(
        n for n in doomed if anchor.container is not None and anchor.container.contains(n)
    )
    story = tuple(text for node, text in anchor.blocks if not (inner and inner.hold(node)))
    for node in doomed:
        node.decompose()
    ordered = (*REPORTED_KINDS, "second-article")
    return PruneResult(kinds=tuple(k for k in ordered if k in kinds), story_blocks=story)


# Posts quoted in a story (an embedded tweet or Instagram post) are part of what it reports;
# resiliparse's main-content filter drops them for their class names ("twitter").
EMBEDDED_POSTS = ("twitter-tweet", "instagram-media", "tiktok-embed")
_EMBEDDED = ", ".join(f'blockquote[class*="{name}" i]' for name in EMBEDDED_POSTS)


def keep_embedded_posts(body: Element, markup: str) -> None:
    """Rename the class of embedded-post blockquotes so that the extractor keeps them.

    Args:
        body: the page's ``<body>`` (changed in place).
        markup: the page's HTML; the tree is queried only when it names an embed.
    """
    if not any(name in markup for name in EMBEDDED_POSTS):
        return
    for node in select(body, _EMBEDDED):
        node.setattr("class", "embedded-post")


def prune_copy(body: Element, markup: str, lead: str) -> None:
    """Delete furniture from a copy of the story container, sparing the story's lead.

    Used when the container itself is extracted (``fast.container_lines``): the guards of
    ``plan_pruning`` protected whatever held much of the container's text, a comment
    thread included; here a comment thread goes whatever its size, other furniture only
    when it holds at most ``MAX_INNER_SHARE`` of the copy's text, and never the element
    holding the story's first line.

    Args:
        body: the copy's ``<body>`` (changed in place).
        markup: the copy's HTML (to skip needles it does not contain).
        lead: the story's first text block ("" spares nothing).
    """
    wanted = "".join(lead.split())
    total = len(text_of(body))
    for node in select(body, _selector(markup)):
        text = text_of(node)
        if wanted and wanted in "".join(text.split()):
            continue
        kind = _kind(node)
        if kind != "comment-form" and len(text) > MAX_INNER_SHARE * total:
            continue  # a wrapper of the story named like furniture ("infinite-scroll-item")
        limit = MAX_TEXT_CHARS.get(kind)
        if limit is None or len(text) <= limit:
            node.decompose()


FURNITURE_PATH_LEVELS = 3


def named_like_furniture(node: Element) -> bool:
    """Whether an element or one of its nearest ancestors is named like furniture.

    A story container picked inside ``#comments`` or ``.sidebar`` is a comment thread or
    a rail that outscored a short story: a fast extract that misses it has most likely
    found the story elsewhere. Up to ``FURNITURE_PATH_LEVELS`` elements are read.
    """
    current: Element | None = node
    for _ in range(FURNITURE_PATH_LEVELS):
        if current is None or current.tag in ("body", "html"):
            return False
        names = f"{current.getattr('class') or ''} {current.getattr('id') or ''}".lower()
        if _ANY_NEEDLE.search(names):
            return True
        current = current.parent_element
    return False


_BLOCK_CHILD = "p, div, section, article, ul, ol, table, blockquote, h1, h2, h3, h4, h5, h6"


def flatten_ruby(body: Element) -> None:
    """Drop ruby readings and join the annotated words back into their sentence.

    Japanese pages set each kanji's reading above it (``<ruby>子<rt>こ</rt></ruby>``); the
    reading would be printed inside the word, and resiliparse's main-content filter
    drops the one-character base texts the annotations split the sentence into. The
    readings (``<rt>``, ``<rp>``) are deleted and each paragraph holding ruby is set to
    its plain text (paragraphs only: an element with blocks inside keeps its markup; one
    with ``<br>`` breaks becomes its text runs between them, so its lines stay apart).

    Args:
        body: the page's ``<body>`` (changed in place).
    """
    for node in select(body, "rt, rp"):
        node.decompose()
    parents = {node.parent_element for node in select(body, "ruby")}
    for parent in parents:
        if parent is None or parent.query_selector(_BLOCK_CHILD) is not None:
            continue
        if parent.query_selector("br") is None:
            parent.text = parent.text or ""
        else:  # the text runs between its <br> breaks, each one piece of text
            parent.html = "<br>".join(html.escape(run) for run in _runs_between_breaks(parent))


def _holds_break(element: Element) -> bool:
    return element.query_selector("br") is not None


def _children_last_first(node: Node) -> list[Node]:
    """The children of ``node``, its last child first.

    Walked by sibling links: resiliparse's ``child_nodes`` costs children squared.
    """
    children: list[Node] = []
    child = node.last_child
    while child is not None:
        children.append(child)
        child = child.previous_sibling
    return children


def _runs_between_breaks(element: Element) -> list[str]:
    """The text of ``element`` cut at each ``<br>`` inside it (at any depth)."""
    runs: list[str] = []
    current: list[str] = []
    stack = _children_last_first(element)
    while stack:
        node = stack.pop()
        if node.tag == "br":
            runs.append("".join(current))
            current = []
        elif node.type == NodeType.ELEMENT and _holds_break(cast("Element", node)):
            stack.extend(_children_last_first(node))
        else:
            current.append(node.text or "")
    runs.append("".join(current))
    return runs


def unhide_story_path(container: Element | None) -> None:
    """Drop ``class`` and ``id`` from the story container and every element above it.

    resiliparse's main-content filter deletes elements whose class or id reads like page
    chrome ("sidebar", "header", "meta", ...), with everything inside them. Themes put
    such names on wrappers of the whole page (``<body class="content-sidebar">``,
    ``<div id="header">`` around the layout), and the story then vanishes with its
    wrapper. The story's own path is known (``anchor``), and furniture was pruned by
    these names already (``plan_pruning``), so they are taken off that path only.

    Args:
        container: the story container (changed in place, with its ancestors).
    """
    node = container
    while node is not None:
        for name in ("class", "id"):
            if node.hasattr(name):
                node.delattr(name)
        node = node.parent_element


MAX_LIST_LINK_SHARE = 0.5  # a list mostly of links is a menu or a rail, not the story's
MIN_RAIL_ITEMS = 3
LINKED_ITEMS_SHARE = 0.3  # ... or a link in each item, links this share of its text
HEADLINE_ITEMS = 0.6  # a list of at least MIN_RAIL_ITEMS items, this share headline-cased


def _story_list(bulleted: Element, facts: dict[Element, _ListFacts] | None = None) -> bool:
    """Whether a bulleted list inside the story container reads as part of the story.

    Not when it is named like furniture, is mostly links, has a link in each of its
    items, or is a rail of headlines. ``facts`` (``_list_facts``), for containers with
    deeply nested lists, are the same counts read once: the subtree of each list not inside
    one read before is read when that list is asked about, and added to them.
    """
    names = f"{bulleted.getattr('class') or ''} {bulleted.getattr('id') or ''}".lower()
    if _ANY_NEEDLE.search(names):
        return False
    if facts is not None:
        if bulleted not in facts:  # not inside a list read before
            facts.update(_list_facts(bulleted))
        return _reads_as_story(facts[bulleted])
    text = len(text_of(bulleted))
    links = sum(len(text_of(a)) for a in select(bulleted, "a"))
    if not text or links > MAX_LIST_LINK_SHARE * text:
        return False
    items = [text_of(item) for item in select(bulleted, "li")]
    if len(items) < MIN_RAIL_ITEMS:
        return True
    if links > LINKED_ITEMS_SHARE * text and len(select(bulleted, "li:has(a)")) == len(items):
        return False  # a link in every item: other stories ("More great stories")
    return sum(markers.is_headline(item) for item in items) < HEADLINE_ITEMS * len(items)


def _reads_as_story(facts: _ListFacts) -> bool:
    """``_story_list``'s decision on a list's counts (its name aside)."""
    text, links, items = facts.chars, facts.link_chars, facts.items
    if not text or links > MAX_LIST_LINK_SHARE * text:
        return False
    if items < MIN_RAIL_ITEMS:
        return True
    if links > LINKED_ITEMS_SHARE * text and facts.linked_items == items:
        return False
    return facts.headlines < HEADLINE_ITEMS * items


# ``markers.is_headline`` wants 4-24 words after cutting a "Read more" and a date tail off
# the line's end, each found in its last 80 characters (at most 40 whole words), and the
# closing quotes (at most one word): a line of more words is no headline.
_HEADLINE_WORDS = 24 + 2 * 40 + 1


@dataclass(slots=True)
class _ListFacts:
    """What ``_story_list`` reads of an element's subtree, summed bottom-up.

    The text is that of ``text_of`` (squashed): its non-space characters and words, and
    whether it starts and ends inside a word (two texts joined there merge a word).
    """

    size: int = 0  # characters of the raw text
    solid: int = 0  # its non-space characters
    words: int = 0
    starts_word: bool = False
    ends_word: bool = False
    link_chars: int = 0  # squashed text of the <a> below, summed
    items: int = 0  # <li> below
    linked_items: int = 0  # <li> below holding an <a>
    headlines: int = 0  # <li> below whose text is a headline
    has_link: bool = False

    @property
    def chars(self) -> int:
        """``len(text_of(element))``."""
        return self.solid + max(self.words - 1, 0)

    def add_text(self, size: int, solid: int, words: int, starts: bool, ends: bool) -> None:
        """Append a text (its counts) to this one's end."""
        if not size:
            return
        merged = self.ends_word and starts
        if not self.size:
            self.starts_word = starts
        self.size += size
        self.solid += solid
        self.words += words - merged
        self.ends_word = ends


def _list_facts(root: Element) -> dict[Element, _ListFacts]:
    """``_ListFacts`` of ``root`` and each element inside it, read in one walk.

    Each list's own look at its text, links and items would read its whole subtree, and
    nested lists would read the page depth times (quadratic in the depth for the items).
    """
    elements: list[Node] = []  # in document order: each after all above it
    stack: list[Node] = [root]
    while stack:
        node = stack.pop()
        elements.append(node)
        child = node.last_child
        while child is not None:
            if child.type == NodeType.ELEMENT:
                stack.append(child)
            child = child.previous_sibling
    facts: dict[Element, _ListFacts] = {}
    for node in reversed(elements):
        mine = _ListFacts()
        child = node.first_child
        while child is not None:
            if child.type == NodeType.TEXT:
                value = child.text or ""
                words = value.split()
                solid = sum(map(len, words))
                starts = bool(value) and not value[0].isspace()
                ends = bool(value) and not value[-1].isspace()
                mine.add_text(len(value), solid, len(words), starts, ends)
            elif child.type == NodeType.ELEMENT:
                theirs = facts[cast("Element", child)]
                mine.add_text(
                    theirs.size, theirs.solid, theirs.words, theirs.starts_word, theirs.ends_word
                )
                mine.link_chars += theirs.link_chars
                mine.items += theirs.items
                mine.linked_items += theirs.linked_items
                mine.headlines += theirs.headlines
                mine.has_link = mine.has_link or theirs.has_link
                tag = child.tag
                if tag == "a":
                    mine.link_chars += theirs.chars
                    mine.has_link = True
                elif tag == "li":
                    mine.items += 1
                    mine.linked_items += theirs.has_link
                    if theirs.words <= _HEADLINE_WORDS:
                        mine.headlines += markers.is_headline(text_of(cast("Element", child)))
            child = child.next_sibling
        facts[cast("Element", node)] = mine
    return facts


# Lists nested three deep: without them each node is read by at most two lists and two
# items (the per-list reads, cheaper there than a walk of the lists in Python).
_NESTED = "ul ul ul, li li li"


def keep_story_lists(tree: Any, anchor: StoryAnchor) -> None:  # noqa: ANN401
    """Turn the story's bulleted lists into numbered ones, which the extractor keeps.

    resiliparse's main-content filter drops every ``<ul>`` (menus are bulleted lists), and
    with them the lists a story is written in (steps, ingredients, key points); ``<ol>``
    it keeps. Lists inside the story container, after its first story paragraph, that
    read as story (``_story_list``) are rebuilt as ``<ol>`` with the same children
    (``list_bullets=False`` prints no numbers). Lists above the story are chrome (date
    and print bars, share lists).

    Args:
        tree: the page's resiliparse ``HTMLTree`` (it creates the new elements).
        anchor: where the story is (its container's lists are changed in place).
    """
    container = anchor.container
    if container is None or not anchor.blocks or container.query_selector("ul") is None:
        return
    first = anchor.blocks[0][0]
    started = False
    # nested lists: each list's counts read once, not once per list above it
    facts: dict[Element, _ListFacts] | None = None
    if container.query_selector(_NESTED) is not None:
        facts = {}
    for node in select(container, "ul, p, div, blockquote"):
        started = started or node is first or node.contains(first)
        if not started or node.tag != "ul" or not _story_list(node, facts):
            continue
        parent = node.parent
        if parent is None:
            continue
        numbered = tree.create_element("ol")
        while (child := node.first_child) is not None:
            numbered.append_child(child)
        parent.replace_child(numbered, node)


def keep_disclosures(container: Element | None, markup: str) -> None:
    """Take the class and id off the story's ``<details>`` and their ``<summary>``.

    A disclosure widget inside the story container (an FAQ's answers, a transcript set
    under "Show more") is story text the reader opens; themes name it for what it does
    ("expandable", "collapse"), and resiliparse's main-content filter drops elements so
    named, with their text. Only ``<details>`` inside the container are changed.

    Args:
        container: the story container (changed in place), or None.
        markup: the page's HTML; the tree is queried only when it holds ``<details``
            (in any case).
    """
    if container is None or _DETAILS_TAG.search(markup) is None:
        return
    for node in select(container, "details, details > summary"):
        for name in ("class", "id"):
            if node.hasattr(name):
                node.delattr(name)
